// dom.js - small DOM helpers. Data only ever enters the page as text nodes or
// attribute values set with setAttribute; nothing here touches innerHTML.

/**
 * Build an element. attrs: {class, text, dataset:{}, onX: fn, any-attr: value}.
 * null/undefined/false attributes are skipped, true sets an empty attribute.
 * children: nodes, strings (become text nodes), arrays, null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  appendAll(el, children);
  return el;
}

/** Append children (same rules as h()). */
export function appendAll(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replace all children of el. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  return appendAll(el, children);
}

/** A "正在加载…" placeholder. */
export function loading(text = '正在加载…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/**
 * An error box for an ApiError (or any Error): what went wrong in words
 * first; extra (numbers, what to do) under it; and last, in small print for
 * support, the rule code (opts.code, with opts.codeId as its element id),
 * the clause and "请求编号 <request_id>". opts.title: a headline above the
 * message (the rule's name).
 */
export function errorBox(err, extra, opts = {}) {
  const box = h('div', { class: 'alert alert-error', role: 'alert' },
    opts.title ? h('p', { class: 'alert-title' }, opts.title) : null,
    h('p', { class: 'alert-msg' }, errMessage(err)));
  if (extra) appendAll(box, [extra]);
  const d = (err && err.details) || {};
  const support = [
    opts.code ? h('span', null, '规则 ', h('code', { id: opts.codeId || null, class: 'rule-code' }, opts.code)) : null,
    opts.code && typeof d.clause === 'string' && d.clause ? h('span', null, '依据 ' + d.clause) : null,
    err && err.requestId ? h('span', null, '请求编号 ', h('code', null, err.requestId)) : null,
  ].filter(Boolean);
  if (support.length) box.append(h('p', { class: 'alert-meta alert-support' }, support));
  return box;
}

/**
 * A refusal by a rule (422 with a rule code): the rule's name as the
 * headline, the server's message with its numbers, what to do (advice: code
 * -> text or fn(details) -> text), extra (e.g. the numbers as a grid), and the
 * code, clause and request number in small print. o: {names, advice, codeId,
 * extra}.
 */
export function ruleBox(err, o) {
  const code = err && typeof err.code === 'string' ? err.code : '';
  const d = (err && err.details) || {};
  const a = (o.advice || {})[code];
  const advice = typeof a === 'function' ? a(d) : a;
  return errorBox(err, [
    o.extra || null,
    advice ? h('p', { class: 'alert-advice' }, h('strong', null, '怎么办：'), advice) : null,
  ], { title: (o.names || {})[code] || null, code, codeId: o.codeId });
}

export function errMessage(err) {
  if (err && typeof err.message === 'string' && err.message) return err.message;
  return '操作失败，请稍后重试';
}

export function notice(text, kind = 'info') {
  return h('div', { class: 'alert alert-' + kind, role: kind === 'success' ? 'status' : 'note' }, h('p', { class: 'alert-msg' }, text));
}

/** A small pill label. */
export function chip(text, kind) {
  return h('span', { class: 'chip' + (kind ? ' chip-' + kind : '') }, text);
}

/** Length in Unicode code points (what "1–64 characters" means). */
export function charLen(s) {
  return [...s].length;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Grades [1,2] -> 一二年级, [3..6] -> 三至六年级, [7] -> 七年级. */
export function gradeLabel(grades) {
  const g = [...(grades || [])].filter(Number.isInteger).sort((a, b) => a - b);
  if (g.length === 0) return '';
  const cn = (n) => (n >= 0 && n <= 10 ? CN_DIGITS[n] : String(n));
  const contiguous = g.every((v, i) => i === 0 || v === g[i - 1] + 1);
  if (g.length === 1) return cn(g[0]) + '年级';
  if (contiguous && g.length === 2) return cn(g[0]) + cn(g[1]) + '年级';
  if (contiguous) return cn(g[0]) + '至' + cn(g[g.length - 1]) + '年级';
  return g.map(cn).join('、') + '年级';
}

/**
 * Render `text` with the part that differs from `other` wrapped in <mark>:
 * used to point at the corrected characters of an erratum.
 */
export function diffText(text, other, cls) {
  const a = [...text];
  const b = [...(other || '')];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const span = h('span', cls ? { class: cls } : null);
  if (!other || p + s >= a.length) {
    span.textContent = text;
    return span;
  }
  appendAll(span, [a.slice(0, p).join(''), h('mark', null, a.slice(p, a.length - s).join('')), a.slice(a.length - s).join('')]);
  return span;
}

/** "2026-11-29T20:31:05+08:00" -> "2026-11-29 20:31:05" (already local to the district). */
export function formatInstant(s) {
  if (typeof s !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(s);
  return m ? m[1] + ' ' + m[2] : s;
}

/**
 * Let the reader sort a table by any column: each header becomes a button;
 * a click sorts the body rows by that column (ascending, a second click
 * descending) and marks it with aria-sort. A cell's data-sort, when set, is
 * its key; otherwise a cell that starts with a number sorts by the number and
 * any other by its text in Chinese collation. opts.note: a line under the
 * table saying what the sort covers (e.g. only this page).
 */
export function sortableTable(table, opts = {}) {
  const ths = [...table.querySelectorAll('thead th')];
  const body = table.tBodies[0];
  if (!body) return table;
  const key = (td) => {
    if (!td) return '';
    if (td.dataset.sort !== undefined) {
      const n = Number(td.dataset.sort);
      return td.dataset.sort !== '' && Number.isFinite(n) ? n : td.dataset.sort;
    }
    const t = td.textContent.trim();
    const m = /^-?\d+(\.\d+)?/.exec(t);
    return m ? Number(m[0]) : t;
  };
  const cmp = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b
    : typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : String(a).localeCompare(String(b), 'zh-CN', { numeric: true }));
  ths.forEach((th, i) => {
    const label = th.textContent;
    const btn = h('button', { type: 'button', class: 'th-sort', title: '按' + label + '排序' }, label, h('span', { class: 'th-sort-mark', 'aria-hidden': 'true' }));
    th.replaceChildren(btn);
    btn.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      for (const o of ths) o.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const rows = [...body.rows].map((tr, n) => [tr, key(tr.cells[i]), n]);
      rows.sort((x, y) => dir * cmp(x[1], y[1]) || x[2] - y[2]);
      body.append(...rows.map((r) => r[0]));
    });
  });
  table.classList.add('table-sortable');
  if (opts.note && table.parentNode) table.parentNode.after(h('p', { class: 'field-hint' }, opts.note));
  return table;
}
