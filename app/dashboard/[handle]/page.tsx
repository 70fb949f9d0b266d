import Link from "next/link";
import { FilesView } from "@/components/files/files-view";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { LockIcon } from "@/components/ui/icons";
import { roleAtLeast } from "@/lib/ui/api-types";
import { requireMember } from "../session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }) {
  return { title: `Files · ${(await params).handle}` };
}

export default async function FilesPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const { role } = await requireMember(handle, `/dashboard/${handle}`);
  if (!roleAtLeast(role, "CREATOR")) {
    // Files need CREATOR+ (the files routes' role, lib/files/routes.ts); viewers can still read the internal docs.
    return (
      <div className="rounded-2xl border border-slate-200 bg-white shadow-sm">
        <EmptyState icon={<LockIcon className="h-6 w-6" />} title="Files are for creators"
          action={<Link href={`/dashboard/${handle}/docs`} className={buttonClass("secondary")}>Open internal docs</Link>}>
          You are a viewer in {handle}. Ask an admin for the Creator role to upload and share files.
        </EmptyState>
      </div>
    );
  }
  return <FilesView handle={handle} />;
}
