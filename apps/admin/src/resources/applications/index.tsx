import HowToRegIcon from '@mui/icons-material/HowToReg';
import { ApplicationCreate } from './ApplicationCreate';
import { ApplicationList } from './ApplicationList';
import { ApplicationShow } from './ApplicationShow';

/** The reviewers' queue: list (keyboard, claims, bulk with preview), review page (next-item flow), staff entry. */
export default {
  list: ApplicationList,
  show: ApplicationShow,
  create: ApplicationCreate,
  icon: HowToRegIcon,
  recordRepresentation: 'id',
};
