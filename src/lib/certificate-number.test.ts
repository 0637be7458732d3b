import { describe, expect, it } from "vitest";
import {
  generateCertificateNumber,
  isValidCertificateNumber,
  normalizeCertificateNumber,
} from "./certificate-number";

describe("certificate numbers", () => {
  it("look like AIW-2026-XXXX-XXXX-XXXX and validate", () => {
    for (let i = 0; i < 200; i++) {
      const n = generateCertificateNumber(2026);
      expect(n).toMatch(/^AIW-2026-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(n.slice(4)).not.toMatch(/[ILOU]/);
      expect(isValidCertificateNumber(n)).toBe(true);
    }
  });

  it("catch every single mistyped character and every swap of neighbours", () => {
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (let k = 0; k < 200; k++) {
      const n = generateCertificateNumber(2026);
      const positions = [...n].map((c, i) => (/[0-9A-Z]/.test(c) && i > 8 ? i : -1)).filter((i) => i >= 0);
      for (const i of positions) {
        for (const c of alphabet) {
          if (c === n[i]) continue;
          expect(isValidCertificateNumber(n.slice(0, i) + c + n.slice(i + 1))).toBe(false);
        }
      }
      for (let j = 0; j + 1 < positions.length; j++) {
        const [a, b] = [positions[j]!, positions[j + 1]!];
        if (b !== a + 1 || n[a] === n[b]) continue;
        const swapped = n.slice(0, a) + n[b] + n[a] + n.slice(b + 1);
        expect(isValidCertificateNumber(swapped)).toBe(false);
      }
    }
  });

  it("normalises what people type", () => {
    expect(normalizeCertificateNumber(" aiw-2026-7k3f-9qxd-2m4o ")).toBe("AIW-2026-7K3F-9QXD-2M40");
    expect(normalizeCertificateNumber("aiw-2026-ilo0")).toBe("AIW-2026-1100");
  });
});
