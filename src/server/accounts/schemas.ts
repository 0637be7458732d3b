import { API_TOKEN_SCOPES } from "../db/schema/developer";
import { userRole } from "../db/schema/enums";
import { z } from "zod";
import { getEnv } from "../env";
import { sameOriginPath } from "./return-path";

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

export const ZRoleChange = z.object({ userId: z.string().min(1).max(64), role: z.enum(userRole.enumValues) });

export const ZUserSearch = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZProfileInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the name to show on your certificates.")
    .max(120, "120 characters at most."),
  image: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .transform((v) => (v === "" ? null : v))
    .pipe(
      z
        .url({ protocol: /^https$/, message: "Use an https:// address of an image, or leave it empty." })
        .nullable(),
    ),
});

export type TProfileInput = z.input<typeof ZProfileInput>;

/** The API's PATCH of the profile: either field, validated as the account page validates it. */
export const ZProfilePatch = ZProfileInput.partial().refine(
  (v) => v.name !== undefined || v.image !== undefined,
  { message: "Send a name, an image, or both." },
);

/** After signing in without a page to return to: the learner's courses ("My learning"). */
export const DEFAULT_RETURN_PATH = "/dashboard";

/** Where to go after signing in: a path on this platform only (never another origin); anything else, /dashboard. */
export const ZReturnPath = z
  .string()
  .min(1)
  .max(500)
  .transform((v) => sameOriginPath(v, getEnv().appUrl) ?? DEFAULT_RETURN_PATH)
  .catch(DEFAULT_RETURN_PATH);

export const ZSignInRequest = z.object({ email: ZEmail, callbackUrl: ZReturnPath.optional() });

export type TSignInRequest = z.infer<typeof ZSignInRequest>;

/** A new personal API token (docs/decisions.md, "Personal API tokens"). */
export const ZCreateToken = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, so you can tell what uses it.")
    .max(80, "80 characters at most."),
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES, { message: `Scopes are ${API_TOKEN_SCOPES.join(", ")}.` }))
    .min(1, "Choose at least one scope.")
    .max(API_TOKEN_SCOPES.length)
    .transform((s) => [...new Set(s)]),
  expiresInDays: z
    .number({ message: "expiresInDays is a whole number of days." })
    .int("expiresInDays is a whole number of days.")
    .min(1, "A token lasts at least 1 day.")
    .max(366, "A token lasts 366 days at most; leave expiresInDays out for one that does not expire.")
    .nullable()
    .optional(),
});
