// The embedded-mode outbox (README, "Configuration": no RESEND_API_KEY). It shows live sign-in links, so it answers
// 404 to anyone but a loopback client (or everyone with OUTBOX_PUBLIC=true).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { config } from "../../../lib/config";
import { listOutbox, outboxEnabled, type OutboxMessage } from "../../../lib/email/mailer";
import { linkifySegments, outboxVisibleTo } from "../../../lib/email/outbox-view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Outbox · Gharart Files",
  robots: { index: false, follow: false },
};

function MessageBody({ text, appUrl }: { text: string; appUrl: string }) {
  // React escapes every text run; only URLs under APP_URL become anchors.
  return (
    <pre className="mt-4 overflow-x-auto whitespace-pre-wrap break-words rounded-lg bg-zinc-50 p-4 font-mono text-sm leading-relaxed text-zinc-800">
      {linkifySegments(text, appUrl).map((segment, i) =>
        segment.kind === "link" ? (
          <a key={i} href={segment.href} rel="noreferrer" className="break-all text-indigo-600 underline hover:text-indigo-800">
            {segment.href}
          </a>
        ) : (
          <span key={i}>{segment.value}</span>
        ),
      )}
    </pre>
  );
}

function MessageCard({ message, appUrl }: { message: OutboxMessage; appUrl: string }) {
  const created = new Date(message.createdAt);
  const time = Number.isNaN(created.getTime()) ? message.createdAt : created.toISOString().replace("T", " ").slice(0, 19) + " UTC";
  return (
    <li className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-zinc-900">{message.subject}</h2>
        <time dateTime={message.createdAt} className="text-xs text-zinc-500">
          {time}
        </time>
      </div>
      <p className="mt-1 text-sm text-zinc-600">
        To <span className="font-medium text-zinc-800">{message.to}</span>
      </p>
      <MessageBody text={message.text} appUrl={appUrl} />
    </li>
  );
}

export default async function OutboxPage() {
  const clientIp = (await headers()).get("x-gharart-client-ip");
  if (!outboxVisibleTo(clientIp)) notFound();

  const enabled = outboxEnabled();
  const messages = enabled ? await listOutbox(100) : [];
  const { appUrl } = config();

  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <header className="mb-6">
        <h1 className="text-2xl font-semibold text-zinc-900">Outbox</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Emails written to <code className="rounded bg-zinc-100 px-1">DATA_DIR/outbox</code> instead of being sent. Newest first.
        </p>
      </header>

      {!enabled ? (
        <div className="rounded-xl border border-zinc-200 bg-white p-6 text-sm text-zinc-700 shadow-sm">
          Email is sent through Resend; the outbox is off.
        </div>
      ) : messages.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-10 text-center text-sm text-zinc-500">
          No messages yet
        </div>
      ) : (
        <ul className="space-y-4">
          {messages.map((message) => (
            <MessageCard key={message.id} message={message} appUrl={appUrl} />
          ))}
        </ul>
      )}
    </main>
  );
}
