import { config } from "@/lib/config";
import { wantsHtml } from "@/lib/http/browser";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { resolveDownload } from "@/lib/sharing/download";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

function redirect(location: string, status: 302 | 303): Response {
  return new Response(null, { status, headers: { Location: location, ...noStore } });
}

// Public download: 302 to a ≤ 5-minute URL. Browsers that cannot download (no grant,
// expired, missing…) are sent to the branded share page instead of raw JSON; the page
// itself offers the magic link, so that refusal needs no `reason`.
export const GET = route<{ fileId: string }>({ auth: "none" }, async ({ req, params, clientIp, requestId }) => {
  try {
    return redirect(await resolveDownload(params.fileId, req.headers, clientIp, requestId), 302);
  } catch (error) {
    if (error instanceof ApiError && wantsHtml(req.headers) && [401, 403, 404, 409, 410].includes(error.status)) {
      const sharePage = `${config().appUrl}/share/${encodeURIComponent(params.fileId)}`;
      return redirect(error.code === "magic_link_required" ? sharePage : `${sharePage}?reason=${error.code}`, 303);
    }
    throw error;
  }
});
