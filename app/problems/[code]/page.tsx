import { notFound } from "next/navigation";
import { BrandShell } from "@/components/brand-shell";
import { ERROR_CODES } from "@/lib/http/error-codes";

export const metadata = { title: "API error" };

// Problem `type` URIs resolve here, so a developer who follows one learns what to do.
export default async function ProblemPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const description = Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code] : null;
  if (!description) notFound();
  return (
    <BrandShell title={code}>
      <p className="text-sm text-slate-700">{description}</p>
      <p className="mt-4 text-xs text-slate-500">Errors are RFC 9457 problem details with this code and a request id; quote the request id when asking for help.</p>
    </BrandShell>
  );
}
