// Diagnoses the configured storage: each problem becomes one line an operator can act on
// (`npm run admin -- storage-check`, start-up, /healthz).
import fs from "node:fs/promises";
import path from "node:path";
import type { CORSRule } from "@aws-sdk/client-s3";
import { config } from "../config";
import { BROWSER_UPLOAD_HEADERS, loadS3Sdk, makeS3Client } from "./s3";

export type StorageProblemCode =
  | "storage_unreachable"
  | "credentials_refused"
  | "bucket_missing"
  | "cors_missing"
  | "disk_low"
  | "not_writable";

export interface StorageProblem {
  code: StorageProblemCode;
  /** One human line, no secrets: it is printed by the CLI and answered by /healthz. */
  message: string;
}

export interface StorageReport {
  driver: "local" | "s3";
  /** The bucket name or the objects folder. */
  target: string;
  problems: StorageProblem[];
  /** Things the check could not verify; not problems (healthz stays 200). */
  notes: string[];
}

export const SETUP_HINT = "run npm run admin -- storage-setup";
const S3_DEADLINE_MS = 4000;

/** Never throws: whatever goes wrong becomes a problem line. */
export async function checkStorage(): Promise<StorageReport> {
  const c = config();
  try {
    return await (c.STORAGE_DRIVER === "s3" ? checkS3() : checkLocal());
  } catch (err) {
    const driver = c.STORAGE_DRIVER;
    const message = `storage check failed (${(err as Error | null)?.name ?? "error"})`;
    return { driver, target: driver === "s3" ? c.S3_BUCKET! : objectsFolder(), problems: [{ code: "storage_unreachable", message }], notes: [] };
  }
}

// On globalThis: /healthz (Next's bundle) and start-up (scripts/start.ts) share one result.
const globalForCheck = globalThis as unknown as { __gharartStorageCheck?: { at: number; report: Promise<StorageReport> } };

/** The last report if younger than maxAgeMs: /healthz may be polled every second. */
export function checkStorageCached(maxAgeMs = 5000): Promise<StorageReport> {
  const cached = globalForCheck.__gharartStorageCheck;
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.report;
  const report = checkStorage();
  globalForCheck.__gharartStorageCheck = { at: Date.now(), report };
  return report;
}

/** Tests forget the cached report after changing the environment (with resetConfigForTests). */
export function resetStorageCheckForTests(): void {
  globalForCheck.__gharartStorageCheck = undefined;
}

export function objectsFolder(): string {
  return path.join(config().dataDir, "objects");
}

async function checkLocal(): Promise<StorageReport> {
  const folder = objectsFolder();
  const report: StorageReport = { driver: "local", target: folder, problems: [], notes: [] };
  try {
    await fs.mkdir(folder, { recursive: true });
    await fs.access(folder, fs.constants.W_OK);
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code ?? "error";
    report.problems.push({ code: "not_writable", message: `folder ${folder} is not writable (${errno})` });
    return report;
  }
  const minMb = config().MIN_FREE_DISK_MB;
  const stats = await fs.statfs(folder);
  const freeMib = Math.floor((stats.bavail * stats.bsize) / (1024 * 1024));
  if (freeMib < minMb) {
    report.problems.push({ code: "disk_low", message: `free disk in ${folder} is ${freeMib} MiB, below MIN_FREE_DISK_MB=${minMb}` });
  }
  return report;
}

/** Where the bucket lives, for messages: the endpoint without any user:password part. */
export function s3Location(): string {
  const c = config();
  if (!c.S3_ENDPOINT) return `AWS S3 (${c.S3_REGION})`;
  try {
    const url = new URL(c.S3_ENDPOINT);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return "S3_ENDPOINT";
  }
}

interface S3Failure {
  status?: number;
  /** The S3 error code (SignatureDoesNotMatch, NoSuchBucket…) or the network error's code. */
  code: string;
}

function failureOf(err: unknown): S3Failure {
  const e = err as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const status = e?.$metadata?.httpStatusCode;
  // HEAD answers have no body: the SDK then names the error "Unknown", "NotFound" or "Forbidden".
  const code = e?.Code ?? (e?.name && e.name !== "Error" ? e.name : undefined) ?? e?.code ?? e?.cause?.code ?? "error";
  return { status, code };
}

function unreachable(failure: S3Failure): StorageProblem {
  const answer =
    failure.code === "TimeoutError" || failure.code === "AbortError"
      ? `did not answer within ${S3_DEADLINE_MS / 1000} s`
      : failure.status
        ? `answered ${failure.status} (${failure.code})`
        : `is unreachable (${failure.code})`;
  return { code: "storage_unreachable", message: `S3 at ${s3Location()} ${answer}` };
}

/** For a 403: refused credentials, or valid ones without rights on the bucket. */
function refused(failure: S3Failure, bucket: string): StorageProblem {
  if (failure.code === "AccessDenied" || failure.code === "AllAccessDisabled") {
    return {
      code: "credentials_refused",
      message: `S3 denied the credentials access to bucket "${bucket}" (${failure.code}): grant S3_ACCESS_KEY_ID read/write on it`,
    };
  }
  const code = failure.code === "Unknown" || failure.code === "Forbidden" ? "403" : failure.code;
  return { code: "credentials_refused", message: `S3 refused the credentials (${code}): check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY` };
}

const bucketMissing = (bucket: string): StorageProblem => ({
  code: "bucket_missing",
  message: `bucket "${bucket}" does not exist at ${s3Location()}: ${SETUP_HINT}`,
});

// At most two S3 calls: HeadBucket, then GetBucketCors (whose error body also names the
// reason of a 403 that HeadBucket cannot carry).
async function checkS3(): Promise<StorageReport> {
  const c = config();
  const bucket = c.S3_BUCKET!;
  const report: StorageReport = { driver: "s3", target: bucket, problems: [], notes: [] };
  const [{ GetBucketCorsCommand, HeadBucketCommand }, client] = await Promise.all([loadS3Sdk(), makeS3Client(c.S3_ENDPOINT)]);
  const abortSignal = AbortSignal.timeout(S3_DEADLINE_MS);
  try {
    let headFailure: S3Failure | null = null;
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal });
    } catch (err) {
      headFailure = failureOf(err);
      if (headFailure.status === 404) return { ...report, problems: [bucketMissing(bucket)] };
      if (headFailure.status !== 403) return { ...report, problems: [unreachable(headFailure)] };
    }

    let rules: CORSRule[] = [];
    try {
      rules = (await client.send(new GetBucketCorsCommand({ Bucket: bucket }), { abortSignal })).CORSRules ?? [];
      if (headFailure) return { ...report, problems: [refused(headFailure, bucket)] };
    } catch (err) {
      const failure = failureOf(err);
      if (headFailure) return { ...report, problems: [refused(failure.status === 403 ? failure : headFailure, bucket)] };
      if (failure.code === "NoSuchBucket") return { ...report, problems: [bucketMissing(bucket)] };
      if (failure.status === 403) {
        report.notes.push(`CORS of bucket "${bucket}" not checked: the credentials may not read it (${failure.code})`);
        return report;
      }
      if (failure.code !== "NoSuchCORSConfiguration") return { ...report, problems: [unreachable(failure)] };
    }
    const corsProblem = describeCorsGaps(bucket, new URL(c.appUrl).origin, rules);
    if (corsProblem) report.problems.push(corsProblem);
    return report;
  } finally {
    client.destroy();
  }
}

/** `*`, an exact value, or one with `*` wildcards (S3 allows one), compared case-insensitively. */
function matches(pattern: string, value: string): boolean {
  const regex = pattern.toLowerCase().split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${regex}$`).test(value.toLowerCase());
}

/** S3 answers a CORS request with the first rule matching its origin, method and headers. */
export function firstMatchingRule(rules: CORSRule[], origin: string, method: string, headers: readonly string[]): CORSRule | undefined {
  return rules.find(
    (rule) =>
      (rule.AllowedOrigins ?? []).some((allowed) => matches(allowed, origin)) &&
      (rule.AllowedMethods ?? []).some((allowed) => allowed.toUpperCase() === method) &&
      headers.every((header) => (rule.AllowedHeaders ?? []).some((allowed) => matches(allowed, header))),
  );
}

/**
 * What the browser needs from the bucket's CORS: PUT with the upload headers and GET from
 * APP_URL's origin, with ETag readable after the PUT. null when the rules provide it.
 */
export function describeCorsGaps(bucket: string, origin: string, rules: CORSRule[]): StorageProblem | null {
  const gaps: string[] = [];
  const putRule = firstMatchingRule(rules, origin, "PUT", BROWSER_UPLOAD_HEADERS);
  if (!putRule) gaps.push(`allow PUT from ${origin} with headers ${BROWSER_UPLOAD_HEADERS.join(", ")}`);
  else if (!(putRule.ExposeHeaders ?? []).some((header) => header.toLowerCase() === "etag")) gaps.push(`expose ETag to ${origin}`);
  if (!firstMatchingRule(rules, origin, "GET", [])) gaps.push(`allow GET from ${origin}`);
  if (gaps.length === 0) return null;
  const what =
    rules.length === 0
      ? `bucket "${bucket}" has no CORS rules, so browsers at ${origin} cannot upload to it`
      : `CORS on bucket "${bucket}" does not ${gaps.join(" or ")}`;
  return { code: "cors_missing", message: `${what}: ${SETUP_HINT}` };
}

/** The CLI's answer: each problem on its own line, or one "storage ok" line. */
export function reportLines(report: StorageReport): string[] {
  if (report.problems.length > 0) return report.problems.map((problem) => problem.message);
  return [...report.notes, `storage ok (${report.driver}, ${report.target})`];
}
