import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeOrDash, formatLongDate, formatMonth } from "./dates";

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

describe("months", () => {
  it("lists the last twelve months in UTC across a year boundary, and fills the quiet ones with zero", async () => {
    const { lastMonths, everyMonth } = await import("./dates");
    const months = lastMonths(12, new Date("2027-02-10T12:00:00Z"));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2026-03");
    expect(months.at(-1)).toBe("2027-02");
    expect(everyMonth([{ label: "2026-12", value: 3 }], months).filter((m) => m.value > 0)).toEqual([
      { label: "2026-12", value: 3 },
    ]);
  });
});

describe("formatMonth", () => {
  it("writes a month key as people read it and leaves other labels alone", () => {
    expect(formatMonth("2026-08")).toBe("Aug 2026");
    expect(formatMonth("2025-12")).toBe("Dec 2025");
    expect(formatMonth("Total")).toBe("Total");
  });
});
