// org.js - helpers shared by the organisation pages (学校, 班级, 我的班级, 我的孩子).

import { api, isAbort } from './api.js';
import { h, chip, setChildren, loading, errorBox } from './dom.js';

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 3 -> 三年级. */
export function gradeName(g) {
  const n = Number(g);
  return Number.isInteger(n) && n >= 1 && n <= 9 ? CN[n] + '年级' : String(g) + '年级';
}

/** Grade band of the policy: 1–2 小学低段, 3–6 小学, 7–9 初中. */
export function gradeBand(g) {
  if (g <= 2) return '小学低段';
  if (g <= 6) return '小学中高段';
  return '初中';
}

/**
 * Every item of a paged list (follows next_cursor), up to maxPages pages.
 * Resolves to {items, truncated}.
 */
export async function fetchAll(path, query, signal, maxPages = 20) {
  const items = [];
  let cursor = '';
  for (let i = 0; i < maxPages; i++) {
    const data = await api('GET', path, { query: { ...query, cursor }, signal });
    if (Array.isArray(data.items)) items.push(...data.items);
    if (data.next_cursor === null || data.next_cursor === undefined || data.next_cursor === '') return { items, truncated: false };
    cursor = String(data.next_cursor);
  }
  return { items, truncated: true };
}

/** 是 / 否 as a quiet chip. */
export function yesNo(v, yesKind = 'ok') {
  return v ? chip('是', yesKind) : h('span', { class: 'muted' }, '否');
}

/** The student flags 特殊需要 / 寄宿 / 留守 as small tags (nothing when none is set). */
export function studentFlags(s) {
  const tags = [];
  if (s.special_needs) tags.push(chip('特殊需要', 'flag-special'));
  if (s.boarding) tags.push(chip('寄宿', 'flag-boarding'));
  if (s.left_behind) tags.push(chip('留守', 'flag-left'));
  return tags.length ? h('span', { class: 'tags' }, tags) : null;
}

/** A definition list of facts: [[label, value], …]; empty values are skipped. */
export function facts(pairs, cls) {
  const dl = h('dl', { class: 'facts' + (cls ? ' ' + cls : '') });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    dl.append(h('div', { class: 'fact' }, h('dt', null, k), h('dd', null, v)));
  }
  return dl;
}

/** A breadcrumb: [[text, href|null], …]. */
export function crumbs(items) {
  const nav = h('nav', { class: 'crumbs', 'aria-label': '位置' });
  items.forEach(([text, href], i) => {
    if (i) nav.append(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '/'));
    nav.append(href ? h('a', { href }, text) : h('span', { 'aria-current': 'page' }, text));
  });
  return nav;
}

/** Number with a unit, tabular figures. */
export function count(n, unit) {
  return h('span', { class: 'num' }, String(n ?? 0) + (unit ? ' ' + unit : ''));
}

// Load the one record a page shows. Returns it, or null when the view was
// left or the record is not visible to this user (the page then says so, with
// a way back: notFound = { title, href, label }).
export async function fetchRecord(main, ctx, path, notFound) {
  setChildren(main, loading());
  let data;
  try {
    data = await api('GET', path, { signal: ctx.signal });
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return null;
    if (e.status === 404) {
      setChildren(main, h('section', { class: 'page' },
        h('h1', { class: 'page-title' }, notFound.title),
        errorBox(e),
        h('p', null, h('a', { href: notFound.href, class: 'btn' }, notFound.label))));
      return null;
    }
    throw e;
  }
  return ctx.signal.aborted ? null : data;
}
