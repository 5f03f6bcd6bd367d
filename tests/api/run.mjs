// run.mjs - data-driven API cases (after curl's tests/data): every file in
// tests/api/cases/*.json is an array of steps, run in file-name order against
// a live server. Usage: node run.mjs BASE_URL PASSWORD [CASE_DIR]
// A step: {name, as, method, path, headers, body | raw | raw_gen, content_type,
//          csrf, expect: {status, json: {path: value|{$re}|{$type}|{$absent}},
//          headers: {name: regex}, lacks: [text the body must not contain],
//          contains: [text the body must contain]},
//          save: {var: path}, repeat, until_status, max,
//          query_gen: {count, arg} (appends count arguments "arg" joined by &,
//          %i in arg the index), within_ms (the answer must come that fast; the
//          request is abandoned a second later)}
// "as": "anon" | a demo user name (signed in once, cookie kept; "name#2" keeps a
//       second session) | "bearer:<name>"
//       | "token:<var>" (a bearer token saved earlier) | "fresh:<name>" (new sign-in).
// ${run} in strings is a per-run unique suffix; ${try} the try of a repeated
// step (1, 2, ...); ${var} a saved value; a
// string that is exactly $int{var} becomes that saved value as a number.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const [base, password, dir = new URL('./cases', import.meta.url).pathname] = process.argv.slice(2);
const vars = { run: String(Date.now() % 1e9), password };
const sessions = {};
let passed = 0, failed = 0;

// ${day} is today in the district (UTC+8), ${day-31} / ${day+1} days from it.
const dayOf = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

const subst = (v) => {
  if (typeof v === 'string' && /^\$int\{\w+\}$/.test(v)) return Number(vars[v.slice(5, -1)]);
  if (typeof v === 'string') v = v.replace(/\$\{day([+-]\d+)?\}/g, (_, n) => dayOf(Number(n || 0)));
  if (typeof v === 'string') return v.replace(/\$\{(\w+)\}/g, (_, k) => (k in vars ? vars[k] : `\${${k}}`));
  if (Array.isArray(v)) return v.map(subst);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, subst(x)]));
  return v;
};

function get(obj, path) {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur == null) return undefined;
    if (part === 'length' && (Array.isArray(cur) || typeof cur === 'string')) return cur.length;
    cur = cur[part];
  }
  return cur;
}

async function signIn(user, pw) {
  const r = await fetch(base + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: pw ?? password }),
  });
  const j = await r.json();
  if (r.status !== 200) throw new Error(`sign-in ${user}: ${r.status} ${JSON.stringify(j)}`);
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
  return { cookie, csrf: j.csrf_token };
}

async function auth(as) {
  if (!as || as === 'anon') return {};
  if (as.startsWith('token:')) return { bearer: vars[as.slice(6)] };
  if (as.startsWith('bearer:')) return { bearer: vars['token_' + as.slice(7)] };
  if (as.startsWith('fresh:')) return signIn(as.slice(6));
  if (as.includes('/')) { const [u, p] = as.split('/'); return (sessions[as] ??= await signIn(u, subst(p))); }
  return (sessions[as] ??= await signIn(as.split('#')[0])); // "teacher#2": a second session
}

// Text as Excel in China saves CSV: GB18030, converted with the system iconv.
function gb18030(text) {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
}

function genRaw(g) {
  if (g.repeat) return g.prefix.repeat(g.repeat) + (g.middle ?? '') + (g.suffix ?? '').repeat(g.repeat);
  if (g.bytes) return (g.fill ?? 'a').repeat(g.bytes);
  if (g.array) return '{"a":[' + Array(g.array).fill('1').join(',') + ']}';
  throw new Error('raw_gen: unknown generator');
}

function check(step, status, headers, text) {
  const ex = step.expect || {};
  const errs = [];
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  if (ex.status !== undefined && ex.status !== status) errs.push(`status ${status}, want ${ex.status}: ${text.slice(0, 300)}`);
  for (const [p, want0] of Object.entries(ex.json || {})) {
    const want = subst(want0), got = get(json, p);
    if (want && typeof want === 'object' && '$re' in want) {
      if (typeof got !== 'string' || !new RegExp(want.$re).test(got)) errs.push(`${p} = ${JSON.stringify(got)} !~ /${want.$re}/`);
    } else if (want && typeof want === 'object' && '$type' in want) {
      const t = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
      if (t !== want.$type) errs.push(`${p} is ${t}, want ${want.$type}`);
    } else if (want && typeof want === 'object' && '$absent' in want) {
      if (got !== undefined) errs.push(`${p} present: ${JSON.stringify(got)}`);
    } else if (want && typeof want === 'object' && '$gte' in want) {
      if (!(got >= want.$gte)) errs.push(`${p} = ${got}, want >= ${want.$gte}`);
    } else if (JSON.stringify(got) !== JSON.stringify(want)) {
      errs.push(`${p} = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
  }
  for (const w of subst(ex.lacks || [])) if (text.includes(w)) errs.push(`body contains ${JSON.stringify(w)}`);
  for (const w of subst(ex.contains || [])) if (!text.includes(w)) errs.push(`body lacks ${JSON.stringify(w)}`);
  for (const [h, re] of Object.entries(ex.headers || {})) {
    const got = headers.get(h);
    if (re === null ? got !== null : (got === null || !new RegExp(re).test(got))) errs.push(`header ${h} = ${got}, want ${re}`);
  }
  return { errs, json };
}

async function runStep(step0) {
  const step = subst(step0);
  const who = await auth(step.as);
  const method = step.method || 'GET';
  const headers = { ...(step.headers || {}) };
  let body;
  if (who.cookie) headers.Cookie = who.cookie;
  if (who.bearer) headers.Authorization = 'Bearer ' + who.bearer;
  if (who.csrf && method !== 'GET' && step.csrf !== false) headers['X-CSRF-Token'] = who.csrf;
  if (step.body !== undefined) body = JSON.stringify(step.body);
  if (step.raw !== undefined) body = step.raw;
  if (step.raw_gen) body = genRaw(step.raw_gen);
  if (step.raw_b64 !== undefined) body = step.raw_b64.startsWith('GB18030:') ? gb18030(step.raw_b64.slice(8)) : Buffer.from(step.raw_b64, 'base64');
  if (body !== undefined && !('content_type' in step)) headers['Content-Type'] = 'application/json';
  if (step.content_type) headers['Content-Type'] = step.content_type;
  let path = step.path;
  if (step.query_gen) {
    const { count, arg } = step.query_gen;
    path += (path.includes('?') ? '&' : '?') + Array.from({ length: count }, (_, i) => arg.replaceAll('%i', String(i))).join('&');
  }
  const t0 = Date.now();
  const signal = step.within_ms ? AbortSignal.timeout(step.within_ms + 1000) : undefined;
  const r = await fetch(base + path, { method, headers, body, redirect: 'manual', signal });
  const text = await r.text();
  const ms = Date.now() - t0;
  if (step.within_ms && ms > step.within_ms) throw new Error(`answered in ${ms} ms, want within ${step.within_ms} ms`);
  return { status: r.status, headers: r.headers, text };
}

async function main() {
  // Tokens for "bearer:<user>" come from the environment (made by the harness).
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('SJ_TOKEN_')) vars['token_' + k.slice(9).toLowerCase()] = v;
  const only = new RegExp(process.env.SJ_CASES || '.');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && only.test(f)).sort();
  for (const f of files) {
    const steps = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const step of steps) {
      const label = `${f.replace(/\.json$/, '')}: ${step.name}`;
      try {
        let res, out, n = 0;
        const max = step.max || step.repeat || 1;
        do {
          vars.try = String(n + 1);
          res = await runStep(step);
          n++;
          if (step.until_status && res.status === step.until_status) break;
        } while (n < max);
        out = check(step, res.status, res.headers, res.text);
        if (step.until_status && res.status !== step.until_status) out.errs.push(`never answered ${step.until_status} in ${n} tries`);
        for (const [k, p] of Object.entries(step.save || {})) vars[k] = String(get(out.json, p));
        if (out.errs.length) { failed++; console.log(`not ok - ${label}\n    ${out.errs.join('\n    ')}`); }
        else { passed++; console.log(`ok - ${label}`); }
      } catch (e) {
        failed++;
        console.log(`not ok - ${label}\n    ${e.stack || e}`);
      }
    }
  }
  console.log(`${process.env.SJ_LABEL || 'api'}: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
main();
