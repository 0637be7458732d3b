import { z } from "zod";

/** E-mail addresses are stored trimmed and lower-cased. */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid e-mail address, like ada@example.com." }).max(254));
