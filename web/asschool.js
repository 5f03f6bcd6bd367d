// asschool.js - the school's after-school pages (课后服务, principal and
// academic office; the bureau opens a school's 质量指标): the frame they
// share (term picker, tabs), 质量指标 (B18), 服务方案 (the term's slots,
// refused by the AS_ rules) and 课程菜单 (the menu and a new program).

import { api, session, isAbort, loadPolicy } from './api.js';
import { pack, serviceDaysText, weekendText, endNotBefore, maxGapMinutes } from './policytext.js';
import { h, setChildren, errorBox, notice, chip, gradeLabel } from './dom.js';
import { crumbs, gradeName } from './org.js';
import { shortDate } from './dates.js';
import { fetchStaff, staffPicker, sendLocked } from './manage.js';
import { field, select, load, hwPage } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import {
  CATEGORIES, STAFF_TYPES, SLOT_KINDS, WEEKDAYS, optName, daysText, feeText, percentBar, asErrorBox,
  loadTerms, termPicker, asNav, ownSchool, onSubmit, asPost,
} from './asshared.js';

export const BUREAU = ['district_admin', 'inspector'];

/**
 * Draw a school page's frame: tabs (or, for the bureau, a breadcrumb), the
 * title, the term picker, and an empty body box. Resolves to {box, sid, term,
 * terms, today, bureau, title} or null when there is nothing to show (the box
 * then says why).
 */
export async function schoolFrame(main, ctx, route, title, lead) {
  const bureau = BUREAU.includes(session.user.role);
  const sid = bureau ? (/^[1-9]\d*$/.test(ctx.params.get('school_id') || '') ? ctx.params.get('school_id') : null) : ownSchool();
  const box = h('div', { class: 'as-body', id: route + '-box', 'aria-live': 'polite' });
  const pick = h('div', { class: 'card as-pick' });
  const top = h('div');
  const head = h('h1', { class: 'page-title' }, title);
  hwPage(main, 'page-as page-' + route, top, head, lead, pick, box);
  if (!sid) {
    setChildren(box, notice(bureau ? '请先在“课后服务（全区）”中选择一所学校。' : '您的账号没有关联学校。', 'warn'));
    return null;
  }
  let t;
  try {
    t = await loadTerms(ctx.signal, ctx.params.get('term'));
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, errorBox(e));
    return null;
  }
  if (ctx.signal.aborted) return null;
  if (!t.current) {
    setChildren(box, notice('本区还没有设置学期。', 'warn'));
    return null;
  }
  setChildren(pick, termPicker(t.items, t.current, (id) => ctx.navigate(route, { school_id: bureau ? sid : '', term: id })));
  if (bureau) {
    setChildren(top, crumbs([['课后服务（全区）', '#/as-district?term=' + t.current.id], ['学校', null]]));
    api('GET', '/api/v1/schools/' + sid, { signal: ctx.signal }).then((s) => {
      const name = (s.school && s.school.name) || '';
      setChildren(top, crumbs([['课后服务（全区）', '#/as-district?term=' + t.current.id], [name, null]]));
      setChildren(head, title, h('span', { class: 'title-sub' }, name));
    }, () => {});
  } else {
    setChildren(top, asNav(route, t.current.id));
  }
  return { box, sid, term: t.current, terms: t.items, today: t.today, bureau };
}

/** schoolFrame, then GET the school's `tail` (under /api/v1/schools/{id}/) of the term: {f, d}, or null when there is nothing to show. */
export async function schoolLoad(main, ctx, route, title, lead, tail, termKey = 'term') {
  const f = await schoolFrame(main, ctx, route, title, lead);
  if (!f) return null;
  const d = await load(f.box, ctx, '/api/v1/schools/' + f.sid + '/' + tail, { [termKey]: f.term.id });
  return d ? { f, d } : null;
}

/* ---- 质量指标 ---- */

/** Bars of a percentage per row: rows [{label, percent, text, data}]. */
export function bars(id, rows) {
  return h('div', { class: 'as-bars', id, role: 'list' }, rows.map((r) => {
    const fill = h('span', { class: 'as-bar-fill' });
    fill.style.width = Math.max(0, Math.min(100, Number(r.percent) || 0)) + '%';
    return h('div', { class: 'as-bar', role: 'listitem', dataset: r.data || {} },
      h('span', { class: 'as-bar-label' }, r.href ? h('a', { href: r.href }, r.label) : r.label),
      h('span', { class: 'as-bar-track', 'aria-hidden': 'true' }, fill),
      h('span', { class: 'as-bar-value' }, (r.percent ?? 0) + '%', r.text ? h('small', null, ' ' + r.text) : null));
  }));
}

export async function renderAsMetrics(main, ctx) {
  const r = await schoolLoad(main, ctx, 'afterschool', '课后服务质量指标',
    '学生自愿参与的情况、出勤、作业辅导完成情况、待核查的活动和安全事件（B18）。', 'afterschool-metrics');
  if (!r) return;
  const { f, d } = r;
  const hg = d.homework_guidance || null;
  const archive = '/api/v1/schools/' + f.sid + '/afterschool-archive.xlsx?term=' + f.term.id;
  const byGrade = Array.isArray(d.by_grade) ? d.by_grade : [];
  const byClass = Array.isArray(d.by_class) ? d.by_class : [];
  const tab = (route) => '#/' + route + '?term=' + f.term.id;
  setChildren(f.box,
    h('div', { class: 'figures as-figures', id: 'as-summary' },
      figure('参与率（报名 / 学生）', (d.participation_percent ?? 0) + '%'),
      figure('报名', (d.applied ?? 0) + ' / ' + (d.students ?? 0) + ' 人'),
      figure('已录取', (d.admitted ?? 0) + ' 人'),
      figure('活动已记录', (d.recorded ?? 0) + ' / ' + (d.sessions ?? 0) + ' 次'),
      figure('出勤率', d.recorded && d.attendance_percent !== null && d.attendance_percent !== undefined ? d.attendance_percent + '%' : '—'),
      figure('作业辅导完成作业', hg && hg.present ? hg.percent + '%' : '—'),
      figure('待核查的活动', d.flagged ?? 0, d.flagged ? 'bad' : null),
      d.incidents === undefined ? null : figure('安全事件', d.incidents, d.incidents ? 'bad' : null),
      d.venues_unchecked === undefined ? null : figure('未按期安全检查的场地', d.venues_unchecked, d.venues_unchecked ? 'bad' : null)),
    h('p', { class: 'as-links' },
      h('a', { class: 'btn', id: 'as-archive', href: archive, download: '课后服务档案_' + f.term.name + '.xlsx' }, '导出学期档案'),
      f.bureau ? null : h('a', { href: tab('as-sessions') }, '查看活动记录 ›'),
      f.bureau ? null : h('a', { href: tab('as-safety') }, '安全检查与事件 ›')),
    flaggedNotice(d, f.bureau),
    section('各年级参与率', byGrade.length, byGrade.length
      ? bars('as-grade-bars', byGrade.map((g) => ({ label: gradeName(g.grade), percent: g.participation_percent, text: g.applied + ' / ' + g.students + ' 人', data: { grade: String(g.grade) } })))
      : notice('没有年级数据。', 'info'), 'as-grades-title'),
    // 20-odd classes: folded on a phone, where each row is a block.
    h('details', { class: 'collapsible as-class-fold', open: window.matchMedia('(min-width: 760px)').matches }, h('summary', null, '各班参与情况（' + byClass.length + ' 个班）'),
      byClass.length ? table('as-classes', [
      ['班级', (x) => x.class_name, 'cell-title'],
      ['学生', (x) => String(x.students), 'num'],
      ['报名', (x) => String(x.applied), 'num'],
      ['录取', (x) => String(x.admitted), 'num'],
      ['参与率', (x) => percentBar(x.participation_percent)],
    ], byClass) : notice('没有班级数据。', 'info')));
}

/* ---- 服务方案 ---- */

const timeInput = (v) => h('input', { type: 'time', value: v || null, step: '300', required: true });

function slotRow(s, onRemove) {
  const weekday = select(WEEKDAYS.map(([k, t]) => [String(k), t]), { 'aria-label': '星期', class: 'slot-day' });
  weekday.value = String(s.weekday || 1);
  const start = timeInput(s.start);
  start.setAttribute('aria-label', '开始');
  const end = timeInput(s.end);
  end.setAttribute('aria-label', '结束');
  const kind = select(SLOT_KINDS, { 'aria-label': '类型', class: 'slot-kind' });
  kind.value = s.kind || 'regular';
  const row = h('div', { class: 'slot-row', role: 'group', 'aria-label': '时段' },
    weekday, h('span', { class: 'slot-times' }, start, h('span', { 'aria-hidden': 'true' }, '–'), end), kind,
    h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet slot-remove', onclick: () => onRemove(row) }, '删除'));
  row.read = () => ({ weekday: Number(weekday.value), start: start.value, end: end.value, kind: kind.value });
  return row;
}

/**
 * 放学时间 (AS_COVERAGE): the school's dismissal time per weekday, the
 * moment the regular service starts from. A day left empty has no school.
 */
function dismissalForm(f, ctx, settings, p) {
  const at = Array.isArray(settings && settings.dismissal) ? settings.dismissal : [];
  const inputs = WEEKDAYS.map(([w, name]) => {
    const i = h('input', { type: 'time', step: '300', value: at[w - 1] || null, id: 'as-dismiss-' + w });
    return [i, field('as-dismiss-' + w, name, i)];
  });
  const msg = h('div', { class: 'form-msg', id: 'as-dismiss-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn', id: 'as-dismiss-save' }, '保存放学时间');
  const gap = maxGapMinutes(p);
  const form = h('form', { class: 'card', id: 'as-dismiss-form', novalidate: true },
    h('h2', { class: 'section-title' }, '放学时间'),
    h('p', { class: 'field-hint' }, '课后服务从放学时开始' + (gap !== null ? '，中间空档不超过 ' + gap + ' 分钟' : '') +
      '。不上课的日子留空。'),
    h('div', { class: 'dismiss-grid' }, inputs.map(([, fl]) => fl)),
    msg, h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    const body = { dismissal: inputs.map(([i]) => i.value || null) };
    const r = await sendLocked({
      root: form, btn, busyText: '正在保存…', msg, signal: ctx.signal, errorView: asErrorBox,
      call: () => api('PUT', '/api/v1/schools/' + f.sid + '/afterschool-settings', { body, signal: ctx.signal }),
    });
    if (r) setChildren(msg, notice('已保存放学时间。', 'success'));
  });
  return form;
}

export async function renderAsPlan(main, ctx) {
  const p = await loadPolicy().catch(() => null);
  if (ctx.signal.aborted) return;
  const workEnd = endNotBefore(p);
  const r = await schoolLoad(main, ctx, 'as-plan', '服务方案',
    '本学期每周的课后服务时段：' + serviceDaysText(p) + '都要开展，结束时间不早于当地正常下班时间' + (workEnd ? '（' + workEnd + '）' : '') +
      '；可增加延时托管，有初中年级的学校可安排晚自习；' + weekendText(p) + '。', 'afterschool-plans', 'term_id');
  if (!r) return;
  const { f, d } = r;
  const plan = d.plan;
  const settings = await load(f.box, ctx, '/api/v1/schools/' + f.sid + '/afterschool-settings');
  if (!settings) return;
  const dismissal = Array.isArray(settings.dismissal) ? settings.dismissal : [];
  const list = h('div', { class: 'slot-list', id: 'as-slots' });
  const msg = h('div', { class: 'form-msg', id: 'as-plan-msg', 'aria-live': 'polite', tabindex: '-1' });
  const stamp = h('p', { class: 'field-hint', id: 'as-plan-stamp' });
  const showStamp = (p) => {
    stamp.textContent = p ? '当前为第 ' + p.version + ' 版，' + (p.created_by || '') + ' 保存于 ' + String(p.created_at || '').replace('T', ' ').slice(0, 16) : '本学期还没有服务方案。';
  };
  showStamp(plan);
  const remove = (row) => row.remove();
  const add = (s) => list.append(slotRow(s, remove));
  const slots = plan && Array.isArray(plan.slots) && plan.slots.length ? plan.slots
    : [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: dismissal[w - 1] || '', end: workEnd, kind: 'regular' }));
  slots.forEach(add);
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'as-plan-save' }, '保存方案');
  const form = h('form', { class: 'card', id: 'as-plan-form', novalidate: true },
    h('h2', { class: 'section-title' }, '每周时段'),
    h('p', { class: 'slot-head', 'aria-hidden': 'true' }, h('span', null, '星期'), h('span', null, '时间'), h('span', null, '类型')),
    list,
    h('p', null, h('button', { type: 'button', class: 'btn btn-small', id: 'as-slot-add', onclick: () => add({ weekday: 1, start: workEnd, end: '', kind: 'extended' }) }, '＋ 添加时段')),
    msg,
    h('div', { class: 'form-actions' }, btn),
    stamp);
  onSubmit(form, btn, async () => {
    const rows = [...list.children];
    rows.forEach((r) => r.classList.remove('is-bad'));
    const body = { term_id: Number(f.term.id), slots: rows.map((r) => r.read()) };
    if (!body.slots.length || body.slots.some((s) => !s.start || !s.end)) {
      setChildren(msg, errorBox({ message: '请至少填写一个时段，并填写每个时段的开始和结束时间' }));
      return;
    }
    let bad = null;
    const r = await sendLocked({
      root: form, btn, busyText: '正在保存…', msg, signal: ctx.signal,
      errorView: (e) => {
        bad = e.details && Number.isInteger(e.details.slot) ? rows[e.details.slot] : null;
        return asErrorBox(e);
      },
      call: () => api('POST', '/api/v1/schools/' + f.sid + '/afterschool-plans', { body, signal: ctx.signal }),
    });
    if (bad) bad.classList.add('is-bad');
    if (!r) {
      msg.focus();
      return;
    }
    showStamp(r);
    setChildren(msg, notice('已保存第 ' + r.version + ' 版服务方案（' + r.slots.length + ' 个时段）。', 'success'));
  });
  setChildren(f.box,
    plan ? h('div', { class: 'card as-plan-view' }, h('h2', { class: 'section-title' }, '当前方案'),
      h('ul', { class: 'as-slot-summary', id: 'as-plan-current' }, plan.slots.map((s) => h('li', null,
        h('strong', null, s.weekday_name || optName(WEEKDAYS, s.weekday)), ' ', s.start + '–' + s.end, ' ',
        chip(s.kind_name || optName(SLOT_KINDS, s.kind), s.kind === 'regular' ? 'info' : 'muted'))))) : null,
    dismissalForm(f, ctx, settings, p),
    form);
}

/* ---- 课程菜单 ---- */

const schoolGrades = (kind) => (kind === 'primary' ? [1, 2, 3, 4, 5, 6] : kind === 'junior' ? [7, 8, 9] : [1, 2, 3, 4, 5, 6, 7, 8, 9]);

/** A row of checkboxes: options [[value, text]]; read() gives the checked values as numbers. */
function checkRow(name, options, checked) {
  const boxes = options.map(([v, t]) => {
    const id = name + '-' + v;
    return h('label', { class: 'check check-chip', for: id },
      h('input', { type: 'checkbox', id, value: String(v), checked: checked.includes(v) }), t);
  });
  const el = h('div', { class: 'check-row', id: name }, boxes);
  el.read = () => boxes.map((b) => b.firstChild).filter((i) => i.checked).map((i) => Number(i.value));
  return el;
}

function staffRow(staff, i, onRemove) {
  const id = 'as-staff-' + i;
  const type = select(STAFF_TYPES, { 'aria-label': '人员类型' });
  const pick = staffPicker(staff, { id: id + '-pick', label: '本校教师' });
  const name = h('input', { type: 'text', maxlength: '32', autocomplete: 'off', placeholder: '姓名' });
  const vetting = h('input', { type: 'text', maxlength: '200', autocomplete: 'off', placeholder: '如 无犯罪记录证明、资质证书编号' });
  const vettedOn = h('input', { type: 'date' });
  const outside = h('div', { class: 'staff-outside' },
    field(id + '-name', '姓名', name),
    h('div', { class: 'field-pair' }, field(id + '-vetting', '审核记录', vetting), field(id + '-vetted', '审核日期', vettedOn)));
  const sync = () => {
    pick.field.hidden = type.value !== 'teacher';
    outside.hidden = type.value === 'teacher';
  };
  type.addEventListener('change', sync);
  sync();
  const row = h('fieldset', { class: 'staff-row' },
    h('legend', null, '人员 ' + (i + 1)),
    field(id + '-type', '类型', type),
    pick.field, outside,
    h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet', onclick: () => onRemove(row) }, '移除'));
  row.read = () => {
    if (type.value === 'teacher') {
      const s = pick.byId(pick.value());
      return s ? { type: 'teacher', name: s.name, staff_id: s.id } : null;
    }
    const o = { type: type.value, name: name.value.trim() };
    if (vetting.value.trim()) o.vetting = vetting.value.trim();
    if (vettedOn.value) o.vetted_on = vettedOn.value;
    return o.name ? o : null;
  };
  return row;
}

function programForm(f, ctx, kind, staff, done) {
  const name = h('input', { type: 'text', maxlength: '64', autocomplete: 'off', placeholder: '如 三年级作业辅导', required: true });
  const category = select(CATEGORIES);
  const grades = checkRow('as-p-grades', schoolGrades(kind).map((g) => [g, gradeName(g)]), []);
  const days = checkRow('as-p-days', WEEKDAYS, [1, 2, 3, 4, 5]);
  const start = timeInput('15:40');
  const end = timeInput(endNotBefore(pack()));
  const capacity = h('input', { type: 'number', min: '1', max: '500', step: '1', inputmode: 'numeric', value: '40' });
  const venue = h('input', { type: 'text', maxlength: '100', autocomplete: 'off', placeholder: '如 三年级（1）班教室' });
  const fee = h('input', { type: 'number', min: '0', step: '0.01', inputmode: 'decimal', value: '0' });
  const feeDoc = h('input', { type: 'text', maxlength: '200', autocomplete: 'off', placeholder: '收费时必填：物价部门的审批文号' });
  const until = h('input', { type: 'date', value: f.term.ends_on < f.today ? null : f.today });
  const staffList = h('div', { class: 'staff-list', id: 'as-p-staff' });
  let n = 0;
  const addStaff = () => staffList.append(staffRow(staff, n++, (row) => row.remove()));
  addStaff();
  const msg = h('div', { class: 'form-msg', id: 'as-program-msg', 'aria-live': 'polite', tabindex: '-1' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'as-program-save' }, '添加到课程菜单');
  const form = h('form', { class: 'card as-program-form', id: 'as-program-form', novalidate: true },
    h('h2', { class: 'section-title' }, '新增课程'),
    h('div', { class: 'field-pair' }, field('as-p-name', '课程名称', name), field('as-p-category', '类别', category)),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '面向年级'), grades),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '每周上课'), days),
    h('div', { class: 'field-pair' }, field('as-p-start', '开始时间', start), field('as-p-end', '结束时间', end)),
    h('div', { class: 'field-pair' }, field('as-p-capacity', '名额', capacity), field('as-p-venue', '场地', venue)),
    h('h3', { class: 'sub-title' }, '授课人员'),
    h('p', { class: 'field-hint' }, '退休教师、专业人员和志愿者须经审核，并填写审核记录和日期。'),
    staffList,
    h('p', null, h('button', { type: 'button', class: 'btn btn-small', id: 'as-p-staff-add', onclick: addStaff }, '＋ 添加人员')),
    h('div', { class: 'field-pair' }, field('as-p-fee', '收费（元/学期）', fee, '默认免费'), field('as-p-fee-doc', '收费审批文件', feeDoc)),
    field('as-p-until', '报名截止日期', until),
    msg,
    h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    const staffRows = [...staffList.children].map((r) => r.read());
    const body = {
      school_id: Number(f.sid), term_id: Number(f.term.id), name: name.value.trim(), category: category.value,
      grades: grades.read(), capacity: Number(capacity.value), days: days.read(), start: start.value, end: end.value,
      venue: venue.value.trim(), staff: staffRows.filter(Boolean), apply_until: until.value,
    };
    const fen = Math.round(Number(fee.value || 0) * 100);
    if (fen) body.fee_fen = fen;
    if (feeDoc.value.trim()) body.fee_doc = feeDoc.value.trim();
    const bad = !body.name ? '请填写课程名称' : !body.grades.length ? '请选择面向的年级' : !body.days.length ? '请选择每周上课的日子'
      : !body.start || !body.end ? '请填写上课时间' : !(body.capacity >= 1) ? '请填写名额' : !body.venue ? '请填写场地'
        : !body.staff.length || staffRows.includes(null) ? '请填写每位授课人员（本校教师请从名单中选择）' : !body.apply_until ? '请选择报名截止日期' : null;
    if (bad) {
      setChildren(msg, errorBox({ message: bad }));
      msg.focus();
      return;
    }
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/afterschool/programs', body, '正在保存…');
    if (!r) {
      msg.focus();
      return;
    }
    name.value = '';
    done('已添加“' + r.name + '”。');
  });
  return form;
}

export async function renderAsPrograms(main, ctx) {
  const f = await schoolFrame(main, ctx, 'as-programs', '课程菜单',
    '菜单式课后服务：作业辅导、答疑辅导、科普、体育、艺术、劳动、阅读、兴趣小组和社团，由家长自愿选择。不得讲授新课，不得违规收费。');
  if (!f) return;
  const listBox = h('div', { id: 'as-program-list', 'aria-live': 'polite' });
  const msg = h('div', { class: 'form-msg', id: 'as-programs-msg', 'aria-live': 'polite' });
  const formSlot = h('div');
  setChildren(f.box, msg, listBox, formSlot);
  const [school, staff] = await Promise.all([
    api('GET', '/api/v1/schools/' + f.sid, { signal: ctx.signal }).catch(() => null),
    fetchStaff(f.sid, ctx.signal).catch(() => []),
  ]);
  if (ctx.signal.aborted) return;
  async function draw(okText) {
    const d = await load(listBox, ctx, '/api/v1/afterschool/programs', { school_id: f.sid, term_id: f.term.id });
    if (!d) return;
    if (okText) setChildren(msg, notice(okText, 'success'));
    const items = Array.isArray(d.items) ? d.items : [];
    setChildren(listBox, section('本学期课程', items.length, items.length ? table('as-programs', [
      ['课程', (x) => [h('strong', null, x.name), h('span', { class: 'sub' }, x.category_name || optName(CATEGORIES, x.category))], 'cell-title'],
      ['年级', (x) => gradeLabel(x.grades)],
      ['时间', (x) => daysText(x.days) + ' ' + x.start + '–' + x.end],
      ['场地', (x) => x.venue],
      ['名额', (x) => x.admitted + ' / ' + x.capacity, 'num'],
      ['报名', (x) => x.applied + (x.waitlisted ? '（候补 ' + x.waitlisted + '）' : ''), 'num'],
      ['收费', (x) => feeText(x.fee_fen)],
      ['截止', (x) => x.apply_until, 'nowrap'],
      ['', (x) => h('a', { href: '#/as-sessions?term=' + f.term.id + '&program=' + x.id }, '活动安排 ›')],
    ], items) : notice('本学期还没有课程。请在下面添加。', 'info'), 'as-programs-title'));
  }
  setChildren(formSlot, programForm(f, ctx, school && school.school ? school.school.kind : '', staff, draw));
  await draw(null);
}

/**
 * Sessions whose content reads like a new lesson (AS_NO_NEW_LESSON) and still
 * wait for the school's review: each one a link to its page (the school
 * office reviews there; the bureau sees the list).
 */
function flaggedNotice(d, bureau) {
  const open = Array.isArray(d.flagged_sessions) ? d.flagged_sessions : [];
  if (!d.flagged) return null;
  if (!open.length) return notice('有 ' + d.flagged + ' 次活动曾被标记为疑似讲授新课，均已核查。', 'info');
  return h('div', { class: 'alert alert-warn', role: 'note', id: 'as-flagged-list' },
    h('p', { class: 'alert-msg' }, (d.flagged_open ?? open.length) + ' 次活动的内容像是讲授新课，或没有声明“本次未讲授新课”，' + (bureau ? '等待学校核查：' : '请逐一核查：')),
    h('ul', { class: 'plain-list' }, open.map((x) => h('li', null,
      bureau ? [shortDate(x.day) + ' ' + x.program_name] : h('a', { href: '#/as-session/' + x.id, class: 'as-flag-link' }, shortDate(x.day) + ' ' + x.program_name),
      x.flagged ? h('span', { class: 'sub' }, '（“' + x.flagged + '”）') : h('span', { class: 'sub' }, '（未声明）')))),
    (d.flagged_open ?? 0) > open.length ? h('p', { class: 'alert-meta' }, '只列出最近 ' + open.length + ' 次。') : null);
}
