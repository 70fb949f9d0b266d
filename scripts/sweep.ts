import { runAdminCli } from "./admin";

// `npm run sweep [-- --grace-hours N]`: one sweep, through the running server when it owns
// the embedded database, directly otherwise.
process.exitCode = await runAdminCli(["sweep", ...process.argv.slice(2)]);
