import { Initial1795499600590 } from './1795499600590-Initial.js';
import { AuditLogAppendOnly1795499600591 } from './1795499600591-AuditLogAppendOnly.js';

/** In order; add each new migration here (the cli's migration:generate prints the line). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Initial1795499600590, AuditLogAppendOnly1795499600591];
