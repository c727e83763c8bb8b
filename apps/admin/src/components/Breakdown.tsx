import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { roundingLineLabel } from '@libs/help-desk/src/rounding-line';
import { shownParts, type MoneyValue } from '../money';

export interface BreakdownPart {
  label: string;
  /** Integer micro-dollars (use `cents` for whole-cent amounts). */
  micros?: MoneyValue;
  cents?: MoneyValue;
  /** Shown only when it is not zero. */
  optional?: boolean;
}

const toMicros = (p: BreakdownPart): MoneyValue =>
  p.cents !== undefined && p.cents !== null ? (BigInt(String(p.cents)) * 10_000n).toString() : (p.micros ?? 0);

const Row = ({ label, value, strong, role }: { label: string; value: string; strong?: boolean; role: 'part' | 'whole' }) => (
  <TableRow data-role={role}>
    <TableCell sx={{ py: 0.5, fontWeight: strong ? 600 : undefined }}>{label}</TableCell>
    <TableCell
      data-amount
      align="right"
      sx={{ py: 0.5, fontWeight: strong ? 600 : undefined, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
    >
      {value}
    </TableCell>
  </TableRow>
);

/**
 * Money parts and their whole, each rounded to the cent, with the one "Rounding to the cent"
 * line when the shown parts would not add up by themselves (`data-breakdown`: the browser
 * tests add the shown parts up against the shown whole).
 */
export const Breakdown = ({
  parts,
  whole,
  wholeFirst,
  testId,
  maxWidth = 460,
}: {
  parts: BreakdownPart[];
  whole: { label: string; micros: MoneyValue };
  /** "Balance … of which: payout, carried" rather than "… = balance". */
  wholeFirst?: boolean;
  testId?: string;
  maxWidth?: number;
}) => {
  const shown = parts.filter((p) => !p.optional || String(toMicros(p)) !== '0');
  const s = shownParts(shown.map(toMicros), whole.micros);
  const wholeRow = <Row label={whole.label} value={s.whole} strong role="whole" />;
  return (
    <Table size="small" sx={{ maxWidth }} data-breakdown data-testid={testId}>
      <TableBody>
        {wholeFirst ? wholeRow : null}
        {shown.map((p, i) => (
          <Row key={p.label} label={p.label} value={s.parts[i]!} role="part" />
        ))}
        {s.rounding ? <Row label={roundingLineLabel()} value={s.rounding} role="part" /> : null}
        {wholeFirst ? null : wholeRow}
      </TableBody>
    </Table>
  );
};
