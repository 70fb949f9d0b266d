// Browsers navigating (Accept: text/html…) get branded pages; API clients get problem+json.
export function prefersHtml(headers: Headers): boolean {
  const accept = headers.get("accept") ?? "";
  return /\btext\/html\b/i.test(accept);
}
