import { z } from "zod";

export const ZFeature = z.object({
  courseId: z.string().min(1).max(64),
  featured: z.boolean(),
});
export type TFeature = z.input<typeof ZFeature>;

/** The same from a form (strings). */
export const ZFeatureForm = ZFeature.extend({
  featured: z.enum(["true", "false"]).transform((v) => v === "true"),
});
