// ticasevisit.js - 常态化排查: the sweeps (who takes part, when, where) and
// the visit record an officer fills in on site, on a phone: institution,
// date, agency, officers, findings, then photos or PDF as evidence.

import { session } from './api.js';
import { h, setChildren, notice, chip } from './dom.js';
import { field, load, hwPage } from './hwshared.js';
import { table, section } from './hwstats.js';
import { fetchPage } from './paging.js';
import { asPost } from './asshared.js';
import { todayIn } from './dates.js';
import { AGENCIES, FINDINGS, INST_STATUS, canWrite, tiPolicy, options, checks, evidenceList, evidenceForm } from './ticaseshared.js';
import { tabs } from './ticase.js';

const today = () => todayIn((session.policy && session.policy.timezone) || 'Asia/Shanghai');

function sweepForm(ctx, done) {
  const name = h('input', { type: 'text', id: 'ti-sw-name', maxlength: '100', placeholder: '如 寒假前校外培训专项排查' });
  const from = h('input', { type: 'date', id: 'ti-sw-from', value: today() });
  const to = h('input', { type: 'date', id: 'ti-sw-to', value: today() });
  const area = h('input', { type: 'text', id: 'ti-sw-area', maxlength: '200', placeholder: '如 城区、某街道' });
  const ag = checks(AGENCIES, 'ti-sw-ag');
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ti-sw-save' }, '新建排查');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'ti-sweep-form', novalidate: true },
    h('h2', { class: 'section-title' }, '新建排查'),
    field('ti-sw-name', '名称', name),
    h('div', { class: 'field-pair' }, field('ti-sw-from', '开始', from), field('ti-sw-to', '结束', to)),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '参加部门'), ag.el),
    field('ti-sw-area', '范围', area), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { name: name.value.trim(), starts_on: from.value, ends_on: to.value, agencies: ag.values() };
    if (area.value.trim()) body.area = area.value.trim();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/sweeps', body);
    if (r) done('已新建排查：' + body.name);
  });
  return form;
}

export async function renderTiSweeps(main, ctx) {
  const list = h('div', { id: 'ti-sweeps', 'aria-live': 'polite' });
  const msg = h('div', { 'aria-live': 'polite' });
  hwPage(main, 'page-tisweeps', tabs('ti-sweeps'), '常态化排查',
    '坚持常态化排查，及时掌握校外培训机构情况（五(一)2）：每次排查写明参加的部门和范围，检查记录归入排查。', msg, list,
    canWrite() ? sweepForm(ctx, (t) => { setChildren(msg, notice(t, 'success')); draw(); }) : null);
  async function draw() {
    const pg = await fetchPage(list, ctx, '/api/v1/sweeps', { limit: 50 });
    if (!pg) return;
    setChildren(list, section('排查', pg.items.length, pg.items.length ? table('ti-sweeps-table', [
      ['名称', (x) => h('a', { href: '#/ti-sweeps/' + x.id }, x.name), 'cell-title'],
      ['日期', (x) => x.starts_on + ' 至 ' + x.ends_on, 'nowrap'],
      ['部门', (x) => x.agencies.map((a) => a.name).join('、')],
      ['范围', (x) => x.area || '—'],
      ['检查', (x) => (canWrite() ? [String(x.visits), ' ', h('a', { href: '#/ti-visit?sweep_id=' + x.id, class: 'btn btn-small no-print' }, '登记检查')] : String(x.visits)), 'num'],
    ], pg.items) : notice('还没有排查。', 'info')));
  }
  draw();
}

export async function renderTiSweep(main, ctx) {
  const box = h('div', { id: 'ti-sweep', 'aria-live': 'polite' });
  hwPage(main, 'page-tisweeps', tabs('ti-sweeps'), '排查详情', '一次排查的范围、参加部门和检查记录。', box);
  const d = await load(box, ctx, '/api/v1/sweeps/' + ctx.id);
  if (!d || !d.sweep) return;
  const s = d.sweep;
  setChildren(box,
    h('div', { class: 'card' },
      h('h2', { class: 'section-title' }, s.name),
      h('p', null, s.starts_on + ' 至 ' + s.ends_on + ' · ' + s.agencies.map((a) => a.name).join('、') + (s.area ? ' · ' + s.area : '')),
      s.institutions.length ? h('p', null, '名单：', s.institutions.map((i) => i.name).join('、')) : null,
      canWrite() ? h('p', { class: 'no-print' }, h('a', { class: 'btn btn-primary', id: 'ti-sweep-visit', href: '#/ti-visit?sweep_id=' + s.id }, '登记检查')) : null),
    section('检查记录', s.visit_list.length, s.visit_list.length ? table('ti-sweep-visits', [
      ['机构', (v) => (canWrite() ? h('a', { href: '#/ti-visit/' + v.id }, v.institution.name) : v.institution.name), 'cell-title'],
      ['状态', (v) => chip(...(INST_STATUS[v.institution.status] || [v.institution.status]))],
      ['日期', (v) => v.visited_on, 'nowrap'],
      ['部门', (v) => v.agency.name],
      ['发现的问题', (v) => (v.findings.length ? v.findings.map((f) => f.name).join('、') : '未发现问题')],
    ], s.visit_list) : notice('还没有检查记录。', 'info')));
}

function visitForm(ctx, sweeps, known, done) {
  const sweep = options(sweeps.map((s) => [String(s.id), s.name]), { id: 'ti-v-sweep' }, '（不属于某次排查）');
  sweep.value = ctx.params.get('sweep_id') || '';
  const registered = h('input', { type: 'radio', name: 'ti-v-kind', id: 'ti-v-reg', checked: true });
  const unregistered = h('input', { type: 'radio', name: 'ti-v-kind', id: 'ti-v-unreg' });
  // the registry's institutions and those seen on visits, offered by number and name
  const seen = h('datalist', { id: 'ti-v-inst-list' }, known.map((i) => h('option', { value: String(i.id) }, i.name)));
  const inst = h('input', { type: 'number', min: '1', id: 'ti-v-inst', inputmode: 'numeric', list: 'ti-v-inst-list', value: ctx.params.get('institution_id') || '' });
  const nm = h('input', { type: 'text', id: 'ti-v-name', maxlength: '100', placeholder: '招牌上的名称' });
  const code = h('input', { type: 'text', id: 'ti-v-code', maxlength: '18', autocapitalize: 'characters', placeholder: '18 位统一社会信用代码' });
  const addr = h('input', { type: 'text', id: 'ti-v-addr', maxlength: '200' });
  const regBox = field('ti-v-inst', '机构编号（登记册中的）', inst);
  regBox.append(seen);
  const unregBox = h('div', { hidden: true }, field('ti-v-name', '名称', nm), field('ti-v-code', '统一社会信用代码', code), field('ti-v-addr', '地址', addr));
  const sync = () => { regBox.hidden = !registered.checked; unregBox.hidden = registered.checked; };
  registered.addEventListener('change', sync);
  unregistered.addEventListener('change', sync);
  const day = h('input', { type: 'date', id: 'ti-v-day', value: today(), max: today() });
  const agency = options(AGENCIES, { id: 'ti-v-agency' });
  const officers = h('input', { type: 'text', id: 'ti-v-officers', maxlength: '200', placeholder: '如 王执法、李执法', value: (session.user && session.user.display_name) || '' });
  const fd = checks(FINDINGS, 'ti-v-f');
  const note = h('textarea', { rows: '3', maxlength: '2000', id: 'ti-v-note', placeholder: '现场情况' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'ti-v-save' }, '保存检查记录');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'ti-visit-form', novalidate: true },
    field('ti-v-sweep', '排查', sweep),
    h('div', { class: 'check-row' }, h('label', { class: 'check', for: registered.id }, registered, '登记册中的机构'),
      h('label', { class: 'check', for: unregistered.id }, unregistered, '未登记（无证）')),
    regBox, unregBox,
    h('div', { class: 'field-pair' }, field('ti-v-day', '检查日期', day), field('ti-v-agency', '部门', agency)),
    field('ti-v-officers', '执法人员', officers),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '发现的问题'), fd.el),
    field('ti-v-note', '检查记录', note), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { visited_on: day.value, agency: agency.value, officers: officers.value.trim(), findings: fd.values() };
    if (sweep.value) body.sweep_id = Number(sweep.value);
    if (registered.checked) body.institution_id = Number(inst.value);
    else {
      body.institution = { name: nm.value.trim(), credit_code: code.value.trim().toUpperCase() };
      if (addr.value.trim()) body.institution.address = addr.value.trim();
    }
    if (note.value.trim()) body.note = note.value.trim();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/visits', body);
    if (r && r.visit) done(r.visit);
  });
  return form;
}

export async function renderTiVisit(main, ctx) {
  const box = h('div', { id: 'ti-visit', 'aria-live': 'polite' });
  hwPage(main, 'page-tivisit', tabs('ti-visit'), '登记检查', '在现场填写：机构、日期、部门、执法人员和发现的问题，保存后拍照或上传 PDF 作为证据。', box);
  const d = await load(box, ctx, '/api/v1/sweeps', { limit: 50 });
  const vs = d && await load(box, ctx, '/api/v1/visits', { limit: 200 });
  const reg = vs && await load(box, ctx, '/api/v1/institutions', { limit: 200 });
  if (!d || !vs || !reg) return;
  // the registry's institutions and those seen on earlier visits, by number and name
  const known = [...new Map([...(reg.items || []), ...(vs.items || []).map((v) => v.institution)]
    .map((i) => [i.id, i])).values()];
  setChildren(box, visitForm(ctx, Array.isArray(d.items) ? d.items : [], known, (v) => ctx.navigate('ti-visit/' + v.id)));
}

export async function renderTiVisitView(main, ctx) {
  const box = h('div', { id: 'ti-visit-view', 'aria-live': 'polite' });
  hwPage(main, 'page-tivisit', tabs('ti-visit'), '检查记录', '一次现场检查及其证据。', box);
  const pol = await tiPolicy();
  const base = '/api/v1/visits/' + ctx.id;
  async function draw() {
    const d = await load(box, ctx, base);
    if (!d || !d.visit) return;
    const v = d.visit;
    const st = INST_STATUS[v.institution.status] || [v.institution.status];
    setChildren(box,
      h('div', { class: 'card' },
        h('h2', { class: 'section-title' }, v.institution.name, ' ', chip(...st)),
        h('p', null, v.visited_on + ' · ' + v.agency.name + ' · ' + v.officers),
        h('p', null, '发现的问题：', v.findings.length ? v.findings.map((f) => chip(f.name, 'warn')) : '未发现问题'),
        v.note ? h('p', null, v.note) : null,
        canWrite() && v.findings.length ? h('p', { class: 'no-print' }, h('a', { class: 'btn', id: 'ti-v-open-case', href: '#/ti-cases?institution_id=' + v.institution.id }, '对该机构立案')) : null),
      section('证据', v.evidence.length, evidenceList(base, v.evidence)),
      canWrite() ? evidenceForm(base, ctx, pol.evidenceKb, () => draw()) : null);
  }
  draw();
}
