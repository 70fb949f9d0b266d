import { randomBytes } from "node:crypto";

// Echo a well-formed incoming id; anything else (CRLF, 10 kB…) is replaced, never reflected.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export function newRequestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && WELL_FORMED.test(incoming) ? incoming : newRequestId();
}
