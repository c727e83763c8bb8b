import { Box, Button, Card, CardContent, TextField } from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { previousPeriod } from '../../dates';
import { ExplanationPanel } from './ExplanationPanel';

/** `#/explanations/<authorId>/<period>`: any writer's explanation (support, finance). */
export const ExplanationPage = () => {
  const { authorId = '', period = '' } = useParams();
  const navigate = useNavigate();
  const [author, setAuthor] = useState(authorId);
  const [month, setMonth] = useState(period || previousPeriod());
  return (
    <RequireAccess resource="explanations" action="show">
      <Title title="Earnings explanation" />
      <Card sx={{ my: 1 }}>
        <CardContent>
          <Box
            component="form"
            sx={{ display: 'flex', gap: 2 }}
            onSubmit={(e) => {
              e.preventDefault();
              if (author.trim() && month.trim()) navigate(`/explanations/${encodeURIComponent(author.trim())}/${month.trim()}`);
            }}
          >
            <TextField size="small" label="Writer (member id)" value={author} onChange={(e) => setAuthor(e.target.value)} />
            <TextField size="small" label="Period (YYYY-MM)" value={month} onChange={(e) => setMonth(e.target.value)} />
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
