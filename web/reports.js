// reports.js - 举报线索 (public reports) for the bureau, enforcement and a
// school: the queue with its filters, charts of reports by type and outcome
// (the same numbers in a table), one report with its steps, evidence and the
// bureau's forms (转办 / 答复 / 办结), and the .xlsx export. The reporter's
// contact comes only to the bureau; nothing here shows a student's name.

import { api, session, loadPolicy } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip, formatInstant } from './dom.js';
import { barChart } from './charts.js';
import { table, section, figure } from './hwstats.js';
import { select } from './hwshared.js';
import { sendLocked, fetchStaff, staffLabel } from './manage.js';

export const STATUS = [['', '全部状态'], ['received', '已受理'], ['routed', '已转办'], ['answered', '已答复'], ['closed', '已办结']];
export const KIND = [['', '全部类型'], ['institution', '校外培训机构'], ['school', '学校'], ['teacher', '教师有偿补课']];
const ROUTES_TO = [['education', '教育部门'], ['market', '市场监管部门'], ['police', '公安部门'], ['school', '学校（校长）']];
const OUTCOMES = [['proven', '属实已处理'], ['partly', '部分属实'], ['unfounded', '不属实'], ['out_of_scope', '不属于受理范围']];
const STATUS_CHIP = { received: 'warn', routed: 'info', answered: 'ok', closed: 'muted' };
const FINDINGS = ['作业总量超标', '违规收取课后服务费用', '公布考试成绩或排名', '无证办学', '超前超标培训', '违规预收费', '虚假宣传'];

const user = () => session.user || {};
const isAdmin = () => user().role === 'district_admin';
const isBureau = () => ['district_admin', 'inspector'].includes(user().role);

function statusCell(r) {
  return [chip(r.status_name, STATUS_CHIP[r.status] || 'muted'), r.overdue ? chip('逾期', 'danger') : null,
    r.answered_late ? chip('超期答复', 'warn') : null];
}

function queueTable(items) {
  return table('rp-queue', [
    ['编号', (r) => h('a', { href: '#/report/' + r.id }, '#' + r.id)],
    ['类型', (r) => r.target_kind_name],
    ['举报对象', (r) => [r.target, r.school_name && r.school_name !== r.target ? h('span', { class: 'sub' }, r.school_name) : null]],
    ['状态', statusCell],
    ['转办', (r) => r.routed_to_name || '—'],
    ['受理 / 期限', (r) => [r.filed_on, h('span', { class: 'sub' }, '期限 ' + r.due_on)]],
    ['结果', (r) => r.outcome_name || '—'],
  ], items);
}

/** Counts by a dimension as a chart and, beside it, the same numbers in a table. */
function countBlock(id, caption, rows) {
  return h('div', { class: 'rp-chart', id },
    barChart(caption, rows.map((x) => x.name), [{ label: '件数', data: rows.map((x) => x.count) }]),
    table(id + '-table', [[caption.replace('按', ''), (x) => x.name], ['件数', (x) => String(x.count), 'num']], rows));
}

async function statsView(signal) {
  const s = await api('GET', '/api/v1/reports/stats', { signal });
  return h('div', { class: 'rp-stats' },
    h('div', { class: 'figures' }, figure('举报总数', s.total), figure('逾期未答复', s.overdue, s.overdue ? 'bad' : null),
      figure('答复期限（天）', s.answer_days)),
    h('div', { class: 'rp-charts' },
      countBlock('rp-by-kind', '按举报对象', s.by_kind),
      countBlock('rp-by-outcome', '按处理结果', s.by_outcome)));
}

export async function renderReports(main, ctx) {
  const p = ctx.params;
  const q = { status: p.get('status') || '', kind: p.get('kind') || '', overdue: p.get('overdue') === '1' ? '1' : '', limit: 200 };
  const status = select(STATUS, { id: 'rp-status' });
  const kind = select(KIND, { id: 'rp-kind' });
  const overdue = h('input', { type: 'checkbox', id: 'rp-overdue' });
  status.value = q.status;
  kind.value = q.kind;
  overdue.checked = q.overdue === '1';
  const go = () => ctx.navigate('reports', { status: status.value, kind: kind.value, overdue: overdue.checked ? '1' : '' });
  for (const c of [status, kind, overdue]) c.addEventListener('change', go);
  const exportLink = h('a', { class: 'btn btn-small no-print', id: 'rp-export', href: '/api/v1/reports.xlsx', download: '举报线索.xlsx' }, '导出 Excel');
  const body = h('div', {}, loading());
  const stats = h('div', {});
  const lead = isBureau() ? '全区收到的举报：转办、按期答复，每一件都有处理结果（发现一起、查处一起）。'
    : user().role === 'enforcement' ? '教育局转给执法部门办理的举报。' : '教育局转给本校处理的举报。';
  setChildren(main, h('section', { class: 'page rp-page' },
    h('h1', { class: 'page-title' }, '举报线索'),
    h('p', { class: 'page-lead' }, lead),
    stats,
    h('div', { class: 'toolbar rp-toolbar no-print' },
      h('label', { for: 'rp-status' }, '状态 '), status, h('label', { for: 'rp-kind' }, ' 类型 '), kind,
      h('label', { class: 'check' }, overdue, ' 只看逾期'), exportLink,
      isBureau() ? h('a', { class: 'btn btn-small', href: '#/ethics', id: 'rp-ethics' }, '师德记录') : null),
    body));
  if (isBureau()) statsView(ctx.signal).then((v) => setChildren(stats, v), (e) => setChildren(stats, errorBox(e)));
  const d = await api('GET', '/api/v1/reports', { query: q, signal: ctx.signal });
  setChildren(body, ...section('举报', d.items.length,
    d.items.length ? queueTable(d.items) : notice('没有符合条件的举报。', 'info')));
}

/* ---- one report ---- */

function kv(rows) {
  return h('dl', { class: 'kv' }, ...rows.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function stepsList(steps) {
  const names = { received: '受理', routed: '转办', answered: '答复', closed: '办结' };
  return h('ol', { class: 'rp-steps' }, steps.map((s) => h('li', {},
    h('span', { class: 'change-at' }, formatInstant(s.at)), ' ', chip(names[s.step] || s.step, 'info'), ' ',
    s.detail ? h('span', {}, (ROUTES_TO.concat(OUTCOMES).find((x) => x[0] === s.detail) || [0, s.detail])[1]) : null,
    s.by ? h('span', { class: 'sub' }, ' ' + s.by) : null,
    s.note ? h('p', { class: 'sub' }, '内部备注：' + s.note) : null)));
}

function evidenceList(r) {
  if (!r.evidence.length) return h('p', { class: 'sub' }, '没有证据材料。');
  return h('ul', {}, r.evidence.map((f) => h('li', {},
    h('a', { href: '/api/v1/reports/' + r.id + '/evidence/' + f.id, target: '_blank', rel: 'noopener' }, f.file_name),
    h('span', { class: 'sub' }, ' ' + f.mime + '，' + Math.ceil(f.size / 1024) + ' KB'))));
}

function stepForm(id, title, fields, label, send) {
  const msg = h('div', { class: 'form-msg', 'aria-live': 'assertive' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: id + '-go' }, label);
  const form = h('form', { class: 'card rp-form no-print', id }, h('h2', { class: 'section-title' }, title), ...fields, msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); send(form, btn, msg); });
  return form;
}

const fieldOf = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id }, label), input);

function routeForm(r, ctx, schools, reload) {
  const to = select(ROUTES_TO, { id: 'rp-route-to' });
  const school = select([['', '（报告中的学校）'], ...schools.map((s) => [String(s.id), s.name])], { id: 'rp-route-school' });
  const note = h('textarea', { id: 'rp-route-note', rows: 2, maxlength: 2000 });
  if (r.school_id) school.value = String(r.school_id);
  return stepForm('rp-route', '转办', [fieldOf('rp-route-to', '转给', to), fieldOf('rp-route-school', '学校（转给学校时）', school),
    fieldOf('rp-route-note', '内部备注（举报人看不到）', note)], '转办', (form, btn, msg) => sendLocked({
    root: form, btn, busyText: '正在转办…', msg, signal: ctx.signal,
    call: () => api('POST', '/api/v1/reports/' + r.id + '/route', { body: {
      to: to.value, ...(school.value ? { school_id: Number(school.value) } : {}), note: note.value } }),
  }).then((x) => x && reload()));
}

function answerForm(r, ctx, teFinding, reload) {
  const outcome = select(OUTCOMES, { id: 'rp-outcome' });
  const findings = [...(r.target_kind === 'teacher' ? [teFinding] : []), ...FINDINGS];
  const finding = h('input', { type: 'text', id: 'rp-finding', list: 'rp-findings', maxlength: 60 });
  const dl = h('datalist', { id: 'rp-findings' }, findings.map((f) => h('option', { value: f })));
  const reply = h('textarea', { id: 'rp-reply', rows: 3, maxlength: 2000 });
  const note = h('textarea', { id: 'rp-answer-note', rows: 2, maxlength: 2000 });
  const staff = select([['', '（请选择被举报的教师）']], { id: 'rp-staff' });
  const staffField = fieldOf('rp-staff', '被举报的教师（查实有偿补课时必选，记师德一票否决）', staff);
  staffField.hidden = r.target_kind !== 'teacher' || !r.school_id;
  if (!staffField.hidden) {
    fetchStaff(r.school_id, ctx.signal).then((list) => {
      for (const s of list) staff.append(h('option', { value: String(s.id) }, staffLabel(s)));
    }, () => {});
  }
  return stepForm('rp-answer', '答复举报人', [fieldOf('rp-outcome', '处理结果', outcome), fieldOf('rp-finding', '查实问题', finding), dl,
    staffField, fieldOf('rp-reply', '答复内容（举报人凭查询码可见）', reply), fieldOf('rp-answer-note', '内部备注（举报人看不到）', note)],
  '提交答复', (form, btn, msg) => sendLocked({
    root: form, btn, busyText: '正在提交…', msg, signal: ctx.signal,
    call: () => api('POST', '/api/v1/reports/' + r.id + '/answer', { body: {
      outcome: outcome.value, reply: reply.value, finding: finding.value.trim(), note: note.value,
      ...(staff.value ? { staff_id: Number(staff.value) } : {}) } }),
  }).then((x) => x && reload()));
}

function closeForm(r, ctx, reload) {
  const note = h('textarea', { id: 'rp-close-note', rows: 2, maxlength: 2000 });
  return stepForm('rp-close', '办结', [fieldOf('rp-close-note', '内部备注', note)], '办结', (form, btn, msg) => sendLocked({
    root: form, btn, busyText: '正在办结…', msg, signal: ctx.signal,
    call: () => api('POST', '/api/v1/reports/' + r.id + '/close', { body: { note: note.value } }),
  }).then((x) => x && reload()));
}

export async function renderReport(main, ctx) {
  const reload = () => renderReport(main, ctx);
  const [r, pol, schools] = await Promise.all([
    api('GET', '/api/v1/reports/' + ctx.id, { signal: ctx.signal }),
    loadPolicy(),
    isAdmin() ? api('GET', '/public/v1/report-schools', { signal: ctx.signal }).then((d) => d.items) : Promise.resolve([]),
  ]);
  const te = ((pol && pol.rules && pol.rules.TE_PAID_TUTORING) || {}).params || {};
  const forms = [];
  if (isAdmin() && (r.status === 'received' || r.status === 'routed')) forms.push(routeForm(r, ctx, schools, reload), answerForm(r, ctx, te.finding || '', reload));
  if (isAdmin() && r.status === 'answered') forms.push(closeForm(r, ctx, reload));
  ctx.setTitle && ctx.setTitle('举报 #' + r.id);
  setChildren(main, h('section', { class: 'page rp-detail' },
    h('p', { class: 'no-print' }, h('a', { href: '#/reports' }, '← 举报线索')),
    h('h1', { class: 'page-title' }, '举报 #' + r.id, ' ', ...statusCell(r)),
    kv([['类型', r.target_kind_name], ['举报对象', r.target], r.school_name ? ['学校', r.school_name] : null,
      ['举报人', r.named ? '实名' : '匿名'], r.contact !== undefined ? ['联系方式', r.contact || '（未留）'] : null,
      ['受理日期', r.filed_on], ['答复期限', r.due_on], ['转办', r.routed_to_name || '—'],
      ['处理结果', r.outcome_name || '尚未答复'], r.finding ? ['查实问题', r.finding] : null,
      r.staff_name ? ['被举报教师', r.staff_name] : null, r.reply ? ['答复', r.reply] : null]),
    h('h2', { class: 'section-title' }, '举报内容'), h('p', { class: 'rp-text' }, r.text),
    h('h2', { class: 'section-title' }, '证据材料'), evidenceList(r),
    h('h2', { class: 'section-title' }, '办理过程'), stepsList(r.steps),
    ...forms));
}

/* ---- teacher ethics (师德师风) ---- */

function ethicsTable(items, withdraw) {
  return table('te-records', [
    ['学年', (x) => x.school_year + '–' + (x.school_year + 1)],
    ['教师', (x) => [x.staff_name, h('span', { class: 'sub' }, x.school_name)]],
    ['问题', (x) => [x.finding, h('span', { class: 'sub' }, x.evidence_note)]],
    ['师德考核', (x) => (x.status === 'withdrawn' ? chip('已撤销', 'muted') : x.veto ? chip('一票否决', 'danger') : chip('已记录', 'warn'))],
    ['来源', (x) => (x.report_id ? (isBureau() || ['principal', 'academic_office'].includes(user().role)
      ? h('a', { href: '#/report/' + x.report_id }, '举报 #' + x.report_id) : '举报查实') : '直接立案')],
    ['记录日期', (x) => [x.recorded_on, x.withdraw_reason ? h('span', { class: 'sub' }, '撤销原因：' + x.withdraw_reason) : null]],
    ...(withdraw ? [['', (x) => (x.status === 'active' ? withdraw(x) : '')]] : []),
  ], items);
}

function withdrawButton(ctx, reload) {
  return (x) => h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet no-print', dataset: { withdraw: String(x.id) }, onclick: async () => {
    const reason = window.prompt('撤销原因（必填）');
    if (!reason) return;
    try {
      await api('POST', '/api/v1/ethics/' + x.id + '/withdraw', { body: { reason } });
      reload();
    } catch (e) { ctx.flash(e.message); }
  } }, '撤销');
}

function ethicsCreateForm(ctx, schoolId, reload) {
  const staff = select([['', '（请选择教师）']], { id: 'te-staff' });
  const finding = h('input', { type: 'text', id: 'te-finding', maxlength: 60 });
  const note = h('textarea', { id: 'te-note', rows: 3, maxlength: 2000 });
  loadPolicy().then((p) => { finding.value = ((p && p.rules && p.rules.TE_PAID_TUTORING) || {}).params?.finding || ''; });
  if (schoolId) fetchStaff(schoolId, ctx.signal).then((list) => list.forEach((s) => staff.append(h('option', { value: String(s.id) }, staffLabel(s)))), () => {});
  return stepForm('te-create', '直接立案', [fieldOf('te-staff', '教师', staff), fieldOf('te-finding', '问题', finding),
    fieldOf('te-note', '证据与查处情况', note)], '记录', (form, btn, msg) => sendLocked({
    root: form, btn, busyText: '正在记录…', msg, signal: ctx.signal,
    call: () => api('POST', '/api/v1/ethics', { body: { staff_id: Number(staff.value) || 0, finding: finding.value.trim(), evidence_note: note.value } }),
  }).then((x) => x && reload()));
}

export async function renderEthics(main, ctx) {
  const reload = () => renderEthics(main, ctx);
  const school = ['principal', 'academic_office'].includes(user().role) ? user().school_id : ctx.params.get('school_id') || '';
  const d = await api('GET', '/api/v1/ethics', { query: { school_id: school, year: ctx.params.get('year') || '' }, signal: ctx.signal });
  const canCreate = (isAdmin() && school) || user().role === 'principal';
  let picker = null;
  if (isBureau()) {
    const schools = (await api('GET', '/public/v1/report-schools', { signal: ctx.signal })).items;
    const sel = select([['', '全区'], ...schools.map((x) => [String(x.id), x.name])], { id: 'te-school' });
    sel.value = String(school);
    sel.addEventListener('change', () => ctx.navigate('ethics', { school_id: sel.value }));
    picker = h('div', { class: 'toolbar rp-toolbar no-print' }, h('label', { for: 'te-school' }, '学校 '), sel);
  }
  setChildren(main, h('section', { class: 'page te-page' },
    h('h1', { class: 'page-title' }, '师德师风'),
    h('p', { class: 'page-lead' }, '在职教师有偿补课“发现一起、查处一起”，查实的师德考核一票否决（四3，B25）。记录只能撤销，不能删除。'),
    picker,
    d.vetoed_count !== null ? h('div', { class: 'figures' }, figure(d.school_year + '–' + (d.school_year + 1) + ' 学年一票否决人数', d.vetoed_count, d.vetoed_count ? 'bad' : null)) : null,
    ...section('师德记录', d.items.length, d.items.length ? ethicsTable(d.items, isAdmin() ? withdrawButton(ctx, reload) : null)
      : notice('本学年没有师德记录。', 'info')),
    canCreate ? ethicsCreateForm(ctx, school, reload) : null));
}

export async function renderMyEthics(main, ctx) {
  const d = await api('GET', '/api/v1/my/ethics', { signal: ctx.signal });
  setChildren(main, h('section', { class: 'page te-page' },
    h('h1', { class: 'page-title' }, '我的师德记录'),
    h('p', { class: 'page-lead' }, '在职教师不得有偿补课；查实的，当学年师德考核一票否决。这里是与您本人有关的记录。'),
    d.items.length ? ethicsTable(d.items, null) : notice('您没有师德问题记录。', 'success')));
}

/* ---- a parent's 问题反映 ---- */

export async function renderParentReport(main, ctx) {
  const schools = (await api('GET', '/public/v1/report-schools', { signal: ctx.signal })).items;
  const kind = select(KIND.slice(1), { id: 'pr-kind' });
  const target = h('input', { type: 'text', id: 'pr-target', maxlength: 100 });
  const school = select([['', '（选填）'], ...schools.map((s) => [String(s.id), s.name])], { id: 'pr-school' });
  const text = h('textarea', { id: 'pr-text', rows: 5, maxlength: 2000, placeholder: '时间、地点、经过；请不要填写学生姓名' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = stepForm('pr-form', '反映问题', [fieldOf('pr-kind', '反映什么', kind), fieldOf('pr-target', '对象名称', target),
    fieldOf('pr-school', '学校', school), fieldOf('pr-text', '情况说明', text)], '提交', (f, btn, msg) => sendLocked({
    root: f, btn, busyText: '正在提交…', msg, signal: ctx.signal,
    call: () => api('POST', '/api/v1/reports', { body: { target_kind: kind.value, target: target.value.trim(), text: text.value.trim(),
      ...(school.value ? { school_id: Number(school.value) } : {}) } }),
  }).then((r) => {
    if (!r) return;
    setChildren(out, h('div', { class: 'card', id: 'pr-receipt' }, h('p', {}, '已受理。请保存查询码：'),
      h('p', { class: 'jb-code' }, r.receipt_code), h('p', {}, '答复期限：' + r.due_on + '。'),
      h('a', { href: '/jubao?code=' + encodeURIComponent(r.receipt_code), target: '_blank', rel: 'noopener' }, '查看办理进度')));
    f.reset();
  }));
  setChildren(main, h('section', { class: 'page pr-page' },
    h('h1', { class: 'page-title' }, '问题反映'),
    h('p', { class: 'page-lead' }, '反映学校作业过多、违规收费、考试排名，教师有偿补课或校外培训机构违规培训。教育局在规定期限内答复。'),
    form, out,
    h('p', { class: 'no-print' }, '也可以不登录、匿名举报：', h('a', { href: '/jubao', target: '_blank', rel: 'noopener' }, '打开举报页面'))));
}
