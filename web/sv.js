// sv.js - 督导评估: the rounds (the bureau opens one for a term and its
// schools), one round's schools with their A-level results, and a school's
// result page: A and B roll-ups, each C item with the school's
// self-assessment, the inspector's score and the reason for an override.
// The school's managers self-assess an item here; the inspector scores on
// the phone page (svscore.js).

import { h, setChildren, notice, chip } from './dom.js';
import { api, upload, session } from './api.js';
import { hwPage, load, field } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { barChart } from './charts.js';
import { loadTerms } from './asshared.js';
import { fig, levelChip, svErrorBox, computedView } from './svshared.js';

const BUREAU = ['district_admin', 'inspector'];

function createForm(ctx, terms, current) {
  const name = h('input', { id: 'sv-new-name', type: 'text', maxlength: '100', required: '' });
  const term = h('select', { id: 'sv-new-term' }, terms.map((t) => h('option', { value: String(t.id), selected: current && current.id === t.id ? '' : null }, t.name)));
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'sv-new' },
    h('h2', { class: 'section-title' }, '开启一轮督导评估'),
    h('div', { class: 'field-pair' }, field('sv-new-term', '学期', term), field('sv-new-name', '名称', name)),
    h('p', { class: 'sub' }, '全区所有学校参加；各校先自评，再由督导组评定。'), msg,
    h('div', { class: 'form-actions' }, h('button', { class: 'btn btn-primary', type: 'submit' }, '开启')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const ids = [];
      for (let cursor = ''; ;) { // every school of the district, page by page
        const s = await api('GET', '/api/v1/schools', { query: { limit: 200, cursor }, signal: ctx.signal });
        ids.push(...(s.items || []).map((x) => x.id));
        if (s.next_cursor === null || s.next_cursor === undefined) break;
        cursor = String(s.next_cursor);
      }
      const r = await api('POST', '/api/v1/supervision/rounds', { body: { term_id: Number(term.value), name: name.value, school_ids: ids } });
      ctx.navigate('sv/' + r.id);
    } catch (e) {
      setChildren(msg, svErrorBox(e));
    }
  });
  return form;
}

export async function renderSvRounds(main, ctx) {
  const box = h('div', { id: 'sv-rounds', 'aria-live': 'polite' });
  const top = h('div');
  hwPage(main, 'page-sv', null, '督导评估',
    '按《落实“双减”校内实施细则》的指标体系（6 项A级、30 项B级、85 项C级）评估各校：学校自评并提供说明，督导组评定，B级、A级得分由C级得分按权重汇总（六、附件）。', top, box);
  const d = await load(box, ctx, '/api/v1/supervision/rounds', { limit: 200 });
  if (!d) return;
  const items = d.items || [];
  const bureau = BUREAU.includes(session.user.role);
  if (bureau) {
    try {
      const t = await loadTerms(ctx.signal);
      setChildren(top, h('p', { class: 'no-print' }, h('a', { class: 'btn', href: '#/sv-dashboard' }, '督导评估看板'), ' ',
        h('a', { class: 'btn', href: '#/sv-special' }, '专项督导名单')), createForm(ctx, t.items || [], t.current));
    } catch (e) { /* the list still shows */ }
  }
  setChildren(box, section('评估轮次', items.length, items.length ? table('sv-round-list', [
    ['名称', (x) => h('a', { href: '#/sv/' + x.id }, x.name), 'cell-title'],
    ['学期', (x) => x.term_name],
    ['学校', (x) => String(x.schools), 'num'],
    ['开启', (x) => x.created_by],
  ], items) : notice('还没有督导评估。', 'info'), 'sv-rounds-title'));
}

export async function renderSvRound(main, ctx) {
  const box = h('div', { id: 'sv-round', 'aria-live': 'polite' });
  hwPage(main, 'page-sv-round', h('p', { class: 'no-print' }, h('a', { href: '#/sv' }, '← 督导评估')), '督导评估', '', box);
  const d = await load(box, ctx, '/api/v1/supervision/rounds/' + ctx.id);
  if (!d) return;
  const title = main.querySelector('.page-title');
  if (title) title.textContent = d.name;
  const list = d.school_list || [];
  const aIds = list.length ? list[0].a.map((a) => a.id) : [];
  const bureau = BUREAU.includes(session.user.role);
  setChildren(box,
    h('p', { class: 'page-lead' }, d.term_name + '，' + d.schools + ' 所学校。'),
    bureau ? h('p', { class: 'no-print' }, h('a', { class: 'btn', href: '#/sv-dashboard?round=' + d.id }, '看板'), ' ',
      h('a', { class: 'btn', href: '/api/v1/supervision/rounds/' + d.id + '/export.xlsx', download: '督导评估_' + d.name + '.xlsx' }, '导出 Excel')) : null,
    section('各校评估进度与A级得分', list.length, table('sv-round-schools', [
      ['学校', (x) => h('a', { href: '#/sv-school?' + new URLSearchParams({ round: d.id, school: x.school_id }) }, x.school_name), 'cell-title'],
      ['自评', (x) => x.self_scored + ' / ' + x.items, 'num'],
      ['督导评定', (x) => x.inspector_scored + ' / ' + x.items, 'num'],
      ...aIds.map((id, i) => [id, (x) => fig(x.a[i].value), 'num']),
      ['综合', (x) => fig(x.total), 'num'],
    ], list, { sort: true }), 'sv-round-title'));
}

function selfForm(d, it, onDone) {
  const sel = h('select', { id: 'sv-self-' + it.id }, d.scale.map((l) => h('option', { value: l.key, selected: it.self && it.self.score === l.key ? '' : null }, l.name)));
  const note = h('textarea', { rows: '2', maxlength: '2000', 'aria-label': '自评说明' }, it.self ? it.self.comment : '');
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'sv-self-form' }, h('div', { class: 'field-pair' },
    h('div', { class: 'field' }, h('label', { for: 'sv-self-' + it.id }, '自评'), sel), h('div', { class: 'field' }, h('label', null, '说明'), note)),
  msg, h('button', { class: 'btn', type: 'submit' }, '保存自评'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('PUT', `/api/v1/supervision/rounds/${d.round.id}/schools/${d.school.id}/items/${it.id}`, { body: { score: sel.value, comment: note.value } });
      onDone();
    } catch (e) {
      setChildren(msg, svErrorBox(e));
    }
  });
  return h('details', { class: 'sv-self-edit no-print', open: it.self ? null : '' }, h('summary', null, it.self ? '修改自评' : '填写自评'), form, evidenceForm(d, it, onDone));
}

/** Add a photo or PDF to the self-assessment of an item (SV_EVIDENCE). */
function evidenceForm(d, it, onDone) {
  const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,application/pdf', 'aria-label': '证明材料', id: 'sv-file-' + it.id.replace('.', '-') });
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'sv-evidence-form' }, h('label', { for: input.id }, '证明材料（照片或 PDF）'), input, msg,
    h('button', { class: 'btn', type: 'submit' }, '上传'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = input.files && input.files[0];
    if (!f) { setChildren(msg, notice('请选择文件。', 'warn')); return; }
    try {
      await upload('POST', `/api/v1/supervision/rounds/${d.round.id}/schools/${d.school.id}/items/${it.id}/evidence`, f, { query: { name: f.name } });
      onDone();
    } catch (e) {
      setChildren(msg, svErrorBox(e));
    }
  });
  return form;
}

/** The item's evidence files as download links. */
function evidenceList(d, it) {
  const files = it.evidence || [];
  if (!files.length) return null;
  return h('p', { class: 'sv-evidence' }, '证明材料：', files.map((f) =>
    h('a', { href: `/api/v1/supervision/rounds/${d.round.id}/schools/${d.school.id}/evidence/${f.id}`, download: f.file_name }, f.file_name)));
}

function itemRow(d, it, mine, bureau, reload) {
  const insp = it.inspector;
  return h('li', { class: 'sv-item card', id: 'sv-item-' + it.id.replace('.', '-') },
    h('p', { class: 'sv-item-head' }, h('strong', null, it.id), ' ', it.text),
    computedView(it.computed),
    h('div', { class: 'sv-sides' },
      h('p', null, '学校自评：', levelChip(it.self), it.self && it.self.comment ? h('span', { class: 'sub' }, ' ' + it.self.comment) : null),
      evidenceList(d, it),
      h('p', null, '督导评定：', levelChip(insp), insp && insp.comment ? h('span', { class: 'sub' }, ' ' + insp.comment) : null),
      insp && insp.reason ? h('p', { class: 'sv-reason' }, h('strong', null, '改判理由：'), insp.reason) : null),
    mine ? selfForm(d, it, reload) : null,
    bureau ? h('a', { class: 'btn no-print', href: '#/sv-score?' + new URLSearchParams({ round: d.round.id, school: d.school.id, item: it.id }) }, '评定') : null);
}

export async function renderSvSchool(main, ctx) {
  const box = h('div', { id: 'sv-school', 'aria-live': 'polite' });
  const round = ctx.params.get('round');
  const school = ctx.params.get('school') || session.user.school_id;
  hwPage(main, 'page-sv-school', h('p', { class: 'no-print' }, h('a', { href: '#/sv/' + round }, '← 本轮督导评估')), '学校督导评估结果', '', box);
  const d = await load(box, ctx, `/api/v1/supervision/rounds/${round}/schools/${school}`);
  if (!d) return;
  const title = main.querySelector('.page-title');
  if (title) title.textContent = d.school.name + ' · ' + d.round.name;
  const role = session.user.role;
  const bureau = BUREAU.includes(role);
  const mine = !bureau;
  const reload = () => ctx.navigate('sv-school', { round, school });
  const byB = new Map();
  for (const it of d.items) (byB.get(it.b) || byB.set(it.b, []).get(it.b)).push(it);
  setChildren(box,
    h('div', { class: 'figures', id: 'sv-school-figures' }, figure('综合（督导评定）', fig(d.total)), figure('综合（自评）', fig(d.self_total)),
      figure('已评定', d.items.filter((x) => x.inspector).length + ' / ' + d.items.length)),
    section('A级指标', null, h('div', { class: 'chart-row' },
      barChart('A级指标（百分制）', d.a.map((a) => a.id + ' ' + a.title), [{ label: '督导评定', data: d.a.map((a) => a.value) }, { label: '自评', data: d.self_a.map((a) => a.value) }]),
      table('sv-school-a', [['指标', (x) => x.id + ' ' + x.title, 'cell-title'], ['督导评定', (x) => fig(x.value), 'num'],
        ['自评', (x) => fig((d.self_a.find((y) => y.id === x.id) || {}).value), 'num']], d.a)), 'sv-a-title'),
    d.b.map((b) => h('section', { class: 'sv-b' },
      h('h2', { class: 'section-title' }, b.id + ' ' + b.title, h('span', { class: 'count' }, fig(b.value))),
      h('ol', { class: 'sv-items' }, (byB.get(b.id) || []).map((it) => itemRow(d, it, mine, bureau, reload))))));
}
