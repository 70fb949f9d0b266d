// What one database's run hands to each benchmark.
import type { Tenant } from "../../e2e/support/admin";
import type { FileView } from "../seed-pglite";
import type { BenchServer } from "./app-server";
import type { DatabaseKind } from "./settings";

export interface DatabaseRun {
  kind: DatabaseKind;
  server: BenchServer;
  tenant: Tenant;
  /** The seeded PUBLIC ready files (empty when no benchmark needs them). */
  files: FileView[];
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  /** The baseline's database: the same PostgreSQL, or a separate PGlite seeded with the same rows. */
  baselineHandleId: string;
  baselinePgliteDir: string;
  /** PostgreSQL's processes (empty on PGlite, where the database runs inside the server). */
  dbPids(): number[];
}
