// Test helper (not a test): a bare node:http server that dispatches like scripts/server.ts,
// fast routes first (scripts/fast-routes.ts serves /storage/*). What the front would hand
// on to Next gets a stand-in 404 with Next's Vary header, so a missed dispatch fails tests.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serveFastRoute } from "../../scripts/fast-routes";
import { resetConfigForTests } from "../config";

/** The Vary header Next adds to what it serves; no storage answer may carry it. */
export const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

async function respond(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (await serveFastRoute(req, res)) return;
  res.writeHead(404, { Vary: NEXT_VARY, "Content-Type": "text/plain" });
  res.end("not a fast route: Next would have answered this");
}

export async function startLocalStorageServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    respond(req, res).catch((err) => {
      console.error(err);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
  delete process.env.LOCAL_STORAGE_PUBLIC_URL;
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
