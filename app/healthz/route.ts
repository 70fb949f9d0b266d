import { db } from "@/lib/db/client";
import { storage } from "@/lib/storage";

export const dynamic = "force-dynamic";

async function probe(check: () => Promise<unknown>): Promise<"ok" | "unavailable"> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 5000))]);
    return "ok";
  } catch {
    return "unavailable";
  }
}

export async function GET() {
  const [database, objectStorage] = await Promise.all([
    probe(async () => (await db()).$queryRaw`SELECT 1`),
    probe(() => storage().checkHealth()),
  ]);
  const healthy = database === "ok" && objectStorage === "ok";
  return Response.json(
    { status: healthy ? "ok" : "degraded", database, storage: objectStorage },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
