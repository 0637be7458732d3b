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
