import { clock } from "../clock";
import { config } from "../config";
import { recordAudit } from "../audit/audit";
import { consumeMagicToken, issueMagicToken } from "../auth/magic-tokens";
import { canonicalizeEmail } from "../email/address";
import { sendMail } from "../email/mailer";
import { fileMagicLinkEmail } from "../email/templates";
import { ApiError } from "../http/errors";
import { enforceRateLimit } from "../http/rate-limit";
import { db } from "../db/client";
import { encodeGrant } from "./grants";
import { fileAccessProblem } from "./file-access-problem";
import { allowedOrThrow, decideOnFile, findFileByPublicId } from "./public-file";

/** Emails a one-time link for an allowlisted file. The link opens a page; it consumes nothing. */
export async function requestFileMagicLink(fileId: string, rawEmail: unknown, clientIp: string, requestId: string) {
  const cfg = config();
  await enforceRateLimit({ name: "magic-link.ip", limit: cfg.MAGIC_LINK_PER_IP_LIMIT, windowSec: cfg.MAGIC_LINK_PER_IP_WINDOW_SECONDS }, clientIp);
  const row = await findFileByPublicId(fileId);
  const verdict = await decideOnFile(row, { wants: "request_link", email: canonicalizeEmail(rawEmail) }, clock.now());
  const { file, access } = allowedOrThrow(fileId, row, verdict);
  const email = access.email!;
  await enforceRateLimit(
    { name: "magic-link.email", limit: cfg.MAGIC_LINK_PER_EMAIL_LIMIT, windowSec: cfg.MAGIC_LINK_PER_EMAIL_WINDOW_SECONDS },
    `${email}:${file.id}`,
  );
  const token = await issueMagicToken("file", email, { fileId: file.id });
  const url = new URL(`/share/${file.id}/verify`, cfg.appUrl);
  url.searchParams.set("token", token);
  const handle = await (await db()).handle.findUnique({ where: { id: file.handleId }, select: { slug: true } });
  await sendMail({
    to: email,
    ...fileMagicLinkEmail({ url: url.toString(), fileName: file.fileName, handle: handle?.slug ?? "" }),
    idempotencyKey: `magic-link/${token.slice(0, 22)}`,
  });
  await recordAudit({ action: "magic_link.sent", handleId: file.handleId, fileId: file.id, actor: { kind: "visitor", email, requestId } });
}

/** Consumes the token (atomically, once) and returns the grant cookie to set. */
export async function verifyFileMagicLink(fileId: string, token: unknown, requestId: string, clientIp: string) {
  // Guessing 256-bit tokens is hopeless; the cap still keeps a brute-forcer from costing us.
  const cfg = config();
  await enforceRateLimit({ name: "magic-link.verify", limit: cfg.MAGIC_LINK_PER_IP_LIMIT * 2, windowSec: cfg.MAGIC_LINK_PER_IP_WINDOW_SECONDS }, clientIp);
  const row = await findFileByPublicId(fileId);
  const now = clock.now();
  // The file's own refusals (missing, expired) come before the token is spent.
  const before = await decideOnFile(row, { wants: "verify_link", email: null }, now);
  if (!before.allowed && before.about === "file") throw fileAccessProblem(before.refusal, fileId, row);
  const consumed = await consumeMagicToken("file", token, { fileId });
  if (!consumed) {
    throw new ApiError(400, "invalid_magic_link", "This link is invalid, expired or already used. Request a new one.");
  }
  const { file } = allowedOrThrow(fileId, row, await decideOnFile(row, { wants: "verify_link", email: consumed.email }, now));
  await recordAudit({ action: "magic_link.used", handleId: file.handleId, fileId: file.id, actor: { kind: "visitor", email: consumed.email, requestId } });
  return { email: consumed.email, cookie: encodeGrant({ kind: "file", subject: file.id, email: consumed.email }) };
}
