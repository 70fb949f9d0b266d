"use client";

import { fromLocalInput } from "@/lib/ui/format";
import { goLiveHint } from "@/lib/ui/delivery";
import { DateTimeInput } from "../ui/date-time-input";

/**
 * "Goes live at": an optional embargo. Before it, the link answers "not available yet"
 * and shows visitors when it opens. Value in the datetime-local shape, "" for none.
 */
export function EmbargoField({ id, value, onChange, disabled, error }: {
  id: string; value: string; onChange: (local: string) => void; disabled?: boolean; error?: string | null;
}) {
  const iso = fromLocalInput(value);
  const hint = goLiveHint(iso);
  return (
    <div>
      <DateTimeInput id={id} label={<>Goes live at <span className="font-normal text-slate-500">(optional embargo)</span></>}
        value={value} onChange={onChange} optional disabled={disabled} invalid={Boolean(error)} describedBy={`${id}-hint`} />
      <p id={`${id}-hint`} data-testid="embargo-hint" className={`mt-1 text-xs ${error ? "font-medium text-red-600" : hint?.startsWith("Goes live") ? "font-medium text-violet-700" : "text-slate-600"}`}>
        {error ?? (hint
          ? hint.startsWith("Goes live") ? `${hint}. Until then the link shows when it opens; invitations can go out now.` : `${hint}: the link works now.`
          : "Live as soon as the upload finishes. Set a time to keep it under embargo until launch.")}
      </p>
    </div>
  );
}
