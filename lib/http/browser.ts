/** A top-level browser navigation (as opposed to an API client asking for JSON). */
export function wantsHtml(headers: Headers): boolean {
  const accept = headers.get("accept") ?? "";
  return accept.includes("text/html");
}
