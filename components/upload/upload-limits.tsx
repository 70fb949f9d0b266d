"use client";

import { createContext, useContext } from "react";
import { MAX_FILE_BYTES } from "@/lib/schemas/files";

// The operator's MAX_FILE_BYTES, read on the server (lib/config.ts) and handed to the upload
// dialog, so the dashboard refuses exactly what the API would.
const UploadLimitsContext = createContext(MAX_FILE_BYTES);

export function UploadLimits({ maxFileBytes, children }: { maxFileBytes: number; children: React.ReactNode }) {
  return <UploadLimitsContext.Provider value={maxFileBytes}>{children}</UploadLimitsContext.Provider>;
}

export const useMaxFileBytes = () => useContext(UploadLimitsContext);
