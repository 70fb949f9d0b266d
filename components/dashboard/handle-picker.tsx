import Link from "next/link";
import type { HandleItem } from "@/lib/ui/api-types";
import { formatDate } from "@/lib/ui/format";
import { RoleBadge } from "./role-badge";

export function HandlePicker({ handles }: { handles: HandleItem[] }) {
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      {handles.map((h) => (
        <li key={h.slug}>
          <Link href={`/dashboard/${h.slug}`} className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50">
            <span aria-hidden className="grid h-10 w-10 place-items-center rounded-lg bg-slate-900 text-sm font-bold uppercase text-white">{h.slug.slice(0, 2)}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate font-semibold text-slate-900">{h.slug}</span>
              <span className="block text-xs text-slate-500">Created {formatDate(h.createdAt)}</span>
            </span>
            <RoleBadge role={h.role} />
            <span aria-hidden className="text-slate-300">›</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
