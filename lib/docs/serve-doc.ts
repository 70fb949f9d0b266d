import type { FileRow } from "../files/file-view";
import { servedContentType } from "../files/content-type";
import { storage } from "../storage";
import { attachmentDisposition } from "../storage/content-disposition";
import { docNotFound } from "./docs-store";
import { renderDocPage, type DocsChrome } from "./layout-html";
import { DOCS_PAGE_CSP } from "./layout-css";
import { renderMarkdown } from "./render-markdown";
import { readStreamText } from "../http/read-stream";

// One doc's response body: Markdown becomes the docs page; anything else streams as
// bytes. Bytes on the app origin must never execute: active types (HTML, SVG, XML, JS…)
// become octet-stream attachments, only passive types render inline, and a sandbox CSP
// covers whatever the browser still shows.
export const MAX_RENDERED_MARKDOWN_BYTES = 2 * 1024 * 1024;

const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|avif)|text\/plain|text\/csv|audio\/(mpeg|ogg|wav|webm)|video\/(mp4|webm|ogg))$/;
const BYTES_CSP = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export function isMarkdownDoc(file: Pick<FileRow, "contentType" | "docsPath">): boolean {
  const type = file.contentType.split(";")[0].trim().toLowerCase();
  if (type === "text/markdown" || type === "text/x-markdown") return true;
  return /\.(md|markdown)$/i.test(file.docsPath ?? "") && (type === "text/plain" || type === "application/octet-stream");
}

/** Headers for streamed (non-Markdown) doc bytes. */
export function bytesHeaders(file: Pick<FileRow, "contentType" | "fileName">, size: number): Record<string, string> {
  const stored = file.contentType.split(";")[0].trim().toLowerCase();
  const served = servedContentType(stored);
  const inline = served === stored && INLINE_TYPES.test(stored);
  const disposition = attachmentDisposition(file.fileName);
  return {
    "Content-Type": served.startsWith("text/") ? `${served}; charset=utf-8` : served,
    "Content-Length": String(size),
    "Content-Disposition": inline ? disposition.replace(/^attachment/, "inline") : disposition,
    "Content-Security-Policy": BYTES_CSP,
  };
}

export async function docResponse(file: FileRow, chrome: DocsChrome): Promise<Response> {
  const object = await storage().read(file.objectKey);
  if (!object) throw docNotFound();
  if (isMarkdownDoc(file) && object.size <= MAX_RENDERED_MARKDOWN_BYTES) {
    const source = await readStreamText(object.body, MAX_RENDERED_MARKDOWN_BYTES);
    if (source !== null) {
      const rendered = renderMarkdown(source);
      const html = renderDocPage({ ...chrome, docsPath: file.docsPath!, ...rendered, updatedAt: file.updatedAt });
      return new Response(html, {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(Buffer.byteLength(html)), "Content-Security-Policy": DOCS_PAGE_CSP },
      });
    }
    const again = await storage().read(file.objectKey); // grew past the limit while reading
    if (!again) throw docNotFound();
    return new Response(again.body, { status: 200, headers: bytesHeaders({ ...file, contentType: "text/plain" }, again.size) });
  }
  // Markdown too large to render is still readable, as plain text.
  const asStored = isMarkdownDoc(file) ? { ...file, contentType: "text/plain" } : file;
  return new Response(object.body, { status: 200, headers: bytesHeaders(asStored, object.size) });
}
