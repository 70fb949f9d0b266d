import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// Every /v2 response a suite receives is checked against the served /v2/openapi.json:
// the status must be declared for that operation, the content type listed, and the body
// valid against its schema. A mismatch throws in the test that made the request.

type Json = Record<string, any>;
interface Route {
  template: string;
  pattern: RegExp;
  literalSegments: number;
}

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema(doc, "openapi");
    this.routes = Object.keys(doc.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}$`),
        literalSegments: template.split("/").filter((s) => s && !s.startsWith("{")).length,
      }))
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) this.compiled.set(ref, (validate = this.ajv.compile({ $ref: `openapi#/${ref}` })));
    return validate;
  }

  /** Where the answer is described: the operation's responses, or x-unmatched-paths. */
  private responsesFor(method: string, pathname: string): { where: string; responses: Json; base: string[] } {
    const route = this.routes.find((r) => r.pattern.test(pathname));
    if (!route) return { where: "an unlisted /v2 path", responses: this.doc["x-unmatched-paths"].responses, base: ["x-unmatched-paths", "responses"] };
    const item = this.doc.paths[route.template];
    const verb = method === "HEAD" ? "get" : method.toLowerCase();
    if (item[verb]) return { where: `${item[verb].operationId} (${method} ${route.template})`, responses: item[verb].responses, base: ["paths", route.template, verb, "responses"] };
    // A method the path does not list: only the shared 405 is described.
    return { where: `${method} ${route.template} (not listed)`, responses: { 405: { $ref: "#/components/responses/MethodNotAllowed" } }, base: ["components", "responses", "MethodNotAllowed"] };
  }

  /** Returns what is wrong with this response, or null when the document describes it. */
  check(method: string, url: URL, status: number, contentType: string | null, body: string): string | null {
    const { where, responses, base } = this.responsesFor(method, url.pathname);
    let response = responses[String(status)];
    if (!response) return `${status} is not declared for ${where} (declared: ${Object.keys(responses).join(", ")})`;
    let at = [...base, String(status)];
    if (response.$ref) {
      at = (response.$ref as string).slice(2).split("/");
      response = at.reduce((node: Json, key) => node[key], this.doc);
    }
    if (method === "HEAD") return null;
    if (!response.content) return body === "" ? null : `${where} ${status} is declared without a body, got ${body.length} bytes`;
    const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
    if (!response.content[mediaType]) return `${where} ${status}: content type '${contentType}' is not one of ${Object.keys(response.content).join(", ")}`;
    if (!mediaType.endsWith("json")) return null;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `${where} ${status}: body is not JSON: ${body.slice(0, 200)}`;
    }
    const validate = this.validator(pointer(...at, "content", mediaType, "schema"));
    if (validate(value)) return null;
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
    return `${where} ${status}: body does not match the schema: ${errors.join("; ")} — body ${body.slice(0, 300)}`;
  }
}

let checker: Promise<ResponseChecker> | null = null;

/** The served document, fetched once per test process from the first app that answered. */
function checkerFor(origin: string): Promise<ResponseChecker> {
  checker ??= fetch(`${origin}/v2/openapi.json`).then(async (res) => {
    if (res.status !== 200) throw new Error(`GET /v2/openapi.json answered ${res.status}`);
    return new ResponseChecker(await res.json());
  });
  return checker;
}

export const isApiUrl = (url: URL) => url.pathname.startsWith("/v2/");

/** Throws when the response to `method url` is not described by /v2/openapi.json. */
export async function assertDescribedByOpenApi(method: string, url: URL, response: Response, body: string): Promise<void> {
  const problem = (await checkerFor(url.origin)).check(method.toUpperCase(), url, response.status, response.headers.get("content-type"), body);
  if (problem) throw new Error(`OpenAPI: ${method.toUpperCase()} ${url.pathname}${url.search} → ${problem}`);
}
