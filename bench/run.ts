/**
 * Runs every bench/*.bench.ts and prints its figures: one readable line each, or with --json
 * exactly one JSON object per line (for CI to compare). --filter NAME runs the benches whose file
 * name contains NAME (or, when no file matches, keeps the figures whose name contains it).
 * Progress goes to stderr so that stdout stays machine-readable.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with (same unit), e.g. the raw cost of the same work. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  note?: string;
}

export type Bench = () => Promise<BenchFigure[]>;

function round(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(4));
}

function jsonLine(f: BenchFigure): string {
  const out: { name: string; value: number; unit: string; baseline?: number; ratio?: number } = {
    name: f.name,
    value: round(f.value),
    unit: f.unit,
  };
  if (f.baseline !== undefined) out.baseline = round(f.baseline);
  if (f.ratio !== undefined) out.ratio = round(f.ratio);
  return JSON.stringify(out);
}

function humanLine(f: BenchFigure): string {
  const parts = [`${f.name.padEnd(28)} ${String(round(f.value)).padStart(10)} ${f.unit}`];
  if (f.baseline !== undefined) parts.push(`baseline ${round(f.baseline)} ${f.unit}`);
  if (f.ratio !== undefined) parts.push(`ratio ${round(f.ratio)}x`);
  if (f.note) parts.push(f.note);
  return parts.join('  |  ');
}

function isFigure(v: unknown): v is BenchFigure {
  const f = v as BenchFigure;
  return typeof v === 'object' && v !== null && typeof f.name === 'string' && typeof f.value === 'number' && typeof f.unit === 'string';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, filter: { type: 'string' } },
    allowPositionals: false,
  });
  const dir = import.meta.dirname;
  const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  const filter = values.filter;
  const byFile = filter ? all.filter((f) => basename(f, '.bench.ts').includes(filter)) : all;
  const files = byFile.length ? byFile : all;
  const keepFigure = (f: BenchFigure) => !filter || byFile.length > 0 || f.name.includes(filter);

  let failed = false;
  for (const file of files) {
    const started = process.hrtime.bigint();
    process.stderr.write(`bench ${file} ...\n`);
    try {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
      if (typeof mod.default !== 'function') throw new Error('no default export function');
      const figures: unknown = await (mod.default as Bench)();
      if (!Array.isArray(figures) || !figures.every(isFigure)) throw new Error('did not return BenchFigure[]');
      for (const f of figures.filter(keepFigure)) console.log(values.json ? jsonLine(f) : humanLine(f));
      process.stderr.write(`bench ${file} done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`);
    } catch (e) {
      failed = true;
      process.stderr.write(`bench ${file} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
  }
  if (failed) process.exitCode = 1;
}

await main();
