// One convention for every list: `limit`, `after` (the previous page's
// `next_cursor`), `has_more`. This walks the pages lazily: a page is fetched only
// when the caller has used up the one before it.

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor?: string | null;
}

export async function* paginate<T>(fetchPage: (after: string | undefined) => Promise<Page<T>>, after?: string): AsyncGenerator<T> {
  let cursor = after;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.data;
    if (!page.has_more || !page.next_cursor) return;
    cursor = page.next_cursor;
  }
}
