import { BrandMark } from "../dashboard/brand-mark";

/** The visitor-facing frame: brand, one card, a quiet footer. No third-party resources. */
export function ShareShell({ children, handle }: { children: React.ReactNode; handle?: string }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50/70 via-slate-50 to-slate-50">
      <header className="mx-auto flex w-full max-w-5xl items-center px-4 py-5 sm:px-6">
        <BrandMark href="/signin" />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-4 sm:items-center sm:pt-0">
        <div className="w-full max-w-md">{children}</div>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-slate-400">
        {handle ? <>Shared by <span className="font-medium text-slate-500">{handle}</span> with Gharart Files</> : "Gharart Files"}
      </footer>
    </div>
  );
}

export function ShareCard({ children }: { children: React.ReactNode }) {
  return <section className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-xl shadow-slate-900/5">{children}</section>;
}

/** The message-only card: expired, missing, pending, broken link. */
export function ShareNotice({ icon, tone = "slate", title, children }: {
  icon: React.ReactNode; tone?: "slate" | "amber" | "red"; title: string; children: React.ReactNode;
}) {
  const tones = { slate: "bg-slate-100 text-slate-500", amber: "bg-amber-100 text-amber-600", red: "bg-red-100 text-red-600" };
  return (
    <ShareCard>
      <div className="px-6 py-10 text-center sm:px-10">
        <div className={`mx-auto mb-5 grid h-14 w-14 place-items-center rounded-2xl ${tones[tone]}`}>{icon}</div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <div className="mt-2 text-sm leading-relaxed text-slate-600">{children}</div>
      </div>
    </ShareCard>
  );
}
