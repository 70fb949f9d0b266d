import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { OutboxMessage } from "../../lib/email/outbox-transport";

// Where the suites read mail "as a person reads their inbox": the app's outbox in the
// embedded configuration, the fake Resend's folder in the production one (set by
// scripts/test.ts as GHARART_TEST_MAILBOX_DIR). Both hold OutboxMessage JSON files.
export function mailboxDir(appDataDir: string): string {
  return process.env.GHARART_TEST_MAILBOX_DIR ?? path.join(appDataDir, "outbox");
}

/** Messages to `to`, newest first. */
export function mailTo(to: string, appDataDir: string): OutboxMessage[] {
  const dir = mailboxDir(appDataDir);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    /* nothing sent yet */
  }
  return names
    .sort()
    .reverse()
    .map((n) => JSON.parse(readFileSync(path.join(dir, n), "utf8")) as OutboxMessage)
    .filter((m) => m.to === to);
}
