import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { OutboxMessage } from "../../lib/email/outbox-transport";

// Resend's API cannot run here, so the production configuration sends through a local
// fake of `POST /emails`: it checks the bearer key and the Idempotency-Key as Resend does
// and files each accepted message in `mailDir` in the outbox's JSON shape, so the suites
// read mail the same way in both configurations (e2e/support/mailbox.ts).
export interface FakeResend {
  url: string;
  apiKey: string;
  mailDir: string;
  close(): Promise<void>;
}

export async function startFakeResend(): Promise<FakeResend> {
  const apiKey = `re_test_${randomBytes(12).toString("hex")}`;
  const mailDir = mkdtempSync(path.join(os.tmpdir(), "gharart-resend-"));
  mkdirSync(mailDir, { recursive: true });
  const byKey = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { name: "not_found", message: "Unknown route" });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { name: "validation_error", message: "API key is invalid" });
      const key = String(req.headers["idempotency-key"] ?? "");
      const known = key ? byKey.get(key) : undefined;
      if (known) return reply(200, { id: known });
      let mail: { to?: string[]; subject?: string; text?: string; html?: string; from?: string };
      try {
        mail = JSON.parse(raw);
      } catch {
        return reply(422, { name: "validation_error", message: "Invalid JSON" });
      }
      if (!mail.from || !Array.isArray(mail.to) || mail.to.length !== 1 || !mail.subject || !mail.text) {
        return reply(422, { name: "validation_error", message: "from, one to, subject and text are required" });
      }
      const message: OutboxMessage = {
        id: `re_${randomBytes(8).toString("hex")}`, to: mail.to[0], subject: mail.subject, text: mail.text,
        html: mail.html ?? "", createdAt: new Date().toISOString(),
      };
      const name = `${message.createdAt.replace(/[:.]/g, "-")}-${message.id}.json`;
      writeFileSync(path.join(mailDir, `.${name}.tmp`), JSON.stringify(message));
      renameSync(path.join(mailDir, `.${name}.tmp`), path.join(mailDir, name));
      if (key) byKey.set(key, message.id);
      reply(200, { id: message.id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, apiKey, mailDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
