import { z } from "zod";

/** Ids the platform generates (UUIDs); bounded so nothing longer reaches the database. */
export const ZId = z.string().trim().min(1).max(64);

export const ZProgressInput = z
  .object({
    completed: z.boolean().optional(),
    timeSpentSeconds: z.number().int().min(1).max(300).optional(),
  })
  .refine((v) => v.completed !== undefined || v.timeSpentSeconds !== undefined, {
    message: "Send completed, timeSpentSeconds, or both.",
  });
export type TProgressInput = z.input<typeof ZProgressInput>;

export const ZSuspension = z.object({
  enrollmentId: ZId,
  action: z.enum(["suspend", "reinstate"]),
});
export type TSuspension = z.input<typeof ZSuspension>;
