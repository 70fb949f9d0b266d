// List: GET /v2/handles/{h}/files of 500 ready files against the raw SQL of the same rows.
import pg from "pg";
import type { Tenant } from "../../e2e/support/admin";
import { percentile, round, timed } from "../measure";
import { profiled } from "../lib/processes";
import { settings, type DatabaseKind } from "../lib/settings";
import type { BenchServer } from "../lib/app-server";

const LIST_SQL = `SELECT * FROM "files" WHERE "handleId" = $1 AND ("expiresAt" IS NULL OR "expiresAt" > $2)
  ORDER BY "createdAt" DESC, "id" DESC LIMIT 500`;


export type ListBaseline = {
  /** The raw SQL query of the same rows; returns the row count. */
  query(): Promise<number>;
  /** Diagnostic: the route's own Prisma findMany of the same rows, in-process. */
  prismaQuery(): Promise<number>;
  close(): Promise<void>;
};

const listWhere = (handleId: string) => {
  const now = new Date();
  return {
    where: { handleId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
    take: 500,
  };
};

export async function listBaseline(kind: DatabaseKind, handleId: string, databaseUrl: string | undefined, pgliteDir: string): Promise<ListBaseline> {
  const { PrismaClient } = await import("../../lib/generated/prisma/client");
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
    return {
      query: async () => (await client.query(LIST_SQL, [handleId, new Date()])).rows.length,
      prismaQuery: async () => (await prisma.file.findMany(listWhere(handleId))).length,
      close: async () => {
        await prisma.$disconnect();
        await client.end();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = new PGlite(pgliteDir);
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    query: async () => (await pglite.query(LIST_SQL, [handleId, new Date()])).rows.length,
    prismaQuery: async () => (await prisma.file.findMany(listWhere(handleId))).length,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export async function listBenchmark(server: BenchServer, tenant: Tenant, baseline: ListBaseline) {
  const get = async (pathname: string, status: number) => {
    const response = await fetch(`${server.url}${pathname}`, { headers: { authorization: `Bearer ${tenant.token}` } });
    const body = await response.text(); // read whole; parsed only while warming up
    if (response.status !== status) throw new Error(`${pathname} answered ${response.status}`);
    return body;
  };
  let checked = false;
  const appRequest = async () => {
    const body = await get(`/v2/handles/${tenant.handle}/files`, 200);
    if (checked) return;
    const files = (JSON.parse(body) as { files: unknown[] }).files;
    if (files.length !== settings.listFiles) throw new Error(`list returned ${files.length} files`);
    checked = true;
  };
  // Diagnostic: the same route family's per-request overhead without the list (route
  // wrapper, PAT, throttle, handle access, then a 404 for a file id that does not exist).
  const floorRequest = () => get(`/v2/handles/${tenant.handle}/files/fil_benchDoesNotExist000000`, 404);
  // ...and the cheapest API answer of all (route wrapper 404, no credentials, no database).
  const frameworkRequest = () => get(`/v2/bench-framework-floor`, 404);
  const rows = (fn: () => Promise<number>) => async () => {
    const n = await fn();
    if (n !== settings.listFiles) throw new Error(`baseline list returned ${n} rows`);
  };
  const baseRequest = rows(baseline.query);
  const prismaRequest = rows(baseline.prismaQuery);
  for (let i = 0; i < 10; i++) {
    await appRequest();
    await baseRequest();
    await floorRequest();
    await prismaRequest();
    await frameworkRequest();
  }
  // Interleaved, so drift in the machine's load hits both sides alike.
  const app: number[] = [];
  const base: number[] = [];
  const floor: number[] = [];
  const prisma: number[] = [];
  const framework: number[] = [];
  await profiled(server, "list", async () => {
    for (let i = 0; i < settings.listRequests; i++) {
      app.push((await timed(appRequest)).ms);
      base.push((await timed(baseRequest)).ms);
    }
  });
  for (let i = 0; i < settings.listRequests; i++) {
    floor.push((await timed(floorRequest)).ms);
    prisma.push((await timed(prismaRequest)).ms);
    framework.push((await timed(frameworkRequest)).ms);
  }
  const p50Ms = percentile(app, 50);
  const baselineP50Ms = percentile(base, 50);
  return {
    files: settings.listFiles,
    requests: settings.listRequests,
    state: "all files ready (steady state: no HEAD/stat of pending uploads)",
    p50Ms: round(p50Ms),
    baselineP50Ms: round(baselineP50Ms),
    ratio: round(p50Ms / baselineP50Ms),
    p90Ms: round(percentile(app, 90)),
    baselineP90Ms: round(percentile(base, 90)),
    diagnostics: {
      routeOverheadP50Ms: round(percentile(floor, 50)),
      routeOverheadWhat: "GET /v2/handles/{h}/files/{unknown id}: route wrapper, PAT lookup, throttle upsert, handle access, 404",
      frameworkP50Ms: round(percentile(framework, 50)),
      frameworkWhat: "GET /v2/<unknown>: route wrapper 404, no credentials, no database",
      prismaFindManyP50Ms: round(percentile(prisma, 50)),
      prismaFindManyWhat: "the route's prisma.file.findMany of the same 500 rows, in the bench process",
    },
  };
}
