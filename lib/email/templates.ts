// Message bodies. Links always point at the configured canonical origin (docs/security.md M5),
// appear in full on their own line in the text part, and every interpolated value is
// HTML-escaped in the html part.
import { config } from "../config";

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const BRAND = "Gharart Files";
const EXPIRY_NOTE = "The link expires in 10 minutes and can be used once.";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Control and invisible format characters (CR/LF, bidi overrides) out of user text. */
function plain(value: string, max = 120): string {
  const cleaned = value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ").replace(/\s+/g, " ").trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/** The link must be ours: built from APP_URL, never from a request's Host header. */
function checkedLink(url: string): string {
  const origin = config().appUrl;
  if (!url.startsWith(`${origin}/`) || /[\s<>"'`\\\p{Cc}]/u.test(url)) {
    throw new TypeError("email link must be an absolute URL under APP_URL");
  }
  return url;
}

function layout(o: { heading: string; intro: string; button: string; url: string; note?: string }): string {
  const url = escapeHtml(o.url);
  return `<!doctype html>
<html><body style="margin:0;padding:0;background:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;padding:32px 16px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#18181b;">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:480px;background:#ffffff;border-radius:12px;padding:32px;">
<tr><td style="font-size:14px;font-weight:600;letter-spacing:.02em;color:#4f46e5;padding-bottom:16px;">${escapeHtml(BRAND)}</td></tr>
<tr><td style="font-size:20px;font-weight:600;padding-bottom:12px;">${escapeHtml(o.heading)}</td></tr>
<tr><td style="font-size:15px;line-height:1.5;padding-bottom:24px;">${escapeHtml(o.intro)}</td></tr>
<tr><td style="padding-bottom:24px;"><a href="${url}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 20px;border-radius:8px;">${escapeHtml(o.button)}</a></td></tr>
<tr><td style="font-size:13px;line-height:1.5;color:#52525b;padding-bottom:8px;">Or open this link:</td></tr>
<tr><td style="font-size:13px;line-height:1.5;word-break:break-all;padding-bottom:24px;"><a href="${url}" style="color:#4f46e5;">${url}</a></td></tr>
<tr><td style="font-size:13px;line-height:1.5;color:#71717a;">${escapeHtml(o.note ?? `${EXPIRY_NOTE} If you did not ask for it, you can ignore this email.`)}</td></tr>
</table>
</td></tr>
</table>
</body></html>`;
}

function compose(subject: string, heading: string, intro: string, button: string, rawUrl: string, note?: string): MailContent {
  const url = checkedLink(rawUrl);
  const text = [
    heading,
    "",
    intro,
    "",
    url, // whole link alone on its line: clients that strip HTML still get a working link
    "",
    ...(note ? [note] : [EXPIRY_NOTE, "If you did not ask for it, you can ignore this email."]),
    "",
    `— ${BRAND}`,
    "",
  ].join("\n");
  return { subject, text, html: layout({ heading, intro, button, url, note }) };
}

/** An instant as mail text can show it to anyone: unambiguous, UTC. */
export function utcWhen(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function signInEmail({ url }: { url: string }): MailContent {
  return compose(`Sign in to ${BRAND}`, `Sign in to ${BRAND}`, "Use the link below to sign in.", "Sign in", url);
}

export function fileMagicLinkEmail({ url, fileName, handle }: { url: string; fileName: string; handle: string }): MailContent {
  const name = plain(fileName);
  const who = plain(handle, 64);
  return compose(
    `Your download link for ${plain(fileName, 80)}`,
    "Your download link",
    `${who} shared "${name}" with you. Use the link below to download it.`,
    "Continue to download",
    url,
  );
}

export function docsMagicLinkEmail({ url, handle }: { url: string; handle: string }): MailContent {
  const who = plain(handle, 64);
  return compose(
    `Your link to the ${who} docs`,
    `Open the ${who} docs`,
    `Use the link below to open the internal docs of ${who}.`,
    "Open the docs",
    url,
  );
}

/** A campaign invitation: links the share page (the visitor still verifies), never a token. */
export function fileInvitationEmail({ url, fileName, handle, availableFrom }: { url: string; fileName: string; handle: string; availableFrom: Date | null }): MailContent {
  const name = plain(fileName);
  const who = plain(handle, 64);
  const opens = availableFrom ? ` It is available from ${utcWhen(availableFrom)}.` : "";
  return compose(
    `${who} shared ${plain(fileName, 80)} with you`,
    `${who} shared a file with you`,
    `${who} invited you to download "${name}".${opens} Open the page below and confirm your email address to download it.`,
    "Open the download page",
    url,
    "The page asks for your email address and sends you a one-time link. If you did not expect this, you can ignore this email.",
  );
}

/** To a file's creator: someone downloaded it (notifyOnDownload). */
export function downloadNotificationEmail({ url, fileName, visitor, at }: { url: string; fileName: string; visitor: string | null; at: Date }): MailContent {
  const name = plain(fileName);
  const who = visitor ? plain(visitor, 254) : "Someone";
  return compose(
    `${visitor ? plain(visitor, 80) : "Someone"} downloaded ${plain(fileName, 80)}`,
    "Your file was downloaded",
    `${who} downloaded "${name}" at ${utcWhen(at)}.`,
    "See the delivery report",
    url,
    "You get this email because download notifications are on for this file. Turn them off in the file's settings.",
  );
}
