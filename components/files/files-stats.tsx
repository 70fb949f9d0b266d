import type { FileItem } from "@/lib/ui/api-types";
import { expiryState, formatBytes } from "@/lib/ui/format";

/** Four numbers a brand manager checks first. */
export function FilesStats({ files }: { files: FileItem[] }) {
  const now = new Date();
  const stats = [
    { label: "Files", value: String(files.length) },
    // Declared-but-never-uploaded files hold no bytes: only ready files count as stored.
    { label: "Stored", value: formatBytes(files.filter((f) => f.status === "ready").reduce((sum, f) => sum + f.sizeBytes, 0)) },
    { label: "On an allowlist", value: String(files.filter((f) => f.accessMode === "EMAIL_ALLOWLIST").length) },
    { label: "Expiring within 7 days", value: String(files.filter((f) => expiryState(f.expiresAt, now) === "soon").length), warn: true },
  ];
  return (
    <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {stats.map((s) => (
        <div key={s.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <dt className="truncate text-xs font-medium text-slate-500">{s.label}</dt>
          <dd className={`mt-1 text-xl font-semibold tabular-nums ${s.warn && s.value !== "0" ? "text-amber-600" : "text-slate-900"}`}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
