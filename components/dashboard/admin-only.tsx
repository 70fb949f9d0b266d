import Link from "next/link";
import { buttonClass } from "../ui/button";
import { EmptyState } from "../ui/card";
import { LockIcon } from "../ui/icons";

/** Shown instead of token/member management below ADMIN (the API refuses it too). */
export function AdminOnly({ handle, what }: { handle: string; what: string }) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white shadow-sm">
      <EmptyState icon={<LockIcon className="h-6 w-6" />} title={`${what} are managed by admins`}
        action={<Link href={`/dashboard/${handle}`} className={buttonClass("secondary")}>Back to files</Link>}>
        Ask an admin or owner of {handle} if you need access.
      </EmptyState>
    </div>
  );
}
