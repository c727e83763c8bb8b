import { Box } from '@mui/material';
import { Fragment } from 'react';

const AMOUNT = /([−+-]?\$[\d,]+(?:\.\d+)?)/;

/**
 * Text with amounts in it ("… fell 44%: −$2.23"): each amount is kept on one line, so a
 * minus sign never wraps away from its digits. The text itself is unchanged (copy and
 * search see the same characters).
 */
export const MoneyText = ({ text }: { text: string }) => (
  <>
    {text.split(AMOUNT).map((piece, i) =>
      i % 2 === 1 ? (
        <Box component="span" key={i} sx={{ whiteSpace: 'nowrap' }}>
          {piece}
        </Box>
      ) : (
        <Fragment key={i}>{piece}</Fragment>
      ),
    )}
  </>
);
