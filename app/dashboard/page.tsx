import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateHandleForm } from "@/components/dashboard/create-handle-form";
import { HandlePicker } from "@/components/dashboard/handle-picker";
import { PlainHeader } from "@/components/dashboard/plain-header";
import { buttonClass } from "@/components/ui/button";
import { requireUser } from "./session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

// Sign-in lands here: no handle yet → create one; exactly one → go there; several → pick.
// "Create another" is ?new=1 (not /dashboard/new, which a handle named "new" would shadow).
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const creating = (await searchParams).new === "1";
  const { user, handles } = await requireUser(creating ? "/dashboard?new=1" : "/dashboard");
  if (handles.length === 1 && !creating) redirect(`/dashboard/${handles[0].slug}`);
  return (
    <div className="min-h-screen">
      <PlainHeader email={user.email} />
      <main className="mx-auto max-w-lg px-4 py-12 sm:py-16">
        {handles.length === 0 || creating ? (
          <>
            {handles.length > 0 && (
              <Link href={handles.length === 1 ? `/dashboard/${handles[0].slug}` : "/dashboard"}
                className="text-sm font-medium text-slate-500 hover:text-slate-800">← Back</Link>
            )}
            {handles.length === 0 && <p className="text-sm font-semibold text-brand-600">Welcome to Gharart Files</p>}
            <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
              {handles.length === 0 ? "Create your handle" : "Create a handle"}
            </h1>
            <p className="mt-2 text-sm text-slate-600">
              A handle is your brand&apos;s workspace: it owns your files, internal docs, API tokens and team. You will be its owner.
            </p>
            <div className="mt-8 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
              <CreateHandleForm />
            </div>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Choose a handle</h1>
            <p className="mt-2 text-sm text-slate-600">You are a member of {handles.length} handles.</p>
            <div className="mt-6"><HandlePicker handles={handles} /></div>
            <Link href="/dashboard?new=1" className={buttonClass("secondary", "md", "mt-4 w-full")}>Create another handle</Link>
          </>
        )}
      </main>
    </div>
  );
}
