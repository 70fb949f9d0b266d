import { config } from "../config";
import { db } from "../db/client";
import { validate } from "../http/body";
import { enforceRateLimit } from "../http/rate-limit";
import { newId } from "../ids";
import { supportReportSchema, SUPPORT_FIELD_CODES, type SupportReportCreated } from "../schemas/support";

/** Stores an end user's escalation (visitors too), linked to the user when signed in. */
export async function createSupportReport(body: Record<string, unknown>, context: { userId: string | null; clientIp: string; requestId: string }): Promise<SupportReportCreated> {
  await enforceRateLimit({ name: "support.report", limit: config().SUPPORT_REPORT_PER_IP_PER_HOUR, windowSec: 3600 }, context.userId ?? context.clientIp);
  const input = validate(supportReportSchema, body, SUPPORT_FIELD_CODES);
  const report = await (await db()).supportReport.create({
    data: {
      id: newId("rep"),
      summary: input.summary,
      details: input.details,
      handle: input.handle ?? null,
      sessionId: input.sessionId ?? null,
      requestId: input.requestId ?? null,
      reproArtifact: input.reproArtifact ?? null,
      userId: context.userId,
      clientRequestId: context.requestId,
    },
  });
  return { reportId: report.id, requestId: context.requestId };
}
