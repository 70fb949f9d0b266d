// Pure helpers for the /dev/outbox page, kept out of page.tsx so they can be tested
// (a Next.js page file may only export page-level names).

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The outbox holds live sign-in links: serve it only to loopback clients, unless the
 * operator opts in with OUTBOX_PUBLIC=true. `clientIp` must come from the socket
 * (our server sets `x-gharart-client-ip`, overriding anything the client sent).
 */
export function outboxVisibleTo(clientIp: string | null | undefined, env: Record<string, string | undefined> = process.env): boolean {
  if (env.OUTBOX_PUBLIC === "true") return true;
  return typeof clientIp === "string" && LOOPBACK.has(clientIp.trim());
}

export type TextSegment = { kind: "text"; value: string } | { kind: "link"; href: string };

const URL_RE = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING_PUNCT = /[.,;:!?)\]}]+$/;

/** Splits a text body into plain runs and links; only URLs under `appUrl` become links. */
export function linkifySegments(text: string, appUrl: string): TextSegment[] {
  const base = appUrl.replace(/\/+$/, "");
  const segments: TextSegment[] = [];
  let last = 0;
  const push = (value: string) => {
    if (!value) return;
    const prev = segments[segments.length - 1];
    if (prev?.kind === "text") prev.value += value;
    else segments.push({ kind: "text", value });
  };
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index ?? 0;
    const href = match[0].replace(TRAILING_PUNCT, "");
    push(text.slice(last, start));
    // Prefix + boundary: `https://app.example.com.evil.net/` must not pass for our origin.
    if (href === base || href.startsWith(`${base}/`) || href.startsWith(`${base}?`)) {
      segments.push({ kind: "link", href });
    } else {
      push(href);
    }
    last = start + href.length;
  }
  push(text.slice(last));
  return segments;
}
