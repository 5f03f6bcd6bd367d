// fmparent.js - 每周填报 (parent, made for a phone): for each child this
// week's bedtime, wake time, phone and reading minutes, filled in with last
// week's answers so a week like the last is one tap (五(四)5, B21.2 家长监督).

import { api } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';
import { sendLocked } from './manage.js';
import { field, hwPage, loadChildren, ruleErrorBox } from './hwshared.js';
import { hoursText } from './fmshared.js';
import { pack } from './policytext.js';

export async function renderCheckins(main, ctx) {
  const box = h('div', { id: 'ck-list', 'aria-live': 'polite' });
  hwPage(main, 'page-checkins', null, '每周填报',
    '每周一次，为每个孩子填写上周大多数日子的就寝、起床时间，每天使用手机和阅读的时间。已按上周的答案预填，和上周一样直接提交即可。',
    box);
  const kids = await loadChildren(box, ctx);
  if (!kids) return;
  setChildren(box, h('div', { class: 'ck-cards' }, kids.map((k) => childCard(k, ctx))),
    notice('学校只看到各班的汇总（如睡眠不足的比例），不会公布某个孩子的情况。', 'info'));
}

function childCard(k, ctx) {
  const body = h('div', { class: 'ck-body' }, h('p', { class: 'field-hint' }, '正在加载…'));
  const card = h('section', { class: 'card ck-child', dataset: { childId: String(k.id) } },
    h('h2', { class: 'card-title' }, h('span', { class: 'child-name' }, k.name),
      h('span', { class: 'count' }, (k.school_name || '') + ' ' + (k.class_name || ''))),
    body);
  api('GET', '/api/v1/checkins', { query: { student_id: k.id }, signal: ctx.signal }).then(
    (d) => setChildren(body, form(k, d, ctx)),
    (e) => { if (!ctx.signal.aborted) setChildren(body, errorBox(e)); });
  return card;
}

function form(k, d, ctx) {
  const id = 'ck-' + k.id;
  const pre = d.prefill || {};
  const mine = (d.items || []).find((x) => x.week === d.week);
  const start = mine || pre;
  const bed = h('input', { type: 'time', required: true, value: start.bedtime || '21:00' });
  const wake = h('input', { type: 'time', required: true, value: start.wake_time || defaultWake() });
  const phone = h('input', { type: 'number', min: '0', max: '1440', step: '5', inputmode: 'numeric', value: String(start.phone_minutes ?? 0) });
  const reading = h('input', { type: 'number', min: '0', max: '1440', step: '5', inputmode: 'numeric', value: String(start.reading_minutes ?? 0) });
  const msg = h('div', { class: 'form-msg', id: id + '-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: id + '-submit' }, mine ? '修改本周填报' : '提交本周填报');
  const f = h('form', { class: 'ck-form', id, novalidate: true },
    h('p', { class: 'ck-week' }, '本周 ', h('strong', null, d.week), ' · 睡眠要求不少于 ', hoursText(d.floor_minutes)),
    h('div', { class: 'field-pair' }, field(id + '-bed', '就寝时间', bed), field(id + '-wake', '起床时间', wake)),
    h('div', { class: 'field-pair' }, field(id + '-phone', '每天用手机（分钟）', phone), field(id + '-reading', '每天阅读（分钟）', reading)),
    msg, h('div', { class: 'form-actions' }, btn));
  if (mine) setChildren(msg, notice('本周已填报，再次提交会替换（原记录保留）。', 'info'));
  else if (d.prefill) setChildren(msg, notice('已按 ' + d.prefill.week + ' 的答案预填。', 'info'));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const p = Number(phone.value), r = Number(reading.value);
    if (!bed.value || !wake.value) { setChildren(msg, errorBox({ message: '请填写就寝和起床时间' })); return; }
    if (!Number.isInteger(p) || !Number.isInteger(r) || p < 0 || r < 0 || p > 1440 || r > 1440) {
      setChildren(msg, errorBox({ message: '手机和阅读时间请填写 0 到 1440 之间的整数分钟' }));
      return;
    }
    const body = { student_id: k.id, week: d.week, bedtime: bed.value, wake_time: wake.value, phone_minutes: p, reading_minutes: r };
    const x = await sendLocked({ root: f, btn, busyText: '正在提交…', msg, signal: ctx.signal, errorView: ruleErrorBox,
      call: () => api('POST', '/api/v1/checkins', { body, signal: ctx.signal }) });
    if (!x) return;
    btn.textContent = '修改本周填报';
    setChildren(msg, h('div', { class: 'alert alert-success ck-answer', role: 'status' },
      h('p', { class: 'alert-msg' }, '已收到：' + k.name + ' ' + x.week + ' 睡眠 ' + hoursText(x.sleep_minutes) + ' ',
        x.under_floor ? chip('少于 ' + hoursText(x.floor_minutes), 'warn') : chip('睡眠充足', 'ok')),
      x.under_floor ? h('p', { class: 'alert-meta' }, '孩子做不完作业也请按时就寝；可以和班主任沟通作业量。') : null));
  });
  return f;
}

/** A first check-in's wake time: the district's default (MG_SLEEP_FEASIBLE.wake_time), else empty. */
function defaultWake() {
  const r = (pack() || {}).rules || {};
  const w = r.MG_SLEEP_FEASIBLE && r.MG_SLEEP_FEASIBLE.params && r.MG_SLEEP_FEASIBLE.params.wake_time;
  return typeof w === 'string' ? w : '';
}
