import { db } from "@/lib/db/client";
import { checkStorageCached, type StorageProblem } from "@/lib/storage/check";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 5000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS))]);
}

async function probeDatabase(): Promise<"ok" | "unavailable"> {
  try {
    await withTimeout((async () => (await db()).$queryRaw`SELECT 1`)());
    return "ok";
  } catch {
    return "unavailable";
  }
}

/** The first storage problem (the check orders them: reachability before bucket before CORS), or null. */
async function storageProblem(): Promise<StorageProblem | null> {
  try {
    return (await withTimeout(checkStorageCached())).problems[0] ?? null;
  } catch {
    return { code: "storage_unreachable", message: `storage check did not finish within ${TIMEOUT_MS / 1000} s` };
  }
}

export async function GET() {
  const [database, problem] = await Promise.all([probeDatabase(), storageProblem()]);
  const healthy = database === "ok" && problem === null;
  const body = problem
    ? { status: "degraded", database, storage: "unavailable", reason: problem.message, code: problem.code }
    : { status: healthy ? "ok" : "degraded", database, storage: "ok" };
  return Response.json(body, { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
