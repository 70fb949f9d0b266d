"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/ui/api-types";

const TABS: { segment: string; label: string; minRole: Role }[] = [
  { segment: "", label: "Files", minRole: "VIEWER" },
  { segment: "docs", label: "Internal docs", minRole: "VIEWER" },
  { segment: "tokens", label: "API tokens", minRole: "ADMIN" },
  { segment: "members", label: "Members", minRole: "ADMIN" },
];

/** Section tabs; tokens and members are hidden below ADMIN (the API refuses them anyway). */
export function NavTabs({ handle, role }: { handle: string; role: Role }) {
  const pathname = usePathname();
  const base = `/dashboard/${handle}`;
  return (
    <nav aria-label="Handle sections" className="-mb-px flex gap-1 overflow-x-auto">
      {TABS.filter((tab) => roleAtLeast(role, tab.minRole)).map((tab) => {
        const href = tab.segment ? `${base}/${tab.segment}` : base;
        const active = pathname === href;
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className="whitespace-nowrap border-b-2 border-transparent px-3 py-3 text-sm font-medium text-slate-500 hover:border-slate-300 hover:text-slate-800 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
