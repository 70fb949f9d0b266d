// The server under test, started by scripts/test.ts (or by hand: see README "Testing").
export const baseUrl = process.env.GHARART_TEST_URL ?? "http://127.0.0.1:3000";
export const dataDir = process.env.GHARART_TEST_DATA_DIR ?? "./data";
export const databaseKind = process.env.DATABASE_URL ? "postgres" : "pglite";
/** The storage driver of the configuration under test (TEST_CONFIG=production → s3). */
export const storageDriver: "local" | "s3" = process.env.STORAGE_DRIVER === "s3" ? "s3" : "local";

/**
 * The status a storage server answers to a body of the wrong length: the local driver
 * says what is wrong (400 short, 413 long); S3 signs Content-Length, so any other length
 * is a signature mismatch (403).
 */
export const wrongLengthStatus = (kind: "short" | "long") => (storageDriver === "s3" ? 403 : kind === "short" ? 400 : 413);

/** When a signed download URL stops working, in Unix seconds (local token or SigV4 query). */
export function signedUrlExpiry(url: string): number {
  const u = new URL(url);
  const amzDate = u.searchParams.get("X-Amz-Date");
  if (amzDate) {
    const iso = amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z");
    return Date.parse(iso) / 1000 + Number(u.searchParams.get("X-Amz-Expires"));
  }
  return JSON.parse(Buffer.from(u.pathname.split("/").pop()!.split(".")[0], "base64url").toString()).exp;
}
