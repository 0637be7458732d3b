import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { encode } from "uqr";
import { canRender, qrRuns, renderCertificatePdf } from "./certificate-pdf";

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

  it("draws a QR code of the verification page: its runs rebuild the code module for module", async () => {
    const url = "http://localhost:3000/certificates/AIW-2026-7K3F-9QXD-2M4C";
    const { size, runs } = qrRuns(url);
    const expected = encode(url, { ecc: "M", border: 0 });
    const rebuilt = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const r of runs) for (let x = r.x; x < r.x + r.length; x++) rebuilt[r.y]![x] = true;
    expect(size).toBe(expected.size);
    expect(rebuilt).toEqual(expected.data);
    // One rectangle per run, beside the two frame rectangles, in the page's drawing.
    const bytes = await renderCertificatePdf(
      {
        certificateNumber: "AIW-2026-7K3F-9QXD-2M4C",
        holderName: "Ada Lovelace",
        courseTitle: "Building LLM Applications",
        courseSlug: "x",
        issuedAt: new Date("2026-11-27T00:00:00Z"),
        status: "valid",
      },
      url,
    );
    // The page's drawing (Flate-compressed streams, inflated): one filled path per run (the frames are stroked).
    const raw = Buffer.from(bytes);
    let drawing = "";
    for (let at = raw.indexOf("stream\n"); at !== -1; at = raw.indexOf("stream\n", at + 1)) {
      const end = raw.indexOf("endstream", at);
      try {
        drawing += inflateSync(raw.subarray(at + 7, end)).toString("latin1");
      } catch {
        // not a compressed stream (fonts are checked elsewhere)
      }
    }
    const filled = (drawing.match(/\nh\nf\n/g) ?? []).length;
    expect(filled).toBe(runs.length);
  });
});
