import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

describe("certificates as verifiable credentials", () => {
  it("downloads a certificate's credential from its page; the page verifies it, and refuses a changed copy", async () => {
    // Maya (demo data) holds two certificates.
    const holder = await e2e.browser.newContext();
    const maya = await signInViaMailbox(holder, e2e.server.url, "maya@example.com");
    const mine = await (await maya.request.get(`${e2e.server.url}/api/v1/me/certificates`)).json();
    const number: string = mine.items.find((c: { status: string }) => c.status === "valid").certificateNumber;
    // The account page lists the credential beside the PDF.
    await maya.goto(`${e2e.server.url}/account`);
    await maya
      .getByRole("link", { name: /^Credential \(signed Open Badges file\)/ })
      .first()
      .waitFor();
    await holder.close();

    // Anyone, signed out: the certificate page offers the file.
    const context = await e2e.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/certificates/${number}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download credential (.json)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.json`);
    const file = await download.path();
    const credential = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(file!, "utf8")));
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.issuer.id).toBe(`did:web:${new URL(e2e.server.url).host.replace(":", "%3A")}`);

    // The page checks the downloaded file.
    const verify = page.getByRole("region", { name: "Verify a credential file" });
    await verify.getByLabel("Credential file (.json)").setInputFiles(file!);
    await verify.getByRole("button", { name: "Verify" }).click();
    const result = verify.getByRole("status");
    await result.getByText("Valid credential").waitFor();
    expect(await result.textContent()).toContain("Not revoked: yes");
    expect(await result.textContent()).toContain(`“${credential.credentialSubject.achievement.name}”`);

    // One changed letter in the holder's name: the signature no longer matches.
    const changed = structuredClone(credential);
    const name: string = changed.credentialSubject.identifier[0].identityHash;
    changed.credentialSubject.identifier[0].identityHash =
      name.slice(0, -1) + (name.endsWith("a") ? "b" : "a");
    await verify.getByLabel("Credential file (.json)").setInputFiles({
      name: "changed.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(changed)),
    });
    await verify.getByRole("button", { name: "Verify" }).click();
    await result.getByText("Not valid: the file was changed").waitFor();
    expect(await result.textContent()).toContain("Signature matches the content (nothing changed): no");

    // What is not a credential gets a sentence, not a verdict.
    await verify.getByLabel("Credential file (.json)").setInputFiles({
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from("these are my notes"),
    });
    await verify.getByRole("button", { name: "Verify" }).click();
    await verify
      .getByRole("alert")
      .getByText(/not JSON/)
      .waitFor();
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await context.close();

    // The API, by its document; the issuer's public documents.
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const got = await fetch(`${e2e.server.url}/api/v1/certificates/${number}/credential`);
    expectMatchesOpenApi(doc, "GET", "/api/v1/certificates/{number}/credential", 200, await got.json());
    const checked = await fetch(`${e2e.server.url}/api/v1/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(changed),
    });
    const verdict = await checked.json();
    expectMatchesOpenApi(doc, "POST", "/api/v1/credentials/verify", 200, verdict);
    expect(verdict).toMatchObject({ valid: false, verdict: "tampered" });
    const big = await fetch(`${e2e.server.url}/api/v1/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expectMatchesOpenApi(doc, "POST", "/api/v1/credentials/verify", 413, await big.json());
    const did = await fetch(`${e2e.server.url}/.well-known/did.json`);
    expect(did.headers.get("content-type")).toContain("application/did+json");
    const didDocument = await did.json();
    expect(didDocument.assertionMethod).toContain(credential.proof.verificationMethod);
    const list = await fetch(credential.credentialStatus.statusListCredential);
    expect(list.status).toBe(200);
    expect((await list.json()).type).toContain("BitstringStatusListCredential");
  });
});
