"use client";

import type { TokenItem } from "@/lib/ui/api-types";
import { formatAbsolute, formatDate, formatRelative } from "@/lib/ui/format";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";

function tokenStatus(token: TokenItem, now: Date) {
  if (token.revokedAt) return <Badge tone="slate">Revoked</Badge>;
  if (new Date(token.expiresAt) <= now) return <Badge tone="red">Expired</Badge>;
  return <Badge tone="green">Active</Badge>;
}

const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

export function TokensTable({ tokens, onRevoke }: { tokens: TokenItem[]; onRevoke: (token: TokenItem) => void }) {
  const now = new Date();
  return (
    <table className="w-full table-fixed text-sm">
      <caption className="sr-only">Personal access tokens</caption>
      <thead className="border-b border-slate-200 bg-slate-50/80">
        <tr>
          <th scope="col" className={`${th} pl-4 sm:pl-6`}>Token</th>
          <th scope="col" className={`${th} hidden w-36 md:table-cell`}>Scopes</th>
          <th scope="col" className={`${th} hidden w-28 lg:table-cell`}>Last used</th>
          <th scope="col" className={`${th} hidden w-28 lg:table-cell`}>Expires</th>
          <th scope="col" className={`${th} w-24 pr-4 text-right sm:pr-6`}><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tokens.map((token) => {
          const active = !token.revokedAt && new Date(token.expiresAt) > now;
          return (
            <tr key={token.id} data-testid="token-row" className={active ? "" : "text-slate-500"}>
              <td className="py-3 pl-4 pr-3 sm:pl-6">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className={`break-words font-medium ${active ? "text-slate-900" : ""}`}>{token.name}</span>
                  {tokenStatus(token, now)}
                </p>
                <p className="text-xs text-slate-500"><span className="font-mono">ghf_…{token.last4}</span> · created {formatDate(token.createdAt)}</p>
                <p className="text-xs text-slate-500 lg:hidden">
                  <span className="md:hidden">{token.scopes.join(", ")} · </span>
                  {token.lastUsedAt ? `used ${formatRelative(token.lastUsedAt)}` : "never used"} · expires {formatDate(token.expiresAt)}
                </p>
              </td>
              <td className="hidden px-3 py-3 md:table-cell">
                <div className="flex flex-wrap gap-1">{token.scopes.map((s) => <Badge key={s} tone="slate" className="font-mono">{s}</Badge>)}</div>
              </td>
              <td className="hidden px-3 py-3 lg:table-cell">
                {token.lastUsedAt
                  ? <time dateTime={token.lastUsedAt} title={formatAbsolute(token.lastUsedAt)}>{formatRelative(token.lastUsedAt)}</time>
                  : <span className="text-slate-500">Never</span>}
              </td>
              <td className="hidden px-3 py-3 lg:table-cell">
                <time dateTime={token.expiresAt} title={formatAbsolute(token.expiresAt)} className="whitespace-nowrap">{formatDate(token.expiresAt)}</time>
              </td>
              <td className="py-3 pl-3 pr-4 text-right sm:pr-6">
                {!token.revokedAt && (
                  <Button size="sm" variant="secondary" className="text-red-700" onClick={() => onRevoke(token)} aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
