import { HANDLE_PATTERN } from "../auth/access";
import { ApiError } from "../http/errors";

// Canonicalizes the `/_edge/docs/{handle}/{...path}` URL parts. Next decodes each segment
// once before we see it (so `..%2f..%2fetc` arrives as the single segment `../../etc`,
// and `%252e` as `%2e`): we never decode again, we only accept a strict charset, so
// every traversal spelling (`..`, `%2e`, `\`, NUL, controls, empty segments) fails here.
const SEGMENT = /^[A-Za-z0-9._-]+$/;
const MAX_SEGMENTS = 16;
export const MAX_DOCS_PATH_LENGTH = 300;

const invalidPath = () =>
  new ApiError(400, "invalid_docs_path", "Docs paths are relative segments of letters, digits, '.', '_' and '-' (no '.' or '..' segments).");

export const handleNotFound = () =>
  new ApiError(404, "handle_not_found", "No such handle, or its docs are not available to you.");

function isPlainSegment(segment: string): boolean {
  return SEGMENT.test(segment) && segment !== "." && segment !== "..";
}

/**
 * The handle segment: traversal-looking input is a 400, a well-formed but non-canonical
 * slug (`ACME`, `a_b`) is a 404, with no case folding, so policy is looked up on exactly
 * the slug that is stored.
 */
export function parseDocsHandle(segment: string): string {
  if (!isPlainSegment(segment)) throw invalidPath();
  if (!HANDLE_PATTERN.test(segment)) throw handleNotFound();
  return segment;
}

/** `[]`/undefined is the index (""); otherwise the canonical `a/b.md` docsPath. */
export function parseDocsPath(segments: readonly string[] | undefined): string {
  if (!segments || segments.length === 0) return "";
  if (segments.length > MAX_SEGMENTS || !segments.every(isPlainSegment)) throw invalidPath();
  const docsPath = segments.join("/");
  if (docsPath.length > MAX_DOCS_PATH_LENGTH) throw invalidPath();
  return docsPath;
}

/** URL path of a doc (or of the index when docsPath is ""). Inputs are already canonical. */
export function edgeDocsUrl(handle: string, docsPath = ""): string {
  return `/_edge/docs/${handle}/${docsPath}`;
}
