import { describe, expect, it } from "vitest";
import { isoDuration, serializeJsonLd } from "./json-ld";

describe("serializeJsonLd", () => {
  it("cannot be broken out of by data, and parses back to the same value", () => {
    const data = {
      name: "</script><script>alert(1)</script>",
      description: "<!-- a & b --> \u2028 \u2029 ]]>",
      nested: [{ x: "</SCRIPT >" }],
    };
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe("isoDuration", () => {
  it("writes minutes as an ISO 8601 duration", () => {
    expect(isoDuration(750)).toBe("PT12H30M");
    expect(isoDuration(60)).toBe("PT1H");
    expect(isoDuration(45)).toBe("PT45M");
    expect(isoDuration(0)).toBe("PT0M");
  });
});
