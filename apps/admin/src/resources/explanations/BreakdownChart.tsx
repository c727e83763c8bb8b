import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMicros, microsToChartDollars } from '../../money';
import type { ExplainedStory } from '../../api';

const PARTS = [
  { key: 'readingTimeMicros', name: 'Reading time', color: '#1976d2' },
  { key: 'engagementMicros', name: 'Engagement', color: '#9c27b0' },
  { key: 'readRatioAdjustmentMicros', name: 'Read ratio adj.', color: '#ff9800' },
  { key: 'followerBonusMicros', name: 'Follower bonus', color: '#2e7d32' },
  { key: 'boostBonusMicros', name: 'Boost bonus', color: '#d32f2f' },
] as const;

const shorten = (t: string) => (t.length > 28 ? `${t.slice(0, 27)}…` : t);

/** Per-story breakdown of this period's earnings (stacked; the read ratio adjustment may be negative). */
export default function BreakdownChart({ stories }: { stories: ExplainedStory[] }) {
  const top = [...stories]
    .filter((s) => s.inRun)
    .sort((a, b) => (BigInt(String(b.earningsMicros)) > BigInt(String(a.earningsMicros)) ? 1 : -1))
    .slice(0, 8);
  const rows = top.map((s) => ({
    story: shorten(s.title),
    exact: Object.fromEntries(PARTS.map((p) => [p.key, formatMicros(s[p.key])])) as Record<string, string>,
    ...Object.fromEntries(PARTS.map((p) => [p.key, microsToChartDollars(s[p.key])])),
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, 48 * rows.length + 80)}>
      <BarChart data={rows} layout="vertical" stackOffset="sign" margin={{ left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={(v: number) => `$${v}`} />
        <YAxis type="category" dataKey="story" width={180} />
        <Tooltip formatter={(_v, name, item) => [(item.payload as { exact: Record<string, string> }).exact[String(item.dataKey)], name]} />
        <Legend />
        <ReferenceLine x={0} stroke="#666" />
        {PARTS.map((p) => (
          <Bar key={p.key} dataKey={p.key} name={p.name} stackId="s" fill={p.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
