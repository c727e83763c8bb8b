import { useEffect, useState } from 'react';
import { useLogoutIfAccessDenied } from 'react-admin';
import { dataProvider } from '../dataProvider';
import { errorMessage } from './actions';

/** GETs an API path (again when it changes): the answer, or the error in words; signs out on a 401. */
export function useFetchJson<T>(path: string): { data?: T; error?: string } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  useEffect(() => {
    let cancelled = false;
    setState({});
    dataProvider.fetchJson<T>(path).then(
      ({ data }) => !cancelled && setState({ data }),
      async (e) => {
        if (!(await logoutIfAccessDenied(e)) && !cancelled) setState({ error: errorMessage(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [path, logoutIfAccessDenied]);
  return state;
}
