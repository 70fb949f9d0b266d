import { BrandMark } from "./dashboard/brand-mark";

/** Centered card layout for sign-in and other account pages (same frame as the visitor pages). */
export function BrandShell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center bg-gradient-to-b from-brand-50/70 via-slate-50 to-slate-50 px-4 py-12 sm:justify-center">
      <div className="mb-8"><BrandMark href="/" /></div>
      <section className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-xl shadow-slate-900/5 sm:p-8">
        <h1 className="mb-4 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {children}
      </section>
      <p className="mt-8 max-w-sm text-center text-xs text-slate-500">
        Share brand files and internal docs with partners, with expiry and access control.
      </p>
    </main>
  );
}
