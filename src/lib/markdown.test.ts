import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

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
