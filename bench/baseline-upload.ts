// Diagnostic for the upload figure: a bare node:http server that streams a PUT body to a
// file in DATA_DIR, answering 200; with `?fsync=1` the file is fsynced before the 200, as
// the local driver does. It shows what the HTTP transport on loopback and the disk alone
// cost, apart from Next and the app's upload route.
// Env: BASELINE_PORT, DATA_DIR.
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";

const dir = path.join(process.env.DATA_DIR!, "bench-upload-floor");
mkdirSync(dir, { recursive: true });

const server = createServer(async (req, res) => {
  if (req.method !== "PUT") {
    res.writeHead(405).end();
    return;
  }
  const file = path.join(dir, randomUUID());
  try {
    await pipeline(req, createWriteStream(file, { flags: "wx", flush: (req.url ?? "").includes("fsync=1") }));
    res.writeHead(200).end();
  } catch (error) {
    console.error("baseline-upload: failed", error);
    res.writeHead(500).end();
  } finally {
    rmSync(file, { force: true });
  }
});
server.requestTimeout = 0;
const port = Number(process.env.BASELINE_PORT);
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port} (upload floor)`));
const shutdown = () => server.close(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
