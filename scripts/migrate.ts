import { config } from "../lib/config";
import { embeddedDatabaseOwner } from "../lib/db/embedded-lock";

// `npm run migrate`: apply pending migrations now (the server also does it on start).
const cfg = config();
if (cfg.embedded && embeddedDatabaseOwner(cfg.dataDir) !== null) {
  console.log("The running server owns the embedded database and migrated it on start.");
} else {
  const { db, closeDb } = await import("../lib/db/client");
  await db();
  await closeDb();
  console.log("migrations applied");
}
