import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMicros } from '../../money';
import type { SimulationComparison } from '../../api';

/** How many authors gain or lose how much: one bar per range of the authors' differences. */
export default function Histogram({ buckets }: { buckets: SimulationComparison['histogram'] }) {
  const rows = buckets.map((b) => ({
    range: `${formatMicros(b.fromMicros, { signed: true })} to ${formatMicros(b.toMicros, { signed: true })}`,
    authors: b.authors,
    negative: BigInt(String(b.toMicros)) < 0n,
  }));
  return (
    <div data-testid="simulation-histogram">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={rows} margin={{ left: 8, bottom: 60 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="range" angle={-35} textAnchor="end" interval={0} height={80} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} label={{ value: 'authors', angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(v) => [String(v), 'authors']} />
          <Bar dataKey="authors" fill="#1976d2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
