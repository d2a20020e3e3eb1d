import { DomainError } from './errors';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** The Idempotency-Key header a client sends so that a retried submission files nothing twice (empty: none sent). */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) throw new DomainError(400, 'VALIDATION_FAILED', 'Idempotency-Key 格式不正确（8–64 个字母、数字、_ 或 -）');
  return header;
}
