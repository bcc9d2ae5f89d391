/**
 * Charts as inline SVG rendered on the server (ADR 0038): no script, no client bundle, they
 * scale with the page (viewBox) and print. Each bar carries a <title> with its value, and the
 * figures are also in a table or label beside the chart, so nothing depends on seeing the SVG.
 */
export type Bar = { label: string; value: number };

/** Vertical bars over a series (days); negative values (a day of reversals) go below the axis. */
export function ColumnChart({
  bars,
  format,
  title,
}: {
  bars: Bar[];
  format: (v: number) => string;
  title: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const min = Math.min(0, ...bars.map((b) => b.value));
  const height = 120;
  const span = max - min || 1;
  const y = (v: number) => ((max - v) / span) * height;
  const w = 10;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${bars.length * w} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={title}
      >
        <line x1={0} x2={bars.length * w} y1={y(0)} y2={y(0)} className="chart-axis" />
        {bars.map((b, i) => (
          <rect
            key={b.label}
            x={i * w + 1}
            width={w - 2}
            y={Math.min(y(b.value), y(0))}
            height={Math.max(Math.abs(y(b.value) - y(0)), b.value === 0 ? 0 : 1)}
            className={b.value < 0 ? 'chart-bar chart-bar-negative' : 'chart-bar'}
          >
            <title>{`${b.label}: ${format(b.value)}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="chart-range">
        <span>{bars[0]?.label}</span>
        <span>{title}</span>
        <span>{bars.at(-1)?.label}</span>
      </figcaption>
    </figure>
  );
}

/** Horizontal bars, one per row with its label and value (vendors, categories). */
export function BarList({
  bars,
  format,
  title,
}: {
  bars: Bar[];
  format: (v: number) => string;
  title: string;
}) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  return (
    <ul className="bar-list" aria-label={title}>
      {bars.map((b) => (
        <li key={b.label}>
          <span className="bar-list-label">{b.label}</span>
          <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
            <rect x={0} y={0} height={8} width={(Math.abs(b.value) / max) * 100} className="chart-bar" />
          </svg>
          <span className="bar-list-value">{format(b.value)}</span>
        </li>
      ))}
    </ul>
  );
}
