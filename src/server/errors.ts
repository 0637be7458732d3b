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
  /** A lesson of a module that opens later (scheduled release); `availableAt` says when. */
  NOT_YET_AVAILABLE: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  /** A quiz (or another assessment) completes this lesson: it cannot be marked complete by hand. */
  ASSESSMENT_REQUIRED: 409,
  /** The course requires other courses first; `missing` lists them. */
  PREREQUISITES_NOT_MET: 409,
  /** An upload larger than its limit (the rest of the body is read and dropped first). */
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_INPUT: 422,
  /** A coupon that cannot be used for this checkout; `reason` (one of COUPON_REASONS) says why. */
  COUPON_INVALID: 422,
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
  /** Sent beside `error` in the API's body (e.g. the open attempt with a 409), never to a server action. */
  readonly details?: Record<string, unknown>;
  /** Sent inside `error` in the API's body, beside code and message (a coupon's refusal reason). */
  readonly errorDetails?: Record<string, unknown>;
  /** Response headers the API adds (WWW-Authenticate with a refused bearer token). */
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    opts: {
      message?: string;
      userMessage: string;
      fields?: FieldIssue[];
      details?: Record<string, unknown>;
      errorDetails?: Record<string, unknown>;
      headers?: Record<string, string>;
      cause?: unknown;
    },
  ) {
    super(opts.message ?? opts.userMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = opts.userMessage;
    this.fields = opts.fields;
    this.details = opts.details;
    this.errorDetails = opts.errorDetails;
    this.headers = opts.headers;
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

export const UNAVAILABLE_MESSAGE = "The service is briefly unavailable. Please try again in a few seconds.";

/** 503 with Retry-After (the HTTP layer adds it): the database could not be reached. */
export const unavailable = (cause?: unknown) =>
  new AppError("UNAVAILABLE", { userMessage: UNAVAILABLE_MESSAGE, cause });

/** Socket-level failures reaching the database server. */
const UNREACHABLE_ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EAI_AGAIN",
]);
/** SQLSTATEs of a server that is going away, coming back, or full: 08 connection exception, 57P01 admin
 * shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down), 53300 too many
 * connections. */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** node-postgres's own messages for a connection lost, never made, or not granted by the pool in time. */
const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/**
 * True when an error (from either driver, wrapped by Drizzle or not) means the database could not be reached
 * or dropped the connection — the outage is the server's, not a bug: answer 503 and let the client retry.
 * Looks through `cause` chains and AggregateError's `errors` (Node reports one failed connect per address).
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== "object" || depth > 6 || seen.has(e)) return false;
    seen.add(e);
    const c = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof c.code === "string" && (UNREACHABLE_ERRNO.has(c.code) || UNREACHABLE_SQLSTATE.test(c.code))) {
      return true;
    }
    // Not Drizzle's wrapper: its message quotes the query's parameters, which users choose.
    const message = typeof c.message === "string" && !c.message.startsWith("Failed query:") ? c.message : "";
    if (UNREACHABLE_MESSAGE.test(message)) return true;
    if (Array.isArray(c.errors) && c.errors.some((x) => visit(x, depth + 1))) return true;
    return visit(c.cause, depth + 1);
  };
  return visit(err, 0);
}
