import "server-only";
import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import type { PublicCertificate } from "./certificates";

// Noto Sans SC covers Latin (with every European accent), Greek, Cyrillic and CJK, so any name of those
// scripts renders ("Łukasz Żółć", "李小龙"). It is read once and subset into each PDF (a few kB per PDF).
let fontBytes: Buffer | undefined;
function font(): Buffer {
  fontBytes ??= fs.readFileSync(
    path.join(
      process.cwd(),
      "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
    ),
  );
  return fontBytes;
}

const BRAND = rgb(0.31, 0.27, 0.9);
const INK = rgb(0.06, 0.09, 0.16);
const MUTED = rgb(0.39, 0.45, 0.55);

/** A one-page A4 landscape certificate. */
export async function renderCertificatePdf(
  cert: PublicCertificate,
  verificationUrl: string,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Certificate ${cert.certificateNumber}`);
  pdf.setAuthor("AI Whisperers");
  pdf.setSubject(`${cert.holderName} completed ${cert.courseTitle}`);
  const f = await pdf.embedFont(font(), { subset: true });
  const page = pdf.addPage([842, 595]);
  const { width, height } = page.getSize();
  const centered = (text: string, y: number, size: number, color = INK) => {
    let s = size;
    while (f.widthOfTextAtSize(text, s) > width - 120 && s > 10) s -= 1;
    page.drawText(text, { x: (width - f.widthOfTextAtSize(text, s)) / 2, y, size: s, font: f, color });
  };
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
    opacity: 0,
  });
  centered("AI WHISPERERS", height - 110, 16, BRAND);
  centered("Certificate of completion", height - 160, 34);
  centered("This certifies that", height - 215, 14, MUTED);
  centered(cert.holderName, height - 265, 32);
  centered("has completed the course", height - 310, 14, MUTED);
  centered(cert.courseTitle, height - 355, 24);
  const issued = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    cert.issuedAt,
  );
  centered(`Issued ${issued}`, height - 410, 13, MUTED);
  centered(`Certificate ${cert.certificateNumber}`, 110, 12, INK);
  centered(`Verify at ${verificationUrl}`, 88, 10, MUTED);
  if (cert.status === "revoked") centered("REVOKED", height / 2, 60, rgb(0.8, 0.1, 0.1));
  return pdf.save();
}
