import type { z } from "zod";
import type { fileStatsSchema, handleStatsSchema, recipientSchema } from "../schemas/campaign";

// Campaign delivery shapes (campaign delivery: docs/decisions.md) as the dashboard reads them: inferred from the API's
// own zod schemas (type-only imports, nothing of the server reaches the browser bundle).
export type FileStats = z.infer<typeof fileStatsSchema>;
export type HandleStats = z.infer<typeof handleStatsSchema>;
export type Recipient = z.infer<typeof recipientSchema>;
export type DayCount = FileStats["byDay"][number];

/** The campaign fields of a file (all on FileItem now; kept so components can say what they read). */
export interface CampaignFields {
  availableFrom?: string | null;
  allowedDomains?: string[];
  maxDownloads?: number | null;
  notifyOnDownload?: boolean;
}
