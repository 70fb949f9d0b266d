// A separate PGlite data folder for the baselines on the embedded database: the app
// server owns its own folder (one process per PGlite), so the baselines get an equivalent
// copy built with the real migrations and the same file rows the API returned.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { migrate, type SqlRunner } from "../lib/db/migrate";
import { newId } from "../lib/ids";

/** A file as the list API shows it (OpenAPI `FileView`, lib/schemas/files.ts). */
export interface FileView {
  id: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  accessMode: string;
  allowedEmails: string[];
  expiresAt: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export function runnerOf(pglite: PGlite): SqlRunner {
  return {
    query: async (sql, params) => ({ rows: (await pglite.query(sql, params)).rows as never[] }),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
  };
}

/** Creates `dir` with the migrated schema, one handle and `files`; returns the handle id. */
export async function seedBaselinePglite(dir: string, slug: string, files: FileView[]): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  try {
    await migrate(runnerOf(pglite));
    const userId = newId("usr");
    const handleId = newId("hdl");
    await pglite.query(`INSERT INTO "users" ("id", "email") VALUES ($1, $2)`, [userId, `${slug}@owner.example.com`]);
    await pglite.query(`INSERT INTO "handles" ("id", "slug") VALUES ($1, $2)`, [handleId, slug]);
    await pglite.query(`INSERT INTO "memberships" ("userId", "handleId", "role") VALUES ($1, $2, 'OWNER')`, [userId, handleId]);
    await pglite.exec("BEGIN");
    for (const file of files) {
      const createdAt = new Date(file.createdAt);
      await pglite.query(
        `INSERT INTO "files" ("id", "handleId", "fileName", "sizeBytes", "contentType", "accessMode", "allowedEmails",
           "expiresAt", "status", "objectKey", "uploadExpiresAt", "createdById", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6::"AccessMode", $7, $8, $9::"FileStatus", $10, $11, $12, $13, $14)`,
        [
          file.id, handleId, file.fileName, file.sizeBytes, file.contentType, file.accessMode, file.allowedEmails,
          file.expiresAt ? new Date(file.expiresAt) : null, file.status, `files/${handleId}/${randomUUID()}`,
          new Date(createdAt.getTime() + 15 * 60_000), userId, createdAt, new Date(file.updatedAt),
        ],
      );
    }
    await pglite.exec("COMMIT");
    return handleId;
  } finally {
    await pglite.close();
  }
}
