import { recordAudit } from "../audit/audit";
import { consumeMagicToken, issueMagicToken } from "../auth/magic-tokens";
import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { canonicalizeEmail } from "../email/address";
import { sendMail } from "../email/mailer";
import { docsMagicLinkEmail } from "../email/templates";
import { ApiError } from "../http/errors";
import { enforceRateLimit } from "../http/rate-limit";
import { encodeGrant } from "../sharing/grants";
import { decideDocsAccess } from "./access";
import { edgeDocsUrl, handleNotFound } from "./docs-path";
import { HANDLE_PATTERN } from "../auth/access";
import { loadDocsPolicy, type StoredDocsPolicy } from "./policy";

// Visitors of an EMAIL_ALLOWLIST docs policy: request a one-time link by email, then
// trade it (POST, from the scanner-safe Continue page) for a 24 h docs grant cookie.
// The grant proves the email only; decideDocsAccess re-checks it on every request.

async function handleWithPolicy(slug: string): Promise<{ handle: { id: string; slug: string }; policy: StoredDocsPolicy }> {
  if (!HANDLE_PATTERN.test(slug)) throw handleNotFound();
  const handle = await (await db()).handle.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!handle) throw handleNotFound();
  const policy = await loadDocsPolicy(handle.id);
  // Members-only docs do not exist for visitors: the same answer as an unknown handle.
  if (policy.mode === "PRIVATE" || policy.mode === "MEMBERS") throw handleNotFound();
  return { handle, policy };
}

const notAllowlistMode = () =>
  new ApiError(409, "not_allowlist_mode", "These docs are not shared by email allowlist; there is no link to request.");

/** The same question the edge asks, for the address that wants a link (no member rights). */
function assertEmailMayEnter(policy: StoredDocsPolicy, email: string): void {
  const decision = decideDocsAccess(policy, { memberRole: null, memberDenied: null, visitorEmail: email, hasCredentials: true }, clock.now());
  if (!decision.allowed) throw new ApiError(403, decision.code, decision.detail);
}

export interface MagicLinkRequest {
  slug: string;
  email: unknown;
  clientIp: string;
  requestId: string;
}

export async function requestDocsMagicLink({ slug, email: rawEmail, clientIp, requestId }: MagicLinkRequest): Promise<void> {
  const { handle, policy } = await handleWithPolicy(slug);
  if (policy.mode !== "EMAIL_ALLOWLIST") throw notAllowlistMode();
  const email = canonicalizeEmail(rawEmail);
  if (!email) throw new ApiError(400, "invalid_email", "Enter one plain email address.");
  // Throttle before the allowlist answer, so the list cannot be probed at speed.
  const cfg = config();
  await enforceRateLimit({ name: "docs_magic_link.email", limit: cfg.MAGIC_LINK_PER_EMAIL_LIMIT, windowSec: cfg.MAGIC_LINK_PER_EMAIL_WINDOW_SECONDS }, `${handle.id}:${email}`);
  await enforceRateLimit({ name: "docs_magic_link.ip", limit: cfg.MAGIC_LINK_PER_IP_LIMIT, windowSec: cfg.MAGIC_LINK_PER_IP_WINDOW_SECONDS }, clientIp);
  assertEmailMayEnter(policy, email);

  const token = await issueMagicToken("docs", email, { handleId: handle.id });
  const url = new URL(`/docs-access/${handle.slug}/verify`, cfg.appUrl); // APP_URL only, never Host
  url.searchParams.set("token", token);
  await sendMail({ to: email, ...docsMagicLinkEmail({ url: url.toString(), handle: handle.slug }), idempotencyKey: `docs-magic-link/${token.slice(0, 16)}` });
  await recordAudit({ action: "docs_magic_link.sent", handleId: handle.id, actor: { kind: "anonymous", email, requestId }, detail: { email } });
}

export interface VerifiedDocsLink {
  email: string;
  setCookie: string;
  /** Absolute docs index URL (from APP_URL). */
  docsUrl: string;
}

export const invalidLink = () =>
  new ApiError(400, "invalid_magic_link", "This link is invalid, expired or already used. Request a new one.");

/** Consumes the token (atomically, bound to this handle) and mints the docs grant. */
export async function verifyDocsMagicLink({ slug, token, requestId }: { slug: string; token: unknown; requestId: string }): Promise<VerifiedDocsLink> {
  const { handle, policy } = await handleWithPolicy(slug);
  const consumed = await consumeMagicToken("docs", token, { handleId: handle.id });
  if (!consumed) throw invalidLink();
  // The policy may have changed since the email went out: say so now, not on the next page.
  if (policy.mode !== "EMAIL_ALLOWLIST") throw notAllowlistMode();
  assertEmailMayEnter(policy, consumed.email);
  const grant = encodeGrant({ kind: "docs", subject: handle.id, email: consumed.email });
  await recordAudit({
    action: "docs_magic_link.used",
    handleId: handle.id,
    actor: { kind: "visitor", email: consumed.email, requestId },
    detail: { email: consumed.email },
  });
  return { email: consumed.email, setCookie: grant.header, docsUrl: `${config().appUrl}${edgeDocsUrl(handle.slug)}` };
}
