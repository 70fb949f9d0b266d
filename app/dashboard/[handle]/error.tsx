"use client";

import { ErrorPage } from "@/components/support/error-page";

// Inside a handle: the same error page, so a crash in one section never shows a bare framework page.
export default function HandleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPage error={error} reset={reset} inDashboard />;
}
