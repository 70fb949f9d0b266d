// Runs once when a server instance starts: migrate, then start the in-process sweeper.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { db } = await import("./lib/db/client");
  await db();
  const { startSweeperLoop } = await import("./lib/sweeper/loop");
  startSweeperLoop();
}
