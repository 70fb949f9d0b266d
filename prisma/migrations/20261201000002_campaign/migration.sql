-- Campaign delivery (SPEC section 12): embargo, domain allowlist, download limit, notifications.
ALTER TABLE "files" ADD COLUMN "availableFrom" TIMESTAMP(3);
ALTER TABLE "files" ADD COLUMN "allowedDomains" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "files" ADD COLUMN "maxDownloads" INTEGER;
ALTER TABLE "files" ADD COLUMN "notifyOnDownload" BOOLEAN NOT NULL DEFAULT false;
-- Download redirects of a PUBLIC file counted against maxDownloads (conditional UPDATE).
ALTER TABLE "files" ADD COLUMN "downloadCount" INTEGER NOT NULL DEFAULT 0;

-- Distinct visitor emails that downloaded an allowlisted file: the download limit counts
-- them, and the first row per email triggers the creator's notification.
CREATE TABLE "file_visitors" (
    "fileId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "firstDownloadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "file_visitors_pkey" PRIMARY KEY ("fileId", "email"),
    CONSTRAINT "file_visitors_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "files"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- A rollup of the `file.downloaded` audit rows per file, UTC day and visitor ('' = anonymous),
-- written in the same statement as those rows: stats read days, not events.
CREATE TABLE "download_days" (
    "fileId" TEXT NOT NULL,
    "handleId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "visitorEmail" TEXT NOT NULL DEFAULT '',
    "downloads" INTEGER NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "download_days_pkey" PRIMARY KEY ("fileId", "day", "visitorEmail")
);
CREATE INDEX "download_days_handleId_day_idx" ON "download_days"("handleId", "day");

INSERT INTO "download_days" ("fileId", "handleId", "day", "visitorEmail", "downloads", "firstAt", "lastAt")
SELECT "fileId", "handleId", "createdAt"::date, COALESCE("actorEmail", ''), count(*), min("createdAt"), max("createdAt")
FROM "audit_events"
WHERE "action" = 'file.downloaded' AND "fileId" IS NOT NULL AND "handleId" IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO "file_visitors" ("fileId", "email", "firstDownloadedAt")
SELECT a."fileId", a."actorEmail", min(a."createdAt")
FROM "audit_events" a JOIN "files" f ON f."id" = a."fileId"
WHERE a."action" = 'file.downloaded' AND a."actorEmail" IS NOT NULL
GROUP BY 1, 2;

-- The recipients table reads a file's invitation and magic-link rows without its downloads.
CREATE INDEX "audit_events_fileId_action_createdAt_idx" ON "audit_events"("fileId", "action", "createdAt");
