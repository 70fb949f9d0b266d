import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/server-session";
import { handlesForUser } from "@/lib/handles/handles";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/dashboard");
  const handles = await handlesForUser(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-2 text-sm text-slate-600" data-testid="signed-in-as">Signed in as {user.email}</p>
      <ul className="mt-6 space-y-2">
        {handles.map((h) => (
          <li key={h.slug} className="rounded-lg border bg-white px-4 py-3">{h.slug} · {h.role}</li>
        ))}
      </ul>
    </main>
  );
}
