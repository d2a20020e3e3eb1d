const BATCH = 200;

/**
 * A scheduler's sweep over what is due (late orders, late agreed items): the rows `find` answers after an id, in id
 * order, a batch at a time, each given its step; answers how many steps were taken (a step answering null was
 * skipped: someone else moved the row first). Memory stays flat however many are due.
 */
export async function sweepInBatches<T extends { id: number }>(find: (afterId: number, take: number) => Promise<T[]>, step: (row: T) => Promise<unknown>): Promise<number> {
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = await find(after, BATCH);
    for (const row of batch) if ((await step(row)) !== null) done++;
    if (batch.length < BATCH) return done;
    after = batch[batch.length - 1].id;
  }
}
