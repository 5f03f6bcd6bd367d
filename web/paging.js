// paging.js - one page of a cursor-paged list (items, next_cursor) and its
// 第一页 / 上一页 / 下一页 bar; shared by the schools, users and audit pages.
import { api, isAbort } from './api.js';
import { h, setChildren, errorBox } from './dom.js';

// Fetch one page. Returns { items, next } or null when the view was left
// (aborted) or the call failed (box then shows the error).
export async function fetchPage(box, ctx, path, query) {
  let data;
  try {
    data = await api('GET', path, { query, signal: ctx.signal });
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return null;
    setChildren(box, errorBox(e));
    return null;
  }
  if (ctx.signal.aborted) return null;
  const items = Array.isArray(data.items) ? data.items : [];
  const next = data.next_cursor === null || data.next_cursor === undefined ? null : String(data.next_cursor);
  return { items, next };
}

// The pager: route is the hash route, trail.stack the cursors of the pages
// before this one, unit the counting word (所, 人, 条).
export function pagerBar(ctx, route, filters, cursor, next, trail, count, unit) {
  return h('div', { class: 'pager' },
    h('span', { class: 'pager-info' }, '第 ' + (trail.stack.length + 1) + ' 页 · 本页 ' + count + ' ' + unit),
    cursor ? h('button', { type: 'button', class: 'btn', id: route + '-first', onclick: () => ctx.navigate(route, filters) }, '第一页') : null,
    trail.stack.length ? h('button', {
      type: 'button', class: 'btn', id: route + '-prev',
      onclick: () => ctx.navigate(route, { ...filters, cursor: trail.stack.pop() || '' }),
    }, '上一页') : null,
    h('button', {
      type: 'button', class: 'btn btn-primary', id: route + '-next', disabled: !next,
      onclick: () => {
        trail.stack.push(cursor);
        ctx.navigate(route, { ...filters, cursor: next });
      },
    }, '下一页'));
}
