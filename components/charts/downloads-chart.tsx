"use client";

import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import type { DayCount } from "@/lib/ui/delivery-types";
import { shortDay, summarizeDays } from "@/lib/ui/delivery";
import { useElementWidth } from "./use-element-width";

const HEIGHT = 180;
const MARGIN = { top: 8, right: 18, bottom: 28, left: 32 };
const TICK_LABEL = { fill: "#475569", fontSize: 11, fontFamily: "inherit" } as const;

/**
 * Downloads per day (UTC days, oldest first) as a bar chart. The drawing is hidden from
 * assistive tech; the summary sentence and a visually hidden table carry the same data.
 */
export function DownloadsChart({ byDay, caption, testId = "downloads-chart" }: { byDay: DayCount[]; caption: string; testId?: string }) {
  const { ref, width } = useElementWidth<HTMLDivElement>(560);
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...byDay.map((d) => d.downloads));
  const x = scaleBand<string>({ domain: byDay.map((d) => d.day), range: [0, innerWidth], padding: 0.25 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  // A label every week on a phone, every 5 days when there is room; always the last day.
  const every = innerWidth < 420 ? 7 : 5;
  const tickDays = byDay.map((d) => d.day).filter((_, i, all) => (all.length - 1 - i) % every === 0);
  const yTicks = Math.min(4, y.domain()[1]);
  const total = byDay.reduce((sum, d) => sum + d.downloads, 0);

  if (total === 0) {
    // An all-zero chart is a big empty box: say it in words instead.
    return (
      <div data-testid={testId} className="rounded-xl border border-dashed border-slate-300 px-4 py-5 text-center">
        <p className="text-sm text-slate-700" data-testid={`${testId}-summary`}>{summarizeDays(byDay)}</p>
        <p className="mt-1 text-xs text-slate-600">Each day&apos;s downloads show up here as bars.</p>
      </div>
    );
  }

  return (
    <figure data-testid={testId} className="min-w-0">
      <p className="mb-2 text-sm text-slate-600" data-testid={`${testId}-summary`}>{summarizeDays(byDay)}</p>
      <div ref={ref} className="w-full min-w-0 overflow-hidden">
        <svg width={width} height={HEIGHT} aria-hidden="true" focusable="false" className="block overflow-visible">
          <Group left={MARGIN.left} top={MARGIN.top}>
            {y.ticks(yTicks).map((t) => (
              <line key={t} x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeDasharray={t === 0 ? undefined : "3 3"} />
            ))}
            {byDay.map((d) => {
              const barHeight = innerHeight - y(d.downloads);
              return (
                <Bar key={d.day} x={x(d.day)} y={innerHeight - barHeight} width={x.bandwidth()} height={barHeight}
                  rx={Math.min(3, x.bandwidth() / 3)} className="fill-brand-500" />
              );
            })}
            <AxisLeft scale={y} numTicks={yTicks} tickFormat={(v) => String(v)} hideAxisLine hideTicks
              tickLabelProps={() => ({ ...TICK_LABEL, textAnchor: "end", dx: -4, dy: 3 })} />
            <AxisBottom top={innerHeight} scale={x} tickValues={tickDays} tickFormat={shortDay} hideTicks
              stroke="#cbd5e1" tickLabelProps={() => ({ ...TICK_LABEL, textAnchor: "middle", dy: 2 })} />
          </Group>
        </svg>
      </div>
      <figcaption className="sr-only">{caption}</figcaption>
      {/* sr-only on a <table> would not clip it (tables grow to their content): hide a wrapper instead. */}
      <div className="sr-only">
        <table>
          <caption>{caption}: downloads per day</caption>
          <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Downloads</th></tr></thead>
          <tbody>
            {byDay.map((d) => <tr key={d.day}><th scope="row">{shortDay(d.day)}</th><td>{d.downloads}</td></tr>)}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
