// hwshared.js - the pieces of the homework pages that the teacher's, the
// parent's, the school's pages and the public notice (gongshi.js) all show:
// the names of kinds, tiers and rules, the day's budget line, one homework
// item, the date switcher and a rule refusal. The public page loads it
// without a session: nothing here needs one.

import { api, session, isAbort } from './api.js';
import { h, chip, errorBox, ruleBox, setChildren, loading, notice } from './dom.js';
import { addDays, validDate, shortDate, dateText } from './dates.js';
import { pack, noWrittenGrades } from './policytext.js';

export const KIND_OPTIONS = [
  ['written', '书面'], ['reading', '阅读'], ['oral', '口语交际'],
  ['practice', '实践'], ['inquiry', '探究'], ['handcraft', '手工'],
];
export const TIER_OPTIONS = [['basic', '基础'], ['advanced', '提高'], ['optional', '选做']];
export const METHOD_OPTIONS = [['teacher', '教师批改'], ['face', '面批'], ['peer', '同伴互批'], ['group', '小组批改']];
export const REASON_OPTIONS = [['too_much', '太多'], ['too_hard', '太难'], ['leave', '请假'], ['other', '其他']];

/** The homework rules by code, in words a teacher or a parent reads. */
export const RULE_NAMES = {
  HW_DAILY_LIMIT: '超过每日书面作业总量',
  HW_OFFDAY_LIMIT: '超过节假日书面作业上限',
  get HW_WRITTEN_G12() { return noWrittenGrades(pack()) + '不布置书面家庭作业'; },
  HW_PARENT: '布置家长完成或检查的作业',
  HW_DATE_OUT_OF_TERM: '日期不在学期或假期内',
  HW_DUE_BEFORE_ASSIGNED: '完成日期早于布置日期',
  HW_DUE_TOO_LATE: '完成日期太晚',
  HW_NOT_YOUR_SUBJECT: '不是您任教的学科',
  HW_SUBJECT_GRADE: '本年级没有开设这门课',
  HW_OPTIONAL: '选做书面作业超过每日上限',
  HW_DIFFICULTY: '基础作业不能超出课程标准',
};

/** The rules whose refusal carries minutes worth showing. */
export const LIMIT_RULES = ['HW_DAILY_LIMIT', 'HW_OFFDAY_LIMIT', 'HW_OPTIONAL'];

/** HW_DIFFICULTY: the teacher's declaration of an item's difficulty. */
export const LEVEL_OPTIONS = [['standard', '课标内：难度不超过课程标准'], ['extension', '拓展/超纲：只作为提高或选做']];

export function optionName(options, key) {
  const o = options.find(([k]) => k === key);
  return o ? o[1] : key || '';
}

/** A labelled form control: the input gets the id. */
export function field(id, label, input, hint) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'field-hint' }, hint) : null);
}

/** A select of [[value, text], …]. */
export function select(options, attrs) {
  return h('select', attrs || null, options.map(([v, t]) => h('option', { value: v }, t)));
}

/**
 * The day's written-homework budget of a class: "今日布置 35 分钟 / 上限 60
 * 分钟：语文 20，数学 15" with a bar. These are the minutes the teachers
 * declared, not time a child spent: where the answer carries d.reported (the
 * parent page, the public notice) the families' reported average stands
 * beside it. d: the class-day answer (or the public notice); isToday picks
 * 今日 / 当日; ids false where a page shows several.
 */
export function budgetBox(d, isToday, ids = true) {
  const used = Number(d.written_minutes) || 0;
  const limit = Number(d.limit_minutes) || 0;
  const parts = (d.by_subject || []).map((s, i) => h('span', { class: 'nowrap' }, (i ? '，' : '') + s.subject + ' ' + s.minutes));
  const over = used > limit;
  const box = h('div', { class: 'budget' + (over ? ' is-over' : ''), id: ids ? 'hw-budget' : null, dataset: { used: String(used), limit: String(limit) } });
  const lineId = ids ? 'hw-budget-line' : null;
  const kind = h('p', { class: 'budget-kind' },
    chip(d.day_kind_name || '', 'kind-' + (d.day_kind || '')),
    d.date ? h('span', { class: 'budget-date' }, shortDate(d.date)) : null);
  if (limit === 0 && used === 0) {
    box.append(kind, h('p', { class: 'budget-line', id: lineId }, '书面作业：本年级不布置书面家庭作业'),
      h('p', { class: 'field-hint' }, '本年级可布置阅读、口语交际、实践、探究、手工等非书面作业。'));
    return box;
  }
  const bar = h('div', { class: 'meter', 'aria-hidden': 'true' }, h('div', { class: 'meter-fill' }));
  bar.firstChild.style.width = Math.min(100, limit ? Math.round((used * 100) / limit) : 100) + '%';
  box.append(kind,
    h('p', { class: 'budget-line', id: lineId },
      '书面作业 ' + (isToday ? '今日' : '当日') + '布置 ',
      h('strong', { class: 'budget-used' }, String(used)), ' 分钟 / 上限 ', h('span', { class: 'budget-limit' }, String(limit)), ' 分钟',
      parts.length ? ['：', parts] : null),
    bar,
    h('p', { class: 'budget-rest' }, (over ? '已超过上限 ' + (used - limit) + ' 分钟' : '距上限还有 ' + Math.max(0, limit - used) + ' 分钟') +
      '（老师预计的完成用时合计）'),
    optionalLine(d, ids),
    d.reported ? h('p', { class: 'budget-reported', id: ids ? 'hw-budget-reported' : null }, reportedText(d.reported)) : null);
  return box;
}

/**
 * 选做 written minutes of the day, apart from the total (HW_OPTIONAL): their
 * own cap, and whether the district counts them in the total. null when the
 * answer has no such figures.
 */
export function optionalLine(d, ids = true) {
  const o = d && d.optional;
  if (!o || typeof o.minutes !== 'number') return null;
  return h('p', { class: 'budget-optional', id: ids ? 'hw-budget-optional' : null, dataset: { optional: String(o.minutes) } },
    '选做书面作业 ', h('strong', null, String(o.minutes)), ' / ' + o.limit_minutes + ' 分钟',
    o.counted ? '（已计入上面的总量）' : '（不计入上面的总量，另有上限）');
}

/**
 * One homework item. opts: {status: show the status chip, actions: nodes,
 * extra: nodes under the content}. Only the public fields are needed.
 */
export function itemView(it, opts = {}) {
  const gone = it.status === 'withdrawn' || it.status === 'returned';
  const tags = [
    chip(it.subject || '', 'subject'),
    chip(it.kind_name || optionName(KIND_OPTIONS, it.kind), it.kind === 'written' ? 'info' : 'muted'),
    it.tier && it.tier !== 'basic' ? chip(it.tier_name || optionName(TIER_OPTIONS, it.tier), it.tier === 'optional' ? 'ok' : 'warn') : null,
    it.level === 'extension' ? chip(it.level_name || '拓展/超纲', 'warn') : null,
    opts.status && it.status_name ? chip(it.status_name, it.status === 'published' ? 'ok' : it.status === 'pending' ? 'warn' : 'muted') : null,
  ];
  return h('article', { class: 'hw-item' + (gone ? ' is-gone' : ''), dataset: { itemId: String(it.id), status: it.status || 'published' } },
    h('div', { class: 'hw-item-head' },
      h('span', { class: 'tags' }, tags),
      h('span', { class: 'hw-minutes' }, h('strong', null, String(it.minutes)), ' 分钟')),
    h('h3', { class: 'hw-title' }, it.title || ''),
    h('p', { class: 'hw-content' }, it.content || ''),
    h('p', { class: 'hw-meta' },
      it.due_on ? h('span', null, shortDate(it.due_on) + '完成') : null,
      it.counted === false ? h('span', { class: 'hw-uncounted' }, it.kind === 'written' ? '选做，不计入总量' : '非书面，不计入总量') : null,
      opts.meta || null),
    opts.extra || null,
    opts.actions && opts.actions.length ? h('div', { class: 'hw-actions' }, opts.actions) : null);
}

/**
 * ‹ 前一天 [date] 后一天 › with the day written out under it. onGo(date) runs
 * for each valid day chosen; the control itself stays, so typing a date is
 * not interrupted. opts: {id of the input, today (marked 今天)}.
 */
export function dateNav(date, onGo, opts = {}) {
  const id = opts.id || 'hw-date';
  let cur = date;
  const input = h('input', { type: 'date', id, value: date, 'aria-label': '日期' });
  const hint = h('p', { class: 'field-hint', id: id + '-text' });
  const show = () => { hint.textContent = dateText(cur) + (cur === opts.today ? ' · 今天' : ''); };
  const go = (d) => {
    if (!validDate(d) || d === cur) return;
    cur = d;
    if (input.value !== d) input.value = d;
    show();
    onGo(d);
  };
  input.addEventListener('change', () => go(input.value));
  show();
  return h('div', { class: 'date-pick' },
    h('div', { class: 'date-nav' },
      h('button', { type: 'button', class: 'btn btn-small', id: id + '-prev', onclick: () => go(addDays(cur, -1)) }, '‹ 前一天'),
      input,
      h('button', { type: 'button', class: 'btn btn-small', id: id + '-next', onclick: () => go(addDays(cur, 1)) }, '后一天 ›')),
    hint);
}

/** What a teacher does about each refusal; fn(details) where numbers help. */
const RULE_ADVICE = {
  HW_DAILY_LIMIT: (d) => left(d) + '阅读、口语交际、实践等非书面作业不计入总量；也可与本班其他学科老师协调当天的作业量。',
  HW_OFFDAY_LIMIT: (d) => left(d) + '节假日可多布置阅读、运动、实践类作业。',
  HW_WRITTEN_G12: '一、二年级不布置书面家庭作业：请把类型改为阅读、口语交际、探究、手工或实践体验。',
  HW_PARENT: (d) => '作业不得要求家长完成、批改或检查' + (d.keyword ? '：请删去或改写含“' + d.keyword + '”的要求' : '') + '，由老师批改。',
  HW_DATE_OUT_OF_TERM: '请选择本学期的上课日，或校历中的假期日期。',
  HW_DUE_BEFORE_ASSIGNED: '完成日期应在布置当天或之后。',
  HW_DUE_TOO_LATE: '请把完成日期改到布置日期后 31 天以内。',
  HW_NOT_YOUR_SUBJECT: '请选择您在本班任教的学科；如任课有变化，请联系教导处更新任课安排。',
};

function left(d) {
  if (d.limit_minutes === undefined || d.used_minutes === undefined) return '';
  const n = Math.max(0, d.limit_minutes - d.used_minutes);
  return n > 0 ? '当天还可布置 ' + n + ' 分钟书面作业，请把本次用时减到 ' + n + ' 分钟以内。' : '当天书面作业已到上限，请改到其他日期或改为非书面作业。';
}

/**
 * A refusal by the homework rules (422 with details): the rule's name, the
 * server's message with the numbers, what to do, and the code in small
 * print. Any other error: the plain error box.
 */
export function ruleErrorBox(err) {
  const d = err && err.details;
  if (!d || !d.rule) return errorBox(err);
  const nums = [];
  if (d.limit_minutes !== undefined) nums.push(['上限', d.limit_minutes]);
  if (d.used_minutes !== undefined) nums.push(['已布置', d.used_minutes]);
  if (d.requested_minutes !== undefined) nums.push(['本次', d.requested_minutes]);
  if (d.used_minutes !== undefined && d.requested_minutes !== undefined) nums.push(['合计', d.used_minutes + d.requested_minutes]);
  const showNums = LIMIT_RULES.includes(err.code);
  return ruleBox(err, {
    names: RULE_NAMES, advice: RULE_ADVICE, codeId: 'hw-rule-code',
    extra: showNums ? h('dl', { class: 'rule-nums', id: 'hw-rule-nums' },
      nums.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, String(v), h('small', null, ' 分钟'))))) : null,
  });
}

/** The families' reports of the class-day: the average only from min_families on. */
export function reportedText(r) {
  if (!r) return '';
  const min = r.min_families || 5;
  if (r.average_minutes === null || r.average_minutes === undefined) {
    return '家长报告 ' + (r.families || 0) + ' 户：报告家庭不足 ' + min + ' 户，暂不显示平均用时';
  }
  return '家长报告 ' + r.families + ' 户，平均用时 ' + r.average_minutes + ' 分钟' + (r.unfinished ? '，未完成 ' + r.unfinished + ' 人' : '');
}

/** The homework pages of a teacher and of a school's management. */
const TEACHER_LINKS = [['homework', '布置作业'], ['hw-followups', '作业跟进'], ['hw-estimates', '我的估计'], ['hw-difficulty', '课标抽查']];
const SCHOOL_LINKS = [['hw-stats', '作业统计'], ['hw-pending', '待审核作业'], ['hw-followups', '作业跟进'], ['hw-difficulty', '课标抽查'], ['hw-settings', '作业设置']];

function tab(route, label, current) {
  return h('a', { class: 'tab', href: '#/' + route, 'aria-current': route === current ? 'page' : null }, label);
}

/**
 * The tabs between the homework pages of the signed-in role. A teacher who
 * is a grade head (年级组长) reviews others' items: their 待审核 tab shows
 * when something waits (the list answers empty for other teachers).
 */
export function areaNav(current, signal) {
  const teacher = session.user && session.user.role === 'teacher';
  const nav = h('nav', { class: 'tabs subnav', 'aria-label': '作业管理' },
    (teacher ? TEACHER_LINKS : SCHOOL_LINKS).map(([route, label]) => tab(route, label, current)));
  if (teacher && current === 'hw-pending') nav.append(tab('hw-pending', '待审核', current));
  else if (teacher) {
    api('GET', '/api/v1/homework/pending', { signal }).then((d) => {
      const n = Array.isArray(d.items) ? d.items.length : 0;
      if (n && nav.isConnected) nav.append(tab('hw-pending', '待审核（' + n + '）', current));
    }, () => {});
  }
  return nav;
}

/**
 * Draw the frame of a homework page into main: top (the area's tabs or a
 * breadcrumb), the title (text or a node) and the lead, then the body.
 */
export function hwPage(main, cls, top, title, lead, ...body) {
  setChildren(main,
    h('section', { class: 'page ' + cls },
      top,
      typeof title === 'string' ? h('h1', { class: 'page-title' }, title) : title,
      h('p', { class: 'page-lead' }, lead),
      body));
}

/** The parent's children; null when the view was left, the call failed or there are none (box then says why). */
export async function loadChildren(box, ctx) {
  const d = await load(box, ctx, '/api/v1/me/children');
  if (!d) return null;
  const kids = Array.isArray(d.items) ? d.items : [];
  if (!kids.length) setChildren(box, notice('还没有与您关联的孩子。请联系孩子所在学校，由学校在监护人名单中登记您的账号。', 'info'));
  return kids.length ? kids : null;
}

/** GET a page's data, showing 正在加载 in box; null when the view was left or the call failed (box then says why). */
export async function load(box, ctx, path, query) {
  setChildren(box, loading());
  try {
    const d = await api('GET', path, { query, signal: ctx.signal });
    return ctx.signal.aborted ? null : d;
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, errorBox(e));
    return null;
  }
}
