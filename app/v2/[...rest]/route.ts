import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Unknown /v2 paths answer with a problem body (and a request id), not an HTML 404.
const notFound = route({ auth: "none", body: "none" }, async () => {
  throw new ApiError(404, "not_found", "No such API route. See /v2/openapi.json.");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
