import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BalanceIcon from '@mui/icons-material/Balance';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { MenuEntry } from '../../menu';

/** The ledger's pages in the menu (issue 17). */
export const LEDGER_MENU: { title: string; items: MenuEntry[] } = {
  title: 'Ledger',
  items: [
    { to: '/author-ledger', label: 'Author ledger', resource: 'author-ledger', icon: AccountTreeIcon },
    { to: '/trial-balances', label: 'Trial balance', resource: 'trial-balances', icon: BalanceIcon },
    { to: '/ledger-integrity', label: 'Ledger integrity', resource: 'ledger-integrity', action: 'show', icon: FactCheckIcon },
  ],
};
