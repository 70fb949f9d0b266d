import Link from "next/link";

export function BrandMark({ href = "/dashboard", compact = false }: { href?: string; compact?: boolean }) {
  return (
    <Link href={href} className="flex shrink-0 items-center gap-2 rounded-md text-[15px] font-semibold text-slate-900">
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-gradient-to-br from-brand-500 to-brand-700 text-sm font-bold text-white shadow-sm">
        G
      </span>
      <span className={compact ? "sr-only sm:not-sr-only" : ""}>Gharart Files</span>
    </Link>
  );
}
