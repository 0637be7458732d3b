import { z } from "zod";

/** E-mail addresses are stored trimmed and lower-cased. */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid e-mail address, like ada@example.com." }).max(254));

export const ZEraseInput = z.object({
  confirmEmail: z.string().trim().min(1, "Type your e-mail address to confirm.").max(254),
});
export type TEraseInput = z.input<typeof ZEraseInput>;
