// web_literals.mjs - no page writes a number of the policy pack itself
// (issue 12): every limit the UI shows comes from GET /api/v1/policy, so a
// district that loads its own pack sees its own numbers.
//
// For each web/*.js file, the string literals (comments skipped) are searched
// for a number of a pack's rule parameters followed by a unit (60 分钟, 30 天,
// 5 个上课日, 5 户 …), for a pack time (17:30), and for a limit written in
// Chinese numerals (最多一天). A line that holds such a text for another
// reason says so with a trailing comment `// not policy: <why>`.
//
// node tests/web_literals.mjs [web-dir] [pack ...]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const webDir = process.argv[2] || 'web';
const packFiles = process.argv.length > 3 ? process.argv.slice(3)
  : readdirSync('policy').filter((f) => f.endsWith('.json')).map((f) => join('policy', f));

const numbers = new Set();
const times = new Set();
function collect(v) {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) numbers.add(v);
  else if (typeof v === 'string' && /^\d\d:\d\d$/.test(v)) times.add(v);
  else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
}
for (const f of packFiles) {
  const p = JSON.parse(readFileSync(f, 'utf8'));
  for (const r of Object.values(p.rules || {})) collect(r.params);
}

const UNITS = '(?:分钟|小时|个上课日|个上学日|上课日|天|户|次|元)';
const numRe = new RegExp('(?<![\\d.:])(' + [...numbers].sort((a, b) => b - a).join('|') + ')\\s*' + UNITS);
const timeRe = times.size ? new RegExp('(?<!\\d)(' + [...times].join('|') + ')(?!\\d)') : null;
const cnRe = /(最多|至多|不超过|不少于|每周|超过)\s*[一二两三四五六七八九十]+\s*(天|个上课日|分钟|小时)/;

/** The string literals of a JS source with their line numbers; comments skipped. */
function literals(src) {
  const out = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const start = line;
      let s = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') { s += src[i + 1] || ''; i += 2; continue; }
        if (src[i] === '\n') line++;
        s += src[i++];
      }
      i++;
      out.push({ line: start, text: s });
      continue;
    }
    i++;
  }
  return out;
}

let passed = 0;
let failed = 0;
for (const f of readdirSync(webDir).filter((x) => x.endsWith('.js')).sort()) {
  const path = join(webDir, f);
  const src = readFileSync(path, 'utf8');
  const lines = src.split('\n');
  const bad = [];
  for (const { line, text } of literals(src)) {
    if (/\/\/\s*not policy:/.test(lines[line - 1] || '')) continue;
    const m = text.match(numRe) || (timeRe && text.match(timeRe)) || text.match(cnRe);
    if (m) bad.push(path + ':' + line + ': "' + m[0] + '" in ' + JSON.stringify(text.slice(0, 80)));
  }
  if (bad.length) {
    failed++;
    console.log('not ok - ' + path + ' writes policy numbers itself (read them from GET /api/v1/policy):');
    for (const b of bad) console.log('#   ' + b);
  } else {
    passed++;
    console.log('ok - ' + path);
  }
}
console.log('web-literals: ' + passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
