import { clock } from "../clock";
import { db } from "../db/client";
import { flushAuditBatch } from "../audit/audit-batched";
import { STATS_DAYS, type FileStatsView, type HandleStatsView, type RecipientView } from "../schemas/campaign";
import { fileAllowsEmail } from "./allowlist";
import { findHandleFile } from "./query-files";

// Stats read the audit trail: downloads through its daily rollup (download_days, written
// in the same statement as the `file.downloaded` rows), the recipients' invitation and
// magic-link times from the rows themselves. Cost grows with days × files × visitors,
// never with the number of downloads (bench/stats-1m.ts).

const DAY_MS = 24 * 60 * 60 * 1000;
const TOP_FILES = 10;

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC days of the window, oldest first, ending today. */
function windowDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: STATS_DAYS }, (_, i) => dayKey(new Date(today - (STATS_DAYS - 1 - i) * DAY_MS)));
}

function series(days: string[], rows: { day: Date; downloads: bigint | number }[]) {
  const counts = new Map(rows.map((r) => [dayKey(r.day), Number(r.downloads)]));
  return days.map((day) => ({ day, downloads: counts.get(day) ?? 0 }));
}

export async function fileStats(handleId: string, fileId: string): Promise<FileStatsView> {
  const file = await findHandleFile(handleId, fileId);
  await flushAuditBatch(); // downloads are audited behind (lib/audit/audit-batched.ts)
  const prisma = await db();
  const days = windowDays(clock.now());
  const since = new Date(`${days[0]}T00:00:00Z`);
  const [byVisitor, byDay] = await Promise.all([
    prisma.$queryRaw<{ visitorEmail: string; downloads: bigint; firstAt: Date; lastAt: Date }[]>`
      SELECT "visitorEmail", sum("downloads") AS "downloads", min("firstAt") AS "firstAt", max("lastAt") AS "lastAt"
      FROM "download_days" WHERE "fileId" = ${file.id} GROUP BY "visitorEmail"`,
    prisma.$queryRaw<{ day: Date; downloads: bigint }[]>`
      SELECT "day", sum("downloads") AS "downloads" FROM "download_days"
      WHERE "fileId" = ${file.id} AND "day" >= ${since}::date GROUP BY "day"`,
  ]);
  const lastAt = byVisitor.reduce<Date | null>((max, r) => (!max || r.lastAt > max ? r.lastAt : max), null);
  return {
    downloads: byVisitor.reduce((sum, r) => sum + Number(r.downloads), 0),
    uniqueVisitors: byVisitor.filter((r) => r.visitorEmail !== "").length,
    lastDownloadedAt: lastAt?.toISOString() ?? null,
    byDay: series(days, byDay),
    recipients: file.accessMode === "EMAIL_ALLOWLIST" ? await recipients(file, byVisitor) : [],
  };
}

const RECIPIENT_ACTIONS = ["invitation.sent", "magic_link.sent", "magic_link.used"] as const;

async function recipients(
  file: Parameters<typeof fileAllowsEmail>[0] & { id: string },
  byVisitor: { visitorEmail: string; downloads: bigint; firstAt: Date; lastAt: Date }[],
): Promise<RecipientView[]> {
  const prisma = await db();
  // invitation.sent names its recipient in detail.to (the actor is the member who sent it).
  const events = await prisma.$queryRaw<{ action: string; email: string; at: Date }[]>`
    SELECT "action", COALESCE("detail"->>'to', "actorEmail") AS "email", max("createdAt") AS "at"
    FROM "audit_events"
    WHERE "fileId" = ${file.id} AND "action" IN (${RECIPIENT_ACTIONS[0]}, ${RECIPIENT_ACTIONS[1]}, ${RECIPIENT_ACTIONS[2]})
    GROUP BY 1, 2`;
  const seen = [...events.map((e) => e.email), ...byVisitor.map((v) => v.visitorEmail)].filter((e): e is string => !!e);
  const domainVisitors = [...new Set(seen)].filter((email) => !file.allowedEmails.includes(email) && fileAllowsEmail(file, email)).sort();
  const at = (action: string, email: string) => events.find((e) => e.action === action && e.email === email)?.at.toISOString() ?? null;
  return [...file.allowedEmails, ...domainVisitors].map((email) => {
    const visits = byVisitor.find((v) => v.visitorEmail === email);
    return {
      email,
      invitedAt: at("invitation.sent", email),
      linkRequestedAt: at("magic_link.sent", email),
      verifiedAt: at("magic_link.used", email),
      firstDownloadedAt: visits?.firstAt.toISOString() ?? null,
      lastDownloadedAt: visits?.lastAt.toISOString() ?? null,
      downloads: visits ? Number(visits.downloads) : 0,
    };
  });
}

export async function handleStats(handleId: string): Promise<HandleStatsView> {
  await flushAuditBatch();
  const prisma = await db();
  const days = windowDays(clock.now());
  const since = new Date(`${days[0]}T00:00:00Z`);
  const [total, byDay, top] = await Promise.all([
    prisma.$queryRaw<{ downloads: bigint | null }[]>`SELECT sum("downloads") AS "downloads" FROM "download_days" WHERE "handleId" = ${handleId}`,
    prisma.$queryRaw<{ day: Date; downloads: bigint }[]>`
      SELECT "day", sum("downloads") AS "downloads" FROM "download_days"
      WHERE "handleId" = ${handleId} AND "day" >= ${since}::date GROUP BY "day"`,
    prisma.$queryRaw<{ fileId: string; fileName: string; downloads: bigint }[]>`
      SELECT d."fileId", f."fileName", d."downloads" FROM (
        SELECT "fileId", sum("downloads") AS "downloads" FROM "download_days"
        WHERE "handleId" = ${handleId} AND "day" >= ${since}::date GROUP BY "fileId"
      ) d JOIN "files" f ON f."id" = d."fileId" AND f."handleId" = ${handleId}
      ORDER BY d."downloads" DESC, d."fileId" LIMIT ${TOP_FILES}`,
  ]);
  return {
    downloads: Number(total[0]?.downloads ?? 0),
    byDay: series(days, byDay),
    topFiles: top.map((t) => ({ fileId: t.fileId, fileName: t.fileName, downloads: Number(t.downloads) })),
  };
}
