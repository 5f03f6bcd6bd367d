// audit.js - 审计日志 page: filters (action, actor, from, to) and cursor paging.

import { api, roleName, isAbort } from './api.js';
import { fetchPage, pagerBar } from './paging.js';
import { h, setChildren, loading, errorBox, notice, chip, formatInstant } from './dom.js';

const PAGE_SIZE = 50;

// The chip of a result: 成功 green, a refusal or failure red; its words come
// from the server (result_name), the code stays in the tooltip and the export.
function resultChip(it) {
  const ok = it.result === 'ok';
  return chip(ok ? '成功' : /^(confirmed|rejected|cancelled|pending)$/.test(it.result) ? it.result_name : '未成功', ok ? 'ok' : 'danger');
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

// Cursors of the pages before the current one, for 上一页; reset when filters change.
let trail = { key: '', stack: [] };

function field(id, label, input) {
  return h('div', { class: 'field field-inline' }, h('label', { for: id }, label), input);
}

export async function renderAudit(main, ctx) {
  const q = ctx.params;
  const filters = {
    action: (q.get('action') || '').trim(),
    actor: (q.get('actor') || '').trim(),
    from: q.get('from') || '',
    to: q.get('to') || '',
  };
  const cursor = q.get('cursor') || '';
  const key = JSON.stringify(filters);
  if (trail.key !== key) trail = { key, stack: [] };
  if (!cursor) trail.stack = [];

  const inAction = h('select', { id: 'f-action', name: 'action' }, h('option', { value: '' }, '全部操作'),
    filters.action ? h('option', { value: filters.action, selected: true }, filters.action) : null);
  loadActions(inAction, filters.action, ctx);
  const inActor = h('input', { id: 'f-actor', name: 'actor', type: 'text', value: filters.actor, placeholder: '用户名', autocapitalize: 'none', spellcheck: 'false' });
  const inFrom = h('input', { id: 'f-from', name: 'from', type: 'date', value: filters.from });
  const inTo = h('input', { id: 'f-to', name: 'to', type: 'date', value: filters.to });
  const formMsg = h('div', { class: 'form-msg' });
  const form = h('form', { class: 'filters card', id: 'audit-filters', novalidate: true, role: 'search' },
    h('div', { class: 'filter-grid' },
      field('f-action', '操作', inAction),
      field('f-actor', '操作人', inActor),
      field('f-from', '起始日期', inFrom),
      field('f-to', '截止日期', inTo)),
    formMsg,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.navigate('audit') }, '重置'),
      h('a', { class: 'btn no-print', id: 'audit-export', href: exportHref(filters), download: '审计日志.xlsx' }, '导出 Excel')));

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = { action: inAction.value.trim(), actor: inActor.value.trim(), from: inFrom.value, to: inTo.value };
    if ((f.from && !DATE_RE.test(f.from)) || (f.to && !DATE_RE.test(f.to))) {
      setChildren(formMsg, errorBox({ message: '日期格式应为 YYYY-MM-DD' }));
      return;
    }
    if (f.from && f.to && f.from > f.to) {
      setChildren(formMsg, errorBox({ message: '起始日期不能晚于截止日期' }));
      inFrom.focus();
      return;
    }
    ctx.navigate('audit', f);
  });

  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  setChildren(main,
    h('section', { class: 'page page-audit' },
      h('h1', { class: 'page-title' }, '审计日志'),
      h('p', { class: 'page-lead' }, '每一次登录、查阅与修改都留有记录，记录不可修改或删除。时间为本区时间。'),
      form,
      results));

  const page = await fetchPage(results, ctx, '/api/v1/audit', { limit: PAGE_SIZE, cursor, ...filters });
  if (!page) return;
  const { items, next } = page;
  const pager = pagerBar(ctx, 'audit', filters, cursor, next, trail, items.length, '条');

  if (items.length === 0) {
    setChildren(results, notice(cursor ? '没有更多记录。' : '没有符合条件的记录。', 'info'), cursor ? pager : null);
    return;
  }

  const rows = items.map((it) => h('tr', { dataset: { seq: String(it.seq) } },
    h('td', { 'data-label': '时间', class: 'nowrap' }, formatInstant(it.at)),
    h('td', { 'data-label': '操作人' }, it.actor || '—', it.role && it.role !== '-' ? h('span', { class: 'sub' }, roleName(it.role)) : null),
    h('td', { 'data-label': '操作', title: it.action }, it.action_name || it.action || ''),
    h('td', { 'data-label': '对象', title: it.object }, it.object_name || '—'),
    h('td', { 'data-label': '结果', title: it.result }, resultChip(it),
      it.result !== 'ok' && it.result_name && it.result_name !== '已拒绝' ? h('span', { class: 'sub audit-reason' }, it.result_name) : null),
    h('td', { 'data-label': '请求编号' }, h('code', { class: 'reqid' }, it.request_id || '')),
    h('td', { 'data-label': '序号', class: 'num' }, String(it.seq))));

  setChildren(results,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack', id: 'audit-table' },
        h('thead', null, h('tr', null, ['时间', '操作人', '操作', '对象', '结果', '请求编号', '序号'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows))),
    pager);
}

/** The .xlsx of the same filters (names and codes side by side). */
function exportHref(f) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const qs = q.toString();
  return '/api/v1/audit.xlsx' + (qs ? '?' + qs : '');
}

/** Fill the action filter with every action the trail can hold, by name. */
async function loadActions(select, current, ctx) {
  let list;
  try {
    list = (await api('GET', '/api/v1/audit/actions', { signal: ctx.signal })).items || [];
  } catch (e) {
    if (!isAbort(e)) select.title = '操作列表加载失败';
    return;
  }
  setChildren(select, h('option', { value: '' }, '全部操作'),
    list.map((x) => h('option', { value: x.code, title: x.code, selected: x.code === current ? true : null }, x.name)));
  if (current && !list.some((x) => x.code === current)) select.append(h('option', { value: current, selected: true }, current));
}
