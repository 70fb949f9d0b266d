import { AppHeader } from "@/components/dashboard/app-header";
import { SupportScope } from "@/components/support/support-context";
import { ToastProvider } from "@/components/ui/toast";
import { UploadLimits } from "@/components/upload/upload-limits";
import { config } from "@/lib/config";
import { membership, requireMember } from "../session";

export const dynamic = "force-dynamic";

export default async function HandleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  // Signed out: let the page redirect, since only it knows the exact path to come back to.
  if (!(await membership(handle))) return children;
  const { user, handles, role } = await requireMember(handle, `/dashboard/${handle}`);
  return (
    <ToastProvider>
      <UploadLimits maxFileBytes={config().MAX_FILE_BYTES}>
      <SupportScope handle={handle}>
        <div className="min-h-screen">
          <AppHeader handle={handle} role={role} email={user.email} handles={handles} />
          <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-10">{children}</main>
        </div>
      </SupportScope>
      </UploadLimits>
    </ToastProvider>
  );
}
