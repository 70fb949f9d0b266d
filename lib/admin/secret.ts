import { loadOrCreateSecret } from "../config";
import { config } from "../config";

/** Shared by the server and the CLI through DATA_DIR (file mode 0600). */
export function adminSecret(): string {
  return loadOrCreateSecret(config().dataDir, "ADMIN_SECRET");
}
