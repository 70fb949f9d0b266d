import { recordAudit, type AuditActor } from "../audit/audit";
import { clock } from "../clock";
import { db } from "../db/client";
import { ApiError } from "../http/errors";
import type { DocsPolicyInput, DocsPolicyView } from "../schemas/docs-policy";
import { assertNotTooPermissive, policyWarnings, type PolicyFacts } from "./policy-rules";

// Reading and replacing a handle's docs policy. No row = the default (MEMBERS,
// confidential) at version 0; every PUT bumps the version by one (compare-and-swap, so
// two racing PUTs never both apply on the same base, and If-Match can pin the base).
export interface StoredDocsPolicy extends PolicyFacts {
  version: number;
  updatedAt: Date | null;
  updatedById: string | null;
}

export const DEFAULT_DOCS_POLICY: StoredDocsPolicy = Object.freeze({
  mode: "MEMBERS",
  allowedEmails: [],
  allowedDomains: [],
  confidential: true,
  startsAt: null,
  endsAt: null,
  version: 0,
  updatedAt: null,
  updatedById: null,
}) as StoredDocsPolicy;

export async function loadDocsPolicy(handleId: string): Promise<StoredDocsPolicy> {
  const row = await (await db()).docsPolicy.findUnique({ where: { handleId } });
  if (!row) return { ...DEFAULT_DOCS_POLICY, allowedEmails: [], allowedDomains: [] };
  return {
    mode: row.mode,
    allowedEmails: row.allowedEmails ?? [],
    allowedDomains: row.allowedDomains ?? [],
    confidential: row.confidential,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

/** `If-Match: "3"` (or W/"3", 3, *) → 3 / "*"; absent → null; unparsable → never matches. */
export function parseIfMatch(header: string | null): number | "*" | null {
  if (header === null) return null;
  const value = header.trim();
  if (value === "*") return "*";
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  return match ? Number(match[1]) : -1;
}

export const etagFor = (version: number) => `"${version}"`;

const preconditionFailed = (current: number) =>
  new ApiError(412, "precondition_failed", `The policy changed meanwhile (current version ${current}); reload it and retry.`, { ETag: etagFor(current) });

function auditFacts(p: PolicyFacts) {
  return {
    mode: p.mode, allowedEmails: p.allowedEmails, allowedDomains: p.allowedDomains, confidential: p.confidential,
    startsAt: p.startsAt?.toISOString() ?? null, endsAt: p.endsAt?.toISOString() ?? null,
  };
}

export interface ReplacePolicyArgs {
  handleId: string;
  input: DocsPolicyInput;
  userId: string;
  actor: AuditActor;
  ifMatch: number | "*" | null;
}

export async function replaceDocsPolicy({ handleId, input, userId, actor, ifMatch }: ReplacePolicyArgs): Promise<StoredDocsPolicy> {
  assertNotTooPermissive(input);
  const prisma = await db();
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await loadDocsPolicy(handleId);
    if (typeof ifMatch === "number" && ifMatch !== before.version) throw preconditionFailed(before.version);
    const data = { ...input, version: before.version + 1, updatedAt: clock.now(), updatedById: userId };
    let applied: boolean;
    if (before.version === 0) {
      // ON CONFLICT DO NOTHING rather than catching P2002: an error would abort the
      // request's transaction (keyed writes run in one).
      applied = (await prisma.docsPolicy.createMany({ data: [{ handleId, ...data }], skipDuplicates: true })).count === 1;
    } else {
      applied = (await prisma.docsPolicy.updateMany({ where: { handleId, version: before.version }, data })).count === 1;
    }
    if (!applied) {
      if (ifMatch !== null) throw preconditionFailed((await loadDocsPolicy(handleId)).version);
      continue; // lost a race without a pinned base: re-read and apply on the new one
    }
    const after: StoredDocsPolicy = { ...data, updatedById: userId };
    await recordAudit({
      action: "docs_policy.updated",
      handleId,
      actor,
      detail: { before: auditFacts(before), after: auditFacts(after), version: after.version },
    });
    return after;
  }
  throw new ApiError(409, "policy_update_conflict", "The policy is being changed by someone else right now; retry.");
}

/** The GET/PUT response body, typed by docsPolicyViewSchema. */
export async function docsPolicyView(handleSlug: string, policy: StoredDocsPolicy, now = clock.now()): Promise<DocsPolicyView> {
  const updatedBy = policy.updatedById
    ? (await (await db()).user.findUnique({ where: { id: policy.updatedById }, select: { email: true } }))?.email ?? null
    : null;
  return {
    handle: handleSlug,
    mode: policy.mode,
    allowedEmails: policy.allowedEmails,
    allowedDomains: policy.allowedDomains,
    confidential: policy.confidential,
    startsAt: policy.startsAt?.toISOString() ?? null,
    endsAt: policy.endsAt?.toISOString() ?? null,
    version: policy.version,
    updatedAt: policy.updatedAt?.toISOString() ?? null,
    updatedBy,
    warnings: policyWarnings(policy, now),
  };
}
