import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import { startEarlyInWindow } from "../../../tests/helpers/rate-window";
import { generateCertificateNumber } from "@/lib/certificate-number";
import type { Database } from "../db/client";
import { certificates } from "../db/schema";
import { createCourse, createUser } from "../db/seed/factories";
import { handleApiRequest } from "../http/execute";
import { allOperations } from "../http/registry";
import { CERTIFICATE_LOOKUPS } from "./api";
import { certificatePdfCache, createCertificatePdfCache } from "./certificate-pdf-cache";
import type { PublicCertificate } from "./certificates";

const CERT: PublicCertificate = {
  certificateNumber: "AIW-2026-7K3F-9QXD-2M4C",
  holderName: "Łukasz Żółć",
  courseTitle: "Building LLM Applications",
  courseSlug: "building-llm-applications",
  issuedAt: new Date("2026-11-27T00:00:00Z"),
  status: "valid",
};
const URL_OF = (n: string) => `http://localhost:3000/certificates/${n}`;

/** A stand-in renderer that counts its calls and answers `size` bytes naming what it drew. */
function countingRenderer(size = 1000) {
  const calls: PublicCertificate[] = [];
  const render = async (cert: PublicCertificate) => {
    calls.push(cert);
    await new Promise((r) => setTimeout(r, 5));
    const bytes = new Uint8Array(size);
    bytes.set(new TextEncoder().encode(`${cert.certificateNumber} ${cert.status} ${cert.holderName}`));
    return bytes;
  };
  return { calls, render };
}

describe("the certificate PDF cache", () => {
  it("renders a certificate once and answers the second request from memory", async () => {
    const { calls, render } = countingRenderer();
    const cache = createCertificatePdfCache({ maxEntries: 10, maxBytes: 1_000_000 }, render);
    const first = await cache.get(CERT, URL_OF(CERT.certificateNumber));
    const second = await cache.get({ ...CERT }, URL_OF(CERT.certificateNumber));
    expect(calls).toHaveLength(1);
    expect(second).toBe(first);
  });

  it("renders again after a revocation, a changed snapshot or a changed address, keeping one entry per certificate", async () => {
    const { calls, render } = countingRenderer();
    const cache = createCertificatePdfCache({ maxEntries: 10, maxBytes: 1_000_000 }, render);
    const url = URL_OF(CERT.certificateNumber);
    await cache.get(CERT, url);
    const revoked = await cache.get({ ...CERT, status: "revoked" }, url);
    expect(calls.map((c) => c.status)).toEqual(["valid", "revoked"]);
    expect(new TextDecoder().decode(revoked)).toContain("revoked");
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 1000 });
    await cache.get({ ...CERT, status: "revoked" }, url);
    expect(calls).toHaveLength(2);
    await cache.get({ ...CERT, holderName: "Lukasz Zolc" }, url);
    await cache.get({ ...CERT, courseTitle: "Another title" }, url);
    await cache.get(CERT, "https://learn.example.com/certificates/x");
    expect(calls).toHaveLength(5);
    expect(cache.stats().entries).toBe(1);
  });

  it("renders once for concurrent requests", async () => {
    const { calls, render } = countingRenderer();
    const cache = createCertificatePdfCache({ maxEntries: 10, maxBytes: 1_000_000 }, render);
    const url = URL_OF(CERT.certificateNumber);
    const answers = await Promise.all([1, 2, 3, 4].map(() => cache.get(CERT, url)));
    expect(calls).toHaveLength(1);
    expect(new Set(answers).size).toBe(1);
  });

  it("is bounded by entries and by bytes, dropping the least recently used", async () => {
    const { calls, render } = countingRenderer(1000);
    const cert = (n: number) => ({ ...CERT, certificateNumber: `N-${n}` });
    const byEntries = createCertificatePdfCache({ maxEntries: 2, maxBytes: 1_000_000 }, render);
    await byEntries.get(cert(1), "u");
    await byEntries.get(cert(2), "u");
    await byEntries.get(cert(1), "u"); // 1 is now the most recent
    await byEntries.get(cert(3), "u"); // evicts 2
    expect(byEntries.stats()).toMatchObject({ entries: 2, bytes: 2000 });
    calls.length = 0;
    await byEntries.get(cert(1), "u");
    expect(calls).toHaveLength(0);
    await byEntries.get(cert(2), "u");
    expect(calls).toHaveLength(1);

    const byBytes = createCertificatePdfCache({ maxEntries: 100, maxBytes: 2500 }, render);
    for (const n of [1, 2, 3, 4]) await byBytes.get(cert(n), "u");
    expect(byBytes.stats()).toMatchObject({ entries: 2, bytes: 2000 });
    const tooBig = createCertificatePdfCache({ maxEntries: 100, maxBytes: 500 }, render);
    await tooBig.get(cert(1), "u");
    expect(tooBig.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("does not keep a failed render", async () => {
    let fail = true;
    const cache = createCertificatePdfCache({ maxEntries: 10, maxBytes: 1_000_000 }, async () => {
      if (fail) throw new Error("font missing");
      return new Uint8Array(10);
    });
    await expect(cache.get(CERT, "u")).rejects.toThrow("font missing");
    fail = false;
    await expect(cache.get(CERT, "u")).resolves.toHaveLength(10);
  });
});

describe("GET /certificates/{number}/pdf", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  async function download(number: string) {
    const out = await handleApiRequest(
      allOperations,
      {
        method: "GET",
        url: `/certificates/${number}/pdf`,
        header: () => null,
        text: async () => "",
        info: { requestId: "t", ip: "192.0.2.7", userAgent: "vitest", header: () => null },
      },
      { db: async () => database.db, actor: async () => null, appUrl: "http://localhost:3000" },
    );
    expect(out.status).toBe(200);
    expect(out.headers["content-type"]).toBe("application/pdf");
    return out.body as Uint8Array;
  }

  it("renders a certificate once, and again after it is revoked, which the PDF then says", async () => {
    const holder = await createUser(database.db, { name: "Zoë Cache" });
    const course = await createCourse(database.db, { published: true });
    const number = generateCertificateNumber(2026);
    await database.db.insert(certificates).values({
      userId: holder.id,
      courseId: course.id,
      certificateNumber: number,
      holderName: "Zoë Cache",
      courseTitle: course.title,
    });

    const before = certificatePdfCache.stats().renders;
    const first = await download(number);
    const second = await download(number);
    expect(certificatePdfCache.stats().renders - before).toBe(1);
    // pdf-lib stamps the creation time, so equal bytes mean the second answer was not rendered again.
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect((await PDFDocument.load(first)).getTitle()).toBe(`Certificate ${number}`);

    await database.db
      .update(certificates)
      .set({ revokedAt: new Date() })
      .where(eq(certificates.certificateNumber, number));
    const revoked = await download(number);
    expect(certificatePdfCache.stats().renders - before).toBe(2);
    expect((await PDFDocument.load(revoked)).getTitle()).toBe(`Certificate ${number} (revoked)`);
  });
});

describe("certificate lookups per client", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it(
    "share one budget of 60 a minute across the PDF, the API and the page, per client address",
    {
      timeout: 60_000,
    },
    async () => {
      const get = (url: string, ip: string) =>
        handleApiRequest(
          allOperations,
          {
            method: "GET",
            url,
            header: () => null,
            text: async () => "",
            info: { requestId: "t", ip, userAgent: "vitest", header: () => null },
          },
          { db: async () => database.db, actor: async () => null, appUrl: "http://localhost:3000" },
        );
      const unknown = "AIW-2026-0000-0000-0000";
      await startEarlyInWindow(CERTIFICATE_LOOKUPS.windowSeconds);
      for (let i = 0; i < 30; i++)
        expect((await get(`/certificates/${unknown}/pdf`, "198.51.100.1")).status).toBe(404);
      for (let i = 0; i < 30; i++)
        expect((await get(`/api/v1/certificates/${unknown}`, "198.51.100.1")).status).toBe(404);
      const limited = await get(`/certificates/${unknown}/pdf`, "198.51.100.1");
      expect(limited.status).toBe(429);
      expect(limited.headers["retry-after"]).toBe("60");
      expect((await get(`/certificates/${unknown}/pdf`, "198.51.100.2")).status).toBe(404);
    },
  );
});
