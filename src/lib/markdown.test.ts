import { describe, expect, it } from "vitest";
import { displayableImageSrc, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, lists, tables, links and highlighted code", () => {
    const html = renderMarkdown(
      "## Title\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f(x):\n    return x\n```\n\n[docs](https://example.com) and [home](/courses)",
    );
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<table>");
    expect(html).toMatch(/<code class="hljs language-python">.*<span class="hljs-keyword">def<\/span>/s);
    expect(html).toContain(
      '<a href="https://example.com" rel="noopener noreferrer" target="_blank">docs</a>',
    );
    expect(html).toContain('<a href="/courses">home</a>');
  });

  const PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle/></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x73;cript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<object data="x"></object><embed src="x">',
    '<form action="https://evil.example"><button>go</button></form>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "[x](<javascript:alert(1)>)",
    "<details open ontoggle=alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
  ];

  it.each(PAYLOADS)("neutralises %s", (payload) => {
    const html = renderMarkdown(`Before\n\n${payload}\n\nAfter`);
    expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<form|<math|<style/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/style=/i);
    expect(html).toContain("After");
  });
});

describe("images in lesson Markdown", () => {
  const HOSTS = ["images.example.com"];
  const img = (src: string, hosts: readonly string[] = HOSTS) =>
    renderMarkdown(`Before\n\n![a diagram](${src})\n\nAfter`, { imageHosts: hosts });

  it("renders the platform's own covers and media", () => {
    expect(img("/covers/ai-foundations.svg")).toContain(
      '<img src="/covers/ai-foundations.svg" alt="a diagram">',
    );
    expect(img("/media/2026/diagram-1.png")).toContain('src="/media/2026/diagram-1.png"');
  });

  it("renders an https image from a configured host, without a referrer", () => {
    const html = img("https://images.example.com/a.png");
    expect(html).toContain('src="https://images.example.com/a.png"');
    expect(html).toContain('referrerpolicy="no-referrer"');
    expect(img("https://IMAGES.example.com/b.png")).toContain("<img");
  });

  const REFUSED = [
    "/api/auth/callback/nodemailer?token=abc&email=victim%40example.com",
    "/api/v1/me/enrollments",
    "/courses/x",
    "/dev/mailbox",
    "/covers/../api/auth/signout",
    "/covers/%2e%2e/api/auth/signout",
    "/covers/..%2fapi/x",
    "/covers/a%2F..%2F..%2Fapi",
    "/covers/a.svg?x=1",
    "/covers/a.svg#frag",
    "/covers//evil.example/a.png",
    "//evil.example/a.png",
    "/\\evil.example/a.png",
    "\\\\evil.example\\a.png",
    "covers/a.svg",
    "./covers/a.svg",
    "../api/auth/signout",
    "?token=abc",
    "https://evil.example/pixel.png",
    "https://images.example.com.evil.example/a.png",
    "https://user:pass@images.example.com/a.png",
    "http://images.example.com/a.png",
    "https://images.example.com:8443/a.png",
    "/covers/",
  ];

  it.each(REFUSED)("does not fetch %s, keeping the alt text", (src) => {
    const html = img(src);
    expect(html).not.toContain("<img");
    expect(html).toContain("a diagram");
    expect(html).toContain("After");
  });

  it("refuses every remote image when no image host is configured", () => {
    expect(img("https://images.example.com/a.png", [])).not.toContain("<img");
  });

  it("shows only the platform's own images unless given the image hosts", () => {
    expect(renderMarkdown("![x](https://images.example.com/a.png)")).not.toContain("<img");
    expect(renderMarkdown("![x](/covers/a.svg)")).toContain("<img");
  });

  it("refuses reference-style and autolinked images the same way", () => {
    const html = renderMarkdown("![x][r]\n\n[r]: /api/auth/signout", { imageHosts: HOSTS });
    expect(html).not.toContain("<img");
  });
});

describe("links in lesson Markdown", () => {
  it("keeps platform links (navigations, not automatic requests) and https links", () => {
    expect(renderMarkdown("[next](/learn/x/y)")).toContain('<a href="/learn/x/y">next</a>');
    expect(renderMarkdown("[a](https://example.com/x)")).toContain('href="https://example.com/x"');
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example/x",
    // Markdown "\\\\" is two backslashes
    "\\\\\\\\evil.example/x",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "<//evil.example>",
  ])("drops the address of [x](%s) but keeps its text", (href) => {
    const html = renderMarkdown(`[click here](${href})`);
    expect(html).toContain("click here");
    expect(html).not.toMatch(/href="(\/\/|\/\\|\\|javascript|%5C%5C)/i);
    expect(html).not.toMatch(/evil\.example/);
  });
});

describe("course images (displayableImageSrc, the same rule)", () => {
  const HOSTS = ["images.example.com"];
  it("shows the demo covers and https images from a configured host", () => {
    expect(displayableImageSrc("/covers/prompt-engineering.svg", [])).toBe("/covers/prompt-engineering.svg");
    expect(displayableImageSrc("https://images.example.com/c.png", HOSTS)).toBe(
      "https://images.example.com/c.png",
    );
  });

  it("shows nothing else: platform routes, other hosts, or no image", () => {
    for (const src of [
      "/api/auth/signout",
      "/courses",
      "/covers/../api/x",
      "https://other.example/c.png",
      "",
      null,
    ]) {
      expect(displayableImageSrc(src, HOSTS)).toBeNull();
    }
    expect(displayableImageSrc("https://images.example.com/c.png", [])).toBeNull();
  });
});
