/**
 * Store takings per day for the last 30 days, one bar a day: green when the day reconciled with Prima,
 * red when it did not. Plain SVG for the same reason as DailyChart: one small series does not justify a
 * charting library, and SVG renders the same on the server.
 */
import type { ReconciliationDay } from '../prima/view-models.js';

const RECONCILED = '#29845a';
const NOT_RECONCILED = '#e51c00';

/** The `count` days ending with `lastDay` (yyyy-mm-dd), oldest first. */
function dayWindow(lastDay: string, count: number): string[] {
  const end = Date.parse(`${lastDay}T00:00:00.000Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

export function ReconciliationChart({
  reports,
  lastDay,
  count = 30,
  height = 180,
}: {
  reports: ReconciliationDay[];
  lastDay: string;
  count?: number;
  height?: number;
}) {
  // A fixed 30-day axis: the chart keeps its scale, and a day with no report shows as a gap.
  const byDay = new Map(reports.map((r) => [r.day, r]));
  const slots = dayWindow(lastDay, count);
  const days = slots.flatMap((d) => {
    const r = byDay.get(d);
    return r ? [{ slot: slots.indexOf(d), ...r }] : [];
  });
  const max = Math.max(1, ...days.map((d) => d.storeTotalMinor));
  const band = 24;
  const bar = 16;
  const top = 12;
  const bottom = 28;
  const plot = height - top - bottom;
  const width = band * count + 48;
  return (
    <svg
      role="img"
      aria-label="Store takings per day, green when the day reconciled with Prima"
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      data-testid="reconciliation-chart"
    >
      {/* Every fifth date (and the last) keeps 30 labels readable. */}
      <line x1={40} x2={width} y1={top + plot} y2={top + plot} stroke="#c9cccf" />
      {slots.map((day, i) =>
        i % 5 === 0 || i === count - 1 ? (
          <text
            key={day}
            x={44 + i * band + bar / 2}
            y={height - 10}
            fontSize={10}
            textAnchor="middle"
            fill="#616161"
          >
            {day.slice(5)}
          </text>
        ) : null,
      )}
      {days.map((d) => {
        const x = 44 + d.slot * band;
        // A day with orders but tiny takings still shows a sliver, so a red day is never invisible.
        const h = d.storeOrders > 0 ? Math.max(2, Math.round((d.storeTotalMinor / max) * plot)) : 0;
        return (
          <g key={d.day} data-day={d.day} data-reconciled={d.reconciled ? 'yes' : 'no'}>
            <rect
              x={x}
              y={top + plot - h}
              width={bar}
              height={h}
              fill={d.reconciled ? RECONCILED : NOT_RECONCILED}
            >
              <title>
                {`${d.day}: ${d.storeTotal}, ${d.reconciled ? 'reconciled' : `${d.findings} to check`}`}
              </title>
            </rect>
          </g>
        );
      })}
    </svg>
  );
}

export function ReconciliationLegend() {
  const swatch = (colour: string) => (
    <span style={{ display: 'inline-block', width: 10, height: 10, background: colour, marginRight: 6 }} />
  );
  return (
    <div style={{ display: 'flex', gap: 16, fontSize: 12 }}>
      <span>
        {swatch(RECONCILED)}
        Reconciled with Prima
      </span>
      <span>
        {swatch(NOT_RECONCILED)}
        Something to check
      </span>
    </div>
  );
}
