export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export interface DriverError {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** A short reason per SQLSTATE (never PostgreSQL's message, which quotes the value). */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22001': 'a text is longer than its field allows',
  '22003': 'a number is out of range',
  '22004': 'a value is missing',
  '22007': 'a date or time is not valid',
  '22008': 'a date or time is out of range',
  '22009': 'a time zone offset is not valid',
  '2200H': 'a sequence limit was reached',
  '22012': 'a division by zero',
  '22019': 'an escape character is not valid',
  '2201B': 'a pattern is not a valid regular expression',
  '2201E': 'a logarithm argument is not valid',
  '2201W': 'a row limit is not valid',
  '2201X': 'a row offset is not valid',
  '2202E': 'an array index is out of range',
  '22021': 'a text holds a NUL byte or is not valid UTF-8',
  '22023': 'a parameter value is not valid',
  '22025': 'an escape sequence is not valid',
  '22P02': 'a value is not of the right type',
  '22P03': 'a binary value is not valid',
  '22P05': 'a text holds a character PostgreSQL cannot store (\\u0000)',
};

/**
 * Maps each database error a client's input can cause to a 4xx; null for the rest (bugs, a
 * logged 500). Class 22 (data exceptions) is always bad input; class 23 is a conflict with
 * stored data or a rule a CHECK enforces; lost races and lock timeouts are 409s; an index
 * row or expression too large for PostgreSQL (class 54) is input too large.
 */
export function fromDatabase(driver: DriverError): ErrorBody | null {
  const code = driver.code ?? '';
  const where = {
    ...(driver.table ? { table: driver.table } : {}),
    ...(driver.column ? { field: driver.column } : {}),
    ...(driver.constraint ? { constraint: driver.constraint } : {}),
  };
  const details = Object.keys(where).length ? where : undefined;
  if (code.startsWith('22'))
    return {
      statusCode: 400,
      code: 'validation_failed',
      message: `invalid input: ${DATA_EXCEPTIONS[code] ?? 'a value is not valid'}`,
      details,
    };
  switch (code) {
    case '23502':
      return {
        statusCode: 400,
        code: 'validation_failed',
        message: `a required value is missing${driver.column ? ` (${driver.column})` : ''}`,
        details,
      };
    case '23503':
      return {
        statusCode: 409,
        code: 'conflict',
        message: 'a referenced record does not exist, or the record is still referenced',
        details,
      };
    case '23505':
      return { statusCode: 409, code: 'conflict', message: 'a record with the same key already exists', details };
    case '23P01':
      return { statusCode: 409, code: 'conflict', message: 'it overlaps an existing record', details };
    case '23514':
      return {
        statusCode: 422,
        code: 'rule_violation',
        message: `a rule of the data is broken${driver.constraint ? ` (${driver.constraint})` : ''}`,
        details: { rule: driver.constraint },
      };
    case '40001':
    case '40P01':
    case '55P03':
      return { statusCode: 409, code: 'conflict', message: 'a concurrent change won; reload and try again' };
    case '54000':
    case '54001':
      return { statusCode: 400, code: 'validation_failed', message: 'invalid input: a value is too large to store or search', details };
    default:
      return null;
  }
}
