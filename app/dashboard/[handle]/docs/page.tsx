import { DocsList } from "@/components/docs/docs-list";
import { DocsPolicyEditor } from "@/components/docs/docs-policy-editor";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { roleAtLeast } from "@/lib/ui/api-types";
import { requireMember } from "../../session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }) {
  return { title: `Internal docs · ${(await params).handle}` };
}

export default async function DocsPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const { role } = await requireMember(handle, `/dashboard/${handle}/docs`);
  return (
    <>
      <PageHeader title="Internal docs"
        description={<>Guidelines and handbooks served at <code className="rounded bg-slate-100 px-1 text-xs text-slate-700">/_edge/docs/{handle}/</code>, to whoever the policy allows.</>}
        actions={<a href={`/_edge/docs/${handle}/`} target="_blank" rel="noreferrer" className={buttonClass("secondary")}>Open docs site</a>} />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <DocsPolicyEditor handle={handle} canEdit={roleAtLeast(role, "ADMIN")} />
        {roleAtLeast(role, "CREATOR") && <DocsList handle={handle} />}
      </div>
    </>
  );
}
