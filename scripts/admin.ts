import { parseArgs } from "node:util";
import { adminSecret } from "../lib/admin/secret";
import { config } from "../lib/config";
import { embeddedDatabaseOwner } from "../lib/db/embedded-lock";
import { runningServer } from "./server-file";

// npm run admin -- <command> --flag value …  (see README). Prints the asked-for value last.
const USAGE = `usage: npm run admin -- <command> [options]
  create-user   --email E
  create-handle --handle H --owner E
  add-member    --handle H --email E --role CREATOR
  create-token  --handle H --email E --scopes files.read,files.write [--expires-in-days N] [--name N]
  remove-member --handle H --email E
  disable-user  --email E
  sweep         [--grace-hours N]
  storage-check   says in one line each what keeps storage from working (exit 1), or "storage ok"
  storage-setup   creates the bucket and its CORS rule (s3) or the folders (local), then checks`;

export async function runAdmin(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help") {
    console.error(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({ args: rest, options: {
    email: { type: "string" }, handle: { type: "string" }, owner: { type: "string" }, role: { type: "string" },
    scopes: { type: "string" }, name: { type: "string" }, "expires-in-days": { type: "string" }, "grace-hours": { type: "string" },
  }, strict: true });
  const args = values as Record<string, string>;
  const cfg = config();

  if (command.startsWith("storage-")) {
    const { storageCommands } = await import("../lib/admin/commands");
    const runStorage = storageCommands[command];
    if (!runStorage) {
      console.error(`unknown command '${command}'\n${USAGE}`);
      return 2;
    }
    try {
      const { lines, ok } = await runStorage();
      for (const line of lines) console.log(line);
      return ok ? 0 : 1;
    } catch (error) {
      console.error(`error: ${(error as Error).message}`);
      return 1;
    }
  }

  const owner = cfg.embedded ? embeddedDatabaseOwner(cfg.dataDir) : null;
  if (owner !== null) {
    // The server owns the embedded database: ask it to run the command.
    const server = runningServer(cfg.dataDir);
    if (!server) throw new Error(`the embedded database in ${cfg.dataDir} is open in process ${owner}, which is not serving yet: retry in a moment.`);
    const { url } = server;
    const response = await fetch(`${url}/internal/admin`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-admin-secret": adminSecret() },
      body: JSON.stringify({ command, args }),
    }).catch(() => {
      throw new Error(`the server of ${cfg.dataDir} (process ${server.pid}) does not answer at ${url}.`);
    });
    const payload = (await response.json()) as { value?: string; lines?: string[]; detail?: string };
    if (!response.ok) {
      console.error(`error: ${payload.detail ?? response.status}`);
      return 1;
    }
    for (const line of payload.lines ?? []) console.log(line);
    console.log(payload.value);
    return 0;
  }

  const { adminCommands, AdminUsageError } = await import("../lib/admin/commands");
  const { closeDb } = await import("../lib/db/client");
  const run = adminCommands[command];
  if (!run) {
    console.error(`unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  try {
    const result = await run(args);
    for (const line of result.lines ?? []) console.log(line);
    console.log(result.value);
    return 0;
  } catch (error) {
    // An ApiError's detail is the sentence for people; its message also carries the code.
    console.error(`error: ${error instanceof AdminUsageError ? error.message : ((error as { detail?: string }).detail ?? (error as Error).message)}`);
    return 1;
  } finally {
    await closeDb();
  }
}

/** runAdmin for a terminal: configuration and connection problems are one line, no stack trace. */
export function runAdminCli(argv: string[]): Promise<number> {
  return runAdmin(argv).catch((error: Error) => {
    console.error(`error: ${error.message.replace(/\s*\n\s*/g, "; ")}`);
    return 1;
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("admin.ts")) {
  process.exitCode = await runAdminCli(process.argv.slice(2));
}
