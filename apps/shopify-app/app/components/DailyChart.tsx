/**
 * Orders posted and failed per day, as grouped SVG bars. Hand-drawn on purpose: one small chart does not
 * justify a charting library in the admin bundle, and plain SVG renders identically on the server.
 */
export interface DailyChartProps {
  daily: { day: string; posted: number; failed: number }[];
  height?: number;
}

const POSTED = '#29845a';
const FAILED = '#e51c00';

export function DailyChart({ daily, height = 180 }: DailyChartProps) {
  const max = Math.max(1, ...daily.map((d) => Math.max(d.posted, d.failed)));
  const band = 44;
  const bar = 16;
  const top = 12;
  const bottom = 28;
  const plot = height - top - bottom;
  const width = Math.max(band * daily.length + 40, 320);
  return (
    <svg
      role="img"
      aria-label="Orders posted and failed per day"
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      data-testid="daily-chart"
    >
      <line x1={32} x2={width} y1={top + plot} y2={top + plot} stroke="#c9cccf" />
      <text x={0} y={top + 8} fontSize={10} fill="#616161">
        {max}
      </text>
      <text x={0} y={top + plot} fontSize={10} fill="#616161">
        0
      </text>
      {daily.map((d, i) => {
        const x = 40 + i * band;
        const hp = Math.round((d.posted / max) * plot);
        const hf = Math.round((d.failed / max) * plot);
        return (
          <g key={d.day}>
            <rect x={x} y={top + plot - hp} width={bar} height={hp} fill={POSTED}>
              <title>{`${d.day}: ${d.posted} posted`}</title>
            </rect>
            <rect x={x + bar + 2} y={top + plot - hf} width={bar} height={hf} fill={FAILED}>
              <title>{`${d.day}: ${d.failed} failed`}</title>
            </rect>
            <text x={x + bar} y={height - 10} fontSize={10} textAnchor="middle" fill="#616161">
              {d.day.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ChartLegend() {
  return (
    <div style={{ display: 'flex', gap: 16, fontSize: 12 }}>
      <span>
        <span
          style={{ display: 'inline-block', width: 10, height: 10, background: POSTED, marginRight: 6 }}
        />
        Posted to Prima
      </span>
      <span>
        <span
          style={{ display: 'inline-block', width: 10, height: 10, background: FAILED, marginRight: 6 }}
        />
        Failed (needs a person)
      </span>
    </div>
  );
}
