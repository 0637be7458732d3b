import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body, as a browser's FormData would send it. */
export function multipart(parts: Part[]): { contentType: string; body: Buffer } {
  const boundary = `----aiw${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${
      p.filename !== undefined ? `; filename="${p.filename.replace(/"/g, "%22")}"` : ""
    }`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
          (p.contentType ? `Content-Type: ${p.contentType}\r\n` : "") +
          "\r\n",
      ),
      Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/**
 * A large one-file multipart body generated as it is read (never whole in memory): `size` bytes of a
 * repeating pseudo-random pattern after `head`. `sha256` is the file's hash, `length` the body's.
 */
export function largeUpload(filename: string, size: number, head: Buffer = Buffer.alloc(0)) {
  const boundary = `----aiwlarge${randomBytes(6).toString("hex")}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const block = randomBytes(64 * 1024);
  const hash = createHash("sha256");
  const pieces = function* (h2?: typeof hash) {
    let left = size;
    if (head.length) {
      const h = head.subarray(0, left);
      left -= h.length;
      h2?.update(h);
      yield h;
    }
    while (left > 0) {
      const b = block.subarray(0, Math.min(block.length, left));
      left -= b.length;
      h2?.update(b);
      yield b;
    }
  };
  // The hash of the same bytes, computed up front without keeping them.
  for (const p of pieces(hash)) void p;
  const sha256 = hash.digest("hex");
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: pre.length + size + post.length,
    sha256,
    stream: () =>
      Readable.from(
        (function* () {
          yield pre;
          yield* pieces();
          yield post;
        })(),
        { objectMode: false },
      ),
  };
}
