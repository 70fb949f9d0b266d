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
  // Once per FLUSH_AT_ROWS rows: asking on every row past it would queue one waiter per row
  // behind a running flush (measured: 20,000 rows in a burst took 40 s to drain instead of 1 s).
  if (rows.length % FLUSH_AT_ROWS === 0) void flushAuditBatch().catch((error) => console.error("auditBatch: flush failed", (error as Error).message));
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
      // The daily download rollup (download_days) is written by the same statement, so it
      // can never disagree with the audit rows it sums; it is part of the audit trail
      // (stats read it: lib/files/file-stats.ts).
      await (await rootDb()).$executeRaw`
        WITH "written" AS (
          INSERT INTO "audit_events" ("id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail", "createdAt")
          SELECT "id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail"::jsonb,
                 ("createdAt"::timestamptz AT TIME ZONE 'UTC')
          FROM unnest(${col("id")}::text[], ${col("handleId")}::text[], ${col("fileId")}::text[], ${col("action")}::text[],
                      ${col("actorUserId")}::text[], ${col("actorEmail")}::text[], ${col("actorKind")}::text[],
                      ${col("requestId")}::text[], ${col("detail")}::text[], ${col("createdAt")}::text[])
            AS u("id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail", "createdAt")
          RETURNING "fileId", "handleId", "action", "actorEmail", "createdAt"
        )
        INSERT INTO "download_days" ("fileId", "handleId", "day", "visitorEmail", "downloads", "firstAt", "lastAt")
        SELECT "fileId", "handleId", "createdAt"::date, COALESCE("actorEmail", ''), count(*), min("createdAt"), max("createdAt")
        FROM "written"
        WHERE "action" = 'file.downloaded' AND "fileId" IS NOT NULL AND "handleId" IS NOT NULL
        GROUP BY 1, 2, 3, 4
        ON CONFLICT ("fileId", "day", "visitorEmail") DO UPDATE SET
          "downloads" = "download_days"."downloads" + EXCLUDED."downloads",
          "firstAt" = LEAST("download_days"."firstAt", EXCLUDED."firstAt"),
          "lastAt" = GREATEST("download_days"."lastAt", EXCLUDED."lastAt")`;
    } catch (error) {
      // Database away: keep the rows for the next flush (bounded, oldest dropped first).
      rows.unshift(...batch.slice(-MAX_QUEUED_AUDIT_ROWS));
      rows.splice(MAX_QUEUED_AUDIT_ROWS);
      queue.schedule();
      throw error;
    }
  });
}
