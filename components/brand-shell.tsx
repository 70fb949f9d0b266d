import Link from "next/link";

/** Centered card layout for sign-in and visitor pages. */
export function BrandShell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Link href="/" className="mb-8 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white">G</span>
        Gharart Files
      </Link>
      <section className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">{title}</h1>
        {children}
      </section>
    </main>
  );
}
