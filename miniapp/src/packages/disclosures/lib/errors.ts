import { endExpiredSession, isSignedOutError } from '../../../services/auth';
import { ApiError } from '../../../services/http';

/** The API's own sentence for a refused action (written for residents); a session that ended sends to sign-in. */
export function refusalOf(error: unknown, fallback = '操作没有成功，请稍后重试'): string {
  if (isSignedOutError(error)) endExpiredSession();
  return error instanceof ApiError ? error.message : fallback;
}
