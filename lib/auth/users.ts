import { db } from "../db/client";
import { newId } from "../ids";

export async function findOrCreateUser(email: string): Promise<{ id: string; email: string }> {
  const prisma = await db();
  return prisma.user.upsert({
    where: { email },
    update: {},
    create: { id: newId("usr"), email },
    select: { id: true, email: true },
  });
}

/** A session or token counts only while its user exists and is not disabled. */
export async function activeUser(userId: string): Promise<{ id: string; email: string } | null> {
  const user = await (await db()).user.findUnique({ where: { id: userId } });
  return user && !user.disabledAt ? { id: user.id, email: user.email } : null;
}

/** Sessions and tokens of a disabled user stop working on their next request (activeUser). */
export async function disableUser(email: string): Promise<{ id: string; email: string }> {
  return (await db()).user.update({ where: { email }, data: { disabledAt: new Date() }, select: { id: true, email: true } });
}
