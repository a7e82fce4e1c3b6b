/** One bar: its label, its length's value, and the value as shown. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly shown: string;
  /** A class for its colour (see compare.css). */
  readonly tone: string;
}

const ROW = 22;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 220;
const VALUE_WIDTH = 90;

/** Horizontal bars on one scale (the largest fills the width), each with its label and value: an SVG that reads in both themes. */
export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const largest = Math.max(...bars.map((b) => b.value), 0);
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.shown}`).join(', ')}`}
        width={width}
        height={bars.length * ROW}
        viewBox={`0 0 ${width} ${bars.length * ROW}`}
      >
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * ROW})`}>
            <text className="bar-label" x={LABEL_WIDTH - 8} y={ROW / 2} textAnchor="end" dominantBaseline="central">
              {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
            </text>
            <rect
              className={`bar ${b.tone}`}
              x={LABEL_WIDTH}
              y={4}
              height={ROW - 8}
              width={largest > 0 ? Math.max(1, (b.value / largest) * BAR_WIDTH) : 1}
            />
            <text className="bar-value" x={LABEL_WIDTH + BAR_WIDTH + 6} y={ROW / 2} dominantBaseline="central">
              {b.shown}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
