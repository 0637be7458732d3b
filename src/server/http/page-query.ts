import { isAppError } from "../errors";

/**
 * For list pages driven by the address: a query whose filters do not parse shows the page empty with the
 * reason (never an error page); anything else still throws.
 */
export async function loadOrExplain<T>(
  load: () => Promise<T>,
  empty: T,
): Promise<{ data: T; error: string | null }> {
  try {
    return { data: await load(), error: null };
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID_INPUT") return { data: empty, error: e.userMessage };
    throw e;
  }
}
