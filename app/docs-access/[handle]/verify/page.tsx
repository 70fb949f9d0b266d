import { BrandShell } from "@/components/brand-shell";
import { HANDLE_PATTERN } from "@/lib/auth/access";
import { peekMagicToken } from "@/lib/auth/magic-tokens";
import { db } from "@/lib/db/client";
import { edgeDocsUrl } from "@/lib/docs/docs-path";

export const dynamic = "force-dynamic";
export const metadata = { title: "Open the docs", robots: { index: false, follow: false }, referrer: "no-referrer" as const };

// The emailed link lands here. Opening it (mail scanners do) never consumes the token:
// only the button's POST does. No script, no auto-submit.
async function pendingLink(slug: string, token: string | undefined) {
  if (!token || !HANDLE_PATTERN.test(slug)) return null;
  const pending = await peekMagicToken("docs", token);
  if (!pending?.handleId) return null;
  const handle = await (await db()).handle.findUnique({ where: { slug }, select: { id: true } });
  return handle && handle.id === pending.handleId ? pending : null;
}

export default async function DocsAccessVerifyPage({
  params,
  searchParams,
}: {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { handle } = await params;
  const query = await searchParams;
  const token = typeof query.token === "string" ? query.token : undefined;
  const pending = await pendingLink(handle, token);
  if (!pending || !token) {
    return (
      <BrandShell title="This link no longer works">
        <p className="mb-4 text-sm text-slate-600">Docs links work once and expire after 10 minutes. Ask for a new one from the docs page.</p>
        {HANDLE_PATTERN.test(handle) && (
          <a href={edgeDocsUrl(handle)} className="font-medium text-brand-600 underline">Go to the docs</a>
        )}
      </BrandShell>
    );
  }
  return (
    <BrandShell title={`Open the ${handle} docs`}>
      <p className="mb-6 text-sm text-slate-600">
        Continue as <strong className="text-slate-900">{pending.email}</strong>. This link works once; access lasts 24 hours on this browser.
      </p>
      <form method="post" action={`/v2/public/docs/${handle}/magic-link/verify`}>
        <input type="hidden" name="token" value={token} />
        <button
          type="submit"
          className="w-full rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Continue to the docs
        </button>
      </form>
    </BrandShell>
  );
}
