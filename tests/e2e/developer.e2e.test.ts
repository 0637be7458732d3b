import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

describe("personal API tokens, from the account page to the API", () => {
  it("creates a token shown once, uses it without any cookie, sees it listed as used, revokes it", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "sam@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/account#api-tokens`);
    const section = page.getByRole("region", { name: "API tokens" });
    await section.getByText("You have no API tokens.").waitFor();
    await section.getByLabel("Token name").fill("My study tracker");
    await section.getByRole("checkbox", { name: /learn:write/ }).check();
    await section.getByLabel("Expires").selectOption("30");
    await section.getByRole("button", { name: "Create token" }).click();
    const secretField = section.getByLabel(/copy it now, it will not be shown again/);
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^aiw_[0-9A-Za-z]{49}$/);
    await section.getByRole("status").filter({ hasText: "shown only this once" }).waitFor();
    // Only the scopes a student may give are offered.
    expect(await section.getByRole("checkbox", { name: /admin|author:/ }).count()).toBe(0);

    // A script, with no cookie at all.
    const auth = { authorization: `Bearer ${secret}` };
    const me = await fetch(`${e2e.server.url}/api/v1/me`, { headers: auth });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "sam@example.com", role: "STUDENT" });
    const renamed = await fetch(`${e2e.server.url}/api/v1/me`, {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "Sam Token-Renamed" }),
    });
    expect(renamed.status).toBe(200);
    const exportTry = await fetch(`${e2e.server.url}/api/v1/me/export`, { headers: auth });
    expect(exportTry.status).toBe(403);

    // The page lists it (never the secret), as used; the name it set shows in the profile.
    await page.reload();
    const list = section.getByRole("list", { name: "Your API tokens" });
    await list.getByText("My study tracker", { exact: true }).waitFor();
    expect(await list.textContent()).not.toContain(secret);
    expect(await list.textContent()).toMatch(/learn:read, learn:write · created .* · last used (?!—)/);
    expect(await page.getByLabel(/^Name/).inputValue()).toBe("Sam Token-Renamed");

    await list.getByText("Revoke…").click();
    await list.getByRole("button", { name: "Yes, revoke it" }).click();
    await section.getByText("Token revoked").waitFor();
    await section.getByText("You have no API tokens.").waitFor();
    const after = await fetch(`${e2e.server.url}/api/v1/me`, { headers: auth });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await context.close();
  });
});

describe("outbound webhooks, from the admin page to a receiver", () => {
  it("an admin adds an endpoint; a student's token completes a lesson; a signed lesson.completed arrives and shows as delivered", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const arrived = async (type: string) => {
      for (let i = 0; i < 150; i++) {
        const hit = received.find((r) => JSON.parse(r.body).type === type);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no ${type} arrived within 30 s`);
    };
    const admin = await e2e.browser.newContext();
    const student = await e2e.browser.newContext();
    try {
      const page = await signInViaMailbox(admin, e2e.server.url, "admin@example.com");
      const watch = watchPage(page, e2e.server.url);
      await page.goto(`${e2e.server.url}/admin/webhooks`);
      await page.getByRole("heading", { name: "No webhook endpoints yet" }).waitFor();
      await page.getByLabel("Address").fill("https://10.0.0.8/hooks");
      await page.getByRole("checkbox", { name: /lesson\.completed/ }).check();
      await page.getByRole("button", { name: "Add endpoint" }).click();
      // A private address is refused with a reason, and what was typed stays.
      await page
        .getByText(/private, loopback, link-local or reserved/)
        .first()
        .waitFor();
      expect(await page.getByRole("checkbox", { name: /lesson\.completed/ }).isChecked()).toBe(true);
      await page.getByLabel("Address").fill(receiverUrl);
      await page.getByLabel("Description").fill("Local receiver");
      await page.getByRole("button", { name: "Add endpoint" }).click();
      const secretField = page.getByLabel(/signing secret — copy it into the receiver now/);
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      expect(secret).toMatch(/^whsec_/);
      await page.getByRole("status").filter({ hasText: "shown only this once" }).waitFor();

      // A new student, with a token made by the API on their browser session.
      await signInViaMailbox(student, e2e.server.url, `hooks-${Date.now()}@example.com`);
      const made = await student.request.post(`${e2e.server.url}/api/v1/me/tokens`, {
        data: { name: "tracker", scopes: ["learn:write"] },
        headers: { origin: e2e.server.url },
      });
      expect(made.status()).toBe(201);
      const auth = { authorization: `Bearer ${(await made.json()).secret}` };
      const enrolled = await fetch(`${e2e.server.url}/api/v1/courses/ai-foundations/enrollment`, {
        method: "POST",
        headers: auth,
      });
      expect(enrolled.status).toBe(201);
      const course = await (await fetch(`${e2e.server.url}/api/v1/courses/ai-foundations`)).json();
      const lessons = course.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons);
      let completed: string | null = null;
      for (const lesson of lessons) {
        const put = await fetch(`${e2e.server.url}/api/v1/lessons/${lesson.id}/progress`, {
          method: "PUT",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ completed: true }),
        });
        if (put.status === 200) {
          completed = lesson.id;
          break;
        }
        expect(put.status).toBe(409); // completed by its quiz, not by hand
      }
      expect(completed).not.toBeNull();

      const delivery = await arrived("lesson.completed");
      const { id, type, data } = JSON.parse(delivery.body);
      expect(type).toBe("lesson.completed");
      expect(delivery.headers["webhook-id"]).toBe(id);
      expect(data).toMatchObject({ lessonId: completed, courseId: course.id });
      const timestamp = delivery.headers["webhook-timestamp"] as string;
      const expected = crypto
        .createHmac("sha256", secret)
        .update(`${timestamp}.${delivery.body}`)
        .digest("hex");
      expect(delivery.headers["webhook-signature"]).toBe(`v1=${expected}`);

      // The endpoint's page shows the delivery; a test event goes out from there.
      await page.getByRole("link", { name: "Open the endpoint" }).click();
      const table = page.getByRole("region", { name: "Deliveries to this endpoint" });
      await table.getByText("lesson.completed", { exact: true }).waitFor();
      await table.getByText("delivered", { exact: true }).first().waitFor();
      await page.getByRole("button", { name: "Send a test event" }).click();
      await page.getByText(/Test event queued/).waitFor();
      expect(JSON.parse((await arrived("webhook.test")).body).data.endpointId).toBeTruthy();
      await page.getByRole("link", { name: "Refresh deliveries" }).click();
      await table.getByText("webhook.test", { exact: true }).waitFor();
      expect(watch.problems).toEqual([]);
      expect(watch.external).toEqual([]);
    } finally {
      await admin.close();
      await student.close();
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});
