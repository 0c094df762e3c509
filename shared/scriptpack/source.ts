/**
 * Reading a pack's text (YAML, or JSON, which YAML 1.2 reads too) while keeping where every value
 * came from, so each problem can name its line and column. Pure: the caller reads the file.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

export interface SyntaxProblem extends Position {
  /** The YAML parser's error code (BAD_INDENT, DUPLICATE_KEY...). */
  code: string;
  /** The parser's own words (English). */
  detail: string;
}

export interface PackSource {
  /** The plain data (undefined when the text could not be read at all). */
  data: unknown;
  syntax: SyntaxProblem[];
  /**
   * Where the value at `path` starts; with `key`, where its key starts (for "unknown field").
   * A path that does not exist gives the position of the deepest part that does.
   */
  locate(path: readonly PathSegment[], opts?: { key?: boolean }): Position;
}

/** Largest pack text accepted (the default pack, three languages and five flows, is ~135 KB). */
export const MAX_PACK_CHARS = 1_000_000;
/**
 * Deepest nesting of [ ] and { } accepted. A pack nests a few levels (`label: { zh-CN: … }`,
 * `{{order.price}}`); thousands of unclosed brackets made the parser take seconds and gigabytes.
 */
export const MAX_FLOW_DEPTH = 128;

/** Where brackets first nest deeper than MAX_FLOW_DEPTH (character offset), or -1. One pass, before parsing. */
export function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

export function readPackSource(text: string): PackSource {
  const lines = new LineCounter();
  // A BOM is what Windows editors put first; editors do not count it as a column either.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Keys are checked for repeats below, in one pass: the parser's own check compares every key of
  // a mapping with every other one (a 50,000-key file took half a minute).
  const doc = parseDocument(body, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const pos = (offset: number): Position => {
    const p = lines.linePos(Math.max(0, Math.min(offset, body.length)));
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };

  const syntax: SyntaxProblem[] = rootCauses(
    [
      ...doc.errors.map((e) => ({
        ...(e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : pos(e.pos[0])),
        code: e.code,
        detail: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      })),
      ...repeatedKeys(doc.contents).map((at) => ({ ...pos(at), code: 'DUPLICATE_KEY', detail: 'Map keys must be unique' })),
    ].sort((a, b) => a.line - b.line || a.column - b.column),
  );

  let data: unknown;
  if (syntax.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      syntax.push({ ...pos(0), code: 'RESOURCE_EXHAUSTION', detail: e instanceof Error ? e.message : String(e) });
    }
  }

  function locate(path: readonly PathSegment[], opts: { key?: boolean } = {}): Position {
    let node: unknown = doc.contents;
    let at = node && (node as YamlNode).range ? (node as YamlNode).range![0] : 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) return pos(at);
        const keyNode = pair.key as YamlNode | null;
        if (last && opts.key && keyNode?.range) return pos(keyNode.range[0]);
        const valueNode = pair.value as YamlNode | null;
        if (valueNode?.range) {
          node = valueNode;
          at = valueNode.range[0];
        } else {
          // `next:` with nothing after it: point at the key.
          node = valueNode;
          if (keyNode?.range) at = keyNode.range[0];
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as YamlNode | undefined;
        if (!item?.range) return pos(at);
        node = item;
        at = item.range[0];
      } else {
        return pos(at);
      }
    }
    return pos(at);
  }

  return { data, syntax, locate };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * The parser's problems a trainer should see. One tab used for indentation derails the YAML
 * parser: from there on it misreads the structure and reports a cascade (a tab on one line gave
 * eleven problems, among them a "missing closing quote" that was not missing). So from the first
 * tab indentation on, only the tab indentations are kept, each a line to fix; what comes before
 * it is unaffected and stays.
 */
export function rootCauses(problems: SyntaxProblem[]): SyntaxProblem[] {
  const tabs = problems.filter((p) => p.code === 'TAB_AS_INDENT');
  if (tabs.length === 0) return problems;
  const first = tabs.reduce((a, b) => (before(b, a) ? b : a));
  const kept = problems.filter((p) => p.code === 'TAB_AS_INDENT' || before(p, first));
  // One problem per tab line (the parser may name a line twice).
  const seen = new Set<string>();
  return kept.filter((p) => {
    const key = `${p.code}:${p.line}:${p.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where a key repeats one written before it in the same mapping (offsets), in one walk of the document. */
function repeatedKeys(root: unknown): number[] {
  const found: number[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key) && (pair.key as YamlNode | null)?.range) found.push((pair.key as YamlNode).range![0]);
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found;
}

/** "flows.verify.steps[2].answers[0].next" — how a path reads in messages. */
export function pathText(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
