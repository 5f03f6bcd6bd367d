// examdistrict.js - 考试管理（全区）: for the bureau, each school's exam plans
// of the term judged grade by grade against the pack (EX_FINAL_ONCE,
// EX_MIDTERM, EX_G12_PAPER, EX_FORBIDDEN_KIND), a Chart.js bar chart of the
// plans per grade beside its table, and the .xlsx export. Counts only.

import { h, setChildren, notice, chip } from './dom.js';
import { gradeName } from './org.js';
import { select, load, hwPage } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { pagerBar } from './paging.js';
import { loadTerms, termPicker } from './asshared.js';
import { barChart } from './charts.js';
import { examErrorBox } from './examshared.js';

/** The cursors of the pages before this one, per term and grade. */
const trails = new Map();
function trailOf(key, cursor) {
  if (!trails.has(key) || !cursor) trails.set(key, { stack: [] });
  return trails.get(key);
}

export async function renderExamDistrict(main, ctx) {
  const pick = h('div', { class: 'card hw-pick' });
  const box = h('div', { id: 'ex-district', 'aria-live': 'polite' });
  hwPage(main, 'page-exam-district', null, '考试管理（全区）',
    '各校各年级本学期的考试安排是否符合规定：每学期一次期末考试，初中至多一次期中考试，小学一、二年级不进行纸笔考试，不组织单元考试、月考（五(四)4、B13）。', pick, box);
  let t;
  try {
    t = await loadTerms(ctx.signal, ctx.params.get('term'));
  } catch (e) {
    if (!ctx.signal.aborted) setChildren(box, examErrorBox(e));
    return;
  }
  if (ctx.signal.aborted || !t.current) return;
  const term = t.current;
  const grade = ctx.params.get('grade') || '';
  const go = (p) => ctx.navigate('exam-district', { term: term.id, grade, ...p });
  const gsel = select([['', '全部年级'], ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((g) => [String(g), gradeName(g)])], { id: 'ex-grade-filter' });
  gsel.value = grade;
  gsel.addEventListener('change', () => go({ grade: gsel.value }));
  const q = new URLSearchParams({ term_id: term.id, ...(grade ? { grade } : {}) });
  const xlsx = h('a', { class: 'btn', id: 'ex-export', href: '/api/v1/exams.xlsx?' + q, download: '考试安排_' + term.name + '.xlsx' }, '导出 Excel');
  setChildren(pick, h('div', { class: 'field-pair' }, termPicker(t.items, term, (id) => go({ term: id }), 'ex-term'),
    h('div', { class: 'field' }, h('label', { for: 'ex-grade-filter' }, '年级'), gsel)), h('div', { class: 'form-actions' }, xlsx));
  const cursor = ctx.params.get('cursor') || '';
  const d = await load(box, ctx, '/api/v1/exams', { term_id: term.id, grade, cursor, limit: 50 });
  if (!d) return;
  const s = d.totals || {};
  const byGrade = (s.by_grade || []).filter((x) => x.plans > 0);
  const items = d.items || [];
  const next = d.next_cursor === null || d.next_cursor === undefined ? null : String(d.next_cursor);
  const href = (x) => '#/exams?' + new URLSearchParams({ school_id: x.school_id, term: term.id });
  const off = (s.grades_planned ?? 0) - (s.grades_within_rules ?? 0);
  setChildren(box,
    h('div', { class: 'figures', id: 'ex-totals' },
      figure('学校', s.schools ?? 0), figure('考试安排', s.plans ?? 0),
      figure('已安排考试的年级', s.grades_planned ?? 0), figure('不符合规定的年级', off, off ? 'bad' : null)),
    section('各年级考试安排', null, byGrade.length ? h('div', { class: 'chart-row' },
      barChart('各年级考试安排（所）', byGrade.map((x) => gradeName(x.grade)),
        [{ label: '期末考试', data: byGrade.map((x) => x.finals) }, { label: '期中考试', data: byGrade.map((x) => x.midterms) }], { stacked: true }),
      table('ex-by-grade', [['年级', (x) => gradeName(x.grade), 'cell-title'], ['学校', (x) => String(x.schools), 'num'],
        ['期末', (x) => String(x.finals), 'num'], ['期中', (x) => String(x.midterms), 'num'],
        ['符合规定', (x) => x.schools_within_rules + ' / ' + x.schools, 'num']], byGrade)) : notice('本学期还没有考试安排。', 'info'), 'ex-grade-title'),
    section('各校考试安排', items.length, items.length ? [table('ex-schools', [
      ['学校', (x) => h('a', { class: 'school-link', href: href(x) }, x.school_name), 'cell-title'],
      ['考试安排', (x) => String(x.plans), 'num'],
      ['已安排年级', (x) => String(x.grades_planned), 'num'],
      ['符合规定', (x) => (!x.grades_planned ? chip('尚未登记', 'warn')
        : x.grades_within_rules === x.grades_planned ? chip('全部符合', 'ok') : chip((x.grades_planned - x.grades_within_rules) + ' 个年级不符合', 'danger'))],
    ], items), pagerBar(ctx, 'exam-district', { term: term.id, grade }, cursor, next, trailOf(term.id + ':' + grade, cursor), items.length, '所')] : null, 'ex-schools-title'));
}
