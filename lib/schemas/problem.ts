import { z } from "zod";

/**
 * RFC 9457 problem details as every error answers them (lib/http/problem.ts), with the
 * extension members `code` and `requestId`; other extensions (e.g. violatedPolicy) may follow.
 */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    code: z.string(),
    requestId: z.string(),
  })
  .loose();
export type Problem = z.infer<typeof problemSchema>;
