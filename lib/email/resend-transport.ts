// Delivery through Resend (README, "Configuration"; docs/security.md M7 / T64).
//
// Click and open tracking cannot be switched per message in the SDK: they are settings of
// the sending DOMAIN in Resend. They MUST be off on the domain used for EMAIL_FROM,
// otherwise Resend rewrites our one-time sign-in links through its tracking host.
//
// The SDK reads `RESEND_BASE_URL` from the environment when a client is constructed
// (default https://api.resend.com); tests point it at a local fake server. We build a
// client per send so a changed environment (tests, key rotation) is picked up.
import { Resend } from "resend";
import { config } from "../config";
import { DependencyUnavailableError } from "../http/errors";

export interface ResendMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string;
  tags?: { name: string; value: string }[];
}

/** Knobs, mutable so tests can shrink the waits (same pattern as `clock`). */
export const resendTiming = {
  /** Waits before the 2nd, 3rd… attempt: 3 attempts in all. */
  backoffMs: [500, 2000] as number[],
  /**
   * Spacing of our requests, in-process. Unset: 1000 / RESEND_REQUESTS_PER_SECOND (Resend
   * allows 2 requests/s per team unless the plan says more).
   */
  minIntervalMs: undefined as number | undefined,
  /** Give up instead of queueing a caller longer than this. */
  maxQueueWaitMs: 15_000,
  /** Per-request timeout; a timed-out request is retried with the same idempotency key. */
  requestTimeoutMs: 10_000,
  /** Upper bound for honouring a `Retry-After` header. */
  maxRetryAfterMs: 5_000,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Real time, not `clock`: tests freeze the app clock, but waiting needs a running one.
let nextSlotAt = 0;

/** Reserve the next send slot (at most one request per `minIntervalMs` from this process). */
async function waitForSlot(): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextSlotAt);
  if (at - now > resendTiming.maxQueueWaitMs) {
    throw new DependencyUnavailableError("email_unavailable", "Too many emails queued; try again later.");
  }
  nextSlotAt = at + (resendTiming.minIntervalMs ?? Math.ceil(1000 / config().RESEND_REQUESTS_PER_SECOND));
  if (at > now) await sleep(at - now);
}

interface ResendFailure {
  name?: string;
  statusCode?: number | null;
  message?: string;
}

const QUOTA_ERRORS = new Set(["daily_quota_exceeded", "monthly_quota_exceeded"]);

/** 429 (rate limit, not quota), 5xx, overlapping idempotent request, network error or timeout. */
function isRetryable(error: ResendFailure): boolean {
  if (error.name && QUOTA_ERRORS.has(error.name)) return false;
  if (error.name === "concurrent_idempotent_requests") return true;
  const status = error.statusCode;
  if (typeof status === "number") return status === 429 || status >= 500;
  // No status: the SDK could not reach the API (or our timeout aborted it).
  return error.name === undefined || error.name === "application_error" || error.name === "internal_server_error";
}

function retryAfterMs(headers: Record<string, string> | null): number {
  const seconds = Number(headers?.["retry-after"]);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, resendTiming.maxRetryAfterMs) : 0;
}

export async function sendWithResend(mail: ResendMail): Promise<{ id: string }> {
  const { RESEND_API_KEY, EMAIL_FROM } = config();
  if (!RESEND_API_KEY) throw new Error("sendWithResend: RESEND_API_KEY is not configured");
  const resend = new Resend(RESEND_API_KEY);
  const attempts = resendTiming.backoffMs.length + 1;
  let last: ResendFailure = {};

  for (let attempt = 1; attempt <= attempts; attempt++) {
    await waitForSlot();
    let result: Awaited<ReturnType<typeof resend.emails.send>>;
    try {
      result = await resend.emails.send(
        { from: EMAIL_FROM, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html, tags: mail.tags },
        // Same key on every attempt: Resend delivers at most once per key within 24 h.
        { idempotencyKey: mail.idempotencyKey, signal: AbortSignal.timeout(resendTiming.requestTimeoutMs) },
      );
    } catch {
      // The SDK rethrows an abort that hits while reading the body: treat like a network error.
      result = { data: null, error: { name: "application_error", statusCode: null, message: "aborted" }, headers: null };
    }
    const { data, error, headers } = result;
    if (!error) return { id: String(data?.id ?? "") };

    last = error;
    if (!isRetryable(error) || attempt === attempts) break;
    await sleep(Math.max(resendTiming.backoffMs[attempt - 1], retryAfterMs(headers)));
  }

  // Log the provider's reason for operators; never the recipient or the message (links).
  console.warn(`[email] Resend send failed: ${last.name ?? "unknown"} (status ${last.statusCode ?? "none"})`);
  throw new DependencyUnavailableError("email_unavailable", "The email could not be sent; try again later.");
}
