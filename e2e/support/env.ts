// The server under test, started by scripts/test.ts (or by hand: see README "Testing").
export const baseUrl = process.env.GHARART_TEST_URL ?? "http://127.0.0.1:3000";
export const dataDir = process.env.GHARART_TEST_DATA_DIR ?? "./data";
export const databaseKind = process.env.DATABASE_URL ? "postgres" : "pglite";
