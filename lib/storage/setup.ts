// `npm run admin -- storage-setup`: makes the configured storage usable by the app (bucket,
// CORS rule or folders), then checks it. Safe to run again: it converges to the same state.
import fs from "node:fs/promises";
import path from "node:path";
import type { BucketLocationConstraint, CORSRule, S3Client } from "@aws-sdk/client-s3";
import { config } from "../config";
import { checkStorage, objectsFolder, s3Location, type StorageReport } from "./check";
import { BROWSER_UPLOAD_HEADERS, loadS3Sdk, makeS3Client, type S3Sdk } from "./s3";

export interface SetupResult {
  /** What was done, one line each. */
  actions: string[];
  report: StorageReport;
}

/** One rule per app origin: several instances (or apps) may share a bucket. */
const ruleIdFor = (origin: string) => `gharart-files ${origin.toLowerCase()}`;

/** The one CORS rule the app needs: browser uploads (PUT) and reads of the bytes (GET, HEAD, ranges). */
export function appCorsRule(origin: string): CORSRule {
  return {
    ID: ruleIdFor(origin),
    AllowedOrigins: [origin],
    AllowedMethods: ["GET", "HEAD", "PUT"],
    AllowedHeaders: [...BROWSER_UPLOAD_HEADERS, "range"],
    ExposeHeaders: ["ETag", "Content-Length", "Content-Range", "Accept-Ranges"],
    MaxAgeSeconds: 600,
  };
}

/**
 * Our rule first (S3 applies the first match); other origins' rules kept (those other app
 * instances wrote included), ours removed from them.
 */
export function mergeCorsRules(existing: CORSRule[], origin: string): CORSRule[] {
  const others = existing
    .filter((rule) => rule.ID !== ruleIdFor(origin) && rule.ID !== "gharart-files") // ours, and the old single-ID rule
    .map((rule) => ({ ...rule, AllowedOrigins: (rule.AllowedOrigins ?? []).filter((o) => o.toLowerCase() !== origin.toLowerCase()) }))
    .filter((rule) => rule.AllowedOrigins.length > 0);
  return [appCorsRule(origin), ...others];
}

function errorCode(err: unknown): string {
  const e = err as { Code?: string; name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.Code) return e.Code;
  // HEAD answers carry no error body: the status says more than the SDK's placeholder name.
  if (e?.$metadata?.httpStatusCode && ["Unknown", "NotFound", "Forbidden"].includes(e.name ?? "")) return `HTTP ${e.$metadata.httpStatusCode}`;
  return e?.name && e.name !== "Error" ? e.name : (e?.code ?? "error");
}

/** Each call gets its own deadline: an endpoint that accepts and never answers must not hang the CLI. */
const deadline = () => ({ abortSignal: AbortSignal.timeout(10_000) });

export async function setupStorage(): Promise<SetupResult> {
  const actions = config().STORAGE_DRIVER === "s3" ? await setupS3() : await setupLocal();
  return { actions, report: await checkStorage() };
}

async function setupLocal(): Promise<string[]> {
  const folder = objectsFolder();
  try {
    await fs.mkdir(path.join(folder, ".tmp"), { recursive: true });
    return [`folder ${folder} ready`];
  } catch (err) {
    return [`could not create folder ${folder} (${(err as NodeJS.ErrnoException).code ?? "error"})`];
  }
}

async function setupS3(): Promise<string[]> {
  const c = config();
  const bucket = c.S3_BUCKET!;
  const [s3, client] = await Promise.all([loadS3Sdk(), makeS3Client(c.S3_ENDPOINT)]);
  try {
    const bucketLine = await ensureBucket(s3, client, bucket, c.S3_REGION);
    if (!bucketLine.ok) return [bucketLine.line];
    return [bucketLine.line, await applyCors(s3, client, bucket, new URL(c.appUrl).origin)];
  } finally {
    client.destroy();
  }
}

async function ensureBucket(s3: S3Sdk, client: S3Client, bucket: string, region: string): Promise<{ ok: boolean; line: string }> {
  try {
    await client.send(new s3.HeadBucketCommand({ Bucket: bucket }), deadline());
    return { ok: true, line: `bucket "${bucket}" exists at ${s3Location()}` };
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) {
      return { ok: false, line: `bucket "${bucket}" not checked (${errorCode(err)}): nothing changed, see below` };
    }
  }
  try {
    // us-east-1 is the one region that must not be named in a CreateBucket.
    const location = region === "us-east-1" ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    await client.send(new s3.CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: location }), deadline());
    return { ok: true, line: `bucket "${bucket}" created at ${s3Location()}` };
  } catch (err) {
    const code = errorCode(err);
    if (code === "BucketAlreadyOwnedByYou") return { ok: true, line: `bucket "${bucket}" exists at ${s3Location()}` };
    const hint = code === "BucketAlreadyExists" ? "the name belongs to another account, choose another S3_BUCKET" : "create it by hand";
    return { ok: false, line: `could not create bucket "${bucket}" (${code}): ${hint}` };
  }
}

async function applyCors(s3: S3Sdk, client: S3Client, bucket: string, origin: string): Promise<string> {
  let existing: CORSRule[] = [];
  try {
    existing = (await client.send(new s3.GetBucketCorsCommand({ Bucket: bucket }), deadline())).CORSRules ?? [];
  } catch (err) {
    if (errorCode(err) !== "NoSuchCORSConfiguration") return `could not read CORS of bucket "${bucket}" (${errorCode(err)}): nothing changed`;
  }
  const rules = mergeCorsRules(existing, origin);
  try {
    await client.send(new s3.PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }), deadline());
  } catch (err) {
    return `could not set CORS on bucket "${bucket}" (${errorCode(err)}): allow PUT, GET, HEAD from ${origin} by hand`;
  }
  const kept = rules.length - 1;
  return `CORS on bucket "${bucket}": GET, HEAD, PUT from ${origin} with headers ${appCorsRule(origin).AllowedHeaders!.join(", ")}, ETag exposed` +
    (kept > 0 ? ` (${kept} rule${kept === 1 ? "" : "s"} for other origins kept)` : "");
}
