import type { ReactNode } from 'react';
import { AccessDenied, Loading, useCanAccess } from 'react-admin';

/** For custom pages (resources get this from react-admin): the page when the roles allow it, else "Access denied". */
export const RequireAccess = ({ resource, action, children }: { resource: string; action: string; children: ReactNode }) => {
  const { canAccess, isPending } = useCanAccess({ resource, action });
  if (isPending) return <Loading />;
  return canAccess ? <>{children}</> : <AccessDenied />;
};
