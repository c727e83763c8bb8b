import { Box, Button, Card, CardContent, TextField } from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { periodProblem } from '@libs/core/src/period/period';
import { previousPeriod } from '../../dates';
import { ExplanationPanel } from './ExplanationPanel';

/** `#/explanations/<authorId>/<period>`: any writer's explanation (support, finance). */
export const ExplanationPage = () => {
  const { authorId = '', period = '' } = useParams();
  const navigate = useNavigate();
  const [author, setAuthor] = useState(authorId);
  const [month, setMonth] = useState(period || previousPeriod());
  const [tried, setTried] = useState(false);
  // Empty fields said nothing: now each says it is required (and the period its format).
  const authorProblem = !author.trim() ? 'Required: the writer’s member id, e.g. m123' : null;
  const monthProblem = !month.trim()
    ? 'Required: a month, YYYY-MM'
    : periodProblem(month.trim())
      ? 'A month as YYYY-MM, e.g. 2026-10'
      : null;
  return (
    <RequireAccess resource="explanations" action="show">
      <Title title="Earnings explanation" />
      <Card sx={{ my: 1 }}>
        <CardContent>
          <Box
            component="form"
            noValidate
            sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}
            onSubmit={(e) => {
              e.preventDefault();
              setTried(true);
              if (!authorProblem && !monthProblem) navigate(`/explanations/${encodeURIComponent(author.trim())}/${month.trim()}`);
            }}
          >
            <TextField
              size="small"
              required
              label="Writer (member id)"
              name="authorId"
              value={author}
              error={tried && !!authorProblem}
              helperText={tried ? authorProblem : null}
              onChange={(e) => setAuthor(e.target.value)}
            />
            <TextField
              size="small"
              required
              label="Period (YYYY-MM)"
              name="period"
              value={month}
              error={tried && !!monthProblem}
              helperText={tried ? monthProblem : null}
              onChange={(e) => setMonth(e.target.value)}
            />
            <Button type="submit" variant="contained">
              Explain
            </Button>
          </Box>
        </CardContent>
      </Card>
      {authorId && period ? <ExplanationPanel path={`explanations/${encodeURIComponent(authorId)}/${encodeURIComponent(period)}`} /> : null}
    </RequireAccess>
  );
};
