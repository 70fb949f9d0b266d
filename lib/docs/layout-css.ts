import { createHash } from "node:crypto";

// The docs site's one stylesheet, inlined so pages need no other request, and allowed by
// hash in the CSP (no 'unsafe-inline', and no scripts at all).
export const DOCS_CSS = `
:root{--brand:#1f5ad6;--brand-ink:#1947ad;--brand-soft:#eef4ff;--ink:#0f172a;--body:#334155;--muted:#64748b;--line:#e2e8f0;--soft:#f8fafc;--code-bg:#0f172a;--code-ink:#e2e8f0;--radius:10px}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--body);font:16px/1.7 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
a{color:var(--brand)}
a:focus-visible,summary:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid var(--brand);outline-offset:2px;border-radius:4px}
.skip{position:absolute;left:-9999px;top:8px;background:#fff;padding:8px 12px;border-radius:8px;z-index:20}
.skip:focus{left:8px}
.topbar{position:sticky;top:0;z-index:10;background:rgba(255,255,255,.92);backdrop-filter:saturate(180%) blur(8px);border-bottom:1px solid var(--line)}
.topbar-inner{max-width:1440px;margin:0 auto;height:60px;padding:0 24px;display:flex;align-items:center;justify-content:space-between;gap:16px}
.brand{display:flex;align-items:center;gap:10px;text-decoration:none;color:var(--ink);min-width:0}
.mark{flex:none;display:grid;place-items:center;width:32px;height:32px;border-radius:8px;background:var(--brand);color:#fff;font-weight:700;font-size:15px}
.brand-name{font-weight:650;font-size:17px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.brand-sub{color:var(--muted);font-weight:500;font-size:15px;padding-left:10px;border-left:1px solid var(--line)}
.topbar-meta{display:flex;align-items:center;gap:10px;min-width:0;font-size:13px;color:var(--muted)}
.viewer{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:280px}
.badge{display:inline-flex;align-items:center;gap:6px;border-radius:999px;padding:3px 10px;font-size:12px;font-weight:600;letter-spacing:.01em;white-space:nowrap}
.badge-confidential{background:#fef2f2;color:#b91c1c;border:1px solid #fecaca}
.badge-public{background:#f0fdf4;color:#15803d;border:1px solid #bbf7d0}
.shell{max-width:1440px;min-height:calc(100vh - 60px);margin:0 auto;display:grid;grid-template-columns:272px minmax(0,1fr) 224px;gap:0}
.sidebar{border-right:1px solid var(--line);background:var(--soft)}
.sidebar-inner{position:sticky;top:60px;max-height:calc(100vh - 60px);overflow:auto;padding:28px 16px 40px 24px}
.nav-title{margin:0 0 10px;font-size:12px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.tree,.tree ul{list-style:none;margin:0;padding:0}
.tree ul{margin:2px 0 8px 10px;padding-left:10px;border-left:1px solid var(--line)}
.tree a{display:block;padding:5px 10px;border-radius:7px;color:var(--body);text-decoration:none;font-size:14.5px;line-height:1.45}
.tree a:hover{background:#eef2f7;color:var(--ink)}
.tree a[aria-current=page]{background:var(--brand-soft);color:var(--brand-ink);font-weight:600}
.folder-name{display:block;padding:10px 10px 4px;font-size:13px;font-weight:650;color:var(--ink)}
.content{min-width:0;padding:36px 56px 80px}
.toc{padding:36px 24px 40px 8px}
.toc-inner{position:sticky;top:96px}
.toc-title{margin:0 0 10px;font-size:12px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.toc ul{list-style:none;margin:0;padding:0;border-left:1px solid var(--line)}
.toc li a{display:block;padding:4px 0 4px 14px;margin-left:-1px;border-left:2px solid transparent;color:var(--muted);text-decoration:none;font-size:13.5px;line-height:1.45}
.toc li a:hover{color:var(--ink);border-left-color:#cbd5e1}
.toc li.d3 a{padding-left:26px}
.mobile-nav{display:none;margin:0 0 20px;border:1px solid var(--line);border-radius:var(--radius);background:var(--soft)}
.mobile-nav summary{cursor:pointer;list-style:none;display:flex;align-items:center;justify-content:space-between;padding:12px 16px;font-weight:600;color:var(--ink);font-size:15px}
.mobile-nav summary::-webkit-details-marker{display:none}
.mobile-nav summary:after{content:"";width:7px;height:7px;margin:-4px 4px 0 0;border-right:2px solid var(--muted);border-bottom:2px solid var(--muted);transform:rotate(45deg)}
.mobile-nav[open] summary:after{margin-top:4px;transform:rotate(-135deg)}
.mobile-nav .tree{padding:0 12px 12px}
.crumbs{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-bottom:18px;font-size:13.5px;color:var(--muted)}
.crumbs a{color:var(--muted);text-decoration:none}
.crumbs a:hover{color:var(--brand)}
.crumbs .sep{color:#cbd5e1}
.prose{max-width:760px;color:var(--body);font-size:16.5px;overflow-wrap:break-word}
.prose>:first-child{margin-top:0}
.prose h1,.prose h2,.prose h3,.prose h4,.prose h5,.prose h6{color:var(--ink);line-height:1.25;font-weight:700;letter-spacing:-.01em;scroll-margin-top:80px}
.prose h1{font-size:2.1rem;margin:0 0 .8em;letter-spacing:-.02em}
.prose h2{font-size:1.45rem;margin:2.2em 0 .7em;padding-bottom:.35em;border-bottom:1px solid var(--line)}
.prose h3{font-size:1.15rem;margin:1.8em 0 .5em}
.prose h4,.prose h5,.prose h6{font-size:1rem;margin:1.5em 0 .4em}
.prose p,.prose ul,.prose ol,.prose dl,.prose blockquote,.prose pre,.prose .table-wrap,.prose details{margin:0 0 1.15em}
.prose ul,.prose ol{padding-left:1.5em}
.prose li{margin:.3em 0}
.prose li>ul,.prose li>ol{margin:.3em 0}
.prose li:has(>input[type=checkbox]){list-style:none;margin-left:-1.4em}
.prose input[type=checkbox]{margin:0 .5em 0 0;vertical-align:-2px;accent-color:var(--brand)}
.prose a{color:var(--brand);text-decoration:underline;text-decoration-color:rgba(31,90,214,.35);text-underline-offset:3px}
.prose a:hover{text-decoration-color:var(--brand)}
.prose strong{color:var(--ink);font-weight:650}
.prose hr{border:0;border-top:1px solid var(--line);margin:2.4em 0}
.prose blockquote{margin-left:0;padding:.8em 1.1em;border-left:4px solid var(--brand);background:var(--brand-soft);border-radius:0 var(--radius) var(--radius) 0;color:#1e3a8a}
.prose blockquote>:last-child{margin-bottom:0}
.prose code{font:.88em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:#f1f5f9;color:#0f172a;border:1px solid var(--line);border-radius:6px;padding:.12em .4em}
.prose pre{background:var(--code-bg);color:var(--code-ink);border-radius:var(--radius);padding:16px 18px;overflow-x:auto;line-height:1.6;box-shadow:inset 0 0 0 1px rgba(255,255,255,.04)}
.prose pre code{background:none;border:0;padding:0;color:inherit;font-size:.86em}
.prose kbd{font:.85em ui-monospace,monospace;border:1px solid #cbd5e1;border-bottom-width:2px;border-radius:5px;padding:.05em .4em;background:#fff}
.prose img{max-width:100%;height:auto;border-radius:8px}
.prose .table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:var(--radius)}
.prose table{width:100%;border-collapse:collapse;font-size:.94em}
.prose th,.prose td{padding:10px 14px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
.prose th{background:var(--soft);color:var(--ink);font-weight:650;white-space:nowrap}
.prose tr:last-child td{border-bottom:0}
.prose tbody tr:nth-child(even) td{background:#fcfdfe}
.prose th[align=center],.prose td[align=center]{text-align:center}
.prose th[align=right],.prose td[align=right]{text-align:right}
.prose details{border:1px solid var(--line);border-radius:var(--radius);padding:.6em 1em}
.prose summary{cursor:pointer;font-weight:600;color:var(--ink)}
.prose mark{background:#fef9c3;padding:0 .2em;border-radius:3px}
.doc-footer{max-width:760px;margin-top:56px;padding-top:18px;border-top:1px solid var(--line);font-size:13px;color:var(--muted);display:flex;flex-wrap:wrap;gap:6px 18px}
.doc-footer code{font:12.5px ui-monospace,monospace}
.page-head{max-width:760px;margin-bottom:28px}
.page-head h1{margin:0 0 8px;font-size:2rem;line-height:1.2;color:var(--ink);letter-spacing:-.02em}
.page-head p{margin:0;color:var(--muted)}
.doc-list{max-width:760px;display:grid;gap:28px}
.doc-group h2{margin:0 0 10px;font-size:13px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.doc-group ul{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:12px;overflow:hidden}
.doc-group li+li{border-top:1px solid var(--line)}
.doc-card{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:14px 18px;text-decoration:none;color:inherit}
.doc-card:hover{background:var(--soft)}
.doc-card-title{display:block;font-weight:600;color:var(--ink)}
.doc-card-path{display:block;font:12.5px ui-monospace,monospace;color:var(--muted);margin-top:2px;overflow-wrap:anywhere}
.doc-card-meta{flex:none;text-align:right;font-size:12.5px;color:var(--muted)}
.empty{max-width:760px;padding:40px;border:1px dashed #cbd5e1;border-radius:12px;text-align:center;color:var(--muted)}
.notice{min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:48px 16px;background:var(--soft)}
.notice .brand{margin-bottom:28px}
.card{width:100%;max-width:440px;background:#fff;border:1px solid var(--line);border-radius:16px;padding:32px;box-shadow:0 1px 2px rgba(15,23,42,.04),0 8px 24px rgba(15,23,42,.05)}
.card h1{margin:0 0 10px;font-size:1.3rem;line-height:1.3;color:var(--ink)}
.card p{margin:0 0 18px;font-size:15px;color:var(--body)}
.status{display:inline-block;margin-bottom:14px;font:600 12px ui-monospace,monospace;color:var(--muted);background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:2px 8px}
.btn{display:block;width:100%;margin:0;text-align:center;border:1px solid transparent;border-radius:9px;padding:11px 16px;font-family:inherit;font-size:15px;font-weight:600;line-height:1.3;cursor:pointer;text-decoration:none}
.btn+.btn{margin-top:10px}
.btn-primary{background:var(--brand);color:#fff}
.btn-primary:hover{background:var(--brand-ink)}
.btn-quiet{background:#fff;color:var(--ink);border:1px solid #cbd5e1}
.btn-quiet:hover{background:var(--soft)}
.field{display:block;margin:0 0 8px;font-size:14px;font-weight:600;color:var(--ink)}
.input{display:block;width:100%;margin:0 0 14px;padding:10px 12px;border:1px solid #cbd5e1;border-radius:9px;font-family:inherit;font-size:15px;line-height:1.4;color:var(--ink)}
.input:focus{border-color:var(--brand);outline:2px solid rgba(31,90,214,.25);outline-offset:0}
.divider{display:flex;align-items:center;gap:12px;margin:20px 0;color:var(--muted);font-size:13px}
.divider:before,.divider:after{content:"";flex:1;border-top:1px solid var(--line)}
.fine{margin:18px 0 0!important;font-size:12.5px!important;color:var(--muted)!important}
.fine code{font:12px ui-monospace,monospace}
@media (max-width:1200px){.shell{grid-template-columns:256px minmax(0,1fr)}.toc{display:none}.content{padding:32px 40px 72px}}
@media (max-width:860px){.shell{display:block}.sidebar{display:none}.mobile-nav{display:block}.content{padding:20px 18px 64px}.topbar-inner{padding:0 16px;height:56px}.viewer{display:none}.prose{font-size:16px}.prose h1{font-size:1.7rem}.prose h2{font-size:1.3rem}.doc-card{align-items:flex-start;flex-direction:column;gap:4px}.doc-card-meta{text-align:left}.sidebar-inner{top:56px}}
@media (max-width:420px){.brand-sub{display:none}.card{padding:24px}}
@media print{.topbar,.sidebar,.toc,.mobile-nav{display:none}.shell{display:block}.content{padding:0}}
`;

export const DOCS_CSS_HASH = `'sha256-${createHash("sha256").update(DOCS_CSS).digest("base64")}'`;

/** Script-free policy for every HTML page of the docs site. */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${DOCS_CSS_HASH}`,
  "img-src 'self' https:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");
