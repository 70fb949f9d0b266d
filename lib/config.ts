import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Environment parsed once, validated, with the defaults listed in README, "Configuration".
const intFrom = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .default("false")
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.string().default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().default("./data"),
  APP_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  LOCAL_STORAGE_PUBLIC_URL: z.url().optional(),
  S3_ENDPOINT: z.string().optional(),
  S3_PUBLIC_ENDPOINT: z.string().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool,
  RESEND_API_KEY: z.string().optional(),
  EMAIL_FROM: z.string().default("Gharart Files <files@localhost>"),
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().positive().default(1.8),
  TRUST_PROXY: bool,
  EXPIRED_GRACE_HOURS: intFrom(72),
  DAILY_WRITE_LIMIT: intFrom(1000),
  API_RATE_LIMIT_PER_MINUTE: intFrom(600),
  DOWNLOAD_RATE_LIMIT_PER_MINUTE: intFrom(600),
  MAGIC_LINK_PER_EMAIL_LIMIT: intFrom(5),
  MAGIC_LINK_PER_EMAIL_WINDOW_SECONDS: intFrom(15 * 60),
  MAGIC_LINK_PER_IP_LIMIT: intFrom(30),
  MAGIC_LINK_PER_IP_WINDOW_SECONDS: intFrom(60 * 60),
  // Campaign invitations: per recipient and file (a "Resend" is one more), per handle a day.
  INVITATIONS_PER_RECIPIENT_PER_DAY: intFrom(5),
  INVITATIONS_PER_HANDLE_PER_DAY: intFrom(2000),
  SUPPORT_REPORT_PER_IP_PER_HOUR: intFrom(20),
  SWEEP_INTERVAL_SECONDS: intFrom(60),
  MIN_FREE_DISK_MB: intFrom(512),
  BODY_TIMEOUT_MS: intFrom(30_000),
  UPLOAD_IDLE_TIMEOUT_MS: intFrom(60_000),
  // Resumable uploads (docs/architecture.md): the operator's size limit, and where uploads switch to multipart.
  MAX_FILE_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(262_144_000),
  MULTIPART_THRESHOLD_BYTES: z.coerce.number().int().min(0).default(16 * 1024 * 1024),
  // S3 refuses parts under 5 MiB (but the last): the floor holds for both drivers alike.
  MULTIPART_PART_BYTES: z.coerce.number().int().min(5 * 1024 * 1024).max(5 * 1024 ** 3).default(8 * 1024 * 1024),
});

export type Config = z.infer<typeof envSchema> & {
  dataDir: string;
  appUrl: string;
  embedded: boolean;
  authSecret: string;
};

/** Secrets not given in the environment are generated once and kept in DATA_DIR. */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, "secrets.json");
  let secrets: Record<string, string> = {};
  try {
    secrets = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    /* first start */
  }
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString("base64url");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

function loadConfig(): Config {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const embedded = !env.DATABASE_URL;
  let authSecret = env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!authSecret) {
    if (!embedded) throw new Error("AUTH_SECRET (32+ characters) is required when DATABASE_URL is set.");
    authSecret = loadOrCreateSecret(dataDir, "AUTH_SECRET");
  }
  if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) throw new Error("S3_BUCKET is required with STORAGE_DRIVER=s3.");
  return { ...env, dataDir, appUrl: env.APP_URL.replace(/\/+$/, ""), embedded, authSecret };
}

const globalForConfig = globalThis as unknown as { __gharartConfig?: Config };

export function config(): Config {
  return (globalForConfig.__gharartConfig ??= loadConfig());
}

/** Tests reset the cached config after changing the environment. */
export function resetConfigForTests(): void {
  globalForConfig.__gharartConfig = undefined;
}
