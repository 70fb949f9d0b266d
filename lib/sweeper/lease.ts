import { randomUUID } from "node:crypto";
import { clock } from "../clock";
import { db } from "../db/client";

const holderId = randomUUID();

/** One runner across instances: take (or renew) a lease row; false when another holds it. */
export async function acquireLease(name: string, seconds: number, holder = holderId): Promise<boolean> {
  const now = clock.now();
  const until = new Date(now.getTime() + seconds * 1000);
  const rows = await (await db()).$queryRaw<{ name: string }[]>`
    INSERT INTO "job_leases" ("name", "holder", "leaseUntil") VALUES (${name}, ${holder}, ${until})
    ON CONFLICT ("name") DO UPDATE SET "holder" = ${holder}, "leaseUntil" = ${until}
    WHERE "job_leases"."leaseUntil" <= ${now} OR "job_leases"."holder" = ${holder}
    RETURNING "name"`;
  return rows.length === 1;
}

export async function releaseLease(name: string, holder = holderId): Promise<void> {
  await (await db()).jobLease.deleteMany({ where: { name, holder } });
}
