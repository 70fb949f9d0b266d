"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** The only thing that consumes a sign-in token: a person's click (mail scanners only GET). */
export function ConfirmSignInButton({ token, callbackUrl }: { token: string; callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn("email-link", { token, callbackUrl });
      }}
      className="w-full rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {busy ? "Signing in…" : "Continue and sign in"}
    </button>
  );
}
