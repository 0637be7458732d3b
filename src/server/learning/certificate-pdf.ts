import "server-only";
import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { encode as encodeQr } from "uqr";
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import subsetFont from "subset-font";
import type { PublicCertificate } from "./certificates";

/**
 * Fonts are tried in order for each character: Noto Sans subsets (Latin with every European accent, Greek,
 * Cyrillic, Vietnamese), then Noto Sans SC (CJK). Each is subset into the PDF, so it stays small. Scripts
 * that need shaping (Arabic, Indic) are not covered (docs/decisions.md).
 */
const FONT_FILES = [
  "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff",
  "@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff",
  "@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff",
  "@fontsource/noto-sans/files/noto-sans-greek-ext-400-normal.woff",
  "@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff",
  "@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff",
  "@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff",
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
];

interface LoadedFont {
  bytes: Buffer;
  has: (codePoint: number) => boolean;
}

let fonts: LoadedFont[] | undefined;
function fontStack(): LoadedFont[] {
  fonts ??= FONT_FILES.map((f) => {
    const bytes = fs.readFileSync(path.join(process.cwd(), "node_modules", f));
    const parsed = fontkit.create(bytes) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    return { bytes, has: (cp: number) => parsed.hasGlyphForCodePoint(cp) };
  });
  return fonts;
}

/** The index of the first font with a glyph for this character (the last font when none has one). */
export function fontIndexFor(ch: string): number {
  const cp = ch.codePointAt(0)!;
  const i = fontStack().findIndex((f) => f.has(cp));
  return i === -1 ? fontStack().length - 1 : i;
}

/** True when every character of the text has a glyph in some font of the stack. */
export function canRender(text: string): boolean {
  return [...text].every((ch) => /\s/.test(ch) || fontStack().some((f) => f.has(ch.codePointAt(0)!)));
}

const BRAND = rgb(0.31, 0.27, 0.9);
const INK = rgb(0.06, 0.09, 0.16);
const MUTED = rgb(0.39, 0.45, 0.55);

interface Line {
  text: string;
  y: number;
  size: number;
  color: RGB;
}

/** A one-page A4 landscape certificate. */
export async function renderCertificatePdf(
  cert: PublicCertificate,
  verificationUrl: string,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Certificate ${cert.certificateNumber}${cert.status === "revoked" ? " (revoked)" : ""}`);
  pdf.setAuthor("AI Whisperers");
  pdf.setSubject(`${cert.holderName} completed ${cert.courseTitle}`);
  const page = pdf.addPage([842, 595]);
  const { width, height } = page.getSize();
  const issued = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    cert.issuedAt,
  );
  const lines: Line[] = [
    { text: "AI WHISPERERS", y: height - 110, size: 16, color: BRAND },
    { text: "Certificate of completion", y: height - 160, size: 34, color: INK },
    { text: "This certifies that", y: height - 215, size: 14, color: MUTED },
    { text: cert.holderName, y: height - 265, size: 32, color: INK },
    { text: "has completed the course", y: height - 310, size: 14, color: MUTED },
    { text: cert.courseTitle, y: height - 355, size: 24, color: INK },
    { text: `Issued ${issued}`, y: height - 410, size: 13, color: MUTED },
    { text: `Certificate ${cert.certificateNumber}`, y: 110, size: 12, color: INK },
    { text: `Verify at ${verificationUrl}`, y: 88, size: 10, color: MUTED },
    ...(cert.status === "revoked"
      ? [{ text: "REVOKED", y: height / 2, size: 60, color: rgb(0.8, 0.1, 0.1) }]
      : []),
  ];
  // Each character goes to the first font that has it; each font is cut down (by HarfBuzz) to exactly the
  // characters it draws and embedded whole: a few kB per font, every glyph present.
  const runsPerLine = lines.map((l) => splitRuns(l.text));
  const charsPerFont = new Map<number, Set<string>>();
  for (const runs of runsPerLine) {
    for (const r of runs) {
      const set = charsPerFont.get(r.font) ?? new Set<string>();
      for (const ch of r.text) set.add(ch);
      charsPerFont.set(r.font, set);
    }
  }
  const embedded = new Map<number, PDFFont>();
  for (const [i, chars] of charsPerFont) {
    const subset = await subsetFont(fontStack()[i]!.bytes, [...chars].join(""), { targetFormat: "truetype" });
    // No ligatures: each character is its own glyph, so widths and drawing agree.
    embedded.set(
      i,
      await pdf.embedFont(subset, { subset: false, features: { liga: false, clig: false, dlig: false } }),
    );
  }

  page.drawRectangle({
    x: 24,
    y: 24,
    width: width - 48,
    height: height - 48,
    borderColor: BRAND,
    borderWidth: 3,
  });
  page.drawRectangle({
    x: 34,
    y: 34,
    width: width - 68,
    height: height - 68,
    borderColor: BRAND,
    borderWidth: 0.75,
  });
  lines.forEach((line, n) => drawCentered(page, runsPerLine[n]!, embedded, line, width));
  // A QR code of the verification page in the lower right corner, inside the frame (quiet zone included).
  const side = 78;
  const { size, runs } = qrRuns(verificationUrl);
  const cell = side / size;
  const left = width - 34 - 14 - side;
  const top = 34 + 14 + side;
  for (const r of runs) {
    page.drawRectangle({
      x: left + r.x * cell,
      y: top - (r.y + 1) * cell,
      width: r.length * cell,
      height: cell,
      color: INK,
    });
  }
  return pdf.save();
}

/**
 * The dark modules of a QR code (error correction M) as horizontal runs: one rectangle per run keeps the
 * PDF small. Row 0 is the top.
 */
export function qrRuns(text: string): { size: number; runs: { x: number; y: number; length: number }[] } {
  const { size, data } = encodeQr(text, { ecc: "M", border: 0 });
  const runs: { x: number; y: number; length: number }[] = [];
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let end = x;
      while (end + 1 < size && row[end + 1]) end++;
      runs.push({ x, y, length: end - x + 1 });
      x = end;
    }
  });
  return { size, runs };
}

/** Splits text into runs of characters drawn by the same font (spaces stay with the run they are in). */
function splitRuns(text: string): { text: string; font: number }[] {
  const runs: { text: string; font: number }[] = [];
  for (const ch of text) {
    const last = runs.at(-1);
    const font = /\s/.test(ch) && last ? last.font : fontIndexFor(ch);
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}

/** Draws the runs centred on the page, shrinking the size until the line fits. */
function drawCentered(
  page: PDFPage,
  runs: { text: string; font: number }[],
  fonts: Map<number, PDFFont>,
  line: Line,
  pageWidth: number,
) {
  const widthAt = (s: number) =>
    runs.reduce((w, r) => w + fonts.get(r.font)!.widthOfTextAtSize(r.text, s), 0);
  let size = line.size;
  while (widthAt(size) > pageWidth - 120 && size > 8) size -= 1;
  let x = (pageWidth - widthAt(size)) / 2;
  for (const r of runs) {
    const font = fonts.get(r.font)!;
    page.drawText(r.text, { x, y: line.y, size, font, color: line.color });
    x += font.widthOfTextAtSize(r.text, size);
  }
}
