import { TokensView } from "@/components/tokens/tokens-view";
import { AdminOnly } from "@/components/dashboard/admin-only";
import { roleAtLeast } from "@/lib/ui/api-types";
import { requireMember } from "../../session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }) {
  return { title: `API tokens · ${(await params).handle}` };
}

export default async function TokensPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const { role } = await requireMember(handle, `/dashboard/${handle}/tokens`);
  if (!roleAtLeast(role, "ADMIN")) return <AdminOnly handle={handle} what="API tokens" />;
  return <TokensView handle={handle} />;
}
