import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ERROR_CODES } from "../http/error-codes";
import { openApiDocument } from "./document";
import { OPERATIONS, UNKNOWN_ROUTE } from "./operations";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * `app/v2/handles/[handle]/files/route.ts` → `/v2/handles/{handle}/files`; the docs edge's
 * optional catch-all is `{docsPath}`; null for app/v2/[...rest] (every other path).
 */
function openApiPath(routeFile: string): string | null {
  const dir = path.dirname(path.relative("app", routeFile)).split(path.sep);
  if (dir.some((segment) => segment.startsWith("[..."))) return null;
  const segments = dir.map((segment) => segment.replace(/^%5Fedge$/, "_edge").replace(/^\[\[\.\.\.path\]\]$/, "{docsPath}").replace(/^\[(\w+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

/** The HTTP methods a route module exports (`export const GET`, `export function GET`, `export { x as GET }`). */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  // `export const POST = edgeMethodNotAllowed`: a refusal (405), not an operation.
  for (const [, name, value] of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(\w+)(?:\s*=\s*(\w+);)?/g)) {
    if (!value?.endsWith("MethodNotAllowed")) found.add(name);
  }
  for (const [, list] of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of list.split(",")) found.add(item.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return [...found].filter((name) => METHODS.includes(name));
}

describe("the route table", () => {
  it("lists exactly the operations that app/v2/**/route.ts exports", () => {
    const routeFiles = ["app/v2", "app/%5Fedge"].flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts")).map((f) => path.join(root, f)));
    const served = new Set<string>();
    for (const file of routeFiles) {
      const apiPath = openApiPath(file);
      if (apiPath === null) continue; // app/v2/[...rest]: every other path, x-unmatched-paths
      for (const method of exportedMethods(readFileSync(file, "utf8"))) served.add(`${method} ${apiPath}`);
    }
    const listed = new Set(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    assert.ok(served.size > 20, `found only ${served.size} operations under app/v2`);
    assert.deepEqual([...served].filter((op) => !listed.has(op)).sort(), [], "served but not in lib/openapi/operations.ts");
    assert.deepEqual([...listed].filter((op) => !served.has(op)).sort(), [], "in the table but not served");
  });

  it("gives every operation a unique operationId and only documented problem codes", () => {
    const ids = OPERATIONS.map((op) => op.operationId);
    assert.equal(new Set(ids).size, ids.length);
    const codes = [...OPERATIONS.flatMap((op) => Object.values(op.errors).flat()), ...Object.values(UNKNOWN_ROUTE).flat()];
    assert.deepEqual(codes.filter((code) => !Object.hasOwn(ERROR_CODES, code!)), []);
  });

  it("declares a body schema for every success that has a body", () => {
    for (const op of OPERATIONS) {
      for (const success of op.success) {
        const bodiless = success.status === 204 || (success.status >= 300 && success.status < 400);
        assert.equal(!success.schema && !success.media, bodiless, `${op.operationId} ${success.status}`);
      }
    }
  });
});

describe("/v2/openapi.json", () => {
  it("passes Redocly lint (recommended rules): no errors, an operationId everywhere", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "openapi-lint-"));
    const file = path.join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(openApiDocument("https://files.gharart.test")));
    const run = spawnSync(process.execPath, ["node_modules/@redocly/cli/bin/cli.js", "lint", file, "--format=json"], {
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      timeout: 60_000,
    });
    const report = JSON.parse(run.stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string }[] };
    const errors = report.problems.filter((p) => p.severity === "error");
    assert.deepEqual(errors.map((p) => `${p.ruleId}: ${p.message}`), []);
    assert.equal(report.totals.errors, 0);
    assert.deepEqual(report.problems.filter((p) => p.ruleId.startsWith("operation-operationId")), []);
  });

  it("describes every error status with a problem+json schema restricted to its codes", () => {
    const doc = openApiDocument("https://files.gharart.test") as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { allOf?: unknown[] } }>; $ref?: string }> }>> };
    let operations = 0;
    for (const item of Object.values(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === "parameters") continue;
        operations++;
        assert.ok(op.responses["405"], `${method} has 405`);
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400 || response.$ref) continue;
          assert.ok(response.content?.["application/problem+json"]?.schema.allOf, `${method} ${status}`);
        }
      }
    }
    assert.equal(operations, OPERATIONS.length);
  });
});
