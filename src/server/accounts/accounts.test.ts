import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import { createAdapter } from "../auth/adapter";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import {
  accounts,
  auditLog,
  certificateCredentials,
  certificates,
  courseReviews,
  mailOutbox,
  payments,
  coupons,
  couponRedemptions,
  prerequisiteExceptions,
  moduleReleaseNotices,
  apiTokens,
  webhookEvents,
  quizAccommodations,
  quizAttempts,
  quizzes,
  assignments,
  assignmentReviews,
  assignmentSubmissions,
  assignmentVersions,
  storedFiles,
  lessonExercises,
  exerciseCode,
  exerciseResults,
  reviewReports,
  sessions,
  userProgress,
  users,
  verificationTokens,
} from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { runCleanup } from "../jobs/cleanup";
import { recordAudit } from "../audit/record";
import { eraseMyAccount } from "./erase";
import { exportMyData, exportUserDataForAdmin, USER_DATA_REGISTRY } from "./export";
import { findMySessions, revokeOtherSessions, revokeSession } from "./sessions";
import { consumeSignInAttempt, parseSignInRequest } from "./sign-in";
import { updateMyProfile } from "./profile";
import { changeUserRole } from "./roles";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;
const noRequest = async () => ({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130", ip: "192.0.2.7" });

/** A user with a row in every table that can hold data about a user. */
async function populatedUser() {
  const user = await createUser(db(), { name: "Erin Example", emailVerified: new Date() });
  const tree = await createCourseTree(db(), [2], { published: true, price: 1500 });
  const lesson = tree.lessons[0]!;
  await createEnrollment(db(), user.id, tree.course.id, {
    status: "COMPLETED",
    completedAt: new Date(),
    progressPercentage: 100,
  });
  await db().insert(userProgress).values({
    userId: user.id,
    courseId: tree.course.id,
    moduleId: lesson.moduleId,
    lessonId: lesson.id,
    completed: true,
    completedAt: new Date(),
    timeSpent: 60,
  });
  const [certificate] = await db()
    .insert(certificates)
    .values({
      userId: user.id,
      courseId: tree.course.id,
      certificateNumber: `AIW-T-${user.id.slice(0, 8)}`,
      holderName: "Erin Example",
      courseTitle: tree.course.title,
    })
    .returning();
  await db()
    .insert(certificateCredentials)
    .values({
      certificateId: certificate!.id,
      verificationMethod: "did:web:localhost%3A3000#z6Mk",
      credential: { id: `urn:uuid:${certificate!.id}`, holder: "Erin Example" },
    });
  const [coupon] = await db()
    .insert(coupons)
    .values({
      code: `EXPORT-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      percentOff: 10,
      createdBy: user.id,
    })
    .returning();
  const [paid] = await db()
    .insert(payments)
    .values({
      userId: user.id,
      courseId: tree.course.id,
      amount: 1350,
      discountAmount: 150,
      couponId: coupon!.id,
      provider: "demo",
      status: "COMPLETED",
      processedAt: new Date(),
      providerTransactionId: `pi_${Math.random().toString(36).slice(2)}`,
    })
    .returning();
  await db().insert(moduleReleaseNotices).values({ userId: user.id, moduleId: tree.modules[0]!.id });
  await db()
    .insert(apiTokens)
    .values({
      userId: user.id,
      name: "HR sync",
      tokenHash: `hash-${user.id}`.padEnd(64, "0").slice(0, 64),
      displayPrefix: "aiw_abc123",
      scopes: ["learn:read"],
    });
  await db()
    .insert(webhookEvents)
    .values({
      type: "lesson.completed",
      payload: { userId: user.id, courseId: tree.course.id, lessonId: tree.lessons[0]!.id },
    });
  await db()
    .insert(prerequisiteExceptions)
    .values({ courseId: tree.course.id, userId: user.id, grantedBy: user.id });
  await db().insert(couponRedemptions).values({
    couponId: coupon!.id,
    userId: user.id,
    paymentId: paid!.id,
    status: "COMPLETED",
    discount: 150,
  });
  await db()
    .insert(payments)
    .values({ userId: user.id, courseId: tree.course.id, amount: 1500, provider: "demo", status: "PENDING" });
  const quizLesson = tree.lessons[1]!;
  await db().insert(quizzes).values({ lessonId: quizLesson.id });
  await db()
    .insert(quizAttempts)
    .values({
      lessonId: quizLesson.id,
      courseId: tree.course.id,
      userId: user.id,
      number: 1,
      questions: [],
      settings: { passPercentage: 70, partialCredit: false, revealAnswers: "after_passing" },
      pointsTotal: 0,
    });
  await db()
    .insert(quizAccommodations)
    .values({ lessonId: quizLesson.id, userId: user.id, extraAttempts: 1 });
  const student = await createUser(db());
  await db()
    .insert(quizAccommodations)
    .values({ lessonId: quizLesson.id, userId: student.id, extraTimePercent: 25, grantedBy: user.id });
  // Assignment work of the user's own, and a review the user gave (as staff) on someone else's.
  await db().insert(assignments).values({ lessonId: tree.lessons[0]!.id });
  const [mine] = await db()
    .insert(assignmentSubmissions)
    .values({
      lessonId: tree.lessons[0]!.id,
      courseId: tree.course.id,
      userId: user.id,
      draftText: "My answer",
    })
    .returning();
  await db().insert(assignmentVersions).values({ submissionId: mine!.id, number: 1, text: "My answer" });
  await db()
    .insert(storedFiles)
    .values({
      userId: user.id,
      backend: "DB",
      name: "answer.txt",
      fileType: "txt",
      contentType: "text/plain; charset=utf-8",
      byteSize: 9,
      sha256: "0".repeat(64),
    });
  const [exercise] = await db()
    .insert(lessonExercises)
    .values({
      lessonId: tree.lessons[0]!.id,
      position: 1,
      language: "python",
      checks: [{ name: "c", code: "1" }],
    })
    .returning();
  await db().insert(exerciseCode).values({ userId: user.id, exerciseId: exercise!.id, code: "print(1)" });
  await db()
    .insert(exerciseResults)
    .values({ userId: user.id, exerciseId: exercise!.id, code: "print(1)", checks: [], passed: false });
  const [theirs] = await db()
    .insert(assignmentSubmissions)
    .values({
      lessonId: tree.lessons[0]!.id,
      courseId: tree.course.id,
      userId: student.id,
      state: "IN_REVIEW",
      claimedBy: user.id,
      claimedUntil: new Date(Date.now() + 60_000),
    })
    .returning();
  const [version] = await db()
    .insert(assignmentVersions)
    .values({ submissionId: theirs!.id, number: 1, text: "Their answer" })
    .returning();
  await db()
    .insert(assignmentReviews)
    .values({ versionId: version!.id, reviewerId: user.id, decision: "PASS" });
  await db()
    .insert(courseReviews)
    .values({ userId: user.id, courseId: tree.course.id, rating: 5, comment: "Great" });
  // A classmate's review that this user hid (as a moderator) and reported.
  const classmate = await createUser(db());
  const [other] = await db()
    .insert(courseReviews)
    .values({
      userId: classmate.id,
      courseId: tree.course.id,
      rating: 1,
      comment: "Spam",
      hiddenAt: new Date(),
      hiddenReason: "spam",
      hiddenBy: user.id,
    })
    .returning();
  await db().insert(reviewReports).values({ reviewId: other!.id, reporterId: user.id, reason: "Spam link" });
  await db()
    .insert(accounts)
    .values({
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: `gh-${user.id}`,
      access_token: "gho_SECRET_ACCESS",
      refresh_token: "SECRET_REFRESH",
    });
  const adapter = createAdapter(db(), noRequest);
  await adapter.createSession!({
    sessionToken: `tok-${user.id}`,
    userId: user.id,
    expires: new Date(Date.now() + 86_400_000),
  });
  await db()
    .insert(verificationTokens)
    .values({ identifier: user.email, token: `vt-${user.id}`, expires: new Date(Date.now() + 60_000) });
  await db()
    .insert(mailOutbox)
    .values({
      to: user.email,
      subject: "Your sign-in link",
      text: `link for ${user.email}`,
      html: "<p>x</p>",
    });
  const teacher = await createCourseTree(db(), [1]);
  await addInstructor(db(), teacher.course.id, user.id, "OWNER");
  await recordAudit(
    db(),
    actorOf(user),
    {
      action: "user.profile_updated",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, name: "Erin" },
    },
    { ip: "198.51.100.4" },
  );
  return { user, tree };
}

describe("sessions", () => {
  it("makes 256-bit tokens, records the device, lists without tokens, and revokes only the user's own", async () => {
    const alice = await createUser(db());
    const bob = await createUser(db());
    const adapter = createAdapter(db(), noRequest);
    const { generateSessionToken } = await import("../auth/adapter");
    const token = generateSessionToken();
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const s1 = await adapter.createSession!({
      sessionToken: token,
      userId: alice.id,
      expires: new Date(Date.now() + 3_600_000),
    });
    const s2 = await adapter.createSession!({
      sessionToken: generateSessionToken(),
      userId: alice.id,
      expires: new Date(Date.now() + 3_600_000),
    });
    const bobs = await adapter.createSession!({
      sessionToken: generateSessionToken(),
      userId: bob.id,
      expires: new Date(Date.now() + 3_600_000),
    });
    const mine = await findMySessions(db(), actorOf(alice, (s1 as unknown as { id: string }).id));
    expect(mine).toHaveLength(2);
    expect(JSON.stringify(mine)).not.toContain(token);
    expect(mine.find((s) => s.current)?.userAgent).toContain("Chrome");
    await expect(
      revokeSession(db(), actorOf(alice), (bobs as unknown as { id: string }).id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeSession(db(), actorOf(alice), (s2 as unknown as { id: string }).id);
    expect(await findMySessions(db(), actorOf(alice))).toHaveLength(1);
    await expect(findMySessions(db(), null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("keeps at most the configured number of live sessions, revoking the oldest", async () => {
    const u = await createUser(db());
    const adapter = createAdapter(db(), noRequest);
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) {
      tokens.push(`limit-${u.id}-${i}`);
      await adapter.createSession!({
        sessionToken: tokens[i]!,
        userId: u.id,
        expires: new Date(Date.now() + 3_600_000),
      });
    }
    const live = await db()
      .select({ token: sessions.sessionToken })
      .from(sessions)
      .where(eq(sessions.userId, u.id));
    expect(live).toHaveLength(10);
    expect(live.map((l) => l.token)).not.toContain(tokens[0]);
    expect(live.map((l) => l.token)).toContain(tokens[11]);
  });

  it("ends a session at its absolute lifetime even if it was used the whole time", async () => {
    const u = await createUser(db());
    const adapter = createAdapter(db(), noRequest);
    await adapter.createSession!({
      sessionToken: `old-${u.id}`,
      userId: u.id,
      expires: new Date(Date.now() + 3_600_000),
    });
    expect(await adapter.getSessionAndUser!(`old-${u.id}`)).not.toBeNull();
    await db()
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(sessions.sessionToken, `old-${u.id}`));
    expect(await adapter.getSessionAndUser!(`old-${u.id}`)).toBeNull();
    expect(
      await db()
        .select()
        .from(sessions)
        .where(eq(sessions.sessionToken, `old-${u.id}`)),
    ).toHaveLength(0);
  });

  it("finds users by e-mail whatever its case", async () => {
    const u = await createUser(db(), { email: `case-${Date.now()}@example.com` });
    const adapter = createAdapter(db(), noRequest);
    expect((await adapter.getUserByEmail!(u.email.toUpperCase()))?.id).toBe(u.id);
  });

  it("signs out everywhere else", async () => {
    const u = await createUser(db());
    const adapter = createAdapter(db(), noRequest);
    const keep = await adapter.createSession!({
      sessionToken: `keep-${u.id}`,
      userId: u.id,
      expires: new Date(Date.now() + 3_600_000),
    });
    for (let i = 0; i < 3; i++)
      await adapter.createSession!({
        sessionToken: `other-${u.id}-${i}`,
        userId: u.id,
        expires: new Date(Date.now() + 3_600_000),
      });
    expect(await revokeOtherSessions(db(), actorOf(u, (keep as unknown as { id: string }).id))).toBe(3);
    expect((await findMySessions(db(), actorOf(u))).map((s) => s.id)).toEqual([
      (keep as unknown as { id: string }).id,
    ]);
  });
});

describe("sign-in requests", () => {
  it("answers the same for known and unknown addresses and limits requests per address", async () => {
    const known = await createUser(db());
    expect(parseSignInRequest({ email: known.email.toUpperCase() })).toMatchObject({ email: known.email });
    expect(parseSignInRequest({ email: "nobody-yet@example.com" })).toMatchObject({
      email: "nobody-yet@example.com",
    });
    const addr = `limited-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) await consumeSignInAttempt(db(), addr, null);
    await expect(consumeSignInAttempt(db(), addr.toUpperCase(), null)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      userMessage: expect.stringMatching(/^Too many sign-in attempts\. Please wait up to 15 minutes/),
    });
  });

  it("limits requests per client address across many e-mail addresses", async () => {
    for (let i = 0; i < 20; i++)
      await consumeSignInAttempt(db(), `spray-${i}-${Date.now()}@example.com`, "203.0.113.9");
    await expect(consumeSignInAttempt(db(), `spray-x@example.com`, "203.0.113.9")).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  it("rejects an invalid address and keeps redirects on the platform, counting nothing", async () => {
    expect(() => parseSignInRequest({ email: "not an email" })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    const email = `r-${Date.now()}@example.com`;
    for (let i = 0; i < 10; i++) {
      const r = parseSignInRequest({ email, callbackUrl: "https://evil.example/x" });
      expect(r.callbackUrl).toBe("/dashboard");
    }
    await expect(consumeSignInAttempt(db(), email, null)).resolves.toBeUndefined();
  });
});

describe("profile", () => {
  it("validates the name and an https picture URL, and audits the change", async () => {
    const u = await createUser(db());
    await expect(
      updateMyProfile(db(), actorOf(u), { name: "", image: "javascript:alert(1)" }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: expect.arrayContaining([
        expect.objectContaining({ path: "name" }),
        expect.objectContaining({ path: "image" }),
      ]),
    });
    await updateMyProfile(db(), actorOf(u), {
      name: "  Ada Q. Lovelace ",
      image: "https://example.com/me.png",
    });
    const [row] = await db().select().from(users).where(eq(users.id, u.id));
    expect(row).toMatchObject({ name: "Ada Q. Lovelace", image: "https://example.com/me.png" });
  });
});

describe("export", () => {
  it("covers every table and column that refers to a user (derived from the schema)", async () => {
    const fks = await queryRows<{ ref: string }>(
      db(),
      sql`SELECT c.conrelid::regclass::text || '.' || a.attname AS ref
          FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
          WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass`,
    );
    const registered = Object.keys(USER_DATA_REGISTRY);
    for (const { ref } of fks)
      expect(registered, `${ref} refers to users but the export does not cover it`).toContain(ref);
  });

  it("holds the user's data in every section, without any token or secret", async () => {
    const { user } = await populatedUser();
    const data = await exportMyData(db(), actorOf(user));
    for (const section of new Set(Object.values(USER_DATA_REGISTRY))) {
      const value = data[section as keyof typeof data];
      if (Array.isArray(value)) expect(value.length, section).toBeGreaterThan(0);
      else expect(value, section).toBeTruthy();
    }
    const text = JSON.stringify(data);
    for (const secret of [
      "gho_SECRET_ACCESS",
      "SECRET_REFRESH",
      `tok-${user.id}`,
      `vt-${user.id}`,
      `hash-${user.id}`.slice(0, 20),
    ])
      expect(text).not.toContain(secret);
    expect(data.payments).toHaveLength(2);
    expect(data.certificates[0]!.credentials).toEqual([expect.objectContaining({ holder: "Erin Example" })]);
  });

  it("names other people by their role only", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const u = await createUser(db());
    await recordAudit(db(), actorOf(admin), {
      action: "user.role_changed",
      entityType: "user",
      entityId: u.id,
    });
    const data = await exportMyData(db(), actorOf(u));
    const entry = data.auditEntries.find((e) => e.action === "user.role_changed")!;
    expect(entry.actor).toBe("ADMIN");
    expect(JSON.stringify(data)).not.toContain(admin.id);
  });
});

describe("export and other people's IP addresses", () => {
  it("blanks the IP of entries recorded by someone else and keeps the user's own", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const u = await createUser(db());
    await recordAudit(
      db(),
      actorOf(u),
      { action: "user.signed_in", entityType: "user", entityId: u.id },
      { ip: "198.51.100.23" },
    );
    await changeUserRole(db(), actorOf(admin), { userId: u.id, role: "INSTRUCTOR" }, { ip: "203.0.113.77" });
    const data = await exportMyData(db(), actorOf(u));
    const roleChange = data.auditEntries.find((e) => e.action === "user.role_changed")!;
    expect(roleChange).toMatchObject({ actor: "ADMIN", ip: null });
    expect(data.auditEntries.find((e) => e.action === "user.signed_in")).toMatchObject({
      actor: "you",
      ip: "198.51.100.23",
    });
    expect(JSON.stringify(data)).not.toContain("203.0.113.77");
  });
});

describe("export for an admin", () => {
  it("gives an admin the same export of someone else, audited as the admin's act; nobody else", async () => {
    const { user } = await populatedUser();
    const admin = await createUser(db(), { role: "ADMIN" });
    const data = await exportUserDataForAdmin(db(), actorOf(admin), user.id);
    expect(data.profile.email).toBe(user.email);
    expect(data.enrollments.length).toBeGreaterThan(0);
    const other = await createUser(db());
    await expect(exportUserDataForAdmin(db(), actorOf(other), user.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(exportUserDataForAdmin(db(), actorOf(admin), "nobody")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("erasure", () => {
  it("refuses a wrong confirmation and changes nothing", async () => {
    const u = await createUser(db());
    await expect(
      eraseMyAccount(db(), actorOf(u), { confirmEmail: "someone@else.com" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().select().from(users).where(eq(users.id, u.id))).toHaveLength(1);
  });

  it("refuses the last admin and the only instructor of a course with students", async () => {
    await db().update(users).set({ role: "STUDENT" }).where(eq(users.role, "ADMIN"));
    const admin = await createUser(db(), { role: "ADMIN" });
    await expect(eraseMyAccount(db(), actorOf(admin), { confirmEmail: admin.email })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const teacher = await createUser(db(), { role: "INSTRUCTOR" });
    const course = await createCourseTree(db(), [1], { title: "Sole Taught" });
    await addInstructor(db(), course.course.id, teacher.id);
    const student = await createUser(db());
    await createEnrollment(db(), student.id, course.course.id);
    await expect(eraseMyAccount(db(), actorOf(teacher), { confirmEmail: teacher.email })).rejects.toThrow(
      /only instructor of “Sole Taught”/,
    );
  });

  it("leaves nothing that names the user in any table, keeps payments pseudonymised, cancels pending ones", async () => {
    const { user } = await populatedUser();
    await createUser(db(), { role: "ADMIN" }); // so the user is not the last admin
    const { pseudonym } = await eraseMyAccount(db(), actorOf(user), {
      confirmEmail: user.email.toUpperCase(),
    });
    const tables = await queryRows<{ tablename: string }>(
      db(),
      sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { tablename } of tables) {
      const hits = await queryRows(
        db(),
        sql.raw(
          `SELECT 1 FROM "${tablename}" t WHERE position('${user.id}' IN t::text) > 0 OR position(lower('${user.email}') IN lower(t::text)) > 0`,
        ),
      );
      expect(hits, `${tablename} still names the erased user`).toHaveLength(0);
    }
    const kept = await db()
      .select()
      .from(payments)
      .where(sql`${payments.userId} IS NULL`);
    expect(kept.some((p) => p.status === "COMPLETED" && p.userId === null)).toBe(true);
    const cancelled = await db()
      .select()
      .from(payments)
      .where(sql`${payments.userId} IS NULL AND ${payments.status} = 'FAILED'`);
    expect(cancelled.length).toBeGreaterThan(0);
    const audit = await db().select().from(auditLog).where(eq(auditLog.actorId, pseudonym));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.profile_updated", "user.erased"]),
    );
    expect(audit.every((a) => a.ip === null)).toBe(true);
  });
});

describe("cleanup job", () => {
  it("removes expired sessions (sliding or absolute), expired tokens and old rate-limit windows, and is idempotent", async () => {
    const u = await createUser(db());
    const past = new Date(Date.now() - 60_000);
    await db()
      .insert(sessions)
      .values({ sessionToken: `exp-${u.id}`, userId: u.id, expires: past });
    await db()
      .insert(sessions)
      .values({
        sessionToken: `abs-${u.id}`,
        userId: u.id,
        expires: new Date(Date.now() + 86_400_000),
        createdAt: new Date(Date.now() - 40 * 86_400_000),
      });
    await db()
      .insert(sessions)
      .values({ sessionToken: `live-${u.id}`, userId: u.id, expires: new Date(Date.now() + 86_400_000) });
    await db()
      .insert(verificationTokens)
      .values({ identifier: u.email, token: `expired-${u.id}`, expires: past });
    const first = await runCleanup(db(), { sessionMaxAgeDays: 30 });
    expect(first.sessions).toBeGreaterThanOrEqual(2);
    expect(first.verificationTokens).toBeGreaterThanOrEqual(1);
    const left = await db()
      .select({ t: sessions.sessionToken })
      .from(sessions)
      .where(eq(sessions.userId, u.id));
    expect(left.map((l) => l.t)).toEqual([`live-${u.id}`]);
    expect(await runCleanup(db(), { sessionMaxAgeDays: 30 })).toEqual({
      sessions: 0,
      verificationTokens: 0,
      rateLimits: 0,
      outbox: 0,
      files: 0,
      webhookEvents: 0,
    });
  });
});
