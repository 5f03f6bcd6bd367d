// svdash.js - 督导评估看板 for the director: every school's A-level results
// as ranked bars and a grid (schools ranked; never a student), the B items
// that move each A, the district's trend over rounds, a print view on A4 and
// the .xlsx of every figure; and the 专项督导 list (SV_SPECIAL) with a way to
// put a school on the next visit plan.

import { h, setChildren, notice, chip } from './dom.js';
import { api } from './api.js';
import { hwPage, load } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { barChart } from './charts.js';
import { fig, roundPicker } from './svshared.js';

async function pickRound(box, ctx) {
  const r = await load(box, ctx, '/api/v1/supervision/rounds', { limit: 200 });
  if (!r) return null;
  const rounds = r.items || [];
  if (!rounds.length) { setChildren(box, notice('还没有督导评估。', 'info')); return null; }
  const want = ctx.params.get('round');
  return { rounds, current: rounds.find((x) => String(x.id) === want) || rounds[rounds.length - 1] };
}

export async function renderSvDashboard(main, ctx) {
  const pick = h('div', { class: 'card hw-pick no-print' });
  const box = h('div', { id: 'sv-dashboard', 'aria-live': 'polite' });
  hwPage(main, 'page-sv-dashboard', null, '督导评估看板',
    '各校A级指标得分（百分制，由C级评定按权重汇总）、各A级中较弱的B级指标、历轮趋势。学校按综合得分排列；不涉及任何学生。', pick, box);
  const p = await pickRound(box, ctx);
  if (!p) return;
  const d = await load(box, ctx, '/api/v1/supervision/rounds/' + p.current.id + '/dashboard');
  if (!d) return;
  setChildren(pick, h('div', { class: 'field-pair' }, roundPicker(p.rounds, p.current.id, (id) => ctx.navigate('sv-dashboard', { round: id }), 'sv-round-pick')),
    h('div', { class: 'form-actions' },
      h('button', { class: 'btn', type: 'button', id: 'sv-print', onclick: () => window.print() }, '打印 / 导出 PDF'),
      h('a', { class: 'btn', id: 'sv-export', href: '/api/v1/supervision/rounds/' + p.current.id + '/export.xlsx', download: '督导评估_' + p.current.name + '.xlsx' }, '导出 Excel'),
      h('a', { class: 'btn', href: '#/sv-special?round=' + p.current.id }, '专项督导名单')));
  const aIds = d.a_items.map((a) => a.id);
  const scored = d.schools.filter((x) => x.total !== null);
  const trend = d.trend.filter((t) => t.total !== null);
  setChildren(box,
    h('h2', { class: 'print-only sv-print-title' }, d.round.name),
    h('div', { class: 'figures', id: 'sv-district' }, figure('参评学校', d.schools.length), figure('已评定', scored.length),
      figure('全区综合', fig(d.district.total))),
    section('各校综合得分（排序）', scored.length, h('div', { class: 'chart-row' },
      tall(barChart('各校综合得分（百分制）', scored.map((x) => x.school_name), [{ label: '综合', data: scored.map((x) => x.total) }], { horizontal: true }), scored.length),
      table('sv-ranked', [['序', (x, i) => String(scored.indexOf(x) + 1), 'num'], ['学校', (x) => x.school_name, 'cell-title'], ['综合', (x) => fig(x.total), 'num']], scored)), 'sv-ranked-title'),
    section('A级指标网格', null, table('sv-grid', [
      ['学校', (x) => x.school_name, 'cell-title'],
      ...aIds.map((id, i) => [id, (x) => h('span', { class: 'sv-cell ' + band(x.a[i]) }, fig(x.a[i])), 'num', (x) => x.a[i] ?? -1]),
      ['综合', (x) => fig(x.total), 'num', (x) => x.total ?? -1],
    ], d.schools, { sort: true }), 'sv-grid-title'),
    h('p', { class: 'sub' }, d.a_items.map((a) => a.id + ' ' + a.title).join('；')),
    section('影响各A级的B级指标（全区平均，较弱在前）', null, h('div', { class: 'sv-movers' }, d.movers.map((m) =>
      h('div', { class: 'card sv-mover' }, h('h3', null, m.a + ' ' + m.title),
        h('ol', null, m.b.map((b) => h('li', null, b.id + ' ' + b.title + '：', h('strong', null, fig(b.mean)))))))), 'sv-movers-title'),
    section('历轮趋势（全区平均）', trend.length, trend.length ? h('div', { class: 'chart-row' },
      barChart('各A级全区平均（百分制）', aIds, trend.map((t) => ({ label: t.term_name, data: t.a }))),
      table('sv-trend', [['轮次', (t) => t.name, 'cell-title'], ...aIds.map((id, i) => [id, (t) => fig(t.a[i]), 'num']), ['综合', (t) => fig(t.total), 'num']], trend)) : notice('还没有已评定的轮次。', 'info'), 'sv-trend-title'),
    overdueSection(d.overdue_notices),
    measuresBox(d.round, ctx));
}

/**
 * The records behind A3 and A4, on the same page: where the written-homework
 * limit was broken (the 作业统计 of the last fortnight) and each school's
 * after-school participation in the round's term. Loaded after the scores.
 */
function measuresBox(round, ctx) {
  const box = h('div', { id: 'sv-measures', 'aria-live': 'polite' });
  (async () => {
    const [hw, as, ethics, cases] = await Promise.all([
      api('GET', '/api/v1/homework-stats', { signal: ctx.signal }).catch(() => null),
      api('GET', '/api/v1/afterschool-metrics', { query: { term: round.term_id, limit: 200 }, signal: ctx.signal }).catch(() => null),
      api('GET', '/api/v1/ethics', { query: { limit: 200 }, signal: ctx.signal }).catch(() => null),
      api('GET', '/api/v1/cases', { query: { limit: 200 }, signal: ctx.signal }).catch(() => null),
    ]);
    if (ctx.signal.aborted) return;
    const over = hw ? [...(hw.schools || [])].sort((a, b) => (b.over_declared + b.over_reported) - (a.over_declared + a.over_reported)) : [];
    const part = as ? [...(as.items || [])].sort((a, b) => (a.participation_percent ?? -1) - (b.participation_percent ?? -1)) : [];
    setChildren(box,
      section('书面作业超过上限的班级天数' + (hw ? '（' + hw.from + ' 至 ' + hw.to + '）' : ''), over.length, over.length ? h('div', { class: 'chart-row' },
        tall(barChart('各校超过书面作业上限的班级天数', over.map((x) => x.school_name),
          [{ label: '布置超限', data: over.map((x) => x.over_declared) }, { label: '家长报告超限', data: over.map((x) => x.over_reported) }], { horizontal: true }), over.length),
        table('sv-hw-over', [
          ['学校', (x) => h('a', { href: '#/hw-stats?school_id=' + x.school_id }, x.school_name), 'cell-title'],
          ['布置超限', (x) => String(x.over_declared), 'num'],
          ['报告超限', (x) => String(x.over_reported), 'num'],
          ['班级天数', (x) => String(x.class_days), 'num'],
        ], over, { sort: true })) : notice(hw ? '这段时间没有作业记录。' : '作业统计暂时无法读取。', 'info'), 'sv-hw-title'),
      section('课后服务参与率（' + round.term_name + '）', part.length, part.length ? h('div', { class: 'chart-row' },
        tall(barChart('各校课后服务参与率（%）', part.map((x) => x.school_name), [{ label: '参与率', data: part.map((x) => x.participation_percent) }], { horizontal: true }), part.length),
        table('sv-as-part', [
          ['学校', (x) => h('a', { href: '#/afterschool?' + new URLSearchParams({ school_id: x.school_id, term: round.term_id }) }, x.school_name), 'cell-title'],
          ['参与率', (x) => (x.participation_percent === null || x.participation_percent === undefined ? '—' : x.participation_percent + '%'), 'num', (x) => x.participation_percent ?? -1],
          ['报名 / 学生', (x) => x.applied + ' / ' + x.students, 'num', (x) => x.applied],
        ], part, { sort: true })) : notice(as ? '本学期还没有课后服务记录。' : '课后服务数据暂时无法读取。', 'info'), 'sv-as-title'),
      casesSection(ethics, cases));
  })();
  return box;
}

/** 逾期未整改: rectification notices past their deadline, worst first, each a link. */
function overdueSection(o) {
  const items = o && Array.isArray(o.items) ? [...o.items].sort((x, y) => (y.days_overdue || 0) - (x.days_overdue || 0)) : [];
  return section('逾期未整改的整改通知', items.length, items.length ? table('sv-overdue', [
    ['学校', (x) => h('a', { href: '#/sv-notices/' + x.id }, (x.school && x.school.name) || ''), 'cell-title'],
    ['下达', (x) => x.issued_on || '', 'nowrap'],
    ['期限', (x) => x.deadline || '', 'nowrap'],
    ['逾期', (x) => chip((x.days_overdue || 0) + ' 天', 'danger'), 'num', (x) => x.days_overdue || 0],
    ['指标', (x) => (x.items || []).map((i) => h('span', { class: 'nowrap', title: i.text || '' }, i.id)).flatMap((n, k) => (k ? ['、', n] : [n]))],
    ['答复', (x) => (x.answered ? chip('已答复，待复查', 'warn') : chip('未答复', 'danger'))],
  ], items, { sort: true }) : notice('没有逾期的整改通知。', 'success'), 'sv-overdue-title');
}

/** A chart of one bar per school gets room for every name (18 px a bar). */
function tall(fig, n) {
  const box = fig.querySelector('.chart-box');
  if (box) box.style.height = Math.max(260, n * 18) + 'px';
  return fig;
}

function band(v) {
  if (v === null || v === undefined) return 'sv-none';
  return v >= 85 ? 'sv-good' : v >= 60 ? 'sv-mid' : 'sv-low';
}

export async function renderSvSpecial(main, ctx) {
  const box = h('div', { id: 'sv-special', 'aria-live': 'polite' });
  hwPage(main, 'page-sv-special', null, '专项督导名单',
    '对工作进展缓慢、成效不明显的学校开展专项督导（六）：综合得分低于阈值的学校，以及依据记录判定的指标比上一轮变差的学校，自动列出并写明原因。', box);
  const round = ctx.params.get('round') || '';
  const d = await load(box, ctx, '/api/v1/supervision/special', round ? { round_id: round } : undefined);
  if (!d) return;
  const items = d.items || [];
  setChildren(box,
    h('p', { class: 'page-lead' }, d.round.name + (d.previous ? '（与 ' + d.previous.name + ' 比较）' : '') + '；阈值 ' + d.threshold + ' 分，规则 ',
      h('code', { class: 'rule-code' }, 'SV_SPECIAL'), '（' + (d.clause || '') + '）。'),
    section('列入专项督导的学校', items.length, items.length ? table('sv-special-list', [
      ['学校', (x) => h('a', { href: '#/sv-school?' + new URLSearchParams({ round: d.round.id, school: x.school_id }) }, x.school_name), 'cell-title'],
      ['综合', (x) => fig(x.total), 'num'],
      ['原因', (x) => h('ul', { class: 'sv-reasons' }, x.reasons.map((r) => h('li', null, r.text)))],
      // the visit form is part SC's (svvisit*.js); this opens it for the school
      ['', (x) => h('a', { class: 'btn no-print sv-plan-visit', href: '#/sv-visits?' + new URLSearchParams({ school_id: x.school_id }) }, '列入下次督导计划')],
    ], items) : notice('本轮没有需要专项督导的学校。', 'success'), 'sv-special-title'));
}

/**
 * 案件: the school year's teacher-ethics cases (B25, 一票否决) by school, and the
 * training-institution penalty cases still open, overdue first. Teachers are
 * not named on the director's page; the case pages hold the details.
 */
function casesSection(ethics, cases) {
  const et = ethics ? (ethics.items || []).filter((x) => x.status === 'active') : [];
  const open = cases ? (cases.items || []).filter((x) => x.stage !== 'close') : [];
  const overdue = open.filter((x) => x.overdue);
  const bySchool = new Map();
  for (const x of et) bySchool.set(x.school_name, (bySchool.get(x.school_name) || 0) + 1);
  return section('案件', et.length + open.length, [
    h('div', { class: 'figures', id: 'sv-cases-figures' },
      figure('师德案件（本学年）', ethics ? et.length : '—', et.length ? 'bad' : null),
      figure('未结的校外培训处罚案件', cases ? open.length : '—'),
      figure('其中逾期未整改', cases ? overdue.length : '—', overdue.length ? 'bad' : null)),
    et.length ? table('sv-ethics', [
      ['学校', (x) => x[0], 'cell-title'],
      ['师德案件', (x) => String(x[1]), 'num'],
    ], [...bySchool.entries()].sort((a, b) => b[1] - a[1]), { sort: true }) : null,
    open.length ? table('sv-ti-cases', [
      ['机构', (x) => h('a', { href: '#/ti-cases/' + x.id }, (x.institution && x.institution.name) || ''), 'cell-title'],
      ['问题', (x) => x.finding_name || x.finding || ''],
      ['进度', (x) => x.stage_name || x.stage || ''],
      ['立案', (x) => x.opened_on || '', 'nowrap'],
      ['逾期', (x) => (x.overdue ? chip('逾期', 'danger') : '—'), 'num', (x) => (x.overdue ? 1 : 0)],
    ], [...overdue, ...open.filter((x) => !x.overdue)], { sort: true }) : null,
  ], 'sv-cases-title');
}
