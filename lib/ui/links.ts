import type { FileItem } from "./api-types";

/** Where a doc is read: /_edge/docs/{handle}/{docsPath}, on this origin. */
export function docsEdgeUrl(handle: string, docsPath: string, origin = typeof location !== "undefined" ? location.origin : ""): string {
  return `${origin}/_edge/docs/${encodeURIComponent(handle)}/${docsPath.split("/").map(encodeURIComponent).join("/")}`;
}

/** The link to hand out for a file: its public URL, or its edge URL for an internal doc. */
export function shareLinkFor(file: Pick<FileItem, "handle" | "docsPath" | "docsUrl" | "publicUrl">): string {
  return file.docsUrl ?? (file.docsPath ? docsEdgeUrl(file.handle, file.docsPath) : file.publicUrl) ?? "";
}
