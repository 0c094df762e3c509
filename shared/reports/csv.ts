/**
 * CSV for Excel on Windows: UTF-8 with a BOM (else Chinese turns to mojibake), CRLF, and text cells
 * that Excel would run as a formula made inert. Pure: the writer streams the lines.
 */
import { NO_VALUE } from '../kpi/format';
import { cellDash, cellKind, cellValue, type Cell, type SheetColumn } from './sheet';

export const BOM = '\uFEFF';
export const EOL = '\r\n';

/**
 * A text starting with = + - @ (or a tab or carriage return, which can hide one) is a formula to
 * Excel: "=HYPERLINK(...)" in a customer's name must stay text. A leading apostrophe keeps it text
 * (the OWASP CSV-injection advice).
 */
export function escapeFormula(s: string): string {
  const c = s.charCodeAt(0);
  // = + - @ TAB CR
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
}

/**
 * Digits Excel would turn into a number and damage: a platform's order number of 12 digits or more
 * (shown as 6.2026E+13, digits past the 15th lost) or a number with a leading zero (a landline's 0371…).
 */
const FRAGILE_DIGITS = /^(?:\d{12,}|0\d+)$/;

/**
 * Such digits as Excel keeps them: the text formula ="…" (made here of digits only, so nothing a
 * customer typed ever runs). Every other text as it is, formula-escaped.
 */
export function csvText(s: string): string {
  const c = s.charCodeAt(0);
  // Most text (names, addresses, labels) does not start with a digit: one look at the first character.
  if (c >= 48 && c <= 57) return FRAGILE_DIGITS.test(s) ? `="${s}"` : s;
  return escapeFormula(s);
}

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a field when it holds a comma, a quote or a line break. */
export function quoteField(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2026-11-20 09:15:03" from wall-clock epoch ms (see wallClock). */
export function wallClockText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * One cell as CSV text: counts as integers, money as yuan with 2 decimals (no ¥, so that Excel
 * reads a number), rates as "12.5%" (or "—" when they divide by zero), durations h:mm:ss,
 * instants on the business clock; text escaped and quoted.
 */
export function csvCell(cell: Cell, column: SheetColumn, wall: (iso: string) => number): string {
  const kind = cellKind(cell, column);
  const value = cellValue(cell);
  if (value === null) return cellDash(cell, column) ? NO_VALUE : '';
  if (typeof value === 'string') {
    if (kind === 'datetime') return wallClockText(wall(value));
    return quoteField(csvText(value));
  }
  switch (kind) {
    case 'money':
      return (value / 100).toFixed(2);
    case 'percent':
      return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : NO_VALUE;
    case 'duration':
      return duration(value);
    case 'count':
      return String(Math.round(value));
    default:
      return String(value);
  }
}

export function csvHeader(columns: readonly SheetColumn[]): string {
  return columns.map((c) => quoteField(escapeFormula(c.header))).join(',') + EOL;
}

export function csvRow(cells: readonly Cell[], columns: readonly SheetColumn[], wall: (iso: string) => number): string {
  let out = '';
  for (let i = 0; i < columns.length; i++) {
    if (i) out += ',';
    out += csvCell(cells[i] ?? null, columns[i], wall);
  }
  return out + EOL;
}
