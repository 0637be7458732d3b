import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { Readable } from "node:stream";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeUpload, multipart } from "../helpers/multipart";
import { startS3 } from "../helpers/s3";
import { signInViaMailbox } from "./helpers/auth";
import { launchBrowser } from "./helpers/browser";
import type { RunningServer } from "./helpers/server";
import { startE2eServer } from "./helpers/setup";

/**
 * Uploads through the platform's own server, on both storage backends: the body streams through the lean
 * server (never buffered: a 49 MB file reads back byte for byte while the server's memory stays flat), an
 * oversized body is read to its end and answered 413 (never a reset connection), a spoofed type is refused.
 */
const MB = 1024 * 1024;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw HTTP request with a streamed body, so a reset connection shows as an error, not as a status. */
function send(
  url: string,
  opts: { method: string; headers: Record<string, string>; body?: Readable | Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method, headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    if (!opts.body) req.end();
    else if (Buffer.isBuffer(opts.body)) req.end(opts.body);
    else opts.body.pipe(req);
  });
}

/** The server process (scripts/serve.ts under tsx's loader) and its children: the largest resident set. */
function serverRss(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // gone
    }
  }
  let max = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) max = Math.max(max, Number(m[1]) * 1024);
    } catch {
      // gone
    }
  }
  return max;
}

let browser: Browser;
let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  browser = await launchBrowser();
  if (onPostgres) s3 = await startS3();
});
afterAll(async () => {
  await browser?.close();
  await s3?.stop();
});

const onPostgres = Boolean(process.env.DATABASE_URL);
// Object storage is a production setting, and production runs on PostgreSQL: that pass tests it through the
// server (the service tests cover it on both databases).
for (const backend of ["database", "object storage"] as const) {
  describe.skipIf(backend === "object storage" && !onPostgres)(`uploads (${backend})`, () => {
    let server: RunningServer;
    let cookie = "";
    let lessonId = "";
    beforeAll(async () => {
      server = await startE2eServer(backend === "object storage" ? s3.env : {});
      const url = server.url;
      const course = (await (await fetch(`${url}/api/v1/courses/ai-foundations`)).json()) as {
        modules: { lessons: { id: string; lessonType: string }[] }[];
      };
      lessonId = course.modules.flatMap((m) => m.lessons).find((l) => l.lessonType === "ASSIGNMENT")!.id;
      // Ada raises the assignment's limit to the platform's largest (50 MB) and takes ZIP archives too.
      const ada = await signInViaMailbox(await browser.newContext(), url, "ada@example.com");
      const settings = await (
        await ada.request.get(`${url}/api/v1/instructor/lessons/${lessonId}/assignment`)
      ).json();
      const saved = await ada.request.put(`${url}/api/v1/instructor/lessons/${lessonId}/assignment`, {
        headers: { origin: url },
        data: {
          ...settings,
          dueAt: null,
          rubric: settings.rubric,
          maxFileMb: 50,
          allowedTypes: [...settings.allowedTypes, "zip"],
        },
      });
      expect(saved.status()).toBe(200);
      // A new learner enrolls in the free course.
      const nia = await signInViaMailbox(await browser.newContext(), url, "nia@example.com");
      expect(
        (
          await nia.request.post(`${url}/api/v1/courses/ai-foundations/enrollment`, {
            headers: { origin: url },
          })
        ).status(),
      ).toBeLessThan(300);
      cookie = (await nia.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    const filesUrl = () => `${server.url}/api/v1/lessons/${lessonId}/assignment/files`;
    const headers = (contentType: string, length?: number) => ({
      cookie,
      origin: server.url,
      "content-type": contentType,
      ...(length !== undefined ? { "content-length": String(length) } : {}),
    });
    const draftFiles = async () => {
      const res = await send(`${server.url}/api/v1/lessons/${lessonId}/assignment`, {
        method: "GET",
        headers: { cookie },
      });
      return (JSON.parse(res.body.toString()) as { draft: { files: { id: string }[] } }).draft.files;
    };

    it("streams a 49 MB file in and out byte for byte, with the server's memory flat", async () => {
      const big = largeUpload("dataset.zip", 49 * MB, Buffer.from("504b0304140000000800", "hex"));
      const pid = server.process.pid!;
      const before = serverRss(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, serverRss(pid))), 25);
      const started = Date.now();
      const up = await send(filesUrl(), {
        method: "POST",
        headers: headers(big.contentType, big.length),
        body: big.stream(),
      });
      const uploadMs = Date.now() - started;
      clearInterval(sampler);
      expect(up.status).toBe(201);
      const { file } = JSON.parse(up.body.toString()) as { file: { id: string; size: number; name: string } };
      expect(file).toMatchObject({ name: "dataset.zip", size: 49 * MB });

      const down = await send(`${server.url}/api/v1/files/${file.id}`, {
        method: "GET",
        headers: { cookie },
      });
      expect(down.status).toBe(200);
      expect(down.headers).toMatchObject({
        "content-type": "application/zip",
        "content-length": String(49 * MB),
        "content-disposition": `attachment; filename="dataset.zip"; filename*=UTF-8''dataset.zip`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'",
      });
      expect(createHash("sha256").update(down.body).digest("hex")).toBe(big.sha256);
      console.log(
        `[uploads ${backend}] 49 MB upload in ${uploadMs} ms; server RSS ${(before / MB).toFixed(0)} MB before, ` +
          `peak ${(peak / MB).toFixed(0)} MB during (+${((peak - before) / MB).toFixed(0)} MB)`,
      );
      // Streaming leaves garbage behind that V8 frees after about 64 MB of outside-the-heap allocation (its soft
      // limit), and PGlite's buffer cache fills as pages are written: both bounded, whatever the file's size.
      // Holding the body whole would add the file itself on top, and a copy of it (what Buffer.concat makes).
      expect(peak - before).toBeLessThan(2 * 49 * MB);
      const del = await send(`${filesUrl()}/${file.id}`, {
        method: "DELETE",
        headers: { cookie, origin: server.url },
      });
      expect(del.status).toBe(204);
    }, 120_000);

    it("reads an oversized body to its end and answers 413 with a message; a spoofed type gets 415; nothing is stored", async () => {
      const before = await draftFiles();
      const big = largeUpload("too-big.zip", 50 * MB + 1, Buffer.from("504b0304140000000800", "hex"));
      const res = await send(filesUrl(), {
        method: "POST",
        headers: headers(big.contentType, big.length),
        body: big.stream(),
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body.toString()).error.message).toMatch(/larger than 50 MB/);
      // An executable named .pdf: refused by its bytes.
      const exe = multipart([
        {
          name: "file",
          filename: "syllabus.pdf",
          data: Buffer.concat([
            Buffer.from("MZ"),
            Buffer.alloc(58),
            Buffer.from([0x80, 0, 0, 0]),
            Buffer.alloc(64),
            Buffer.from("PE\0\0"),
            Buffer.alloc(200),
          ]),
        },
      ]);
      const spoofed = await send(filesUrl(), {
        method: "POST",
        headers: headers(exe.contentType),
        body: exe.body,
      });
      expect(spoofed.status).toBe(415);
      expect(JSON.parse(spoofed.body.toString()).error.message).toMatch(/not really a PDF/);
      // The connection still works, and the draft is as it was.
      expect(await draftFiles()).toEqual(before);
      if (backend === "object storage") expect(await s3.keys()).toEqual([]);
    }, 120_000);
  });
}
