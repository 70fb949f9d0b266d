import { getServerSession } from "next-auth";
import { authOptions } from "./next-auth-options";
import { activeUser } from "./users";

/** The signed-in dashboard user for pages (server components), re-checked in the database. */
export async function currentUser(): Promise<{ id: string; email: string } | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? activeUser(id) : null;
}
