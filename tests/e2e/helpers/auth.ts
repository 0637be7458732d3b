import type { BrowserContext, Page } from "playwright-core";

/** A text matched literally inside a regular expression (names, e-mail addresses). */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Asks for a sign-in link on /signin, the way a person does. The tests start from the account page (a person
 * without a page to return to lands on "My learning"; the SMTP test walks that).
 */
export async function requestLink(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/signin?callbackUrl=%2Faccount`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your e-mail" }).waitFor();
}

/** Signs in through the demo mailbox: request the link, open the newest message's link. */
export async function signInViaMailbox(
  context: BrowserContext,
  baseUrl: string,
  email: string,
): Promise<Page> {
  const page = await context.newPage();
  await requestLink(page, baseUrl, email);
  await page.goto(`${baseUrl}/dev/mailbox`);
  const message = page.getByRole("article", { name: new RegExp(`to ${escapeRegExp(email)}`) }).first();
  await message.getByRole("link", { name: "Open the link in this message" }).click();
  await page.waitForURL(`${baseUrl}/account`);
  return page;
}
