// ticase.js - 联合执法: the bureau's view of penalty cases (open cases by
// stage and by age, overdue deadlines as re-inspection tasks, the list and
// its .xlsx), opening a case, and one case's page: the timeline of its
// steps (立案 → 调查 → 告知 → 决定 → 送达 → 执行 → 结案) and a form for the
// next allowed step only.

import { h, setChildren, notice, chip } from './dom.js';
import { api } from './api.js';
import { field, load, hwPage } from './hwshared.js';
import { table, section } from './hwstats.js';
import { fetchPage, pagerBar } from './paging.js';
import { barChart } from './charts.js';
import { asPost } from './asshared.js';
import { AGENCIES, FINDINGS, STAGES, MEASURES, INST_STATUS, canWrite, tiPolicy, options, evidenceList, evidenceForm } from './ticaseshared.js';

const nameOf = (list, id) => (list.find((x) => x[0] === id) || [id, id])[1];
const instCell = (i) => [h('a', { href: '#/ti-cases?institution_id=' + i.id }, i.name), ' ', chip(...(INST_STATUS[i.status] || [i.status]))];

export function tabs(current) {
  const links = [['ti-cases', '处罚案件'], ['ti-sweeps', '常态化排查'], ['ti-visit', '登记检查']]
    .filter(([r]) => r !== 'ti-visit' || canWrite());
  return h('nav', { class: 'tabs subnav no-print', 'aria-label': '联合执法' }, links.map(([r, t]) => h('a', { href: '#/' + r, class: 'tab', 'aria-current': r === current ? 'page' : null }, t)));
}

const trails = new Map();

function overviewView(d) {
  const st = Array.isArray(d.by_stage) ? d.by_stage : [];
  const open = st.filter((x) => x.stage !== 'close');
  const ages = Array.isArray(d.open_by_age) ? d.open_by_age : [];
  const tasks = Array.isArray(d.reinspections) ? d.reinspections : [];
  return [
    h('div', { class: 'chart-row' },
      h('div', null, barChart('在办案件（按阶段）', open.map((x) => x.name), [{ label: '案件数', data: open.map((x) => x.count) }]),
        table('ti-stage-table', [['阶段', (x) => x.name], ['案件数', (x) => String(x.count), 'num']], st)),
      h('div', null, barChart('在办案件（按立案时长）', ages.map((x) => x.name), [{ label: '案件数', data: ages.map((x) => x.count) }]),
        table('ti-age-table', [['立案至今', (x) => x.name], ['案件数', (x) => String(x.count), 'num']], ages))),
    section('逾期未整改（复查任务）', tasks.length, tasks.length ? table('ti-tasks', [
      ['机构', (x) => h('a', { href: '#/ti-cases/' + x.case_id }, x.institution), 'cell-title'],
      ['改正期限', (x) => x.deadline, 'nowrap'],
      ['逾期天数', (x) => String(x.days_overdue), 'num'],
      ['任务', (x) => x.task],
    ], tasks) : notice('没有逾期未整改的限期改正。', 'success'), 'ti-tasks-title'),
  ];
}

function openForm(ctx, instId) {
  const names = h('datalist', { id: 'ti-open-inst-list' });
  const inst = h('input', { type: 'number', min: '1', id: 'ti-open-inst', value: instId || '', inputmode: 'numeric', list: 'ti-open-inst-list' });
  // the registry's institutions offered by number and name (the field also takes any number)
  api('GET', '/api/v1/institutions?limit=200', { signal: ctx.signal })
    .then((d) => setChildren(names, ...(d.items || []).map((i) => h('option', { value: String(i.id) }, i.name))))
    .catch(() => {});
  const finding = options(FINDINGS, { id: 'ti-open-finding' });
  const note = h('textarea', { rows: '2', maxlength: '2000', id: 'ti-open-note', placeholder: '可选：案由' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ti-open-save' }, '立案');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'ti-open-form', novalidate: true },
    h('h2', { class: 'section-title' }, '立案'),
    h('div', { class: 'field-pair' }, field('ti-open-inst', '机构编号', inst), field('ti-open-finding', '问题', finding)), names,
    field('ti-open-note', '案由', note), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { institution_id: Number(inst.value), finding: finding.value };
    if (note.value.trim()) body.note = note.value.trim();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/cases', body);
    if (r && r.case) ctx.navigate('ti-cases/' + r.case.id);
  });
  return form;
}

export async function renderTiCases(main, ctx) {
  const over = h('div', { id: 'ti-overview', 'aria-live': 'polite' });
  const list = h('div', { id: 'ti-case-list', 'aria-live': 'polite' });
  const stage = options(STAGES, { id: 'ti-filter-stage' }, '全部阶段');
  const overdue = h('input', { type: 'checkbox', id: 'ti-filter-overdue' });
  const filters = { stage: ctx.params.get('stage') || '', overdue: ctx.params.get('overdue') || '', institution_id: ctx.params.get('institution_id') || '' };
  stage.value = filters.stage;
  overdue.checked = filters.overdue === '1';
  const apply = () => ctx.navigate('ti-cases', { stage: stage.value, overdue: overdue.checked ? '1' : '', institution_id: filters.institution_id });
  stage.addEventListener('change', apply);
  overdue.addEventListener('change', apply);
  hwPage(main, 'page-ticases', tabs('ti-cases'), '联合执法',
    '教育、市场监管、公安联合执法（四1、五(一)2）：案件按 立案→调查→告知→决定→送达→执行→结案 的顺序办理，限期改正到期未整改的列为复查任务。',
    over,
    h('div', { class: 'toolbar no-print' },
      field('ti-filter-stage', '阶段', stage),
      h('label', { class: 'check', for: overdue.id }, overdue, '只看逾期未整改'),
      h('a', { class: 'btn', href: '/api/v1/cases.xlsx', download: '处罚案件.xlsx', id: 'ti-export' }, '导出 Excel')),
    list,
    canWrite() ? openForm(ctx, filters.institution_id) : null);
  load(over, ctx, '/api/v1/case-overview').then((d) => { if (d) setChildren(over, overviewView(d)); });
  const cursor = ctx.params.get('cursor') || '';
  const key = JSON.stringify(filters);
  if (!trails.has(key) || !cursor) trails.set(key, { stack: [] });
  const pg = await fetchPage(list, ctx, '/api/v1/cases', { ...filters, cursor, limit: 20 });
  if (!pg) return;
  setChildren(list, section('案件', null, pg.items.length ? table('ti-cases-table', [
    ['编号', (x) => h('a', { href: '#/ti-cases/' + x.id }, String(x.id)), 'num'],
    ['机构', (x) => instCell(x.institution), 'cell-title'],
    ['问题', (x) => x.finding_name],
    ['阶段', (x) => chip(x.stage_name, x.stage === 'close' ? 'ok' : null)],
    ['立案', (x) => x.opened_on, 'nowrap'],
    ['改正期限', (x) => (x.deadline ? [x.deadline, x.overdue ? chip('逾期', 'danger') : null] : '—'), 'nowrap'],
  ], pg.items) : notice('没有符合条件的案件。', 'info')),
  pagerBar(ctx, 'ti-cases', filters, cursor, pg.next, trails.get(key), pg.items.length, '件'));
}

function timeline(c) {
  const done = new Set(c.steps.map((s) => s.step));
  const item = (name, s, cls) => h('li', { class: 'timeline-item' + cls },
    h('strong', null, name), h('span', { class: 'sub' }, s ? ' ' + s.date + ' · ' + s.by + (s.note ? ' · ' + s.note : '') : ' 未办理'));
  // a rectification is recorded between 执行 and 结案
  const rect = c.steps.find((x) => x.step === 'rectify');
  return h('ol', { class: 'timeline', id: 'ti-timeline' }, STAGES.map(([id, name]) => [
    id === 'close' && rect ? item('整改到位', rect, ' done') : null,
    item(name, c.steps.find((x) => x.step === id), (done.has(id) ? ' done' : '') + (c.stage === id ? ' current' : '')),
  ]));
}

function measureRow(pol, i) {
  const allowed = MEASURES.filter(([, name]) => !pol.ladder.length || pol.ladder.includes(name));
  const kind = options(allowed.map(([v, t]) => [v, t]), { id: 'ti-m-kind-' + i });
  const agency = options(AGENCIES, { id: 'ti-m-agency-' + i });
  const amount = h('input', { type: 'number', step: '0.01', min: '0.01', max: pol.maxAmount || null, id: 'ti-m-amount-' + i, placeholder: '金额（元）', inputmode: 'decimal' });
  const deadline = h('input', { type: 'date', id: 'ti-m-deadline-' + i });
  const sync = () => {
    const k = (MEASURES.find((m) => m[0] === kind.value) || [])[2];
    amount.hidden = k !== 'amount';
    deadline.hidden = k !== 'deadline';
  };
  kind.addEventListener('change', sync);
  sync();
  return {
    el: h('div', { class: 'measure-row field-pair' }, kind, agency, amount, deadline),
    value: () => {
      const m = { measure: kind.value, agency: agency.value };
      if (!amount.hidden) m.amount = Number(amount.value);
      if (!deadline.hidden) m.deadline = deadline.value;
      return m;
    },
  };
}

function stepForm(c, ctx, pol, redraw) {
  const steps = Array.isArray(c.allowed_steps) ? c.allowed_steps : [];
  if (!steps.length) return notice('案件已结案。', 'success');
  const next = steps[0];
  const date = h('input', { type: 'date', id: 'ti-step-date' });
  const note = h('textarea', { rows: '2', maxlength: '2000', id: 'ti-step-note', placeholder: '可选：文书编号、说明' });
  const rows = [];
  const box = h('div', { id: 'ti-measures' });
  const addRow = () => {
    const r = measureRow(pol, rows.length);
    rows.push(r);
    box.append(r.el);
  };
  const isDecide = steps.some((s) => s.id === 'decide');
  if (isDecide) addRow();
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const buttons = steps.map((s) => h('button', { type: 'submit', class: 'btn btn-primary', id: 'ti-step-' + s.id, value: s.id }, '办理：' + s.name));
  const form = h('form', { class: 'card no-print', id: 'ti-step-form', novalidate: true },
    h('h2', { class: 'section-title' }, '下一步：' + next.name),
    field('ti-step-date', '日期（不填为今天）', date),
    isDecide ? h('div', { class: 'field' }, h('span', { class: 'field-label' }, '处置措施' + (pol.maxAmount ? '（金额不超过 ' + pol.maxAmount + ' 元）' : '')), box,
      h('button', { type: 'button', class: 'btn', id: 'ti-m-add', onclick: addRow }, '再加一项')) : null,
    field('ti-step-note', '说明', note), msg, h('div', { class: 'form-actions' }, buttons));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const step = (ev.submitter && ev.submitter.value) || next.id;
    const body = { step };
    if (date.value) body.date = date.value;
    if (note.value.trim()) body.note = note.value.trim();
    if (step === 'decide') body.measures = rows.map((r) => r.value());
    const r = await asPost({ form, btn: ev.submitter || buttons[0], msg, ctx }, '/api/v1/cases/' + c.id + '/steps', body);
    if (r) redraw('已办理：' + (step === 'rectify' ? '整改到位' : nameOf(STAGES, step)));
  });
  return form;
}

export async function renderTiCase(main, ctx) {
  const box = h('div', { id: 'ti-case', 'aria-live': 'polite' });
  hwPage(main, 'page-ticase', tabs('ti-cases'), '处罚案件', '按法定顺序办理，每一步记入审计；只显示现在可以办理的下一步。', box);
  const pol = await tiPolicy();
  const base = '/api/v1/cases/' + ctx.id;
  async function draw(okText) {
    const d = await load(box, ctx, base);
    if (!d || !d.case) return;
    const c = d.case;
    setChildren(box,
      okText ? notice(okText, 'success') : null,
      h('div', { class: 'card' },
        h('h2', { class: 'section-title' }, '案件 ' + c.id + '：', instCell(c.institution)),
        h('p', null, '问题：', h('strong', null, c.finding_name), ' · 当前阶段：', chip(c.stage_name, c.stage === 'close' ? 'ok' : null),
          ' · 立案 ' + c.opened_on + '（' + c.age_days + ' 天）',
          c.deadline ? [' · 改正期限 ' + c.deadline, c.overdue ? chip('逾期未整改：需复查', 'danger') : null] : null)),
      section('办理经过', null, timeline(c)),
      c.measures.length ? section('处置措施', c.measures.length, table('ti-measures-table', [
        ['措施', (m) => m.name], ['负责部门', (m) => m.agency_name],
        ['金额（元）', (m) => (m.amount === null ? '—' : String(m.amount)), 'num'], ['期限', (m) => m.deadline || '—'],
      ], c.measures)) : null,
      section('证据', c.evidence.length, evidenceList(base, c.evidence)),
      canWrite() ? evidenceForm(base, ctx, pol.evidenceKb, () => draw()) : null,
      canWrite() ? stepForm(c, ctx, pol, draw) : null);
  }
  draw();
}
