import { describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

describe("the admin console", () => {
  it("shows the overview charts, features a course, suspends and reinstates an enrollment, and opens database health", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "admin@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await page.waitForURL(`${e2e.server.url}/admin`);
    // The console's navigation says where you are.
    const adminNav = page.getByRole("navigation", { name: "Administration" });
    const current = async () =>
      adminNav
        .locator("a[aria-current]")
        .evaluateAll((links) => links.map((a) => `${a.textContent}=${a.getAttribute("aria-current")}`));
    expect(await current()).toEqual(["Overview=page"]);
    for (const chart of ["Users by role", "Courses by state", "Enrollments by status"]) {
      expect(await page.getByRole("img", { name: new RegExp(chart) }).count()).toBe(1);
    }

    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Courses" })
      .click();
    await page.waitForURL(`${e2e.server.url}/admin/courses`);
    await expect.poll(current).toEqual(["Courses=page"]);
    await page.getByRole("button", { name: "Feature Machine Learning with Python" }).click();
    await page.getByRole("button", { name: "Unfeature Machine Learning with Python" }).waitFor();
    const home = await (await fetch(`${e2e.server.url}/`)).text();
    expect(home).toContain("Machine Learning with Python");

    await page.goto(`${e2e.server.url}/admin/users?q=sam`);
    await page.getByRole("link", { name: "Sam Rivera" }).click();
    // A user's page is inside Users: its link is the current one of the set.
    await expect.poll(current).toEqual(["Users=true"]);
    const row = page.getByRole("row").filter({ hasText: "AI Foundations" });
    await row.getByRole("checkbox").check();
    await row.getByRole("button", { name: "Suspend" }).click();
    await row.getByRole("button", { name: "Reinstate" }).waitFor();
    await row.getByRole("button", { name: "Reinstate" }).click();
    await row.getByRole("button", { name: "Suspend" }).waitFor();

    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Database" })
      .click();
    await page.getByRole("heading", { name: "Database health" }).waitFor();
    expect(await page.getByText(/Reachable · [\d.]+ ms/).isVisible()).toBe(true);
    expect(await page.getByRole("cell", { name: "idx_courses_slug" }).count()).toBe(1);
    await page.goto(`${e2e.server.url}/admin/audit?entityType=enrollment`);
    expect(await page.getByRole("cell", { name: "enrollment.suspended" }).count()).toBeGreaterThan(0);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("keeps students out of the console", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "maya@example.com");
    for (const path of ["/admin", "/admin/health", "/admin/courses"]) {
      await page.goto(`${e2e.server.url}${path}`);
      await page.waitForURL(/\/account\?denied=1/);
    }
    await context.close();
  });
});
