// The local driver's "bucket" under `next dev` only: our HTTP front (scripts/server.ts)
// serves /storage/* itself before Next sees it. Same code either way: lib/storage/local-http.
import { localStorageResponse } from "@/lib/storage/local-http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Ctx = { params: Promise<{ token: string }> };

async function serve(req: Request, ctx: Ctx): Promise<Response> {
  return localStorageResponse(req, (await ctx.params).token);
}

export { serve as GET, serve as HEAD, serve as OPTIONS, serve as PUT };
