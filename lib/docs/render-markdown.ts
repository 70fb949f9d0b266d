import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

// Markdown → HTML that is safe on the app origin: marked parses (GFM), then sanitize-html
// keeps only a strict allowlist. Raw HTML in a doc survives only as harmless markup:
// no scripts, iframes, styles, forms, event handlers or javascript:/data: URLs. The page
// also ships a script-free CSP (layout-html.ts), so a sanitizer miss still cannot run code.

export interface DocHeading {
  depth: number;
  id: string;
  text: string;
}

export interface RenderedDoc {
  html: string;
  /** The first level-1 heading's text, if any. */
  title: string | null;
  headings: DocHeading[];
}

const HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...HEADING_TAGS, "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "del", "s",
    "code", "pre", "kbd", "sup", "sub", "mark", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "details", "summary", "dl", "dt", "dd", "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    input: ["type", "checked", "disabled"],
    ...Object.fromEntries(HEADING_TAGS.map((tag) => [tag, ["id"]])),
  },
  allowedClasses: { code: [/^language-[A-Za-z0-9_+#-]{1,32}$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // Every link: no window.opener, no Referer leaking a confidential doc's URL.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
    // Task-list checkboxes only, and never editable.
    input: (tagName, attribs) =>
      attribs.type === "checkbox"
        ? { tagName, attribs: { type: "checkbox", disabled: "", ...("checked" in attribs ? { checked: "" } : {}) } }
        : { tagName: "span", attribs: {} },
    ...Object.fromEntries(
      HEADING_TAGS.map((tag) => [
        tag,
        (tagName: string, attribs: sanitizeHtml.Attributes) => ({
          tagName,
          attribs: /^[a-z0-9][a-z0-9-]{0,80}$/.test(attribs.id ?? "") ? { id: attribs.id } : {},
        }),
      ]),
    ),
  },
};

/** Visible text of inline tokens (no markup, no raw HTML); callers re-escape it. */
function plainText(tokens: Token[]): string {
  let out = "";
  for (const token of tokens) {
    if (token.type === "html") continue;
    const children = (token as { tokens?: Token[] }).tokens;
    if (children && children.length > 0) out += plainText(children);
    else if ("text" in token && typeof token.text === "string") out += token.text;
    else if (token.type === "br") out += " ";
  }
  return out;
}

function headingText(token: Tokens.Heading): string {
  return plainText(token.tokens).replace(/\s+/g, " ").trim();
}

function slugify(text: string, used: Map<string, number>): string {
  const base = text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9\s-]/g, "").trim().replace(/[\s-]+/g, "-").slice(0, 60) || "section";
  const seen = used.get(base) ?? 0;
  used.set(base, seen + 1);
  return seen === 0 ? base : `${base}-${seen}`;
}

export function renderMarkdown(source: string): RenderedDoc {
  const marked = new Marked({ gfm: true, async: false });
  const tokens = marked.lexer(source);
  const headings: DocHeading[] = [];
  const ids = new WeakMap<Token, string>();
  const used = new Map<string, number>();
  marked.walkTokens(tokens, (token) => {
    if (token.type !== "heading") return;
    const heading = token as Tokens.Heading;
    const text = headingText(heading);
    const id = slugify(text, used);
    ids.set(token, id);
    headings.push({ depth: heading.depth, id, text });
  });
  marked.use({
    renderer: {
      heading(token) {
        const id = ids.get(token) ?? "";
        return `<h${token.depth} id="${id}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
    },
  });
  const raw = marked.parser(tokens) as string;
  // Tables scroll sideways on phones; <table> has no allowed attributes, so the tag is exact.
  const html = sanitizeHtml(raw, SANITIZE).replace(/<table>/g, '<div class="table-wrap"><table>').replace(/<\/table>/g, "</table></div>");
  const title = headings.find((h) => h.depth === 1)?.text ?? null;
  return { html, title, headings };
}
