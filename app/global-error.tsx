"use client";

import "./globals.css";
import { ErrorPage } from "@/components/support/error-page";

// When the root layout itself fails: global-error replaces it, so it brings <html> and <body>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ErrorPage error={error} reset={reset} />
      </body>
    </html>
  );
}
