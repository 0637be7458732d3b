import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { canRender, renderCertificatePdf } from "./certificate-pdf";

const NAMES = [
  "Łukasz Żółć",
  "李小龙",
  "Zoë O'Brien-Ñúñez",
  "Дмитрий Шостакович",
  "Αλέξανδρος",
  "Nguyễn Thị Minh Khai",
  "Łukasz 李小龙",
];

describe("certificate PDF", () => {
  it.each(NAMES)(
    "renders %s with a glyph for every character, in a small one-page PDF",
    async (holderName) => {
      expect(canRender(holderName)).toBe(true);
      const bytes = await renderCertificatePdf(
        {
          certificateNumber: "AIW-2026-7K3F-9QXD-2M4C",
          holderName,
          courseTitle: "Building LLM Applications",
          courseSlug: "x",
          issuedAt: new Date("2026-11-27T00:00:00Z"),
          status: "valid",
        },
        "http://localhost:3000/certificates/AIW-2026-7K3F-9QXD-2M4C",
      );
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
      expect(bytes.length).toBeLessThan(150_000);
      const doc = await PDFDocument.load(bytes);
      expect(doc.getPageCount()).toBe(1);
      expect(doc.getSubject()).toContain(holderName);
    },
  );

  it("does not claim scripts it cannot draw", () => {
    expect(canRender("محمد")).toBe(false);
  });
});
