// Embedded-mode "mail provider": each message becomes one JSON file in DATA_DIR/outbox,
// shown at /dev/outbox (README, "Configuration"). Messages hold live sign-in links, so files are
// private to the server user and the page only serves loopback clients.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { clock } from "../clock";
import { config } from "../config";
import { newId } from "../ids";

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

/** The outbox replaces real delivery whenever no Resend key is configured. */
export function outboxEnabled(): boolean {
  return !config().RESEND_API_KEY;
}

export function outboxDir(): string {
  return path.join(config().dataDir, "outbox");
}

/**
 * Writes the message atomically (temp file + rename) so readers never see half a file.
 * Like Resend, a second message with the same idempotency key is not delivered again.
 */
export async function writeToOutbox(mail: { to: string; subject: string; text: string; html: string; idempotencyKey?: string }): Promise<{ id: string }> {
  const dir = outboxDir();
  const keySuffix = mail.idempotencyKey ? `-k${createHash("sha256").update(mail.idempotencyKey).digest("hex").slice(0, 32)}.json` : null;
  if (keySuffix) {
    const sent = (await readdir(dir).catch(() => [] as string[])).find((n) => n.endsWith(keySuffix));
    if (sent) return { id: sent.slice(0, -keySuffix.length).split("-").pop()! };
  }
  const message: OutboxMessage = {
    id: newId("msg"),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    createdAt: clock.now().toISOString(),
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // ISO timestamps sort lexicographically; `:` and `.` are not safe on every filesystem.
  const name = `${message.createdAt.replace(/[:.]/g, "-")}-${message.id}${keySuffix ?? ".json"}`;
  const tmp = path.join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, JSON.stringify(message, null, 2), { mode: 0o600, flag: "wx" });
    await rename(tmp, path.join(dir, name));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { id: message.id };
}

function isOutboxMessage(value: unknown): value is OutboxMessage {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return ["id", "to", "subject", "text", "html", "createdAt"].every((k) => typeof v[k] === "string");
}

/** Newest first (by file name, which starts with the creation instant). */
export async function listOutbox(limit = 100): Promise<OutboxMessage[]> {
  const max = Math.max(0, Math.min(Math.floor(limit), 1000));
  let names: string[];
  try {
    names = await readdir(outboxDir());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const newest = names
    .filter((n) => n.endsWith(".json") && !n.startsWith("."))
    .sort()
    .reverse()
    .slice(0, max);
  const messages: OutboxMessage[] = [];
  for (const name of newest) {
    try {
      const parsed: unknown = JSON.parse(await readFile(path.join(outboxDir(), name), "utf8"));
      if (isOutboxMessage(parsed)) messages.push(parsed);
    } catch {
      /* a foreign or damaged file must not break the page */
    }
  }
  return messages;
}
