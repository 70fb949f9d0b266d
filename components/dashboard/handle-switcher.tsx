"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { HandleItem } from "@/lib/ui/api-types";
import { CheckIcon, ChevronDownIcon, PlusIcon } from "../ui/icons";
import { RoleBadge } from "./role-badge";

/** Switch between the handles you belong to; a disclosure (details/summary) so it works by keyboard. */
export function HandleSwitcher({ current, handles }: { current: string; handles: Pick<HandleItem, "slug" | "role">[] }) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    // Close on outside click and on Escape, as menus do.
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
        return;
      }
      if (!details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);

  return (
    <details ref={ref} className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-2 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden className="grid h-6 w-6 place-items-center rounded-md bg-slate-900 text-[11px] font-bold uppercase text-white">{current.slice(0, 2)}</span>
        {/* Named by its visible text (label-content-name-mismatch): "Handle acme, switch". */}
        <span className="sr-only">Handle </span>
        <span className="max-w-[9rem] truncate sm:max-w-[14rem]">{current}</span>
        <span className="sr-only">, switch</span>
        <ChevronDownIcon className="h-4 w-4 text-slate-400 transition-transform group-open:rotate-180" />
      </summary>
      <div className="absolute left-0 z-30 mt-2 w-72 max-w-[calc(100vw-2rem)] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg">
        <p className="px-4 pb-1 pt-3 text-xs font-medium uppercase tracking-wide text-slate-400">Your handles</p>
        <ul className="max-h-72 overflow-y-auto py-1">
          {handles.map((h) => (
            <li key={h.slug}>
              <Link
                href={`/dashboard/${h.slug}`}
                aria-current={h.slug === current ? "page" : undefined}
                className="flex items-center gap-3 px-4 py-2 text-sm text-slate-700 hover:bg-slate-50 aria-[current=page]:font-semibold aria-[current=page]:text-slate-900"
              >
                <span className="min-w-0 flex-1 truncate">{h.slug}</span>
                <RoleBadge role={h.role} />
                <CheckIcon className={`h-4 w-4 text-brand-600 ${h.slug === current ? "" : "invisible"}`} />
              </Link>
            </li>
          ))}
        </ul>
        <Link href="/dashboard?new=1" className="flex items-center gap-2 border-t border-slate-100 px-4 py-3 text-sm font-medium text-brand-700 hover:bg-brand-50">
          <PlusIcon className="h-4 w-4" /> Create a handle
        </Link>
      </div>
    </details>
  );
}
