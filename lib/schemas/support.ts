import { z } from "zod";

// PostgreSQL text cannot hold NUL: free text refuses it here instead of failing in the database.
const text = (max: number, label: string) =>
  z.string({ error: `${label} must be text.` }).max(max, `${label} is limited to ${max} characters.`).refine((v) => !v.includes("\u0000"), `${label} cannot contain NUL characters.`);

export const supportReportSchema = z.object({
  summary: text(200, "summary").refine((v) => v.trim().length > 0, "summary is required.").transform((v) => v.trim()),
  details: text(10_000, "details").refine((v) => v.trim().length > 0, "details is required.").transform((v) => v.trim()),
  handle: text(39, "handle").optional(),
  sessionId: text(200, "sessionId").optional(),
  requestId: text(128, "requestId").optional(),
  reproArtifact: text(100_000, "reproArtifact").optional(),
});

export const SUPPORT_FIELD_CODES = {
  summary: "invalid_summary",
  details: "invalid_details",
  handle: "invalid_handle",
  sessionId: "invalid_session_id",
  requestId: "invalid_request_id",
  reproArtifact: "invalid_repro_artifact",
};

export const supportReportCreatedSchema = z.object({ reportId: z.string(), requestId: z.string() });
export type SupportReportCreated = z.infer<typeof supportReportCreatedSchema>;
