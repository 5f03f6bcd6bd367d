// policy.js - 政策 page: the active policy pack, its numbers, rules, the
// indicator table (A -> B -> C) and the errata of the published text.

import { loadPolicy, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, chip, gradeLabel, diffText } from './dom.js';

const DAY_KINDS = [
  ['weekend', '周末'],
  ['holiday', '法定节假日'],
  ['vacation', '寒暑假'],
];

const LEVEL_NAMES = { primary: '小学', junior: '初中', senior: '高中' };

// How a parameter key reads in Chinese: [label, unit]. Unknown keys show as they are.
const PARAM_KEYS = {
  minutes: ['', '分钟'],
  hours: ['', '小时'],
  floor_hours: ['底线', '小时'],
  alert_after_minutes: ['超时预警', '分钟'],
  min_days_per_week: ['每周至少', '天'],
  max_days: ['至多', '天'],
  per_term: ['每学期', '次'],
  per_day: ['每天', '次'],
  count: ['次数', '次'],
  window_school_days: ['统计范围', '个上学日'],
  min_families: ['至少', '户家庭'],
  not_before: ['不早于', ''],
  bands: ['学段', ''],
  keywords: ['关键词', ''],
  ladder: ['处置措施', ''],
  max_amount_yuan: ['金额上限', '元'],
  evidence_max_kb: ['证据文件上限', 'KB'],
  levels: ['等级', ''],
  veto: ['一票否决', ''],
  grades: ['开设年级', ''],
  count_optional: ['选做计入总量', ''],
  max_gap_minutes: ['最长空档', '分钟'],
};

function num(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function rule(p, code) {
  return p.rules && typeof p.rules === 'object' ? p.rules[code] || null : null;
}

function params(p, code) {
  const r = rule(p, code);
  return r && r.params && typeof r.params === 'object' ? r.params : {};
}

function bandNames(p) {
  const m = {};
  for (const b of p.grade_bands || []) m[b.id] = b.name;
  return m;
}

/** Flatten a rule's params into readable lines ("周末 · 小学中高段 60 分钟"). */
function paramLines(p, obj) {
  const names = { ...LEVEL_NAMES, ...bandNames(p), weekend: '周末', holiday: '法定节假日', vacation: '寒暑假' };
  const lines = [];
  const walk = (o, path, unit) => {
    for (const [k, v] of Object.entries(o)) {
      const known = PARAM_KEYS[k];
      const label = known ? known[0] : names[k] || k;
      const u = known && known[1] ? known[1] : unit;
      const here = label ? [...path, label] : path;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        walk(v, here, u);
      } else if (Array.isArray(v) && v.length === 2 && v.every(Number.isInteger) && path.includes(PARAM_KEYS.grades[0])) {
        lines.push(here.join(' · ') + '：' + gradeLabel(Array.from({ length: v[1] - v[0] + 1 }, (_, i) => v[0] + i)));
      } else if (Array.isArray(v)) {
        const items = v.map((x) => (typeof x === 'string' ? names[x] || x : JSON.stringify(x)));
        const shown = items.length > 8 ? items.slice(0, 8).join('、') + ' 等 ' + items.length + ' 项' : items.join('、');
        lines.push(here.join(' · ') + '：' + shown);
      } else if (typeof v === 'boolean') {
        lines.push(here.join(' · ') + '：' + (v ? '是' : '否'));
      } else {
        lines.push((here.length ? here.join(' · ') + ' ' : '') + String(v) + (u ? ' ' + u : ''));
      }
    }
  };
  walk(obj || {}, [], '');
  return lines;
}

function cite(code, r) {
  return h('span', { class: 'cite' }, h('code', null, code), r && r.clause ? ' · ' + r.clause : '');
}

function sectionTitle(id, text, extra) {
  return h('h2', { class: 'section-title', id }, text, extra || null);
}

/* ---- 作业时长上限 ---- */

function homeworkTable(p) {
  const daily = rule(p, 'HW_DAILY_LIMIT');
  const offday = rule(p, 'HW_OFFDAY_LIMIT');
  const g12 = rule(p, 'HW_WRITTEN_G12');
  const noWritten = new Set((g12 && Array.isArray(g12.params && g12.params.bands) && g12.params.bands) || []);
  const dailyMin = (daily && daily.params && daily.params.minutes) || {};
  const offMin = (offday && offday.params && offday.params.minutes) || {};
  const kinds = DAY_KINDS.filter(([k]) => offMin[k]);
  for (const k of Object.keys(offMin)) if (!DAY_KINDS.some(([d]) => d === k)) kinds.push([k, k]);

  const districtMark = (r) => (r && r.district_setting ? chip('区设定', 'district') : null);
  const cell = (band, v, label) => {
    if (num(v) !== null) return h('td', { 'data-label': label }, h('strong', { class: 'minutes' }, v + ' 分钟'));
    if (noWritten.has(band.id)) return h('td', { 'data-label': label, class: 'no-written' }, '不布置书面作业');
    return h('td', { 'data-label': label, class: 'muted' }, '未设定');
  };

  const rows = (p.grade_bands || []).map((b) =>
    h('tr', { dataset: { band: b.id } },
      h('th', { scope: 'row' }, h('span', { class: 'band-grades' }, gradeLabel(b.grades)), h('span', { class: 'band-name' }, b.name)),
      cell(b, dailyMin[b.id], '上学日'),
      kinds.map(([k, label]) => cell(b, (offMin[k] || {})[b.id], label))));

  return h('section', { class: 'card section', 'aria-labelledby': 'sec-hw' },
    sectionTitle('sec-hw', '书面作业每日上限'),
    h('p', { class: 'section-lead' }, '各学科书面家庭作业合计，按每天平均完成时间计算。',
      offday && offday.district_setting && kinds.length
        ? [' ', chip('区设定', 'district'), ' ', kinds.map(([, l]) => l).join('、') + '的上限由区里设定。']
        : null),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-hw table-stack', id: 'hw-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, '年级'),
          h('th', { scope: 'col' }, '上学日'),
          kinds.map(([, label]) => h('th', { scope: 'col' }, label, ' ', districtMark(offday))))),
        h('tbody', null, rows))),
    h('ul', { class: 'rule-notes' },
      [['HW_WRITTEN_G12', g12], ['HW_DAILY_LIMIT', daily], ['HW_OFFDAY_LIMIT', offday]]
        .filter(([, r]) => r)
        .map(([code, r]) => h('li', null, r.title || '', ' ', cite(code, r), ' ', districtMark(r)))));
}

/* ---- 课后服务、五项管理、考试 ---- */

const FIGURES = [
  ['课后服务', [
    ['AS_END_TIME', '结束时间', (q) => (q.not_before ? '不早于 ' + q.not_before : null)],
    ['AS_COVERAGE', '从放学开始', (q) => (num(q.max_gap_minutes) !== null ? '空档不超过 ' + q.max_gap_minutes + ' 分钟' : null)],
    ['AS_FIVE_DAYS', '开展天数', (q) => (num(q.min_days_per_week) !== null ? '每周 ' + q.min_days_per_week + ' 天' : null)],
    ['AS_WEEKEND', '周末服务', (q) => (num(q.max_days) !== null ? '至多 ' + q.max_days + ' 天' : null)],
    ['AS_HANDOVER', '交接班', (q) => (num(q.alert_after_minutes) !== null ? '超时 ' + q.alert_after_minutes + ' 分钟预警' : null)],
  ]],
  ['睡眠与体育', [
    ['MG_SLEEP', '睡眠时间', (q) => {
      const hrs = q.hours || {};
      const parts = Object.entries(hrs).filter(([, v]) => num(v) !== null).map(([k, v]) => (LEVEL_NAMES[k] || k) + ' ≥ ' + v + ' 小时');
      return parts.length ? parts.join(' · ') : null;
    }, (q) => (num(q.floor_hours) !== null ? '每天不少于 ' + q.floor_hours + ' 小时（底线）' : null)],
    ['MG_PE_DAILY', '体育锻炼', (q) => (num(q.minutes) !== null ? '每天 ≥ ' + q.minutes + ' 分钟' : null)],
    ['MG_EYE_EXERCISES', '眼保健操', (q) => (num(q.per_day) !== null ? '每天 ' + q.per_day + ' 次' : null)],
    ['MG_VISION_SCREENING', '视力筛查', (q) => (num(q.per_term) !== null ? '每学期 ' + q.per_term + ' 次' : null)],
  ]],
  ['考试', [
    ['EX_G12_PAPER', '纸笔考试', null],
    ['EX_FINAL_ONCE', '期末考试', (q) => (num(q.per_term) !== null ? '每学期 ' + q.per_term + ' 次' : null)],
    ['EX_MIDTERM', '期中考试', (q) => (num(q.per_term) !== null ? '至多每学期 ' + q.per_term + ' 次' : null)],
    ['EX_NO_RANKING', '考试结果', (q) => (Array.isArray(q.levels) && q.levels.length ? '等级制：' + q.levels.join('、') : null)],
    ['EX_FORBIDDEN_KIND', '不得组织', (q) => (Array.isArray(q.kinds) && q.kinds.length ? q.kinds.map((k) => ({ unit: '单元考试', monthly: '月考' }[k] || k)).join('、') : null)],
  ]],
];

function figures(p) {
  const names = bandNames(p);
  const groups = FIGURES.map(([group, items]) => {
    const cards = items.filter(([code]) => rule(p, code)).map(([code, label, valueFn, subFn]) => {
      const r = rule(p, code);
      const q = params(p, code);
      let value = valueFn ? valueFn(q) : null;
      const bands = Array.isArray(q.bands) ? q.bands.map((b) => names[b] || b).join('、') : '';
      const sub = subFn ? subFn(q) : null;
      return h('div', { class: 'figure', dataset: { rule: code } },
        h('p', { class: 'figure-label' }, label, bands ? ' · ' + bands : '', ' ', r.district_setting ? chip('区设定', 'district') : null),
        value ? h('p', { class: 'figure-value' }, value) : null,
        sub ? h('p', { class: 'figure-sub' }, sub) : null,
        h('p', { class: value ? 'figure-title' : 'figure-value figure-value-text' }, r.title || ''),
        h('p', { class: 'figure-cite' }, cite(code, r)));
    });
    return cards.length ? h('div', { class: 'figure-group' }, h('h3', { class: 'figure-group-title' }, group), h('div', { class: 'figures' }, cards)) : null;
  });
  return h('section', { class: 'card section', 'aria-labelledby': 'sec-fig' },
    sectionTitle('sec-fig', '课后服务、睡眠体育与考试'), groups);
}

/* ---- 规则一览 ---- */

function rulesList(p) {
  const entries = Object.entries(p.rules || {});
  const rows = entries.map(([code, r]) =>
    h('tr', { dataset: { ruleRow: code } },
      h('td', { 'data-label': '代码' }, h('code', { class: 'rule-code' }, code)),
      h('td', { 'data-label': '规定' }, r.title || '', r.district_setting ? [' ', chip('区设定', 'district')] : null),
      h('td', { 'data-label': '条款' }, r.clause || ''),
      h('td', { 'data-label': '参数', class: 'params' }, paramLines(p, r.params).map((l) => h('span', { class: 'param' }, l)))));
  return h('section', { class: 'card section', 'aria-labelledby': 'sec-rules' },
    sectionTitle('sec-rules', '规则一览', h('span', { class: 'count' }, '共 ' + entries.length + ' 条')),
    h('p', { class: 'section-lead' }, '系统的每个判定都引用这里的规则代码；条款号指向实施方案正文（如 五(二)2）或附件指标（如 B10.2）。'),
    h('details', { class: 'collapsible', open: window.matchMedia('(min-width: 760px)').matches },
      h('summary', null, '全部规则（' + entries.length + ' 条）'),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'table table-rules table-stack', id: 'rules-table' },
          h('thead', null, h('tr', null, ['代码', '规定', '条款', '参数'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, rows)))));
}

/* ---- 指标体系 ---- */

function corrected(published, reading, cls) {
  // The corrected reading first and prominent; the published wording below.
  return [
    h('span', { class: cls + ' corrected' }, diffText(reading, published), ' ', chip('勘误', 'erratum')),
    h('span', { class: 'published' }, '原文：', diffText(published, reading)),
  ];
}

// An item is judged from the system's data when the table says it can be
// (computable) and the platform keeps every kind of record it needs today
// (records_kept in GET /api/v1/policy).
function computedToday(p, c) {
  const kept = new Set(Array.isArray(p.records_kept) ? p.records_kept : []);
  const need = Array.isArray(c.records) ? c.records : [];
  return !!c.computable && need.length > 0 && need.every((r) => kept.has(r));
}

function cItem(p, c, ruleTitles) {
  const hasCorr = typeof c.corrected === 'string' && c.corrected;
  const computed = computedToday(p, c);
  return h('li', { class: 'ind-c' + (computed ? ' is-computable' : ''), dataset: { cId: c.id, computable: computed ? '1' : '0' } },
    h('span', { class: 'ind-id' }, c.id),
    h('div', { class: 'ind-c-body' },
      hasCorr ? corrected(c.text || '', c.corrected, 'ind-text') : h('span', { class: 'ind-text' }, c.text || ''),
      computed
        ? h('p', { class: 'ind-computable' }, chip('可由系统数据判定', 'computable'),
          (c.rules || []).map((code) => [' ', h('code', { class: 'rule-code', title: ruleTitles[code] || null }, code)]))
        : null));
}

function indicators(p) {
  const inds = Array.isArray(p.indicators) ? p.indicators : [];
  const wide = window.matchMedia('(min-width: 760px)').matches;
  const ruleTitles = {};
  for (const [k, r] of Object.entries(p.rules || {})) ruleTitles[k] = r.title;

  const blocks = inds.map((a, i) => {
    const bs = a.b || [];
    const nc = bs.reduce((n, b) => n + (b.c || []).length, 0);
    return h('details', { class: 'ind-a', open: wide || i === 0, dataset: { aId: a.id } },
      h('summary', null,
        h('span', { class: 'ind-id ind-id-a' }, a.id),
        h('span', { class: 'ind-a-title' }, a.title || ''),
        h('span', { class: 'count' }, bs.length + ' 个 B 级 · ' + nc + ' 个 C 级')),
      bs.map((b) =>
        h('div', { class: 'ind-b', dataset: { bId: b.id } },
          h('h3', { class: 'ind-b-title' },
            h('span', { class: 'ind-id ind-id-b' }, b.id),
            h('span', { class: 'ind-b-text' },
              typeof b.corrected_title === 'string' && b.corrected_title ? corrected(b.title || '', b.corrected_title, 'ind-b-name') : b.title || '')),
          h('ol', { class: 'ind-c-list' }, (b.c || []).map((c) => cItem(p, c, ruleTitles))))));
  });

  const all = () => [...document.querySelectorAll('details.ind-a')];
  const onlyComputable = h('input', { type: 'checkbox', id: 'only-computable' });
  onlyComputable.addEventListener('change', () => {
    const on = onlyComputable.checked;
    for (const li of document.querySelectorAll('.ind-c')) li.hidden = on && li.dataset.computable !== '1';
    for (const b of document.querySelectorAll('.ind-b')) b.hidden = on && !b.querySelector('.ind-c:not([hidden])');
    if (on) for (const d of all()) d.open = true;
  });

  return h('section', { class: 'card section', 'aria-labelledby': 'sec-ind' },
    sectionTitle('sec-ind', '校内实施细则指标体系'),
    h('p', { class: 'section-lead' }, '附件《落实“双减”校内实施细则（试行）》。标有“勘误”的条目先列出应读作的文字，下方保留原文。'),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => all().forEach((d) => (d.open = true)) }, '展开全部'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => all().forEach((d) => (d.open = false)) }, '收起全部'),
      h('label', { class: 'check' }, onlyComputable, '只看可由系统数据判定的指标')),
    h('div', { class: 'ind-tree', id: 'indicators' }, blocks));
}

/* ---- 勘误 ---- */

function errata(p) {
  const list = Array.isArray(p.errata) ? p.errata : [];
  return h('section', { class: 'card section', 'aria-labelledby': 'sec-errata' },
    sectionTitle('sec-errata', '勘误表', h('span', { class: 'count' }, '共 ' + list.length + ' 处')),
    h('p', { class: 'section-lead' }, '公开发布的文本中有以下文字错误，系统保留原文，并按应读作的文字理解。'),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack', id: 'errata-table' },
        h('thead', null, h('tr', null, ['位置', '原文', '应读作'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, list.map((e) =>
          h('tr', null,
            h('td', { 'data-label': '位置' }, e.where || ''),
            h('td', { 'data-label': '原文' }, h('del', null, e.published || '')),
            h('td', { 'data-label': '应读作' }, h('strong', null, e.reading || ''))))))));
}

/* ---- the page ---- */

export function countIndicators(p) {
  const inds = Array.isArray(p.indicators) ? p.indicators : [];
  let b = 0;
  let c = 0;
  for (const a of inds) {
    for (const bb of a.b || []) {
      b += 1;
      c += (bb.c || []).length;
    }
  }
  return { a: inds.length, b, c };
}

function jumpLinks(items) {
  return h('nav', { class: 'jump', 'aria-label': '本页目录' },
    items.map(([id, text]) => h('button', {
      type: 'button', class: 'jump-link',
      onclick: () => {
        const t = document.getElementById(id);
        if (t) t.scrollIntoView({ behavior: 'smooth', block: 'start' });
      },
    }, text)));
}

export async function renderPolicy(main, ctx) {
  setChildren(main, h('section', { class: 'page' }, h('h1', { class: 'page-title' }, '政策'), loading('正在加载政策…')));
  let p;
  try {
    p = await loadPolicy();
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(main, h('section', { class: 'page' }, h('h1', { class: 'page-title' }, '政策'), errorBox(e)));
    return;
  }
  if (ctx.signal.aborted) return;
  const n = countIndicators(p);
  setChildren(main,
    h('section', { class: 'page page-policy' },
      h('h1', { class: 'page-title' }, '政策'),
      h('div', { class: 'card pack-head' },
        h('p', { class: 'pack-title' }, p.title || p.id || ''),
        h('p', { class: 'pack-meta' },
          p.issuer ? h('span', null, '发布：' + p.issuer) : null,
          p.district ? h('span', null, '适用：' + p.district) : null,
          p.id ? h('span', null, '编号：', h('code', null, p.id)) : null),
        h('p', { class: 'pack-counts', id: 'indicator-counts' },
          '共 ', h('strong', null, String(n.a)), ' 个 A 级、', h('strong', null, String(n.b)), ' 个 B 级、',
          h('strong', null, String(n.c)), ' 个 C 级指标')),
      jumpLinks([['sec-hw', '作业时长'], ['sec-fig', '课后服务与健康'], ['sec-rules', '规则一览'], ['sec-ind', '指标体系'], ['sec-errata', '勘误表']]),
      homeworkTable(p),
      figures(p),
      rulesList(p),
      indicators(p),
      errata(p)));
}
