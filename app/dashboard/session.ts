import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/lib/auth/server-session";
import { handlesForUser, toHandleItemView } from "@/lib/handles/handles";
import type { HandleItem, Role } from "@/lib/ui/api-types";

/** The signed-in user and their handles, or a redirect to sign-in that comes back to `path`. */
export async function requireUser(path: string) {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const handles: HandleItem[] = (await handlesForUser(user.id)).map(toHandleItemView);
  return { user, handles };
}

// Layout and page render in the same request: look membership up once.
export const membership = cache(async (handle: string) => {
  const user = await currentUser();
  if (!user) return null;
  const handles = (await handlesForUser(user.id)).map((h) => ({ slug: h.slug, role: h.role as Role }));
  return { user, handles, role: handles.find((h) => h.slug === handle)?.role ?? null };
});

/** For pages under /dashboard/[handle]: signed in and a member (membership re-read from the database). */
export async function requireMember(handle: string, path: string) {
  const found = await membership(handle);
  if (!found) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!found.role) notFound(); // same answer for "no such handle" and "not yours", like the API
  return { user: found.user, handles: found.handles, role: found.role };
}
