import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';

export interface RowsColumn<T> {
  label: string;
  render: (row: T) => ReactNode;
  align?: 'right';
}

/** A small read-only table of a record's sub-rows (a member's charges, a publication's stories). */
export function RowsTable<T extends { id?: string; period?: string }>({
  rows,
  columns,
  empty,
}: {
  rows: T[];
  columns: RowsColumn<T>[];
  empty: string;
}) {
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.label} align={c.align}>
              {c.label}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={columns.length}>{empty}</TableCell>
          </TableRow>
        ) : null}
        {rows.map((row, i) => (
          <TableRow key={row.id ?? row.period ?? i}>
            {columns.map((c) => (
              <TableCell key={c.label} align={c.align}>
                {c.render(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
