// fmdistrict.js - 五项管理（全区） (district admin, inspector): per school the
// share of children sleeping under the floor, phone and reading averages,
// as a chart with the same numbers in a table, the district's totals, an
// .xlsx export and a print view. Each school links to its own page.

import { h, setChildren } from './dom.js';
import { hwPage, load } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { barChart } from './charts.js';
import { minutesText, percentText, termPicker, printButton } from './fmshared.js';

export async function renderFmDistrict(main, ctx) {
  const box = h('div', { id: 'fm-district', 'aria-live': 'polite' });
  hwPage(main, 'page-fm-district', null, '五项管理（全区）', '各校家长每周填报的睡眠、手机和阅读情况（五(四)5，B21、B22）。点学校名称查看各班情况和能否按时就寝。', box);
  const terms = await load(box, ctx, '/api/v1/terms');
  if (!terms) return;
  const term = ctx.params.get('term_id') || '';
  const d = await load(box, ctx, '/api/v1/five-managements', term ? { term_id: term } : undefined);
  if (!d) return;
  const t = d.totals;
  const reporting = d.schools.filter((s) => s.students > 0);
  const href = (s) => '#/fm?' + new URLSearchParams({ school_id: s.school_id, term_id: d.term_id });
  setChildren(box,
    h('div', { class: 'fm-head' }, termPicker('fm-term', terms.items || [], d.term_id, (id) => ctx.navigate('fm-district', { term_id: id })),
      h('a', { class: 'btn no-print', id: 'fm-export', href: '/api/v1/five-managements.xlsx?term_id=' + d.term_id, download: 'five-managements.xlsx' }, '导出 Excel'),
      printButton('fm-print')),
    h('p', { class: 'fm-term-line' }, d.term.name + '，统计至 ' + d.weeks.to),
    h('div', { class: 'figures', id: 'fm-totals' },
      figure('有填报的学校', t.schools_reporting + ' / ' + t.schools), figure('填报学生', t.students),
      figure('睡眠不足比例', percentText(t.under_percent), t.under ? 'bad' : null),
      figure('每天用手机（平均）', minutesText(t.phone_average)), figure('每天阅读（平均）', minutesText(t.reading_average))),
    section('各校情况', d.schools.length, [
      reporting.length ? barChart('各校睡眠不足比例（%）', reporting.map((s) => s.name), [{ label: '睡眠不足比例', data: reporting.map((s) => s.under_percent) }], { horizontal: reporting.length > 12 }) : null,
      table('fm-schools', [['学校', (s) => h('a', { class: 'school-link', href: href(s) }, s.name), 'cell-title'],
        ['填报学生', (s) => String(s.students), 'num'], ['睡眠不足', (s) => String(s.under), 'num'], ['比例', (s) => percentText(s.under_percent), 'num'],
        ['手机', (s) => minutesText(s.phone_average), 'num'], ['阅读', (s) => minutesText(s.reading_average), 'num']], d.schools)]));
}
