import Link from "next/link";
import { BrandShell } from "@/components/brand-shell";
import { buttonClass } from "@/components/ui/button";

export default function DashboardNotFound() {
  return (
    <BrandShell title="Handle not found">
      <p className="mb-6 text-sm text-slate-600">
        There is no such handle, or you are not a member of it. Ask one of its admins to invite you.
      </p>
      <Link href="/dashboard" className={buttonClass("primary", "md", "w-full")}>Back to your handles</Link>
    </BrandShell>
  );
}
