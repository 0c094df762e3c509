/**
 * Keeps prepared statements prepared.
 *
 * The SQLite inside better-sqlite3 13 lets its query planner peek at bound parameter values
 * (equality heuristics, partial-index checks, LIMIT values). A statement whose plan peeked is
 * marked to be planned again when its parameters are cleared, and better-sqlite3 clears them
 * after every call. So every join, every `col = ? ORDER BY ...` and many more were parsed and
 * planned from scratch on every execution, and better-sqlite3 then compiled a fresh row builder
 * for each result: 10 to 30 µs per call, most of the agent's next-card time.
 *
 * Writing a parameter as `+?` (unary plus, which SQLite defines as a no-op on any value and which
 * leaves comparison affinity unchanged) hides its value from the planner, so the plan is made
 * once, from the schema alone, as it would be for any other database. Every statement the app
 * prepares goes through {@link opaqueParams}; the SQL in the code stays plain.
 */

const IDENT = /[A-Za-z0-9_$\u0080-\uffff]/;

function isIdent(c: string | undefined): boolean {
  return c !== undefined && IDENT.test(c);
}

/** Index just past the quoted run that starts at `i` (quote doubled inside = escaped). */
function skipQuoted(sql: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return j;
}

/**
 * Returns `sql` with every parameter (`?`, `?NNN`, `:name`, `@name`, `$name`) written as
 * `+param`. String literals, quoted identifiers and comments are left exactly as they are.
 */
export function opaqueParams(sql: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i, c);
    } else if (c === '[') {
      const end = sql.indexOf(']', i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '?' || ((c === ':' || c === '@' || c === '$') && !isIdent(sql[i - 1]) && isIdent(sql[i + 1]))) {
      out += `${sql.slice(copied, i)}+`;
      copied = i;
      i++;
      while (i < n && isIdent(sql[i])) i++;
    } else if (isIdent(c)) {
      // A whole word at once, so a `$` inside an identifier is never taken for a parameter.
      while (i < n && isIdent(sql[i])) i++;
    } else {
      i++;
    }
  }
  return copied === 0 ? sql : out + sql.slice(copied);
}

const cache = new Map<string, string>();
const CACHE_MAX = 2000;

/** {@link opaqueParams}, remembered: most statements are prepared again and again. */
export function opaqueParamsCached(sql: string): string {
  let hit = cache.get(sql);
  if (hit === undefined) {
    hit = opaqueParams(sql);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(sql, hit);
  }
  return hit;
}
