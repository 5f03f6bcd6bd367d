// fmschool.js - 五项管理 of a school (principal and academic office: their
// own; the bureau: ?school_id=): per class the share of children sleeping
// under their level's floor, phone and reading averages as charts with
// their numbers in tables, the school days whose after-school end +
// homework + the way home leaves too little sleep (MG_SLEEP_FEASIBLE), and
// the school's phone rules and sleep settings (B22.1). Counts only: no child
// is named. Prints cleanly.

import { api, session } from './api.js';
import { h, setChildren, notice, chip, formatInstant } from './dom.js';
import { sendLocked } from './manage.js';
import { field, hwPage, load } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { barChart } from './charts.js';
import { hoursText, minutesText, percentText, termPicker, printButton } from './fmshared.js';

const MANAGERS = ['district_admin', 'principal', 'academic_office'];

export async function renderFmSchool(main, ctx) {
  const u = session.user;
  const want = ctx.params.get('school_id');
  const schoolId = /^[1-9]\d*$/.test(want || '') ? want : (u.school_id ? String(u.school_id) : '');
  const box = h('div', { id: 'fm-school', 'aria-live': 'polite' });
  hwPage(main, 'page-fm-school', null, '五项管理', '睡眠、手机、读物管理（五(四)5，B21、B22）：家长每周填报的汇总、课后服务和作业之后能否按时就寝，以及学校的手机管理规定。', box);
  if (!schoolId) { setChildren(box, notice('请从全区五项管理页选择一所学校。', 'info')); return; }
  const terms = await load(box, ctx, '/api/v1/terms');
  if (!terms) return;
  const query = ctx.params.get('term_id') ? { term_id: ctx.params.get('term_id') } : undefined;
  const d = await load(box, ctx, '/api/v1/schools/' + schoolId + '/five-managements', query);
  if (!d) return;
  const pick = termPicker('fm-term', terms.items || [], d.term_id, (t) => ctx.navigate('fm', { school_id: want || '', term_id: t }));
  setChildren(box, h('div', { class: 'fm-head' }, pick, printButton('fm-print')),
    h('p', { class: 'fm-term-line' }, d.term.name + '（' + d.term.starts_on + ' 至 ' + d.term.ends_on + '），统计至 ' + d.weeks.to),
    sleepView(d.sleep), habitsView(d.phones, d.reading), bedtimeView(d.bedtime),
    rulesView(d, schoolId, ctx, u));
}

function sleepView(s) {
  const cls = s.classes.filter((c) => c.students > 0);
  return h('section', { class: 'fm-section', id: 'fm-sleep' }, section('睡眠', null, [
    h('div', { class: 'figures' },
      figure('填报学生', s.students), figure('睡眠不足人数', s.under, s.under ? 'bad' : null),
      figure('睡眠不足比例', percentText(s.under_percent), s.under ? 'bad' : null),
      figure('睡眠要求', '小学 ' + s.floor_hours.primary + ' 小时 · 初中 ' + s.floor_hours.junior + ' 小时')),
    cls.length ? barChart('各班睡眠不足比例（%）', cls.map((c) => c.name), [{ label: '睡眠不足比例', data: cls.map((c) => c.under_percent) }]) : null,
    table('fm-sleep-table', [['班级', (c) => c.name, 'cell-title'], ['要求', (c) => hoursText(c.floor_minutes)],
      ['填报学生', (c) => String(c.students), 'num'], ['不足人数', (c) => String(c.under), 'num'],
      ['比例', (c) => percentText(c.under_percent), 'num']], s.classes),
    h('p', { class: 'field-hint' }, '按每个孩子本学期各周填报的平均睡眠计算；依据 ' + s.clause + '。')]));
}

function habitsView(p, r) {
  const cls = p.classes.filter((c) => c.checkins > 0);
  const rd = new Map(r.classes.map((c) => [c.class_id, c]));
  return h('section', { class: 'fm-section', id: 'fm-habits' }, section('手机与阅读', null, [
    h('div', { class: 'figures' }, figure('填报份数', p.checkins), figure('每天用手机（平均）', minutesText(p.average)), figure('每天阅读（平均）', minutesText(r.average))),
    cls.length ? barChart('各班每天用手机和阅读（分钟）', cls.map((c) => c.name),
      [{ label: '手机', data: cls.map((c) => c.average) }, { label: '阅读', data: cls.map((c) => (rd.get(c.class_id) || {}).average) }]) : null,
    table('fm-habits-table', [['班级', (c) => c.name, 'cell-title'], ['填报份数', (c) => String(c.checkins), 'num'],
      ['手机', (c) => minutesText(c.average), 'num'], ['阅读', (c) => minutesText((rd.get(c.class_id) || {}).average), 'num']], p.classes)]));
}

const SRC = { reported: '家长报告', declared: '布置', none: '无记录' };
const WAKE_SRC = { school: '学校设定', checkins: '家长填报的中位数', district: '区默认' };

function bedtimeView(b) {
  const flaggedCls = b.classes.filter((c) => c.flagged > 0);
  return h('section', { class: 'fm-section', id: 'fm-bedtime' }, section('能否按时就寝', b.flagged, [
    h('p', { class: 'field-hint' }, '最早就寝时间 = 课后服务结束 + 当天作业（家长报告的平均用时，不足规定户数时用布置的书面作业时间）+ 回家路上 ',
      String(b.travel_minutes), ' 分钟（', b.travel_source === 'school' ? '学校设定' : '区默认', '）；起床 ', b.wake_time,
      '（', WAKE_SRC[b.wake_source] || b.wake_source, '）。晚于“最晚就寝”即睡不够规定时间（', h('code', { class: 'rule-code' }, b.rule), ' ', b.clause, '）。'),
    flaggedCls.length ? barChart('各班睡不够的上学日（天）', flaggedCls.map((c) => c.name), [{ label: '天数', data: flaggedCls.map((c) => c.flagged) }]) : notice('本学期没有睡不够规定时间的上学日。', 'info'),
    table('fm-bed-classes', [['班级', (c) => c.name, 'cell-title'], ['最晚就寝', (c) => c.latest_bedtime], ['最早可就寝（最晚的一天）', (c) => c.latest_feasible || '—'],
      ['上学日', (c) => String(c.school_days), 'num'], ['无课后服务记录', (c) => String(c.no_service), 'num'],
      ['睡不够的天数', (c) => (c.flagged ? chip(String(c.flagged), 'warn') : '0'), 'num']], b.classes),
    b.flagged_days.length ? [h('h3', { class: 'manage-title' }, '睡不够的班级上学日', b.flagged > b.flagged_days.length ? '（前 ' + b.flagged_days.length + ' 天）' : ''),
      table('fm-bed-days', [['日期', (x) => x.date], ['班级', (x) => x.class_name, 'cell-title'], ['课后服务结束', (x) => x.service_end],
        ['作业（分钟）', (x) => String(x.homework_minutes) + ' · ' + (SRC[x.homework_source] || ''), 'num'],
        ['最早可就寝', (x) => (x.next_day ? '次日 ' : '') + x.bedtime], ['最晚就寝', (x) => x.latest_bedtime]], b.flagged_days)] : null]));
}

function rulesView(d, schoolId, ctx, u) {
  const r = d.phones.rules || {};
  const canEdit = MANAGERS.includes(u.role);
  const view = h('dl', { class: 'fm-rules', id: 'fm-rules-view' },
    h('dt', null, '手机进校统一保管'), h('dd', null, r.handed_in ? '是' : '否'),
    h('dt', null, '保管地点'), h('dd', null, r.kept || '—'),
    h('dt', null, '联系家长'), h('dd', null, r.calls || '—'),
    h('dt', null, '补充说明'), h('dd', null, r.note || '—'));
  return h('section', { class: 'fm-section', id: 'fm-rules' }, section('手机管理规定', null, [view,
    h('p', { class: 'field-hint' }, '依据 ' + (r.clause || ''), d.phones.rules_updated_at ? '；最近修改 ' + formatInstant(d.phones.rules_updated_at) : ''),
    canEdit ? rulesForm(schoolId, r, ctx) : null, canEdit ? sleepForm(schoolId, d.bedtime, ctx) : null]));
}

function rulesForm(schoolId, r, ctx) {
  const handed = h('input', { type: 'checkbox', id: 'fm-handed', checked: !!r.handed_in });
  const kept = h('input', { type: 'text', maxlength: '100', value: r.kept || '' });
  const calls = h('input', { type: 'text', maxlength: '200', value: r.calls || '' });
  const note = h('textarea', { rows: '2', maxlength: '1000' }, r.note || '');
  const msg = h('div', { class: 'form-msg', id: 'fm-rules-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'fm-rules-save' }, '保存手机管理规定');
  const f = h('form', { class: 'card no-print', id: 'fm-rules-form', novalidate: true },
    h('p', null, h('label', { class: 'check', for: 'fm-handed' }, handed, '学生手机进校后统一保管')),
    field('fm-kept', '保管地点', kept), field('fm-calls', '学生如何联系家长', calls), field('fm-note', '补充说明', note), msg,
    h('div', { class: 'form-actions' }, btn));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { handed_in: handed.checked, kept: kept.value.trim(), calls: calls.value.trim(), note: note.value.trim() };
    const x = await sendLocked({ root: f, btn, busyText: '正在保存…', msg, signal: ctx.signal,
      call: () => api('PUT', '/api/v1/schools/' + schoolId + '/phone-rules', { body, signal: ctx.signal }) });
    if (x) ctx.navigate('fm', { school_id: ctx.params.get('school_id') || '', term_id: ctx.params.get('term_id') || '' });
  });
  return f;
}

function sleepForm(schoolId, b, ctx) {
  const wake = h('input', { type: 'time', value: b.wake_source === 'school' ? b.wake_time : '' });
  const travel = h('input', { type: 'number', min: '0', max: '600', inputmode: 'numeric', value: b.travel_source === 'school' ? String(b.travel_minutes) : '' });
  const msg = h('div', { class: 'form-msg', id: 'fm-sleep-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn', id: 'fm-sleep-save' }, '保存作息设置');
  const f = h('form', { class: 'card no-print', id: 'fm-sleep-form', novalidate: true },
    h('div', { class: 'field-pair' }, field('fm-wake', '起床时间（空：按家长填报）', wake), field('fm-travel', '回家路上（分钟，空：区默认）', travel)),
    msg, h('div', { class: 'form-actions' }, btn));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { wake_time: wake.value || null, travel_minutes: travel.value === '' ? null : Number(travel.value) };
    const x = await sendLocked({ root: f, btn, busyText: '正在保存…', msg, signal: ctx.signal,
      call: () => api('PUT', '/api/v1/schools/' + schoolId + '/sleep-settings', { body, signal: ctx.signal }) });
    if (x) ctx.navigate('fm', { school_id: ctx.params.get('school_id') || '', term_id: ctx.params.get('term_id') || '' });
  });
  return f;
}
