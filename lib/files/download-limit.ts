import { db, rootDb } from "../db/client";
import type { FileRow } from "./file-view";

// maxDownloads (campaign delivery: docs/decisions.md): PUBLIC files count every download redirect, allowlisted
// files count distinct visitor emails (a counted visitor may come back). The claim is one
// conditional UPDATE, or a row lock on the file, so concurrent downloads never overshoot.

export type LimitFile = Pick<FileRow, "id" | "accessMode" | "maxDownloads" | "downloadCount">;

/** The limit's facts for decideFileAccess: distinct visitors counted, and whether this email is one. */
export async function limitFacts(file: LimitFile, visitorEmail: string | null): Promise<{ countedVisitors?: number; counted?: boolean }> {
  if (file.maxDownloads === null || file.accessMode === "PUBLIC") return {};
  const prisma = await db();
  const [countedVisitors, mine] = await Promise.all([
    prisma.fileVisitor.count({ where: { fileId: file.id } }),
    visitorEmail ? prisma.fileVisitor.findUnique({ where: { fileId_email: { fileId: file.id, email: visitorEmail } } }) : null,
  ]);
  return { countedVisitors, counted: mine !== null };
}

export interface DownloadClaim {
  allowed: boolean;
  /** The visitor's first download of this file (allowlisted), for the creator's notification. */
  firstVisit: boolean;
}

/** Takes one download from the limit, atomically; allowed false = 410 download_limit_reached. */
export async function claimDownload(file: LimitFile, visitorEmail: string | null): Promise<DownloadClaim> {
  const prisma = await rootDb(); // the download path runs outside any request transaction
  if (!visitorEmail) {
    if (file.maxDownloads === null) return { allowed: true, firstVisit: false };
    const taken = await prisma.$executeRaw`
      UPDATE "files" SET "downloadCount" = "downloadCount" + 1
      WHERE "id" = ${file.id} AND "maxDownloads" IS NOT NULL AND "downloadCount" < "maxDownloads"`;
    return { allowed: taken === 1, firstVisit: false };
  }
  if (file.maxDownloads === null) {
    const inserted = await prisma.$executeRaw`
      INSERT INTO "file_visitors" ("fileId", "email", "firstDownloadedAt") VALUES (${file.id}, ${visitorEmail}, now())
      ON CONFLICT DO NOTHING`;
    return { allowed: true, firstVisit: inserted === 1 };
  }
  return prisma.$transaction(async (tx) => {
    // The file's row lock serialises new visitors of this file: the count cannot race.
    const [row] = await tx.$queryRaw<{ maxDownloads: number | null }[]>`SELECT "maxDownloads" FROM "files" WHERE "id" = ${file.id} FOR UPDATE`;
    if (await tx.fileVisitor.findUnique({ where: { fileId_email: { fileId: file.id, email: visitorEmail } } })) return { allowed: true, firstVisit: false };
    const max = row?.maxDownloads ?? null;
    if (max !== null && (await tx.fileVisitor.count({ where: { fileId: file.id } })) >= max) return { allowed: false, firstVisit: false };
    await tx.fileVisitor.create({ data: { fileId: file.id, email: visitorEmail } });
    return { allowed: true, firstVisit: true };
  });
}

/**
 * Downloads so far from the audit trail's daily rollup (a limit set later counts them).
 * Inside the PATCH's transaction (db()); no flush: on PGlite a second connection would wait
 * for that very transaction, so the last ~100 ms of write-behind downloads may be missed.
 */
export async function pastDownloadCount(fileId: string): Promise<number> {
  const sum = await (await db()).downloadDay.aggregate({ where: { fileId }, _sum: { downloads: true } });
  return sum._sum.downloads ?? 0;
}
