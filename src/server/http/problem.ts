import { z } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode } from "../errors";
export { invalidInput, zodIssuesToFields } from "../validation";

/** The body of every /api/v1 error: `{ "error": { "code", "message", "fields"? } }`. */
export const ZApiError = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requiredScopes: z
      .array(z.string())
      .optional()
      .describe("403 to an API token without the scope: the scopes that would admit the request"),
  }),
});
export type TApiError = z.infer<typeof ZApiError>;

/** An error body with more fields inside `error` (a refusal's reason, what is missing). */
export const apiErrorWith = (extra: z.ZodRawShape) =>
  z.object({ error: ZApiError.shape.error.extend(extra) });

/** 409 PREREQUISITES_NOT_MET's list: the required courses the caller has not completed. */
export const ZPrerequisitesError = apiErrorWith({
  missing: z
    .array(z.object({ id: z.string(), slug: z.string(), title: z.string() }))
    .optional()
    .describe("With PREREQUISITES_NOT_MET: the courses to complete first"),
});

export function errorBody(err: AppError, requestId?: string): TApiError {
  return {
    ...err.details,
    error: {
      ...err.errorDetails,
      code: err.code,
      message: err.userMessage,
      ...(requestId ? { requestId } : {}),
      ...(err.fields ? { fields: err.fields } : {}),
    },
  };
}

/** 403 on a lesson: FORBIDDEN (no access), or NOT_YET_AVAILABLE with when its module opens. */
export const ZLessonForbidden = apiErrorWith({
  availableAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("With NOT_YET_AVAILABLE: when the lesson's module opens (scheduled release)"),
});
