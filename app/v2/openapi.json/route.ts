import { config } from "@/lib/config";
import { openApiDocument } from "@/lib/openapi/document";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export function GET() {
  return json(openApiDocument(config().appUrl, { maxFileBytes: config().MAX_FILE_BYTES }));
}
