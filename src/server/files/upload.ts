import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { once } from "node:events";
import busboy from "busboy";
import { AppError } from "../errors";
import { FILE_TYPES, formatBytes, type FileTypeKey } from "@/lib/file-types";
import { claimedType, ContentInspector, sanitizeFileName } from "./inspect";
import { abandonBody, DRAIN_LIMIT } from "../http/body-limits";

/** A request body the platform reads as a stream (an upload), as the HTTP layer hands it over. */
export interface UploadBody {
  contentType: string | null;
  stream: Readable;
}

export interface UploadRules {
  maxBytes: number;
  types: readonly FileTypeKey[];
}

/** A checked upload, spooled to a private temporary file until it is stored. */
export interface ReceivedFile {
  tempPath: string;
  name: string;
  fileType: FileTypeKey;
  contentType: string;
  size: number;
  sha256: string;
  /** Removes the temporary copy (always call it). */
  discard(): Promise<void>;
}

/** Silence on an upload's connection after which it is given up. */
const IDLE_MS = 60_000;

/** The multipart field that carries the file. */
export const FILE_FIELD = "file";

const tooLarge = (what: string, max: number) =>
  new AppError("PAYLOAD_TOO_LARGE", {
    userMessage: `${what} is larger than ${formatBytes(max)}, the most this assignment accepts per file.`,
  });

/**
 * Reads a multipart/form-data body with one part named `file`, streaming: the size cap is enforced as bytes
 * arrive (past it the rest is read and dropped, then 413), the bytes are checked against the type the name
 * claims (ContentInspector), hashed, and written to a temporary file (mode 0600) — never held whole in memory.
 * Anything refused leaves nothing behind; a client that aborts or stalls (a minute of silence) settles it too.
 * What is left of a refused body is read by the HTTP layer before it answers (never a reset connection), up to
 * DRAIN_LIMIT in all.
 */
export async function receiveUpload(body: UploadBody, rules: UploadRules): Promise<ReceivedFile> {
  // Refused before reading: the HTTP layer reads (and drops) the body, within its limit, before answering.
  if (!/^multipart\/form-data\s*;/i.test(body.contentType ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
      userMessage: `Send the file as multipart/form-data with one part named “${FILE_FIELD}”.`,
    });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "aiw-upload-"));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const received = await parse(body, rules, path.join(dir, randomUUID()));
    return { ...received, discard };
  } catch (e) {
    await discard();
    throw e;
  }
}

function parse(
  body: UploadBody,
  rules: UploadRules,
  tempPath: string,
): Promise<Omit<ReceivedFile, "discard">> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": body.contentType! },
        // One byte past the limit tells "at the limit" from "over it".
        limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, fileSize: rules.maxBytes + 1 },
        defParamCharset: "utf8",
      });
    } catch {
      return reject(
        new AppError("MALFORMED_REQUEST", { userMessage: "The upload's multipart boundary is missing." }),
      );
    }
    /** The first refusal wins; the body is still read to its end before it is answered. */
    let failure: AppError | null = null;
    let pending: Promise<Omit<ReceivedFile, "discard">> | null = null;
    let currentFile: Readable | null = null;
    const fail = (e: unknown) => {
      failure ??=
        e instanceof AppError
          ? e
          : new AppError("MALFORMED_REQUEST", { userMessage: "The upload could not be read.", cause: e });
    };

    parser.on("file", (field, file, info) => {
      if (field !== FILE_FIELD || pending || failure) {
        file.resume();
        if (field !== FILE_FIELD)
          fail(
            new AppError("INVALID_INPUT", { userMessage: `Send the file in a part named “${FILE_FIELD}”.` }),
          );
        return;
      }
      const name = sanitizeFileName(info.filename ?? "");
      if (!name) {
        file.resume();
        return fail(
          new AppError("INVALID_INPUT", {
            userMessage: "The file has no name: give it one with an extension.",
          }),
        );
      }
      let type: FileTypeKey;
      try {
        type = claimedType(name, rules.types);
      } catch (e) {
        file.resume();
        return fail(e);
      }
      currentFile = file;
      pending = spool(file, name, type, rules.maxBytes, tempPath).catch((e: unknown) => {
        fail(e);
        file.resume();
        return null as never;
      });
    });
    parser.on("error", (e) => {
      fail(
        new AppError("MALFORMED_REQUEST", {
          userMessage: "The upload was cut off or is not valid multipart data.",
          cause: e,
        }),
      );
      stop();
    });
    parser.on("filesLimit", () =>
      fail(new AppError("INVALID_INPUT", { userMessage: "Upload one file at a time." })),
    );
    // Settled once the parser is done with the body (or has been stopped) and the file part is settled; what is
    // left of the body is read by the HTTP layer before it answers.
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      body.stream.off("data", count);
      void (async () => {
        const result = pending ? await pending.catch(() => null) : null;
        if (failure) return reject(failure);
        if (!result) {
          return reject(
            new AppError("INVALID_INPUT", {
              userMessage: `Choose a file to upload (a part named “${FILE_FIELD}”).`,
            }),
          );
        }
        resolve(result);
      })();
    };
    /** Stops parsing: the file part (if any) fails, and nothing more is written. */
    const stop = () => {
      body.stream.unpipe(parser);
      currentFile?.destroy(new Error("upload stopped"));
      parser.destroy();
      finish();
    };
    parser.on("close", finish);
    // A client that stops sending is not waited for forever.
    const idle = setTimeout(function stalled() {
      fail(
        new AppError("MALFORMED_REQUEST", {
          userMessage: "The upload stalled: nothing arrived for a minute.",
        }),
      );
      stop();
      body.stream.destroy();
    }, IDLE_MS);
    let seen = 0;
    const count = (chunk: Buffer) => {
      idle.refresh();
      seen += chunk.length;
      if (seen > DRAIN_LIMIT) {
        // Far past any limit: stop reading; the answer closes the connection.
        fail(tooLarge("The upload", rules.maxBytes));
        abandonBody(body.stream);
        stop();
        body.stream.pause();
      }
    };
    body.stream.on("data", count);
    body.stream.on("close", () => {
      if (!body.stream.readableEnded) {
        fail(new AppError("MALFORMED_REQUEST", { userMessage: "The upload was interrupted." }));
        stop();
      }
    });
    body.stream.on("error", (e) => {
      fail(new AppError("MALFORMED_REQUEST", { userMessage: "The upload was interrupted.", cause: e }));
      stop();
    });
    body.stream.pipe(parser);
  });
}

async function spool(
  file: Readable & { truncated?: boolean },
  name: string,
  type: FileTypeKey,
  maxBytes: number,
  tempPath: string,
): Promise<Omit<ReceivedFile, "discard">> {
  const inspector = new ContentInspector(type, name);
  const hash = createHash("sha256");
  const out = createWriteStream(tempPath, { mode: 0o600 });
  // A disk error (full, too many open files) fails this upload, never the process.
  let writeError: unknown = null;
  out.on("error", (e) => (writeError ??= e));
  let size = 0;
  let overLimit = false;
  let refusal: unknown = null;
  file.on("limit", () => (overLimit = true));
  try {
    // The part is always read to its end (a refused one is dropped as it arrives): breaking out of the loop
    // would destroy the part's stream and stall the parser.
    for await (const chunk of file as AsyncIterable<Buffer>) {
      if (overLimit || refusal) continue;
      try {
        size += chunk.length;
        if (size > maxBytes) {
          overLimit = true;
          continue;
        }
        inspector.push(chunk);
        hash.update(chunk);
        if (writeError) throw writeError;
        if (!out.write(chunk)) await once(out, "drain");
      } catch (e) {
        refusal = e;
      }
    }
    if (overLimit || file.truncated) throw tooLarge(`“${name}”`, maxBytes);
    if (writeError) throw writeError;
    if (refusal) throw refusal;
    if (size === 0) {
      throw new AppError("INVALID_INPUT", { userMessage: `“${name}” is empty.` });
    }
    await inspector.finish();
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
  return {
    tempPath,
    name,
    fileType: type,
    contentType: FILE_TYPES[type].contentType,
    size,
    sha256: hash.digest("hex"),
  };
}
