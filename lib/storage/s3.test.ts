// The s3 driver without an S3 server: what it signs, where it sends calls, how it fails.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { resetConfigForTests } from "../config";
import { DependencyUnavailableError } from "../http/errors";
import { attachmentDisposition } from "./content-disposition";
import { createS3Driver } from "./s3";

const PUBLIC_ENDPOINT = "https://files-public.example.test";

function useS3Env(endpoint: string, publicEndpoint?: string): void {
  Object.assign(process.env, {
    AUTH_SECRET: "test-secret-".padEnd(48, "x"), // else config() would create DATA_DIR/secrets.json
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: endpoint,
    S3_BUCKET: "gharart-unit",
    S3_REGION: "us-east-1",
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
    S3_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  });
  if (publicEndpoint) process.env.S3_PUBLIC_ENDPOINT = publicEndpoint;
  else delete process.env.S3_PUBLIC_ENDPOINT;
  resetConfigForTests();
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function assertStorageUnavailable(err: unknown): true {
  assert.ok(err instanceof DependencyUnavailableError, `expected DependencyUnavailableError, got ${String(err)}`);
  assert.equal(err.status, 503);
  assert.equal(err.code, "storage_unavailable");
  return true;
}

describe("s3 driver: presigned URLs", () => {
  // Records what reaches the internal endpoint; answers like S3 would.
  const seen: Array<{ method: string; url: string; host: string }> = [];
  const internal = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, host: req.headers.host! });
    if (req.method === "HEAD" && req.url!.endsWith("/present")) {
      res.writeHead(200, { "Content-Length": "1234", "Content-Type": "application/pdf" }).end();
    } else if (req.method === "DELETE") {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  let internalHost = "";

  before(async () => {
    internalHost = `127.0.0.1:${await listen(internal)}`;
    useS3Env(`http://${internalHost}`, PUBLIC_ENDPOINT);
  });
  after(() => new Promise<void>((resolve) => internal.close(() => resolve())));

  it("signs Content-Length, Content-Type and If-None-Match into a 15-minute upload URL on the public host", async () => {
    const signed = await createS3Driver().presignUpload("objects/hdl_1/abc", 1234, "application/pdf", 900);
    const url = new URL(signed.url);
    assert.equal(url.origin, PUBLIC_ENDPOINT);
    assert.equal(url.pathname, "/gharart-unit/objects/hdl_1/abc");
    const signedHeaders = (url.searchParams.get("X-Amz-SignedHeaders") ?? "").split(";");
    for (const header of ["content-length", "content-type", "host", "if-none-match"]) {
      assert.ok(signedHeaders.includes(header), `${header} is signed: ${signedHeaders.join(";")}`);
    }
    assert.equal(url.searchParams.get("X-Amz-Expires"), "900");
    assert.ok(url.searchParams.get("X-Amz-Signature"));
    const checksumParams = [...url.searchParams.keys()].filter((k) => /checksum/i.test(k));
    assert.deepEqual(checksumParams, [], "no checksum parameters (MinIO/R2 reject them)");
    assert.deepEqual(signed.headers, { "Content-Type": "application/pdf", "If-None-Match": "*" });
    assert.equal(signed.method, "PUT");
    assert.ok(Math.abs(signed.expiresAt.getTime() - (Date.now() + 900_000)) < 5_000);
  });

  it("signs an attachment disposition and the type into a short download URL on the public host", async () => {
    const fileName = 'x"; filename="evil.exe';
    const url = new URL(
      await createS3Driver().presignDownload("objects/hdl_1/abc", {
        fileName,
        contentType: "application/octet-stream",
        ttlSec: 30,
      }),
    );
    assert.equal(url.origin, PUBLIC_ENDPOINT);
    const disposition = url.searchParams.get("response-content-disposition") ?? "";
    assert.match(disposition, /^attachment;/);
    assert.equal(disposition, attachmentDisposition(fileName));
    assert.equal(url.searchParams.get("response-content-type"), "application/octet-stream");
    const expires = Number(url.searchParams.get("X-Amz-Expires"));
    assert.ok(expires > 0 && expires <= 30, `X-Amz-Expires=${expires}`);
  });

  it("falls back to S3_ENDPOINT for browser URLs when no public endpoint is set", async () => {
    useS3Env(`http://${internalHost}`);
    try {
      const signed = await createS3Driver().presignUpload("objects/hdl_1/abc", 10, "text/plain", 900);
      assert.equal(new URL(signed.url).host, internalHost);
    } finally {
      useS3Env(`http://${internalHost}`, PUBLIC_ENDPOINT);
    }
  });

  it("sends stat and delete to the internal endpoint only", async () => {
    seen.length = 0;
    const driver = createS3Driver();
    assert.deepEqual(await driver.stat("objects/hdl_1/present"), { size: 1234, contentType: "application/pdf" });
    assert.equal(await driver.stat("objects/hdl_1/missing"), null);
    await driver.delete("objects/hdl_1/present");
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.host} ${r.url.split("?")[0]}`),
      [
        `HEAD ${internalHost} /gharart-unit/objects/hdl_1/present`,
        `HEAD ${internalHost} /gharart-unit/objects/hdl_1/missing`,
        `DELETE ${internalHost} /gharart-unit/objects/hdl_1/present`,
      ],
    );
  });
});

describe("s3 driver: storage down", () => {
  it("turns a refused connection into storage_unavailable within a few seconds", async () => {
    useS3Env(`http://127.0.0.1:${await closedPort()}`);
    const driver = createS3Driver();
    const started = Date.now();
    await assert.rejects(driver.checkHealth(), assertStorageUnavailable);
    await assert.rejects(driver.stat("objects/hdl_1/abc"), assertStorageUnavailable);
    await assert.rejects(driver.delete("objects/hdl_1/abc"), assertStorageUnavailable);
    await assert.rejects(driver.read("objects/hdl_1/abc"), assertStorageUnavailable);
    assert.ok(Date.now() - started < 8_000, `took ${Date.now() - started} ms`);
  });

  it("gives up on a server that accepts and never answers", async () => {
    const sockets = new Set<net.Socket>();
    const blackHole = net.createServer((socket) => sockets.add(socket));
    useS3Env(`http://127.0.0.1:${await listen(blackHole)}`);
    try {
      const started = Date.now();
      await assert.rejects(createS3Driver({ timeoutMs: 500 }).checkHealth(), assertStorageUnavailable);
      assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });

  it("turns a 5xx answer into storage_unavailable, not a raw SDK error", async () => {
    const failing = http.createServer((_req, res) => res.writeHead(500).end());
    useS3Env(`http://127.0.0.1:${await listen(failing)}`);
    try {
      await assert.rejects(createS3Driver().stat("objects/hdl_1/abc"), assertStorageUnavailable);
    } finally {
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});
