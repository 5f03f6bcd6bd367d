// exam.js - 考试安排: a school's exam plans for the term, grade by grade (五(四)4,
// B13). The principal or academic office enters a plan; the server checks it
// against the pack and a refusal shows the rule, its title and the clause in
// Chinese, with nothing stored. A plan is withdrawn with a reason (kept,
// marked 已撤销). #/exams/{id} shows a plan's results as level counts per
// class and for the grade: never a score, a rank or a student.

import { api, session, loadPolicy } from './api.js';
import { h, setChildren, notice, chip, formatInstant } from './dom.js';
import { gradeName } from './org.js';
import { confirmDialog, sendLocked } from './manage.js';
import { field, select, load, hwPage } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { loadTerms, termPicker, onSubmit } from './asshared.js';
import { barChart } from './charts.js';
import { EXAM_KINDS, EXAM_FORMS, EXAM_SUBJECTS, schoolGrades, examErrorBox } from './examshared.js';

const MANAGERS = ['district_admin', 'principal', 'academic_office'];
const optName = (opts, k) => (opts.find(([v]) => v === k) || [, k])[1];

function planForm(ctx, school, term, grades, onDone) {
  const grade = select(grades.map((g) => [String(g), gradeName(g)]), null);
  const kind = select(EXAM_KINDS, null);
  const form = select(EXAM_FORMS, null);
  const date = h('input', { type: 'date', min: term.starts_on, max: term.ends_on, required: true });
  const subjects = EXAM_SUBJECTS.map((s, i) => h('label', { class: 'check check-chip', for: 'ex-subj-' + i },
    h('input', { type: 'checkbox', id: 'ex-subj-' + i, value: s, checked: i < 2 }), s));
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ex-submit' }, '登记考试安排');
  const msg = h('div', { id: 'ex-msg', 'aria-live': 'polite' });
  const f = h('form', { class: 'card form', id: 'ex-form', novalidate: true },
    h('h2', { class: 'section-title' }, '登记考试安排'),
    h('div', { class: 'field-pair' }, field('ex-grade', '年级', grade), field('ex-kind', '考试类型', kind)),
    h('div', { class: 'field-pair' }, field('ex-form-kind', '考试形式', form),
      field('ex-date', '考试日期', date, '须在本学期内（' + term.starts_on + ' 至 ' + term.ends_on + '）')),
    h('fieldset', { class: 'field' }, h('legend', null, '考试科目'), h('div', { class: 'check-row', id: 'ex-subjects' }, subjects)),
    h('div', { class: 'form-actions' }, btn), msg);
  onSubmit(f, btn, async () => {
    const body = {
      term_id: Number(term.id), grade: Number(grade.value), kind: kind.value, form: form.value, date: date.value,
      subjects: subjects.map((l) => l.firstChild).filter((i) => i.checked).map((i) => i.value),
    };
    const r = await sendLocked({ root: f, btn, busyText: '正在登记…', msg, signal: ctx.signal, errorView: examErrorBox,
      call: () => api('POST', '/api/v1/schools/' + school.id + '/exams', { body, signal: ctx.signal }) });
    if (r && r.exam) {
      ctx.flash(gradeName(r.exam.grade) + r.exam.kind_name + '已登记');
      onDone();
    }
  });
  return f;
}

function withdraw(ctx, x, onDone) {
  const reason = h('input', { type: 'text', id: 'ex-reason', maxlength: '500', autocomplete: 'off', placeholder: '如 考试日期调整' });
  return confirmDialog({
    title: '撤销考试安排',
    body: [h('p', null, '撤销', gradeName(x.grade), x.date, '的', x.kind_name, '？记录会保留并注明撤销原因。'), field('ex-reason', '撤销原因', reason)],
    confirmText: '确认撤销', busyText: '正在撤销…', signal: ctx.signal, errorView: examErrorBox, focus: reason,
    action: () => api('POST', '/api/v1/exams/' + x.id + '/withdraw', { body: { reason: reason.value.trim() }, signal: ctx.signal }),
  }).then((r) => { if (r) onDone(); });
}

function planRows(ctx, plans, canWrite, reload) {
  return table('ex-plans', [
    ['年级', (x) => gradeName(x.grade), 'cell-title'],
    ['考试', (x) => [x.kind_name, h('span', { class: 'sub' }, x.form_name)]],
    ['日期', (x) => x.date],
    ['科目', (x) => x.subjects.join('、')],
    ['状态', (x) => (x.status === 'withdrawn' ? [chip('已撤销', 'muted'), h('span', { class: 'sub' }, x.withdrawn_reason)] : chip('有效', 'ok'))],
    ['', (x) => [h('a', { href: '#/exams/' + x.id, class: 'btn btn-small btn-quiet' }, '等级结果'),
      canWrite && x.status === 'live' ? h('button', { type: 'button', class: 'btn btn-small btn-quiet ex-withdraw', onclick: () => withdraw(ctx, x, reload) }, '撤销') : null]],
  ], plans);
}

/** Per grade: what the term holds against the pack (EX_FINAL_ONCE, EX_MIDTERM). */
function gradeSummary(grades, plans, policy) {
  const rules = (policy && policy.rules) || {};
  const finals = (rules.EX_FINAL_ONCE && rules.EX_FINAL_ONCE.params.per_term) ?? 1;
  return h('div', { class: 'figures ex-grades', id: 'ex-grades' }, grades.map((g) => {
    const live = plans.filter((x) => x.grade === g && x.status === 'live');
    const f = live.filter((x) => x.kind === 'final').length, m = live.filter((x) => x.kind === 'midterm').length;
    return figure(gradeName(g), '期末 ' + f + ' / ' + finals + (m ? '，期中 ' + m : ''), f === 0 ? 'bad' : null);
  }));
}

export async function renderExams(main, ctx) {
  const pick = h('div', { class: 'card hw-pick' });
  const box = h('div', { id: 'ex-school', 'aria-live': 'polite' });
  hwPage(main, 'page-exams', null, '考试安排',
    '每学期各年级的考试安排：小学一、二年级不进行纸笔考试，每学期一次期末考试，初中可安排一次期中考试，考试结果实行等级制，不公布成绩和排名（五(四)4）。', pick, box);
  const sid = ctx.params.get('school_id') || (session.user && session.user.school_id);
  if (!sid) {
    setChildren(box, notice('请从全区考试管理中选择一所学校。', 'info'));
    return;
  }
  let t, school, policy;
  try {
    [t, school, policy] = await Promise.all([loadTerms(ctx.signal, ctx.params.get('term')),
      api('GET', '/api/v1/schools/' + sid, { signal: ctx.signal }), loadPolicy()]);
  } catch (e) {
    if (!ctx.signal.aborted) setChildren(box, examErrorBox(e));
    return;
  }
  if (ctx.signal.aborted || !t.current) return;
  const term = t.current;
  const sch = school.school || school;
  setChildren(pick, h('p', { class: 'card-title' }, sch.name), termPicker(t.items, term, (id) => ctx.navigate('exams', { term: id, school_id: sid }), 'ex-term'));
  const d = await load(box, ctx, '/api/v1/schools/' + sid + '/exams', { term_id: term.id, limit: 200 });
  if (!d) return;
  const plans = (d.items || []).slice().sort((a, b) => a.grade - b.grade || (a.date < b.date ? -1 : 1));
  const grades = schoolGrades(sch.kind);
  const canWrite = MANAGERS.includes(session.user.role);
  const reload = () => ctx.navigate('exams', { term: term.id, school_id: sid }, true);
  setChildren(box,
    section('各年级期末考试', null, gradeSummary(grades, plans, policy)),
    section('本学期考试安排', plans.length, plans.length ? planRows(ctx, plans, canWrite, reload) : notice('本学期还没有登记考试安排。', 'info'), 'ex-plans-title'),
    canWrite ? planForm(ctx, sch, term, grades, reload) : null);
}

/**
 * 登记等级: a class of the plan's grade, a subject of the plan, each student's
 * level from the pack's list (left empty: not entered). The school's staff
 * see their students' names here; the results page never does.
 */
function resultsForm(ctx, x, levels, classes, onDone) {
  const cls = select(classes.map((c) => [String(c.id), c.name]), null);
  const subj = select(x.subjects.map((s) => [s, s]), null);
  const rows = h('div', { id: 'ex-entry-rows' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ex-entry-submit', disabled: true }, '保存等级');
  const msg = h('div', { id: 'ex-entry-msg', 'aria-live': 'polite' });
  let picks = [];
  const loadStudents = async () => {
    btn.disabled = true;
    const d = await load(rows, ctx, '/api/v1/classes/' + cls.value);
    if (!d) return;
    const students = d.students || [];
    picks = students.map((st) => ({ id: st.id, sel: select([['', '未登记'], ...levels.map((l) => [l, l])], { 'aria-label': '等级', class: 'ex-level' }) }));
    setChildren(rows, students.length ? table('ex-entry', [['学生', (p) => students.find((st) => st.id === p.id).name, 'cell-title'], ['等级', (p) => p.sel]], picks)
      : notice('这个班级没有学生。', 'info'));
    btn.disabled = !students.length;
  };
  cls.addEventListener('change', loadStudents);
  const f = h('form', { class: 'card form no-print', id: 'ex-entry-form', novalidate: true },
    h('h2', { class: 'section-title' }, '登记等级'),
    h('p', { class: 'field-hint' }, '只登记等级（' + levels.join('、') + '），不登记分数，不排名。'),
    h('div', { class: 'field-pair' }, field('ex-entry-class', '班级', cls), field('ex-entry-subject', '科目', subj)),
    rows, h('div', { class: 'form-actions' }, btn), msg);
  onSubmit(f, btn, async () => {
    const results = picks.filter((p) => p.sel.value).map((p) => ({ student_id: p.id, subject: subj.value, level: p.sel.value }));
    if (!results.length) {
      setChildren(msg, notice('请至少为一名学生选择等级。', 'warn'));
      return;
    }
    const r = await sendLocked({ root: f, btn, busyText: '正在保存…', msg, signal: ctx.signal, errorView: examErrorBox,
      call: () => api('POST', '/api/v1/exams/' + x.id + '/results', { body: { class_id: Number(cls.value), results }, signal: ctx.signal }) });
    if (r) {
      ctx.flash('已登记 ' + r.recorded + ' 名学生的等级');
      onDone(cls.value);
    }
  });
  if (classes.length) loadStudents();
  return f;
}

/** #/exams/{id}: one plan and its results as level counts (EX_NO_RANKING). */
export async function renderExam(main, ctx) {
  const box = h('div', { id: 'ex-results', 'aria-live': 'polite' });
  const entry = h('div', { id: 'ex-entry' });
  hwPage(main, 'page-exam', h('p', null, h('a', { href: '#/exams' }, '← 考试安排')), '考试结果（等级）',
    '考试结果一律实行等级制：这里只有各等级的人数，没有分数、排名和学生姓名（五(四)4、B13.1）。', box, entry);
  const role = session.user.role;
  const plan = await load(box, ctx, '/api/v1/exams/' + ctx.id);
  if (!plan) return;
  const x = plan.exam;
  // a teacher reads and enters for the classes they teach or head
  let classes = [];
  if (role === 'teacher' || MANAGERS.includes(role)) {
    const c = await load(box, ctx, '/api/v1/classes', { school_id: x.school_id, grade: x.grade, limit: 200 });
    if (!c) return;
    classes = c.items || [];
  }
  const classId = ctx.params.get('class_id') || (role === 'teacher' && classes.length ? String(classes[0].id) : '');
  if (role === 'teacher' && !classId) {
    setChildren(box, notice('您没有这个年级的班级。', 'info'));
    return;
  }
  const d = await load(box, ctx, '/api/v1/exams/' + ctx.id + '/results', classId ? { class_id: classId } : undefined);
  if (!d) return;
  const levels = d.levels || [];
  const subjects = (d.grade && d.grade.subjects) || [];
  const rows = [];
  for (const c of d.classes || []) for (const s of c.subjects) rows.push({ cls: c.class_name, ...s });
  setChildren(box,
    h('div', { class: 'card' }, h('p', { class: 'card-title' }, x.school_name, ' ', gradeName(x.grade), x.kind_name),
      h('p', null, x.date, ' · ', x.form_name, ' · ', x.subjects.join('、'), ' · ', x.status === 'withdrawn' ? '已撤销' : '有效'),
      h('p', { class: 'sub' }, '登记：', x.created_by, ' ', formatInstant(x.created_at))),
    subjects.length
      ? [section(classId ? '本班各等级人数' : '年级各等级人数', null, h('div', { class: 'chart-row' },
        barChart(gradeName(x.grade) + '各科等级人数', levels, subjects.map((s) => ({ label: s.subject, data: levels.map((l) => s.counts[l] || 0) }))),
        table('ex-grade-levels', [['科目', (s) => s.subject, 'cell-title'], ...levels.map((l) => [l, (s) => String(s.counts[l] || 0), 'num']), ['合计', (s) => String(s.total), 'num']], subjects))),
      section('各班各等级人数', rows.length, table('ex-class-levels', [['班级', (r) => r.cls, 'cell-title'], ['科目', (r) => r.subject],
        ...levels.map((l) => [l, (r) => String(r.counts[l] || 0), 'num']), ['合计', (r) => String(r.total), 'num']], rows))]
      : notice('还没有登记等级结果。', 'info'));
  if (x.status === 'live' && classes.length) {
    setChildren(entry, resultsForm(ctx, x, levels, classes,
      (cid) => ctx.navigate('exams/' + x.id, role === 'teacher' ? { class_id: cid } : null, true)));
  }
}
