import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { newTenant } from "../support/admin";
import { storageDriver } from "../support/env";
import { createFile, download, upload, type CreatedFile } from "../support/files";
import { assertProblem, call } from "../support/http";

// Resumable uploads (resumable uploads: docs/architecture.md, upload lifecycle) over HTTP, on the local driver or on Ceph RGW: the
// server under test runs the defaults (threshold 16 MiB, 8 MiB parts).
const MiB = 1024 * 1024;
const SIZE = 16 * MiB + 5; // three parts: 8 MiB, 8 MiB, 5 bytes
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

type SignedPart = { partNumber: number; url: string; headers: Record<string, string>; expiresAt: string };

describe(`multipart uploads (${storageDriver} driver)`, async () => {
  const acme = await newTenant("multipart");
  const rival = await newTenant("mprival");
  const filesUrl = `/v2/handles/${acme.handle}/files`;
  const itemUrl = (id: string, family = "/v2/handles") => `${family}/${acme.handle}/files/${id}`;

  async function createLarge(bytes: Buffer, extra: Record<string, unknown> = {}): Promise<CreatedFile & { upload: NonNullable<CreatedFile["upload"]> }> {
    const created = await createFile(acme, { fileName: "campaign-master.mov", sizeBytes: bytes.length, accessMode: "PUBLIC", contentType: "video/quicktime", ...extra });
    assert.ok(created.upload, "a multipart upload above the threshold");
    return created as never;
  }
  const sign = (id: string, partNumbers: number[], headers: Record<string, string> = {}, token = acme.token) =>
    call(`${itemUrl(id)}/upload-parts`, { method: "POST", token, body: { partNumbers }, headers });
  const listParts = (id: string, token = acme.token) => call(`${itemUrl(id)}/upload-parts`, { token });
  const complete = (id: string, parts: { partNumber: number; etag: string }[], headers: Record<string, string> = {}) =>
    call(`${itemUrl(id)}/complete`, { method: "POST", token: acme.token, body: { parts }, headers });
  async function putPart(part: SignedPart, bytes: Buffer, partSize: number): Promise<string> {
    const body = bytes.subarray((part.partNumber - 1) * partSize, part.partNumber * partSize);
    const res = await fetch(part.url, { method: "PUT", headers: part.headers, body });
    assert.equal(res.status, 200, await res.text());
    return res.headers.get("etag")!;
  }

  test("create: above the threshold a multipart upload, at or below it the single PUT as before", async () => {
    const big = await createLarge(randomBytes(SIZE));
    assert.deepEqual(Object.keys(big.upload).sort(), ["method", "partCount", "partSize", "uploadId"]);
    assert.equal(big.upload.method, "multipart");
    assert.equal(big.upload.partSize, 8 * MiB);
    assert.equal(big.upload.partCount, 3);
    assert.equal(big.file.status, "pending");
    assert.equal((big as { uploadUrl?: string }).uploadUrl, undefined, "no single upload URL");
    const atThreshold = await createFile(acme, { fileName: "cut.mov", sizeBytes: 16 * MiB, accessMode: "PUBLIC" });
    assert.equal(atThreshold.upload, undefined);
    assert.match(atThreshold.uploadUrl, /^https?:\/\//);
    // The PAT family answers the same.
    const viaPat = await call(`/v2/public/handles/${acme.handle}/files`, { method: "POST", token: acme.token, body: { fileName: "b.mov", sizeBytes: SIZE, accessMode: "PUBLIC" } });
    assert.equal(viaPat.status, 201);
    assert.equal(viaPat.json.upload.partCount, 3);
  });

  test("parts sent in any order, listed, completed: the file is ready and serves the exact bytes", async () => {
    const bytes = randomBytes(SIZE);
    const created = await createLarge(bytes);
    const id = created.file.id;
    assertProblem(await call(`/v2/public/files/${id}`), 409, "upload_incomplete");
    const signed = await sign(id, [3, 1, 2]);
    assert.equal(signed.status, 200);
    const parts = signed.json.parts as SignedPart[];
    assert.deepEqual(parts.map((p) => p.partNumber), [1, 2, 3]);
    for (const part of parts) {
      const ttl = (Date.parse(part.expiresAt) - Date.now()) / 1000;
      assert.ok(ttl > 14 * 60 && ttl <= 15 * 60 + 1, `part URLs live 15 minutes (${ttl}s)`);
    }
    const etags: string[] = [];
    for (const part of [parts[2], parts[0], parts[1]]) etags[part.partNumber - 1] = await putPart(part, bytes, created.upload.partSize);
    const listed = await listParts(id);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.json.parts, [
      { partNumber: 1, size: 8 * MiB, etag: etags[0] }, { partNumber: 2, size: 8 * MiB, etag: etags[1] }, { partNumber: 3, size: 5, etag: etags[2] },
    ]);
    // Any order in the list too: the server sorts it.
    const done = await complete(id, [{ partNumber: 2, etag: etags[1] }, { partNumber: 3, etag: etags[2] }, { partNumber: 1, etag: etags[0] }]);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.status, "ready");
    assert.equal(done.json.sizeBytes, SIZE);
    const got = await download(created.publicUrl);
    assert.equal(sha256(got.bytes), sha256(bytes), "exact bytes");
    assert.equal(got.response.headers.get("content-type"), "video/quicktime");

    assertProblem(await sign(id, [1]), 409, "upload_complete");
    assertProblem(await listParts(id), 409, "upload_complete");
    const again = await complete(id, etags.map((etag, i) => ({ partNumber: i + 1, etag })));
    assert.equal(again.status, 200, "a repeated complete answers the ready file");
    const events = await call(`${itemUrl(id)}/events`, { token: acme.token });
    const actions = (events.json.events as { action: string }[]).map((e) => e.action);
    for (const action of ["file.created", "file.upload_parts_signed", "file.uploaded", "file.upload_completed"]) assert.ok(actions.includes(action), `${action} audited`);
  });

  test("a wrong part list is 400 invalid_parts and changes nothing; the right one then completes", async () => {
    const bytes = randomBytes(SIZE);
    const created = await createLarge(bytes);
    const id = created.file.id;
    const parts = (await sign(id, [1, 2, 3])).json.parts as SignedPart[];
    const etags = [];
    for (const part of parts) etags.push(await putPart(part, bytes, created.upload.partSize));
    const all = etags.map((etag, i) => ({ partNumber: i + 1, etag }));
    const cases: [string, { partNumber: number; etag: string }[]][] = [
      ["a wrong ETag", [all[0], { partNumber: 2, etag: '"0123456789abcdef0123456789abcdef"' }, all[2]]],
      ["swapped ETags", [{ partNumber: 1, etag: etags[1] }, { partNumber: 2, etag: etags[0] }, all[2]]],
      ["a missing part", [all[0], all[2]]],
      ["a part twice", [all[0], all[1], all[1], all[2]]],
      ["a part beyond partCount", [...all, { partNumber: 4, etag: etags[2] }]],
    ];
    for (const [label, list] of cases) {
      const res = await complete(id, list);
      assertProblem(res, 400, "invalid_parts");
      assert.ok(res.json.detail, label);
    }
    for (const body of [{}, { parts: [] }, { parts: [{ partNumber: 0, etag: "x" }] }, { parts: "all" }]) {
      assertProblem(await call(`${itemUrl(id)}/complete`, { method: "POST", token: acme.token, body }), 400, "invalid_parts");
    }
    assert.equal((await call(itemUrl(id), { token: acme.token })).json.status, "pending");
    assert.equal((await listParts(id)).json.parts.length, 3, "the parts are kept");
    const done = await complete(id, all);
    assert.equal(done.status, 200);
    assert.equal(sha256((await download(created.publicUrl)).bytes), sha256(bytes));
  });

  test("resume: list the stored parts, mint URLs again, send only the missing ones", async () => {
    const bytes = randomBytes(SIZE);
    const created = await createLarge(bytes);
    const id = created.file.id;
    const first = (await sign(id, [1])).json.parts[0] as SignedPart;
    const firstEtag = await putPart(first, bytes, created.upload.partSize);
    // "After a reload": only the upload id and file id are known.
    const stored = (await listParts(id)).json.parts as { partNumber: number; etag: string }[];
    assert.deepEqual(stored.map((p) => p.partNumber), [1]);
    const missing = [1, 2, 3].filter((n) => !stored.some((p) => p.partNumber === n));
    const again = (await sign(id, missing)).json.parts as SignedPart[];
    assert.deepEqual(again.map((p) => p.partNumber), [2, 3]);
    for (const part of again) await putPart(part, bytes, created.upload.partSize);
    const now = (await listParts(id)).json.parts as { partNumber: number; etag: string }[];
    assert.equal(now[0].etag, firstEtag);
    const done = await complete(id, now.map(({ partNumber, etag }) => ({ partNumber, etag })));
    assert.equal(done.status, 200);
    assert.equal(sha256((await download(created.publicUrl)).bytes), sha256(bytes));
  });

  test("part numbers are checked; a single-PUT file has no parts; storage refuses a part of the wrong size", async () => {
    const created = await createLarge(randomBytes(SIZE));
    const id = created.file.id;
    for (const partNumbers of [[], [0], [4], [1.5], ["1"], Array.from({ length: 1001 }, () => 1)]) {
      assertProblem(await sign(id, partNumbers as number[]), 400, "invalid_part_numbers");
    }
    assertProblem(await call(`${itemUrl(id)}/upload-parts`, { method: "POST", token: acme.token, body: {} }), 400, "invalid_part_numbers");
    const small = await createFile(acme, { fileName: "small.txt", sizeBytes: 10, accessMode: "PUBLIC" });
    assertProblem(await sign(small.file.id, [1]), 409, "not_multipart");
    assertProblem(await listParts(small.file.id), 409, "not_multipart");
    assertProblem(await complete(small.file.id, [{ partNumber: 1, etag: "x" }]), 409, "not_multipart");
    const part = (await sign(id, [1])).json.parts[0] as SignedPart;
    const short = await fetch(part.url, { method: "PUT", headers: part.headers, body: randomBytes(8 * MiB - 1) });
    assert.ok([400, 403].includes(short.status), `one byte short refused (${short.status})`);
    await short.arrayBuffer();
    assert.deepEqual((await listParts(id)).json.parts, [], "nothing stored");
  });

  test("DELETE of a pending multipart file aborts the upload: part URLs refused, routes 404", async () => {
    const bytes = randomBytes(SIZE);
    const created = await createLarge(bytes);
    const id = created.file.id;
    const parts = (await sign(id, [1, 2])).json.parts as SignedPart[];
    await putPart(parts[0], bytes, created.upload.partSize);
    assert.equal((await call(itemUrl(id), { method: "DELETE", token: acme.token })).status, 204);
    const late = await fetch(parts[1].url, { method: "PUT", headers: parts[1].headers, body: bytes.subarray(8 * MiB, 16 * MiB) });
    assert.equal(late.status, 404, "NoSuchUpload");
    await late.arrayBuffer();
    assertProblem(await sign(id, [1]), 404, "file_not_found");
    assertProblem(await listParts(id), 404, "file_not_found");
    assertProblem(await complete(id, [{ partNumber: 1, etag: "x" }]), 404, "file_not_found");
  });

  test("auth, scopes, other handles, idempotency and the PAT family", async () => {
    const bytes = randomBytes(SIZE);
    const created = await createLarge(bytes);
    const id = created.file.id;
    assertProblem(await sign(id, [1], {}, acme.readToken), 403, "insufficient_scope");
    assert.equal((await listParts(id, acme.readToken)).status, 200, "files.read lists parts");
    assertProblem(await listParts(id, acme.writeToken), 403, "insufficient_scope");
    assertProblem(await call(`/v2/handles/${rival.handle}/files/${id}/upload-parts`, { token: rival.token }), 404, "file_not_found");
    assertProblem(await call(`${itemUrl(id)}/upload-parts`, {}), 401, "unauthenticated");

    const key = { "idempotency-key": `sign-${id}` };
    const a = await sign(id, [1, 2, 3], key);
    const b = await sign(id, [1, 2, 3], key);
    assert.equal(b.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(b.json, a.json);
    assertProblem(await sign(id, [1], key), 422, "idempotency_key_reused");

    const parts = a.json.parts as SignedPart[];
    const etags = [];
    for (const part of parts) etags.push(await putPart(part, bytes, created.upload.partSize));
    const family = "/v2/public/handles";
    const listed = await call(`${itemUrl(id, family)}/upload-parts`, { token: acme.token });
    assert.equal(listed.json.parts.length, 3);
    const doneKey = { "idempotency-key": `complete-${id}` };
    const body = { parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) };
    const first = await call(`${itemUrl(id, family)}/complete`, { method: "POST", token: acme.token, body, headers: doneKey });
    assert.equal(first.status, 200);
    const replay = await call(`${itemUrl(id, family)}/complete`, { method: "POST", token: acme.token, body, headers: doneKey });
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(replay.json.status, "ready");
  });

  test("sizeBytes above MAX_FILE_BYTES (default 250 MiB) is refused; upload() helper round-trips", async () => {
    assertProblem(await call(filesUrl, { method: "POST", token: acme.token, body: { fileName: "a.mov", sizeBytes: 1024 ** 3, accessMode: "PUBLIC" } }), 400, "invalid_size_bytes");
    const bytes = randomBytes(20 * MiB);
    const created = await createLarge(bytes);
    assert.equal(await upload(created, bytes), 200);
    assert.equal(sha256((await download(created.publicUrl)).bytes), sha256(bytes));
  });
});
