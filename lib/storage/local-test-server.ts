// Test helper (not a test): a bare node:http server that plays the part of
// app/storage/[token]/route.ts, adapting Node requests to web Requests the way Next does.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { resetConfigForTests } from "../config";
import { handleLocalGet, handleLocalPut, storageError } from "./local";
import { verifyStorageToken } from "./local-url";

async function respond(req: http.IncomingMessage, res: http.ServerResponse, base: string): Promise<void> {
  // Like Next: the signal aborts when the client goes away before the answer is finished.
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const method = req.method ?? "GET";
  const request = new Request(new URL(req.url ?? "/", base), {
    method,
    headers: Object.entries(req.headers).flatMap(([k, v]) =>
      v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((one): [string, string] => [k, one]),
    ),
    body: method === "PUT" ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
    signal: controller.signal,
  } as RequestInit);

  const token = decodeURIComponent(new URL(request.url).pathname.replace(/^\/storage\//, ""));
  let response: Response;
  if (method === "PUT") {
    const payload = verifyStorageToken(token, "PUT");
    response = payload ? await handleLocalPut(request, payload) : storageError(403, "AccessDenied");
  } else {
    const payload = verifyStorageToken(token, "GET");
    response = payload
      ? await handleLocalGet(request, payload, { headOnly: method === "HEAD" })
      : storageError(403, "AccessDenied");
  }

  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) Readable.fromWeb(response.body as never).pipe(res);
  else res.end();
}

export async function startLocalStorageServer(): Promise<{ url: string; close: () => Promise<void> }> {
  let base = "";
  const server = http.createServer((req, res) => {
    respond(req, res, base).catch((err) => {
      console.error(err);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh DATA_DIR and storage server, with the environment pointing the local driver at them. */
export async function startLocalStorage(): Promise<{ dataDir: string; url: string; close: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "gharart-storage-"));
  const server = await startLocalStorageServer();
  delete process.env.DATABASE_URL;
  Object.assign(process.env, {
    STORAGE_DRIVER: "local",
    DATA_DIR: dataDir,
    APP_URL: server.url,
    AUTH_SECRET: "test-secret-".padEnd(48, "x"),
  });
  resetConfigForTests();
  return {
    dataDir,
    url: server.url,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
