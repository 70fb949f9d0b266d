// Campaign delivery shapes (SPEC §12) as the dashboard reads them. Until the API half's
// zod schemas are merged these mirror the SPEC; afterwards they are inferred (see api-types).

export interface DayCount { day: string; downloads: number }

export interface Recipient {
  email: string;
  invitedAt: string | null;
  linkRequestedAt: string | null;
  verifiedAt: string | null;
  firstDownloadedAt: string | null;
  lastDownloadedAt: string | null;
  downloads: number;
}

export interface FileStats {
  downloads: number;
  uniqueVisitors: number;
  lastDownloadedAt: string | null;
  byDay: DayCount[];
  recipients: Recipient[];
}

export interface HandleStats {
  downloads: number;
  byDay: DayCount[];
  topFiles: { fileId: string; fileName: string; downloads: number }[];
}

/** The campaign fields a file carries on list/get (all optional until the API half lands). */
export interface CampaignFields {
  availableFrom?: string | null;
  allowedDomains?: string[];
  maxDownloads?: number | null;
  notifyOnDownload?: boolean;
}
