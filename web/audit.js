// audit.js - 审计日志 page: filters (action, actor, from, to) and cursor paging.

import { api, roleName, isAbort } from './api.js';
import { fetchPage, pagerBar } from './paging.js';
import { h, setChildren, loading, errorBox, notice, chip, formatInstant } from './dom.js';

const PAGE_SIZE = 50;

// Readable names of audit actions; unknown ones show their code only.
const ACTIONS = {
  'session.create': '登录',
  'session.delete': '退出登录',
  'session.expire': '登录过期',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.password': '修改密码',
  'token.create': '创建访问令牌',
  'access.denied': '越权访问',
  'csrf.refused': '安全校验未通过',
  'policy.load': '加载政策',
};

// Results: [label, chip kind]. Anything else shows as it is.
const RESULTS = {
  ok: ['成功', 'ok'],
  wrong_password: ['密码错误', 'danger'],
  wrong_password_locked: ['密码错误，已锁定', 'danger'],
  unknown_user: ['用户不存在', 'danger'],
  unknown_user_locked: ['用户不存在，已锁定', 'danger'],
  locked: ['账号锁定中', 'warn'],
  disabled: ['账号已停用', 'warn'],
  denied: ['拒绝', 'danger'],
  refused: ['拒绝', 'danger'],
  failed: ['失败', 'danger'],
  error: ['出错', 'danger'],
};

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

  const inAction = h('input', { id: 'f-action', name: 'action', type: 'text', value: filters.action, list: 'action-list', placeholder: '如 session.create', autocapitalize: 'none', spellcheck: 'false' });
  const inActor = h('input', { id: 'f-actor', name: 'actor', type: 'text', value: filters.actor, placeholder: '用户名', autocapitalize: 'none', spellcheck: 'false' });
  const inFrom = h('input', { id: 'f-from', name: 'from', type: 'date', value: filters.from });
  const inTo = h('input', { id: 'f-to', name: 'to', type: 'date', value: filters.to });
  const formMsg = h('div', { class: 'form-msg' });
  const form = h('form', { class: 'filters card', id: 'audit-filters', novalidate: true, role: 'search' },
    h('datalist', { id: 'action-list' }, Object.entries(ACTIONS).map(([code, name]) => h('option', { value: code }, name))),
    h('div', { class: 'filter-grid' },
      field('f-action', '操作', inAction),
      field('f-actor', '操作人', inActor),
      field('f-from', '起始日期', inFrom),
      field('f-to', '截止日期', inTo)),
    formMsg,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.navigate('audit') }, '重置')));

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

  const rows = items.map((it) => {
    const res = RESULTS[it.result] || [it.result || '', 'warn'];
    return h('tr', { dataset: { seq: String(it.seq) } },
      h('td', { 'data-label': '时间', class: 'nowrap' }, formatInstant(it.at)),
      h('td', { 'data-label': '操作人' }, it.actor || '—', it.role && it.role !== '-' ? h('span', { class: 'sub' }, roleName(it.role)) : null),
      h('td', { 'data-label': '操作' }, ACTIONS[it.action] || it.action || '', ACTIONS[it.action] ? h('code', { class: 'sub' }, it.action) : null),
      h('td', { 'data-label': '对象' }, h('code', null, it.object || '—')),
      h('td', { 'data-label': '结果' }, chip(res[0], res[1]), RESULTS[it.result] && it.result !== 'ok' ? h('code', { class: 'sub' }, it.result) : null),
      h('td', { 'data-label': '请求编号' }, h('code', { class: 'reqid' }, it.request_id || '')),
      h('td', { 'data-label': '序号', class: 'num' }, String(it.seq)));
  });

  setChildren(results,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack', id: 'audit-table' },
        h('thead', null, h('tr', null, ['时间', '操作人', '操作', '对象', '结果', '请求编号', '序号'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows))),
    pager);
}
