// asshared.js - the pieces the after-school pages (课后服务) of schools,
// teachers, parents and the bureau share: the names of categories, staff
// types, slot kinds, states and rules; the term picker; the tabs of the
// school's pages; a refusal with its rule code.

import { api, session } from './api.js';
import { h, chip, errorBox, ruleBox } from './dom.js';
import { select } from './hwshared.js';
import { coverageBar } from './hwstats.js';
import { todayIn } from './dates.js';
import { sendLocked, confirmDialog } from './manage.js';
import { pack, serviceDaysText, weekendText, venueDaysText } from './policytext.js';

export const CATEGORIES = [
  ['homework', '作业辅导'], ['qa', '答疑辅导'], ['science', '科普'], ['sports', '体育'], ['arts', '艺术'],
  ['labour', '劳动'], ['reading', '阅读'], ['interest', '兴趣小组'], ['club', '社团'],
];
export const STAFF_TYPES = [['teacher', '本校教师'], ['retired', '退休教师'], ['professional', '专业人员'], ['volunteer', '志愿者']];
export const SLOT_KINDS = [['regular', '课后服务'], ['extended', '延时托管'], ['evening', '晚自习']];
export const WEEKDAYS = [[1, '周一'], [2, '周二'], [3, '周三'], [4, '周四'], [5, '周五'], [6, '周六'], [7, '周日']];
export const APP_STATES = [['applied', '已报名'], ['admitted', '已录取'], ['waitlisted', '候补'], ['withdrawn', '已撤回']];
export const INCIDENT_KINDS = [
  ['injury', '受伤'], ['illness', '身体不适'], ['conflict', '冲突'], ['missing', '走失/未到'], ['property', '财物'], ['other', '其他'],
];
export const SAFETY_ITEMS = [['exits', '安全通道'], ['fire', '消防器材'], ['electrical', '用电安全'], ['facilities', '场地设施'], ['hygiene', '卫生']];
export const HANDOVER_STATES = [['guardian', '家长接走'], ['extended', '转延时托管'], ['evening', '转晚自习'], ['alone', '自行离校']];

/** The after-school rules by code, in words a principal, teacher or parent reads;
 * the numbers come from the pack (policytext.js). */
export const AS_RULES = {
  get AS_FIVE_DAYS() { return serviceDaysText(pack()) + '都要开展课后服务'; },
  AS_END_TIME: '课后服务（不含延时托管）结束时间不早于当地正常下班时间',
  AS_COVERAGE: '课后服务从放学时开始，中间不留长时间空档',
  AS_EVENING_JUNIOR: '晚自习只在有初中年级的学校、上课日开展',
  get AS_WEEKEND() { return weekendText(pack()); },
  AS_SLOT_TIMES: '结束时间应晚于开始时间',
  AS_SLOT_OVERLAP: '同一天的时段重叠',
  AS_STAFF_VETTING: '校外人员须经审核',
  AS_FEES: '收费须有审批文件',
  AS_VOLUNTARY: '家长自愿报名',
  AS_PROGRAM_MISMATCH: '课程不适合该学生',
  AS_DEADLINE: '已过报名截止日期',
  AS_CAPACITY: '第一志愿已满',
  AS_ALREADY_APPLIED: '已经报过名',
  AS_WITHDRAWN: '已撤回',
  AS_NOT_ENROLLED: '学生未被该课程录取',
  AS_NO_NEW_LESSON: '课后服务不得讲授新课',
  AS_NOT_GUIDANCE: '只有作业辅导课程登记作业完成',
  AS_HANDOVER: '课后服务结束后未交接',
  AS_HANDOVER_GUARDIAN: '接走孩子的人须是登记的监护人',
  AS_HANDOVER_CONSENT: '独自离校须有家长同意',
  AS_NOT_PRESENT: '孩子未签到',
  get AS_VENUE_CHECK() { return '场地 ' + venueDaysText(pack()) + '内须有通过的安全检查'; },
};

export function optName(options, key) {
  const o = options.find(([k]) => String(k) === String(key));
  return o ? o[1] : key === null || key === undefined ? '' : String(key);
}

/** [1,2,3,4,5] -> 周一至周五; [1,3] -> 周一、周三. */
export function daysText(days) {
  const d = [...(days || [])].map(Number).sort((a, b) => a - b);
  const contiguous = d.length > 2 && d.every((v, i) => i === 0 || v === d[i - 1] + 1);
  if (contiguous) return optName(WEEKDAYS, d[0]) + '至' + optName(WEEKDAYS, d[d.length - 1]);
  return d.map((x) => optName(WEEKDAYS, x)).join('、');
}

/** A fee in fen as 元 ("免费" when 0). */
export function feeText(fen) {
  const n = Number(fen) || 0;
  return n ? (n / 100).toFixed(2).replace(/\.00$/, '') + ' 元' : '免费';
}

/** "78%" with an inline bar; "—" for null. */
export function percentBar(p, id) {
  if (p === null || p === undefined) return h('span', { class: 'muted' }, '—');
  return h('span', { class: 'coverage', id: id || null }, coverageBar(p), p + '%');
}

/** What the user does about each refusal. */
const AS_ADVICE = {
  AS_VOLUNTARY: '请勾选“我确认本次报名出于自愿”后再提交。是否参加课后服务由家长决定，学校不得强制。',
  AS_FIVE_DAYS: '请在服务方案中为每个上课日（周一至周五）都安排课后服务时段。',
  AS_END_TIME: '请把常规课后服务的结束时间推迟到当地正常下班时间之后。',
  AS_EVENING_JUNIOR: '晚自习只为初中年级安排，且只在上课日。',
  AS_WEEKEND: '周末最多保留一天的服务，请删去多出的周末时段。',
  AS_SLOT_TIMES: '请检查时段：结束时间要晚于开始时间。',
  AS_SLOT_OVERLAP: '同一天的两个时段不能重叠，请调整其中一个的起止时间。',
  AS_STAFF_VETTING: '校外人员须先经学校审核并登记，审核通过后再安排授课。',
  AS_FEES: '收费项目须附物价或教育部门的审批文号；没有审批的请设为免费。',
  AS_PROGRAM_MISMATCH: '所选课程不面向孩子所在年级，请在课程菜单中另选。',
  AS_DEADLINE: '报名已截止，如确有需要请直接联系班主任或学校。',
  AS_CAPACITY: '第一志愿已满，可改选其他课程，或等待候补。',
  AS_ALREADY_APPLIED: '孩子本学期已经报名；如要改选，请先撤回原报名。',
  AS_NO_NEW_LESSON: '课后服务用于作业辅导和兴趣活动，请修改活动内容，删去讲授新课的安排。',
  AS_HANDOVER_GUARDIAN: '请核对接孩子的人是否为登记的监护人；如不是，请联系家长确认。',
  AS_HANDOVER_CONSENT: '家长未同意孩子独自离校，请等待监护人来接。',
  AS_NOT_PRESENT: '孩子未签到，不能办理交接；请先核对考勤。',
  AS_VENUE_CHECK: '请先对该场地做一次安全检查并登记结果，通过后再安排活动。',
};

/** A refusal by an AS_ rule: its name, the message, what to do, the code small. */
export function asErrorBox(err) {
  if (!err || typeof err.code !== 'string' || !err.code.startsWith('AS_')) return errorBox(err);
  return ruleBox(err, { names: AS_RULES, advice: AS_ADVICE, codeId: 'as-rule-code' });
}

/* ---- forms ---- */

/** Run fn on the form's submit, unless its button is busy with the last one. */
export function onSubmit(form, btn, fn) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!btn.disabled) fn();
  });
}

/**
 * POST body to path from a form (f: {form, btn, msg, ctx}): the form locked
 * and the button saying busyText meanwhile; a refusal shows in msg with its
 * rule code. Resolves to the answer or null.
 */
export function asPost(f, path, body, busyText = '正在提交…') {
  return sendLocked({
    root: f.form, btn: f.btn, busyText, msg: f.msg, signal: f.ctx.signal, errorView: asErrorBox,
    call: () => api('POST', path, { body, signal: f.ctx.signal }),
  });
}

/**
 * 撤回 an application after a confirm: who names the child in the question,
 * hint says what follows. Resolves to the answer, or null when cancelled.
 */
export function withdrawApplication(a, who, hint, ctx) {
  return confirmDialog({
    title: '撤回报名',
    body: [h('p', null, '确认撤回', who, '的课后服务报名？'), h('p', { class: 'field-hint' }, hint)],
    confirmText: '确认撤回',
    busyText: '正在撤回…',
    signal: ctx.signal,
    errorView: asErrorBox,
    action: () => api('POST', '/api/v1/afterschool/applications/' + a.id + '/withdraw', { body: {}, signal: ctx.signal }),
  });
}

/* ---- terms ---- */

/**
 * The district's terms and the one to show first: the one asked for, else
 * the one that holds today, else the next to start, else the last.
 */
export async function loadTerms(signal, want) {
  const d = await api('GET', '/api/v1/terms', { signal });
  const items = Array.isArray(d.items) ? d.items : [];
  const today = todayIn(session.policy && session.policy.timezone);
  const current = items.find((t) => String(t.id) === String(want))
    || items.find((t) => t.starts_on <= today && today <= t.ends_on)
    || items.filter((t) => t.starts_on > today).sort((a, b) => (a.starts_on < b.starts_on ? -1 : 1))[0]
    || items[items.length - 1] || null;
  return { items, current, today };
}

/** A labelled select of the terms; onChange(termId). */
export function termPicker(terms, current, onChange, id = 'as-term') {
  const sel = select(terms.map((t) => [String(t.id), t.name]), { id });
  if (current) sel.value = String(current.id);
  sel.addEventListener('change', () => onChange(sel.value));
  return h('div', { class: 'field as-term' }, h('label', { for: id }, '学期'), sel);
}

/* ---- the school's after-school pages ---- */

const SCHOOL_TABS = [
  ['afterschool', '质量指标'], ['as-plan', '服务方案'], ['as-programs', '课程菜单'], ['as-applications', '报名与分配'],
  ['as-sessions', '活动安排'], ['as-safety', '安全与事件'], ['as-hours', '弹性上下班'], ['as-alerts', '交接预警'],
];

/** The tabs between the school's after-school pages; the term is kept across them. */
export function asNav(current, termId) {
  const q = termId ? '?term=' + encodeURIComponent(String(termId)) : '';
  return h('nav', { class: 'tabs subnav', 'aria-label': '课后服务' },
    SCHOOL_TABS.map(([route, label]) => h('a', {
      class: 'tab', href: '#/' + route + (route === 'as-alerts' ? '' : q), 'aria-current': route === current ? 'page' : null,
    }, label)));
}

/** The school of the signed-in principal or academic office (bureau pages pass school_id). */
export function ownSchool() {
  const sid = session.user && session.user.school_id;
  return sid === null || sid === undefined ? null : String(sid);
}

/** An application's state as a chip: 已录取 program / 候补第 n 位 / 已报名 / 已撤回. */
export function appState(a) {
  if (a.status === 'admitted') return chip('已录取' + (a.program_name ? ' ' + a.program_name : ''), 'ok');
  if (a.status === 'waitlisted') return chip('候补' + (a.position ? '第 ' + a.position + ' 位' : '') + (a.program_name ? ' ' + a.program_name : ''), 'warn');
  if (a.status === 'withdrawn') return chip('已撤回', 'muted');
  return chip(a.status_name || '已报名', 'info');
}
