/**
 * Money is an integer number of the currency's minor units (cents for USD, yen for JPY, fils for KWD) of one
 * ISO 4217 currency. The number of decimals comes from the currency itself (Intl), never an assumed 100;
 * parsing is done on the digits, never through floating-point arithmetic.
 */

/** The most decimals the platform handles (KWD, BHD, JOD, OMR, TND have 3). */
export const MAX_MINOR_DIGITS = 3;

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formatters.set(currency, f);
  }
  return f;
}

/** How many decimals the currency's minor unit has: USD 2, JPY 0, KWD 3. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Whether the platform can hold prices in this currency (a known ISO code with at most 3 decimals). */
export function isSupportedCurrency(currency: string): boolean {
  if (!/^[A-Z]{3}$/.test(currency)) return false;
  try {
    const resolved = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions();
    return resolved.currency === currency && (resolved.maximumFractionDigits ?? 2) <= MAX_MINOR_DIGITS;
  } catch {
    return false;
  }
}

/** Minor units → major units as a decimal string, exactly: (4999, USD) → "49.99", (1234, KWD) → "1.234". */
export function toMajorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Whole major units → minor units: (49, USD) → 4900, (49, JPY) → 49. Integer arithmetic only. */
export function fromMajorUnits(major: number, currency: string): number {
  if (!Number.isSafeInteger(major))
    throw new RangeError("fromMajorUnits takes whole units; parse text with parseMoneyInput");
  return major * 10 ** minorDigits(currency);
}

/** An amount as money, zero included ("$0.00"): ranges, filters, receipts. */
export function formatMoney(minor: number, currency: string): string {
  // Intl formats a decimal string exactly (no float division): "49.99" stays 49.99.
  return formatter(currency).format(toMajorUnits(minor, currency) as unknown as number);
}

/** A course price: "Free" for 0, else the amount ("$49.99", "¥4,900", "KWD 1.250"). */
export function formatPrice(minor: number, currency: string): string {
  return minor === 0 ? "Free" : formatMoney(minor, currency);
}

/** The currency's symbol: USD → "$", EUR → "€", CHF → "CHF". */
export function currencySymbol(currency: string): string {
  return (
    formatter(currency)
      .formatToParts(0)
      .find((p) => p.type === "currency")?.value ?? currency
  );
}

/** What a person should type: "49 or 49.99", "4900", "1 or 1.250". */
export function moneyInputExample(currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return "4900";
  return `49 or 49.${"99".padEnd(digits, "0")}`;
}

export type MoneyInput = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Text typed as an amount in major units → minor units, exactly. "49", "49.9", "49.99" for USD; "4900" for
 * JPY; "1.234" for KWD. Refuses more decimals than the currency has, negatives, signs, exponents and
 * separators ("1,000"), and amounts beyond what an integer column holds.
 */
export function parseMoneyInput(text: string, currency: string): MoneyInput {
  const digits = minorDigits(currency);
  const trimmed = text.trim();
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(trimmed);
  const refuse = (): MoneyInput => ({
    ok: false,
    message:
      digits === 0
        ? `Enter a price in whole units, like ${moneyInputExample(currency)} (${currency} has no decimals)`
        : `Enter a price like ${moneyInputExample(currency)} (at most ${digits} decimal${digits === 1 ? "" : "s"})`,
  });
  if (!match) return refuse();
  const [, whole, fraction = ""] = match;
  if (fraction.length > digits || (trimmed.endsWith(".") && digits === 0)) return refuse();
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor) || minor > 2_147_483_647) {
    return { ok: false, message: "That price is too large" };
  }
  return { ok: true, minor };
}
