import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * The console's theme: react-admin's default, with numbers that read well in tables:
 * right-aligned cells (amounts, counts) never wrap (a minus sign stays with its digits) and
 * use tabular figures so columns line up.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  components: {
    ...defaultTheme.components,
    MuiTableCell: {
      styleOverrides: {
        alignRight: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
      },
    },
    MuiChip: {
      styleOverrides: { label: { fontVariantNumeric: 'tabular-nums' } },
    },
  },
};
