// Create: BENCH_CREATE_FILES file records from BENCH_CREATE_CLIENTS concurrent clients; every answer must be a 201.
import type { Tenant } from "../../e2e/support/admin";
import { load, round } from "../measure";
import { api } from "../lib/api";
import type { BenchServer } from "../lib/app-server";
import { profiled } from "../lib/processes";
import { settings } from "../lib/settings";

export async function createBenchmark(server: BenchServer, tenant: Tenant) {
  const result = await profiled(server, "create", () => load({
    url: `${server.url}/v2/handles/${tenant.handle}/files`,
    connections: settings.createClients,
    amount: settings.createFiles,
    method: "POST",
    headers: { authorization: `Bearer ${tenant.token}`, "content-type": "application/json" },
    body: JSON.stringify({ fileName: "partner-brief.pdf", sizeBytes: 1024, accessMode: "PUBLIC" }),
  }));
  const created = result.statusCodes["201"] ?? 0;
  const listed = await api(server, tenant, "GET", `/v2/handles/${tenant.handle}/files`);
  return {
    files: settings.createFiles,
    clients: settings.createClients,
    filesPerS: round(created / result.durationS, 1),
    errors: settings.createFiles - created + result.errors,
    statusCodes: result.statusCodes,
    seconds: round(result.durationS, 2),
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    listedAfter: Math.min(listed.json?.files?.length ?? 0, 500),
  };
}
