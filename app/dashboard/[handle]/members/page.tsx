import { AdminOnly } from "@/components/dashboard/admin-only";
import { MembersView } from "@/components/members/members-view";
import { roleAtLeast } from "@/lib/ui/api-types";
import { requireMember } from "../../session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }) {
  return { title: `Members · ${(await params).handle}` };
}

export default async function MembersPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const { role, user } = await requireMember(handle, `/dashboard/${handle}/members`);
  if (!roleAtLeast(role, "ADMIN")) return <AdminOnly handle={handle} what="Members" />;
  return <MembersView handle={handle} actor={role} selfEmail={user.email} />;
}
