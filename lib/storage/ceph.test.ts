// The storage contract and the storage-side refusals on a real, signature-checking S3
// server: the run's Ceph RADOS Gateway (TEST_CONFIG=production starts it and passes
// GHARART_TEST_CEPH). What s3rver would wave through must be refused here.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { cephUnderTest } from "../../e2e/support/ceph-under-test";
import { resetConfigForTests } from "../config";
import { runContract } from "./contract-suite";
import { objectKeyFor } from "./index";
import { createS3Driver } from "./s3";
import type { StorageDriver } from "./types";

const ceph = cephUnderTest();
const skip = ceph ? false : "needs the run's Ceph RGW (TEST_CONFIG=production npm test)";
const BUCKET = `gharart-ceph-${randomBytes(3).toString("hex")}`;

async function driverOnCeph(): Promise<StorageDriver> {
  Object.assign(process.env, { AUTH_SECRET: "test-secret-".padEnd(48, "x"), ...ceph!.env, S3_BUCKET: BUCKET });
  resetConfigForTests();
  const admin = new S3Client({
    endpoint: ceph!.endpoint, region: "us-east-1", forcePathStyle: true,
    credentials: { accessKeyId: ceph!.accessKeyId, secretAccessKey: ceph!.secretAccessKey },
  });
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((error: Error) => {
    if (error.name !== "BucketAlreadyOwnedByYou") throw error;
  });
  admin.destroy();
  return createS3Driver();
}

if (ceph) runContract("s3", async () => ({ driver: await driverOnCeph(), close: async () => {} }));

describe("Ceph RGW refuses what the signature does not allow", { skip }, () => {
  let driver: StorageDriver;
  before(async () => {
    driver = await driverOnCeph();
  });
  after(() => resetConfigForTests());

  const bytes = randomBytes(10_000);
  const put = (url: string, headers: Record<string, string>, body: Uint8Array<ArrayBuffer> = bytes) =>
    fetch(url, { method: "PUT", headers, body });
  const codeOf = async (res: Response) => /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1];
  const signedFor = (key: string, ttlSec = 900) => driver.presignUpload(key, bytes.length, "application/pdf", ttlSec);
  /** Refused with this status and S3 error code, and nothing stored under any of the keys. */
  async function assertRefused(res: Response, status: number, code: string | null, ...keys: string[]) {
    assert.equal(res.status, status);
    if (code) assert.equal(await codeOf(res), code);
    for (const key of keys) assert.equal(await driver.stat(key), null, `nothing stored under ${key}`);
  }

  it("uses the browser-facing endpoint, another origin than the server's", async () => {
    const signed = await signedFor(objectKeyFor("hdl_ceph"));
    assert.equal(new URL(signed.url).origin, `http://localhost:${ceph!.port}`);
  });

  it("a different Content-Type: 403 SignatureDoesNotMatch, nothing stored", async () => {
    const key = objectKeyFor("hdl_ceph");
    const signed = await signedFor(key);
    await assertRefused(await put(signed.url, { ...signed.headers, "Content-Type": "text/html" }), 403, "SignatureDoesNotMatch", key);
  });

  for (const [label, body] of [["one byte more", randomBytes(10_001)], ["one byte less", randomBytes(9_999)]] as const) {
    it(`a different length (${label}): 403, nothing stored`, async () => {
      const key = objectKeyFor("hdl_ceph");
      const signed = await signedFor(key);
      await assertRefused(await put(signed.url, signed.headers, body), 403, "SignatureDoesNotMatch", key);
    });
  }

  it("a tampered signature or key: 403, nothing stored", async () => {
    const key = objectKeyFor("hdl_ceph");
    const signed = await signedFor(key);
    const url = new URL(signed.url);
    const signature = url.searchParams.get("X-Amz-Signature")!;
    url.searchParams.set("X-Amz-Signature", `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`);
    await assertRefused(await put(url.toString(), signed.headers), 403, "SignatureDoesNotMatch", key);
    const otherKey = objectKeyFor("hdl_ceph");
    await assertRefused(await put(signed.url.replace(key, otherKey), signed.headers), 403, null, key, otherKey);
  });

  it("an expired upload URL: 403 AccessDenied, nothing stored", async () => {
    const key = objectKeyFor("hdl_ceph");
    const signed = await signedFor(key, 1);
    await new Promise((r) => setTimeout(r, 2100));
    await assertRefused(await put(signed.url, signed.headers), 403, "AccessDenied", key);
  });

  it("a second PUT to the same URL: 412, the first object unchanged", async () => {
    const key = objectKeyFor("hdl_ceph");
    const signed = await signedFor(key);
    assert.equal((await put(signed.url, signed.headers)).status, 200);
    const again = await put(signed.url, signed.headers, randomBytes(10_000));
    assert.equal(again.status, 412);
    const object = await driver.read(key);
    const stored = Buffer.from(await new Response(object!.body).arrayBuffer());
    assert.ok(stored.equals(bytes), "the first upload's bytes");
  });

  it("an expired download URL: 403 AccessDenied; a changed disposition: 403", async () => {
    const key = objectKeyFor("hdl_ceph");
    const signed = await signedFor(key);
    assert.equal((await put(signed.url, signed.headers)).status, 200);
    const url = await driver.presignDownload(key, { fileName: "a.pdf", contentType: "application/pdf", ttlSec: 1 });
    const fresh = await fetch(url);
    assert.equal(fresh.status, 200);
    assert.match(fresh.headers.get("content-disposition") ?? "", /^attachment; filename="a\.pdf"/);
    await fresh.arrayBuffer();
    const changed = new URL(url);
    changed.searchParams.set("response-content-disposition", "inline");
    assert.equal((await fetch(changed)).status, 403);
    await new Promise((r) => setTimeout(r, 2100));
    const late = await fetch(url);
    assert.equal(late.status, 403);
    assert.equal(await codeOf(late), "AccessDenied");
  });
});
