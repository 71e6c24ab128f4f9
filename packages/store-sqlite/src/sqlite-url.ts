/**
 * The database file of a `sqlite:` URL: `sqlite:./candles.db` (relative to the working directory),
 * `sqlite:///var/lib/candles.db` or `sqlite:/var/lib/candles.db` (absolute), `sqlite::memory:`.
 * Throws naming the URL when it is not one.
 */
export function sqliteFileOf(url: string): string {
  if (!url.startsWith('sqlite:')) {
    throw new Error(`not a SQLite store URL: "${url}" (expected sqlite:./candles.db or sqlite::memory:)`);
  }
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') throw new Error(`SQLite store URL "${url}" names no file (e.g. sqlite:./candles.db)`);
  return path;
}
