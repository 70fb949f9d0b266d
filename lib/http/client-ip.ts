// Set by scripts/server.ts from the socket (or the trusted proxy hop), overwriting any
// client-sent value, so X-Forwarded-For rotation cannot dodge per-IP throttles.
export const CLIENT_IP_HEADER = "x-gharart-client-ip";

export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
