import { randomInt } from "node:crypto";

/**
 * Certificate numbers: AIW-<year>-XXXX-XXXX-XXXC. Crockford's base-32 alphabet (no I, L, O or U: easy to read
 * aloud and hard to misread), 11 random characters (55 bits: unguessable) and a Damm check character over
 * GF(32) (x ∘ y = 2x + y, a totally anti-symmetric quasigroup): it catches every single mistyped character
 * and every swap of two neighbouring characters.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Multiplication by 2 in GF(32) with the polynomial x⁵ + x² + 1. */
const times2 = (x: number) => ((x << 1) ^ (x & 0x10 ? 0x25 : 0)) & 0x1f;

function damm(chars: string): number {
  let interim = 0;
  for (const ch of chars) interim = times2(interim) ^ ALPHABET.indexOf(ch);
  return interim;
}

function checkChar(payload: string): string {
  // The character d with 2·interim + d = 0, i.e. d = 2·interim (addition is XOR).
  return ALPHABET[times2(damm(payload))]!;
}

const N = ALPHABET.length;

export function generateCertificateNumber(year: number, random: (max: number) => number = randomInt): string {
  const body = Array.from({ length: 11 }, () => ALPHABET[random(N)]).join("");
  const full = body + checkChar(`${year}${body}`);
  return `AIW-${year}-${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8)}`;
}

/** Normalises what a person typed (case, spaces, the letters people confuse with digits). */
export function normalizeCertificateNumber(input: string): string {
  const compact = input.toUpperCase().replace(/\s+/g, "");
  if (!compact.startsWith("AIW-")) return compact;
  return "AIW-" + compact.slice(4).replace(/O/g, "0").replace(/[IL]/g, "1");
}

const FORMAT = /^AIW-(\d{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$/;

/** True when the number has the right shape and its check character matches (before any lookup). */
export function isValidCertificateNumber(number: string): boolean {
  const m = FORMAT.exec(number);
  if (!m) return false;
  return damm(`${m[1]}${m[2]}${m[3]}${m[4]}`) === 0;
}
