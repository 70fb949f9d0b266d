"use client";

import { useState } from "react";
import { api, asProblem, handlePath, type ApiProblem } from "@/lib/ui/api";
import { useApiResource } from "@/lib/ui/use-api-resource";
import type { MemberItem, Role } from "@/lib/ui/api-types";
import { formatDate } from "@/lib/ui/format";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Card, PageHeader } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SkeletonRows } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { InviteMemberForm } from "./invite-member-form";
import { RoleSelect } from "./role-select";

/** Who is on the handle and with which role; ADMIN+ only (the page checks, the API enforces). */
export function MembersView({ handle, actor, selfEmail }: { handle: string; actor: Role; selfEmail: string }) {
  const { data: members, setData: setMembers, problem, reload } = useApiResource(handlePath(handle, "members"), "Loading members", (r: { members: MemberItem[] }) => r.members);
  const [actionProblem, setActionProblem] = useState<ApiProblem | null>(null);
  const [removing, setRemoving] = useState<MemberItem | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const notify = useToast();

  async function changeRole(member: MemberItem, role: Role) {
    setSaving(member.userId);
    setActionProblem(null);
    try {
      await api(handlePath(handle, "members", member.userId), { method: "PATCH", body: { role }, action: `Changing ${member.email}'s role to ${role}` });
      setMembers((list) => list?.map((m) => (m.userId === member.userId ? { ...m, role } : m)) ?? list);
      notify(`${member.email} is now ${role.toLowerCase()}`);
    } catch (e) {
      setActionProblem(asProblem(e));
    } finally {
      setSaving(null);
    }
  }

  return (
    <>
      <PageHeader title="Members" description="Everyone who can work in this handle. Role changes apply from their next request." />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card title="Team" description={members ? `${members.length} ${members.length === 1 ? "member" : "members"}` : undefined} bodyClassName="">
          {actionProblem && <div className="p-4"><ProblemAlert problem={actionProblem} onDismiss={() => setActionProblem(null)} /></div>}
          {problem ? (
            <div className="p-4 sm:p-6"><ProblemAlert problem={problem} onRetry={reload} /></div>
          ) : !members ? (
            <SkeletonRows rows={2} label="Loading members" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {members.map((member) => {
                const self = member.email === selfEmail;
                const locked = member.role === "OWNER" && actor !== "OWNER";
                return (
                  <li key={member.userId} data-testid="member-row" className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:px-6">
                    <div className="flex min-w-0 flex-1 items-center gap-3">
                      <span aria-hidden className="grid h-9 w-9 shrink-0 place-items-center rounded-full bg-slate-100 text-sm font-semibold uppercase text-slate-600">{member.email.charAt(0)}</span>
                      <div className="min-w-0">
                        <p className="truncate text-sm font-medium text-slate-900">{member.email}{self && <span className="font-normal text-slate-500"> (you)</span>}</p>
                        <p className="text-xs text-slate-500">Joined {formatDate(member.createdAt)}</p>
                      </div>
                    </div>
                    <div className="flex items-center gap-2 pl-12 sm:pl-0">
                      <RoleSelect id={`role-${member.userId}`} label={`Role of ${member.email}`} value={member.role} actor={actor}
                        disabled={locked || saving === member.userId} onChange={(role) => changeRole(member, role)} className="w-full sm:w-36" />
                      <Button size="sm" variant="ghost" disabled={locked} onClick={() => setRemoving(member)}
                        aria-label={self ? "Leave this handle" : `Remove ${member.email}`} className="!text-red-600 hover:!bg-red-50">
                        {self ? "Leave" : "Remove"}
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title="Add a member">
          <InviteMemberForm handle={handle} actor={actor} onInvited={(email) => { notify(`${email} added`); reload(); }} />
        </Card>
      </div>
      <ConfirmDialog open={removing !== null} title={`Remove ${removing?.email ?? ""}?`}
        description="They lose access to this handle's files, docs and tokens at once."
        confirmLabel="Remove member" busyLabel="Removing…" onClose={() => setRemoving(null)}
        onConfirm={async () => {
          await api(handlePath(handle, "members", removing!.userId), { method: "DELETE", action: `Removing ${removing!.email}` });
          if (removing!.email === selfEmail) {
            window.location.assign("/dashboard"); // left the handle: nothing here is ours any more
            return;
          }
          notify(`${removing!.email} removed`);
          setRemoving(null);
          reload();
        }} />
    </>
  );
}
