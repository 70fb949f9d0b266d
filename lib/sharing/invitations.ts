import { recordAudit, type AuditActor } from "../audit/audit";
import { config } from "../config";
import { sendMail } from "../email/mailer";
import { fileInvitationEmail } from "../email/templates";
import { fileAllowsEmail } from "../files/allowlist";
import { fileExpired, fileNotFound, isExpired } from "../files/expiry";
import { findHandleFile } from "../files/query-files";
import { validate } from "../http/body";
import { ApiError } from "../http/errors";
import { idempotentRequestId } from "../http/idempotency";
import { consumeRateLimit, rateLimitError, type RateLimitResult } from "../http/rate-limit";
import { newId } from "../ids";
import { invitationRequestSchema } from "../schemas/campaign";

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Emails allowlisted addresses an invitation to the share page (`/share/{fileId}`): never a
 * token, so a mail scanner opening it consumes nothing and the visitor still verifies.
 * Embargoed files may be announced early: the mail states when the file opens.
 * Throttled per recipient (a throttled one is skipped; 429 when none could go) and per handle.
 */
export async function sendInvitations(handle: { id: string; slug: string }, fileId: string, body: Record<string, unknown>, actor: AuditActor) {
  const file = await findHandleFile(handle.id, fileId);
  if (file.docsPath) throw fileNotFound(); // internal docs are not shared by link
  if (isExpired(file)) throw fileExpired(file);
  if (file.accessMode !== "EMAIL_ALLOWLIST") {
    throw new ApiError(409, "not_allowlist_mode", "This file is public: share its link; invitations go to an allowlist.");
  }
  const input = validate(invitationRequestSchema, body, { emails: "invalid_email" });
  const recipients = input.emails ?? file.allowedEmails;
  const outsider = recipients.find((email) => !fileAllowsEmail(file, email));
  if (outsider) throw new ApiError(403, "email_not_allowlisted", `${outsider} is not on this file's allowlist.`);

  const cfg = config();
  let throttled: RateLimitResult | null = null;
  let sent = 0;
  const url = `${cfg.appUrl}/share/${file.id}`;
  const mail = fileInvitationEmail({ url, fileName: file.fileName, handle: handle.slug, availableFrom: file.availableFrom });
  // A retried keyed request re-sends with the same mail keys: delivered once.
  const batch = idempotentRequestId() ?? newId("inv");
  for (const to of recipients) {
    const perRecipient = await consumeRateLimit({ name: "invitation.recipient", limit: cfg.INVITATIONS_PER_RECIPIENT_PER_DAY, windowSec: DAY_SECONDS }, `${file.id}:${to}`);
    if (!perRecipient.allowed) {
      throttled = perRecipient;
      continue;
    }
    const perHandle = await consumeRateLimit({ name: "invitation.handle", limit: cfg.INVITATIONS_PER_HANDLE_PER_DAY, windowSec: DAY_SECONDS }, handle.id);
    if (!perHandle.allowed) throw rateLimitError(perHandle, "rate_limited", `This handle sent its ${cfg.INVITATIONS_PER_HANDLE_PER_DAY} invitations for today.`);
    await sendMail({ to, ...mail, idempotencyKey: `invitation/${batch}/${to}`.slice(0, 256) });
    await recordAudit({ action: "invitation.sent", handleId: handle.id, fileId: file.id, actor, detail: { to } });
    sent++;
  }
  if (sent === 0 && throttled) throw rateLimitError(throttled, "rate_limited", "These addresses were invited too often today: try again tomorrow.");
  return { sent };
}
