"use client";

import { useId, useRef } from "react";

interface TabsProps<T extends string> {
  label: string;
  tabs: { id: T; label: React.ReactNode }[];
  value: T;
  onChange: (id: T) => void;
  className?: string;
}

/** WAI-ARIA tabs: arrow keys move between tabs; the caller renders the panel with tabPanelProps. */
export function Tabs<T extends string>({ label, tabs, value, onChange, className = "" }: TabsProps<T>) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div role="tablist" aria-label={label} className={`inline-flex rounded-lg bg-slate-100 p-1 ${className}`}
      onKeyDown={(e) => {
        const index = tabs.findIndex((t) => t.id === value);
        const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        const next = (index + step + tabs.length) % tabs.length;
        onChange(tabs[next].id);
        refs.current[next]?.focus();
      }}>
      {tabs.map((tab, i) => (
        <button key={tab.id} ref={(el) => { refs.current[i] = el; }} type="button" role="tab"
          id={`${base}-${tab.id}`} aria-selected={tab.id === value} tabIndex={tab.id === value ? 0 : -1}
          onClick={() => onChange(tab.id)}
          className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 aria-selected:bg-white aria-selected:text-slate-900 aria-selected:shadow-sm">
          {tab.label}
        </button>
      ))}
    </div>
  );
}
