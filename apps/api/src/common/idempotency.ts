import { DomainError } from './errors';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** The Idempotency-Key header of a submission that may be retried (随手拍, an offline inspection): 8–64 of [A-Za-z0-9_-]. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) throw new DomainError(400, 'VALIDATION_FAILED', 'Idempotency-Key 格式不正确');
  return header;
}
