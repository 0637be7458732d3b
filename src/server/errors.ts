/**
 * One error type for the whole server. Services throw AppError; transport adapters
 * (src/server/http/) map it to a status and a body. Anything else is a bug: logged with
 * context, answered with a generic message.
 */

export const ERROR_STATUS = {
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly fields?: FieldIssue[];

  constructor(
    code: ErrorCode,
    opts: { message?: string; userMessage: string; fields?: FieldIssue[]; cause?: unknown },
  ) {
    super(opts.message ?? opts.userMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = opts.userMessage;
    this.fields = opts.fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const notFound = (what = "This page") =>
  new AppError("NOT_FOUND", { userMessage: `${what} was not found.` });
export const forbidden = (userMessage = "You are not allowed to do that.") =>
  new AppError("FORBIDDEN", { userMessage });
export const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", { userMessage: "Please sign in to continue." });

/** PostgreSQL SQLSTATE of an error thrown by either driver (Drizzle wraps it in `cause`). */
export function pgErrorCode(err: unknown): { code?: string; constraint?: string } {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const candidate = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === "string" ? candidate.constraint : undefined,
      };
    }
    e = candidate.cause;
  }
  return {};
}

export const isUniqueViolation = (err: unknown, constraint?: string) => {
  const { code, constraint: c } = pgErrorCode(err);
  return code === "23505" && (constraint === undefined || c === constraint);
};
