// survey.js - 满意度调查 for the office (B18.3, B30.2): the list of surveys,
// the publish form (district admin, inspector) and a survey's results - per
// group and question, a Chart.js bar chart beside a table of the same
// numbers, by school for a district survey, a print view and the .xlsx.
// A group under SV_MIN_GROUP answers shows its count only; the number comes
// from the answer (min_group), never from this file. Answers carry no
// person: nothing here can show who answered what.

import { api, session, isAbort } from './api.js';
import { h, setChildren, errorBox, notice, chip, loading } from './dom.js';
import { barChart } from './charts.js';
import { load } from './hwshared.js';
import { table, section } from './hwstats.js';
import { loadTerms } from './asshared.js';

const BUREAU = ['district_admin', 'inspector'];
export const GROUPS = [['parent', '家长'], ['student', '学生（家长代答）'], ['teacher', '教师']];
const groupName = (g) => (GROUPS.find(([k]) => k === g) || [g, g])[1];
const pct = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1) + '%');
const num = (v) => (v === null || v === undefined ? '—' : String(v));

/* ---- the list and the publish form ---- */

function publishForm(ctx, terms, schools) {
  const msg = h('div', { 'aria-live': 'polite' });
  const name = h('input', { type: 'text', id: 'sv-name', maxlength: 100, required: true });
  const boxes = GROUPS.map(([k, t]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sv-group', value: k, checked: true }), ' ', t));
  const scope = h('select', { id: 'sv-school' }, h('option', { value: '' }, '全区所有学校'), schools.map((s) => h('option', { value: String(s.id) }, s.name)));
  const term = h('select', { id: 'sv-term' }, terms.items.map((t) => h('option', { value: String(t.id) }, t.name)));
  if (terms.current) term.value = String(terms.current.id);
  const opens = h('input', { type: 'date', id: 'sv-opens', value: terms.today || '' });
  const closes = h('input', { type: 'date', id: 'sv-closes', value: terms.current ? terms.current.ends_on : '' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'sv-publish' }, '发布调查');
  const form = h('form', { class: 'form no-print', id: 'sv-form' },
    h('div', { class: 'field' }, h('label', { for: 'sv-name' }, '调查名称'), name),
    h('fieldset', { class: 'field' }, h('legend', null, '调查对象（题目取自政策包中各群体的问卷模板）'), boxes),
    h('div', { class: 'field' }, h('label', { for: 'sv-school' }, '范围'), scope),
    h('div', { class: 'field' }, h('label', { for: 'sv-term' }, '学期'), term),
    h('div', { class: 'field' }, h('label', { for: 'sv-opens' }, '开始日期'), opens),
    h('div', { class: 'field' }, h('label', { for: 'sv-closes' }, '截止日期（含当天）'), closes),
    btn, msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    btn.disabled = true;
    setChildren(msg);
    const groups = [...form.querySelectorAll('input[name=sv-group]:checked')].map((x) => x.value);
    const body = { name: name.value.trim(), groups, term_id: Number(term.value), opens: opens.value, closes: closes.value };
    if (scope.value) body.school_id = Number(scope.value);
    try {
      const d = await api('POST', '/api/v1/surveys', { body, signal: ctx.signal });
      location.hash = '#/survey/' + d.item.id;
    } catch (e) {
      if (!isAbort(e)) setChildren(msg, errorBox(e));
    } finally {
      btn.disabled = false;
    }
  });
  return h('details', { class: 'collapsible no-print', id: 'sv-new' }, h('summary', null, '发布新的满意度调查'), form);
}

function listTable(items) {
  return table('sv-list', [
    ['名称', (s) => h('a', { href: '#/survey/' + s.id }, s.name), 'cell-title'],
    ['对象', (s) => s.groups.map(groupName).join('、')],
    ['范围', (s) => s.school || '全区'],
    ['学期', (s) => s.term],
    ['填写时间', (s) => s.opens + ' 至 ' + s.closes],
    ['答卷', (s) => num(s.answers), 'num'],
  ], items);
}

export async function renderSurveys(main, ctx) {
  const box = h('div', { 'aria-live': 'polite' }, loading());
  const top = h('div');
  setChildren(main, h('section', { class: 'page page-surveys' },
    h('h1', { class: 'page-title' }, '满意度调查'),
    h('p', { class: 'page-lead' }, '家长、学生（由家长为每个孩子代答）和教师对课后服务与办学质量的满意度（B18.3、B30.2）。答卷不记姓名；某一群体答卷不足规定份数时不公布该群体的结果。'),
    top, box));
  const d = await load(box, ctx, '/api/v1/surveys', { limit: 200 });
  if (!d) return;
  const items = Array.isArray(d.items) ? d.items : [];
  setChildren(box, ...section('已发布的调查', items.length, items.length ? listTable(items) : notice('还没有发布满意度调查。', 'info'), 'sv-list-title'));
  if (!BUREAU.includes(session.user.role)) return;
  try {
    const [terms, schools] = await Promise.all([loadTerms(ctx.signal), api('GET', '/api/v1/schools', { query: { limit: 200 }, signal: ctx.signal })]);
    if (!ctx.signal.aborted) setChildren(top, publishForm(ctx, terms, Array.isArray(schools.items) ? schools.items : []));
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(top, errorBox(e));
  }
}

/* ---- a survey's results ---- */

function suppressedBox(g, min) {
  return notice(groupName(g.group) + '：收到 ' + g.answers + ' 份答卷，少于 ' + min + ' 份，不公布结果（SV_MIN_GROUP），以免推知答卷人。', 'info');
}

function groupBlock(g, d) {
  const head = h('h3', { class: 'sv-group-title' }, groupName(g.group), ' ', chip(g.answers + ' 份答卷', 'muted'),
    g.suppressed ? null : chip('满意率 ' + pct(g.score), g.score !== null && g.score < 60 ? 'warn' : 'ok'));
  if (g.suppressed) return h('div', { class: 'sv-group', dataset: { group: g.group } }, head, suppressedBox(g, d.min_group));
  const qs = Array.isArray(g.questions) ? g.questions : [];
  const scale = Array.isArray(d.scale) ? d.scale : [];
  const cols = [['题目', (q) => q.text, 'cell-title'], ['平均分', (q) => (q.mean === null ? '—' : Number(q.mean).toFixed(2)), 'num'], ['满意率', (q) => pct(q.satisfied), 'num']]
    .concat(scale.map((s) => [s.name, (q) => num((q.counts.find((c) => c.value === s.value) || {}).count), 'num']));
  const notes = Array.isArray(g.notes) ? g.notes : [];
  return h('div', { class: 'sv-group', dataset: { group: g.group } }, head,
    h('div', { class: 'chart-pair' },
      h('div', { class: 'sv-chart' }, barChart(groupName(g.group) + '：各题满意率（%）', qs.map((q) => q.id), [{ label: '满意率', data: qs.map((q) => q.satisfied) }])),
      h('div', null, table('sv-table-' + g.group, cols, qs))),
    notes.length ? h('details', { class: 'collapsible sv-notes' }, h('summary', null, '文字意见（' + notes.length + ' 条，按内容排序）'),
      h('ul', { class: 'plain-list' }, notes.map((n) => h('li', null, n.text)))) : null);
}

function schoolsBlock(d) {
  const schools = Array.isArray(d.schools) ? d.schools : [];
  if (!schools.length) return null;
  const groups = d.survey.groups;
  const shown = schools.filter((s) => s.groups.some((g) => !g.suppressed));
  const cell = (gid) => (s) => {
    const g = s.groups.find((x) => x.group === gid);
    if (!g) return '—';
    return g.suppressed ? h('span', { class: 'sub' }, g.answers + ' 份，不公布') : [pct(g.score), h('span', { class: 'sub' }, ' ' + g.answers + ' 份')];
  };
  return section('各校结果', schools.length, [
    h('div', { class: 'chart-pair' },
      h('div', { class: 'sv-chart sv-schools-chart' }, barChart('各校满意率（%）', shown.map((s) => s.school), groups.map((gid) => ({
        label: groupName(gid), data: shown.map((s) => { const g = s.groups.find((x) => x.group === gid); return g && !g.suppressed ? g.score : null; }),
      })), { horizontal: true })),
      h('div', null, table('sv-schools', [['学校', (s) => s.school, 'cell-title']].concat(groups.map((gid) => [groupName(gid), cell(gid), 'num'])), schools, { sort: true })))], 'sv-schools-title');
}

export async function renderSurvey(main, ctx) {
  const box = h('div', { 'aria-live': 'polite' }, loading());
  setChildren(main, h('section', { class: 'page page-survey' }, box));
  const d = await load(box, ctx, '/api/v1/surveys/' + encodeURIComponent(ctx.id) + '/results');
  if (!d) return;
  const s = d.survey;
  const groups = Array.isArray(d.groups) ? d.groups : [];
  const xlsx = h('a', { class: 'btn no-print', id: 'sv-export', href: '/api/v1/surveys/' + s.id + '/results.xlsx', download: s.name + '.xlsx' }, '导出 Excel');
  const print = h('button', { type: 'button', class: 'btn no-print', id: 'sv-print', onclick: () => window.print() }, '打印');
  setChildren(box,
    h('nav', { class: 'crumbs no-print' }, h('a', { href: '#/surveys' }, '满意度调查'), ' / ', s.name),
    h('h1', { class: 'page-title' }, s.name),
    h('p', { class: 'page-lead' }, (s.school || '全区') + ' · ' + s.term + ' · ' + s.opens + ' 至 ' + s.closes + ' · 共 ' + s.answers + ' 份答卷',
      d.school_id && !s.school ? '（此处为本校部分）' : ''),
    h('p', { class: 'sv-rule' }, h('code', { class: 'rule-code' }, d.rule), ' ', h('span', { class: 'sub' }, (d.clause || '') + '：每个群体至少 ' + d.min_group + ' 份答卷才公布结果；满意率为“满意”及以上的回答所占比例。')),
    h('div', { class: 'actions no-print' }, print, ' ', xlsx),
    ...section(d.school_id || s.school ? '结果' : '全区结果', null, groups.map((g) => groupBlock(g, d)), 'sv-results-title'),
    ...(schoolsBlock(d) || []));
}
