import { z } from "zod";
import { ERROR_CODES } from "../http/error-codes";
import { MAX_FILE_BYTES } from "../schemas/files";
import { problemSchema } from "../schemas/problem";
import { METHOD_NOT_ALLOWED_CODES, OPERATIONS, UNKNOWN_ROUTE, type ErrorCodes, type Operation } from "./operations";

// OpenAPI 3.1 generated from the route table (lib/openapi/operations.ts) and the zod
// schemas the handlers validate and type their answers with, so it cannot drift.

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const toJson = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;

/** Named schemas → components.schemas; nested named schemas become $refs (zod registry). */
function componentSchemas(): Json {
  const output = z.registry<{ id: string }>();
  const input = z.registry<{ id: string }>();
  output.add(problemSchema, { id: "Problem" });
  for (const op of OPERATIONS) {
    for (const s of op.success) if (s.schema && s.name && !output.has(s.schema)) output.add(s.schema, { id: s.name });
    if (op.body && !input.has(op.body.schema)) input.add(op.body.schema, { id: op.body.name });
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const all = {
    ...z.toJSONSchema(output, { io: "output", unrepresentable: "any", target: "draft-2020-12", uri }).schemas,
    ...z.toJSONSchema(input, { io: "input", unrepresentable: "any", target: "draft-2020-12", uri }).schemas,
  };
  // `$schema`/`$id` per component would re-root its $refs; the document is their root.
  return Object.fromEntries(Object.entries(all).map(([name, { $schema: _s, $id: _i, ...schema }]) => [name, schema]));
}

function problemResponse(codes: string[], html = false): Json {
  const described = codes.map((code) => `\`${code}\`${ERROR_CODES[code] ? `: ${ERROR_CODES[code]}` : ""}`).join("\n- ");
  return {
    description: `Problem details (RFC 9457) with \`code\`:\n- ${described}`,
    content: {
      "application/problem+json": { schema: { allOf: [ref("Problem"), { properties: { code: { enum: codes } } }] } },
      ...(html ? { "text/html": { schema: { type: "string" } } } : {}),
    },
  };
}

const HEADER_HINTS: Partial<Record<number, Json>> = {
  429: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } }, RateLimit: { description: "IETF draft RateLimit", schema: { type: "string" } } },
  503: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
};

function errorResponses(errors: ErrorCodes, html = false): Json {
  return Object.fromEntries(
    Object.entries(errors).map(([status, codes]) => {
      const response = problemResponse(codes ?? [], html);
      const headers = HEADER_HINTS[Number(status)];
      return [status, headers ? { ...response, headers } : response];
    }),
  );
}

const PATH_PARAMS: Record<string, Json> = {
  handle: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{1,38}$" },
  fileId: { type: "string", pattern: "^fil_[A-Za-z0-9]{1,64}$" },
  tokenId: { type: "string" },
  userId: { type: "string" },
};

const SECURITY: Record<Operation["auth"], Json[]> = {
  none: [],
  member: [{ bearerPat: [] }, { session: [] }],
  pat: [{ bearerPat: [] }],
  session: [{ session: [] }],
  edge: [{ bearerPat: [] }, { session: [] }, {}],
};

function operationObject(op: Operation): Json {
  const parameters: Json[] = [];
  if (op.query) {
    const query = toJson(op.query, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: "query", required: query.required?.includes(name) ?? false, schema });
    }
  }
  for (const header of op.headers ?? []) {
    parameters.push({ name: header.name, in: "header", required: false, description: header.description, schema: { type: "string", maxLength: 255 } });
  }
  const success = Object.fromEntries(
    op.success.map((s) => [
      String(s.status),
      {
        description: s.description,
        ...(s.headers ? { headers: Object.fromEntries(Object.entries(s.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) } : {}),
        ...(s.schema
          ? { content: { "application/json": { schema: s.name ? ref(s.name) : toJson(s.schema, "output") }, ...(s.html ? { "text/html": { schema: { type: "string" } } } : {}) } }
          : {}),
        ...(s.media ? { content: Object.fromEntries(s.media.map((m) => [m, {}])) } : {}),
      },
    ]),
  );
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    security: SECURITY[op.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref(op.body.name) },
              ...(op.body.form ? { "application/x-www-form-urlencoded": { schema: ref(op.body.name) } } : {}),
            },
          },
        }
      : {}),
    responses: {
      ...success,
      ...errorResponses(op.errors, op.htmlErrors),
      405: { $ref: "#/components/responses/MethodNotAllowed" },
    },
  };
}

function paths(): Json {
  const out: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const item = (out[op.path] ??= {
      parameters: [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: PATH_PARAMS[name] ?? { type: "string" } })),
    });
    if (item[op.method]) throw new Error(`Two operations for ${op.method.toUpperCase()} ${op.path}`);
    item[op.method] = operationObject(op);
  }
  for (const item of Object.values(out)) if ((item.parameters as unknown[]).length === 0) delete item.parameters;
  return out;
}

const TAGS: Record<string, string> = {
  Files: "A handle's files (dashboard session or PAT)",
  "Files (PAT family)": "The same files API for personal access tokens only",
  Sharing: "Public downloads and magic links for allowlisted visitors",
  "Internal docs": "The docs access policy and the docs visitors' magic links",
  Support: "Support reports",
  Handles: "The signed-in user's handles",
  Tokens: "Personal access tokens (dashboard session, ADMIN+)",
  Members: "Members and roles (dashboard session, ADMIN+)",
  Meta: "This description",
};

/** The create schema's size limit is the operator's MAX_FILE_BYTES (resumable uploads: docs/architecture.md, upload lifecycle), not a constant. */
function withSizeLimit(schemas: Json, maxFileBytes: number): Json {
  const size = (schemas.CreateFileRequest as { properties?: Json } | undefined)?.properties?.sizeBytes as { maximum?: number } | undefined;
  if (size) size.maximum = maxFileBytes;
  return schemas;
}

export function openApiDocument(serverUrl: string, limits: { maxFileBytes: number } = { maxFileBytes: MAX_FILE_BYTES }) {
  const tags = [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Gharart Files API",
      version: "2.0.0",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      description:
        "Files, sharing and internal docs behind a handle. Errors are RFC 9457 problem details with `code` and `requestId`. " +
        "Every path answers 405 `method_not_allowed` to a method it does not list; any other path under /v2 answers " +
        "404 `not_found` (`x-unmatched-paths` lists what such paths can answer).",
    },
    servers: [{ url: serverUrl }],
    tags,
    components: {
      securitySchemes: {
        bearerPat: { type: "http", scheme: "bearer", description: "Personal access token: ghf_ + 36 base62 + 6-char CRC32 checksum" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Dashboard session (next-auth)" },
      },
      schemas: withSizeLimit(componentSchemas(), limits.maxFileBytes),
      responses: {
        MethodNotAllowed: problemResponse(METHOD_NOT_ALLOWED_CODES),
      },
    },
    paths: paths(),
    "x-unmatched-paths": { description: "Any other path under /v2", responses: errorResponses(UNKNOWN_ROUTE) },
  };
}
