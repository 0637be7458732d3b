import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, primaryKey, text, varchar } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { assignmentSubmissions, assignmentVersions } from "./assessments";
import { createdAt, idColumn, tstz } from "./columns";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** The largest file the platform stores (the assignment setting's ceiling). */
export const MAX_STORED_FILE_BYTES = 50 * 1024 * 1024;
/** The database backend's chunk size: a file is never read or written whole. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * Not in the document (migration 0015; docs/decisions.md, "Files"): a file a user uploaded, immutable once
 * stored. The bytes live in `file_chunks` (backend DB) or in the object storage under `object_key` (backend
 * S3). `name` is the sanitized display name, never a path; `file_type` is the allow-list key the bytes were
 * checked against and `content_type` the type the platform serves it with.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    backend: varchar("backend", { length: 8 }).notNull(),
    objectKey: text("object_key"),
    name: text("name").notNull(),
    fileType: varchar("file_type", { length: 8 }).notNull(),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("stored_files_backend", sql`${t.backend} IN ('DB', 'S3')`),
    check("stored_files_object_key", sql`(${t.backend} = 'S3') = (${t.objectKey} IS NOT NULL)`),
    check("stored_files_size", sql`${t.byteSize} BETWEEN 1 AND ${sql.raw(String(MAX_STORED_FILE_BYTES))}`),
    check("stored_files_name_length", sql`char_length(${t.name}) BETWEEN 1 AND 200`),
    index("idx_stored_files_user_id").on(t.userId),
    index("idx_stored_files_created_at").on(t.createdAt),
  ],
);

/** The database backend's bytes: 1 MB chunks numbered from 0. */
export const fileChunks = pgTable(
  "file_chunks",
  {
    fileId: varchar("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] }), check("file_chunks_seq", sql`${t.seq} >= 0`)],
);

/** Files in a student's draft (shared with the versions they were handed in with: files never change). */
export const assignmentDraftFiles = pgTable(
  "assignment_draft_files",
  {
    submissionId: varchar("submission_id")
      .notNull()
      .references(() => assignmentSubmissions.id, { onDelete: "cascade" }),
    fileId: varchar("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    addedAt: tstz("added_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.fileId] }),
    index("idx_assignment_draft_files_file_id").on(t.fileId),
  ],
);

/** Files handed in with a version, in the order the student added them. */
export const assignmentVersionFiles = pgTable(
  "assignment_version_files",
  {
    versionId: varchar("version_id")
      .notNull()
      .references(() => assignmentVersions.id, { onDelete: "cascade" }),
    fileId: varchar("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.fileId] }),
    index("idx_assignment_version_files_file_id").on(t.fileId),
  ],
);

export type StoredFile = typeof storedFiles.$inferSelect;
