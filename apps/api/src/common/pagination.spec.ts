import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trip their values', () => {
    expect(decodeCursor(encodeCursor([42, 'x']), 2)).toEqual([42, 'x']);
  });

  it.each(['', 'not-base64!', encodeCursor([1]), Buffer.from('{"a":1}').toString('base64url'), encodeCursor([{}] as never)])('refuse %p', (bad) => {
    expect(() => decodeCursor(bad, 2)).toThrow(expect.objectContaining({ code: 'BAD_CURSOR', statusCode: 400 }));
  });
});
