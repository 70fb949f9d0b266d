"use client";

import { useState } from "react";
import { api, handlePath } from "@/lib/ui/api";
import { useSubmit } from "@/lib/ui/use-submit";
import type { Role } from "@/lib/ui/api-types";
import { canonicalizeEmail } from "@/lib/email/address";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { ROLE_HELP, RoleSelect } from "./role-select";

/** Invite by email; the person signs in with that address and lands in this handle. */
export function InviteMemberForm({ handle, actor, onInvited }: { handle: string; actor: Role; onInvited: (email: string) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("CREATOR");
  const { busy, problem, run, dismiss } = useSubmit();
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const canonical = canonicalizeEmail(email);
    setError(canonical ? null : "Give one plain email address.");
    if (!canonical) return;
    await run(async () => {
      await api(handlePath(handle, "members"), { method: "POST", body: { email: canonical, role }, action: `Inviting ${canonical}` });
      onInvited(canonical);
      setEmail("");
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <Field id="invite-email" label="Email" error={error} hint="They sign in with this address.">
        <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)}
          placeholder="colleague@brand.com" aria-invalid={error ? true : undefined}
          aria-describedby={error ? "invite-email-error" : "invite-email-hint"} className={inputClass} />
      </Field>
      <div>
        <label htmlFor="invite-role" className="mb-1.5 block text-sm font-medium text-slate-800">Role</label>
        <RoleSelect id="invite-role" label="Role" value={role} actor={actor} onChange={setRole} />
        <p className="mt-1.5 text-xs text-slate-500">{ROLE_HELP[role]}.</p>
      </div>
      {problem && <ProblemAlert problem={problem} onDismiss={dismiss} />}
      <Button type="submit" disabled={busy || !email} className="w-full">{busy ? "Adding…" : "Add member"}</Button>
    </form>
  );
}
