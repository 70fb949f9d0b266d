-- Resumable large uploads (SPEC section 13): a file above MULTIPART_THRESHOLD_BYTES is
-- uploaded in parts; the storage's upload id and the part size fixed at create are kept
-- until the upload completes (or is aborted by DELETE or the sweeper).
ALTER TABLE "files" ADD COLUMN "uploadId" TEXT;
ALTER TABLE "files" ADD COLUMN "uploadPartBytes" INTEGER;
