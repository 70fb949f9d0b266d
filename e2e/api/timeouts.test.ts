import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { newTenant, type Target, type Tenant } from "../support/admin";
import { call } from "../support/http";
import { startAppServer, type RunningServer } from "../support/server";

// Slow clients over raw sockets (README, BODY_TIMEOUT_MS and UPLOAD_IDLE_TIMEOUT_MS): a non-upload body must arrive within
// BODY_TIMEOUT_MS (408, then the connection closes); an upload is cut after
// UPLOAD_IDLE_TIMEOUT_MS without a byte, and never for being slow but steady.
const BODY_TIMEOUT_MS = 2000;
const UPLOAD_IDLE_TIMEOUT_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RawExchange {
  socket: Socket;
  /** Everything the server sent so far. */
  received: () => string;
  /** Resolves with the time (ms since connect) the server closed the connection. */
  closed: Promise<number>;
  /** Writes unless the connection is gone; false once it is. */
  write: (chunk: string | Buffer) => boolean;
}

function rawConnect(url: string, head: string): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      resolve({
        socket,
        received: () => Buffer.concat(chunks).toString("latin1"),
        closed,
        write: (chunk) => {
          if (socket.destroyed || !socket.writable) return false;
          socket.write(chunk);
          return true;
        },
      });
    });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => undefined); // a reset after the server closed is expected
    const closed = new Promise<number>((done) => socket.once("close", () => done(Date.now() - started)));
    socket.once("error", reject);
  });
}

/** Sends `body` one piece at a time, `gapMs` apart, until done or the server closes. Returns pieces sent. */
async function trickle(exchange: RawExchange, pieces: Buffer[], gapMs: number): Promise<number> {
  let sent = 0;
  for (const piece of pieces) {
    if (!exchange.write(piece)) break;
    sent++;
    await Promise.race([sleep(gapMs), exchange.closed]);
  }
  return sent;
}

const requestHead = (method: string, url: string, headers: Record<string, string | number>) => {
  const { host, pathname, search } = new URL(url);
  const lines = [`${method} ${pathname}${search} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join("\r\n")}\r\n\r\n`;
};

describe("slow request bodies", () => {
  let server: RunningServer;
  let tenant: Tenant;

  before(async () => {
    // The local driver: uploads go through this server's /storage/ route, the subject here.
    server = await startAppServer({
      BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS), UPLOAD_IDLE_TIMEOUT_MS: String(UPLOAD_IDLE_TIMEOUT_MS),
      STORAGE_DRIVER: "local", SWEEP_INTERVAL_SECONDS: "0",
      SUPPORT_REPORT_PER_IP_PER_HOUR: "100000", // on PostgreSQL the count is shared with earlier suites
    });
    const target: Target = { url: server.url, dataDir: server.dataDir };
    tenant = await newTenant("slow", target);
  });
  after(() => {
    if (process.env.DEBUG_SERVER_LOG) console.log(server?.log());
    return server?.stop();
  });

  async function createPending(sizeBytes: number) {
    const res = await call(`${server.url}/v2/handles/${tenant.handle}/files`, {
      method: "POST", token: tenant.token, body: { fileName: "slow.bin", sizeBytes, accessMode: "PUBLIC", contentType: "application/octet-stream" },
    });
    assert.equal(res.status, 201, res.text);
    const upload = new URL(res.json.uploadUrl);
    assert.ok(upload.port === new URL(server.url).port && upload.pathname.startsWith("/storage/"), `a local-driver upload URL on this server: ${upload}`);
    return res.json as { file: { id: string }; uploadUrl: string; uploadHeaders: Record<string, string> };
  }
  const fileStatus = async (id: string) => (await call(`${server.url}/v2/handles/${tenant.handle}/files/${id}`, { token: tenant.token })).json.status;

  test("a 100 kB support report sent one byte a second: 408 request_timeout, then the socket closes", async () => {
    const exchange = await rawConnect(server.url, requestHead("POST", `${server.url}/v2/support/report`, {
      "Content-Type": "application/json", "Content-Length": 100_000, Accept: "application/json",
    }));
    const sent = await trickle(exchange, Array.from({ length: 8 }, (_, i) => Buffer.from(i === 0 ? "{" : " ")), 1000);
    const closedAfter = await Promise.race([exchange.closed, sleep(3000).then(() => -1)]);
    exchange.socket.destroy();
    assert.notEqual(closedAfter, -1, "the server never closed the connection");
    assert.ok(sent < 8, "the server stopped the trickle");
    assert.ok(closedAfter < BODY_TIMEOUT_MS + 3000, `closed after ${closedAfter} ms, limit ${BODY_TIMEOUT_MS} ms`);
    assert.ok(closedAfter >= BODY_TIMEOUT_MS - 100, `not before the limit (${closedAfter} ms)`);
    const text = exchange.received();
    assert.match(text, /^HTTP\/1\.1 408 /, text.slice(0, 200));
    assert.match(text, /content-type: application\/problem\+json/i);
    assert.match(text, /connection: close/i);
    const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
    assert.equal(body.code, "request_timeout");
    assert.equal(body.status, 408);
    assert.match(body.requestId, /^[A-Za-z0-9._:-]{8,128}$/);
  });

  test("a body that arrives in time is not cut", async () => {
    const body = JSON.stringify({ summary: "steady", details: "sent in two halves" });
    const exchange = await rawConnect(server.url, requestHead("POST", `${server.url}/v2/support/report`, {
      "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close",
    }));
    await trickle(exchange, [Buffer.from(body.slice(0, 10)), Buffer.from(body.slice(10))], BODY_TIMEOUT_MS / 4);
    await exchange.closed;
    assert.match(exchange.received(), /^HTTP\/1\.1 201 /, exchange.received().slice(0, 300));
  });

  test("an upload that stalls is cut after the idle limit and the file stays pending", async () => {
    const size = 4096;
    const created = await createPending(size);
    const exchange = await rawConnect(server.url, requestHead("PUT", created.uploadUrl, { ...created.uploadHeaders, "Content-Length": size }));
    exchange.write(Buffer.alloc(1024, 1)); // a quarter, then silence
    const closedAfter = await Promise.race([exchange.closed, sleep(UPLOAD_IDLE_TIMEOUT_MS + 5000).then(() => -1)]);
    exchange.socket.destroy();
    assert.notEqual(closedAfter, -1, "the stalled upload was not cut");
    assert.ok(closedAfter >= UPLOAD_IDLE_TIMEOUT_MS - 100, `cut after ${closedAfter} ms, before the idle limit`);
    assert.doesNotMatch(exchange.received(), /^HTTP\/1\.1 200 /, "a cut upload is never acknowledged");
    assert.equal(await fileStatus(created.file.id), "pending");
  });

  test("a slow but steady upload outlives both limits and completes", async () => {
    const size = 10 * 512;
    const created = await createPending(size);
    const exchange = await rawConnect(server.url, requestHead("PUT", created.uploadUrl, { ...created.uploadHeaders, "Content-Length": size, Connection: "close" }));
    const gap = Math.floor(UPLOAD_IDLE_TIMEOUT_MS / 3);
    const started = Date.now();
    const sent = await trickle(exchange, Array.from({ length: 10 }, () => Buffer.alloc(512, 7)), gap);
    assert.equal(sent, 10, "every piece was accepted");
    assert.ok(Date.now() - started > BODY_TIMEOUT_MS + UPLOAD_IDLE_TIMEOUT_MS, "longer than either limit");
    await exchange.closed;
    assert.match(exchange.received(), /^HTTP\/1\.1 200 /, exchange.received().slice(0, 300));
    assert.equal(await fileStatus(created.file.id), "ready");
  });
});
