// health.js - 体质健康 (五(四)5, B22.3, B28.1, B28.4): a school's figures for a
// term (physical activity per class, fitness pass and excellence rates by
// grade, poor-vision rate by grade and its change, classes behind on this
// term's screenings) with the fitness spreadsheet import, and the bureau's
// view of every school with its .xlsx export. Every number the rules use
// comes from the answer or GET /api/v1/policy, never from this file.

import { api, session, upload, isAbort } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';
import { barChart } from './charts.js';
import { load, hwPage } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { loadTerms, termPicker, ownSchool } from './asshared.js';
import { crumbs, gradeName } from './org.js';
import { pack, peDailyText } from './policytext.js';

/** 不足 <the pack's daily floor>, e.g. 不足 1 小时. */
const shortOf = () => '不足 ' + (peDailyText(pack()) || '每日标准');

const BUREAU = ['district_admin', 'inspector'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A rate with one decimal as text ("—" over nothing). */
export const pct = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1) + '%');
/** A change in percentage points, signed. */
export const pts = (v) => (v === null || v === undefined ? '—' : (v > 0 ? '+' : '') + Number(v).toFixed(1) + ' 个百分点');
const num = (v) => (v === null || v === undefined ? '—' : String(v));
const one = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1));

/** A chart and its table side by side (the table is what prints and what a screen reader reads). */
function chartWithTable(chart, tbl) {
  return h('div', { class: 'chart-pair he-chart-pair' }, h('div', { class: 'he-chart' }, chart), h('div', null, tbl));
}

function printButton() {
  return h('button', { type: 'button', class: 'btn no-print', id: 'he-print', onclick: () => window.print() }, '打印');
}

/** The district's terms and the one to show; null when box says why not. */
async function termsIn(box, ctx) {
  try {
    const t = await loadTerms(ctx.signal, ctx.params.get('term'));
    if (!t.current && !ctx.signal.aborted) setChildren(box, notice('本区还没有设置学期。', 'warn'));
    return t.current && !ctx.signal.aborted ? t : null;
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, errorBox(e));
    return null;
  }
}

/* ---- a school ---- */

function activitySection(a) {
  const cls = Array.isArray(a.classes) ? a.classes : [];
  const withDays = cls.filter((c) => c.days);
  return [
    section('体育活动（每天 ' + a.minutes_required + ' 分钟、眼保健操 ' + a.eye_required + ' 次）', a.class_days,
      [h('p', { class: 'he-rule' }, h('code', { class: 'rule-code' }, 'MG_PE_DAILY'), ' ', h('code', { class: 'rule-code' }, 'MG_EYE_EXERCISES'),
        h('span', { class: 'sub' }, ' ' + (a.clause_pe || '') + '：体育课、大课间和其他校内体育活动的分钟数合计；不足的班级日被标记。')),
      withDays.length ? chartWithTable(
        barChart('各班日均体育活动（分钟）', withDays.map((c) => c.name), [{ label: '日均分钟', data: withDays.map((c) => c.average_minutes) }]),
        // 20-odd classes: folded on a phone, where each row is a block.
        h('details', { class: 'collapsible he-class-fold', open: window.matchMedia('(min-width: 760px)').matches },
          h('summary', null, '各班登记情况（' + cls.length + ' 个班）'), table('he-activity-table', [
          ['班级', (c) => h('a', { href: '#/health-entry?class_id=' + c.class_id }, c.name), 'cell-title'],
          ['登记天数', (c) => num(c.days), 'num'],
          ['日均分钟', (c) => num(c.average_minutes), 'num'],
          [shortOf(), (c) => (c.pe_short_days ? chip(c.pe_short_days + ' 天', 'warn') : '0'), 'num'],
          ['眼保健操不足', (c) => (c.eye_short_days ? chip(c.eye_short_days + ' 天', 'warn') : '0'), 'num'],
        ], cls))) : notice('本学期还没有班级登记体育活动。', 'info')], 'he-activity-title'),
  ];
}

function fitnessSection(ft) {
  const grades = Array.isArray(ft.grades) ? ft.grades : [];
  const lv = ft.levels || {};
  return section('体质测试（国家学生体质健康标准）', ft.tested, [
    h('p', { class: 'he-rule' }, h('code', { class: 'rule-code' }, 'MG_FITNESS'),
      h('span', { class: 'sub' }, ' ' + (ft.clause || '') + '：总分（含加分）0–' + one(ft.max_total) + '；优秀 ≥ ' + one(lv.excellent)
        + '，良好 ≥ ' + one(lv.good) + '，及格 ≥ ' + one(lv.pass) + '。')),
    grades.length ? chartWithTable(
      barChart('各年级及格率与优秀率（%）', grades.map((g) => gradeName(g.grade)),
        [{ label: '及格率', data: grades.map((g) => g.pass_rate) }, { label: '优秀率', data: grades.map((g) => g.excellent_rate) }]),
      table('he-fitness-table', [
        ['年级', (g) => gradeName(g.grade), 'cell-title'],
        ['测试人数', (g) => num(g.tested), 'num'],
        ['优秀', (g) => num(g.excellent), 'num'], ['良好', (g) => num(g.good), 'num'],
        ['及格', (g) => num(g.pass), 'num'], ['不及格', (g) => num(g.fail), 'num'],
        ['及格率', (g) => pct(g.pass_rate), 'num'], ['优秀率', (g) => pct(g.excellent_rate), 'num'],
      ], grades)) : notice('本学期还没有导入体质测试成绩。', 'info'),
  ], 'he-fitness-title');
}

function visionSection(v) {
  const grades = Array.isArray(v.grades) ? v.grades : [];
  const late = Array.isArray(v.overdue_classes) ? v.overdue_classes : [];
  return [
    section('视力筛查（每学期 ' + v.per_term + ' 次）', v.screened, [
      h('p', { class: 'he-rule' }, h('code', { class: 'rule-code' }, 'MG_VISION_SCREENING'),
        h('span', { class: 'sub' }, ' ' + (v.clause || '') + '：任一眼裸眼视力低于 ' + one(v.myopia_below)
          + ' 或戴镜矫正计为视力不良；变化为同一批学生最近一次与上一次筛查相比。')),
      grades.length ? chartWithTable(
        barChart('各年级视力不良率（%）', grades.map((g) => gradeName(g.grade)),
          [{ label: '最近一次', data: grades.map((g) => g.rate) }, { label: '上一次', data: grades.map((g) => g.previous_rate) }]),
        table('he-vision-table', [
          ['年级', (g) => gradeName(g.grade), 'cell-title'],
          ['筛查人数', (g) => num(g.screened), 'num'],
          ['视力不良', (g) => num(g.poor), 'num'],
          ['不良率', (g) => pct(g.rate), 'num'],
          ['上一次', (g) => pct(g.previous_rate), 'num'],
          ['变化', (g) => (g.change > 0 ? chip(pts(g.change), 'warn') : pts(g.change)), 'num'],
        ], grades)) : notice('本学期还没有视力筛查记录。', 'info')], 'he-vision-title'),
    section('筛查逾期的班级', late.length, late.length
      ? table('he-overdue-table', [
        ['班级', (c) => h('a', { href: '#/health-entry?class_id=' + c.class_id + '&tab=vision' }, c.name), 'cell-title'],
        ['本学期已筛查', (c) => c.screenings + ' / ' + c.due + ' 次', 'num'],
        ['已筛查学生', (c) => c.screened + ' / ' + c.students, 'num'],
        ['最近一次', (c) => c.last_day || '—', 'nowrap'],
      ], late)
      : notice('按进度应完成的视力筛查都已完成（目前应完成 ' + v.due_now + ' 次）。', 'success'), 'he-overdue-title'),
  ];
}

/** The fitness spreadsheet: check first (dry run), then import. */
function importForm(ctx, sid, termId, done) {
  const file = h('input', { type: 'file', id: 'he-fit-file', accept: '.csv,.xlsx,text/csv,' + XLSX_TYPE });
  const out = h('div', { id: 'he-fit-out', 'aria-live': 'polite' });
  const check = h('button', { type: 'button', class: 'btn', id: 'he-fit-check' }, '检查文件');
  const go = h('button', { type: 'button', class: 'btn btn-primary', id: 'he-fit-import' }, '导入');
  async function send(dry) {
    const f = file.files && file.files[0];
    if (!f) {
      setChildren(out, errorBox({ message: '请先选择体质测试成绩文件（CSV 或 Excel）' }));
      return;
    }
    check.disabled = go.disabled = true;
    try {
      const r = await upload('POST', '/api/v1/imports/fitness', f, {
        query: { term_id: termId, dry_run: dry ? 1 : '' },
        contentType: /\.xlsx$/i.test(f.name) ? XLSX_TYPE : 'text/csv',
        signal: ctx.signal,
      });
      const lv = r.levels || {};
      setChildren(out, notice((dry ? '检查通过，可以导入：' : '已导入：') + r.rows + ' 名学生（优秀 ' + lv.excellent + '，良好 ' + lv.good
        + '，及格 ' + lv.pass + '，不及格 ' + lv.fail + '）' + (dry ? '' : '，其中更新 ' + r.updated + ' 名')
        + (r.ignored_columns && r.ignored_columns.length ? '；未读取的列：' + r.ignored_columns.join('、') : '') + '。', 'success'));
      if (!dry) done();
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      const rows = (e.details && Array.isArray(e.details.errors)) ? e.details.errors : [];
      setChildren(out, errorBox(e, rows.length ? h('ul', { class: 'he-errors' },
        rows.slice(0, 50).map((x) => h('li', null, '第 ' + x.line + ' 行 ' + (x.column || '') + '：' + x.message))) : null));
    } finally {
      check.disabled = go.disabled = false;
    }
  }
  check.addEventListener('click', () => send(true));
  go.addEventListener('click', () => send(false));
  return h('div', { class: 'card he-import no-print', id: 'he-import' },
    h('h2', { class: 'section-title' }, '导入体质测试成绩'),
    h('p', { class: 'sub' }, '使用学校上报《国家学生体质健康标准》数据的表格：需有 学籍号（或 学生编号）、姓名、年级、总分 列，各单项成绩列照原样保存。'
      + '任何一行有错都不会导入，并逐行说明原因。'),
    h('div', { class: 'field' }, h('label', { for: 'he-fit-file' }, '成绩文件'), file),
    h('div', { class: 'form-actions' }, check, go), out);
}

export async function renderHealth(main, ctx) {
  const bureau = BUREAU.includes(session.user.role);
  const sid = bureau ? (/^[1-9]\d*$/.test(ctx.params.get('school_id') || '') ? ctx.params.get('school_id') : null) : ownSchool();
  const box = h('div', { class: 'he-body', id: 'health-box', 'aria-live': 'polite' });
  const pick = h('div', { class: 'card as-pick no-print' });
  const top = h('div');
  const head = h('h1', { class: 'page-title' }, '体质健康');
  hwPage(main, 'page-health', top, head,
    '学生每天体育锻炼一小时、两次眼保健操（B28.1），体质健康测试（B28.4），每学期两次视力筛查（B22.3）。', pick, box);
  if (!sid) {
    setChildren(box, notice(bureau ? '请先在“体质健康（全区）”中选择一所学校。' : '您的账号没有关联学校。', 'warn'));
    return;
  }
  const t = await termsIn(box, ctx);
  if (!t) return;
  setChildren(pick, termPicker(t.items, t.current, (id) => ctx.navigate('health', { school_id: bureau ? sid : '', term: id }), 'he-term'),
    printButton());
  if (bureau) setChildren(top, crumbs([['体质健康（全区）', '#/health-district?term=' + t.current.id], ['学校', null]]));
  else setChildren(top, h('p', { class: 'as-links no-print' }, h('a', { href: '#/health-entry' }, '登记体育活动与视力筛查 ›')));
  async function draw() {
    const d = await load(box, ctx, '/api/v1/schools/' + sid + '/health', { term_id: t.current.id });
    if (!d) return;
    const a = d.activity || {}, ft = d.fitness || {}, v = d.vision || {};
    setChildren(box,
      h('p', { class: 'he-term-line' }, (d.term && d.term.name) || ''),
      h('div', { class: 'figures he-figures', id: 'he-summary' },
        figure('登记的班级日', num(a.class_days)),
        figure('日均体育活动', a.average_minutes === null || a.average_minutes === undefined ? '—' : a.average_minutes + ' 分钟'),
        figure(shortOf() + '的班级日', pct(a.pe_short_rate), a.pe_short_days ? 'bad' : null),
        figure('体质测试及格率', pct(ft.pass_rate)),
        figure('体质测试优秀率', pct(ft.excellent_rate)),
        figure('视力不良率', pct(v.rate)),
        figure('视力不良率变化', pts(v.change), v.change > 0 ? 'bad' : null),
        figure('筛查逾期班级', num(v.classes_overdue), v.classes_overdue ? 'bad' : null)),
      activitySection(a), fitnessSection(ft), visionSection(v),
      bureau ? null : importForm(ctx, sid, t.current.id, draw));
  }
  await draw();
}

/* ---- the district ---- */

export async function renderHealthDistrict(main, ctx) {
  const box = h('div', { class: 'he-body', id: 'health-district-box', 'aria-live': 'polite' });
  const pick = h('div', { class: 'card as-pick no-print' });
  hwPage(main, 'page-health page-health-district', null, '体质健康（全区）',
    '各校体育活动登记、体质测试及格率与优秀率、视力不良率及其变化、视力筛查逾期的班级（B22、B28）。', pick, box);
  const t = await termsIn(box, ctx);
  if (!t) return;
  const xlsx = h('a', { class: 'btn no-print', id: 'he-export', href: '/api/v1/health.xlsx?term_id=' + t.current.id,
    download: '体质健康_' + t.current.name + '.xlsx' }, '导出 Excel');
  setChildren(pick, termPicker(t.items, t.current, (id) => ctx.navigate('health-district', { term: id }), 'he-term'), xlsx, printButton());
  const d = await load(box, ctx, '/api/v1/health', { term_id: t.current.id, limit: 1000 });
  if (!d) return;
  const rows = Array.isArray(d.items) ? d.items : [];
  const tot = d.totals || {};
  const ta = tot.activity || {}, tf = tot.fitness || {}, tv = tot.vision || {};
  const link = (x) => h('a', { href: '#/health?school_id=' + x.id + '&term=' + t.current.id }, x.name);
  setChildren(box,
    h('div', { class: 'figures he-figures', id: 'he-district-summary' },
      figure('登记的班级日', num(ta.class_days)),
      figure(shortOf() + '的班级日', pct(ta.pe_short_rate), ta.pe_short_days ? 'bad' : null),
      figure('体质测试人数', num(tf.tested)),
      figure('及格率', pct(tf.pass_rate)),
      figure('优秀率', pct(tf.excellent_rate)),
      figure('视力不良率', pct(tv.rate)),
      figure('较上次变化', pts(tv.change), tv.change > 0 ? 'bad' : null),
      figure('筛查逾期班级', num(tv.classes_overdue), tv.classes_overdue ? 'bad' : null)),
    rows.length ? [
      h('div', { class: 'chart-pair' },
        h('div', { class: 'he-chart' }, barChart('各校体质测试及格率与优秀率（%）', rows.map((x) => x.name),
          [{ label: '及格率', data: rows.map((x) => x.fitness.pass_rate) }, { label: '优秀率', data: rows.map((x) => x.fitness.excellent_rate) }])),
        h('div', { class: 'he-chart' }, barChart('各校视力不良率（%）', rows.map((x) => x.name),
          [{ label: '最近一次', data: rows.map((x) => x.vision.rate) }, { label: '上一次', data: rows.map((x) => x.vision.previous_rate) }]))),
      section('各校情况', rows.length, table('he-district-table', [
        ['学校', link, 'cell-title'],
        ['班级日', (x) => num(x.activity.class_days), 'num'],
        [shortOf(), (x) => pct(x.activity.pe_short_rate), 'num'],
        ['日均分钟', (x) => num(x.activity.average_minutes), 'num'],
        ['体测人数', (x) => num(x.fitness.tested), 'num'],
        ['及格率', (x) => pct(x.fitness.pass_rate), 'num'],
        ['优秀率', (x) => pct(x.fitness.excellent_rate), 'num'],
        ['视力不良率', (x) => pct(x.vision.rate), 'num'],
        ['变化', (x) => pts(x.vision.change), 'num'],
        ['筛查逾期班级', (x) => (x.vision.classes_overdue ? chip(String(x.vision.classes_overdue), 'danger') : '0'), 'num'],
      ], rows), 'he-schools-title'),
    ] : notice('没有学校。', 'info'));
}
