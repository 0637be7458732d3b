import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { inArray, sql } from "drizzle-orm";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { Db } from "../db/types";
import { FILE_CHUNK_BYTES, storedFiles, type StoredFile } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError } from "../errors";
import { getEnv, type S3Settings } from "../env";
import { logger } from "../log";
import type { ReceivedFile } from "./upload";

/**
 * One storage interface, two backends (docs/decisions.md, "Files"):
 * - DB (default): the bytes in `file_chunks`, 1 MB per row, written and read one chunk at a time, so a 50 MB
 *   file never sits whole in memory (PGlite included);
 * - S3: S3-compatible object storage (AWS, MinIO, R2...), one object per file under `files/<id>`.
 * A file records the backend it was stored in, so switching STORAGE_S3_* later keeps older files readable.
 */
export type Backend = StoredFile["backend"] & ("DB" | "S3");

type FileRow = Pick<StoredFile, "id" | "backend" | "objectKey" | "byteSize">;

let client: { key: string; s3: S3Client; bucket: string } | undefined;

function s3(settings?: S3Settings) {
  const s =
    settings ?? (getEnv().storage.backend === "S3" ? (getEnv().storage as { s3: S3Settings }).s3 : null);
  if (!s) {
    throw new AppError("UNAVAILABLE", {
      userMessage: "This file is in object storage, which is not configured on this server.",
    });
  }
  const key = JSON.stringify(s);
  if (client?.key !== key) {
    client?.s3.destroy();
    client = {
      key,
      bucket: s.bucket,
      s3: new S3Client({
        region: s.region,
        endpoint: s.endpoint,
        forcePathStyle: s.forcePathStyle,
        credentials: s.credentials,
        // Plain PUTs with a known length: the newer default (chunked uploads with trailing checksums) is not
        // understood by every S3-compatible server.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    };
  }
  return client;
}

/** The backend new files go to. */
export const currentBackend = (): Backend => getEnv().storage.backend;

/**
 * Stores a checked upload and, in the same transaction, whatever `attach` records about it (the draft's link):
 * - DB: the row, its chunks and the attachment commit together, or nothing does;
 * - S3: the object is written first, then the rows; if they fail the object is removed again.
 */
export async function storeFile(
  db: Db,
  ownerId: string,
  received: ReceivedFile,
  attach: (tx: Db, fileId: string) => Promise<void>,
): Promise<StoredFile> {
  const id = randomUUID();
  const backend = currentBackend();
  const values = {
    id,
    userId: ownerId,
    backend,
    objectKey: backend === "S3" ? `files/${id}` : null,
    name: received.name,
    fileType: received.fileType,
    contentType: received.contentType,
    byteSize: received.size,
    sha256: received.sha256,
  };
  if (backend === "S3") {
    const { s3: c, bucket } = s3();
    await c.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: values.objectKey!,
        Body: createReadStream(received.tempPath),
        ContentLength: received.size,
        ContentType: received.contentType,
      }),
    );
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx.insert(storedFiles).values(values).returning();
        await attach(tx, id);
        return row!;
      });
    } catch (e) {
      // The rows failed (a conflict, a full draft): the object goes too. If that fails as well, the original
      // refusal is still what the user is told; the object is logged for removal by hand.
      await removeObjects([values.objectKey!]).catch((cleanup: unknown) =>
        logger.error("files: object left without a row", { key: values.objectKey, err: cleanup }),
      );
      throw e;
    }
  }
  const embedded = !getEnv().databaseUrl;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(storedFiles).values(values).returning();
    let seq = 0;
    for await (const chunk of chunksOf(
      createReadStream(received.tempPath, { highWaterMark: FILE_CHUNK_BYTES }),
    )) {
      // node-postgres sends a Buffer as it is. PGlite converts a binary parameter byte by byte (measured: 520 ms
      // per MB, against 32 ms as hex text decoded by the database).
      const data = embedded ? sql`decode(${chunk.toString("hex")}, 'hex')` : sql`${chunk}`;
      await tx.execute(sql`INSERT INTO file_chunks (file_id, seq, data) VALUES (${id}, ${seq++}, ${data})`);
    }
    await attach(tx, id);
    return row!;
  });
}

/** Exactly FILE_CHUNK_BYTES per piece (the last may be shorter), whatever sizes the stream yields. */
async function* chunksOf(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const piece of stream) {
    let rest = piece;
    while (size + rest.length >= FILE_CHUNK_BYTES) {
      const take = FILE_CHUNK_BYTES - size;
      parts.push(rest.subarray(0, take));
      yield Buffer.concat(parts);
      rest = rest.subarray(take);
      parts = [];
      size = 0;
    }
    if (rest.length) {
      parts.push(rest);
      size += rest.length;
    }
  }
  if (size) yield Buffer.concat(parts);
}

const gone = () => new AppError("NOT_FOUND", { userMessage: "This file's contents are no longer stored." });

/** The file's bytes as a stream, one chunk (or one network read) at a time. */
export async function openFile(db: Db, file: FileRow): Promise<Readable> {
  if (file.backend === "S3") {
    const { s3: c, bucket } = s3();
    try {
      const out = await c.send(new GetObjectCommand({ Bucket: bucket, Key: file.objectKey! }));
      return out.Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey) throw gone();
      throw e;
    }
  }
  const chunks = Math.ceil(file.byteSize / FILE_CHUNK_BYTES);
  async function* read() {
    for (let seq = 0; seq < chunks; seq++) {
      // Base64 for the same reason (PGlite parses a bytea result byte by byte: 225 ms per MB, against 29).
      const [row] = await queryRows<{ data: string }>(
        db,
        sql`SELECT encode(data, 'base64') AS data FROM file_chunks WHERE file_id = ${file.id} AND seq = ${seq}`,
      );
      if (!row) throw gone();
      yield Buffer.from(row.data, "base64");
    }
  }
  return Readable.from(read(), { objectMode: false });
}

/** Deletes objects from the object storage (missing ones count as deleted). */
export async function removeObjects(keys: readonly string[], settings?: S3Settings): Promise<void> {
  if (keys.length === 0) return;
  const { s3: c, bucket } = s3(settings);
  const queue = [...keys];
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        await c.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }
    }),
  );
}

/**
 * Deletes files everywhere: their objects first (personal data must not outlive the rows that point at it),
 * then the rows (chunks go with them).
 */
export async function deleteFiles(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .select({ id: storedFiles.id, objectKey: storedFiles.objectKey })
    .from(storedFiles)
    .where(inArray(storedFiles.id, [...ids]));
  await removeObjects(rows.flatMap((r) => (r.objectKey ? [r.objectKey] : [])));
  await db.delete(storedFiles).where(inArray(storedFiles.id, [...ids]));
  return rows.length;
}

/**
 * Files attached to nothing (a draft's link removed, a course deleted) for more than an hour: deleted by the
 * cleanup job, in batches.
 */
export async function deleteUnattachedFiles(db: Db, olderThan = new Date(Date.now() - 3_600_000)) {
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`SELECT f.id FROM stored_files f
          WHERE f.created_at < ${olderThan}
            -- Objects can only be deleted where the object storage is configured; database files always.
            AND (f.backend = 'DB' OR ${currentBackend() === "S3"})
            AND NOT EXISTS (SELECT 1 FROM assignment_draft_files d WHERE d.file_id = f.id)
            AND NOT EXISTS (SELECT 1 FROM assignment_version_files v WHERE v.file_id = f.id)
          LIMIT 500`,
    );
    if (rows.length === 0) break;
    total += await deleteFiles(
      db,
      rows.map((r) => r.id),
    );
    if (rows.length < 500) break;
  }
  if (total) logger.info("files: unattached files deleted", { count: total });
  return total;
}
