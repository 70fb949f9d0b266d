import { escapeHtml } from "../email/templates";
import { edgeDocsUrl } from "./docs-path";
import { DOCS_CSS } from "./layout-css";
import { buildNavTree, labelFor, type NavNode } from "./nav-tree";
import type { DocHeading } from "./render-markdown";

// Server-rendered HTML for the docs site (route handler responses, not React pages):
// the doc page, the index, and the small notice pages (401/403/404, "check your inbox").
// Every interpolated value goes through escapeHtml; rendered Markdown arrives sanitized.

export interface DocsChrome {
  handle: string;
  confidential: boolean;
  /** "member" | "visitor" | "public", and the visitor's email when known. */
  viewer: { as: "member" | "visitor" | "public"; email: string | null };
  /** Readable docsPaths, for the navigation. */
  docs: string[];
}

export interface DocPageInput extends DocsChrome {
  docsPath: string;
  title: string | null;
  html: string;
  headings: DocHeading[];
  updatedAt: Date;
}

export interface IndexEntry {
  docsPath: string;
  sizeBytes: number;
  contentType: string;
  updatedAt: Date;
}

const e = escapeHtml;
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">
<title>${e(title)}</title><style>${DOCS_CSS}</style></head>
<body>${body}</body></html>`;
}

function brand(handle: string | null): string {
  const href = handle ? edgeDocsUrl(handle) : "/";
  const name = handle ? e(handle) : "Gharart Files";
  return `<a class="brand" href="${e(href)}"><span class="mark" aria-hidden="true">G</span><span class="brand-name">${name}</span>${handle ? '<span class="brand-sub">Docs</span>' : ""}</a>`;
}

function viewerLabel(viewer: DocsChrome["viewer"]): string {
  if (viewer.as === "member") return "Signed in as a member";
  if (viewer.as === "visitor") return `Shared with ${viewer.email ?? "you"}`;
  return "Public docs";
}

function topbar(chrome: DocsChrome): string {
  const badge = chrome.confidential
    ? '<span class="badge badge-confidential" title="Do not forward or share outside the allowlist">Confidential</span>'
    : chrome.viewer.as === "public" ? '<span class="badge badge-public">Public</span>' : "";
  return `<a class="skip" href="#gf-content">Skip to content</a>
<header class="topbar"><div class="topbar-inner">${brand(chrome.handle)}
<div class="topbar-meta">${badge}<span class="viewer">${e(viewerLabel(chrome.viewer))}</span></div></div></header>`;
}

function tree(nodes: NavNode[], handle: string, current: string): string {
  const items = nodes.map((node) => {
    if (node.kind === "doc") {
      const here = node.path === current ? ' aria-current="page"' : "";
      return `<li><a href="${e(edgeDocsUrl(handle, node.path))}"${here}>${e(node.label)}</a></li>`;
    }
    return `<li><span class="folder-name">${e(node.label)}</span>${tree(node.children, handle, current)}</li>`;
  });
  return `<ul class="tree">${items.join("")}</ul>`;
}

function navigation(chrome: DocsChrome, current: string): { sidebar: string; mobile: string } {
  const nodes = buildNavTree(chrome.docs);
  const indexHere = current === "" ? ' aria-current="page"' : "";
  const all = `<ul class="tree"><li><a href="${e(edgeDocsUrl(chrome.handle))}"${indexHere}>All docs</a></li></ul>`;
  const body = `${all}${tree(nodes, chrome.handle, current)}`;
  return {
    sidebar: `<nav class="sidebar" aria-label="Docs"><div class="sidebar-inner"><p class="nav-title">Documentation</p>${body}</div></nav>`,
    mobile: `<details class="mobile-nav"><summary>Browse docs</summary>${body}</details>`,
  };
}

function breadcrumbs(handle: string, docsPath: string): string {
  const parts = docsPath.split("/");
  const trail = parts.map((part, i) => (i === parts.length - 1 ? `<span aria-current="page">${e(labelFor(part))}</span>` : `<span>${e(labelFor(part))}</span>`));
  return `<nav class="crumbs" aria-label="Breadcrumb"><a href="${e(edgeDocsUrl(handle))}">${e(handle)}</a>${trail.map((t) => `<span class="sep" aria-hidden="true">/</span>${t}`).join("")}</nav>`;
}

function tableOfContents(headings: DocHeading[]): string {
  const entries = headings.filter((h) => h.depth === 2 || h.depth === 3);
  if (entries.length < 2) return '<aside class="toc" aria-hidden="true"></aside>';
  const items = entries.map((h) => `<li class="d${h.depth}"><a href="#${e(h.id)}">${e(h.text)}</a></li>`).join("");
  return `<aside class="toc" aria-label="On this page"><div class="toc-inner"><p class="toc-title">On this page</p><ul>${items}</ul></div></aside>`;
}

export function renderDocPage(input: DocPageInput): string {
  const nav = navigation(input, input.docsPath);
  const fileLabel = labelFor(input.docsPath.split("/").pop()!);
  const title = input.title ?? fileLabel;
  // Docs without their own H1 still get a page title.
  const heading = input.title ? "" : `<h1>${e(fileLabel)}</h1>`;
  const body = `${topbar(input)}
<div class="shell">${nav.sidebar}
<main id="gf-content" class="content">${nav.mobile}${breadcrumbs(input.handle, input.docsPath)}
<article class="prose">${heading}${input.html}</article>
<footer class="doc-footer"><span>Updated ${e(DATE.format(input.updatedAt))}</span><span><code>${e(input.docsPath)}</code></span>${input.confidential ? "<span>Confidential: please do not forward.</span>" : ""}</footer>
</main>${tableOfContents(input.headings)}</div>`;
  return page(`${title} · ${input.handle} docs`, body);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function renderIndexPage(chrome: DocsChrome, entries: IndexEntry[]): string {
  const nav = navigation(chrome, "");
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const folder = entry.docsPath.includes("/") ? entry.docsPath.slice(0, entry.docsPath.lastIndexOf("/")) : "";
    groups.set(folder, [...(groups.get(folder) ?? []), entry]);
  }
  const sections = [...groups.entries()]
    .sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)))
    .map(([folder, list]) => {
      const items = list
        .sort((a, b) => a.docsPath.localeCompare(b.docsPath))
        .map((d) => `<li><a class="doc-card" href="${e(edgeDocsUrl(chrome.handle, d.docsPath))}"><span><span class="doc-card-title">${e(labelFor(d.docsPath.split("/").pop()!))}</span><span class="doc-card-path">${e(d.docsPath)}</span></span><span class="doc-card-meta">${e(formatSize(d.sizeBytes))} · ${e(DATE.format(d.updatedAt))}</span></a></li>`)
        .join("");
      const name = folder === "" ? "General" : folder.split("/").map(labelFor).join(" / ");
      return `<section class="doc-group"><h2>${e(name)}</h2><ul>${items}</ul></section>`;
    });
  const list = sections.length > 0 ? `<div class="doc-list">${sections.join("")}</div>` : '<p class="empty">No docs have been published here yet.</p>';
  const count = entries.length === 1 ? "1 document" : `${entries.length} documents`;
  const body = `${topbar(chrome)}
<div class="shell">${nav.sidebar}
<main id="gf-content" class="content">${nav.mobile}
<div class="page-head"><h1>${e(chrome.handle)} docs</h1><p>${e(count)} you can read.</p></div>${list}
</main><aside class="toc" aria-hidden="true"></aside></div>`;
  return page(`${chrome.handle} docs`, body);
}

export interface NoticeInput {
  status: number;
  title: string;
  message: string;
  handle: string | null;
  requestId: string;
  /** Where "Sign in" leads (with a callback to the doc), when signing in could help. */
  signInUrl?: string;
  /** The magic-link request route, when an allowlisted visitor could get in by email. */
  magicLinkAction?: string;
  /** A link back, e.g. to the docs index. */
  back?: { href: string; label: string };
}

export function renderNoticePage(input: NoticeInput): string {
  const parts: string[] = [];
  if (input.magicLinkAction) {
    parts.push(`<form method="post" action="${e(input.magicLinkAction)}">
<label class="field" for="gf-email">Your work email</label>
<input class="input" id="gf-email" name="email" type="email" autocomplete="email" required maxlength="254" placeholder="you@company.com">
<button class="btn btn-primary" type="submit">Email me a link</button></form>`);
  }
  if (input.signInUrl) {
    if (parts.length > 0) parts.push('<div class="divider">or, for team members</div>');
    parts.push(`<a class="btn ${input.magicLinkAction ? "btn-quiet" : "btn-primary"}" href="${e(input.signInUrl)}">Sign in</a>`);
  }
  if (input.back) parts.push(`<a class="btn btn-quiet" href="${e(input.back.href)}">${e(input.back.label)}</a>`);
  const body = `<main class="notice">${brand(input.handle)}
<section class="card"><span class="status">${e(String(input.status))}</span><h1>${e(input.title)}</h1><p>${e(input.message)}</p>${parts.join("\n")}
<p class="fine">Request id <code>${e(input.requestId)}</code></p></section></main>`;
  return page(`${input.title} · Gharart Files`, body);
}
