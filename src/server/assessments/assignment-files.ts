import "server-only";
import type { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { assignmentDraftFiles, type StoredFile } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { isCourseStaffSql } from "../authoring/staff";
import { receiveUpload, type UploadBody } from "../files/upload";
import { deleteFiles, openFile, storeFile } from "../files/storage";
import {
  EDITABLE,
  getAssignmentPlace,
  lockedMessage,
  lockOwnSubmission,
  type AssignmentPlace,
  type FileView,
} from "./assignments";

const tooMany = (max: number) =>
  new AppError("INVALID_INPUT", {
    userMessage: `This assignment takes at most ${max} file${max === 1 ? "" : "s"}: remove one before adding another.`,
    fields: [{ path: "file", message: `At most ${max} files` }],
  });

async function assertFilesAccepted(db: Db, actor: Actor, lessonId: string): Promise<AssignmentPlace> {
  const place = await getAssignmentPlace(db, actor, lessonId);
  if (!place.enrolled) {
    throw new AppError("FORBIDDEN", { userMessage: "Enroll in this course to hand in work." });
  }
  if (!place.settings.filesAllowed) {
    throw new AppError("INVALID_INPUT", {
      userMessage: "This assignment does not take files.",
      fields: [{ path: "file", message: "No files for this assignment" }],
    });
  }
  return place;
}

/**
 * Adds an uploaded file to the student's draft. Everything that can be refused without reading the body is
 * checked first (enrollment, files accepted, the draft editable, room for another file); then the body is read
 * as a stream and checked (size while streaming → 413, type from the bytes → 415), stored, and linked to the
 * draft under the submission's lock, where state and count are checked again. A refused upload stores
 * nothing.
 */
export async function uploadDraftFile(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  body: UploadBody,
): Promise<{ file: FileView }> {
  assertSignedIn(actor);
  const place = await assertFilesAccepted(db, actor, lessonId);
  const { maxFiles, maxFileBytes, allowedTypes } = place.settings;
  const [current] = await queryRows<{ state: (typeof EDITABLE)[number] | "SUBMITTED"; files: number }>(
    db,
    sql`SELECT s.state, (SELECT count(*)::int FROM assignment_draft_files d WHERE d.submission_id = s.id) AS files
        FROM assignment_submissions s WHERE s.lesson_id = ${lessonId} AND s.user_id = ${actor.id}`,
  );
  if (current && !EDITABLE.includes(current.state)) {
    throw new AppError("CONFLICT", { userMessage: lockedMessage(current.state) });
  }
  if (current && current.files >= maxFiles) throw tooMany(maxFiles);

  const received = await receiveUpload(body, { maxBytes: maxFileBytes, types: allowedTypes });
  try {
    const stored = await storeFile(db, actor.id, received, async (tx, fileId) => {
      const row = await lockOwnSubmission(tx, actor, place);
      if (!EDITABLE.includes(row.state)) {
        throw new AppError("CONFLICT", { userMessage: lockedMessage(row.state) });
      }
      const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM assignment_draft_files WHERE submission_id = ${row.id}`,
      );
      if (n >= maxFiles) throw tooMany(maxFiles);
      await tx.insert(assignmentDraftFiles).values({ submissionId: row.id, fileId });
    });
    return {
      file: { id: stored.id, name: stored.name, size: stored.byteSize, contentType: stored.contentType },
    };
  } finally {
    await received.discard();
  }
}

/**
 * Removes a file from the draft (409 once handed in and waiting, or passed). The file itself is deleted when
 * no version holds it (a file handed in earlier stays with that version).
 */
export async function removeDraftFile(db: Db, actor: Actor | null, lessonId: string, fileId: string) {
  assertSignedIn(actor);
  const place = await getAssignmentPlace(db, actor, lessonId);
  if (!place.enrolled) {
    throw new AppError("FORBIDDEN", { userMessage: "Enroll in this course to hand in work." });
  }
  const orphan = await db.transaction(async (tx) => {
    const row = await lockOwnSubmission(tx, actor, place);
    if (!EDITABLE.includes(row.state)) {
      throw new AppError("CONFLICT", { userMessage: lockedMessage(row.state) });
    }
    const removed = await tx
      .delete(assignmentDraftFiles)
      .where(and(eq(assignmentDraftFiles.submissionId, row.id), eq(assignmentDraftFiles.fileId, fileId)))
      .returning({ fileId: assignmentDraftFiles.fileId });
    if (removed.length === 0) throw notFound("This file");
    const [held] = await queryRows<{ held: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM assignment_version_files WHERE file_id = ${fileId})
              OR EXISTS (SELECT 1 FROM assignment_draft_files WHERE file_id = ${fileId}) AS held`,
    );
    return !held?.held;
  });
  if (orphan) await deleteFiles(db, [fileId]);
}

/**
 * A file for download, for those allowed to see it: its owner; the staff of a course it was handed in to (a
 * version's file, not a draft's); admins. Everyone else gets 404, whether or not the file exists.
 */
export async function openFileForDownload(
  db: Db,
  actor: Actor | null,
  fileId: string,
): Promise<{ file: StoredFile; stream: Readable }> {
  assertSignedIn(actor);
  const [row] = await queryRows<{
    id: string;
    backend: "DB" | "S3";
    object_key: string | null;
    name: string;
    content_type: string;
    byte_size: number;
  }>(
    db,
    sql`SELECT f.id, f.backend, f.object_key, f.name, f.content_type, f.byte_size
        FROM stored_files f
        WHERE f.id = ${fileId}
          AND (f.user_id = ${actor.id}
               OR ${actor.role === "ADMIN" ? isCourseStaffSql(actor, sql`''`) : sql`false`}
               OR EXISTS (SELECT 1 FROM assignment_version_files vf
                          JOIN assignment_versions v ON v.id = vf.version_id
                          JOIN assignment_submissions s ON s.id = v.submission_id
                          WHERE vf.file_id = f.id AND ${isCourseStaffSql(actor, sql`s.course_id`)}))`,
  );
  if (!row) throw notFound("This file");
  const file = {
    id: row.id,
    backend: row.backend,
    objectKey: row.object_key,
    name: row.name,
    contentType: row.content_type,
    byteSize: Number(row.byte_size),
  } as StoredFile;
  return { file, stream: await openFile(db, file) };
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266), for any sanitized name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;
}
