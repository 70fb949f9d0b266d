import { mailTo } from "../../support/mailbox";

// The browser tests read links from the test mailbox (the outbox, or the fake Resend's
// folder in the production configuration), as a person would read their inbox.
export const dataDir = process.env.GHARART_TEST_DATA_DIR ?? "./data";

/** Waits for a new email to `email` (newer than `since`) and returns the first link matching `pattern`. */
export async function linkFromOutbox(email: string, pattern: RegExp, since: Date, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fresh = mailTo(email, dataDir).filter((m) => new Date(m.createdAt).getTime() >= since.getTime() - 1000);
    for (const message of fresh) {
      const link = message.text.match(/https?:\/\/\S+/g)?.find((url) => pattern.test(url));
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${email} with a link matching ${pattern} in ${timeoutMs} ms`);
}
