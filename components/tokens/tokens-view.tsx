"use client";

import { useState } from "react";
import { api, handlePath } from "@/lib/ui/api";
import { useApiResource } from "@/lib/ui/use-api-resource";
import type { TokenItem } from "@/lib/ui/api-types";
import { ProblemAlert } from "../support/problem-alert";
import { Card, EmptyState, PageHeader } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { KeyIcon } from "../ui/icons";
import { SkeletonRows } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { CreateTokenForm, type CreatedToken } from "./create-token-form";
import { NewTokenReveal } from "./new-token-reveal";
import { TokensTable } from "./tokens-table";

/** Personal access tokens for scripts and CI: create (secret shown once), list, revoke. */
export function TokensView({ handle }: { handle: string }) {
  const { data: tokens, problem, reload } = useApiResource(handlePath(handle, "tokens"), "Loading tokens", (r: { tokens: TokenItem[] }) => r.tokens);
  const [fresh, setFresh] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<TokenItem | null>(null);
  const notify = useToast();

  return (
    <>
      <PageHeader title="API tokens"
        description={<>Personal access tokens let scripts and CI use the files API for <strong>{handle}</strong> as you. They stop working if your role drops below Creator.</>} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6 lg:order-1">
          {fresh && <NewTokenReveal token={fresh} onDismiss={() => setFresh(null)} />}
          <Card title="Tokens" bodyClassName="">
            {problem ? (
              <div className="p-4 sm:p-6"><ProblemAlert problem={problem} onRetry={reload} /></div>
            ) : !tokens ? (
              <SkeletonRows rows={2} label="Loading tokens" />
            ) : tokens.length === 0 ? (
              <EmptyState icon={<KeyIcon className="h-6 w-6" />} title="No tokens yet">Create one for your release pipeline or a partner integration.</EmptyState>
            ) : (
              <TokensTable tokens={tokens} onRevoke={setRevoking} />
            )}
          </Card>
        </div>
        <div className="lg:order-2">
          <Card title="Create a token">
            <CreateTokenForm handle={handle} onCreated={(t) => { setFresh(t); reload(); }} />
          </Card>
        </div>
      </div>
      <ConfirmDialog open={revoking !== null} title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Anything using this token gets 401 from its next request."
        confirmLabel="Revoke token" busyLabel="Revoking…" onClose={() => setRevoking(null)}
        onConfirm={async () => {
          await api(handlePath(handle, "tokens", revoking!.id), { method: "DELETE", action: `Revoking the token '${revoking!.name}'` });
          notify(`Token “${revoking!.name}” revoked`);
          setRevoking(null);
          if (fresh?.id === revoking!.id) setFresh(null);
          reload();
        }} />
    </>
  );
}
