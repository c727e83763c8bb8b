import { Button, Card, CardContent, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useAction } from '../../components/actions';
import { formatUtc } from '../../dates';
import type { CaseDetail } from './constants';

/** The case's history (detection, claims, notes, decisions, reversals) and the internal note form. */
export const CaseHistory = ({ r, canWrite }: { r: CaseDetail; canWrite: boolean }) => {
  const [body, setBody] = useState('');
  const { run, pending } = useAction();
  const add = async () => {
    if (!body.trim()) return;
    if (await run((dp) => dp.act('integrity-cases', r.id, 'notes', { body: body.trim() }), 'Note added')) setBody('');
  };
  return (
    <Card sx={{ mt: 1 }}>
      <CardContent>
        <Typography variant="h6">History</Typography>
        <List dense data-testid="case-history">
          {(r.history ?? []).map((e) => (
            <ListItem key={e.id}>
              <ListItemText
                primary={`${e.kind}${e.data && 'decision' in e.data ? `: ${String(e.data.decision)}` : ''}${e.body ? ` — ${e.body}` : ''}`}
                secondary={`${formatUtc(e.at)}${e.actorEmail ? ` · ${e.actorEmail}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
        {canWrite ? (
          <>
            <TextField label="Internal note" name="note" fullWidth multiline value={body} onChange={(e) => setBody(e.target.value)} />
            <Button sx={{ mt: 1 }} disabled={pending || !body.trim()} onClick={() => void add()}>
              Add note
            </Button>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
};
