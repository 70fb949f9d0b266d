import { adminCommands, AdminUsageError } from "@/lib/admin/commands";
import { adminSecret } from "@/lib/admin/secret";
import { digestsEqual } from "@/lib/auth/secret-hash";
import { clientIp } from "@/lib/http/client-ip";
import { ApiError } from "@/lib/http/errors";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

// Lets the admin CLI and `npm run sweep` act while this process owns the embedded
// database. Loopback only, and only with the secret kept in DATA_DIR.
export const POST = route({ auth: "none" }, async ({ req, body }) => {
  const secret = req.headers.get("x-admin-secret") ?? "";
  if (!LOOPBACK.has(clientIp(req.headers)) || !digestsEqual(secret, adminSecret())) {
    throw new ApiError(404, "not_found", "Not found.");
  }
  const { command, args } = body() as { command?: string; args?: Record<string, string> };
  const run = command ? adminCommands[command] : undefined;
  if (!run) throw new ApiError(400, "unknown_command", `Unknown command '${command}'.`);
  try {
    return json(await run(args ?? {}));
  } catch (error) {
    if (error instanceof AdminUsageError) throw new ApiError(400, "invalid_arguments", error.message);
    throw error;
  }
});
