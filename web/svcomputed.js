// svcomputed.js - one computed supervision item's figure (issue 15, part SB),
// for the supervision pages to put beside a C item: the value and unit, the
// verdict on the pack's scale, the rule code small, the basis, the pass marks
// and a link to the records behind it; or which records are missing. The
// figure comes from GET /api/v1/schools/{id}/computed-items (or the rounds'
// items[].computed); the marks are the pack's, sent with the figure.

import { h } from './dom.js';

const VERDICT = { met: ['达标', 'ok'], partly: ['基本达标', 'warn'], not_met: ['未达标', 'danger'] };
const PART_NAMES = { declared: '学校布置', reported: '家长反馈', plan: '方案', held: '实际开展', venues: '场地检查', handover: '交接记录' };

function valueText(c) {
  if (typeof c.value !== 'number') return '—';
  return c.unit === '%' ? c.value.toFixed(1) + '%' : c.value + ' ' + (c.unit || '');
}

function marksText(c) {
  const m = c.marks;
  if (!m) return '';
  const u = c.unit === '%' ? '%' : ' ' + (c.unit || '');
  const cmp = m.better === 'lower' ? '≤' : '≥';
  return '达标 ' + cmp + ' ' + m.met + u + '，基本达标 ' + cmp + ' ' + m.partly + u;
}

function partsList(c) {
  if (!Array.isArray(c.parts) || !c.parts.length) return null;
  return h('ul', { class: 'svc-parts' }, ...c.parts.map((p) => h('li', null,
    (PART_NAMES[p.name] || p.name) + '：',
    typeof p.value === 'number' ? p.value.toFixed(1) + '%（' + p.count + '/' + p.total + '）' : '无记录')));
}

/**
 * The figure of one computed item c ({value, unit, rule, evidence_url, basis,
 * score, marks, parts?} or {missing}) as an element; id is the C item's id
 * ("B10.2"), used for data-svc-id. Text only: nothing from c is read as HTML.
 */
export function renderComputed(id, c) {
  if (!c) return h('div', { class: 'svc svc-none', 'data-svc-id': id }, '此项由督导人员依据材料评定');
  if (c.missing) {
    return h('div', { class: 'svc svc-missing', 'data-svc-id': id },
      h('span', { class: 'chip chip-warn' }, '缺少记录'), ' ', h('span', { class: 'svc-missing-text' }, c.missing));
  }
  const [vname, vkind] = VERDICT[c.score] || [c.score || '', ''];
  const link = typeof c.evidence_url === 'string' && c.evidence_url.startsWith('#/') ? c.evidence_url : null;
  return h('div', { class: 'svc', 'data-svc-id': id, 'data-score': c.score || '' },
    h('p', { class: 'svc-head' },
      h('strong', { class: 'svc-value' }, valueText(c)), ' ',
      h('span', { class: 'chip chip-' + vkind }, vname), ' ',
      h('code', { class: 'rule-code' }, c.rule || '')),
    h('p', { class: 'svc-basis' }, c.basis || ''),
    partsList(c),
    h('p', { class: 'svc-foot muted' }, marksText(c),
      link ? h('a', { class: 'svc-link', href: link }, '查看记录') : null));
}
