import { z } from "zod";

/**
 * A list of addresses (emails, domains) given by users: at most `max` entries, each made
 * canonical or refused with `invalidCode`, duplicates dropped. The allowlist schemas of
 * files and internal docs share it so both answer the same way.
 */
export function canonicalListSchema(options: {
  field: string;
  what: string;
  max: number;
  tooManyCode: string;
  tooManyNoun: string;
  invalidCode: string;
  invalidMessage: (raw: string) => string;
  canonical: (raw: unknown) => string | null;
}) {
  return z
    .array(z.unknown(), { error: `${options.field} must be an array of ${options.what}.` })
    .transform((list, ctx) => {
      if (list.length > options.max) {
        ctx.addIssue({ code: "custom", message: `At most ${options.max} ${options.tooManyNoun} (got ${list.length}).`, params: { code: options.tooManyCode } });
        return z.NEVER;
      }
      const out = new Set<string>();
      for (const raw of list) {
        const value = options.canonical(raw);
        if (!value) {
          ctx.addIssue({ code: "custom", message: options.invalidMessage(String(raw).slice(0, 80)), params: { code: options.invalidCode } });
          return z.NEVER;
        }
        out.add(value);
      }
      return [...out];
    });
}
