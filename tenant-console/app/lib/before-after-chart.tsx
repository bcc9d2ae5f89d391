/**
 * A horizontal bar chart of two values per row (before / after), as inline SVG rendered on the
 * server: no chart library, no JavaScript, and it scales to the page width (ADR 0037).
 */
export function BeforeAfterChart({
  rows,
  format,
  title,
}: {
  rows: { label: string; before: number; after: number }[];
  format: (n: number) => string;
  title: string;
}) {
  const width = 600;
  const labelWidth = 0;
  const bar = 14;
  const rowHeight = bar * 2 + 34;
  const height = rows.length * rowHeight + 28;
  const max = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.before), Math.abs(r.after)]));
  const scale = (n: number) => (Math.abs(n) / max) * (width - labelWidth - 130);
  return (
    <figure className="card" style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="chart-title"
        style={{ maxWidth: '100%', height: 'auto', fontSize: 13 }}
      >
        <title id="chart-title">{title}</title>
        <g>
          <rect x={0} y={4} width={12} height={12} fill="var(--color-border, #ccc)" />
          <text x={18} y={15}>
            before
          </text>
          <rect x={80} y={4} width={12} height={12} fill="var(--color-primary, #1f4f8b)" />
          <text x={98} y={15}>
            after
          </text>
        </g>
        {rows.map((r, i) => {
          const y = 28 + i * rowHeight;
          return (
            <g key={r.label}>
              <text x={0} y={y + 12} fontWeight={600}>
                {r.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 18}
                width={scale(r.before)}
                height={bar}
                fill="var(--color-border, #ccc)"
              />
              <text x={labelWidth + scale(r.before) + 6} y={y + 18 + bar - 3}>
                {format(r.before)}
              </text>
              <rect
                x={labelWidth}
                y={y + 18 + bar + 2}
                width={scale(r.after)}
                height={bar}
                fill="var(--color-primary, #1f4f8b)"
              />
              <text x={labelWidth + scale(r.after) + 6} y={y + 18 + 2 * bar - 1}>
                {format(r.after)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
