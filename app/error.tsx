"use client";

import { ErrorPage } from "@/components/support/error-page";

// Any route that fails to render shows our page with a reference, not the framework's bare one.
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPage error={error} reset={reset} />;
}
