import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

describe("assignments", () => {
  it("a student hands in, is sent back with feedback, hands in again and passes; the lesson completes", async () => {
    const url = e2e.server.url;
    const course = (await (await fetch(`${url}/api/v1/courses/ai-foundations`)).json()) as {
      modules: { lessons: { id: string; lessonType: string }[] }[];
    };
    const lessonId = course.modules.flatMap((m) => m.lessons).find((l) => l.lessonType === "ASSIGNMENT")!.id;
    const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();

    // A new learner enrolls in the free course and opens its assignment.
    const student = await e2e.browser.newContext();
    const page = await signInViaMailbox(student, url, "nia@example.com");
    const watch = watchPage(page, url);
    await page.goto(`${url}/courses/ai-foundations`);
    await page.getByRole("button", { name: /Enroll for free/ }).click();
    await page.waitForURL(new RegExp(`${url}/learn/ai-foundations/`));
    await page.goto(`${url}/learn/ai-foundations/${lessonId}`);
    expect(await page.getByRole("button", { name: /Mark complete|Complete and continue/ }).count()).toBe(0);
    await page.getByText("Not handed in yet").waitFor();
    await page
      .getByLabel("Your answer (Markdown)")
      .fill("## My brief\n\nA support-ticket **triage** assistant.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved").waitFor();
    await page.reload();
    expect(await page.getByLabel("Your answer (Markdown)").inputValue()).toContain("triage");
    const bad = await page.request.put(`${url}/api/v1/lessons/${lessonId}/assignment/draft`, {
      headers: { origin: url },
      data: { links: ["javascript:alert(1)"] },
    });
    expect(bad.status()).toBe(422);
    // Files: a refused type is explained before anything is sent; a file whose bytes are not what its name says
    // is refused by the server; a real one uploads (with a progress bar) and stays after a reload.
    const fileInput = page.getByLabel("Add files");
    await fileInput.setInputFiles({
      name: "diagram.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from("<svg/>"),
    });
    await page.getByText(/diagram\.svg: Not an accepted type/).waitFor();
    await fileInput.setInputFiles({
      name: "brief.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("just text"),
    });
    await page.getByText(/brief\.pdf: .*is not really a PDF/).waitFor();
    await fileInput.setInputFiles({
      name: "test-log.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("case,quality,errors\n1,4,one owner wrong\n2,5,none\n"),
    });
    await page.getByRole("link", { name: "test-log.csv" }).waitFor();
    await page.reload();
    await page.getByRole("link", { name: "test-log.csv" }).waitFor();
    await page.getByRole("button", { name: "Hand in" }).click();
    await page.getByText("Handed in — waiting for review").waitFor();
    const mine = await page.request.get(`${url}/api/v1/lessons/${lessonId}/assignment`);
    expectMatchesOpenApi(doc, "GET", "/api/v1/lessons/{id}/assignment", 200, await mine.json());

    // Ada (the course's instructor) finds it in her queue, scores the rubric and sends it back.
    const staff = await e2e.browser.newContext();
    const ada = await signInViaMailbox(staff, url, "ada@example.com");
    const adaWatch = watchPage(ada, url);
    await ada.goto(`${url}/instructor/reviews`);
    await ada.getByRole("link", { name: "Nia Okafor" }).click();
    // The file handed in is there to download, as an attachment, byte for byte.
    const fileLink = ada.getByRole("link", { name: "test-log.csv" }).first();
    const download = await ada.request.get(`${url}${await fileLink.getAttribute("href")}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="test-log\.csv"/);
    expect(await download.text()).toBe("case,quality,errors\n1,4,one owner wrong\n2,5,none\n");
    await ada.getByRole("button", { name: "Claim for review" }).click();
    await ada.getByText("You are reviewing this").waitFor();
    const criteria = ada.locator("fieldset fieldset");
    for (let i = 0; i < (await criteria.count()); i++)
      await criteria.nth(i).getByRole("radio").first().check();
    await ada.getByRole("button", { name: "Send back for revision" }).click();
    await ada.getByText(/Say what to revise/).waitFor();
    await ada
      .getByLabel(/Feedback to the student/)
      .fill("Name **who** uses it and how you will measure success.");
    await ada.getByRole("button", { name: "Send back for revision" }).click();
    // The outcome is said where the form was, then by the page itself once it has refreshed.
    await ada
      .getByText(/Sent back for revision\. The student is told by e-mail/)
      .first()
      .waitFor();

    // The student reads the feedback (and the e-mail), revises the copied draft, hands in again.
    await page.reload();
    await page.getByText("Sent back for revision").first().waitFor();
    expect(await page.getByText("how you will measure success").isVisible()).toBe(true);
    expect(await page.getByLabel("Your answer (Markdown)").inputValue()).toContain("triage");
    await page
      .getByLabel("Your answer (Markdown)")
      .fill("## My brief\n\nTriage for the support team; success = time to first reply.");
    await page.getByRole("button", { name: "Hand in" }).click();
    await page.getByText("Handed in — waiting for review").waitFor();
    await page.goto(`${url}/dev/mailbox`);
    expect(
      await page
        .getByText(/Feedback on Assignment: Write an AI Use-Case Brief/)
        .first()
        .isVisible(),
    ).toBe(true);

    // Ada passes version 2 (the claim was released by her decision: she claims again).
    await ada.reload();
    await ada.getByRole("button", { name: "Claim for review" }).click();
    await ada.getByText("You are reviewing this").waitFor();
    for (let i = 0; i < (await criteria.count()); i++)
      await criteria.nth(i).getByRole("radio").last().check();
    await ada.getByRole("button", { name: "Pass" }).click();
    await ada
      .getByText(/Passed\. The student is told by e-mail/)
      .first()
      .waitFor();

    await page.goto(`${url}/learn/ai-foundations/${lessonId}`);
    await page.getByText("This lesson is complete. Well done.").waitFor();
    const entry = page.getByRole("link", { name: /\(completed\)/ }).filter({ hasText: "Use-Case Brief" });
    expect(await entry.count()).toBe(1);
    const refused = await page.request.put(`${url}/api/v1/lessons/${lessonId}/assignment/draft`, {
      headers: { origin: url },
      data: { text: "Too late" },
    });
    expect(refused.status()).toBe(409);
    // The one refusal the student met on purpose (the spoofed PDF) is the only thing their browser logged.
    expect(watch.problems.filter((p) => !/status of 415 .*\/assignment\/files\)$/.test(p))).toEqual([]);
    // The one refusal Ada met on purpose (sending back without feedback) is the only thing her browser logged.
    expect(adaWatch.problems.filter((p) => !/status of 422 .*\/review\)$/.test(p))).toEqual([]);
    await student.close();
    await staff.close();
  });
});
