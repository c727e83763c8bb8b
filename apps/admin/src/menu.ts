import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import BalanceIcon from '@mui/icons-material/Balance';
import BoltIcon from '@mui/icons-material/Bolt';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import FlagIcon from '@mui/icons-material/Flag';
import RuleIcon from '@mui/icons-material/Rule';
import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import GroupIcon from '@mui/icons-material/Group';
import HistoryIcon from '@mui/icons-material/History';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import InsightsIcon from '@mui/icons-material/Insights';
import LibraryBooksIcon from '@mui/icons-material/LibraryBooks';
import NewspaperIcon from '@mui/icons-material/Newspaper';
import PaymentsIcon from '@mui/icons-material/Payments';
import PersonIcon from '@mui/icons-material/Person';
import QueryStatsIcon from '@mui/icons-material/QueryStats';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import SavingsIcon from '@mui/icons-material/Savings';
import ShareIcon from '@mui/icons-material/Share';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import ScienceIcon from '@mui/icons-material/Science';
import TuneIcon from '@mui/icons-material/Tune';
import TrackChangesIcon from '@mui/icons-material/TrackChanges';
import TextSnippetIcon from '@mui/icons-material/TextSnippet';
import ViewListIcon from '@mui/icons-material/ViewList';
import TuneOutlinedIcon from '@mui/icons-material/TuneOutlined';
import { LEDGER_MENU } from './resources/ledger/menu';
import type { SvgIconComponent } from '@mui/icons-material';

export interface MenuEntry {
  to: string;
  label: string;
  resource: string;
  action?: string;
  icon: SvgIconComponent;
}

export const MENU: { title: string; items: MenuEntry[] }[] = [
  {
    title: 'Review',
    items: [
      { to: '/applications', label: 'Applications', resource: 'applications', icon: HowToRegIcon },
      { to: '/partners', label: 'Partners', resource: 'partners', icon: GroupIcon },
      { to: '/countries', label: 'Countries', resource: 'countries', icon: FlagIcon },
      { to: '/members', label: 'Members', resource: 'members', icon: PersonIcon },
    ],
  },
  {
    title: 'Curation',
    items: [
      { to: '/nominations', label: 'Nomination queue', resource: 'nominations', icon: PlaylistAddCheckIcon },
      { to: '/boosts', label: 'Boosts', resource: 'boosts', icon: BoltIcon },
      { to: '/stories', label: 'Stories', resource: 'stories', icon: LibraryBooksIcon },
      { to: '/publications', label: 'Publications', resource: 'publications', icon: NewspaperIcon },
      { to: '/nominators', label: 'Nominators', resource: 'nominators', icon: RecordVoiceOverIcon },
      { to: '/nominator-calibration', label: 'Nominator calibration', resource: 'nominator-calibration', icon: TrackChangesIcon },
      { to: '/curator-calibration', label: 'Curator calibration', resource: 'curator-calibration', icon: BalanceIcon },
    ],
  },
  {
    title: 'Integrity',
    items: [
      { to: '/integrity-cases', label: 'Integrity cases', resource: 'integrity-cases', icon: GppMaybeIcon },
      { to: '/integrity-parameters', label: 'Integrity thresholds', resource: 'integrity-parameters', icon: RuleIcon },
    ],
  },
  {
    title: 'Payouts',
    items: [
      { to: '/payout-runs', label: 'Payout runs', resource: 'payout-runs', icon: PaymentsIcon },
      { to: '/statements', label: 'Statements', resource: 'statements', icon: ReceiptLongIcon },
      { to: '/story-earnings', label: 'Story earnings', resource: 'story-earnings', icon: InsightsIcon },
      { to: '/adjustments', label: 'Adjustments', resource: 'adjustments', icon: TuneOutlinedIcon },
      {
        to: '/earnings-parameters/current/show',
        label: 'Earnings parameters',
        resource: 'earnings-parameters',
        action: 'show',
        icon: TuneIcon,
      },
      { to: '/simulations', label: 'Simulations', resource: 'simulations', icon: ScienceIcon },
    ],
  },
  LEDGER_MENU,
  {
    title: 'Support',
    items: [
      { to: '/tickets', label: 'Tickets', resource: 'tickets', icon: SupportAgentIcon },
      { to: '/saved-replies', label: 'Saved replies', resource: 'saved-replies', icon: TextSnippetIcon },
      { to: '/explanations', label: 'Earnings explanation', resource: 'explanations', action: 'show', icon: QueryStatsIcon },
    ],
  },
  {
    title: 'Referrals',
    items: [
      { to: '/writer-referrals', label: "A writer's referrals", resource: 'writer-referrals', icon: AssignmentIndIcon },
      { to: '/referrals', label: 'Legacy referrals', resource: 'referrals', icon: ShareIcon },
      { to: '/referral-credits', label: 'Referral credits', resource: 'referral-credits', icon: SavingsIcon },
      { to: '/referral-credit-totals', label: 'Credits per month', resource: 'referral-credit-totals', icon: CallSplitIcon },
    ],
  },
  {
    title: 'Admin',
    items: [
      { to: '/staff-users', label: 'Staff accounts', resource: 'staff-users', icon: AccountBalanceIcon },
      { to: '/audit-log', label: 'Audit log', resource: 'audit-log', icon: HistoryIcon },
      { to: '/queue-dashboard', label: 'Queue dashboard', resource: 'queue-board', icon: ViewListIcon },
    ],
  },
];
