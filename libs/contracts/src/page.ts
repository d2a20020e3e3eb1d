/** A keyset-paginated list: pass `nextCursor` back as `cursor` for the next page; null means the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
