// held.mjs - security promises that held in a probe of the demo district,
// kept as checks that fail when the protection goes (RELIABILITY.md
// "Accounts and sessions", "HTTP", "Input and output"). What the JSON cases
// cannot say: comparing two sessions' cookies, raw request paths (fetch
// would resolve "..") and .xlsx files built or read byte by byte.
//   - a new session id at every sign-in, also when the browser presents an
//     old or an attacker-chosen cookie; another session's CSRF token, a
//     "null" or look-alike Origin, a PUT without the token are refused;
//   - path traversal on static files and on every route with a path
//     segment: "..", %2e%2e, encoded slashes and backslashes, NUL;
//   - .xlsx imports: a zip bomb (honest or lying directory), a malformed or
//     cut zip, DOCTYPE / external entity / billion laughs are refused
//     quickly, without the server's memory growing;
//   - text beginning with = + - @ comes out of every .xlsx export
//     (roster, homework stats, after-school archive) as text, not a formula.
// Usage: node held.mjs BASE_URL PASSWORD [SERVER_PID]  (demo database, admin
// bearer token in SJ_TOKEN_ADMIN). Prints "held: N passed, M failed".
import http from 'node:http';
import zlib from 'node:zlib';
import { readFileSync } from 'node:fs';

const [base, password, pid] = process.argv.slice(2);
const TOKEN = process.env.SJ_TOKEN_ADMIN;
const RUN = String(Date.now() % 1e8);
const host = new URL(base).host;
let passed = 0, failed = 0;
const ok = (c, name, why = '') => {
  if (c) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name}${why ? `\n    ${why}` : ''}`); }
};

// ---------------------------------------------------------------- HTTP
async function signIn(user, extra = {}) {
  const r = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', ...extra },
    body: JSON.stringify({ username: user, password }) });
  const j = await r.json();
  const sc = r.headers.get('set-cookie') || '';
  return { status: r.status, cookie: sc.split(';')[0], id: (sc.match(/^sj_session=([^;]*)/) || [])[1], csrf: j.csrf_token };
}

async function call(s, method, path, body, headers = {}) {
  const h = { ...headers };
  if (s?.cookie) h.Cookie = s.cookie;
  if (s?.cookie && method !== 'GET' && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = s.csrf;
  if (s?.bearer) h.Authorization = 'Bearer ' + s.bearer;
  let data;
  if (Buffer.isBuffer(body)) { data = body; h['Content-Type'] ??= 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'; }
  else if (typeof body === 'string') { data = body; h['Content-Type'] ??= 'text/csv'; }
  else if (body !== undefined) { data = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const t0 = Date.now();
  const r = await fetch(base + path, { method, headers: h, body: data });
  const buf = Buffer.from(await r.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString()); } catch { json = null; }
  return { status: r.status, json, buf, text: buf.toString(), ms: Date.now() - t0, headers: r.headers };
}

// A request whose path goes on the wire exactly as written.
function raw(method, path, headers = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const rq = http.request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(parts).toString('latin1') }));
    });
    rq.on('error', reject);
    rq.end();
  });
}

// ---------------------------------------------------------------- zip
const CRC = new Int32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c; });
function crc32(buf, c = -1) { for (let i = 0; i < buf.length; i++) c = CRC[(c ^ buf[i]) & 0xff] ^ (c >>> 8); return c; }

// entries: [{name, data (Buffer) | deflated + size + crc (precomputed)}]
function zip(entries) {
  const locals = [], central = [];
  let off = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const comp = e.deflated ?? zlib.deflateRawSync(e.data);
    const size = e.size ?? e.data.length, crc = (e.crc ?? ~crc32(e.data)) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(size, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(size, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(off, 42);
    locals.push(lh, name, comp);
    central.push(ch, name);
    off += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

// Read every part of a zip (central directory, stored or deflated).
function unzip(buf) {
  const out = {};
  let e = buf.length - 22;
  while (e >= 0 && buf.readUInt32LE(e) !== 0x06054b50) e--;
  if (e < 0) throw new Error('not a zip');
  let p = buf.readUInt32LE(e + 16);
  for (let i = 0, n = buf.readUInt16LE(e + 10); i < n; i++) {
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nl = buf.readUInt16LE(p + 28), xl = buf.readUInt16LE(p + 30), cl = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, p + 46 + nl), lo = buf.readUInt32LE(p + 42);
    const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
    const data = buf.subarray(start, start + csize);
    out[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    p += 46 + nl + xl + cl;
  }
  return out;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKBOOK = `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const cell = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEAD = `<row r="1">${cell('A1', '学校代码')}${cell('B1', '学校名称')}${cell('C1', '学校类型')}</row>`;
const sheetXml = (rows, prolog = '') => `<?xml version="1.0"?>${prolog}<worksheet xmlns="${NS}"><sheetData>${HEAD}${rows}</sheetData></worksheet>`;
const xlsx = (sheet, extra = []) => zip([
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
  { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
  ...(typeof sheet === 'string' ? [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) }] : [sheet]),
  ...extra,
]);

// A deflated part of n bytes: head, then spaces (cheap to make, tiny deflated).
function bigPart(name, head, n, declared) {
  const chunk = Buffer.alloc(8 << 20, 0x20), d = zlib.createDeflateRaw({ level: 9 });
  const parts = [];
  d.on('data', (x) => parts.push(x));
  let crc = crc32(Buffer.from(head));
  d.write(head);
  for (let left = n - head.length; left > 0; left -= chunk.length) {
    const c = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (declared === undefined) crc = crc32(c, crc);
    d.write(c);
  }
  return new Promise((resolve) => d.end(() => resolve({ name, deflated: Buffer.concat(parts), size: declared ?? n, crc: ~crc })));
}

const hwm = () => { try { return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]) >> 10; } catch { return null; } };

// ================================================================ sessions
{
  const a = await signIn('principal'), b = await signIn('principal');
  ok(a.status === 200 && /^[0-9a-f]{64}$/.test(a.id) && b.id && a.id !== b.id, 'SESSION: every sign-in gets a new session id');
  const c = await signIn('principal', { Cookie: a.cookie });
  ok(c.status === 200 && c.id && c.id !== a.id, 'SESSION: signing in while presenting a live session cookie still gets a new id');
  const chosen = 'ab'.repeat(32);
  const d = await signIn('principal', { Cookie: 'sj_session=' + chosen });
  ok(d.status === 200 && d.id && d.id !== chosen, 'SESSION: an attacker-chosen cookie presented at sign-in is not adopted (fixation)');
  ok((await call({ cookie: 'sj_session=' + chosen }, 'GET', '/api/v1/me')).status === 401, '...and the chosen id signs nobody in');
  ok((await call(a, 'DELETE', '/api/v1/session')).status === 200 && (await call(a, 'GET', '/api/v1/me')).status === 401,
    'SESSION: a signed-out id is refused afterwards');
  ok((await call(c, 'GET', '/api/v1/me')).status === 200, '...the other sessions of the same user go on');

  // CSRF beyond the JSON cases: the token belongs to its own session.
  const n0 = (await call(c, 'GET', '/api/v1/schools/1/afterschool-safety-checks')).json?.items?.length;
  const body = { venue: 'CSRF' + RUN, day: '2026-06-16', items: { exits: true, fire: true, electrical: true, facilities: true, hygiene: true } };
  let r = await call(c, 'POST', '/api/v1/schools/1/afterschool-safety-checks', body, { 'X-CSRF-Token': b.csrf });
  ok(r.status === 403 && r.json?.error?.code === 'CSRF_FAILED', 'CSRF: another session\'s valid token is refused (403 CSRF_FAILED)', `${r.status} ${r.text.slice(0, 200)}`);
  r = await call(c, 'POST', '/api/v1/schools/1/afterschool-safety-checks', body, { Origin: 'null' });
  ok(r.status === 403 && r.json?.error?.code === 'CSRF_ORIGIN', 'CSRF: Origin "null" with the right token is refused (403 CSRF_ORIGIN)', `${r.status}`);
  r = await call(c, 'POST', '/api/v1/schools/1/afterschool-safety-checks', body, { Origin: `http://${host}.evil.example` });
  ok(r.status === 403 && r.json?.error?.code === 'CSRF_ORIGIN', 'CSRF: an Origin that only begins with our host is refused', `${r.status}`);
  r = await call(c, 'POST', '/api/v1/schools/1/afterschool-safety-checks', body, { Origin: `https://evil.example/${host}` });
  ok(r.status === 403 && r.json?.error?.code === 'CSRF_ORIGIN', 'CSRF: an Origin that only ends with our host is refused', `${r.status}`);
  const adm = await signIn('admin');
  r = await call(adm, 'PUT', '/api/v1/calendar/2026-06-16', { kind: 'holiday', note: 'csrf' }, { 'X-CSRF-Token': '' });
  ok(r.status === 403 && r.json?.error?.code === 'CSRF_FAILED', 'CSRF: a PUT from a browser without the token is refused', `${r.status}`);
  r = await call(adm, 'DELETE', '/api/v1/session', undefined, { Origin: 'http://evil.example' });
  ok(r.status === 403 && (await call(adm, 'GET', '/api/v1/me')).status === 200, 'CSRF: a cross-site sign-out is refused and the session lives on');
  ok((await call(c, 'GET', '/api/v1/schools/1/afterschool-safety-checks')).json?.items?.length === n0
    && (await call(adm, 'GET', '/api/v1/calendar/2026-06-16')).json?.day_kind === 'school_day', '...and none of the refused writes was stored');
  r = await call(c, 'POST', '/api/v1/schools/1/afterschool-safety-checks', body, { Origin: `http://${host}` });
  ok(r.status === 201, 'CSRF: our own Origin with the right token is accepted (the checks above are not blanket refusals)', `${r.status} ${r.text.slice(0, 200)}`);
}

// ================================================================ traversal
{
  const leak = (t) => /root:x?:0:0|#include|PRAGMA|BEGIN IMMEDIATE|SQLite format|\[Unit\]/.test(t);
  const app = await raw('GET', '/app.js');
  ok(app.status === 200 && app.text.length > 1000, 'TRAVERSAL: control: /app.js is served');
  // Deep enough to reach / from wherever the server runs.
  const up = (seg, sep = '/', n = 10) => Array(n).fill(seg).join(sep);
  const paths = [
    `/${up('..')}/etc/passwd`, `/${up('%2e%2e')}/etc/passwd`, `/${up('..', '%2f')}%2fetc%2fpasswd`, `/${up('%2e%2e', '%2f')}%2fetc%2fpasswd`,
    `/${up('..', '%5c')}%5cetc%5cpasswd`, `/${up('..', '\\')}\\etc\\passwd`, `/${up('%252e%252e')}/etc/passwd`, `/${up('.%2e')}/etc/passwd`,
    '/app.js/../../Makefile', `/${up('....', '//')}//etc/passwd`, `/${up('%c0%ae%c0%ae')}/etc/passwd`, '/../src/main.c', '/..%2fREADME.md',
    '/web/app.js', '/%2fetc%2fpasswd', '//etc/passwd', '/etc/passwd%00.js', `/..%00/${up('..')}/etc/passwd`,
    `/gongshi/${up('..', '%2f')}%2fetc%2fpasswd`, `/gongshi/${up('..')}/etc/passwd`,
    `/public/v1/notices/${up('..', '%2f')}%2fetc%2fpasswd`, '/public/v1/notices/%2e%2e%2f%2e%2e/qr.svg', '/public/v1/notices/..%00/qr.svg',
    `/api/v1/${up('..')}/etc/passwd`, `/api/v1/${up('%2e%2e')}/etc/passwd`,
  ];
  for (const p of paths) {
    const r = await raw('GET', p);
    ok([400, 404].includes(r.status) && !leak(r.text), `TRAVERSAL: GET ${p} answers ${r.status}, nothing from disk`, r.text.slice(0, 120));
  }
  // NUL ends the path: the server may answer for the part before it, never
  // more; /gongshi/{code} is one page for any code (its script asks for the
  // notice), so "..", as a code, gets that page and nothing else.
  const auth = { Authorization: 'Bearer ' + TOKEN };
  for (const [p, same, h] of [['/app.js%00.png', '/app.js'], ['/index.html%00/../../etc/passwd', '/index.html'],
    ['/gongshi/%2e%2e', '/gongshi/no-such-code'], ['/gongshi/x%00/../../../etc/passwd', '/gongshi/x'],
    ['/api/v1/schools/1%00/staff', '/api/v1/schools/1', auth], ['/api/v1/calendar/2026-06-16%00/../../etc/passwd', '/api/v1/calendar/2026-06-16', auth]]) {
    const r = await raw('GET', p, h), s = await raw('GET', same, h);
    ok((r.status === 404 || r.status === 400 || (r.status === 200 && r.text === s.text)) && !leak(r.text),
      `TRAVERSAL: GET ${p} answers ${r.status}: nothing but ${same} itself`);
  }
  // Routes with a path segment, signed in (bearer, so no CSRF in the way).
  const segs = [
    ['GET', '/api/v1/schools/..%2f1'], ['GET', '/api/v1/schools/1%2f..%2f2'], ['GET', '/api/v1/schools/%2e%2e'],
    ['GET', '/api/v1/classes/..%2f..%2fetc%2fpasswd'], ['GET', '/api/v1/classes/1%2f..%2f..%2f..%2fetc%2fpasswd/roster.xlsx'],
    ['GET', '/api/v1/homework/..%2f1'], ['GET', '/api/v1/calendar/..%2f..%2fetc%2fpasswd'], ['GET', '/api/v1/calendar/2026-06-16%2f..'],
    ['GET', '/api/v1/afterschool/sessions/..%2f..%2f1'], ['GET', '/api/v1/schools/-1'], ['GET', '/api/v1/schools/0x1'],
    ['GET', '/public/v1/notices/%2e%2e'], ['GET', '/api/v1/classes/1%2f..%2f..%2f..%2fusers'],
    ['POST', '/api/v1/imports/..%2fschools'], ['POST', `/api/v1/imports/${up('%2e%2e', '%2f')}%2fetc%2fpasswd`],
  ];
  for (const [m, p] of segs) {
    const r = await raw(m, p, { ...auth, ...(m === 'POST' ? { 'Content-Type': 'text/csv', 'Content-Length': '0' } : {}) });
    ok([400, 404].includes(r.status) && !leak(r.text), `TRAVERSAL: ${m} ${p} answers ${r.status}`, r.text.slice(0, 160));
  }
  ok((await raw('GET', '/healthz')).status === 200, 'TRAVERSAL: the server is up after all of them');
}

// ================================================================ xlsx imports
{
  const bearer = { bearer: TOKEN };
  const imp = (buf) => call(bearer, 'POST', '/api/v1/imports/schools?dry_run=1', buf);
  let r = await imp(xlsx(sheetXml(`<row r="2">${cell('A2', 'XH' + RUN)}${cell('B2', '好文件学校')}${cell('C2', '小学')}</row>`)));
  ok(r.status === 200 && r.json?.format === 'xlsx' && r.json?.rows === 1, 'XLSX: control: a small well-formed .xlsx made here is read (dry run)', `${r.status} ${r.text.slice(0, 200)}`);
  const refused = (r) => (r.status === 413 || r.status === 422) && ['IMPORT_FILE', 'BODY_TOO_LARGE', 'IMPORT_INVALID'].includes(r.json?.error?.code);
  const quick = 5000;

  r = await imp(Buffer.from('PK\x03\x04garbage-garbage-garbage-garbage', 'latin1'));
  ok(refused(r) && r.ms < quick && !/zip_|libzip|errno/i.test(r.text), `XLSX: a malformed zip is refused cleanly (${r.status} ${r.json?.error?.code}, ${r.ms} ms)`, r.text.slice(0, 200));
  const good = xlsx(sheetXml(`<row r="2">${cell('A2', 'XC' + RUN)}${cell('B2', '截断')}${cell('C2', '小学')}</row>`));
  r = await imp(good.subarray(0, good.length >> 1));
  ok(refused(r) && r.ms < quick, `XLSX: a zip cut in half is refused (${r.status} ${r.json?.error?.code})`, r.text.slice(0, 200));

  const m0 = hwm();
  const honest = await bigPart('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${HEAD}`, 300 << 20);
  r = await imp(xlsx(honest));
  ok(refused(r) && r.ms < quick, `XLSX: a zip bomb (300 MiB sheet in a ${Math.round(honest.deflated.length / 1024)} KiB file) is refused in ${r.ms} ms (${r.status} ${r.json?.error?.code})`, r.text.slice(0, 200));
  const lying = await bigPart('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${HEAD}`, 1 << 30, 4096);
  r = await imp(xlsx(lying));
  ok(refused(r) && r.ms < quick, `XLSX: a zip bomb whose directory lies (4 KiB declared, 1 GiB inside) is refused in ${r.ms} ms (${r.status} ${r.json?.error?.code})`, r.text.slice(0, 200));
  const sst = await bigPart('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${NS}"><si><t>`, 300 << 20);
  r = await imp(xlsx(sheetXml(''), [sst]));
  ok(refused(r) && r.ms < quick, `XLSX: a 300 MiB shared-strings part is refused in ${r.ms} ms`, r.text.slice(0, 200));
  const m1 = hwm();
  if (m0 !== null) ok(m1 - m0 < 128, `XLSX: the server's peak memory grew ${m1 - m0} MiB over the bombs (< 128)`);

  const xxe = (prolog, body = '&xxe;') => sheetXml(`<row r="2">${cell('A2', 'XX' + RUN)}${cell('B2', body)}${cell('C2', '小学')}</row>`, prolog);
  const cases = [
    ['an external entity (file:///etc/passwd) in the sheet', xlsx(xxe('<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))],
    ['a parameter entity fetching a URL', xlsx(xxe(`<!DOCTYPE w [<!ENTITY % p SYSTEM "http://${host}/healthz"> %p;]>`, 'x'))],
    ['an external DTD', xlsx(xxe(`<!DOCTYPE worksheet SYSTEM "http://${host}/x.dtd">`, 'x'))],
    ['billion laughs', xlsx(xxe('<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
      + '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
      + '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>', '&i;'))],
    ['an external entity in the shared strings', xlsx(sheetXml(`<row r="2">${cell('A2', 'XS' + RUN)}<c r="B2" t="s"><v>0</v></c>${cell('C2', '小学')}</row>`),
      [{ name: 'xl/sharedStrings.xml', data: Buffer.from(`<?xml version="1.0"?><!DOCTYPE s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="${NS}"><si><t>&xxe;</t></si></sst>`) }])],
    ['an external entity in the workbook', zip([
      { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK.replace('<workbook', '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook').replace('name="s"', 'name="&xxe;"')) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xxe('', 'x')) }])],
  ];
  for (const [what, buf] of cases) {
    r = await imp(buf);
    ok(refused(r) && r.ms < quick && !/root:|nologin/.test(r.text), `XXE: ${what} is refused (${r.status} ${r.json?.error?.code}, ${r.ms} ms)`, r.text.slice(0, 200));
  }
  ok((await raw('GET', '/healthz')).status === 200, 'XLSX: the server is up after all of them');
}

// ================================================================ formula cells
// Text that a spreadsheet would take for a formula, stored in names and
// texts, must come out of every export as a text cell.
{
  const F = ['=1+1', '+1+1', '-1+1', '@SUM(1)', '=HYPERLINK("//e","x")', '=cmd|\' /C calc\'!A0', '-2'];
  const name = (i) => F[i % F.length] + 'F' + RUN.slice(-5) + '-' + i;
  const adm = await signIn('admin');
  const bearer = { bearer: TOKEN };
  const code = 'FX' + RUN, staffNo = 'FXT' + RUN, user = 'fxt' + RUN;
  const csv = async (kind, text, what) => {
    const r = await call(bearer, 'POST', '/api/v1/imports/' + kind, text);
    ok(r.status === 200, `FORMULA: setup: import ${kind} (${what})`, `${r.status} ${r.text.slice(0, 300)}`);
  };
  const quote = (s) => '"' + s.replace(/"/g, '""') + '"';
  let r = await call(adm, 'POST', '/api/v1/users', { username: user, display_name: name(6), role: 'teacher', password });
  ok(r.status === 201, 'FORMULA: setup: a teacher account', `${r.status} ${r.text.slice(0, 200)}`);
  await csv('schools', `学校代码,学校名称,学校类型\n${code},${quote(name(0))},小学\n`, 'school name');
  await csv('staff', `学校代码,工号,姓名,任教学科,登录名\n${code},${staffNo},${quote(name(1))},语文,${user}\n`, 'staff name');
  await csv('classes', `学校代码,班级代码,年级,班级名称,班主任工号\n${code},C3,3,${quote(name(2))},${staffNo}\n`, 'class name');
  await csv('teaching', `学校代码,班级代码,学科,工号\n${code},C3,语文,${staffNo}\n`, 'teaching');
  await csv('students', `学籍号,姓名,性别,学校代码,班级代码\nGFX${RUN}1,${quote(name(3))},男,${code},C3\nGFX${RUN}2,${quote(name(4))},女,${code},C3\n`, 'student names');
  const sid = (await call(adm, 'GET', '/api/v1/schools?q=' + code)).json?.items?.[0]?.id;
  const cid = (await call(adm, 'GET', '/api/v1/classes?school_id=' + sid)).json?.items?.[0]?.id;
  ok(sid && cid, 'FORMULA: setup: the school and class are found');
  const teacher = await signIn(user);
  r = await call(teacher, 'POST', '/api/v1/homework', { class_id: Number(cid), subject: '语文', kind: 'written', title: name(5), content: name(0), minutes: 10, assigned_on: '2026-06-16', due_on: '2026-06-17' });
  ok(r.status === 201, 'FORMULA: setup: homework posted in the class', `${r.status} ${r.text.slice(0, 200)}`);
  const terms = (await call(adm, 'GET', '/api/v1/terms')).json?.items || [];
  const term = terms.find((x) => x.starts_on <= '2026-06-16' && '2026-06-16' <= x.ends_on);
  r = await call(adm, 'POST', '/api/v1/afterschool/programs', { school_id: Number(sid), term_id: term?.id, name: name(1), category: 'arts', grades: [3], capacity: 20,
    days: [1, 3], start: '15:30', end: '17:30', venue: name(2), staff: [{ name: name(3), type: 'volunteer', vetting: name(4), vetted_on: '2026-06-01' }], apply_until: '2026-06-30' });
  ok(r.status === 201, 'FORMULA: setup: an after-school program with formula-like name, venue, staff and vetting', `${r.status} ${r.text.slice(0, 300)}`);
  r = await call(adm, 'POST', `/api/v1/schools/${sid}/afterschool-safety-checks`, { venue: name(5), day: '2026-06-16',
    items: { exits: true, fire: false, electrical: true, facilities: true, hygiene: true }, issues: name(6), action: name(0) });
  ok(r.status === 201, 'FORMULA: setup: a safety check with formula-like venue, issues and action', `${r.status} ${r.text.slice(0, 300)}`);

  const exports = [
    ['roster', `/api/v1/classes/${cid}/roster.xlsx`, [3, 4]],
    ['homework stats', `/api/v1/homework-stats.xlsx?school_id=${sid}&from=2026-06-10&to=2026-06-20`, [0, 2]],
    ['after-school archive', `/api/v1/schools/${sid}/afterschool-archive.xlsx?term=${term?.id}`, [1, 2, 3, 5, 6, 0]],
  ];
  const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCharCode(n)).replace(/&amp;/g, '&');
  for (const [what, path, want] of exports) {
    r = await call(adm, 'GET', path);
    let parts = {};
    try { parts = unzip(r.buf); } catch (e) { ok(false, `FORMULA: ${what}: the export is a zip`, `${r.status} ${e.message}`); continue; }
    const sheets = Object.keys(parts).filter((k) => /^xl\/worksheets\/.*\.xml$/.test(k));
    const strings = [...(parts['xl/sharedStrings.xml'] || '').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => unxml(m[1]));
    const inline = sheets.flatMap((k) => [...parts[k].matchAll(/<is><t[^>]*>([^<]*)<\/t><\/is>/g)].map((m) => unxml(m[1])));
    const formulas = sheets.flatMap((k) => [...parts[k].matchAll(/<f[ >][^<]*<\/f>|<f\/>/g)].map((m) => m[0]));
    ok(r.status === 200 && sheets.length > 0 && formulas.length === 0, `FORMULA: ${what}: no cell of ${sheets.length} sheet(s) is a formula`, formulas.slice(0, 3).join(' '));
    // A cell that begins with the text (the archive writes "name（type…）").
    const missing = want.filter((i) => ![...strings, ...inline].some((x) => x.startsWith(name(i))));
    ok(missing.length === 0, `FORMULA: ${what}: ${want.map((i) => JSON.stringify(F[i % F.length])).join(', ')} come out as text cells`, 'missing ' + missing.map(name).join(' | '));
  }
}

console.log(`held: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
