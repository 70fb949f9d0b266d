"use client";

import { useEffect, useState } from "react";
import { formatAbsolute, formatRelative } from "@/lib/ui/format";

/**
 * When an embargoed file opens, in the visitor's own time zone. The server renders UTC
 * (it cannot know the visitor's zone); the browser swaps in local time after hydration.
 */
export function OpensAt({ iso }: { iso: string }) {
  const [local, setLocal] = useState<{ absolute: string; relative: string } | null>(null);
  useEffect(() => setLocal({ absolute: formatAbsolute(iso), relative: formatRelative(iso) }), [iso]);
  const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
  return (
    <time dateTime={iso} data-testid="opens-at" className="font-semibold text-slate-900">
      {local ? <>{local.absolute} <span className="font-normal text-slate-600">({local.relative}, your time)</span></> : `${utc} UTC`}
    </time>
  );
}
