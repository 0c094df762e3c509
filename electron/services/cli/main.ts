/**
 * `callcard` — the headless door over the same core, for automation and admins.
 * Every command takes --data-dir (default ./.callcard-data) and --lang (zh-CN | zh-TW | en).
 */
import { resolve } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { contract, METHOD_NAMES, type ImportSummary, type OrderSummary } from '../../../shared/contract';
import { dispatch, serializeError, type Translate } from '../../../shared/dispatch';
import { ORDER_STATUSES } from '../../../shared/domain';
import { isLocale, translator } from '../../../shared/i18n';
import { openCore, type Core } from '../core';
import { simulateDay } from '../demo/simulate';
import { RISK_HELP, RISK_OPTIONS, runRiskCli } from './risk';
import { PACK_HELP, PACK_OPTIONS, runPackCli, runPackValidate } from './packs';
import { INTAKE_HELP, INTAKE_OPTIONS, runIntakeCli } from './intake';
import { EXPORT_HELP, EXPORT_OPTIONS, runExportCli } from './reports';

const COMMON = {
  'data-dir': { type: 'string', default: '.callcard-data' },
  lang: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP: Record<string, string> = {
  ...RISK_HELP,
  ...PACK_HELP,
  ...INTAKE_HELP,
  ...EXPORT_HELP,
  main: `Usage: callcard <command> [options]

Commands:
  import <file>        Import an order export (CSV or XLSX; --profile, --sheet, --rejected-out)
  import-courier <file>  Import a courier status file (signed -> revisit card, exceptions -> track card)
  profiles list        List saved import profiles (column mappings)
  demo                 Load the demo orders (--simulate-day also records a worked day of calls)
  orders list          List orders
  api <method> [json]  Call any contract method with a JSON argument object (api --list lists them)
  risk                 Screen orders for risk (--order NO | --all); blacklist ...; prefixes import <csv>
  pack validate <file> Check a script pack (YAML/JSON); pack load | list | activate | rollback manage versions
  export daily         The daily outcome sheet as XLSX or CSV (--date, --to, --format, --out)

Common options: --data-dir D (default ./.callcard-data), --lang zh-CN|zh-TW|en, --json, --help`,
  demo: `Usage: callcard demo [--data-dir D] [--simulate-day] [--json]

Loads the demo orders. With --simulate-day, also records a realistic worked day of verify calls
by three demo agents, so the reports have something to show.`,
  orders: `Usage: callcard orders list [--status S] [--risk high|medium|low|held] [--query Q] [--limit N] [--data-dir D] [--json]

Statuses: ${ORDER_STATUSES.join(', ')}.
--json prints {"orders":[{"order_no":"...","status":"...","phone":"...","name":"...","province":"...","city":"...","amount_fen":n,...}],"total":n}.`,
  api: `Usage: callcard api <method> ['<json args>'] [--data-dir D]
       callcard api --list

Calls a contract method exactly as the app's windows do, with the same validation, and prints
the JSON result. Methods: ${METHOD_NAMES.join(', ')}.`,
};

class UsageError extends Error {}

function print(json: boolean, value: unknown, human: () => string): void {
  console.log(json ? JSON.stringify(value) : human());
}

function summaryText(s: ImportSummary, t: Translate): string {
  const lines = [t('import.summaryLine', { created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected.length })];
  for (const r of s.rejected) lines.push(`  ${t('import.rejectedRow', { row: r.row, reason: r.reason })}`);
  return lines.join('\n');
}

function orderJson(o: OrderSummary) {
  return {
    order_no: o.orderNo,
    status: o.status,
    phone: o.phone,
    name: o.customerName,
    province: o.province,
    city: o.city,
    district: o.district,
    address: o.address,
    amount_fen: o.amountFen,
    payment_method: o.paymentMethod,
    ordered_at: o.orderedAt,
    package: o.packageText,
    source: o.source,
  };
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : 2;
  }
  const options =
    command === 'demo'
      ? { ...COMMON, 'simulate-day': { type: 'boolean', default: false } as const }
      : command === 'orders'
        ? { ...COMMON, status: { type: 'string' } as const, risk: { type: 'string' } as const, query: { type: 'string' } as const, limit: { type: 'string', default: '100' } as const }
        : command === 'api'
          ? { ...COMMON, list: { type: 'boolean', default: false } as const }
          : { ...COMMON, ...RISK_OPTIONS[command as keyof typeof RISK_OPTIONS], ...PACK_OPTIONS[command as keyof typeof PACK_OPTIONS], ...INTAKE_OPTIONS[command as keyof typeof INTAKE_OPTIONS], ...EXPORT_OPTIONS[command as keyof typeof EXPORT_OPTIONS] };
  if (!HELP[command]) throw new UsageError(`Unknown command: ${command}\n\n${HELP.main}`);
  let parsed;
  try {
    parsed = parseNodeArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n\n${HELP[command]}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (values.help) {
    console.log(HELP[command]);
    return 0;
  }
  if (command === 'api' && values.list) {
    console.log(values.json ? JSON.stringify({ methods: METHOD_NAMES }) : METHOD_NAMES.join('\n'));
    return 0;
  }
  if (values.lang !== undefined && !isLocale(values.lang)) throw new UsageError(`--lang must be zh-CN, zh-TW or en`);

  // Checking a pack file needs no store: it works anywhere, before any setup.
  if (command === 'pack' && positionals[0] === 'validate') {
    const r = runPackValidate(positionals, values);
    if (typeof r !== 'number') throw new UsageError(r.usage);
    return r;
  }

  const core: Core = openCore({ dataDir: resolve(String(values['data-dir'])) });
  const t: Translate = isLocale(values.lang) ? translator(values.lang) : core.t;
  const json = values.json === true;
  try {
    switch (command) {
      case 'import':
      case 'import-courier':
      case 'profiles': {
        const r = await runIntakeCli(core, command, positionals, values, t, json);
        if (typeof r !== 'number') throw new UsageError(r.usage);
        return r;
      }
      case 'demo': {
        const s = await core.handlers.loadDemo({});
        const day = values['simulate-day'] ? simulateDay(core.ctx) : null;
        print(json, { created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, simulated: day }, () =>
          [summaryText(s, t), day ? t('demo.simulated', { calls: day.calls, day: day.day }) : ''].filter(Boolean).join('\n'),
        );
        return 0;
      }
      case 'orders': {
        if (positionals[0] !== 'list') throw new UsageError(HELP.orders);
        const args = contract.listOrders.args.safeParse({
          status: values.status,
          risk: values.risk,
          query: values.query,
          limit: Number(values.limit),
        });
        if (!args.success) throw new UsageError(`${args.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${HELP.orders}`);
        const list = await core.handlers.listOrders(args.data);
        print(json, { orders: list.orders.map(orderJson), total: list.total }, () =>
          [
            ...list.orders.map((o) =>
              [o.orderNo, t(`status.${o.status}`), o.customerName, o.phone, `${o.province}${o.city}`, (o.amountFen / 100).toFixed(2)].join('\t'),
            ),
            t('orders.count', { count: list.total }),
          ].join('\n'),
        );
        return 0;
      }
      case 'pack': {
        const r = await runPackCli(core, positionals, values, t, json);
        if (typeof r !== 'number') throw new UsageError(r.usage);
        return r;
      }
      case 'risk':
      case 'blacklist':
      case 'prefixes': {
        const r = await runRiskCli(command, positionals, values, core, t, json);
        if (typeof r !== 'number') throw new UsageError(r.usage);
        return r;
      }
      case 'export': {
        const r = await runExportCli(core, positionals, values, t, json);
        if (typeof r !== 'number') throw new UsageError(r.usage);
        return r;
      }
      case 'api': {
        const [method, rawArgs] = positionals;
        if (!method) throw new UsageError(HELP.api);
        let args: unknown = {};
        if (rawArgs) {
          try {
            args = JSON.parse(rawArgs);
          } catch {
            throw new UsageError(`The arguments must be one JSON object, e.g. '{"limit":5}'`);
          }
        }
        console.log(JSON.stringify(await dispatch(core.handlers, method, args), null, json ? 0 : 2));
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = serializeError(e, t);
    if (json) console.log(JSON.stringify({ error: err }));
    console.error(err.message);
    return 1;
  } finally {
    core.close();
  }
}

const isMain = process.argv[1] !== undefined && /cli[/\\]main\.ts$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
