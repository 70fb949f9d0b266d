"use client";

import { formatAbsolute, fromLocalInput } from "@/lib/ui/format";
import { inputClass } from "./field";

// Day / month-name / year / 24-hour time as separate labelled selects, instead of
// <input type="datetime-local">: the native picker follows the browser's locale
// (mm/dd/yyyy and AM/PM in en-US) while the app prints "1 Dec 2026, 14:05" everywhere.
// Selects read the same way in every locale and are plain to use by keyboard and screen reader.
// The value keeps the datetime-local shape ("2026-12-01T14:05", viewer's time zone) or "".

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (year: number, month: number) => new Date(year, month, 0).getDate();

interface Parts { year: number; month: number; day: number; hour: number; minute: number }

function parse(value: string): Parts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] } : null;
}

function compose(p: Parts): string {
  const day = Math.min(p.day, daysIn(p.year, p.month)); // 31 Feb → 28/29 Feb
  return `${p.year}-${pad(p.month)}-${pad(day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Tomorrow at 09:00: where a date starts when an optional field is first set. */
function startingParts(): Parts {
  const d = new Date(Date.now() + 24 * 60 * 60 * 1000);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: 9, minute: 0 };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const selectClass = `${inputClass} !w-auto pr-8`;

export function DateTimeInput({ id, label, value, onChange, optional, disabled, invalid, describedBy }: {
  id: string; label: React.ReactNode; value: string; onChange: (value: string) => void;
  optional?: boolean; disabled?: boolean; invalid?: boolean; describedBy?: string;
}) {
  const parts = parse(value);
  const thisYear = new Date().getFullYear();
  const years = range(thisYear - 1, thisYear + 10);
  if (parts && !years.includes(parts.year)) years.push(parts.year);
  const minutes = range(0, 11).map((i) => i * 5);
  if (parts && !minutes.includes(parts.minute)) minutes.push(parts.minute);
  minutes.sort((a, b) => a - b);

  const set = (key: keyof Parts) => (event: React.ChangeEvent<HTMLSelectElement>) => {
    if (event.target.value === "") return onChange("");
    onChange(compose({ ...(parts ?? startingParts()), [key]: Number(event.target.value) }));
  };
  const empty = !parts;
  const common = { disabled, "aria-invalid": invalid ? true : undefined, "aria-describedby": describedBy } as const;
  const blank = optional && empty ? <option value="">—</option> : null;
  const iso = parts ? fromLocalInput(compose(parts)) : null;

  return (
    <fieldset id={id} data-testid="date-time-input" className="min-w-0">
      <legend className="mb-1.5 block text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs text-slate-600">
          <span className="mb-1 block">Day</span>
          <select {...common} value={parts?.day ?? ""} onChange={set("day")} className={selectClass}>
            {blank}
            {range(1, parts ? daysIn(parts.year, parts.month) : 31).map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          <span className="mb-1 block">Month</span>
          <select {...common} value={parts?.month ?? ""} onChange={set("month")} className={selectClass}>
            {blank}
            {MONTHS.map((name, i) => <option key={name} value={i + 1}>{name}</option>)}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          <span className="mb-1 block">Year</span>
          <select {...common} value={parts?.year ?? ""} onChange={set("year")} className={selectClass}>
            {blank}
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <div className="flex items-end gap-1">
          <label className="text-xs text-slate-600">
            <span className="mb-1 block">Hour</span>
            <select {...common} value={parts?.hour ?? ""} onChange={set("hour")} className={selectClass}>
              {blank}
              {range(0, 23).map((h) => <option key={h} value={h}>{pad(h)}</option>)}
            </select>
          </label>
          <span aria-hidden className="pb-2 text-sm text-slate-500">:</span>
          <label className="text-xs text-slate-600">
            <span className="mb-1 block">Minute</span>
            <select {...common} value={parts?.minute ?? ""} onChange={set("minute")} className={selectClass}>
              {blank}
              {minutes.map((m) => <option key={m} value={m}>{pad(m)}</option>)}
            </select>
          </label>
        </div>
        {optional && !empty && (
          <button type="button" disabled={disabled} onClick={() => onChange("")}
            className="pb-2 text-xs font-medium text-slate-600 underline underline-offset-2 hover:text-slate-900">Clear</button>
        )}
      </div>
      <p data-testid="date-time-reading" className="mt-1 text-xs text-slate-600">
        {iso ? <>{formatAbsolute(iso)} <span className="text-slate-500">(your time zone)</span></> : "Not set"}
      </p>
    </fieldset>
  );
}
