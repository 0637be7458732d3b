import rehypeExternalLinks from "rehype-external-links";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/**
 * Lesson Markdown → safe HTML, on the server. Raw HTML in the Markdown is dropped (remark-rehype without
 * allowDangerousHtml), then the tree is sanitized with GitHub's schema (no scripts, event handlers, iframes,
 * styles; only http(s)/mailto links and http(s) or platform-relative images), then code is highlighted (the
 * highlighter only adds <span class="hljs-…"> to already-safe text). External links open with
 * rel="noopener noreferrer". The same function renders the player and the authoring preview.
 */
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-[\w-]+$/]],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema as never)
  .use(rehypeHighlight, { detect: false, ignoreMissing: true } as never)
  .use(rehypeExternalLinks, { rel: ["noopener", "noreferrer"], target: "_blank" })
  .use(rehypeStringify)
  .freeze();

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
