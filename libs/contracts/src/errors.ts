/** One JSON shape for every error the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  /** Stable, machine-readable; the mini-program switches on it. */
  code: ErrorCode;
  /** A sentence a resident can read (Chinese). */
  message: string;
  details?: unknown;
  requestId?: string;
}

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'BAD_CURSOR',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  'CONFLICT',
  'ALREADY_EXISTS',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INVALID_CREDIT_CODE',
  'INVALID_AREA_PARENT',
  'CONTRACT_OVERLAP',
  'CONTRACT_ALREADY_ENDED',
  'IMPORT_INVALID',
  'DB_UNAVAILABLE',
  'SERVER_BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

/**
 * SERVER_BUSY (503 with Retry-After): the API is shedding load, or every database connection is taken and the queue
 * for one is full. Nothing was done; the same call may be made again after Retry-After. What the resident reads:
 */
export const SERVER_BUSY_MESSAGE = '访问人数较多，请稍后重试';

/** One row of a bulk import that could not be accepted. Row numbers are as the user's spreadsheet shows them. */
export interface ImportRowError {
  row: number;
  column?: string;
  reason: string;
}
