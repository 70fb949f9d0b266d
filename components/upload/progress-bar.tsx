/** A determinate progress bar fed by uploaded bytes (role=progressbar with aria values). */
export function ProgressBar({ loaded, total, label }: { loaded: number; total: number; label: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
      aria-valuetext={`${percent}%`} className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100">
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-200 ease-out" style={{ width: `${percent}%` }} />
    </div>
  );
}
