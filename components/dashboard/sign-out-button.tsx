"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonClass } from "../ui/button";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={buttonClass("ghost", "sm")}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}
