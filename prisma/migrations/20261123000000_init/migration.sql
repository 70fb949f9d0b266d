-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'CREATOR', 'VIEWER');
CREATE TYPE "AccessMode" AS ENUM ('PUBLIC', 'EMAIL_ALLOWLIST');
CREATE TYPE "FileStatus" AS ENUM ('pending', 'ready');
CREATE TYPE "DocsMode" AS ENUM ('PRIVATE', 'MEMBERS', 'EMAIL_ALLOWLIST', 'PUBLIC');

CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "handles" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "handles_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "handles_slug_key" ON "handles"("slug");

CREATE TABLE "memberships" (
    "userId" TEXT NOT NULL,
    "handleId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "memberships_pkey" PRIMARY KEY ("userId", "handleId")
);
CREATE INDEX "memberships_handleId_idx" ON "memberships"("handleId");

CREATE TABLE "files" (
    "id" TEXT NOT NULL,
    "handleId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "contentType" TEXT NOT NULL,
    "accessMode" "AccessMode" NOT NULL,
    "allowedEmails" TEXT[],
    "expiresAt" TIMESTAMP(3),
    "status" "FileStatus" NOT NULL DEFAULT 'pending',
    "objectKey" TEXT NOT NULL,
    "objectDeletedAt" TIMESTAMP(3),
    "docsPath" TEXT,
    "uploadExpiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "files_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "files_objectKey_key" ON "files"("objectKey");
CREATE INDEX "files_handleId_createdAt_idx" ON "files"("handleId", "createdAt");
CREATE INDEX "files_status_uploadExpiresAt_idx" ON "files"("status", "uploadExpiresAt");
CREATE INDEX "files_expiresAt_idx" ON "files"("expiresAt");
-- One live doc per path and handle (partial index: Prisma cannot express it in the schema).
CREATE UNIQUE INDEX "files_handleId_docsPath_key" ON "files"("handleId", "docsPath") WHERE "docsPath" IS NOT NULL;

CREATE TABLE "access_tokens" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "handleId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "access_tokens_tokenHash_key" ON "access_tokens"("tokenHash");
CREATE INDEX "access_tokens_handleId_idx" ON "access_tokens"("handleId");

CREATE TABLE "magic_tokens" (
    "tokenHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "fileId" TEXT,
    "handleId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "magic_tokens_pkey" PRIMARY KEY ("tokenHash")
);
CREATE INDEX "magic_tokens_expiresAt_idx" ON "magic_tokens"("expiresAt");

CREATE TABLE "docs_policies" (
    "handleId" TEXT NOT NULL,
    "mode" "DocsMode" NOT NULL DEFAULT 'MEMBERS',
    "allowedEmails" TEXT[],
    "allowedDomains" TEXT[],
    "confidential" BOOLEAN NOT NULL DEFAULT true,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "docs_policies_pkey" PRIMARY KEY ("handleId")
);

CREATE TABLE "support_reports" (
    "id" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "handle" TEXT,
    "sessionId" TEXT,
    "requestId" TEXT,
    "reproArtifact" TEXT,
    "userId" TEXT,
    "clientRequestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "support_reports_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "idempotency_records" (
    "scopeHash" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "responseHeaders" JSONB,
    "lockedUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("scopeHash")
);
CREATE INDEX "idempotency_records_expiresAt_idx" ON "idempotency_records"("expiresAt");

CREATE TABLE "rate_limit_counters" (
    "bucket" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("bucket")
);
CREATE INDEX "rate_limit_counters_windowEnd_idx" ON "rate_limit_counters"("windowEnd");

CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "handleId" TEXT,
    "fileId" TEXT,
    "action" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorEmail" TEXT,
    "actorKind" TEXT NOT NULL,
    "requestId" TEXT,
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_fileId_createdAt_idx" ON "audit_events"("fileId", "createdAt");
CREATE INDEX "audit_events_handleId_createdAt_idx" ON "audit_events"("handleId", "createdAt");

CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "job_leases_pkey" PRIMARY KEY ("name")
);

ALTER TABLE "memberships" ADD CONSTRAINT "memberships_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_handleId_fkey" FOREIGN KEY ("handleId") REFERENCES "handles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "files" ADD CONSTRAINT "files_handleId_fkey" FOREIGN KEY ("handleId") REFERENCES "handles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_handleId_fkey" FOREIGN KEY ("handleId") REFERENCES "handles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "docs_policies" ADD CONSTRAINT "docs_policies_handleId_fkey" FOREIGN KEY ("handleId") REFERENCES "handles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
