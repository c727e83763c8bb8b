import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Show, useCanAccess, useGetIdentity, useRecordContext } from 'react-admin';
import { ReasonDialog, useAction } from '../../components/actions';
import { Fact, Facts, StatusChip } from '../../components/fields';
import { formatUtc } from '../../dates';
import { formatCount } from '../../numbers';
import { CaseHistory } from './CaseHistory';
import { Evidence } from './Evidence';
import { MoneyAtStake } from './IntegrityCaseList';
import type { CaseDetail } from './constants';

type Decision = 'dismiss' | 'exclude' | 'hold' | 'suspend';
const DECISIONS: { decision: Decision; label: string; color: 'inherit' | 'error' | 'warning'; what: string; reasonRequired: boolean }[] = [
  {
    decision: 'dismiss',
    label: 'Dismiss',
    color: 'inherit',
    what: 'The pattern is legitimate; it is not flagged again this period.',
    reasonRequired: true,
  },
  {
    decision: 'exclude',
    label: 'Exclude',
    color: 'error',
    what: "The case's sessions and engagements leave the period's earnings; their money flows to the other stories those members read.",
    reasonRequired: false,
  },
  {
    decision: 'hold',
    label: 'Hold payout',
    color: 'warning',
    what: "The author's payouts are held (left out of the payout file) until forfeited, or released: back in the author's balance, the next payout run pays them.",
    reasonRequired: false,
  },
  {
    decision: 'suspend',
    label: 'Suspend partner',
    color: 'error',
    what: "The partner's status becomes suspended (eligibility).",
    reasonRequired: false,
  },
];

const CaseReview = () => {
  const r = useRecordContext<CaseDetail>();
  const { identity } = useGetIdentity();
  const { canAccess } = useCanAccess({ resource: 'integrity-cases', action: 'decide' });
  const { run, pending } = useAction();
  const [dialog, setDialog] = useState<Decision | 'revert' | 'forfeit' | null>(null);
  if (!r) return null;
  const open = r.status === 'open';
  const mine = r.claimedBy !== null && r.claimedBy === identity?.id;
  const theirs = r.claimedBy !== null && !mine;
  const act = (action: string, body: object, done: string) => run((dp) => dp.act('integrity-cases', r.id, action, body), done);
  const chosen = DECISIONS.find((d) => d.decision === dialog);
  return (
    <Box>
      <Card>
        <CardContent>
          <Typography variant="h5" gutterBottom data-testid="case-title">
            {r.kind === 'ring' ? `Ring of ${formatCount(r.memberCount)} writers` : `${r.authorName} (${r.authorId})`} · {r.period}
          </Typography>
          <Facts>
            <Fact label="Status">
              <StatusChip value={r.status} />
            </Fact>
            <Fact label="Signals">{(r.signals ?? []).join(', ')}</Fact>
            <Fact label="Score">{r.score}</Fact>
            <Fact label="Members">{formatCount(r.memberCount)}</Fact>
            <Fact label="Sessions">{formatCount(r.sessionCount)}</Fact>
            <Fact label="Time points">{formatCount(r.timePoints)}</Fact>
            <Fact label="Money at stake">
              <span data-testid="money-at-stake">
                <MoneyAtStake value={r.moneyAtStakeMicros} />
              </span>
            </Fact>
            <Fact label="Being reviewed by">{r.claimedByEmail ? `${r.claimedByEmail} until ${formatUtc(r.claimedUntil)}` : 'nobody'}</Fact>
            {r.decidedAt ? (
              <Fact label="Decided">{`${formatUtc(r.decidedAt)}${r.decisionReason ? ` — ${r.decisionReason}` : ''}`}</Fact>
            ) : null}
          </Facts>
          {canAccess ? (
            <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }}>
              {open && !mine ? (
                <Button
                  variant="outlined"
                  disabled={pending || theirs}
                  onClick={() => void act('claim', {}, 'Claimed: you are reviewing this case')}
                >
                  Claim
                </Button>
              ) : null}
              {open && mine ? (
                <Button disabled={pending} onClick={() => void act('release', {}, 'Released')}>
                  Release
                </Button>
              ) : null}
              {open
                ? DECISIONS.map((d) => (
                    <Button
                      key={d.decision}
                      variant="contained"
                      color={d.color}
                      disabled={pending || !mine}
                      onClick={() => setDialog(d.decision)}
                    >
                      {d.label}
                    </Button>
                  ))
                : null}
              {!open && r.status !== 'cleared' && r.status !== 'forfeited' ? (
                <Button variant="outlined" disabled={pending} onClick={() => setDialog('revert')}>
                  {r.status === 'held' ? 'Release the hold' : 'Revert decision'}
                </Button>
              ) : null}
              {r.status === 'held' ? (
                <Button variant="contained" color="error" disabled={pending} onClick={() => setDialog('forfeit')}>
                  Forfeit held payouts
                </Button>
              ) : null}
            </Stack>
          ) : null}
        </CardContent>
      </Card>
      <Evidence r={r} />
      <CaseHistory r={r} canWrite={canAccess === true} />
      <ReasonDialog
        open={chosen !== undefined}
        title={chosen ? `${chosen.label} this case?` : ''}
        confirmLabel={chosen?.label ?? ''}
        fields={[{ name: 'reason', label: 'Reason', required: chosen?.reasonRequired ?? false, multiline: true, maxLength: 2000 }]}
        pending={pending}
        onClose={() => setDialog(null)}
        onConfirm={async (v) => {
          if (!chosen) return;
          setDialog(null);
          await act(
            'decide',
            { decision: chosen.decision, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) },
            `Case decided: ${chosen.decision}`,
          );
        }}
      >
        <Typography variant="body2">{chosen?.what} Reversible until the period&apos;s run is approved.</Typography>
      </ReasonDialog>
      <ReasonDialog
        open={dialog === 'revert'}
        title="Revert the decision?"
        confirmLabel="Revert"
        fields={[{ name: 'reason', label: 'Reason', required: true, multiline: true, maxLength: 2000 }]}
        pending={pending}
        onClose={() => setDialog(null)}
        onConfirm={async (v) => {
          setDialog(null);
          await act('revert', { reason: v.reason.trim() }, 'Decision reverted: the case is open again');
        }}
      />
      <ReasonDialog
        open={dialog === 'forfeit'}
        title="Forfeit the held payouts?"
        confirmLabel="Forfeit"
        fields={[{ name: 'reason', label: 'Reason', required: true, multiline: true, maxLength: 2000 }]}
        pending={pending}
        onClose={() => setDialog(null)}
        onConfirm={async (v) => {
          setDialog(null);
          await act('forfeit', { reason: v.reason.trim() }, 'Held payouts forfeited');
        }}
      >
        <Typography variant="body2">The held payouts move to forfeited, exactly their amounts. This is final.</Typography>
      </ReasonDialog>
    </Box>
  );
};

export const IntegrityCaseShow = () => (
  <Show component="div" title="Integrity case" actions={false}>
    <CaseReview />
  </Show>
);
