// slowloris.mjs - slow clients must not starve normal ones (RELIABILITY.md
// "HTTP"). Loopback only: opens CONNS connections to the server from ADDRS
// source addresses 127.0.0.2, 127.0.0.3, ... each sending a request line and
// then one header line every TRICKLE_MS, never finishing the head. Then:
//   1. while they are held, a fresh client (127.0.0.1) gets /healthz 200
//      within FRESH_MS (a share of the connections is kept for it);
//   2. the server closes every slow connection it admitted after the head
//      deadline (HEAD_S), not before, and well before the idle timeout.
// Usage: node slowloris.mjs BASE_URL [CONNS ADDRS TRICKLE_MS HEAD_S HOLD_S]
//   HOLD_S > 0 (soak): keep reopening closed slow connections for HOLD_S
//   seconds, probing /healthz every second; prints the probe times.
// Prints "ok/not ok" lines and "slowloris: N passed, M failed".
import net from 'node:net';
import http from 'node:http';

const [base, conns0 = '1200', addrs0 = '6', trickle0 = '1000', head0 = '5', hold0 = '0'] = process.argv.slice(2);
const url = new URL(base);
const CONNS = Number(conns0), ADDRS = Number(addrs0), TRICKLE_MS = Number(trickle0);
const HEAD_MS = Number(head0) * 1000, HOLD_MS = Number(hold0) * 1000;
const FRESH_MS = 3000;
let passed = 0, failed = 0;
const ok = (cond, name, extra = '') => {
  if (cond) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`not ok - ${name}${extra ? ': ' + extra : ''}`); }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const slow = [];
let stopping = false;

function openSlow(i) {
  const rec = { opened: Date.now(), connected: 0, closed: 0, timer: null };
  const s = net.connect({ host: url.hostname, port: Number(url.port), localAddress: `127.0.0.${2 + (i % ADDRS)}` });
  rec.sock = s;
  s.setNoDelay(true);
  s.on('connect', () => {
    rec.connected = Date.now();
    s.write(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\n`);
    let n = 0;
    rec.timer = setInterval(() => { if (!s.destroyed) s.write(`X-Slow-${n++}: ${'a'.repeat(8)}\r\n`); }, TRICKLE_MS);
  });
  const done = () => {
    if (rec.closed) return;
    rec.closed = Date.now();
    clearInterval(rec.timer);
    if (HOLD_MS && !stopping) setTimeout(() => slow.push(openSlow(i)), 100);
  };
  s.on('error', done);
  s.on('close', done);
  s.on('data', () => {}); // an early answer (refused) is read and dropped
  return rec;
}

// GET /healthz from 127.0.0.1 on a new connection: [status, ms] or [0, ms].
function fresh(timeoutMs) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const req = http.get({ host: url.hostname, port: url.port, path: '/healthz', localAddress: '127.0.0.1', agent: false, timeout: timeoutMs },
      (res) => { res.resume(); res.on('end', () => resolve([res.statusCode, Date.now() - t0])); });
    req.on('timeout', () => { req.destroy(); resolve([0, Date.now() - t0]); });
    req.on('error', () => resolve([0, Date.now() - t0]));
  });
}

async function main() {
  const t0 = Date.now();
  for (let i = 0; i < CONNS; i++) {
    slow.push(openSlow(i));
    if (i % 100 === 99) await sleep(10);
  }
  await sleep(1000); // every connection attempted; the admitted ones are held
  const heldAt = Date.now();
  const held = slow.filter((r) => r.connected && !r.closed).length;
  console.log(`# ${CONNS} slow connections from ${ADDRS} addresses: ${held} held after ${heldAt - t0} ms`);
  ok(held >= Math.min(CONNS, 500), `the slow clients hold many connections (${held} of ${CONNS})`);
  const [st, ms] = await fresh(FRESH_MS);
  console.log(`# fresh /healthz while they are held: ${st || 'no answer'} in ${ms} ms`);
  ok(st === 200 && ms <= FRESH_MS, `a fresh client gets /healthz 200 within ${FRESH_MS} ms while they are held`, `${st} in ${ms} ms`);

  if (HOLD_MS) {
    const probes = []; // ms of each answered probe; Infinity: none within 10 s
    while (Date.now() - heldAt < HOLD_MS) {
      const [s2, m2] = await fresh(10000);
      probes.push(s2 === 200 ? m2 : Infinity);
      await sleep(1000);
    }
    stopping = true;
    probes.sort((a, b) => a - b);
    const answered = probes.filter((m) => m !== Infinity).length;
    console.log(`# soak: ${probes.length} probes of /healthz, ${answered} answered 200 within 10 s;` +
      ` median ${probes[probes.length >> 1]} ms, max ${probes[probes.length - 1]} ms`);
    ok(probes[probes.length - 1] <= FRESH_MS, `every /healthz probe answered within ${FRESH_MS} ms during the soak`);
  } else {
    // Wait past the head deadline (plus the reaper's period and slack).
    const until = t0 + HEAD_MS + 4000;
    while (Date.now() < until && slow.some((r) => r.connected && !r.closed)) await sleep(200);
    const admitted = slow.filter((r) => r.connected && (!r.closed || r.closed - r.connected > 1000));
    const open = slow.filter((r) => r.connected && !r.closed).length;
    const early = admitted.filter((r) => r.closed && r.closed - r.connected < HEAD_MS - 500).length;
    const times = admitted.filter((r) => r.closed).map((r) => r.closed - r.connected).sort((a, b) => a - b);
    console.log(`# admitted ${admitted.length}; closed after ${times[0]}..${times[times.length - 1]} ms; still open ${open}`);
    ok(open === 0, `every slow connection is closed within ${HEAD_S()} s + 4 s`, `${open} still open`);
    ok(admitted.length > 0 && early === 0, `none of the admitted ones is closed before the ${HEAD_S()} s head deadline`, `${early} early`);
  }
  stopping = true;
  for (const r of slow) { clearInterval(r.timer); r.sock.destroy(); }
  console.log(`slowloris: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
const HEAD_S = () => HEAD_MS / 1000;
main();
