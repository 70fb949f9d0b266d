import { HANDLE_PATTERN } from "../auth/access";
import { isRole, roleAtLeast, type Role } from "../auth/roles";
import { findOrCreateUser } from "../auth/users";
import { db } from "../db/client";
import { ApiError } from "../http/errors";
import { newId } from "../ids";
import { canonicalizeEmail } from "../email/address";
import { recordAudit, type AuditActor } from "../audit/audit";
import type { HandleItemView, MemberView } from "../schemas/handles";

export interface HandleSummary {
  slug: string;
  role: Role;
  createdAt: Date;
}

export async function createHandle(slug: string, ownerUserId: string, actor: AuditActor): Promise<{ id: string; slug: string }> {
  if (!HANDLE_PATTERN.test(slug)) {
    throw new ApiError(400, "invalid_handle", "Handles are 2–39 characters: lower-case letters, digits and hyphens, starting with a letter or digit.");
  }
  const prisma = await db();
  try {
    const handle = await prisma.handle.create({
      data: { id: newId("hdl"), slug, memberships: { create: { userId: ownerUserId, role: "OWNER" } } },
      select: { id: true, slug: true },
    });
    await recordAudit({ action: "handle.created", handleId: handle.id, actor, detail: { slug } });
    return handle;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new ApiError(409, "handle_taken", `The handle '${slug}' is taken.`);
    throw error;
  }
}

export async function handlesForUser(userId: string): Promise<HandleSummary[]> {
  const rows = await (await db()).membership.findMany({
    where: { userId },
    include: { handle: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ slug: m.handle.slug, role: m.role as Role, createdAt: m.handle.createdAt }));
}

/** A handle as GET /v2/handles lists it (handleItemSchema). */
export const toHandleItemView = (h: HandleSummary): HandleItemView => ({ slug: h.slug, role: h.role, createdAt: h.createdAt.toISOString() });

export async function listMembers(handleId: string): Promise<MemberView[]> {
  const rows = await (await db()).membership.findMany({
    where: { handleId },
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, role: m.role as Role, createdAt: m.createdAt.toISOString() }));
}

/**
 * Adds (or re-roles) a member by email, creating the user when needed. Only an OWNER may add
 * an OWNER (the admin CLI acts as one); re-roling an existing owner follows changeMemberRole's
 * rules (an owner asks; a handle keeps one owner).
 */
export async function addMember(handleId: string, rawEmail: unknown, role: unknown, actorRole: Role, actor: AuditActor) {
  if (role === "OWNER" && !roleAtLeast(actorRole, "OWNER")) throw new ApiError(403, "forbidden", "Only an owner can add owners.");
  const email = canonicalizeEmail(rawEmail);
  if (!email) throw new ApiError(400, "invalid_email", "Give one plain email address.");
  if (!isRole(role)) throw new ApiError(400, "invalid_role", "Role must be OWNER, ADMIN, CREATOR or VIEWER.");
  const user = await findOrCreateUser(email);
  const existing = await (await db()).membership.findUnique({ where: { userId_handleId: { userId: user.id, handleId } } });
  if (existing?.role === "OWNER" && role !== "OWNER") {
    if (!roleAtLeast(actorRole, "OWNER")) throw new ApiError(403, "forbidden", "Only an owner can grant or remove the OWNER role.");
    await assertAnotherOwner(handleId, user.id);
  }
  await (await db()).membership.upsert({
    where: { userId_handleId: { userId: user.id, handleId } },
    update: { role },
    create: { userId: user.id, handleId, role },
  });
  await recordAudit({ action: "member.added", handleId, actor, detail: { email, role } });
  return { userId: user.id, email, role };
}

/** Only an OWNER may grant or take OWNER; a handle always keeps one owner. */
export async function changeMemberRole(handleId: string, userId: string, role: unknown, actorRole: Role, actor: AuditActor) {
  if (!isRole(role)) throw new ApiError(400, "invalid_role", "Role must be OWNER, ADMIN, CREATOR or VIEWER.");
  const prisma = await db();
  const member = await prisma.membership.findUnique({ where: { userId_handleId: { userId, handleId } } });
  if (!member) throw new ApiError(404, "member_not_found", "No such member in this handle.");
  if ((role === "OWNER" || member.role === "OWNER") && !roleAtLeast(actorRole, "OWNER")) {
    throw new ApiError(403, "forbidden", "Only an owner can grant or remove the OWNER role.");
  }
  if (member.role === "OWNER" && role !== "OWNER") await assertAnotherOwner(handleId, userId);
  await prisma.membership.update({ where: { userId_handleId: { userId, handleId } }, data: { role } });
  await recordAudit({ action: "member.role_changed", handleId, actor, detail: { userId, role } });
}

export async function removeMember(handleId: string, userId: string, actorRole: Role, actor: AuditActor) {
  const prisma = await db();
  const member = await prisma.membership.findUnique({ where: { userId_handleId: { userId, handleId } } });
  if (!member) throw new ApiError(404, "member_not_found", "No such member in this handle.");
  if (member.role === "OWNER") {
    if (!roleAtLeast(actorRole, "OWNER")) throw new ApiError(403, "forbidden", "Only an owner can remove an owner.");
    await assertAnotherOwner(handleId, userId);
  }
  await prisma.membership.delete({ where: { userId_handleId: { userId, handleId } } });
  await recordAudit({ action: "member.removed", handleId, actor, detail: { userId } });
}

async function assertAnotherOwner(handleId: string, exceptUserId: string) {
  const owners = await (await db()).membership.count({ where: { handleId, role: "OWNER", userId: { not: exceptUserId } } });
  if (owners === 0) throw new ApiError(409, "last_owner", "A handle needs at least one owner.");
}
