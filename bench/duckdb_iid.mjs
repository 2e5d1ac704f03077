// duckdb_iid.mjs: runs bench/iid.sql with DuckDB (@duckdb/node-api, from
// bench/node_modules: bench/install-peers.sh) and writes one row per region
// in the columns of regions.csv that the check compares.
//
//   node bench/duckdb_iid.mjs --input DIR --out FILE [--methodology DIR]
//        [--master FILE] [--threads N]
//
// The method's settings come from method.conf, as the pipeline reads them;
// a setting iid.sql does not implement (another evidence rule, other
// dispositions counted, a gate on J) stops the run rather than computing
// something else. The SQL names the indicator rows it unpivots; they must
// be exactly the rows of indicators.csv, or the run stops.
//
// Exit status: 0 done, 2 input or settings refused, 1 DuckDB failed.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function fail(code, msg) {
  process.stderr.write(`duckdb_iid: error: ${msg}\n`);
  process.exit(code);
}

const args = { methodology: join(root, 'methodology/iid-2023'),
               master: join(root, 'master/regions.csv'), threads: '' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) && key !== 'input' && key !== 'out')
    fail(2, `unknown option ${process.argv[i]}`);
  if (i + 1 >= process.argv.length) fail(2, `${process.argv[i]} needs a value`);
  args[key] = process.argv[i + 1];
}
if (!args.input || !args.out) fail(2, 'usage: duckdb_iid.mjs --input DIR --out FILE');

// method.conf: key = value, # comments; an empty value means not set.
const conf = {};
for (const line of readFileSync(join(args.methodology, 'method.conf'), 'utf8').split('\n')) {
  const t = line.trim();
  if (!t || t.startsWith('#')) continue;
  const eq = t.indexOf('=');
  if (eq < 0) fail(2, `method.conf: not 'key = value': ${t}`);
  conf[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
}
const need = (k) => {
  if (!(k in conf)) fail(2, `method.conf: no ${k}`);
  return conf[k];
};
const hundredths = (k) => {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(need(k));
  if (!m) fail(2, `method.conf: ${k} is not a decimal with 2 places: ${conf[k]}`);
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
};
const list = (k) => need(k).split(',').map((s) => s.trim()).filter(Boolean).sort().join(',');
if (need('evidence_rule') !== 'verified_or_evidenced' || list('divisor_counts') !== 'ditolak,scored' ||
    list('jumlah_counts') !== 'scored' || (conf.jumlah_gate_min || '') !== '')
  fail(2, 'iid.sql implements the 2023 settings only (verified_or_evidenced, divisor '
       + 'scored+ditolak, jumlah scored, no gate)');

// The rows the SQL unpivots must be the method's rows.
const sql = readFileSync(join(here, 'iid.sql'), 'utf8');
const sqlRows = [...sql.matchAll(/\(ind_(\w+), bukti_\1, verif_\1\) AS '\1'/g)].map((m) => m[1]);
const indicators = readFileSync(join(args.methodology, 'indicators.csv'), 'utf8')
  .split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0].trim());
if (sqlRows.slice().sort().join(' ') !== indicators.slice().sort().join(' '))
  fail(2, `iid.sql unpivots rows ${sqlRows.join(' ')}, the method has ${indicators.join(' ')}`);

const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const { DuckDBInstance } = await import(join(here, 'node_modules/@duckdb/node-api/lib/index.js'))
  .catch(() => fail(2, '@duckdb/node-api is not installed: run bench/install-peers.sh'));

try {
  const options = args.threads ? { threads: String(args.threads) } : {};
  const db = await DuckDBInstance.create(':memory:', options);
  const con = await db.connect();
  const vars = {
    input_glob: quote(join(resolve(args.input), '**/*.csv')),
    indicators: quote(join(resolve(args.methodology), 'indicators.csv')),
    predicates: quote(join(resolve(args.methodology), 'predicates.csv')),
    master: quote(resolve(args.master)),
    divisor_floor: Number(need('divisor_floor')),
    jumlah_per_h: hundredths('jumlah_per_innovation'),
    jumlah_cap: Number(need('jumlah_cap')),
    max_total_h: hundredths('max_total'),
    eligible_from: `DATE ${quote(need('eligible_from'))}`,
    eligible_to: `DATE ${quote(need('eligible_to'))}`,
  };
  for (const [k, v] of Object.entries(vars)) await con.run(`SET VARIABLE ${k} = ${v}`);
  const query = sql.replace(/;\s*$/, '');
  await con.run(`COPY (${query}) TO ${quote(resolve(args.out))} (HEADER, DELIMITER ',')`);
} catch (e) {
  fail(1, String(e && e.message ? e.message : e));
}
