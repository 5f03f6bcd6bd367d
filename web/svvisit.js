// svvisit.js - 督导检查 (seed 六; issue 15, part SC): the office's visit
// plan (school, date, inspectors; #/sv-visits?school_id= opens the form for
// that school, a re-visit with &notice_id=) and the visit record filled in
// on a phone: findings per C item with photos, the rectification notice,
// and on a re-visit the closing of the notice.

import { api, session } from './api.js';
import { h, setChildren, notice } from './dom.js';
import { field, load, hwPage } from './hwshared.js';
import { table, section } from './hwstats.js';
import { fetchPage } from './paging.js';
import { asPost } from './asshared.js';
import { todayIn } from './dates.js';
import { options } from './ticaseshared.js';
import { isOffice, statusChip, svPolicy, tabs, evidenceBlock, RESULTS } from './svvisitshared.js';

const today = () => todayIn((session.policy && session.policy.timezone) || 'Asia/Shanghai');

function planForm(ctx, schools, inspectors, done) {
  const pre = ctx.params.get('school_id') || '';
  const noticeId = ctx.params.get('notice_id') || '';
  const school = options(schools.map((s) => [String(s.id), s.name]), { id: 'sv-plan-school' }, '（请选择学校）');
  school.value = pre;
  const day = h('input', { type: 'date', id: 'sv-plan-day', value: today() });
  const boxes = inspectors.map((u) => {
    const i = h('input', { type: 'checkbox', id: 'sv-plan-insp-' + u.id, value: String(u.id), checked: u.id === (session.user && session.user.id) });
    return { i, el: h('label', { class: 'check check-chip', for: i.id }, i, u.name) };
  });
  const note = h('textarea', { rows: '2', maxlength: '2000', id: 'sv-plan-note', placeholder: noticeId ? '复查整改情况' : '如 学期常规督导、专项督导' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'sv-plan-save' }, noticeId ? '安排复查' : '安排督导检查');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'sv-plan-form', novalidate: true },
    h('h2', { class: 'section-title' }, noticeId ? '安排复查（整改通知 ' + noticeId + '）' : '安排督导检查'),
    field('sv-plan-school', '学校', school),
    field('sv-plan-day', '检查日期', day),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '督导人员'),
      boxes.length ? h('div', { class: 'check-row', id: 'sv-plan-inspectors' }, boxes.map((b) => b.el)) : notice('本区还没有督导账号。', 'info')),
    field('sv-plan-note', '说明', note), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { school_id: Number(school.value), visit_on: day.value, inspector_ids: boxes.filter((b) => b.i.checked).map((b) => Number(b.i.value)) };
    if (note.value.trim()) body.note = note.value.trim();
    if (noticeId) body.notice_id = Number(noticeId);
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/supervision/visits', body);
    if (r && r.visit) done(r.visit);
  });
  if (pre) queueMicrotask(() => { if (form.scrollIntoView) form.scrollIntoView({ block: 'start' }); day.focus(); });
  return form;
}

function visitTable(items) {
  return table('sv-visits-table', [
    ['日期', (v) => h('a', { href: '#/sv-visits/' + v.id }, v.visit_on), 'nowrap'],
    ['学校', (v) => v.school.name, 'cell-title'],
    ['督导人员', (v) => v.inspectors.map((u) => u.name).join('、')],
    ['类型', (v) => (v.notice_id ? '复查' : (v.visit_on > today() ? '计划' : '检查'))],
    ['发现', (v) => String(v.findings_count), 'num'],
  ], items);
}

export async function renderSvVisits(main, ctx) {
  const list = h('div', { id: 'sv-visits', 'aria-live': 'polite' });
  const msg = h('div', { 'aria-live': 'polite' });
  const top = h('div', { id: 'sv-plan-box' });
  hwPage(main, 'page-svvisits', tabs('sv-visits'), '督导检查',
    '督导室按计划到校检查（六）：按校内实施细则的 C 级指标登记发现并留存照片，限期整改，复查销号。', msg, top, list);
  const schoolId = ctx.params.get('school_id') || '';
  if (isOffice()) {
    const [s, ins] = await Promise.all([
      load(top, ctx, '/api/v1/schools', { limit: 200 }),
      api('GET', '/api/v1/supervision/inspectors', { signal: ctx.signal }).catch(() => ({ items: [] })),
    ]);
    if (!s) return;
    setChildren(top, planForm(ctx, s.items || [], ins.items || [], (v) => ctx.navigate('sv-visits/' + v.id)));
  }
  let cursor = '';
  const rows = [];
  async function more() {
    const q = { limit: 50 };
    if (cursor) q.cursor = cursor;
    if (schoolId && isOffice()) q.school_id = schoolId;
    const pg = await fetchPage(list, ctx, '/api/v1/supervision/visits', q);
    if (!pg) return;
    rows.push(...pg.items);
    cursor = pg.next || '';
    setChildren(list, section(schoolId && isOffice() ? '这所学校的督导检查' : '督导检查', rows.length,
      rows.length ? visitTable(rows) : notice('还没有督导检查。', 'info')),
    cursor ? h('p', { class: 'no-print' }, h('button', { type: 'button', class: 'btn', id: 'sv-visits-more', onclick: more }, '加载更多')) : null);
  }
  more();
}

function findingForm(ctx, pol, visitId, done) {
  const item = options(pol.items.map(([id, t, b]) => [id, id + ' ' + b + '：' + t.slice(0, 40)]), { id: 'sv-f-item' }, '（请选择指标）');
  const text = h('textarea', { rows: '3', maxlength: '2000', id: 'sv-f-text', placeholder: '看到了什么：班级、时间、人数、情况' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'sv-f-save' }, '登记发现');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'sv-finding-form', novalidate: true },
    h('h2', { class: 'section-title' }, '登记发现'),
    field('sv-f-item', '指标（C 级）', item), field('sv-f-text', '发现的问题', text), msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/supervision/visits/' + visitId + '/findings', { item_id: item.value, text: text.value.trim() });
    if (r) done();
  });
  return form;
}

function noticeForm(ctx, pol, v, done) {
  const ids = [...new Set(v.findings.map((f) => f.item_id))];
  const boxes = ids.map((id) => {
    const i = h('input', { type: 'checkbox', id: 'sv-n-item-' + id.replace('.', '-'), value: id, checked: true });
    return { i, el: h('label', { class: 'check check-chip', for: i.id }, i, id) };
  });
  const days = h('input', { type: 'number', min: '1', max: String(pol.maxDays || 60), inputmode: 'numeric', id: 'sv-n-days', value: String(pol.defaultDays || 30) });
  const text = h('textarea', { rows: '3', maxlength: '4000', id: 'sv-n-text', value: '请对照督导发现逐项整改，按期报送整改情况和佐证材料。' });
  text.value = '请对照督导发现逐项整改，按期报送整改情况和佐证材料。';
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'sv-n-save' }, '下达整改通知');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'sv-notice-form', novalidate: true },
    h('h2', { class: 'section-title' }, '下达整改通知'),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '整改指标'), h('div', { class: 'check-row' }, boxes.map((b) => b.el))),
    field('sv-n-days', '整改期限（天）', days, '默认 ' + pol.defaultDays + ' 天，最长 ' + pol.maxDays + ' 天（SV_RECTIFY）'),
    field('sv-n-text', '整改要求', text), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/supervision/notices',
      { visit_id: v.id, items: boxes.filter((b) => b.i.checked).map((b) => b.i.value), text: text.value.trim(), days: Number(days.value) || 0 });
    if (r && r.notice) done(r.notice);
  });
  return form;
}

function closeForm(ctx, v, done) {
  const result = options(RESULTS, { id: 'sv-c-result' });
  const note = h('textarea', { rows: '2', maxlength: '2000', id: 'sv-c-note', placeholder: '复查意见' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'sv-c-save' }, '复查销号');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'sv-close-form', novalidate: true },
    h('h2', { class: 'section-title' }, '复查结果（整改通知 ', h('a', { href: '#/sv-notices/' + v.notice_id }, String(v.notice_id)), '）'),
    field('sv-c-result', '结果', result), field('sv-c-note', '意见', note), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { visit_id: v.id, result: result.value };
    if (note.value.trim()) body.note = note.value.trim();
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/supervision/notices/' + v.notice_id + '/close', body);
    if (r) done();
  });
  return form;
}

export async function renderSvVisit(main, ctx) {
  const box = h('div', { id: 'sv-visit', 'aria-live': 'polite' });
  const msg = h('div', { 'aria-live': 'polite' });
  hwPage(main, 'page-svvisit', tabs('sv-visits'), '督导检查记录', '按指标登记发现并拍照留证，发现问题的下达整改通知。', msg, box);
  const pol = await svPolicy();
  async function draw() {
    const d = await load(box, ctx, '/api/v1/supervision/visits/' + ctx.id);
    if (!d || !d.visit) return;
    const v = d.visit;
    const past = v.visit_on <= today();
    // a re-visit closes its notice once: the form only while it is open
    const linked = v.notice_id ? await api('GET', '/api/v1/supervision/notices/' + v.notice_id, { signal: ctx.signal }).catch(() => null) : null;
    if (ctx.signal.aborted) return;
    const closable = linked && linked.notice && linked.notice.status !== 'closed';
    setChildren(box,
      h('div', { class: 'card' },
        h('h2', { class: 'section-title' }, v.school.name),
        h('p', null, v.visit_on + ' · ' + v.inspectors.map((u) => u.name).join('、') + (v.notice_id ? ' · 复查' : '')),
        v.note ? h('p', null, v.note) : null,
        !past ? notice('检查日期还没到：到校当天再登记发现。', 'info') : null),
      section('发现的问题', v.findings.length, v.findings.length ? h('ol', { class: 'plain-list', id: 'sv-findings' }, v.findings.map((f) =>
        h('li', { class: 'card' },
          h('h3', { class: 'card-title' }, f.item_id),
          f.item_text ? h('p', { class: 'sub' }, f.item_text) : null,
          h('p', null, f.text),
          evidenceBlock('/api/v1/supervision/findings/' + f.id, f.evidence, 'sv-ev-' + f.id, isOffice(), ctx, pol.evidenceKb, draw)))) : notice('还没有登记发现。', 'info')),
      isOffice() && past ? findingForm(ctx, pol, v.id, draw) : null,
      section('整改通知', v.notices.length, v.notices.length ? table('sv-visit-notices', [
        ['通知', (n) => h('a', { href: '#/sv-notices/' + n.id }, '整改通知 ' + n.id)],
        ['指标', (n) => n.items.map((i) => i.id).join('、')],
        ['期限', (n) => n.deadline, 'nowrap'],
        ['状态', (n) => statusChip(n)],
      ], v.notices) : notice('这次检查没有下达整改通知。', 'info')),
      isOffice() && past && v.findings.length ? noticeForm(ctx, pol, v, (n) => { setChildren(msg, notice('已下达整改通知 ' + n.id, 'success')); draw(); }) : null,
      isOffice() && past && closable ? closeForm(ctx, v, () => { setChildren(msg, notice('已复查销号', 'success')); draw(); }) : null,
      linked && linked.notice && linked.notice.status === 'closed'
        ? notice('整改通知 ' + v.notice_id + ' 已复查销号（' + linked.notice.close.on + '）。', 'success') : null);
  }
  draw();
}
