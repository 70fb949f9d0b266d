import type { IncomingMessage, ServerResponse } from "node:http";
import { GET as publicDownload } from "../app/v2/public/files/[fileId]/route";
import { serveLocalStorage, storageTokenOf } from "../lib/storage/local-http";

// The hottest route, the public download redirect, dispatched straight to its own route
// module: the same handler and rules, minus Next's router (which alone costs more than
// the download itself; see bench/README.md). The database, config and storage singletons
// live on globalThis, so this copy of the code shares them with Next's.
// The local driver's /storage/<token> URLs are served here too: bytes streamed from disk
// with node streams, and no Next response headers (Vary: rsc, …) on stored objects.
const PUBLIC_DOWNLOAD = /^\/v2\/public\/files\/([A-Za-z0-9_-]+)(?:\?.*)?$/;

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of [value].flat()) if (typeof item === "string") headers.append(name, item);
  }
  return headers;
}

/** Serves the request if it is a fast route; false hands it on to Next. */
export async function serveFastRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const storageToken = storageTokenOf(req.url ?? "");
  if (storageToken !== null) {
    await serveLocalStorage(req, res, storageToken);
    return true;
  }
  const match = req.method === "GET" ? PUBLIC_DOWNLOAD.exec(req.url ?? "") : null;
  if (!match) return false;
  const request = new Request(new URL(req.url!, process.env.APP_URL ?? "http://localhost"), { headers: webHeaders(req) });
  const response = await publicDownload(request as never, { params: Promise.resolve({ fileId: match[1] }) });
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name.toLowerCase() === "set-cookie") res.appendHeader(name, value);
    else res.setHeader(name, value);
  });
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined); // a 302 has none
  return true;
}
