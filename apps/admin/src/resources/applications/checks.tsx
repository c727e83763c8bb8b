import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { humanize } from '../../components/fields';
import { formatUtc } from '../../dates';
import { CHECK_LABELS, CHECK_NAMES } from './constants';
import type { Application, Check } from '../../api';

/** The four checks as pass/fail chips (the queue's column). */
export const CheckChips = ({ record }: { record: Application }) => (
  <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
    {CHECK_NAMES.map((name) => {
      const check = record.checks?.[name] as Check | undefined;
      if (!check) return <Chip key={name} size="small" variant="outlined" icon={<HelpOutlineIcon />} label={CHECK_LABELS[name]} />;
      return (
        <Chip
          key={name}
          size="small"
          color={check.pass ? 'success' : 'error'}
          variant={check.pass ? 'outlined' : 'filled'}
          icon={check.pass ? <CheckCircleIcon /> : <CancelIcon />}
          label={CHECK_LABELS[name]}
          title={check.detail}
          data-testid={`check-${name}-${check.pass ? 'pass' : 'fail'}`}
        />
      );
    })}
  </Stack>
);

const evidenceValue = (v: unknown) => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatUtc(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
};

/** Each check with its result, the reason in words and the evidence it used. */
export const CheckCards = ({ record }: { record: Application }) => {
  if (!record.checks) return <Typography color="text.secondary">Not evaluated yet: use “Re-check”.</Typography>;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Evaluated {formatUtc(record.checks.asOf ?? record.checkedAt)}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        {CHECK_NAMES.map((name) => {
          const check = record.checks?.[name] as Check | undefined;
          if (!check) return null;
          return (
            <Card key={name} variant="outlined" data-testid={`check-card-${name}`}>
              <CardContent>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
                  {check.pass ? <CheckCircleIcon color="success" /> : <CancelIcon color="error" />}
                  <Typography variant="subtitle1">{CHECK_LABELS[name]}</Typography>
                  <Chip size="small" label={check.pass ? 'pass' : 'fail'} color={check.pass ? 'success' : 'error'} />
                </Stack>
                <Typography variant="body2" sx={{ mb: 1 }}>
                  {check.detail}
                </Typography>
                {check.evidence ? (
                  <Table size="small">
                    <TableBody>
                      {Object.entries(check.evidence).map(([k, v]) => (
                        <TableRow key={k}>
                          <TableCell sx={{ color: 'text.secondary', border: 0, py: 0.25, pl: 0 }}>{humanize(k)}</TableCell>
                          <TableCell sx={{ border: 0, py: 0.25 }}>{evidenceValue(v)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                ) : (
                  <Typography variant="body2" color="text.secondary">
                    No evidence on record
                  </Typography>
                )}
              </CardContent>
            </Card>
          );
        })}
      </Box>
    </Box>
  );
};
