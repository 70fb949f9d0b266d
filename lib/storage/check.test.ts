import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { CreateBucketCommand, GetBucketCorsCommand, PutBucketCorsCommand, type CORSRule } from "@aws-sdk/client-s3";
import { cephAvailable, startCephS3, type CephS3 } from "../../e2e/support/ceph";
import { freePort } from "../../e2e/support/server";
import { resetConfigForTests } from "../config";
import { closeDb, db } from "../db/client";
import { checkStorage, describeCorsGaps, resetStorageCheckForTests } from "./check";
import { resetStorageForTests } from "./index";
import { makeS3Client } from "./s3";
import { mergeCorsRules, setupStorage } from "./setup";

// The storage check and set-up, proven on a real S3 server (Ceph RGW) and on the local disk.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "gharart-storage-check-"));
const APP_ORIGIN = "http://app.example.test:3000";
const STORAGE_KEYS = ["STORAGE_DRIVER", "S3_ENDPOINT", "S3_PUBLIC_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "MIN_FREE_DISK_MB", "APP_URL", "DATA_DIR", "DATABASE_URL"];
const saved = Object.fromEntries(STORAGE_KEYS.map((key) => [key, process.env[key]]));

function useEnv(vars: Record<string, string>): Record<string, string> {
  for (const key of STORAGE_KEYS) delete process.env[key];
  Object.assign(process.env, { DATA_DIR: dataDir, APP_URL: APP_ORIGIN }, vars);
  resetConfigForTests();
  resetStorageForTests();
  resetStorageCheckForTests();
  return { DATA_DIR: dataDir, APP_URL: APP_ORIGIN, ...vars };
}

after(async () => {
  await closeDb();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetConfigForTests();
  resetStorageForTests();
  resetStorageCheckForTests();
});

/** `npm run admin -- <command>` as an operator runs it: its own process, its stdout lines and exit code. */
function adminCli(command: string, env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !STORAGE_KEYS.includes(key)));
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", command], {
    env: { ...clean, ...env }, encoding: "utf8", timeout: 60_000,
  });
  return { status: run.status, lines: run.stdout.split("\n").filter(Boolean), stderr: run.stderr };
}

describe("CORS rules: what the browser needs", () => {
  const origin = "https://files.example.com";
  const full: CORSRule = { AllowedOrigins: [origin], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["content-type", "if-none-match"], ExposeHeaders: ["ETag"] };

  it("accepts the exact origin, `*` and a wildcard origin; headers may be `*`", () => {
    assert.equal(describeCorsGaps("b", origin, [full]), null);
    assert.equal(describeCorsGaps("b", origin, [{ ...full, AllowedOrigins: ["*"], AllowedHeaders: ["*"] }]), null);
    assert.equal(describeCorsGaps("b", origin, [{ ...full, AllowedOrigins: ["https://*.example.com"], ExposeHeaders: ["etag"] }]), null);
  });

  it("names what is missing: the upload headers, GET, ETag", () => {
    const noIfNoneMatch = describeCorsGaps("b", origin, [{ ...full, AllowedHeaders: ["content-type"] }]);
    assert.equal(noIfNoneMatch?.code, "cors_missing");
    assert.equal(noIfNoneMatch?.message,
      `CORS on bucket "b" does not allow PUT from ${origin} with headers content-type, if-none-match: run npm run admin -- storage-setup`);
    assert.match(describeCorsGaps("b", origin, [{ ...full, AllowedMethods: ["PUT"] }])!.message, /does not allow GET from https:\/\/files\.example\.com:/);
    assert.match(describeCorsGaps("b", origin, [{ ...full, ExposeHeaders: [] }])!.message, /does not expose ETag to/);
    assert.match(describeCorsGaps("b", origin, [{ ...full, AllowedOrigins: ["https://*.other.com"] }])!.message, /does not allow PUT .* or allow GET/);
    assert.match(describeCorsGaps("b", origin, [])!.message, /^bucket "b" has no CORS rules/);
  });

  it("judges by the first matching rule, as S3 does", () => {
    const withoutEtag = { ...full, ExposeHeaders: [] };
    assert.match(describeCorsGaps("b", origin, [withoutEtag, full])!.message, /expose ETag/);
    assert.equal(describeCorsGaps("b", origin, [full, withoutEtag]), null);
  });

  it("set-up puts its rule first, keeps other origins' rules and drops its origin from them", () => {
    const other: CORSRule = { AllowedOrigins: ["https://other.example", origin], AllowedMethods: ["GET"] };
    const merged = mergeCorsRules([{ ...full, AllowedHeaders: [] }, other], origin);
    assert.equal(merged.length, 2);
    assert.equal(merged[0].ID, `gharart-files ${origin}`);
    assert.deepEqual(merged[1].AllowedOrigins, ["https://other.example"]);
    assert.deepEqual(mergeCorsRules(merged, origin), merged, "idempotent");
  });

  it("set-up for a second app instance keeps the first instance's rule", () => {
    const second = "http://127.0.0.1:40002";
    const both = mergeCorsRules(mergeCorsRules([], origin), second);
    assert.deepEqual(both.map((r) => r.AllowedOrigins), [[second], [origin]]);
    assert.equal(describeCorsGaps("b", origin, both), null, "the first origin still passes");
  });
});

describe("local storage check", () => {
  it("reports disk_low below MIN_FREE_DISK_MB, naming the folder and the numbers", async () => {
    useEnv({ STORAGE_DRIVER: "local", MIN_FREE_DISK_MB: "1000000000" });
    const report = await checkStorage();
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0].code, "disk_low");
    const folder = path.join(dataDir, "objects");
    assert.match(report.problems[0].message, new RegExp(`^free disk in ${folder} is \\d+ MiB, below MIN_FREE_DISK_MB=1000000000$`));
  });

  it("is ok with the default threshold and creates the objects folder", async () => {
    useEnv({ STORAGE_DRIVER: "local" });
    const report = await checkStorage();
    assert.deepEqual(report.problems, []);
    assert.equal(report.target, path.join(dataDir, "objects"));
    const setup = await setupStorage();
    assert.deepEqual(setup.actions, [`folder ${path.join(dataDir, "objects")} ready`]);
    assert.deepEqual(setup.report.problems, []);
  });

  it("CLI: prints one line per problem and exits 1, or `storage ok` and exits 0", () => {
    const low = adminCli("storage-check", useEnv({ STORAGE_DRIVER: "local", MIN_FREE_DISK_MB: "1000000000" }));
    assert.equal(low.status, 1, low.stderr);
    assert.equal(low.lines.length, 1);
    assert.match(low.lines[0], /^free disk in .* below MIN_FREE_DISK_MB=1000000000$/);
    const ok = adminCli("storage-check", useEnv({ STORAGE_DRIVER: "local" }));
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(ok.lines, [`storage ok (local, ${path.join(dataDir, "objects")})`]);
  });
});

describe("s3 storage check without a server", () => {
  it("reports storage_unreachable for a closed port, quickly", async () => {
    useEnv({ STORAGE_DRIVER: "s3", S3_ENDPOINT: `http://127.0.0.1:${await freePort()}`, S3_BUCKET: "gharart-closed",
      S3_FORCE_PATH_STYLE: "true", S3_ACCESS_KEY_ID: "x", S3_SECRET_ACCESS_KEY: "y" });
    const started = Date.now();
    const { problems } = await checkStorage();
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, "storage_unreachable");
    assert.match(problems[0].message, /^S3 at http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)$/);
    assert.ok(Date.now() - started < 5000);
  });
});

const skipCeph = cephAvailable() ? false : "Ceph RGW is not installed (apt-get install radosgw ceph-mon ceph-osd ceph-common)";

describe("s3 storage check and set-up on Ceph RGW", { skip: skipCeph, timeout: 240_000 }, () => {
  let ceph: CephS3;
  const s3Env = (bucket: string, overrides: Record<string, string> = {}) =>
    useEnv({
      STORAGE_DRIVER: "s3", S3_ENDPOINT: ceph.endpoint, S3_BUCKET: bucket, S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: ceph.accessKeyId, S3_SECRET_ACCESS_KEY: ceph.secretAccessKey, ...overrides,
    });
  async function createBucket(bucket: string, rules?: CORSRule[]) {
    s3Env(bucket);
    const client = await makeS3Client(ceph.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    if (rules) await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
    return client;
  }

  before(async () => {
    ceph = await startCephS3();
  }, { timeout: 120_000 });
  after(() => ceph?.stop());

  it("bucket missing → bucket_missing, naming the bucket and the fix", async () => {
    s3Env("gharart-missing");
    const { problems } = await checkStorage();
    assert.deepEqual(problems, [{
      code: "bucket_missing",
      message: `bucket "gharart-missing" does not exist at ${ceph.endpoint}: run npm run admin -- storage-setup`,
    }]);
  });

  it("wrong secret or unknown key → credentials_refused with S3's reason, and no secret in the line", async () => {
    await createBucket("gharart-creds");
    s3Env("gharart-creds", { S3_SECRET_ACCESS_KEY: "not-the-secret" });
    const wrongSecret = await checkStorage();
    assert.deepEqual(wrongSecret.problems.map((p) => p.code), ["credentials_refused"]);
    assert.match(wrongSecret.problems[0].message, /^S3 refused the credentials \(SignatureDoesNotMatch\)/);
    s3Env("gharart-creds", { S3_ACCESS_KEY_ID: "AKNOSUCHKEY000000000" });
    const unknownKey = await checkStorage();
    assert.match(unknownKey.problems[0].message, /^S3 refused the credentials \(InvalidAccessKeyId\)/);
    for (const { message } of [...wrongSecret.problems, ...unknownKey.problems]) {
      assert.ok(!message.includes("not-the-secret") && !message.includes(ceph.secretAccessKey));
    }
  });

  it("bucket without CORS → cors_missing", async () => {
    await createBucket("gharart-nocors");
    const { problems } = await checkStorage();
    assert.deepEqual(problems, [{
      code: "cors_missing",
      message: `bucket "gharart-nocors" has no CORS rules, so browsers at ${APP_ORIGIN} cannot upload to it: run npm run admin -- storage-setup`,
    }]);
  });

  it("CORS for another origin only → cors_missing naming APP_URL's origin", async () => {
    await createBucket("gharart-othercors", [{ AllowedOrigins: ["https://elsewhere.example"], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"] }]);
    const { problems } = await checkStorage();
    assert.deepEqual(problems.map((p) => p.code), ["cors_missing"]);
    assert.equal(problems[0].message, `CORS on bucket "gharart-othercors" does not allow PUT from ${APP_ORIGIN} with headers ` +
      `content-type, if-none-match or allow GET from ${APP_ORIGIN}: run npm run admin -- storage-setup`);
  });

  it("set-up creates the bucket and its CORS rule; a real preflight then passes; twice is the same", async () => {
    s3Env("gharart-setup");
    const first = await setupStorage();
    assert.deepEqual(first.actions, [
      `bucket "gharart-setup" created at ${ceph.endpoint}`,
      `CORS on bucket "gharart-setup": GET, HEAD, PUT from ${APP_ORIGIN} with headers content-type, if-none-match, range, ETag exposed`,
    ]);
    assert.deepEqual(first.report.problems, []);
    assert.deepEqual((await checkStorage()).problems, []);

    const preflight = await fetch(`${ceph.endpoint}/gharart-setup/files/hdl_x/some-object`, {
      method: "OPTIONS",
      headers: { Origin: APP_ORIGIN, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type,if-none-match" },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get("access-control-allow-origin"), APP_ORIGIN);
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /PUT/);
    assert.match(preflight.headers.get("access-control-expose-headers") ?? "", /\bETag\b/i);
    const elsewhere = await fetch(`${ceph.endpoint}/gharart-setup/files/hdl_x/some-object`, {
      method: "OPTIONS", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "PUT" },
    });
    assert.equal(elsewhere.headers.get("access-control-allow-origin"), null, "no other origin allowed");

    const client = await makeS3Client(ceph.endpoint);
    const rulesAfterFirst = (await client.send(new GetBucketCorsCommand({ Bucket: "gharart-setup" }))).CORSRules;
    const second = await setupStorage();
    assert.equal(second.actions[0], `bucket "gharart-setup" exists at ${ceph.endpoint}`);
    assert.deepEqual(second.report.problems, []);
    assert.deepEqual((await client.send(new GetBucketCorsCommand({ Bucket: "gharart-setup" }))).CORSRules, rulesAfterFirst);
  });

  it("set-up keeps another origin's rule and fixes ours", async () => {
    const other: CORSRule = { AllowedOrigins: ["https://elsewhere.example"], AllowedMethods: ["GET"], AllowedHeaders: [], ExposeHeaders: [] };
    const client = await createBucket("gharart-keep", [other]);
    const setup = await setupStorage();
    assert.match(setup.actions[1], /\(1 rule for other origins kept\)$/);
    assert.deepEqual(setup.report.problems, []);
    const rules = (await client.send(new GetBucketCorsCommand({ Bucket: "gharart-keep" }))).CORSRules ?? [];
    assert.deepEqual(rules.map((r) => r.AllowedOrigins), [[APP_ORIGIN], ["https://elsewhere.example"]]);
  });

  it("CLI: storage-check says the one problem and exits 1; storage-setup fixes it; then `storage ok`, exit 0", () => {
    const env = s3Env("gharart-cli");
    const missing = adminCli("storage-check", env);
    assert.equal(missing.status, 1, missing.stderr);
    assert.deepEqual(missing.lines, [`bucket "gharart-cli" does not exist at ${ceph.endpoint}: run npm run admin -- storage-setup`]);
    const setup = adminCli("storage-setup", env);
    assert.equal(setup.status, 0, setup.stderr);
    assert.equal(setup.lines.at(-1), "storage ok (s3, gharart-cli)");
    const ok = adminCli("storage-check", env);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(ok.lines, ["storage ok (s3, gharart-cli)"]);
  });

  it("/healthz answers 503 with the reason and code, then 200 once storage is fixed", async () => {
    const { GET } = await import("../../app/healthz/route");
    s3Env("gharart-health");
    await db(); // opened and migrated first, as the server's warm-up does: that can take longer than the probe allows
    const broken = await GET();
    assert.equal(broken.status, 503);
    assert.deepEqual(await broken.json(), {
      status: "degraded", database: "ok", storage: "unavailable", code: "bucket_missing",
      reason: `bucket "gharart-health" does not exist at ${ceph.endpoint}: run npm run admin -- storage-setup`,
    });
    await setupStorage();
    resetStorageCheckForTests();
    const fixed = await GET();
    assert.equal(fixed.status, 200);
    assert.deepEqual(await fixed.json(), { status: "ok", database: "ok", storage: "ok" });
  });
});
