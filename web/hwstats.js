// hwstats.js - 作业统计 (a school's or, for the bureau, the district's
// homework over a span of days: a heat map of the class-days, the rows,
// violations, refusals, grading coverage, export), 待审核作业 and 作业设置
// (approval on or off, the school's plan 一校一案).

import { api, session, loadPolicy } from './api.js';
import { h, setChildren, errorBox, notice, chip, formatInstant, charLen, sortableTable } from './dom.js';
import { crumbs, gradeName } from './org.js';
import { confirmDialog, sendLocked } from './manage.js';
import { KINDS } from './calendar.js';
import { addDays, validDate, shortDate, weekday, parts, daysBetween } from './dates.js';
import { RULE_NAMES, LIMIT_RULES, field, itemView, areaNav, load, hwPage } from './hwshared.js';
import { pack, noWrittenGrades, dailyLimitsText, minFamilies } from './policytext.js';

const BUREAU = ['district_admin', 'inspector'];
const MAX_SPAN = 62;

const kindName = (k) => (KINDS[k] ? KINDS[k].name : k || '');

/** The colour step of a class-day: 0 none, 1 ≤ 50 %, 2 ≤ 75 %, 3 ≤ 100 %, 4 over the limit. */
function level(x) {
  const m = Number(x.declared_minutes) || 0;
  const lim = Number(x.limit_minutes) || 0;
  if (x.over_declared || (m > 0 && m > lim)) return 4;
  if (m === 0) return 0;
  const r = m / lim;
  return r <= 0.5 ? 1 : r <= 0.75 ? 2 : 3;
}

function avgText(x, min) {
  return x.reported_average === null || x.reported_average === undefined
    ? (x.families ? x.families + ' 户报告，不足 ' + min + ' 户' : '无家长报告')
    : x.families + ' 户报告，平均 ' + x.reported_average + ' 分钟';
}

/** The words of one class-day: the heat map's tooltip and tap detail. */
function dayText(x, min) {
  return [
    (x.school_name ? x.school_name + ' ' : '') + x.class_name + ' ' + shortDate(x.date) + ' ' + kindName(x.day_kind),
    '布置书面作业 ' + x.declared_minutes + ' / ' + x.limit_minutes + ' 分钟' + (x.over_declared ? '（超过上限）' : ''),
    avgText(x, min) + (x.over_reported ? '（超过上限）' : ''),
    x.unfinished ? '未完成 ' + x.unfinished + ' 人' : '',
  ].filter(Boolean).join('\n');
}

/** A row per class: a cell per class-day with its minutes. */
function classRows(days, min) {
  const rows = new Map();
  for (const x of days) {
    const k = String(x.class_id);
    if (!rows.has(k)) rows.set(k, { x, label: x.class_name, data: { classId: k }, cells: new Map() });
    const text = dayText(x, min);
    rows.get(k).cells.set(x.date, { lv: level(x), flag: x.over_reported, num: x.declared_minutes || '', text });
  }
  return [...rows.values()].sort((a, b) => (a.x.grade - b.x.grade)
    || String(a.x.class_name).localeCompare(String(b.x.class_name), 'zh-CN', { numeric: true }));
}

/**
 * A row per school (the district's view): a cell per school-day showing its
 * fullest class's written minutes and coloured by them (the average of the
 * classes is in the cell's detail), so the colour and the number agree.
 */
function schoolRows(days, href) {
  const rows = new Map();
  for (const x of days) {
    const k = String(x.school_id);
    if (!rows.has(k)) rows.set(k, { x, label: x.school_name, href: href(x.school_id), data: { schoolId: k }, days: new Map() });
    const r = rows.get(k);
    if (!r.days.has(x.date)) r.days.set(x.date, { n: 0, sum: 0, lv: 0, top: x, overD: 0, overR: 0 });
    const a = r.days.get(x.date);
    a.n += 1;
    a.sum += x.declared_minutes;
    if (level(x) > a.lv || (level(x) === a.lv && x.declared_minutes > a.top.declared_minutes)) a.top = x;
    a.lv = Math.max(a.lv, level(x));
    a.overD += x.over_declared ? 1 : 0;
    a.overR += x.over_reported ? 1 : 0;
  }
  for (const r of rows.values()) {
    r.cells = new Map([...r.days].map(([date, a]) => [date, {
      lv: level(a.top), flag: a.overR > 0, num: a.top.declared_minutes || '',
      text: [r.label + ' ' + shortDate(date),
        '作业最多的班级：' + a.top.class_name + ' ' + a.top.declared_minutes + ' / ' + a.top.limit_minutes + ' 分钟',
        a.n + ' 个班有作业记录，平均书面作业 ' + Math.round(a.sum / a.n) + ' 分钟',
        a.overD ? '布置超过上限 ' + a.overD + ' 个班' : '',
        a.overR ? '家长报告超过上限 ' + a.overR + ' 个班' : ''].filter(Boolean).join('\n'),
    }]));
  }
  const list = [...rows.values()].sort((a, b) => String(a.label).localeCompare(String(b.label), 'zh-CN'));
  // The district's name starts every school's: leave it out of the narrow column (the full name is the tooltip).
  const pre = commonPrefix(list.map((r) => [...String(r.label)]));
  if (pre >= 2) for (const r of list) { r.title = r.label; r.label = [...String(r.label)].slice(pre).join(''); }
  return list;
}

/** How many leading characters every name shares (0 when any name would be left empty). */
function commonPrefix(names) {
  if (names.length < 2) return 0;
  let n = 0;
  while (names.every((x) => x.length > n + 1 && x[n] === names[0][n])) n++;
  return n;
}

/**
 * The heat map: a CSS grid, a row per class (or school) and a column per day
 * of from..to, each cell coloured by declared / limit minutes; a dot marks a
 * day whose reported average passed the limit. Tapping a cell shows its
 * numbers (the title shows them on hover).
 */
function heatMap(rows, from, to, perSchool) {
  const dates = [];
  for (let d = from; d <= to && dates.length < MAX_SPAN + 1; d = addDays(d, 1)) dates.push(d);
  const detail = h('p', { class: 'heat-detail', id: 'heat-detail', 'aria-live': 'polite' }, '点击格子查看当天的数字。');
  const grid = h('div', { class: 'heat', id: 'heat-map', role: 'table', 'aria-label': perSchool ? '各校每日书面作业热力图' : '各班每日书面作业热力图' });
  grid.style.setProperty('--days', String(dates.length));
  grid.append(h('div', { class: 'heat-row', role: 'row' },
    h('span', { class: 'heat-corner', role: 'columnheader' }, perSchool ? '学校' : '班级'),
    dates.map((d) => {
      const p = parts(d);
      const we = weekday(d) === 0 || weekday(d) === 6;
      return h('span', { class: 'heat-date' + (we ? ' is-weekend' : ''), role: 'columnheader', title: shortDate(d) },
        p.d === 1 || d === from ? h('small', null, p.m + '月') : null, String(p.d),
        h('small', null, '日一二三四五六'[weekday(d)]));
    })));
  for (const r of rows) {
    grid.append(h('div', { class: 'heat-row', role: 'row', dataset: r.data },
      h('span', { class: 'heat-class', role: 'rowheader', title: r.title || null }, r.href ? h('a', { href: r.href }, r.label) : r.label),
      dates.map((d) => {
        const c = r.cells.get(d);
        if (!c) return h('span', { class: 'heat-cell heat-none', role: 'cell', 'aria-label': shortDate(d) + ' 没有作业记录' });
        return h('button', {
          type: 'button', role: 'cell', class: 'heat-cell lv-' + c.lv + (c.flag ? ' is-flag' : ''),
          title: c.text, 'aria-label': c.text.replace(/\n/g, '；'), dataset: { date: d },
          onclick: () => { detail.textContent = c.text; },
        }, String(c.num));
      })));
  }
  const legend = h('ul', { class: 'cal-legend heat-legend', 'aria-label': '图例' },
    [['lv-1', '不超过上限一半'], ['lv-2', '一半至四分之三'], ['lv-3', '接近上限'], ['lv-4', '超过上限']]
      .map(([c, t]) => h('li', null, h('span', { class: 'swatch heat-swatch ' + c, 'aria-hidden': 'true' }), t)),
    h('li', null, h('span', { class: 'swatch heat-swatch lv-1 is-flag', 'aria-hidden': 'true' }), '家长报告平均用时超过上限'),
    h('li', null, perSchool
      ? '每格的数字和颜色都是当天作业最多的班级的书面作业分钟数（各班平均数在点击后的详情里）；点击学校名称可看各班'
      : '格中数字为布置的书面作业分钟数；只列出有作业记录的班级'));
  return h('div', { class: 'card heat-card' },
    rows.length ? h('div', { class: 'heat-wrap' }, grid) : notice('这段时间没有布置作业的记录。', 'info'),
    legend, detail);
}

/**
 * A table in the stacked (phone) style: cols [[label, fn(row) -> node|text,
 * cls?, sortKey?(row)], …]. opts.sort: the reader may sort by any column
 * (sortKey gives a cell's key where its text would mislead, e.g. a chip).
 */
export function table(id, cols, rows, opts = {}) {
  const t = h('table', { class: 'table table-stack', id },
    h('thead', null, h('tr', null, cols.map(([t0, , cls]) => h('th', { scope: 'col', class: cls || null }, t0)))),
    h('tbody', null, rows.map((r) => h('tr', null, cols.map(([t0, f, cls, k]) =>
      h('td', { 'data-label': t0, class: cls || null, 'data-sort': k ? String(k(r)) : null }, f(r)))))));
  const wrap = h('div', { class: 'table-wrap table-surface' }, t);
  if (opts.sort) sortableTable(t);
  return wrap;
}

/** A section title with its count (null: none) and the body. */
export function section(title, n, body, id) {
  return [h('h2', { class: 'section-title', id: id || null }, title, n === null ? null : h('span', { class: 'count' }, String(n))), body];
}

/** One big number with its label; kind 'bad' colours it. */
export function figure(label, value, kind) {
  return h('div', { class: 'figure' + (kind ? ' figure-' + kind : '') },
    h('p', { class: 'figure-label' }, label), h('p', { class: 'figure-value' }, String(value)));
}

const ruleCell = (code) => h('span', null, h('code', { class: 'rule-code' }, code), h('span', { class: 'sub' }, RULE_NAMES[code] || ''));
const classCell = (withSchool) => (x) => [x.class_name, withSchool ? h('span', { class: 'sub' }, x.school_name) : null];

function statsBody(d, district) {
  const min = (d.summary && d.summary.min_families) || minFamilies(pack()) || '';
  const s = d.summary || {};
  const days = Array.isArray(d.days) ? d.days : [];
  const viol = Array.isArray(d.violations) ? d.violations : [];
  const refs = Array.isArray(d.refusals) ? d.refusals : [];
  const teachers = Array.isArray(d.teachers) ? d.teachers : [];
  const schools = Array.isArray(d.schools) ? d.schools : [];
  const schoolHref = (id) => '#/hw-stats?' + new URLSearchParams({ school_id: id, from: d.from, to: d.to });
  const out = [
    h('div', { class: 'figures hw-figures', id: 'hw-summary' },
      figure('有书面作业的班级天数', s.class_days ?? 0),
      figure('布置超过上限', s.over_declared ?? 0, s.over_declared ? 'bad' : null),
      figure('家长报告超过上限', s.over_reported ?? 0, s.over_reported ? 'bad' : null),
      figure('被系统拒绝的布置', s.refusals ?? 0),
      figure('布置作业', (s.items ?? 0) + ' 项'),
      figure('已登记批改', (s.graded ?? 0) + ' 项')),
    d.truncated ? notice('数据较多，只显示了部分班级天数。请缩短日期范围或选择一所学校。', 'warn') : null,
  ];
  if (district) {
    out.push(section('各校汇总', schools.length, schools.length ? table('hw-schools', [
      ['学校', (x) => h('a', { class: 'school-link', href: schoolHref(x.school_id) }, x.school_name), 'cell-title'],
      ['班级天数', (x) => String(x.class_days), 'num'],
      ['布置超限', (x) => (x.over_declared ? chip(String(x.over_declared), 'danger') : '0'), 'num', (x) => x.over_declared || 0],
      ['报告超限', (x) => (x.over_reported ? chip(String(x.over_reported), 'warn') : '0'), 'num', (x) => x.over_reported || 0],
      ['平均每班每天', (x) => (x.class_days ? Math.round(x.declared_sum / x.class_days) + ' 分钟' : '—'), 'num', (x) => (x.class_days ? x.declared_sum / x.class_days : -1)],
    ], [...schools].sort((a, b) => (b.over_declared + b.over_reported) - (a.over_declared + a.over_reported) || String(a.school_name).localeCompare(String(b.school_name), 'zh-CN')), { sort: true })
      : notice('这段时间各校都没有布置书面作业的记录。', 'info'), 'hw-schools-title'));
  }
  out.push(section('热力图', null, heatMap(district ? schoolRows(days, schoolHref) : classRows(days, min), d.from, d.to, district), 'heat-title'));
  out.push(section('违规记录', viol.length, viol.length ? table('hw-violations', [
    ['规则', (x) => ruleCell(x.code)],
    ['依据', (x) => (x.basis === 'reported' ? chip('家长报告', 'warn') : chip('布置用时', 'danger'))],
    ['班级', classCell(district)],
    ['日期', (x) => shortDate(x.date), 'nowrap'],
    ['布置 / 上限', (x) => x.declared_minutes + ' / ' + x.limit_minutes + ' 分钟', 'num'],
    ['报告平均', (x) => (x.reported_average === null || x.reported_average === undefined ? '—' : x.reported_average + ' 分钟'), 'num'],
  ], viol) : notice('这段时间没有超过上限的班级天数。', 'success'), 'hw-violations-title'));
  out.push(section('系统拒绝的布置', refs.length, refs.length ? table('hw-refusals', [
    ['时间', (x) => formatInstant(x.at), 'nowrap'],
    ['规则', (x) => ruleCell(x.code)],
    ['教师', (x) => x.teacher || ''],
    ['班级', classCell(district)],
    ['学科', (x) => x.subject || ''],
    ['本次', (x) => x.minutes + ' 分钟', 'num'],
    ['作业日', (x) => shortDate(x.date) + (LIMIT_RULES.includes(x.code) && x.details ? ' · 已布置 ' + x.details.used_minutes + ' / ' + x.details.limit_minutes : ''), 'nowrap'],
  ], refs) : notice('这段时间没有被系统拒绝的布置。', 'info'), 'hw-refusals-title'));
  const teacherTable = teachers.length ? table('hw-teachers', [
    ['教师', (x) => x.name, 'cell-title'],
    ['布置', (x) => x.items + ' 项', 'num'],
    ['书面', (x) => String(x.written_items), 'num'],
    ['已登记批改', (x) => String(x.graded), 'num'],
    ['课堂讲评', (x) => String(x.reviewed), 'num'],
    ['面批', (x) => String(x.face_to_face), 'num'],
    ['覆盖率', (x) => h('span', { class: 'coverage' }, coverageBar(x.coverage_percent), x.coverage_percent + '%')],
  ], teachers) : notice('这段时间没有布置作业的教师。', 'info');
  // The district's hundreds of teachers are folded: a school's are shown.
  out.push(section('教师批改登记', teachers.length, district && teachers.length
    ? h('details', { class: 'collapsible hw-teacher-fold' }, h('summary', null, '展开全区教师明细（' + teachers.length + ' 人）'), teacherTable)
    : teacherTable, 'hw-teachers-title'));
  const classes = Array.isArray(d.classes) ? d.classes : [];
  if (!district && classes.length) {
    out.push(h('details', { class: 'collapsible hw-class-cover' },
      h('summary', null, '各班批改登记（' + classes.length + ' 个班）'),
      table('hw-classes', [
        ['班级', (x) => x.class_name, 'cell-title'],
        ['布置', (x) => x.items + ' 项', 'num'],
        ['已登记批改', (x) => String(x.graded), 'num'],
        ['课堂讲评', (x) => String(x.reviewed), 'num'],
        ['覆盖率', (x) => h('span', { class: 'coverage' }, coverageBar(x.coverage_percent), x.coverage_percent + '%')],
      ], [...classes].sort((a, b) => a.coverage_percent - b.coverage_percent || String(a.class_name).localeCompare(String(b.class_name), 'zh-CN', { numeric: true })))));
  }
  if (district) {
    out.push(notice('全区明细共 ' + days.length + ' 个班级天：请导出 Excel，或点击学校查看各班。', 'info'));
    return out;
  }
  const rows = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  out.push(h('details', { class: 'collapsible hw-days', open: rows.length <= 30 ? true : null },
    h('summary', null, '明细表（' + rows.length + ' 个班级天）'),
    rows.length ? table('hw-days', [
      ['班级', (x) => [x.class_name, h('span', { class: 'sub' }, gradeName(x.grade))]],
      ['日期', (x) => shortDate(x.date), 'nowrap'],
      ['日子', (x) => kindName(x.day_kind)],
      ['布置书面', (x) => x.declared_minutes + ' 分钟', 'num'],
      ['上限', (x) => x.limit_minutes + ' 分钟', 'num'],
      ['家长报告', (x) => avgText(x, min)],
      ['未完成', (x) => String(x.unfinished), 'num'],
      ['状态', (x) => [x.over_declared ? chip('布置超限', 'danger') : null, x.over_reported ? chip('报告超限', 'warn') : null,
        !x.over_declared && !x.over_reported ? chip('正常', 'ok') : null]],
    ], rows) : notice('没有记录。', 'info')));
  return out;
}

/** A percentage as a small inline bar. */
export function coverageBar(p) {
  const bar = h('span', { class: 'meter meter-inline', 'aria-hidden': 'true' }, h('span', { class: 'meter-fill' }));
  bar.firstChild.style.width = Math.max(0, Math.min(100, Number(p) || 0)) + '%';
  return bar;
}

export async function renderStats(main, ctx) {
  const u = session.user;
  const bureau = BUREAU.includes(u.role);
  const schoolId = bureau && /^[1-9]\d*$/.test(ctx.params.get('school_id') || '') ? ctx.params.get('school_id') : '';
  const district = bureau && !schoolId;
  const q = {};
  for (const k of ['from', 'to']) if (validDate(ctx.params.get(k) || '')) q[k] = ctx.params.get(k);
  if (schoolId) q.school_id = schoolId;

  const inFrom = h('input', { type: 'date', value: q.from || null });
  const inTo = h('input', { type: 'date', value: q.to || null });
  const msg = h('div', { class: 'form-msg', id: 'hw-stats-msg' });
  const exportLink = h('a', { class: 'btn', id: 'hw-export', hidden: true }, '导出 Excel');
  const filters = h('form', { class: 'card filters hw-filters', id: 'hw-filters', novalidate: true },
    h('div', { class: 'field-pair' }, field('hw-from', '从', inFrom), field('hw-to', '到', inTo)),
    h('p', { class: 'field-hint' }, '默认最近 14 天，最长 ' + MAX_SPAN + ' 天。'),
    msg,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'hw-query' }, '查询'), exportLink));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = inFrom.value;
    const t = inTo.value;
    if (!validDate(f) || !validDate(t) || f > t) {
      setChildren(msg, errorBox({ message: '请选择有效的起止日期（开始不晚于结束）' }));
      return;
    }
    if (daysBetween(f, t) + 1 > MAX_SPAN) {
      setChildren(msg, errorBox({ message: '日期范围最长 ' + MAX_SPAN + ' 天' }));
      return;
    }
    ctx.navigate('hw-stats', { school_id: schoolId, from: f, to: t });
  });
  const box = h('div', { class: 'hw-stats', id: 'hw-stats', 'aria-live': 'polite' });
  const title = h('h1', { class: 'page-title' }, district ? '作业统计（全区）' : '作业统计');
  const trail = h('div');
  const p = await loadPolicy().catch(() => null);
  if (ctx.signal.aborted) return;
  hwPage(main, 'page-hw-stats', bureau ? trail : areaNav('hw-stats', ctx.signal), title,
    '各班每天布置的书面作业用时与上限（' + noWrittenGrades(p) + '不布置书面家庭作业；' + dailyLimitsText(p) +
      '；节假日按区设定），家长报告的实际用时、系统拒绝的布置和教师批改登记。',
    filters,
    box);
  if (district) ctx.setTitle('作业统计（全区）');

  const d = await load(box, ctx, '/api/v1/homework-stats', q);
  if (!d) return;
  inFrom.value = d.from;
  inTo.value = d.to;
  const xq = new URLSearchParams({ from: d.from, to: d.to });
  if (schoolId) xq.set('school_id', schoolId);
  exportLink.href = '/api/v1/homework-stats.xlsx?' + xq;
  exportLink.setAttribute('download', '作业统计_' + d.from + '_' + d.to + '.xlsx');
  exportLink.hidden = false;
  const schoolName = ((d.days || [])[0] || (d.schools || [])[0] || {}).school_name || '';
  if (bureau && schoolId) {
    setChildren(trail, crumbs([['作业统计（全区）', '#/hw-stats?' + new URLSearchParams({ from: d.from, to: d.to })], [schoolName || '学校', null]]));
    setChildren(title, '作业统计', h('span', { class: 'title-sub' }, schoolName));
  } else if (!bureau && schoolName) {
    setChildren(title, '作业统计', h('span', { class: 'title-sub' }, schoolName));
  }
  setChildren(box, h('p', { class: 'hw-range', id: 'hw-range' }, shortDate(d.from) + ' 至 ' + shortDate(d.to)), statsBody(d, district));
  // On a phone the map scrolls sideways: start at the latest days.
  const wrap = box.querySelector('.heat-wrap');
  if (wrap) wrap.scrollLeft = wrap.scrollWidth;
}

/* ---- 待审核作业 ---- */

export async function renderPending(main, ctx) {
  const box = h('div', { id: 'pending-list', 'aria-live': 'polite' });
  const msg = h('div', { class: 'form-msg', id: 'pending-msg', 'aria-live': 'polite' });
  const headTeacher = session.user.role === 'teacher';
  hwPage(main, 'page-hw-pending', areaNav('hw-pending', ctx.signal), '待审核作业',
    headTeacher ? '您是年级组长：本年级其他教师布置的作业经您审核通过才公示；待审核的作业已占用当天的书面作业时长。'
      : '开启作业审核后，教师布置的作业经校长、教导处或年级组长审核通过才公示；待审核的作业已占用当天的书面作业时长。',
    msg,
    box);

  async function draw(okText) {
    const [d, st] = await Promise.all([
      load(box, ctx, '/api/v1/homework/pending'),
      api('GET', '/api/v1/schools/' + encodeURIComponent(String(session.user.school_id)) + '/homework-settings', { signal: ctx.signal }).catch(() => null),
    ]);
    if (!d) return;
    if (okText) setChildren(msg, notice(okText, 'success'));
    const items = Array.isArray(d.items) ? d.items : [];
    setChildren(box,
      st && !st.approval ? notice('本校未开启作业审核，教师布置的作业直接公示。' + (headTeacher ? '' : '可在“作业设置”中开启。'), 'info') : null,
      items.length ? h('div', { class: 'hw-list' }, items.map((it) => itemView(it, {
        status: true,
        meta: h('span', null, it.class_name + ' · ' + shortDate(it.assigned_on) + ' · ' + (it.poster || '')),
        extra: it.day ? h('p', { class: 'hw-day-total' + (it.day.written_minutes > it.day.limit_minutes ? ' is-over' : '') },
          '当日书面作业（含待审核）' + it.day.written_minutes + ' / ' + it.day.limit_minutes + ' 分钟 · ' + kindName(it.day.day_kind)) : null,
        actions: [
          h('button', { type: 'button', class: 'btn btn-small btn-primary hw-approve', onclick: (ev) => approve(it, ev.currentTarget) }, '通过'),
          h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet hw-return', onclick: () => giveBack(it) }, '退回'),
        ],
      }))) : notice('没有待审核的作业。', 'success'));
  }

  const review = (it, body) => api('POST', '/api/v1/homework/' + encodeURIComponent(String(it.id)) + '/review', { body, signal: ctx.signal });

  async function approve(it, btn) {
    const r = await sendLocked({ root: box, btn, busyText: '正在提交…', msg, signal: ctx.signal, call: () => review(it, { action: 'approve', reason: '' }) });
    if (r) draw('已通过“' + it.title + '”，作业已公示。');
  }

  function giveBack(it) {
    const reason = h('textarea', { rows: '3', maxlength: '200', placeholder: '如 与本周其他学科作业重复，请调整' });
    confirmDialog({
      title: '退回作业',
      body: [
        h('p', null, it.class_name + ' ', h('strong', null, it.subject + '《' + it.title + '》'), '（' + it.minutes + ' 分钟）'),
        h('p', { class: 'field-hint' }, '退回后释放占用的时长，教师可重新布置。'),
        field('pending-reason', '退回原因', reason),
      ],
      confirmText: '退回',
      busyText: '正在退回…',
      signal: ctx.signal,
      focus: reason,
      action: () => {
        if (!reason.value.trim()) throw new Error('请写明退回原因');
        return review(it, { action: 'return', reason: reason.value.trim() });
      },
    }).then((r) => { if (r && !ctx.signal.aborted) draw('已退回“' + it.title + '”。'); });
  }

  await draw(null);
}

/* ---- 作业设置 ---- */

const PLAN_MAX = 5000;

export async function renderSettings(main, ctx) {
  const sid = session.user.school_id;
  const box = h('div', { id: 'settings-box', 'aria-live': 'polite' });
  hwPage(main, 'page-hw-settings', areaNav('hw-settings', ctx.signal), '作业设置',
    '本校作业管理方案（一校一案）在每个班级的作业公示页上公开；可选择教师布置作业是否须经审核。',
    box);
  if (sid === null || sid === undefined) {
    setChildren(box, notice('您的账号没有关联学校。', 'warn'));
    return;
  }
  const path = '/api/v1/schools/' + encodeURIComponent(String(sid)) + '/homework-settings';
  const d = await load(box, ctx, path);
  if (!d) return;

  const approval = h('input', { type: 'checkbox', id: 'hw-approval', checked: !!d.approval });
  // issue 12: whether a head teacher may post subjects of the class they do not teach
  const headAny = h('input', { type: 'checkbox', id: 'hw-head-any', checked: d.head_any_subject !== false });
  const plan = h('textarea', { rows: '14', maxlength: String(PLAN_MAX), class: 'plan-text', placeholder: '如：一、作业总量控制……二、作业分层设计……三、批改与讲评……' });
  plan.value = d.plan || '';
  const counter = h('p', { class: 'field-hint', id: 'hw-plan-count', 'aria-live': 'polite' });
  const countNow = () => { counter.textContent = charLen(plan.value) + ' / ' + PLAN_MAX + ' 字'; };
  plan.addEventListener('input', countNow);
  countNow();
  const stamp = h('p', { class: 'field-hint', id: 'hw-settings-stamp' }, d.updated_at ? '上次保存：' + formatInstant(d.updated_at) : '尚未保存过');
  const msg = h('div', { class: 'form-msg', id: 'hw-settings-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'hw-settings-save' }, '保存');
  const form = h('form', { class: 'card', id: 'hw-settings-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { class: 'check', for: 'hw-approval' }, approval, '教师布置的作业须经校长或教导处审核后公示'),
      h('label', { class: 'check', for: 'hw-head-any' }, headAny, '班主任可以为本班布置自己不任教学科的作业'),
      h('p', { class: 'field-hint' }, '关闭时，作业符合规定即直接公示。')),
    h('div', { class: 'field' },
      h('label', { for: 'hw-plan' }, '作业管理方案（一校一案）'),
      plan, counter),
    msg,
    h('div', { class: 'form-actions' }, btn),
    stamp);
  plan.id = 'hw-plan';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    if (charLen(plan.value) > PLAN_MAX) {
      setChildren(msg, errorBox({ message: '方案最多 ' + PLAN_MAX + ' 字' }));
      plan.focus();
      return;
    }
    const r = await sendLocked({
      root: form, btn, busyText: '正在保存…', msg, signal: ctx.signal,
      call: () => api('PUT', path, { body: { approval: approval.checked, plan: plan.value, head_any_subject: headAny.checked }, signal: ctx.signal }),
    });
    if (!r) return;
    setChildren(msg, notice('已保存。' + (r.approval ? '作业审核已开启。' : '作业审核已关闭。'), 'success'));
    if (r.updated_at) stamp.textContent = '上次保存：' + formatInstant(r.updated_at);
  });
  setChildren(box, form);
}
