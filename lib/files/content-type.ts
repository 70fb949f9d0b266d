// The stored type is what the upload URL pins. Downloads are always `attachment`; types
// a browser would execute on our origin are additionally served as octet-stream.
const BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif",
  webp: "image/webp", csv: "text/csv", txt: "text/plain", md: "text/markdown", json: "application/json",
  zip: "application/zip", mp4: "video/mp4", mov: "video/quicktime", mp3: "audio/mpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  key: "application/vnd.apple.keynote", ai: "application/postscript", eps: "application/postscript",
};

const ACTIVE_TYPES = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/x-javascript|text\/xsl|multipart\/)/;

export function contentTypeFor(fileName: string, declared?: string): string {
  if (declared) return declared;
  const extension = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  return BY_EXTENSION[extension] ?? "application/octet-stream";
}

/** The type a download response may carry. */
export function servedContentType(stored: string): string {
  return ACTIVE_TYPES.test(stored) ? "application/octet-stream" : stored;
}
