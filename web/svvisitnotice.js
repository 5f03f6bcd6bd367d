// svvisitnotice.js - 整改通知 (seed 六; issue 15, part SC): the list with
// its filters (school, status, overdue) and export, the overdue list for
// the office, and one notice: the school answers it with its rectification
// and evidence; the office plans the re-visit that closes it.

import { h, setChildren, notice } from './dom.js';
import { field, load, hwPage } from './hwshared.js';
import { table, section } from './hwstats.js';
import { fetchPage } from './paging.js';
import { asPost } from './asshared.js';
import { options } from './ticaseshared.js';
import { isOffice, isSchool, statusChip, svPolicy, tabs, evidenceBlock, STATUS, RESULTS } from './svvisitshared.js';

function noticeTable(id, items) {
  return table(id, [
    ['通知', (n) => h('a', { href: '#/sv-notices/' + n.id }, '整改通知 ' + n.id), 'nowrap'],
    ['学校', (n) => n.school.name, 'cell-title'],
    ['指标', (n) => n.items.map((i) => i.id).join('、')],
    ['下达', (n) => n.issued_on, 'nowrap'],
    ['期限', (n) => n.deadline, 'nowrap'],
    ['状态', (n) => statusChip(n)],
  ], items);
}

function filterForm(ctx, schools) {
  const status = options(Object.entries(STATUS).map(([k, [t]]) => [k, t]), { id: 'sv-nf-status' }, '（全部状态）');
  status.value = ctx.params.get('status') || '';
  const late = h('input', { type: 'checkbox', id: 'sv-nf-overdue', checked: ctx.params.get('overdue') === '1' });
  const school = schools ? options(schools.map((s) => [String(s.id), s.name]), { id: 'sv-nf-school' }, '（全部学校）') : null;
  if (school) school.value = ctx.params.get('school_id') || '';
  const form = h('form', { class: 'filters no-print', id: 'sv-notice-filters' },
    school ? field('sv-nf-school', '学校', school) : null,
    field('sv-nf-status', '状态', status),
    h('label', { class: 'check', for: late.id }, late, '只看逾期'),
    h('button', { type: 'submit', class: 'btn' }, '筛选'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = {};
    if (school && school.value) f.school_id = school.value;
    if (status.value) f.status = status.value;
    if (late.checked) f.overdue = '1';
    ctx.navigate('sv-notices', f);
  });
  return form;
}

export async function renderSvNotices(main, ctx) {
  const list = h('div', { id: 'sv-notices', 'aria-live': 'polite' });
  const filters = h('div');
  hwPage(main, 'page-svnotices', tabs('sv-notices'), '整改通知',
    isSchool() ? '督导检查后下达给本校的整改通知：逐项整改，在期限内答复整改情况并上传佐证材料。'
      : '督导检查下达的整改通知：学校答复、逾期未整改、复查销号。',
    filters, isOffice() ? h('p', { class: 'no-print' }, h('a', { class: 'btn', href: '/api/v1/supervision/notices.xlsx', download: '整改通知.xlsx', id: 'sv-export' }, '导出 Excel')) : null, list);
  let schools = null;
  if (isOffice()) {
    const s = await load(list, ctx, '/api/v1/schools', { limit: 200 });
    if (!s) return;
    schools = s.items || [];
  }
  setChildren(filters, filterForm(ctx, schools));
  const q = { limit: 50 };
  for (const k of ['school_id', 'status', 'overdue']) if (ctx.params.get(k)) q[k] = ctx.params.get(k);
  const rows = [];
  async function more(cursor) {
    const pg = await fetchPage(list, ctx, '/api/v1/supervision/notices', cursor ? { ...q, cursor } : q);
    if (!pg) return;
    rows.push(...pg.items);
    setChildren(list, section('整改通知', rows.length, rows.length ? noticeTable('sv-notices-table', rows) : notice('没有符合条件的整改通知。', 'info')),
      pg.next ? h('p', { class: 'no-print' }, h('button', { type: 'button', class: 'btn', id: 'sv-notices-more', onclick: () => more(pg.next) }, '加载更多')) : null);
  }
  more('');
}

export async function renderSvOverdue(main, ctx) {
  const box = h('div', { id: 'sv-overdue', 'aria-live': 'polite' });
  hwPage(main, 'page-svoverdue', tabs('sv-overdue'), '逾期整改',
    '整改期限已过仍未复查销号的整改通知（SV_RECTIFY）：已答复的待复查，未答复的督促学校。', box);
  const d = await load(box, ctx, '/api/v1/supervision/notices/overdue');
  if (!d) return;
  const items = Array.isArray(d.items) ? d.items : [];
  setChildren(box, section('逾期未销号', items.length, items.length ? table('sv-overdue-table', [
    ['通知', (n) => h('a', { href: '#/sv-notices/' + n.id }, '整改通知 ' + n.id), 'nowrap'],
    ['学校', (n) => n.school.name, 'cell-title'],
    ['指标', (n) => n.items.map((i) => i.id).join('、')],
    ['期限', (n) => n.deadline, 'nowrap'],
    ['逾期', (n) => n.days_overdue + ' 天', 'num'],
    ['学校答复', (n) => (n.answered ? '已答复，待复查' : '未答复')],
    ['', (n) => h('a', { class: 'btn btn-small no-print', href: '#/sv-visits?school_id=' + n.school.id + '&notice_id=' + n.id }, '安排复查')],
  ], items) : notice('没有逾期的整改通知。', 'success')));
}

function answerForm(ctx, n, done) {
  const text = h('textarea', { rows: '5', maxlength: '4000', id: 'sv-a-text', placeholder: '逐项写明整改措施、完成情况和时间' });
  if (n.answer) text.value = n.answer.text;
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'sv-a-save' }, n.answer ? '更新整改答复' : '提交整改答复');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'sv-answer-form', novalidate: true },
    h('h2', { class: 'section-title' }, '答复整改情况'), field('sv-a-text', '整改情况', text), msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/supervision/notices/' + n.id + '/answer', { text: text.value.trim() });
    if (r) done();
  });
  return form;
}

export async function renderSvNotice(main, ctx) {
  const box = h('div', { id: 'sv-notice', 'aria-live': 'polite' });
  hwPage(main, 'page-svnotice', tabs('sv-notices'), '整改通知', '督导发现的问题、整改期限、学校的整改答复和复查结果。', box);
  const pol = await svPolicy();
  async function draw() {
    const d = await load(box, ctx, '/api/v1/supervision/notices/' + ctx.id);
    if (!d || !d.notice) return;
    const n = d.notice;
    const open = n.status !== 'closed';
    const base = '/api/v1/supervision/notices/' + n.id;
    const res = n.close ? (RESULTS.find(([k]) => k === n.close.result) || [n.close.result, n.close.result])[1] : '';
    setChildren(box,
      h('div', { class: 'card', id: 'sv-notice-head' },
        h('h2', { class: 'section-title' }, n.school.name, ' ', statusChip(n)),
        h('p', null, '下达 ' + n.issued_on + ' · 整改期限 ' + n.deadline + ' · ', h('a', { href: '#/sv-visits/' + n.visit_id }, '督导检查记录')),
        h('p', { id: 'sv-notice-text' }, n.text),
        h('ul', { class: 'plain-list', id: 'sv-notice-items' }, n.items.map((i) => h('li', null, h('strong', null, i.id), ' ', i.text || '')))),
      section('学校答复', null, n.answer ? h('div', { class: 'card', id: 'sv-answer' },
        h('p', { class: 'sub' }, n.answer.on + (n.answer.by ? ' · ' + n.answer.by : '')), h('p', null, n.answer.text))
        : notice('学校还没有答复。', n.overdue ? 'warn' : 'info')),
      isSchool() && open ? answerForm(ctx, n, draw) : null,
      section('整改佐证材料', n.evidence.length, evidenceBlock(base, n.evidence, 'sv-nev', isSchool() && open, ctx, pol.evidenceKb, draw)),
      n.close ? section('复查结果', null, h('div', { class: 'card', id: 'sv-close' },
        h('p', null, n.close.on + ' · ' + res + ' · ', h('a', { href: '#/sv-visits/' + n.close.visit_id }, '复查记录')),
        n.close.note ? h('p', null, n.close.note) : null)) : null,
      isOffice() && open ? h('p', { class: 'no-print' }, h('a', { class: 'btn btn-primary', id: 'sv-plan-revisit', href: '#/sv-visits?school_id=' + n.school.id + '&notice_id=' + n.id }, '安排复查')) : null);
  }
  draw();
}
