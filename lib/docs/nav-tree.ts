// The docs navigation as a tree of folders and docs, built from the readable docsPaths.
// Within a folder: README/index first, then docs, then sub-folders, each alphabetical.
export interface NavDoc {
  kind: "doc";
  name: string;
  label: string;
  path: string;
}

export interface NavFolder {
  kind: "folder";
  name: string;
  label: string;
  children: NavNode[];
}

export type NavNode = NavDoc | NavFolder;

const LEAD_NAMES = /^(readme|index)\.(md|markdown)$/i;

/** `brand-guidelines.md` → `Brand guidelines`; `README.md` → `Overview`. */
export function labelFor(name: string): string {
  if (LEAD_NAMES.test(name)) return "Overview";
  const bare = name.replace(/\.(md|markdown)$/i, "").replace(/[-_]+/g, " ").trim() || name;
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

function rank(node: NavNode): number {
  if (node.kind === "doc") return LEAD_NAMES.test(node.name) ? 0 : 1;
  return 2;
}

function sortTree(nodes: NavNode[]): NavNode[] {
  nodes.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "en", { sensitivity: "base", numeric: true }));
  for (const node of nodes) if (node.kind === "folder") sortTree(node.children);
  return nodes;
}

export function buildNavTree(paths: readonly string[]): NavNode[] {
  const root: NavNode[] = [];
  for (const path of [...new Set(paths)]) {
    const parts = path.split("/");
    let level = root;
    for (const folderName of parts.slice(0, -1)) {
      let folder = level.find((n): n is NavFolder => n.kind === "folder" && n.name === folderName);
      if (!folder) {
        folder = { kind: "folder", name: folderName, label: labelFor(folderName), children: [] };
        level.push(folder);
      }
      level = folder.children;
    }
    const name = parts[parts.length - 1];
    level.push({ kind: "doc", name, label: labelFor(name), path });
  }
  return sortTree(root);
}
