import { randomUUID } from "node:crypto";

// Echo a well-formed incoming id; anything else (CRLF, 10 kB…) is replaced, never reflected.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export function newRequestId(): string {
  // randomUUID draws from a cached entropy pool: ~0.4 µs against ~6 µs for randomBytes(12)
  // on every request (issue 13). 24 hex digits as before.
  return `req_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && WELL_FORMED.test(incoming) ? incoming : newRequestId();
}
