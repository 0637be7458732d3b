export const REQUEST_ID_HEADER = "x-request-id";

const PLAUSIBLE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps an upstream proxy's request id when it looks sane; otherwise makes a new one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && PLAUSIBLE.test(given) ? given : crypto.randomUUID();
}
