import 'reflect-metadata';
import type { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ListTicketsQuery } from '../modules/tickets/dto/ticket.dto';
import { createValidationPipe } from './validation';

const asQuery: ArgumentMetadata = { type: 'query', metatype: ListTicketsQuery };
/** What Fastify's query parser hands the pipe: a fresh object of strings per request. */
const parsed = (query: string) => Object.fromEntries(new URLSearchParams(query));

describe('query validation', () => {
  let pipe: ValidationPipe;
  let checks: jest.SpyInstance;
  beforeEach(() => {
    pipe = createValidationPipe();
    checks = jest.spyOn(pipe as unknown as { validate: () => unknown }, 'validate');
  });

  it('turns a query string seen before into the same DTO, checked once, a new instance each time', async () => {
    const first = (await pipe.transform(parsed('view=inbox&communityId=7&overdue=true'), asQuery)) as ListTicketsQuery;
    first.communityId = 99;
    const again = (await pipe.transform(parsed('view=inbox&communityId=7&overdue=true'), asQuery)) as ListTicketsQuery;
    expect(again).toBeInstanceOf(ListTicketsQuery);
    expect(again).not.toBe(first);
    expect(again).toMatchObject({ view: 'inbox', communityId: 7, overdue: true });
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('checks another query string, and refuses a bad one every time it comes', async () => {
    await pipe.transform(parsed('view=inbox'), asQuery);
    await expect(pipe.transform(parsed('view=inbox&limit=5'), asQuery)).resolves.toMatchObject({ view: 'inbox', limit: 5 });
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform(parsed('view=inbox&communityId=abc'), asQuery)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(pipe.transform(parsed('view=everything'), asQuery)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(checks).toHaveBeenCalledTimes(6);
  });

  it('checks a parameter given twice (a list, not text) each time', async () => {
    const twice = () => ({ view: 'inbox', state: ['submitted', 'accepted'] });
    for (let i = 0; i < 2; i++) await expect(pipe.transform(twice(), asQuery)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('keeps a bounded number of query strings: a crawler paging with new cursors does not grow it for ever', async () => {
    for (let i = 0; i < 1001; i++) await pipe.transform(parsed(`view=inbox&limit=${(i % 50) + 1}&category=c${i}`), asQuery);
    await pipe.transform(parsed('view=inbox&limit=1&category=c0'), asQuery);
    // The 1,001st cleared what was kept, so the first is checked again.
    expect(checks).toHaveBeenCalledTimes(1002);
  });
});
