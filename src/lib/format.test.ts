import { describe, expect, it } from "vitest";
import { countOf, formatDuration } from "./format";

describe("countOf", () => {
  it("says one thing in the singular and any other number in the plural", () => {
    expect(countOf(1, "module")).toBe("1 module");
    expect(countOf(0, "lesson")).toBe("0 lessons");
    expect(countOf(2, "lesson")).toBe("2 lessons");
  });
});

describe("formatDuration", () => {
  it("writes minutes, and hours from an hour on", () => {
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(135)).toBe("2 h 15 min");
  });
});
