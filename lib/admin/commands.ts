import { db } from "../db/client";
import { createToken } from "../auth/pats";
import { isRole, SCOPES, type Scope } from "../auth/roles";
import { disableUser, findOrCreateUser } from "../auth/users";
import { addMember, createHandle, removeMember } from "../handles/handles";
import { canonicalizeEmail } from "../email/address";
import { systemActor } from "../audit/audit";
import { runSweep } from "../sweeper/sweep";
import { checkStorage, reportLines } from "../storage/check";
import { setupStorage } from "../storage/setup";

// The admin CLI's commands as plain functions: the CLI runs them directly, or asks the
// running server to run them (embedded PGlite belongs to the server process).
export type AdminArgs = Record<string, string | undefined>;
export interface AdminResult {
  /** The one value the command was asked for: printed last on stdout. */
  value: string;
  lines?: string[];
}

export class AdminUsageError extends Error {}

function required(args: AdminArgs, name: string): string {
  const value = args[name];
  if (!value) throw new AdminUsageError(`--${name} is required`);
  return value;
}

function email(args: AdminArgs, name: string): string {
  const value = canonicalizeEmail(required(args, name));
  if (!value) throw new AdminUsageError(`--${name} must be one plain email address`);
  return value;
}

async function handleBySlug(slug: string) {
  const handle = await (await db()).handle.findUnique({ where: { slug } });
  if (!handle) throw new AdminUsageError(`no handle '${slug}'`);
  return handle;
}

export const adminCommands: Record<string, (args: AdminArgs) => Promise<AdminResult>> = {
  "create-user": async (args) => {
    const user = await findOrCreateUser(email(args, "email"));
    return { value: user.id, lines: [`user ${user.email}`] };
  },
  "create-handle": async (args) => {
    const owner = await findOrCreateUser(email(args, "owner"));
    const handle = await createHandle(required(args, "handle"), owner.id, systemActor);
    return { value: handle.slug, lines: [`handle ${handle.slug} owned by ${owner.email}`] };
  },
  "add-member": async (args) => {
    const role = (args.role ?? "CREATOR").toUpperCase();
    if (!isRole(role)) throw new AdminUsageError("--role must be OWNER, ADMIN, CREATOR or VIEWER");
    const handle = await handleBySlug(required(args, "handle"));
    const member = await addMember(handle.id, email(args, "email"), role, "OWNER", systemActor);
    return { value: member.role, lines: [`${member.email} is ${member.role} of ${handle.slug}`] };
  },
  "create-token": async (args) => {
    const handle = await handleBySlug(required(args, "handle"));
    const user = await (await db()).user.findUnique({ where: { email: email(args, "email") } });
    if (!user) throw new AdminUsageError("no such user");
    const scopes = (args.scopes ?? "files.read").split(",").map((s) => s.trim()) as Scope[];
    if (scopes.some((s) => !(SCOPES as readonly string[]).includes(s))) {
      throw new AdminUsageError(`--scopes must be a comma list of ${SCOPES.join(", ")}`);
    }
    const { token, summary } = await createToken({
      userId: user.id,
      handleId: handle.id,
      name: args.name ?? "admin-cli",
      scopes,
      expiresInDays: args["expires-in-days"] ? Number(args["expires-in-days"]) : undefined,
    }, systemActor);
    return { value: token, lines: [`token ${summary.id} (…${summary.last4}) expires ${summary.expiresAt.toISOString()}`] };
  },
  "remove-member": async (args) => {
    const handle = await handleBySlug(required(args, "handle"));
    const user = await (await db()).user.findUnique({ where: { email: email(args, "email") } });
    if (!user) throw new AdminUsageError("no such user");
    await removeMember(handle.id, user.id, "OWNER", systemActor);
    return { value: "removed" };
  },
  "disable-user": async (args) => {
    const user = await disableUser(email(args, "email"));
    return { value: user.id, lines: [`disabled ${user.email}: sessions and tokens stop working`] };
  },
  sweep: async (args) => {
    const report = await runSweep({ graceHours: args["grace-hours"] !== undefined ? Number(args["grace-hours"]) : undefined });
    return { value: JSON.stringify(report) };
  },
};

/** Storage commands need no database: the CLI runs them in its own process, never forwarded. */
export interface StorageCommandResult {
  lines: string[];
  ok: boolean;
}

export const storageCommands: Record<string, () => Promise<StorageCommandResult>> = {
  "storage-check": async () => {
    const report = await checkStorage();
    return { lines: reportLines(report), ok: report.problems.length === 0 };
  },
  "storage-setup": async () => {
    const { actions, report } = await setupStorage();
    return { lines: [...actions, ...reportLines(report)], ok: report.problems.length === 0 };
  },
};
