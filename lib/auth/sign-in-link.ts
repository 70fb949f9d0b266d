import { config } from "../config";
import { canonicalizeEmail } from "../email/address";
import { sendMail } from "../email/mailer";
import { signInEmail } from "../email/templates";
import { ApiError } from "../http/errors";
import { enforceRateLimit } from "../http/rate-limit";
import { issueMagicToken } from "./magic-tokens";

/** Only same-app paths: `//evil`, `/\evil`, `https:evil`, `javascript:` all become "/dashboard". */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !/^\/(?![/\\])[\x21-\x7e]*$/.test(value)) return "/dashboard";
  return value;
}

/** Emails a sign-in link that opens the scanner-safe confirm page (built from APP_URL). */
export async function requestSignInLink(rawEmail: unknown, callbackUrl: unknown, clientIp: string): Promise<void> {
  const email = canonicalizeEmail(rawEmail);
  if (!email) throw new ApiError(400, "invalid_email", "Enter one plain email address.");
  const cfg = config();
  await enforceRateLimit({ name: "signin.email", limit: cfg.MAGIC_LINK_PER_EMAIL_LIMIT, windowSec: cfg.MAGIC_LINK_PER_EMAIL_WINDOW_SECONDS }, email);
  await enforceRateLimit({ name: "signin.ip", limit: cfg.MAGIC_LINK_PER_IP_LIMIT, windowSec: cfg.MAGIC_LINK_PER_IP_WINDOW_SECONDS }, clientIp);
  const token = await issueMagicToken("signin", email);
  const url = new URL("/auth/confirm", cfg.appUrl);
  url.searchParams.set("token", token);
  url.searchParams.set("callbackUrl", safeCallbackPath(callbackUrl));
  await sendMail({ to: email, ...signInEmail({ url: url.toString() }), idempotencyKey: `signin/${token.slice(0, 16)}` });
}
