import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "../errors";

/**
 * For pages: a service's NOT_FOUND becomes Next.js's 404 page (a forbidden read looks like not found,
 * DESIGN.md convention 3); anything else propagates to the error page.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
