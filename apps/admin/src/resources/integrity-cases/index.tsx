import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import { IntegrityCaseList } from './IntegrityCaseList';
import { IntegrityCaseShow } from './IntegrityCaseShow';

/** The integrity queue (issue 18): cases of gamed reading, their evidence and decisions. */
export default { list: IntegrityCaseList, show: IntegrityCaseShow, icon: GppMaybeIcon, recordRepresentation: 'authorName' };
