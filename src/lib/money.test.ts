import { describe, expect, it } from "vitest";
import {
  currencySymbol,
  formatMoney,
  formatPrice,
  fromMajorUnits,
  isSupportedCurrency,
  minorDigits,
  parseMoneyInput,
  toMajorUnits,
} from "./money";

describe("money", () => {
  it("knows each currency's minor units", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
  });

  it("formats from minor units", () => {
    expect(formatMoney(4999, "USD")).toBe("$49.99");
    expect(formatMoney(0, "USD")).toBe("$0.00");
    expect(formatMoney(4900, "EUR")).toBe("€49.00");
    expect(formatMoney(4900, "JPY")).toBe("¥4,900");
    expect(formatMoney(1234, "KWD")).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney(123456789, "USD")).toBe("$1,234,567.89");
  });

  it("calls a zero price free", () => {
    expect(formatPrice(0, "USD")).toBe("Free");
    expect(formatPrice(1, "USD")).toBe("$0.01");
  });

  it("converts between minor and major units exactly", () => {
    expect(toMajorUnits(4999, "USD")).toBe("49.99");
    expect(toMajorUnits(5, "USD")).toBe("0.05");
    expect(toMajorUnits(4900, "JPY")).toBe("4900");
    expect(toMajorUnits(1005, "KWD")).toBe("1.005");
    expect(fromMajorUnits(49, "USD")).toBe(4900);
    expect(fromMajorUnits(49, "JPY")).toBe(49);
    expect(fromMajorUnits(2, "KWD")).toBe(2000);
  });

  it("parses what people type", () => {
    expect(parseMoneyInput("49", "USD")).toEqual({ ok: true, minor: 4900 });
    expect(parseMoneyInput(" 49.9 ", "USD")).toEqual({ ok: true, minor: 4990 });
    expect(parseMoneyInput("49.99", "EUR")).toEqual({ ok: true, minor: 4999 });
    expect(parseMoneyInput("0", "USD")).toEqual({ ok: true, minor: 0 });
    expect(parseMoneyInput("4900", "JPY")).toEqual({ ok: true, minor: 4900 });
    expect(parseMoneyInput("1.234", "KWD")).toEqual({ ok: true, minor: 1234 });
  });

  it("never meets a floating-point error", () => {
    // 0.1 + 0.2 !== 0.3 in floats; 1.15 * 100 === 114.99999999999999, 4.35 * 100 === 434.99999999999994
    expect(parseMoneyInput("0.30", "USD")).toEqual({ ok: true, minor: 30 });
    expect(parseMoneyInput("1.15", "USD")).toEqual({ ok: true, minor: 115 });
    expect(parseMoneyInput("4.35", "USD")).toEqual({ ok: true, minor: 435 });
    expect(parseMoneyInput("19999.99", "USD")).toEqual({ ok: true, minor: 1999999 });
  });

  it("refuses more decimals than the currency has", () => {
    const usd = parseMoneyInput("12.345", "USD");
    expect(usd.ok).toBe(false);
    if (!usd.ok) expect(usd.message).toBe("Enter a price like 49 or 49.99 (at most 2 decimals)");
    const jpy = parseMoneyInput("12.5", "JPY");
    expect(jpy.ok).toBe(false);
    if (!jpy.ok) expect(jpy.message).toContain("whole units");
    expect(parseMoneyInput("1.2345", "KWD").ok).toBe(false);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "abc", "-1", "+1", "1e3", "1,000", "$5", ".5", "Infinity", "NaN"]) {
      expect(parseMoneyInput(text, "USD").ok, text).toBe(false);
    }
    expect(parseMoneyInput("99999999999", "USD")).toEqual({ ok: false, message: "That price is too large" });
  });

  it("knows the symbol and which currencies it can hold", () => {
    expect(currencySymbol("USD")).toBe("$");
    expect(currencySymbol("EUR")).toBe("€");
    expect(isSupportedCurrency("JPY")).toBe(true);
    expect(isSupportedCurrency("KWD")).toBe(true);
    expect(isSupportedCurrency("usd")).toBe(false);
    expect(isSupportedCurrency("CLF")).toBe(false); // 4 decimals
  });
});
