import { expect } from "vitest";

/** The "Learners" figure of a course page's HTML. */
export const learnersOf = (html: string) => /Learners:<\/dt><dd[^>]*>([\d,]+)</.exec(html)?.[1];

/**
 * Reads a course page's learner count from the anonymous page cache (checking the answer was a HIT), runs
 * `change` (which must enroll one more student), then asks for the page until it shows the new count: the
 * first request that shows it must have been sent within a second of the change. (How long that request then
 * takes — a fresh render, slow on a machine running both CI passes — is not the cache's delay.)
 */
export async function expectEnrollmentShownWithinASecond(pageUrl: string, change: () => Promise<void>) {
  // The page in the cache first. A change made just before (by an earlier test) may still be announced while
  // the page is being filled: that fill is not kept, so ask until the answer comes from the cache.
  let before = await fetch(pageUrl);
  for (let i = 0; i < 30 && before.headers.get("x-cache") !== "HIT"; i++) {
    await before.text();
    await new Promise((r) => setTimeout(r, 100));
    before = await fetch(pageUrl);
  }
  expect(before.headers.get("x-cache")).toBe("HIT");
  const count = Number(learnersOf(await before.text())!.replace(/,/g, ""));
  await change();
  const changedAt = Date.now();
  let shown = "";
  let askedAt = changedAt;
  while (Date.now() - changedAt < 1000) {
    askedAt = Date.now();
    shown = learnersOf(await (await fetch(pageUrl)).text()) ?? "";
    if (shown === String(count + 1)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(shown).toBe(String(count + 1));
  expect(askedAt - changedAt).toBeLessThan(1000);
}

/** The sum of a Prometheus metric's samples whose line matches `pattern` (its first group is the value). */
export async function metricSum(serverUrl: string, token: string, pattern: RegExp): Promise<number> {
  const text = await (
    await fetch(`${serverUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })
  ).text();
  return [...text.matchAll(new RegExp(pattern.source, "gm"))].reduce((n, m) => n + Number(m[1]), 0);
}
