import { Box, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatBps } from '../../components/fields';
import { formatCount } from '../../numbers';
import type { CaseDetail, Flag } from './constants';

const LABELS: Record<string, string> = {
  writers: 'Writers',
  members: 'Members',
  member: 'Member',
  memberCount: 'Members in the farm',
  reciprocalPairs: 'Reciprocal pairs',
  engagements: 'Engagements among the writers',
  possiblePairs: 'Possible pairs',
  averageLift: 'Average lift (× the audience prediction)',
  farmReads: 'Farm reads',
  authorReads: "Author's qualified reads",
  burstFrom: 'Memberships began from',
  burstTo: 'Memberships began until',
  shareBps: "Share of the author's time points",
  readShareBps: "Share of the author's qualified reads",
  densityBps: 'Density (reciprocal pairs / possible pairs)',
  sessions: 'Sessions',
  timePoints: 'Time points',
  pairTimePoints: 'Time points involved',
  authorTimePoints: "Author's period time points",
  storyCount: 'Story count',
};
const BPS = new Set(['densityBps', 'readShareBps', 'shareBps']);
const SKIP = new Set(['histogram', 'authors', 'stories', 'memberTotal']);

const value = (key: string, v: unknown) => {
  if (BPS.has(key)) return formatBps(v);
  if (Array.isArray(v)) return v.length > 12 ? `${v.slice(0, 12).join(', ')} … (${v.length})` : v.join(', ');
  if (typeof v === 'number') return formatCount(v);
  return String(v);
};

/** Active seconds of the flagged sessions, 5-second buckets from the threshold (a farm piles up in the first ones). */
const Histogram = ({ buckets }: { buckets: { fromSeconds: number; sessions: number }[] }) => {
  const max = Math.max(1, ...buckets.map((b) => b.sessions));
  return (
    <Box data-testid="histogram" sx={{ display: 'flex', alignItems: 'flex-end', gap: 0.5, height: 80, mt: 1 }}>
      {buckets.map((b) => (
        <Box
          key={b.fromSeconds}
          title={`${b.fromSeconds}${b.fromSeconds >= 90 ? '+' : `–${b.fromSeconds + 4}`} s: ${b.sessions} sessions`}
          sx={{ textAlign: 'center' }}
        >
          <Box sx={{ width: 24, height: `${(60 * b.sessions) / max}px`, bgcolor: 'primary.main' }} />
          <Typography variant="caption">{b.fromSeconds}</Typography>
        </Box>
      ))}
    </Box>
  );
};

const FlagCard = ({ flag }: { flag: Flag }) => {
  const e = flag.evidence;
  const labels = Object.keys(e).filter((k) => !SKIP.has(k));
  return (
    <Card sx={{ mt: 1 }} data-testid={`flag-${flag.signal}`}>
      <CardContent>
        <Typography variant="h6">
          <Chip label={flag.signal} sx={{ mr: 1 }} /> score {flag.score}
        </Typography>
        <Table size="small">
          <TableBody>
            {labels.map((k) => (
              <TableRow key={k}>
                <TableCell>{LABELS[k] ?? k.replace(/Bps$/, ' (share)')}</TableCell>
                <TableCell>{value(k, e[k])}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell>Stories</TableCell>
              <TableCell>{value('stories', e.stories ?? [])}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
        {Array.isArray(e.authors) ? (
          <Table size="small" sx={{ mt: 1 }}>
            <TableHead>
              <TableRow>
                <TableCell>Writer</TableCell>
                <TableCell align="right">Time points from the ring</TableCell>
                <TableCell align="right">Share of the writer&apos;s month</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(e.authors as { id: string; ringTimePoints: number; shareBps: number }[]).map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.id}</TableCell>
                  <TableCell align="right">{formatCount(a.ringTimePoints)}</TableCell>
                  <TableCell align="right">{formatBps(a.shareBps)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {e.histogram?.length ? <Histogram buckets={e.histogram} /> : null}
      </CardContent>
    </Card>
  );
};

/** Each flag's evidence, then the (member, story) pairs an exclusion would take out. */
export const Evidence = ({ r }: { r: CaseDetail }) => (
  <Box>
    {(r.flags ?? []).map((f) => (
      <FlagCard key={f.id} flag={f} />
    ))}
    <Card sx={{ mt: 1 }}>
      <CardContent>
        <Typography variant="h6">Reading involved ({formatCount((r.pairs ?? []).length)} pairs shown)</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Member</TableCell>
              <TableCell>Story</TableCell>
              <TableCell align="right">Sessions</TableCell>
              <TableCell align="right">Time points</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(r.pairs ?? []).slice(0, 50).map((p) => (
              <TableRow key={`${p.memberId}/${p.storyId}`}>
                <TableCell>{p.memberId}</TableCell>
                <TableCell>{p.storyId}</TableCell>
                <TableCell align="right">{formatCount(p.sessions)}</TableCell>
                <TableCell align="right">{formatCount(p.timePoints)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  </Box>
);
