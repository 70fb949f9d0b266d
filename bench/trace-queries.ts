// Evidence helper: the SQL statements one public download, one list and one create send
// to PostgreSQL (log_statement=all on a throwaway cluster). `npx tsx bench/trace-queries.ts`
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { newTenant } from "../e2e/support/admin";
import { freePort, startAppServer, tempDataDir } from "../e2e/support/server";
import { startThrowawayPostgres } from "./postgres";

const cluster = startThrowawayPostgres(await freePort());
const client = new pg.Client({ connectionString: cluster.url });
await client.connect();
const dataDir = tempDataDir("gharart-bench-probe");
const server = await startAppServer({ DATABASE_URL: cluster.url, AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnop", SWEEP_INTERVAL_SECONDS: "0", DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000000", API_RATE_LIMIT_PER_MINUTE: "100000000" }, { dataDir });
try {
  const t = await newTenant("probe", { url: server.url, dataDir });
  const h = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
  const c = await (await fetch(`${server.url}/v2/handles/${t.handle}/files`, { method: "POST", headers: h, body: JSON.stringify({ fileName: "a.txt", sizeBytes: 3, accessMode: "PUBLIC" }) })).json();
  await fetch(c.uploadUrl, { method: "PUT", headers: c.uploadHeaders, body: "abc" });
  for (let i = 0; i < 3; i++) await fetch(c.publicUrl, { redirect: "manual" });
  for (let i = 0; i < 2; i++) await fetch(`${server.url}/v2/handles/${t.handle}/files`, { headers: h });
  await client.query("ALTER SYSTEM SET log_statement = 'all'"); await client.query("SELECT pg_reload_conf()");
  await new Promise((r) => setTimeout(r, 300));
  const mark = (s: string) => client.query(`SELECT '${s}'`);
  await mark("==== download"); await fetch(c.publicUrl, { redirect: "manual" });
  await mark("==== list"); await fetch(`${server.url}/v2/handles/${t.handle}/files`, { headers: h });
  await mark("==== create"); await fetch(`${server.url}/v2/handles/${t.handle}/files`, { method: "POST", headers: h, body: JSON.stringify({ fileName: "b.txt", sizeBytes: 3, accessMode: "PUBLIC" }) });
  await mark("==== end");
  await new Promise((r) => setTimeout(r, 300));
  const log = readFileSync(path.join(cluster.dir, "log"), "utf8");
  console.log(log.slice(log.indexOf("==== download") - 200).split("\n").filter((l) => /LOG:  (statement|execute)|DETAIL/.test(l)).map((l) => l.replace(/^.*?(LOG|DETAIL):\s+/, "").slice(0, 260)).join("\n"));
} finally {
  await client.end(); await server.stop(); cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
