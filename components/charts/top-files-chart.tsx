"use client";

import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import type { HandleStats } from "@/lib/ui/delivery-types";
import { useElementWidth } from "./use-element-width";

const ROW = 30;
const LABEL_GAP = 6;

/**
 * The handle's most downloaded files as horizontal bars, the file name above each bar so
 * long names stay readable on a phone. The bars are decorative; the table carries the data.
 */
export function TopFilesChart({ topFiles, caption }: { topFiles: HandleStats["topFiles"]; caption: string }) {
  const { ref, width } = useElementWidth<HTMLDivElement>(360);
  const countWidth = 40;
  const barArea = Math.max(80, width - countWidth);
  const max = Math.max(1, ...topFiles.map((f) => f.downloads));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, barArea] });
  const y = scaleBand<string>({ domain: topFiles.map((f) => f.fileId), range: [0, topFiles.length * (ROW + 16)], padding: 0 });
  const height = topFiles.length * (ROW + 16);

  return (
    <figure data-testid="top-files-chart" className="min-w-0">
      <div ref={ref} className="w-full min-w-0 overflow-hidden">
        <svg width={width} height={height} aria-hidden="true" focusable="false" className="block">
          {topFiles.map((f) => {
            const top = y(f.fileId) ?? 0;
            return (
              <Group key={f.fileId} top={top}>
                <text x={0} y={12} fontSize={12} fill="#334155" className="font-medium">
                  {f.fileName.length > 48 ? `${f.fileName.slice(0, 46)}…` : f.fileName}
                </text>
                <Bar x={0} y={12 + LABEL_GAP} height={12} width={Math.max(2, x(f.downloads))} rx={3} className="fill-brand-500" />
                <text x={Math.max(2, x(f.downloads)) + 6} y={12 + LABEL_GAP + 10} fontSize={11} fill="#475569">{f.downloads}</text>
              </Group>
            );
          })}
        </svg>
      </div>
      {/* sr-only on a <table> would not clip it (tables grow to their content): hide a wrapper instead. */}
      <div className="sr-only">
        <table>
          <caption>{caption}</caption>
          <thead><tr><th scope="col">File</th><th scope="col">Downloads</th></tr></thead>
          <tbody>
            {topFiles.map((f) => <tr key={f.fileId}><th scope="row">{f.fileName}</th><td>{f.downloads}</td></tr>)}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
