// The local driver's "bucket": serves the signed URLs minted by lib/storage/local.ts.
import { config } from "@/lib/config";
import { handleLocalGet, handleLocalPut, storageError } from "@/lib/storage/local";
import { verifyStorageToken, type StorageMethod, type StorageTokenPayload } from "@/lib/storage/local-url";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Ctx = { params: Promise<{ token: string }> };

async function serve(ctx: Ctx, method: StorageMethod, handle: (p: StorageTokenPayload) => Promise<Response>) {
  // With the s3 driver no URL of this kind is ever minted.
  if (config().STORAGE_DRIVER !== "local") return storageError(404, "NotFound");
  const payload = verifyStorageToken((await ctx.params).token, method);
  return payload ? handle(payload) : storageError(403, "AccessDenied");
}

export async function PUT(req: Request, ctx: Ctx): Promise<Response> {
  return serve(ctx, "PUT", (p) => handleLocalPut(req, p));
}

export async function GET(req: Request, ctx: Ctx): Promise<Response> {
  return serve(ctx, "GET", (p) => handleLocalGet(req, p, { headOnly: false }));
}

export async function HEAD(req: Request, ctx: Ctx): Promise<Response> {
  return serve(ctx, "GET", (p) => handleLocalGet(req, p, { headOnly: true }));
}
