import { BrandShell } from "@/components/brand-shell";
import { SignInForm } from "@/components/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/sign-in-link";
import { outboxEnabled } from "@/lib/email/mailer";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  return (
    <BrandShell title="Sign in to Gharart Files">
      {params.error && (
        <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
          That sign-in link is invalid, expired or already used. Request a new one.
        </p>
      )}
      <SignInForm callbackUrl={safeCallbackPath(params.callbackUrl)} outboxEnabled={outboxEnabled()} />
    </BrandShell>
  );
}
