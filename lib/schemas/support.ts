import { z } from "zod";

export const supportReportSchema = z.object({
  summary: z.string({ error: "summary is required." }).trim().min(1, "summary is required.").max(200, "summary is limited to 200 characters."),
  details: z.string({ error: "details is required." }).trim().min(1, "details is required.").max(10_000, "details is limited to 10000 characters."),
  handle: z.string().max(39).optional(),
  sessionId: z.string().max(200).optional(),
  requestId: z.string().max(128).optional(),
  reproArtifact: z.string().max(100_000, "reproArtifact is limited to 100000 characters.").optional(),
});

export const SUPPORT_FIELD_CODES = {
  summary: "invalid_summary",
  details: "invalid_details",
  handle: "invalid_handle",
  sessionId: "invalid_session_id",
  requestId: "invalid_request_id",
  reproArtifact: "invalid_repro_artifact",
};
