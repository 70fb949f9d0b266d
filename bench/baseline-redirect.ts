// Baseline for the public download redirect: a bare node:http server that, per request,
// runs the same single-row SELECT of the file by id and signs the download URL through
// the same local storage driver, answering 302. No framework, no throttle, no audit row.
//
// Run as a child process by bench/run.ts:
//   BASELINE_PORT, BASELINE_FILE_ID, and either DATABASE_URL (PostgreSQL through `pg`, a
//   pool of 10 like the app's) or BASELINE_PGLITE_DIR (a separate PGlite data folder seeded
//   with the same row: the app server owns its own PGlite folder). DATA_DIR, APP_URL and
//   AUTH_SECRET configure the storage driver exactly as in the app.
import { createServer } from "node:http";
import { servedContentType } from "../lib/files/content-type";
import { createLocalDriver } from "../lib/storage/local";

type Row = {
  id: string;
  fileName: string;
  contentType: string;
  objectKey: string;
  status: string;
  expiresAt: Date | null;
  docsPath: string | null;
};
type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

// The columns Prisma's findUnique selects for a File: all of them.
const SELECT_FILE = `SELECT * FROM "files" WHERE "id" = $1 LIMIT 1`;

async function openQuery(): Promise<{ query: Query; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const pg = (await import("pg")).default;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    return { query: async (sql, params) => (await pool.query(sql, params)).rows, close: () => pool.end() };
  }
  const dir = process.env.BASELINE_PGLITE_DIR;
  if (!dir) throw new Error("DATABASE_URL or BASELINE_PGLITE_DIR is required");
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  return { query: async (sql, params) => (await pglite.query<Row>(sql, params)).rows, close: () => pglite.close() };
}

const port = Number(process.env.BASELINE_PORT);
const fileId = process.env.BASELINE_FILE_ID!;
const driver = createLocalDriver();
const db = await openQuery();

const server = createServer(async (req, res) => {
  try {
    const [file] = await db.query(SELECT_FILE, [fileId]);
    if (!file || file.docsPath !== null) {
      res.writeHead(404).end();
      return;
    }
    if (file.status !== "ready") {
      res.writeHead(409).end();
      return;
    }
    const secondsLeft = file.expiresAt ? Math.floor((file.expiresAt.getTime() - Date.now()) / 1000) : Infinity;
    const url = await driver.presignDownload(file.objectKey, {
      fileName: file.fileName,
      contentType: servedContentType(file.contentType),
      ttlSec: Math.min(300, secondsLeft),
    });
    res.writeHead(302, { Location: url, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).end();
  } catch (error) {
    console.error("baseline: request failed", error);
    res.writeHead(500).end();
  }
});
server.keepAliveTimeout = 5000;
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));

const shutdown = () => server.close(() => db.close().finally(() => process.exit(0)));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
