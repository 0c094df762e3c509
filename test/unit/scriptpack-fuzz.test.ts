/**
 * Property test: whatever a trainer (or a broken editor) does to a valid pack, the validator
 * answers with problems it can place — it never crashes, never hides a crash — and whatever it
 * accepts, the interpreter can run. Deterministic seed, so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FLOWS } from '../../shared/domain';
import { CONTINUE, PACK_ISSUE_CODES, runScript, validatePackText, type ScriptEvent } from '../../shared/scriptpack';
import { BASE_PACK, t } from '../helpers/packs';

/** mulberry32: small, fast, good enough to pick mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [null, 0, -1, 1e308, 3.14159, '', ' ', '{{', '}}', '{{order.address', '{{nope.nope}}', 'greet', 'done', 'confirmed', 'refused', true, [], {}, [1, 2], { a: 1 }, '\u0000', '😀', 'x'.repeat(5000), '__proto__', 'constructor'];
const TEXT_BITS = ['{', '}', '[', ']', ':', '- ', '\n', '  ', '\t', '"', "'", '#', '&a', '*a', '!!str ', '---\n', '{{', '%', '|', '>'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(node: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...prefix, k], out);
  return out;
}

function mutateTree(root: Json, r: () => number): Json {
  const tree = structuredClone(root) as Json;
  const all = paths(tree).filter((p) => p.length > 0);
  const times = 1 + Math.floor(r() * 3);
  for (let n = 0; n < times; n++) {
    const p = all[Math.floor(r() * all.length)];
    let parent: Json = tree;
    for (const seg of p.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      parent = (parent as Record<string | number, Json>)[seg];
    }
    if (parent === null || typeof parent !== 'object') continue;
    const key = p[p.length - 1];
    const container = parent as Record<string | number, Json>;
    const choice = r();
    if (choice < 0.3) {
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete container[key];
    } else if (choice < 0.75) {
      container[key] = WEIRD[Math.floor(r() * WEIRD.length)] as Json;
    } else if (choice < 0.9) {
      // Copy another node here: duplicated ids, steps in odd places, offers as steps...
      const other = all[Math.floor(r() * all.length)];
      let v: Json = root;
      for (const seg of other) v = v !== null && typeof v === 'object' ? (v as Record<string | number, Json>)[seg] : null;
      container[key] = structuredClone(v ?? null);
    } else if (!Array.isArray(parent)) {
      container[`extra${Math.floor(r() * 10)}`] = 'surprise';
    }
  }
  return tree;
}

function mutateText(text: string, r: () => number): string {
  let s = text;
  const times = 1 + Math.floor(r() * 3);
  for (let n = 0; n < times; n++) {
    const i = Math.floor(r() * s.length);
    const choice = r();
    if (choice < 0.35) s = s.slice(0, i) + s.slice(i + 1 + Math.floor(r() * 20));
    else if (choice < 0.7) s = s.slice(0, i) + TEXT_BITS[Math.floor(r() * TEXT_BITS.length)] + s.slice(i);
    else {
      const lines = s.split('\n');
      const a = Math.floor(r() * lines.length);
      const b = Math.floor(r() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      s = lines.join('\n');
    }
  }
  return s;
}

describe('random mutations of a valid pack', () => {
  const base = validatePackText(BASE_PACK);
  const tree = JSON.parse(JSON.stringify(base.pack)) as Json;

  it('never crash the validator, and everything it accepts runs', () => {
    const r = rng(20261120);
    let accepted = 0;
    let rejected = 0;
    for (let n = 0; n < 600; n++) {
      const kind = n % 3;
      const text =
        kind === 0 ? mutateText(BASE_PACK, r) : kind === 1 ? stringify(mutateTree(tree, r)) : JSON.stringify(mutateTree(tree, r), null, r() < 0.5 ? 2 : 0);
      let v: ReturnType<typeof validatePackText>;
      try {
        v = validatePackText(text);
      } catch (e) {
        throw new Error(`validator threw on mutation ${n}: ${String(e)}\n${text}`, { cause: e });
      }
      // A crash inside is turned into a root-level problem; the property is that it never happens.
      expect(v.issues.some((i) => i.code === 'bad_value' && i.path === '' && i.params.field === ''), `mutation ${n}: ${JSON.stringify(v.issues[0])}\n${text}`).toBe(false);
      for (const i of v.issues) {
        expect(PACK_ISSUE_CODES).toContain(i.code);
        expect(i.line).toBeGreaterThanOrEqual(1);
        expect(i.column).toBeGreaterThanOrEqual(1);
      }
      expect(v.ok).toBe(v.issues.length === 0);
      if (v.pack) {
        accepted++;
        for (const flow of FLOWS) {
          if (!v.pack.flows[flow]) continue;
          const events: ScriptEvent[] = [];
          for (let step = 0; step < 8; step++) {
            const view = runScript({ pack: v.pack, flow, context: {}, locale: 'en', t: t('en'), events, startedAt: '2026-11-20T04:00:00.000Z' });
            expect(JSON.stringify(view)).not.toContain('undefined');
            if (view.finished || view.answers.length === 0) break;
            const pick = view.answers[Math.floor(r() * view.answers.length)];
            events.push({ answer: pick.id === CONTINUE ? CONTINUE : pick.id, at: '2026-11-20T04:00:01.000Z' });
          }
        }
      } else rejected++;
    }
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(250);
  });
});
