export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export const created = (data: unknown, headers: Record<string, string> = {}) => json(data, 201, headers);

export const noContent = () => new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
