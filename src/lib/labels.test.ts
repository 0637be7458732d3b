import { describe, expect, it } from "vitest";
import { paymentMethodLabel, sentenceCase } from "./labels";

describe("labels", () => {
  it("writes enum values as words in sentence case", () => {
    expect(sentenceCase("IN_PROGRESS")).toBe("In progress");
    expect(sentenceCase("ADMIN")).toBe("Admin");
    expect(sentenceCase("")).toBe("");
  });

  it("names payment methods in words", () => {
    expect(paymentMethodLabel("stripe")).toBe("card (Stripe)");
    expect(paymentMethodLabel("other")).toBe("other");
  });
});
