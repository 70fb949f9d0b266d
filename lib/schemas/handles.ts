import { z } from "zod";
import { ROLES } from "../auth/roles";

// Handles and their members as the API shows them. lib/handles/handles.ts validates the
// bodies itself (invalid_handle, invalid_email, invalid_role); these schemas document it.
export const createHandleSchema = z.object({ handle: z.string().regex(/^[a-z0-9][a-z0-9-]{1,38}$/) });
export const addMemberSchema = z.object({ email: z.string().max(320), role: z.enum(ROLES) });
export const changeMemberRoleSchema = z.object({ role: z.enum(ROLES) });

const instant = z.iso.datetime();

export const handleItemSchema = z.object({ slug: z.string(), role: z.enum(ROLES), createdAt: instant });
export type HandleItemView = z.infer<typeof handleItemSchema>;
export const handleListSchema = z.object({ handles: z.array(handleItemSchema) });
export const createdHandleSchema = z.object({ handle: z.object({ slug: z.string(), role: z.literal("OWNER") }) });

export const memberViewSchema = z.object({ userId: z.string(), email: z.string(), role: z.enum(ROLES), createdAt: instant });
export type MemberView = z.infer<typeof memberViewSchema>;
export const memberListSchema = z.object({ members: z.array(memberViewSchema) });
export const addedMemberSchema = z.object({ member: z.object({ userId: z.string(), email: z.string(), role: z.enum(ROLES) }) });
export const memberRoleChangedSchema = z.object({ userId: z.string(), role: z.enum(ROLES) });
