import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import { NominationList } from './NominationList';
import { NominationShow } from './NominationShow';

export { DECLINE_REASONS, NOMINATION_STATUSES, REFUSAL_REASONS } from './constants';

/** The curators' queue: list (keyboard, claims, bulk decline with preview) and review page (next-item flow). */
export default { list: NominationList, show: NominationShow, icon: PlaylistAddCheckIcon, recordRepresentation: 'storyTitle' };
