import Link from "next/link";
import { BrandShell } from "@/components/brand-shell";
import { ConfirmSignInButton } from "@/components/confirm-sign-in-button";
import { peekMagicToken } from "@/lib/auth/magic-tokens";
import { safeCallbackPath } from "@/lib/auth/sign-in-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Confirm sign-in", robots: { index: false, follow: false }, referrer: "no-referrer" as const };

// Opening the emailed link only shows this page; it never consumes the token.
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const pending = await peekMagicToken("signin", params.token);
  if (!pending || !params.token) {
    return (
      <BrandShell title="This link no longer works">
        <p className="mb-4 text-sm text-slate-600">Sign-in links work once and expire after 10 minutes.</p>
        <Link href="/signin" className="font-medium text-brand-600 underline">Request a new link</Link>
      </BrandShell>
    );
  }
  return (
    <BrandShell title="Confirm sign-in">
      <p className="mb-6 text-sm text-slate-600">
        Sign in to Gharart Files as <strong className="text-slate-900">{pending.email}</strong>.
      </p>
      <ConfirmSignInButton token={params.token} callbackUrl={safeCallbackPath(params.callbackUrl)} />
    </BrandShell>
  );
}
