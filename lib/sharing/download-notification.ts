import { clock } from "../clock";
import { config } from "../config";
import { rootDb } from "../db/client";
import { isCanonicalEmail } from "../email/address";
import { sendMail } from "../email/mailer";
import { downloadNotificationEmail } from "../email/templates";
import type { FileRow } from "../files/file-view";
import { consumeRateLimit } from "../http/rate-limit";

const DAY_SECONDS = 24 * 60 * 60;

/**
 * notifyOnDownload: one email to the file's creator the first time each visitor downloads
 * (PUBLIC: the first download of each UTC day). Runs after the redirect is answered, on the
 * process's own client: a slow or failing mailer never delays or fails a download.
 */
export function notifyCreatorInBackground(file: Pick<FileRow, "id" | "handleId" | "fileName" | "createdById">, visitorEmail: string | null, firstVisit: boolean): void {
  if (visitorEmail && !firstVisit) return;
  const at = clock.now();
  setImmediate(() => {
    notifyCreator(file, visitorEmail, at).catch((error) => console.error("download notification failed", (error as Error).message));
  });
}

async function notifyCreator(file: Pick<FileRow, "id" | "handleId" | "fileName" | "createdById">, visitorEmail: string | null, at: Date): Promise<void> {
  if (!file.createdById) return; // created by the CLI or a deleted user: nobody to tell
  if (!visitorEmail) {
    // Day windows of the shared counter are aligned to UTC midnight: one mail per file and day.
    const firstToday = await consumeRateLimit({ name: "download-notification.day", limit: 1, windowSec: DAY_SECONDS }, file.id);
    if (!firstToday.allowed) return;
  }
  const prisma = await rootDb();
  const [creator, handle] = await Promise.all([
    prisma.user.findUnique({ where: { id: file.createdById }, select: { email: true, disabledAt: true } }),
    prisma.handle.findUnique({ where: { id: file.handleId }, select: { slug: true } }),
  ]);
  if (!creator || creator.disabledAt || !handle || !isCanonicalEmail(creator.email)) return;
  const day = at.toISOString().slice(0, 10);
  await sendMail({
    to: creator.email,
    ...downloadNotificationEmail({ url: `${config().appUrl}/dashboard/${handle.slug}`, fileName: file.fileName, visitor: visitorEmail, at }),
    // Repeats (a retried flush, a second instance) are delivered once.
    idempotencyKey: `download-notification/${file.id}/${visitorEmail ?? day}`.slice(0, 256),
  });
}
