import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// Embedded mode writes every email as JSON to DATA_DIR/outbox (SPEC section 7): the
// browser tests read links from there, as a person would read their inbox.
export const dataDir = process.env.GHARART_TEST_DATA_DIR ?? "./data";

interface OutboxMessage { id: string; to: string; subject: string; text: string; createdAt: string }

async function messagesTo(email: string): Promise<OutboxMessage[]> {
  const dir = path.join(dataDir, "outbox");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
  const messages = await Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dir, n), "utf8")) as OutboxMessage));
  return messages.filter((m) => m.to === email);
}

/** Waits for a new email to `email` (newer than `since`) and returns the first link matching `pattern`. */
export async function linkFromOutbox(email: string, pattern: RegExp, since: Date, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fresh = (await messagesTo(email)).filter((m) => new Date(m.createdAt).getTime() >= since.getTime() - 1000);
    for (const message of fresh.reverse()) {
      const link = message.text.match(/https?:\/\/\S+/g)?.find((url) => pattern.test(url));
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${email} with a link matching ${pattern} in ${timeoutMs} ms`);
}
