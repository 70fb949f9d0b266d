import { clock } from "../clock";
import { rootDb } from "../db/client";
import { writeBehindQueue } from "../write-behind";
import { auditColumns, type AuditEntry } from "./audit";

// The write-behind flavour of recordAudit, for the `file.downloaded` rows of public
// downloads. Rows keep their own createdAt and are written with one INSERT … unnest. A
// reader of audit events flushes first (flushAuditBatch); shutdown flushes; a crash can
// lose the last FLUSH_MS of events (docs/decisions.md).
const MAX_QUEUED_AUDIT_ROWS = 50_000;
const FLUSH_AT_ROWS = 1000;

interface AuditRow {
  id: string;
  handleId: string | null;
  fileId: string | null;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorKind: string;
  requestId: string | null;
  detail: string | null; // JSON text
  createdAt: string; // ISO-8601, UTC
}

const queue = writeBehindQueue("auditBatch", () => [] as AuditRow[], flushAuditBatch);
const rows = queue.state;

/** Drop-in for recordAudit where the row may land up to FLUSH_MS later. */
export function recordAuditBatched(entry: AuditEntry): void {
  rows.push({
    ...auditColumns(entry),
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    createdAt: clock.now().toISOString(),
  });
  if (rows.length >= FLUSH_AT_ROWS) void flushAuditBatch().catch((error) => console.error("auditBatch: flush failed", (error as Error).message));
  else queue.schedule();
}

/** Writes the queued rows (call before reading events, and on shutdown). */
export function flushAuditBatch(): Promise<void> {
  return queue.serialize(async () => {
    const batch = rows.splice(0);
    if (batch.length === 0) return;
    try {
      // One statement with ten array parameters: far cheaper per row than createMany.
      const col = <K extends keyof AuditRow>(key: K) => batch.map((row) => row[key]);
      await (await rootDb()).$executeRaw`
        INSERT INTO "audit_events" ("id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail", "createdAt")
        SELECT "id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail"::jsonb,
               ("createdAt"::timestamptz AT TIME ZONE 'UTC')
        FROM unnest(${col("id")}::text[], ${col("handleId")}::text[], ${col("fileId")}::text[], ${col("action")}::text[],
                    ${col("actorUserId")}::text[], ${col("actorEmail")}::text[], ${col("actorKind")}::text[],
                    ${col("requestId")}::text[], ${col("detail")}::text[], ${col("createdAt")}::text[])
          AS u("id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail", "createdAt")`;
    } catch (error) {
      // Database away: keep the rows for the next flush (bounded, oldest dropped first).
      rows.unshift(...batch.slice(-MAX_QUEUED_AUDIT_ROWS));
      rows.splice(MAX_QUEUED_AUDIT_ROWS);
      queue.schedule();
      throw error;
    }
  });
}
