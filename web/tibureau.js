// tibureau.js - 校外培训机构, the bureau's registry (district admin, inspector,
// enforcement): counts by status and category as charts with the same
// numbers in tables, the review queue of pending applications (the district
// admin decides against the published checklist), the list with filters,
// paging and an .xlsx export, and one institution's courses and staff.

import { api, session, loadPolicy } from './api.js';
import { h, setChildren, errorBox, notice, chip, formatInstant } from './dom.js';
import { field, load, hwPage } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { fetchPage, pagerBar } from './paging.js';
import { barChart } from './charts.js';
import { confirmDialog } from './manage.js';
import { CATEGORIES, STATUSES, statusChip, tiErrorBox, coursesTable, staffTable, instFacts } from './tishared.js';

const trails = new Map();
function trailOf(key, cursor) {
  if (!trails.has(key) || !cursor) trails.set(key, { stack: [] });
  return trails.get(key);
}

/** The numbers of a chart: a plain two-column table (it stays a table on a phone). */
function countTable(id, label, rows) {
  return h('div', { class: 'table-wrap table-surface' }, h('table', { class: 'table', id },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, label), h('th', { scope: 'col', class: 'num' }, '机构数'))),
    h('tbody', null, rows.map((x) => h('tr', null, h('td', null, x.name), h('td', { class: 'num' }, String(x.count)))))));
}

function statsView(d) {
  const st = Array.isArray(d.by_status) ? d.by_status : [];
  const cat = Array.isArray(d.by_category) ? d.by_category : [];
  const n = (k) => (st.find((x) => x.status === k) || { count: 0 }).count;
  return [
    h('div', { class: 'figures', id: 'ti-figures' },
      figure('机构总数', d.total), figure('白名单（已审批）', n('approved')),
      figure('黑名单（吊销、无证）', n('revoked') + n('unlicensed'), n('revoked') + n('unlicensed') ? 'bad' : null),
      figure('待审批', n('pending')), figure('预收费超限机构', d.prepay_warned, d.prepay_warned ? 'bad' : null)),
    h('div', { class: 'chart-pair' },
      h('div', null, barChart('按状态', st.map((x) => x.name), [{ label: '机构数', data: st.map((x) => x.count) }]),
        countTable('ti-by-status', '状态', st)),
      h('div', null, barChart('按类别', cat.map((x) => x.name), [{ label: '机构数', data: cat.map((x) => x.count) }]),
        countTable('ti-by-category', '类别', cat))),
  ];
}

function decideDialog(ctx, app, checklist, approve, done) {
  const boxes = checklist.map((item, i) => {
    const c = h('input', { type: 'checkbox', id: 'ti-ck-' + i, value: item });
    return { item, c, el: h('label', { class: 'check', for: c.id }, c, item) };
  });
  const reason = h('textarea', { id: 'ti-reason', rows: '3', maxlength: '500', placeholder: approve ? '可选：审批意见' : '必填：不予批准的理由（机构会看到）' });
  return confirmDialog({
    title: (approve ? '批准：' : '不予批准：') + app.name,
    tone: approve ? 'primary' : null,
    body: [approve ? h('p', null, '请逐项核对公开的设置标准（TI_STANDARDS）：') : null,
      approve ? h('div', { class: 'ti-checklist' }, boxes.map((b) => b.el)) : null,
      h('label', { for: 'ti-reason', class: 'field-label' }, approve ? '审批意见' : '理由'), reason],
    confirmText: approve ? '批准' : '不予批准',
    busyText: '正在提交…',
    signal: ctx.signal,
    errorView: tiErrorBox,
    action: () => {
      const body = { decision: approve ? 'approve' : 'refuse', reason: reason.value.trim(), checklist: boxes.filter((b) => b.c.checked).map((b) => b.item) };
      if (!approve && !body.reason) return Promise.reject(Object.assign(new Error('请写明不予批准的理由'), { code: 'FIELD_REQUIRED' }));
      if (approve && body.checklist.length < checklist.length) return Promise.reject(Object.assign(new Error('请逐项核对全部 ' + checklist.length + ' 项设置标准后再批准'), { code: 'TI_STANDARDS' }));
      return api('POST', '/api/v1/institutions/applications/' + app.id + '/decision', { body, signal: ctx.signal });
    },
  }).then((r) => { if (r) done(r); });
}

function queueView(ctx, apps, checklist, redraw) {
  const admin = session.user.role === 'district_admin';
  return apps.map((a) => {
    const detail = h('div', { class: 'ti-app-detail' });
    const open = h('button', { type: 'button', class: 'btn btn-small no-print', id: 'ti-open-' + a.id, onclick: async () => {
      const d = await load(detail, ctx, '/api/v1/institutions/applications/' + a.id);
      if (d) setChildren(detail, instFacts(d.institution), coursesTable(d.institution.courses), d.institution.staff.length ? staffTable(d.institution.staff) : notice('未登记从业人员。', 'warn'));
    } }, '查看材料');
    return h('li', { class: 'card ti-app', dataset: { id: String(a.id) } },
      h('h3', { class: 'card-title' }, a.name, statusChip(a.status, a.status_name)),
      h('p', { class: 'card-desc' }, a.category_name, ' · ', h('code', null, a.credit_code), ' · 提交于 ', formatInstant(a.submitted_at)),
      h('div', { class: 'form-actions no-print' }, open,
        admin ? h('button', { type: 'button', class: 'btn btn-primary btn-small', id: 'ti-approve-' + a.id, onclick: () => decideDialog(ctx, a, checklist, true, () => redraw('已批准' + a.name + '，已列入白名单。')) }, '批准') : null,
        admin ? h('button', { type: 'button', class: 'btn btn-small', id: 'ti-refuse-' + a.id, onclick: () => decideDialog(ctx, a, checklist, false, () => redraw('已不予批准' + a.name + '。')) }, '不予批准') : null),
      detail);
  });
}

/** The export of the list as filtered (no paging). */
function xlsxHref(p) {
  const q = new URLSearchParams();
  for (const k of ['q', 'status', 'category', 'warned']) if (p.get(k)) q.set(k, p.get(k));
  return '/api/v1/institutions.xlsx' + (q.toString() ? '?' + q.toString() : '');
}

function filtersForm(ctx, p) {
  const q = h('input', { type: 'search', maxlength: '64', value: p.get('q') || '', placeholder: '机构名称' });
  const st = h('select', null, [['', '全部状态'], ...STATUSES].map(([v, t]) => h('option', { value: v, selected: v === (p.get('status') || '') }, t)));
  const cat = h('select', null, [['', '全部类别'], ...CATEGORIES].map(([v, t]) => h('option', { value: v, selected: v === (p.get('category') || '') }, t)));
  const warned = h('input', { type: 'checkbox', id: 'ti-f-warned', checked: p.get('warned') === '1' });
  const form = h('form', { class: 'filters card no-print', id: 'ti-filters', role: 'search' },
    field('ti-f-q', '名称', q), h('div', { class: 'field-pair' }, field('ti-f-status', '状态', st), field('ti-f-category', '类别', cat)),
    h('p', null, h('label', { class: 'check', for: 'ti-f-warned' }, warned, '只看预收费超限的机构')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'ti-f-go' }, '筛选'),
      h('a', { class: 'btn', href: xlsxHref(p), id: 'ti-export', download: 'institutions.xlsx' }, '导出 Excel')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate('ti', { q: q.value.trim(), status: st.value, category: cat.value, warned: warned.checked ? '1' : '' });
  });
  return form;
}

export async function renderTi(main, ctx) {
  const p = ctx.params;
  const stats = h('div', { id: 'ti-stats', 'aria-live': 'polite' });
  const queue = h('div', { id: 'ti-queue', 'aria-live': 'polite' });
  const listBox = h('div', { id: 'ti-list-box', 'aria-live': 'polite' });
  const msg = h('div', { class: 'form-msg', id: 'ti-msg', 'aria-live': 'polite' });
  const filters = { q: p.get('q') || '', status: p.get('status') || '', category: p.get('category') || '', warned: p.get('warned') || '' };
  hwPage(main, 'page-ti', null, '校外培训机构', '全区校外培训机构的审批状态、类别与预收费预警（五(一)）；审批申请按公开的设置标准逐项核对。', msg,
    ...section('待审批的申请', null, queue, 'ti-queue-title'), h('h2', { class: 'section-title' }, '统计'), stats,
    h('h2', { class: 'section-title' }, '机构名录'), filtersForm(ctx, p), listBox);
  let checklist = [];
  try {
    const pol = await loadPolicy();
    checklist = (pol.rules && pol.rules.TI_STANDARDS && pol.rules.TI_STANDARDS.params.checklist) || [];
  } catch {
    checklist = [];
  }
  async function drawTop(okText) {
    setChildren(msg, okText ? notice(okText, 'success') : null);
    const d = await load(stats, ctx, '/api/v1/institutions/stats');
    if (d) setChildren(stats, statsView(d));
    const q = await load(queue, ctx, '/api/v1/institutions/applications', { status: 'pending', limit: 50 });
    if (!q) return;
    const apps = Array.isArray(q.items) ? q.items : [];
    setChildren(queue,
      checklist.length ? h('p', { class: 'section-lead', id: 'ti-standards' }, '公开的设置标准（逐项核对后方可批准）：', checklist.join('；'), '。') : null,
      apps.length ? h('ul', { class: 'ti-list', id: 'ti-queue-list' }, queueView(ctx, apps, checklist, (t) => { drawTop(t); drawList(); })) : notice('没有待审批的申请。', 'info'));
  }
  const cursor = p.get('cursor') || '';
  const trail = trailOf(JSON.stringify(filters), cursor);
  async function drawList() {
    const pg = await fetchPage(listBox, ctx, '/api/v1/institutions', { ...filters, cursor, limit: 20 });
    if (!pg) return;
    setChildren(listBox, pg.items.length ? table('ti-table', [
      ['机构', (x) => [h('a', { href: '#/ti/' + x.id }, x.name), h('span', { class: 'sub' }, x.credit_code)], 'cell-title'],
      ['类别', (x) => x.category_name],
      ['服务对象', (x) => (x.serves_names || []).join('、')],
      ['状态', (x) => statusChip(x.status, x.status_name)],
      ['预警', (x) => (x.prepay_warnings ? chip('预收费超限 ' + x.prepay_warnings, 'danger') : '')],
    ], pg.items) : notice('没有符合条件的机构。', 'info'),
    pagerBar(ctx, 'ti', filters, cursor, pg.next, trail, pg.items.length, '家'));
  }
  drawTop();
  drawList();
}

export async function renderTiOne(main, ctx) {
  const box = h('div', { id: 'ti-one', 'aria-live': 'polite' });
  hwPage(main, 'page-ti-one', h('p', { class: 'breadcrumb no-print' }, h('a', { href: '#/ti' }, '校外培训机构'), ' / 机构详情'), '机构详情', '机构的登记信息、现行课程与收费、从业人员及资质。', box);
  const d = await load(box, ctx, '/api/v1/institutions/' + ctx.id);
  if (!d) return;
  ctx.setTitle(d.name);
  setChildren(box, h('h2', { class: 'section-title' }, d.name), h('div', { class: 'card' }, instFacts(d)),
    ...section('课程与收费', d.courses.length, d.courses.length ? coursesTable(d.courses) : notice('未登记课程。', 'info')),
    ...section('从业人员', d.staff.length, d.staff.length ? staffTable(d.staff) : notice('未登记从业人员。', 'warn')),
    d.prepay_warnings ? notice('有 ' + d.prepay_warnings + ' 门课程一次收费超过上限（TI_PREPAY_CAP）。', 'warn') : null);
}
