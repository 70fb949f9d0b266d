import { edgeMethodNotAllowed, serveEdgeDocs } from "@/lib/docs/edge-handler";

// `/_edge/docs/{handle}/{...path}`: `_` folders are private in the App Router, so this
// folder is spelled `%5Fedge` (the matcher maps it to `_edge`). The optional catch-all
// serves the index at `/_edge/docs/{handle}/`. All policy checks live in serveEdgeDocs.
export const dynamic = "force-dynamic";

export const GET = serveEdgeDocs;
export const HEAD = serveEdgeDocs;
export const OPTIONS = serveEdgeDocs;
export const POST = edgeMethodNotAllowed;
export const PUT = edgeMethodNotAllowed;
export const PATCH = edgeMethodNotAllowed;
export const DELETE = edgeMethodNotAllowed;
