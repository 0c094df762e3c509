/** Periods in the business time zone, how numbers read, masking, CSV cells, and the sheet's words. */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { formatDuration, formatFen, formatRatio, NO_VALUE } from '../../shared/kpi/format';
import { addDays, dayBucketer, dayCount, hourBucketer, isDay, periodBounds, previousPeriod, wallClock } from '../../shared/kpi/period';
import { maskAddress, maskNumbersIn, maskPhone } from '../../shared/mask';
import { csvCell, csvRow, escapeFormula, wallClockText } from '../../shared/reports/csv';
import { SUMMARY_LINES, SUMMARY_SECTIONS, type SheetColumn } from '../../shared/reports/sheet';
import { REPORT_CATEGORIES } from '../../shared/reports/sheet';
import { scriptSteps } from '../../electron/services/reports/facts';

describe('periods', () => {
  it('a business day in Shanghai starts at 16:00 UTC the day before', () => {
    expect(periodBounds({ from: '2026-11-20', to: '2026-11-20' }, 'Asia/Shanghai')).toEqual({
      start: '2026-11-19T16:00:00.000Z',
      end: '2026-11-20T16:00:00.000Z',
    });
  });

  it('a DST day is as long as the wall clock says (New York, 2026-03-08: 23 hours)', () => {
    const b = periodBounds({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York');
    expect((Date.parse(b.end) - Date.parse(b.start)) / 3_600_000).toBe(23);
  });

  it('previous period: the same number of days just before', () => {
    expect(previousPeriod({ from: '2026-11-20', to: '2026-11-20' })).toEqual({ from: '2026-11-19', to: '2026-11-19' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-07' })).toEqual({ from: '2026-02-22', to: '2026-02-28' });
    expect(dayCount('2026-02-22', '2026-02-28')).toBe(7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('buckets instants by business day and hour', () => {
    const day = dayBucketer(['2026-11-19', '2026-11-20'], 'Asia/Shanghai');
    expect(day('2026-11-19T15:59:59.999Z')).toBe('2026-11-19');
    expect(day('2026-11-19T16:00:00.000Z')).toBe('2026-11-20');
    expect(day('2026-11-20T16:00:00.000Z')).toBeNull();
    expect(hourBucketer('Asia/Shanghai')('2026-11-20T01:59:00.000Z')).toBe(9);
    expect(wallClockText(wallClock('Asia/Shanghai')('2026-11-20T01:02:03.000Z'))).toBe('2026-11-20 09:02:03');
  });
});

describe('reading numbers', () => {
  it('a rate that divides by zero reads "—", never NaN', () => {
    expect(formatRatio(null, 'zh-CN')).toBe(NO_VALUE);
    expect(formatRatio(Number.NaN, 'en')).toBe(NO_VALUE);
    expect(formatRatio(0.8125, 'en')).toBe('81.3%');
    expect(formatDuration(null)).toBe(NO_VALUE);
    expect(formatDuration(125_000)).toBe('0:02:05');
  });

  it('money is ¥ with two decimals in every language', () => {
    expect(formatFen(123_450, 'zh-CN')).toBe('¥1,234.50');
    expect(formatFen(123_450, 'en')).toBe('¥1,234.50');
    expect(formatFen(99, 'zh-TW')).toBe('¥0.99');
  });
});

describe('masking', () => {
  it('phones keep the first three and last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('8613800138000')).toBe('861****8000');
    expect(maskPhone('12345')).toBe('****45');
    // A landline without its area code: not 7 of its 8 digits.
    expect(maskPhone('87654321')).toBe('****21');
    expect(maskPhone('0371-87654321')).toBe('037****4321');
    expect(maskPhone('')).toBe('');
  });

  it('numbers inside free text are masked; order numbers and amounts are not', () => {
    expect(maskNumbersIn('换号了 139 1234 5678，原号码+86 138-0013-8000 停机')).toBe('换号了 139****5678，原号码138****8000 停机');
    expect(maskNumbersIn('座机 0371-87654321 白天有人')).toBe('座机 037****4321 白天有人');
    expect(maskNumbersIn('新号１３９１２３４５６７８，备用 139.1234.5678')).toBe('新号139****5678，备用 139****5678');
    expect(maskNumbersIn('单位 0371 1234 5678 或 (0371) 8765 4321')).toBe('单位 037****5678 或 037****4321');
    expect(maskNumbersIn('订单 DD2026112000001 退款 199 元，运单 7198728918123')).toBe('订单 DD2026112000001 退款 199 元，运单 7198728918123');
  });

  it('addresses keep province, city and district', () => {
    expect(maskAddress({ province: '河南省', city: '郑州市', district: '金水区', address: '花园路38号3单元502' })).toBe('河南省郑州市金水区****');
  });
});

describe('CSV cells', () => {
  const text: SheetColumn = { header: 'x', kind: 'text', width: 10 };
  const wall = wallClock('Asia/Shanghai');

  it('text Excel would run as a formula stays text', () => {
    for (const s of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=x', '\r=x']) expect(escapeFormula(s).startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","点我")', text, wall)).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell('张秀英', text, wall)).toBe('张秀英');
    // Numbers are numbers: a negative count is not a formula.
    expect(csvCell(-5, { ...text, kind: 'count' }, wall)).toBe('-5');
  });

  it('a long digit-only order number or a leading-zero number opens in Excel as the text it is', () => {
    // A 抖音 order number: Excel would show 4.82E+18 and lose its last digits; a landline its 0.
    expect(csvCell('4820000123456789012', text, wall)).toBe('"=""4820000123456789012"""');
    expect(csvCell('037165551234', text, wall)).toBe('"=""037165551234"""');
    // A mobile number (11 digits, Excel keeps them), a masked one, an order number with letters: as they are.
    expect(csvCell('13800138000', text, wall)).toBe('13800138000');
    expect(csvCell('138****8000', text, wall)).toBe('138****8000');
    expect(csvCell('DD20261120001', text, wall)).toBe('DD20261120001');
    // Never a way in for a formula: only digits are wrapped.
    expect(csvCell('=1234567890123', text, wall)).toBe("'=1234567890123");
  });

  it('formats each kind; empty rates read "—", empty amounts stay blank', () => {
    const row = csvRow(
      ['2026-11-20T01:02:03.000Z', 9900, 0.125, 125_000, null, null, { value: null, kind: 'duration' }],
      [
        { header: 't', kind: 'datetime', width: 1 },
        { header: 'm', kind: 'money', width: 1 },
        { header: 'p', kind: 'percent', width: 1, dashWhenEmpty: true },
        { header: 'd', kind: 'duration', width: 1 },
        { header: 'p', kind: 'percent', width: 1, dashWhenEmpty: true },
        { header: 'm', kind: 'money', width: 1 },
        { header: 'v', kind: 'count', width: 1 },
      ],
      wall,
    );
    expect(row).toBe('2026-11-20 09:02:03,99.00,12.5%,0:02:05,—,,—\r\n');
  });
});

describe('the sheet’s words', () => {
  it('every summary line, section and category has a name and a definition in every language', () => {
    for (const l of LOCALES) {
      const t = translator(l);
      for (const line of SUMMARY_LINES) {
        expect(t(`kpi.lines.${line.key}`), `${l} kpi.lines.${line.key}`).not.toBe(`kpi.lines.${line.key}`);
        expect(t(`kpi.defs.${line.key}`), `${l} kpi.defs.${line.key}`).not.toBe(`kpi.defs.${line.key}`);
      }
      for (const s of SUMMARY_SECTIONS) expect(t(`kpi.sections.${s}`)).not.toBe(`kpi.sections.${s}`);
      for (const c of REPORT_CATEGORIES) expect(t(`kpi.categories.${c}`)).not.toBe(`kpi.categories.${c}`);
    }
  });

  it('summary line keys are unique', () => {
    expect(new Set(SUMMARY_LINES.map((l) => l.key)).size).toBe(SUMMARY_LINES.length);
  });
});

describe('script paths in the calls sheet', () => {
  it('lists the steps a call took, escaped names included', () => {
    const path = JSON.stringify([
      { step: 'greet', at: '2026-11-20T02:00:00.000Z' },
      { step: 'price "99"\\5', at: '2026-11-20T02:01:00.000Z', objection: 'too_expensive' },
      { step: '确认地址', at: '2026-11-20T02:02:00.000Z' },
    ]);
    expect(scriptSteps(path)).toEqual(['greet', 'price "99"\\5', '确认地址']);
    expect(scriptSteps(null)).toEqual([]);
    expect(scriptSteps('[]')).toEqual([]);
  });
});
