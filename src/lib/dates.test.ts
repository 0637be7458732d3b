import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeOrDash, formatLongDate } from "./dates";

describe("dates", () => {
  const d = new Date("2026-11-27T14:05:09Z");
  it("prints a date in UTC, whatever the server's zone", () => {
    expect(formatDate(d)).toBe("27 Nov 2026");
    expect(formatDate(new Date("2026-11-27T23:59:00-05:00"))).toBe("28 Nov 2026");
    expect(formatLongDate(d)).toBe("27 November 2026");
  });
  it("prints a date and time labelled UTC", () => {
    expect(formatDateTime(d)).toBe("27 Nov 2026, 14:05 UTC");
    expect(formatDateTimeOrDash(null)).toBe("—");
  });
});
