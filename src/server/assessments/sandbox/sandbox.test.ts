import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "../../http/security-headers";
import { SANDBOX_PAGE_PATH, sandboxPage } from "./page";
import { getRuntimeFile, runtimeBasePath } from "./runtime";

const ORIGIN = "https://learn.example.com";
const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(" ")];
    }),
  );

describe("the exercise sandbox page", () => {
  const { html, headers } = sandboxPage(ORIGIN);
  const csp = directives(headers["content-security-policy"]!);
  const runtime = `${ORIGIN}${runtimeBasePath()}`;

  it("is sandboxed to an opaque origin by its own policy, framed by the platform only", () => {
    expect(csp.get("sandbox")).toBe("allow-scripts");
    expect(csp.get("frame-ancestors")).toBe("'self'");
    expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(csp.get("default-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'none'");
    expect(csp.get("form-action")).toBe("'none'");
  });

  it("runs its own inline script by hash, the runtime's files and blob workers; connects to the runtime only", () => {
    const inline = html.match(/<script>([\s\S]*)<\/script>/)![1]!;
    const hash = createHash("sha256").update(inline, "utf8").digest("base64");
    expect(csp.get("script-src")).toBe(`'sha256-${hash}' ${runtime} blob: 'wasm-unsafe-eval'`);
    expect(csp.get("worker-src")).toBe("blob:");
    expect(csp.get("connect-src")).toBe(runtime);
    expect(headers["content-security-policy"]!).not.toMatch(/(^|\s)'unsafe-eval'/);
    expect(headers["content-security-policy"]!).not.toContain("unsafe-inline");
    expect(headers["content-security-policy"]!).not.toContain("allow-same-origin");
    expect(html).toContain(`data-runtime="${runtimeBasePath()}"`);
  });

  it("is the only same-origin frame a platform page may embed", () => {
    const page = directives(contentSecurityPolicy("n0nce", false, [], `${ORIGIN}${SANDBOX_PAGE_PATH}`));
    expect(page.get("frame-src")?.split(" ")).toContain(`${ORIGIN}/sandbox/runner`);
    expect(page.get("frame-src")).not.toContain("'self'");
    expect(page.get("frame-ancestors")).toBe("'none'");
  });
});

describe("the exercise runtime's files", () => {
  const version = runtimeBasePath().split("/")[3]!;

  it("are versioned by a hash of their bytes and served only for that version", async () => {
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(await getRuntimeFile("0".repeat(16), "driver.py", false)).toBeNull();
    expect(await getRuntimeFile(version, "../package.json", false)).toBeNull();
    expect(await getRuntimeFile(version, "console.html", false)).toBeNull();
  });

  it("have the types a browser needs (WebAssembly streams only as application/wasm) and gzip when asked", async () => {
    const wasm = await getRuntimeFile(version, "pyodide.asm.wasm", true);
    expect(wasm?.contentType).toBe("application/wasm");
    expect(wasm?.encoding).toBe("gzip");
    const plain = await getRuntimeFile(version, "pyodide.asm.wasm", false);
    expect(gunzipSync(wasm!.data).equals(plain!.data)).toBe(true);
    expect(plain!.data.subarray(0, 4).toString("hex")).toBe("0061736d");
    expect((await getRuntimeFile(version, "python-worker.js", false))?.contentType).toMatch(
      /^text\/javascript/,
    );
  });
});
