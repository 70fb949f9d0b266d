import { db } from "../db/client";
import { newId } from "../ids";
import type { Principal } from "../auth/principal";

export interface AuditActor {
  kind: "user" | "token" | "visitor" | "system" | "anonymous";
  userId?: string | null;
  email?: string | null;
  requestId?: string | null;
}

export function actorFrom(principal: Principal | null, requestId: string): AuditActor {
  if (!principal) return { kind: "anonymous", requestId };
  return {
    kind: principal.kind === "pat" ? "token" : "user",
    userId: principal.userId,
    email: principal.email,
    requestId,
  };
}

export const systemActor: AuditActor = { kind: "system" };

export interface AuditEntry {
  action: string;
  actor: AuditActor;
  handleId?: string | null;
  fileId?: string | null;
  detail?: Record<string, unknown>;
}

/** The columns of one audit row (new id), shared by the direct and the batched writers. */
export function auditColumns(entry: AuditEntry) {
  return {
    id: newId("evt"),
    action: entry.action,
    handleId: entry.handleId ?? null,
    fileId: entry.fileId ?? null,
    actorKind: entry.actor.kind,
    actorUserId: entry.actor.userId ?? null,
    actorEmail: entry.actor.email ?? null,
    requestId: entry.actor.requestId ?? null,
  };
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await (await db()).auditEvent.create({
    data: { ...auditColumns(entry), detail: (entry.detail ?? undefined) as never },
  });
}
