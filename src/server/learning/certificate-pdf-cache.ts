import "server-only";
import { createHash } from "node:crypto";
import { renderCertificatePdf } from "./certificate-pdf";
import type { PublicCertificate } from "./certificates";

type Render = (cert: PublicCertificate, verificationUrl: string) => Promise<Uint8Array>;

export interface CertificatePdfCache {
  /** The certificate's PDF: from memory when this exact certificate was rendered before, else rendered now. */
  get(cert: PublicCertificate, verificationUrl: string): Promise<Uint8Array>;
  stats(): { entries: number; bytes: number; renders: number; hits: number };
}

/**
 * Everything the PDF draws: a revocation, a corrected name or title, another APP_URL each make another key.
 * (courseSlug is not drawn.)
 */
function keyOf(cert: PublicCertificate, verificationUrl: string): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        cert.certificateNumber,
        cert.status,
        cert.holderName,
        cert.courseTitle,
        cert.issuedAt.toISOString(),
        verificationUrl,
      ]),
    )
    .digest("base64url");
}

/**
 * Rendered certificate PDFs in memory, one entry per certificate number (a newer snapshot replaces the older),
 * least recently used dropped first once either bound is passed; concurrent requests for the same key share
 * one render. Per process: each instance renders a certificate once. The lookup that builds `cert` still runs
 * on every request, so a revocation is seen at once.
 */
export function createCertificatePdfCache(
  limits: { maxEntries: number; maxBytes: number },
  render: Render = renderCertificatePdf,
): CertificatePdfCache {
  // Map order is recency order: the first entry is the least recently used.
  const entries = new Map<string, { key: string; pdf: Uint8Array }>();
  const inFlight = new Map<string, Promise<Uint8Array>>();
  let bytes = 0;
  let renders = 0;
  let hits = 0;

  function remove(number: string) {
    const entry = entries.get(number);
    if (!entry) return;
    entries.delete(number);
    bytes -= entry.pdf.byteLength;
  }

  function store(number: string, key: string, pdf: Uint8Array) {
    if (pdf.byteLength > limits.maxBytes) return;
    remove(number);
    entries.set(number, { key, pdf });
    bytes += pdf.byteLength;
    while (entries.size > limits.maxEntries || bytes > limits.maxBytes) {
      remove(entries.keys().next().value!);
    }
  }

  return {
    async get(cert, verificationUrl) {
      const number = cert.certificateNumber;
      const key = keyOf(cert, verificationUrl);
      const entry = entries.get(number);
      if (entry?.key === key) {
        entries.delete(number);
        entries.set(number, entry);
        hits += 1;
        return entry.pdf;
      }
      if (entry) remove(number);
      const pending = inFlight.get(key);
      if (pending) {
        hits += 1;
        return pending;
      }
      renders += 1;
      const rendering = render(cert, verificationUrl)
        .then((pdf) => {
          store(number, key, pdf);
          return pdf;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, rendering);
      return rendering;
    },
    stats: () => ({ entries: entries.size, bytes, renders, hits }),
  };
}

/** The process's cache: certificates are 10–150 kB, so at most 16 MB. */
export const certificatePdfCache = createCertificatePdfCache({ maxEntries: 500, maxBytes: 16 * 1024 * 1024 });
