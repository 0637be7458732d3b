export const REQUEST_ID_HEADER = "x-request-id";

const PLAUSIBLE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps an upstream proxy's request id when it looks sane; otherwise makes a new one. */
export function requestIdFromValue(given: string | null | undefined): string {
  return given && PLAUSIBLE.test(given) ? given : crypto.randomUUID();
}

export function requestIdFrom(headers: Headers): string {
  return requestIdFromValue(headers.get(REQUEST_ID_HEADER));
}
