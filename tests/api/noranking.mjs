// noranking.mjs - EX_NO_RANKING (五(四)4; B13.1 不公布考试成绩和排名) across the
// whole API: every GET route of the table (src/http/routes.c) that answers
// JSON or a workbook is asked as the district admin and as a principal, once
// plainly and once with ?sort=score&order=rank&sort_by=score&orderBy=rank
// (and the path's own query). No answer may hold a score or rank key, no
// export a score or rank column, and the sorted ask must answer the same as
// the plain one (nothing reorders by score). {id} is 1 (the first school,
// class, plan ...: the demo's), {date} today; routes with other parameters
// are left out. A route a role may not use (403/404) is skipped for it.
//
// As a module: noRankingSweep({base, password, users, log}) → {passed, failed}.
// Standalone: node noranking.mjs BASE_URL PASSWORD (prints TAP lines).
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUTES_C = new URL('../../src/http/routes.c', import.meta.url).pathname;
const SORTS = 'sort=score&order=rank&sort_by=score&orderBy=rank&order_by=score';
// A key that carries a score or a rank, in English or Chinese.
// (A rule code such as EX_NO_RANKING, upper case, is a name, not a rank.)
const BAD_KEY = /^(score|scores|mark|marks|points|rank|ranks|ranking|rankings|ranked|percentile|名次|排名|分数|成绩排名)$/i;
const BAD_SUFFIX = /_(score|scores|rank|ranking)$/;
// A workbook column that would publish one.
const BAD_CELL = /<t[^>]*>(分数|得分|成绩|排名|名次|score|rank)<\/t>/i;

// Routes about schools, not students, are left out on purpose: the
// supervision indicator table scores and ranks schools (六: the bureau's job),
// and the policy pack lists that table's scale. EX_NO_RANKING is about
// students' exam results, which none of these routes carries.
// Satisfaction surveys score the school's service, not a student; the audit
// trail mirrors those writes (a round's scores) and never an exam result (a
// score field is refused on results before anything is written).
const SCHOOL_SCORES = [/^\/api\/v1\/supervision\//, /^\/api\/v1\/schools\/\{id\}\/computed-items$/, /^\/api\/v1\/policy$/,
  /^\/api\/v1\/surveys\//, /^\/api\/v1\/audit$/];

/** The GET routes of the table with only {id} / {date} parameters. */
export function getRoutes() {
  const text = readFileSync(ROUTES_C, 'utf8');
  const out = [];
  for (const m of text.matchAll(/\{\s*"GET",\s*"([^"]+)"/g)) {
    const p = m[1];
    if (!/^\/(api|public)\/v1\//.test(p)) continue;
    if (SCHOOL_SCORES.some((re) => re.test(p))) continue;
    if (/\{(?!id\}|date\})[a-z_]+\}/.test(p)) continue;
    out.push(p);
  }
  return out;
}

/** Keys anywhere in a JSON value that carry a score or rank: paths. */
export function badKeys(v, at = '') {
  const hits = [];
  if (Array.isArray(v)) v.forEach((x, i) => hits.push(...badKeys(x, at + '[' + i + ']')));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (BAD_KEY.test(k) || BAD_SUFFIX.test(k)) hits.push(at + '.' + k);
      hits.push(...badKeys(x, at + '.' + k));
    }
  }
  return hits;
}

function xlsxBad(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'sj-norank-'));
  try {
    writeFileSync(join(dir, 'a.xlsx'), buf);
    const xml = execFileSync('unzip', ['-p', join(dir, 'a.xlsx')], { maxBuffer: 64 << 20 }).toString();
    const m = BAD_CELL.exec(xml);
    return m ? m[0] : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(base, username, password) {
  const r = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error('sign-in ' + username + ': ' + r.status);
  return r.headers.get('set-cookie').split(';')[0];
}

async function ask(base, cookie, path) {
  const r = await fetch(base + path, { headers: { Cookie: cookie } });
  const buf = Buffer.from(await r.arrayBuffer());
  return { status: r.status, ctype: r.headers.get('content-type') || '', buf };
}

export async function noRankingSweep({ base, password, users = ['admin', 'principal'], log = console.log }) {
  let passed = 0, failed = 0;
  const ok = (c, name, why) => { if (c) { passed++; log('ok - ' + name); } else { failed++; log('not ok - ' + name + ': ' + why); } };
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const routes = getRoutes();
  ok(routes.length > 30 && routes.includes('/api/v1/exams') && routes.includes('/api/v1/exams/{id}/results'),
    'no-ranking: the route table lists the GET routes (' + routes.length + ')', routes.length);
  for (const user of users) {
    const cookie = await signIn(base, user, password);
    const terms = JSON.parse((await ask(base, cookie, '/api/v1/terms')).buf.toString()).items || [];
    const term = terms.length ? terms[terms.length - 1].id : 1;
    let asked = 0, sorted = 0;
    for (const route of routes) {
      const path = route.replace('{id}', '1').replace('{date}', today);
      const q = 'term_id=' + term + '&term=' + term;
      const plain = await ask(base, cookie, path + '?' + q);
      if (plain.status !== 200) continue;
      const withSort = await ask(base, cookie, path + '?' + q + '&' + SORTS);
      asked++;
      if (plain.ctype.includes('json')) {
        const a = JSON.parse(plain.buf.toString()), b = JSON.parse(withSort.buf.toString());
        const bad = [...badKeys(a), ...badKeys(b)];
        if (bad.length) ok(false, `no-ranking: ${user} GET ${route} has no score or rank key`, bad.slice(0, 5).join(' '));
        else if (JSON.stringify(a) !== JSON.stringify(b)) {
          // a list that moved between the two asks (an audit row, a clock) is asked once more
          const again = JSON.parse((await ask(base, cookie, path + '?' + q)).buf.toString());
          if (JSON.stringify(again) !== JSON.stringify(b)) ok(false, `no-ranking: ${user} GET ${route} ignores a sort by score`, 'the sorted answer differs');
          else sorted++;
        } else sorted++;
      } else if (plain.ctype.includes('spreadsheetml')) {
        const bad = xlsxBad(plain.buf) || xlsxBad(withSort.buf);
        if (bad) ok(false, `no-ranking: ${user} GET ${route} exports no score or rank column`, bad);
        else sorted++;
      } else sorted++;
    }
    ok(asked > 10 && sorted === asked, `no-ranking: ${user}: ${asked} GET answers and exports hold no score or rank and are not reordered by ?sort=score`, `${sorted} of ${asked}`);
  }
  return { passed, failed };
}

if (process.argv[1] && process.argv[1].endsWith('noranking.mjs')) {
  const [base, password] = process.argv.slice(2);
  const r = await noRankingSweep({ base, password });
  console.log(`noranking: ${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed ? 1 : 0);
}
