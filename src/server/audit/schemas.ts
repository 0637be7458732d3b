import { z } from "zod";

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-27.")
  .transform((d) => new Date(`${d}T00:00:00Z`))
  .optional()
  .or(z.literal("").transform(() => undefined));

export const ZAuditFilter = z.object({
  /** An actor's id, or their e-mail address. */
  actor: z
    .string()
    .trim()
    .max(254)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  entityType: z
    .string()
    .trim()
    .max(40)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  entityId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: ZDate,
  to: ZDate,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
