import fs from "node:fs";
import os from "node:os";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { apiClient } from "../../../tests/helpers/api";
import { createTestDatabase } from "../../../tests/helpers/db";
import { largeUpload, multipart, type Part } from "../../../tests/helpers/multipart";
import { startS3 } from "../../../tests/helpers/s3";
import type { Database } from "../db/client";
import { assignmentSubmissions, fileChunks, lessons, storedFiles, users } from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import type { Actor } from "../accounts/actor";
import { exportMyData } from "../accounts/export";
import { eraseMyAccount } from "../accounts/erase";
import { restoreEnv, setEnv } from "../../../tests/helpers/env";
import { runCleanup } from "../jobs/cleanup";
import { getAssignmentForStudent, handIn } from "./assignments";
import { removeDraftFile, uploadDraftFile } from "./assignment-files";
import { claimSubmission, reviewSubmission } from "./assignment-reviews";
import { saveAssignment } from "./assignment-authoring";
import type { TAssignmentSave } from "./assignment-schemas";

let database: Database;
let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  database = await createTestDatabase();
  s3 = await startS3();
});
afterAll(async () => {
  restoreEnv();
  await s3?.stop();
  await database?.close();
});
const db = () => database.db;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([
  Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"),
  Buffer.alloc(64),
]);
/** The start of a Windows executable (MZ header, PE signature). */
const EXE = Buffer.concat([
  Buffer.from("MZ"),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from("PE\0\0"),
  Buffer.alloc(200),
]);

interface Setup {
  lessonId: string;
  courseId: string;
  owner: Actor;
  student: Actor;
  other: Actor;
}

async function setup(settings: Partial<TAssignmentSave> = {}): Promise<Setup> {
  const tree = await createCourseTree(db(), [1], { published: true });
  const ownerUser = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
  await addInstructor(db(), tree.course.id, ownerUser.id);
  const lesson = tree.lessons[0]!;
  await db().update(lessons).set({ lessonType: "ASSIGNMENT" }).where(eq(lessons.id, lesson.id));
  const owner = actorOf(ownerUser);
  await saveAssignment(db(), owner, lesson.id, {
    version: 0,
    textAllowed: true,
    filesAllowed: true,
    maxFileMb: 1,
    maxFiles: 3,
    ...settings,
  });
  const s = await createUser(db(), { emailVerified: new Date() });
  await createEnrollment(db(), s.id, tree.course.id);
  const o = await createUser(db(), { emailVerified: new Date() });
  await createEnrollment(db(), o.id, tree.course.id);
  return { lessonId: lesson.id, courseId: tree.course.id, owner, student: actorOf(s), other: actorOf(o) };
}

const as = (actor: Actor | null) => apiClient({ db, actor: () => actor });
const HEADERS = { origin: "http://localhost:3000", cookie: "authjs.session-token=x" };

async function upload(
  actor: Actor | null,
  lessonId: string,
  part: Partial<Part> & { data: Buffer | string },
) {
  const body = multipart([{ name: "file", filename: "answer.txt", ...part }]);
  return as(actor)("POST", `/api/v1/lessons/${lessonId}/assignment/files`, {
    rawBody: body.body,
    headers: { ...HEADERS, "content-type": body.contentType },
  });
}

const fileCount = async () => (await db().select({ id: storedFiles.id }).from(storedFiles)).length;

for (const backend of ["DB", "S3"] as const) {
  describe(`assignment files (${backend} storage)`, () => {
    beforeAll(() => {
      restoreEnv();
      if (backend === "S3") setEnv(s3.env);
    });

    it("stores an upload in the draft, hands it in with the version, and lets only the allowed download it", async () => {
      const x = await setup();
      const up = await upload(x.student, x.lessonId, {
        filename: "notes.md",
        data: "# My notes\n\nÜnïcode ✓\n",
      });
      expect(up.status).toBe(201);
      expect(up.body.file).toMatchObject({
        name: "notes.md",
        size: 26,
        contentType: "text/markdown; charset=utf-8",
      });
      const [row] = await db().select().from(storedFiles).where(eq(storedFiles.id, up.body.file.id));
      expect(row).toMatchObject({ backend, userId: x.student.id, fileType: "md" });
      if (backend === "S3") expect(await s3.keys()).toContain(`files/${row!.id}`);
      else expect(await db().select().from(fileChunks).where(eq(fileChunks.fileId, row!.id))).toHaveLength(1);

      const id = up.body.file.id as string;
      const path = `/api/v1/files/${id}`;
      // The owner; not yet the staff (a draft is private until handed in); nobody else.
      const mine = await as(x.student)("GET", path);
      expect(mine.status).toBe(200);
      expect(mine.bytes!.toString()).toBe("# My notes\n\nÜnïcode ✓\n");
      expect(mine.headers).toMatchObject({
        "content-type": "text/markdown; charset=utf-8",
        "content-length": "26",
        "content-disposition": `attachment; filename="notes.md"; filename*=UTF-8''notes.md`,
        "content-security-policy": "sandbox; default-src 'none'",
        "x-content-type-options": "nosniff",
      });
      expect((await as(x.owner)("GET", path)).status).toBe(404);
      expect((await as(x.other)("GET", path)).status).toBe(404);
      expect((await as(null)("GET", path)).status).toBe(401);
      expect((await as(x.other)("GET", "/api/v1/files/no-such-file")).status).toBe(404);

      await handIn(db(), x.student, x.lessonId);
      const view = await getAssignmentForStudent(db(), x.student, x.lessonId);
      expect(view.versions[0]!.files).toEqual([up.body.file]);
      expect((await as(x.owner)("GET", path)).bytes!.toString()).toContain("Ünïcode");
      const admin = actorOf(await createUser(db(), { role: "ADMIN", emailVerified: new Date() }));
      expect((await as(admin)("GET", path)).status).toBe(200);
      const outsider = actorOf(await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() }));
      expect((await as(outsider)("GET", path)).status).toBe(404);
      // Locked while waiting for review.
      expect((await upload(x.student, x.lessonId, { data: "more" })).status).toBe(409);
      const del = await as(x.student)("DELETE", `/api/v1/lessons/${x.lessonId}/assignment/files/${id}`, {
        headers: HEADERS,
      });
      expect(del.status).toBe(409);
    });

    it("refuses oversized, mistyped, spoofed, empty and unnamed uploads, storing nothing", async () => {
      const x = await setup({ allowedTypes: ["pdf", "png", "txt", "ipynb", "csv"] });
      const before = await fileCount();
      const keysBefore = backend === "S3" ? await s3.keys() : [];
      const cases: [Partial<Part> & { data: Buffer | string }, number, RegExp][] = [
        [{ filename: "big.txt", data: Buffer.alloc(1024 * 1024 + 1, 97) }, 413, /larger than 1 MB/],
        [{ filename: "setup.pdf", data: EXE }, 415, /not really a PDF: its contents look like a \.exe/],
        [
          { filename: "page.txt", data: "<html><body>\0<script>alert(1)</script></body></html>" },
          415,
          /NUL bytes/,
        ],
        [{ filename: "latin1.txt", data: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) }, 415, /not UTF-8/],
        [{ filename: "nb.ipynb", data: '{"cells": [1, 2,]}' }, 415, /not a valid notebook/],
        [
          { filename: "nb.ipynb", data: "[1, 2]" },
          415,
          /not a valid notebook: Top-level value must be an object/,
        ],
        [{ filename: "image.png", data: PDF }, 415, /not really a PNG image/],
        [{ filename: "logo.svg", data: "<svg/>" }, 415, /not a type this assignment accepts/],
        [
          { filename: "notes.md", data: "# md is not accepted here" },
          415,
          /Accepted: PDF, PNG image, Jupyter notebook, Plain text or CSV \(\.pdf, \.png, \.ipynb, \.txt, \.csv\)/,
        ],
        [{ filename: "noextension", data: "text" }, 415, /not a type/],
        [{ filename: "empty.txt", data: "" }, 422, /is empty/],
        [{ filename: "", data: "x" }, 422, /Choose a file|no name/],
        [{ name: "other", filename: "a.txt", data: "x" }, 422, /part named “file”/],
      ];
      for (const [part, status, message] of cases) {
        const res = await upload(x.student, x.lessonId, part);
        expect([part.filename, res.status]).toEqual([part.filename, status]);
        expect(res.body.error.message).toMatch(message);
      }
      const notMultipart = await as(x.student)("POST", `/api/v1/lessons/${x.lessonId}/assignment/files`, {
        body: { file: "x" },
        headers: HEADERS,
      });
      expect(notMultipart.status).toBe(415);
      expect(await fileCount()).toBe(before);
      if (backend === "S3") expect(await s3.keys()).toEqual(keysBefore);
      // A cross-site form post is refused before anything is read.
      const body = multipart([{ name: "file", filename: "a.txt", data: "x" }]);
      const csrf = await as(x.student)("POST", `/api/v1/lessons/${x.lessonId}/assignment/files`, {
        rawBody: body.body,
        headers: { ...HEADERS, origin: "https://evil.example", "content-type": body.contentType },
      });
      expect(csrf.status).toBe(403);
      // Real files of each kind are accepted; a file exactly at the limit too.
      for (const [filename, data] of [
        ["paper.pdf", PDF],
        ["plot.png", PNG],
        ["limit.txt", Buffer.alloc(1024 * 1024, 98)],
      ] as const) {
        expect((await upload(x.student, x.lessonId, { filename, data })).status).toBe(201);
      }
      const tooMany = await upload(x.student, x.lessonId, { filename: "four.csv", data: "a,b\n1,2\n" });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.error.message).toMatch(/at most 3 files/);
    });

    it("settles an upload whose client goes away mid-file, leaving no temporary file and storing nothing", async () => {
      const x = await setup({ maxFileMb: 50 });
      const spooled = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("aiw-upload-")).length;
      const before = { files: await fileCount(), spooled: spooled() };
      const big = largeUpload("data.csv", 5 * 1024 * 1024, Buffer.from("a,b\n"));
      const source = big.stream();
      let sent = 0;
      const aborting = new Readable({
        read() {
          const chunk = source.read() as Buffer | null;
          if (chunk === null) return void source.once("readable", () => this.read());
          sent += chunk.length;
          // Half-way through the file, the connection drops (no end of the body).
          if (sent > 2 * 1024 * 1024) return void this.destroy();
          this.push(chunk);
        },
      });
      const started = Date.now();
      await expect(
        uploadDraftFile(db(), x.student, x.lessonId, { contentType: big.contentType, stream: aborting }),
      ).rejects.toMatchObject({ code: "MALFORMED_REQUEST" });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await fileCount()).toBe(before.files);
      expect(spooled()).toBe(before.spooled);
    });

    it("keeps names for display only: path characters, controls and bidirectional overrides are removed", async () => {
      const x = await setup();
      const names: [string, string][] = [
        ["../../etc/passwd.txt", "passwd.txt"],
        ["C:\\Users\\me\\report final.txt", "report final.txt"],
        ["invoice\u202Etxt.exe.txt", "invoicetxt.exe.txt"],
        ["a<b>:c|?*.txt", "a_b__c___.txt"],
        ["   .hidden.txt  ", "hidden.txt"],
      ];
      for (const [raw, shown] of names) {
        const res = await upload(x.student, x.lessonId, { filename: raw, data: "x" });
        expect(res.body.file?.name ?? res.body).toBe(shown);
        await removeDraftFile(db(), x.student, x.lessonId, res.body.file.id);
      }
      const long = await upload(x.student, x.lessonId, { filename: `${"ü".repeat(300)}.txt`, data: "x" });
      expect([...long.body.file.name].length).toBe(120);
      expect(long.body.file.name.endsWith(".txt")).toBe(true);
    });

    it("copies the last version's files into the draft when work is sent back; removing one keeps it for the version", async () => {
      const x = await setup();
      const a = (await upload(x.student, x.lessonId, { filename: "a.txt", data: "first" })).body.file;
      const b = (await upload(x.student, x.lessonId, { filename: "b.txt", data: "second" })).body.file;
      // A file removed before hand-in is deleted with its bytes.
      const c = (await upload(x.student, x.lessonId, { filename: "c.txt", data: "dropped" })).body.file;
      await removeDraftFile(db(), x.student, x.lessonId, c.id);
      expect(await db().select().from(storedFiles).where(eq(storedFiles.id, c.id))).toEqual([]);
      if (backend === "S3") expect(await s3.keys()).not.toContain(`files/${c.id}`);
      await handIn(db(), x.student, x.lessonId);
      const [sub] = await db()
        .select({ id: assignmentSubmissions.id })
        .from(assignmentSubmissions)
        .where(
          and(eq(assignmentSubmissions.lessonId, x.lessonId), eq(assignmentSubmissions.userId, x.student.id)),
        );
      await claimSubmission(db(), x.owner, sub!.id);
      await reviewSubmission(db(), x.owner, sub!.id, { decision: "NEEDS_REVISION", feedback: "Add a plot." });
      const view = await getAssignmentForStudent(db(), x.student, x.lessonId);
      expect(view.draft.files.map((f) => f.name)).toEqual(["a.txt", "b.txt"]);
      await removeDraftFile(db(), x.student, x.lessonId, a.id);
      expect(await db().select().from(storedFiles).where(eq(storedFiles.id, a.id))).toHaveLength(1);
      expect((await as(x.owner)("GET", `/api/v1/files/${a.id}`)).bytes!.toString()).toBe("first");
      await handIn(db(), x.student, x.lessonId);
      const after = await getAssignmentForStudent(db(), x.student, x.lessonId);
      expect(after.versions.map((v) => v.files.map((f) => f.name))).toEqual([["a.txt", "b.txt"], ["b.txt"]]);
      void b;
    });

    it("round-trips a 49 MB file byte for byte, streaming both ways", async () => {
      const x = await setup({ maxFileMb: 50 });
      const big = largeUpload("dataset.zip", 49 * 1024 * 1024, Buffer.from("504b0304140000000800", "hex"));
      const heapBefore = process.memoryUsage().heapUsed;
      const { file } = await uploadDraftFile(db(), x.student, x.lessonId, {
        contentType: big.contentType,
        stream: big.stream(),
      });
      expect(file).toMatchObject({
        name: "dataset.zip",
        size: 49 * 1024 * 1024,
        contentType: "application/zip",
      });
      const [row] = await db().select().from(storedFiles).where(eq(storedFiles.id, file.id));
      expect(row!.sha256).toBe(big.sha256);
      if (backend === "DB") {
        const [n] = await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(fileChunks)
          .where(eq(fileChunks.fileId, file.id));
        expect(n!.n).toBe(49);
      }
      const got = await as(x.student)("GET", `/api/v1/files/${file.id}`);
      expect(got.status).toBe(200);
      const { createHash } = await import("node:crypto");
      expect(createHash("sha256").update(got.bytes!).digest("hex")).toBe(big.sha256);
      // The test itself holds the downloaded copy; the upload path held at most a few chunks.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    }, 120_000);

    it("exports the user's files with download links and erases them everywhere", async () => {
      const x = await setup();
      const up = (await upload(x.student, x.lessonId, { filename: "mine.txt", data: "private" })).body.file;
      await handIn(db(), x.student, x.lessonId);
      const data = await exportMyData(db(), x.student);
      expect(data.files).toEqual([
        expect.objectContaining({
          id: up.id,
          name: "mine.txt",
          size: 7,
          download: `http://localhost:3000/api/v1/files/${up.id}`,
        }),
      ]);
      expect(data.assignments[0]).toMatchObject({
        draftFiles: [up.id],
        versions: [expect.objectContaining({ files: [up.id] })],
      });
      const [u] = await db().select().from(users).where(eq(users.id, x.student.id));
      await eraseMyAccount(db(), x.student, { confirmEmail: u!.email });
      expect(await db().select().from(storedFiles).where(eq(storedFiles.userId, x.student.id))).toEqual([]);
      expect(await db().select().from(fileChunks).where(eq(fileChunks.fileId, up.id))).toEqual([]);
      if (backend === "S3") expect(await s3.keys()).not.toContain(`files/${up.id}`);
    });

    it("the cleanup job deletes files left attached to nothing", async () => {
      const x = await setup();
      const up = (await upload(x.student, x.lessonId, { filename: "left.txt", data: "left behind" })).body
        .file;
      // The course is deleted: the draft goes with it, the file stays unattached.
      await db().execute(sql`DELETE FROM assignment_submissions WHERE lesson_id = ${x.lessonId}`);
      const report = await runCleanup(db(), {
        sessionMaxAgeDays: 30,
        now: new Date(Date.now() + 2 * 3_600_000),
      });
      expect(report.files).toBeGreaterThanOrEqual(1);
      expect(await db().select().from(storedFiles).where(eq(storedFiles.id, up.id))).toEqual([]);
      if (backend === "S3") expect(await s3.keys()).not.toContain(`files/${up.id}`);
    });
  });
}

describe("file settings", () => {
  it("refuse uploads where files are not accepted, and a stream body on other operations is never read", async () => {
    restoreEnv();
    const x = await setup({ filesAllowed: false });
    const res = await upload(x.student, x.lessonId, { data: "x" });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/does not take files/);
    const stranger = actorOf(await createUser(db(), { emailVerified: new Date() }));
    expect((await upload(stranger, x.lessonId, { data: "x" })).status).toBe(403);
    expect((await upload(null, x.lessonId, { data: "x" })).status).toBe(401);
    void Readable;
  });
});
