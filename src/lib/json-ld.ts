/**
 * JSON for a `<script type="application/ld+json">` element. The HTML parser ends a script element at the
 * first `</script` whatever the type, so `<`, `>` and `&` are written as JSON escapes (\u003c …), as are
 * U+2028/U+2029; the result parses back to exactly the same value.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** ISO 8601 duration of whole minutes: 750 → "PT12H30M". */
export function isoDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (m === 0) return "PT0M";
  return `PT${h ? `${h}H` : ""}${rest ? `${rest}M` : ""}`;
}
