import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/http/errors";
import { problemResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";

export const dynamic = "force-dynamic";

// Unknown /v2 paths answer with a problem body (and a request id), not an HTML 404 — and
// always 404: no body, credential or Idempotency-Key is looked at for a route that is not there.
function notFound(req: NextRequest): Response {
  const requestId = requestIdFrom(req.headers);
  return problemResponse(new ApiError(404, "not_found", "No such API route. See /v2/openapi.json."), requestId);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
