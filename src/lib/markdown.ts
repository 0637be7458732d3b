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
 * styles; only http(s)/mailto links), then images and links are held to the platform's rules below, then code
 * is highlighted (the highlighter only adds <span class="hljs-…"> to already-safe text). External links open
 * with rel="noopener noreferrer". The same function renders the player and the authoring preview.
 */
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-[\w-]+$/]],
  },
};

/**
 * The platform's own image folders (public/covers, public/media): plain file paths, nothing else on the
 * platform. An <img> is a GET the viewer's browser sends with the viewer's cookies, so any other platform path
 * (an /api/ sign-in callback, a sign-out) would act as the viewer: no query, no fragment, no percent-encoding
 * (an encoded slash or dot), no backslash, no empty segment, no "..".
 */
const PLATFORM_IMAGE_PATH = /^\/(covers|media)(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/;

/**
 * The address an image may be shown from, or null: a platform image path, or an https URL on one of the
 * given image hosts (IMAGE_HOSTS, the same list the CSP's img-src allows: callers pass getEnv().imageHosts,
 * src/lib does not read the configuration) on the default port, without credentials. Course covers and Markdown
 * images both go through it.
 */
export function displayableImageSrc(
  src: string | null | undefined,
  imageHosts: readonly string[],
): string | null {
  if (!src) return null;
  if (src.startsWith("/")) return PLATFORM_IMAGE_PATH.test(src) && !src.includes("..") ? src : null;
  if (!/^https:\/\/[^\\/]/i.test(src) || !URL.canParse(src)) return null;
  const url = new URL(src);
  const allowed =
    url.protocol === "https:" &&
    url.port === "" &&
    url.username === "" &&
    url.password === "" &&
    imageHosts.includes(url.hostname);
  return allowed ? url.href : null;
}

/** "//host", "/\host", "\\host" and their percent-encoded forms: browsers read them as another site. */
function isProtocolRelative(href: string): boolean {
  const head = href.slice(0, 12).replace(/%2f/gi, "/").replace(/%5c/gi, "\\");
  return /^[\\/]{2}/.test(head);
}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function applyUrlRules(parent: HastNode, imageHosts: readonly string[]) {
  if (!parent.children) return;
  parent.children = parent.children.flatMap((node): HastNode[] => {
    if (node.type !== "element") return [node];
    const props = (node.properties ??= {});
    if (node.tagName === "img") {
      const src = displayableImageSrc(typeof props.src === "string" ? props.src : null, imageHosts);
      // A refused image becomes its alt text.
      if (!src) return props.alt ? [{ type: "text", value: String(props.alt) }] : [];
      props.src = src;
      delete props.longDesc;
      if (!src.startsWith("/")) props.referrerPolicy = "no-referrer";
      return [node];
    }
    applyUrlRules(node, imageHosts);
    // A link to another site without a scheme keeps its text and loses its address.
    if (node.tagName === "a" && typeof props.href === "string" && isProtocolRelative(props.href)) {
      return node.children ?? [];
    }
    return [node];
  });
}

function rehypePlatformUrls() {
  return (tree: HastNode, file: { data: Record<string, unknown> }) => {
    applyUrlRules(tree, (file.data.imageHosts as readonly string[] | undefined) ?? []);
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema as never)
  .use(rehypePlatformUrls as never)
  .use(rehypeHighlight, { detect: false, ignoreMissing: true } as never)
  .use(rehypeExternalLinks, { rel: ["noopener", "noreferrer"], target: "_blank" })
  .use(rehypeStringify)
  .freeze();

/**
 * `imageHosts`: the hosts whose https images are shown (pass getEnv().imageHosts); without it only the
 * platform's own images are.
 */
export function renderMarkdown(markdown: string, opts: { imageHosts?: readonly string[] } = {}): string {
  const imageHosts = opts.imageHosts ?? [];
  return String(processor.processSync({ value: markdown, data: { imageHosts } }));
}
