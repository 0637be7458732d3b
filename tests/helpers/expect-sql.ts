import { expect } from "vitest";
import { pgErrorCode } from "../../src/server/errors";

/** Asserts that a write is rejected by the database with this SQLSTATE (and constraint, if given). */
export async function expectSqlState(
  write: Promise<unknown>,
  sqlState: string | string[],
  constraint?: string,
) {
  let error: unknown;
  try {
    await write;
  } catch (e) {
    error = e;
  }
  expect(error, `expected the write to fail with SQLSTATE ${sqlState}`).toBeDefined();
  const { code, constraint: actual } = pgErrorCode(error);
  expect([sqlState].flat()).toContain(code);
  if (constraint && actual !== undefined) expect(actual).toBe(constraint);
}
