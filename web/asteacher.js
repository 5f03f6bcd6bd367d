// asteacher.js - 今日课后服务 (teacher, on a phone): the day's sessions of
// the teacher's programs and the alerts; one session (also opened by the
// school office): attendance with big 到/缺/假 buttons and 作业完成, content
// and the no-new-lesson declaration, then the handover of each child, and
// an incident report.

import { api, session } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';
import { crumbs } from './org.js';
import { field, select, load, hwPage, dateNav } from './hwshared.js';
import { validDate, shortDate, dateText, todayIn } from './dates.js';
import { CATEGORIES, INCIDENT_KINDS, HANDOVER_STATES, optName, onSubmit, asPost } from './asshared.js';
import { alertList, sessionChips } from './asapps.js';

/* ---- 今日课后服务 ---- */

export async function renderAsToday(main, ctx) {
  const today = todayIn(session.policy && session.policy.timezone);
  const first = validDate(ctx.params.get('date') || '') ? ctx.params.get('date') : today;
  const list = h('div', { id: 'as-today-list', 'aria-live': 'polite' });
  const alerts = h('div', { id: 'as-alerts-box', 'aria-live': 'polite' });
  hwPage(main, 'page-as page-as-today', null, '今日课后服务',
    '您参与的课后服务：点开一次活动，先点名，再填写内容，最后逐个交接孩子。',
    h('div', { class: 'card hw-pick' },
      h('div', { class: 'field' }, h('label', { for: 'as-date' }, '日期'),
        dateNav(first, (d) => {
          history.replaceState(null, '', '#/as-today?date=' + d);
          show(d);
        }, { id: 'as-date', today }))),
    list,
    h('h2', { class: 'section-title' }, '交接预警'),
    alerts);
  async function show(day) {
    const d = await load(list, ctx, '/api/v1/afterschool/sessions', { day });
    if (!d) return;
    const items = Array.isArray(d.items) ? d.items : [];
    setChildren(list, items.length ? h('div', { class: 'as-cards' }, items.map((s) => h('a', {
      class: 'card card-link as-session-card', href: '#/as-session/' + s.id, dataset: { sessionId: String(s.id) },
    },
    h('p', { class: 'card-title' }, s.program_name, h('span', { class: 'tags' }, sessionChips(s))),
    h('p', { class: 'card-desc' }, s.start + '–' + s.end + ' · ' + (s.venue || '') + ' · ' + optName(CATEGORIES, s.category)),
    h('p', { class: 'as-counts' },
      h('span', null, '录取 ', h('strong', null, String(s.enrolled ?? 0))),
      h('span', null, '到 ', h('strong', null, s.recorded ? String(s.present ?? 0) : '—')),
      h('span', null, '已交接 ', h('strong', null, s.recorded ? String(s.handed_over ?? 0) : '—'))))))
      : notice(dateText(day) + '没有您参与的课后服务。', 'info'));
  }
  await Promise.all([show(first), alertList(alerts, ctx)]);
}

/* ---- one session ---- */

const MARKS = [['present', '到'], ['absent', '缺'], ['leave', '假']];

/** 到/缺/假 for one child, as three big radio buttons; read() gives the status. */
function markPicker(r, onChange) {
  const name = 'as-mark-' + r.student_id;
  const inputs = MARKS.map(([k]) => h('input', { type: 'radio', name, value: k, id: name + '-' + k, checked: (r.status || 'present') === k }));
  inputs.forEach((i) => i.addEventListener('change', onChange));
  const el = h('div', { class: 'segmented segmented-3 as-marks', role: 'radiogroup', 'aria-label': r.name + ' 出勤' },
    MARKS.map(([k, t], i) => h('label', { class: 'segment seg-' + k, for: inputs[i].id }, inputs[i], h('span', null, t))));
  el.read = () => (inputs.find((i) => i.checked) || inputs[0]).value;
  return el;
}

function attendanceForm(s, ctx, done) {
  const guidance = s.category === 'homework';
  const rows = (s.roster || []).map((r) => {
    const hw = h('input', { type: 'checkbox', id: 'as-hw-' + r.student_id, checked: r.homework_done === true });
    const hwLabel = guidance ? h('label', { class: 'check as-hw-done', for: hw.id }, hw, '作业完成') : null;
    const sync = () => { if (hwLabel) hwLabel.hidden = marks.read() !== 'present'; };
    const marks = markPicker(r, sync);
    sync();
    const el = h('li', { class: 'as-roster-row', dataset: { studentId: String(r.student_id) } },
      h('p', { class: 'as-child' }, h('strong', null, r.name), h('span', { class: 'sub' }, r.class_name || '')),
      marks, hwLabel);
    el.read = () => {
      const o = { student_id: r.student_id, status: marks.read() };
      if (guidance && o.status === 'present') o.homework_done = hw.checked;
      return o;
    };
    return el;
  });
  const content = h('textarea', { rows: '3', maxlength: '1000', placeholder: '如 完成数学书面作业，个别辅导计算题' });
  content.value = s.content || '';
  const form0 = h('input', { type: 'text', maxlength: '64', autocomplete: 'off', placeholder: '如 集中辅导、分组活动、实验' });
  form0.value = s.form || '';
  const noNew = h('input', { type: 'checkbox', id: 'as-no-new', checked: s.recorded ? !!s.no_new_lesson : true });
  const msg = h('div', { class: 'form-msg', id: 'as-att-msg', 'aria-live': 'polite', tabindex: '-1' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'as-att-save' }, s.recorded ? '更新考勤与内容' : '提交考勤与内容');
  const form = h('form', { class: 'card as-att', id: 'as-att-form', novalidate: true },
    h('h2', { class: 'section-title' }, '点名', h('span', { class: 'count' }, rows.length + ' 人')),
    h('p', { class: 'field-hint' }, '默认“到”；点“缺”或“假”改正。' + (guidance ? '到的孩子在活动中完成了书面作业，请勾选“作业完成”。' : '')),
    rows.length ? h('ul', { class: 'as-roster', id: 'as-roster' }, rows) : notice('这门课程还没有录取的孩子。', 'info'),
    field('as-content', '活动内容', content),
    field('as-form', '形式', form0),
    h('div', { class: 'field' }, h('label', { class: 'check', for: 'as-no-new' }, noNew, '本次未讲授新课'),
      h('p', { class: 'field-hint' }, '课后服务不得讲授新课；内容像是讲新课或未勾选的，会标记待学校核查。')),
    msg,
    h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    if (!rows.length) return;
    if (!content.value.trim()) {
      setChildren(msg, errorBox({ message: '请填写活动内容' }));
      content.focus();
      return;
    }
    const body = { records: rows.map((r) => r.read()), content: content.value.trim(), form: form0.value.trim(), no_new_lesson: noNew.checked };
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/afterschool/sessions/' + s.id + '/attendance', body);
    if (r) done(r);
  });
  return form;
}

/** The handover choices of a child: each guardian, extended care, evening study, alone (with consent only). */
function handoverOptions(r) {
  const opts = [['', '请选择']];
  for (const g of r.guardians || []) opts.push(['guardian:' + g.id, '家长接走：' + g.name + (g.relation ? '（' + g.relation + '）' : '')]);
  for (const [k, t] of HANDOVER_STATES) if (k !== 'guardian' && (k !== 'alone' || r.alone_consent === true)) opts.push([k, t]);
  return opts;
}

function handoverForm(s, ctx, done) {
  const present = (s.roster || []).filter((r) => r.status === 'present');
  const rows = present.map((r) => {
    const sel = select(handoverOptions(r), { id: 'as-ho-' + r.student_id, class: 'as-ho-select' });
    sel.value = r.handover === 'guardian' && r.guardian_id ? 'guardian:' + r.guardian_id : r.handover || '';
    const el = h('li', { class: 'as-roster-row', dataset: { studentId: String(r.student_id) } },
      h('p', { class: 'as-child' }, h('label', { for: sel.id }, h('strong', null, r.name)), h('span', { class: 'sub' }, r.class_name || ''),
        r.handover ? chip('已交接', 'ok') : null),
      sel,
      r.alone_consent === false ? h('p', { class: 'field-hint' }, '家长未同意独自离校。') : null);
    el.read = () => {
      if (!sel.value) return null;
      const [state, gid] = sel.value.split(':');
      return gid ? { student_id: r.student_id, state, guardian_id: Number(gid) } : { student_id: r.student_id, state };
    };
    return el;
  });
  const msg = h('div', { class: 'form-msg', id: 'as-ho-msg', 'aria-live': 'polite', tabindex: '-1' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'as-ho-save' }, '提交交接');
  const form = h('form', { class: 'card as-handover', id: 'as-ho-form', novalidate: true },
    h('h2', { class: 'section-title' }, '交接', h('span', { class: 'count' }, present.length + ' 人')),
    h('p', { class: 'field-hint' }, '活动结束后逐个交接：家长接走须是登记的监护人；自行离校须有家长事先同意。'),
    rows.length ? h('ul', { class: 'as-roster', id: 'as-ho-roster' }, rows) : notice('没有签到的孩子需要交接。', 'info'),
    msg,
    rows.length ? h('div', { class: 'form-actions' }, btn) : null);
  onSubmit(form, btn, async () => {
    const records = rows.map((r) => r.read()).filter(Boolean);
    if (!records.length) {
      setChildren(msg, errorBox({ message: '请为至少一个孩子选择交接方式' }));
      return;
    }
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/afterschool/sessions/' + s.id + '/handover', { records });
    if (r) done('已记录 ' + r.records + ' 个孩子的交接。');
  });
  return form;
}

function incidentForm(s, ctx) {
  const kind = select(INCIDENT_KINDS);
  const at = h('input', { type: 'time', value: s.start || null });
  const student = select([['', '不涉及具体学生'], ...(s.roster || []).map((r) => [String(r.student_id), r.name])]);
  const desc = h('textarea', { rows: '3', maxlength: '1000', placeholder: '发生了什么' });
  const action = h('textarea', { rows: '2', maxlength: '1000', placeholder: '采取了哪些处置措施' });
  const notified = h('input', { type: 'checkbox', id: 'as-inc-notified' });
  const msg = h('div', { class: 'form-msg', id: 'as-inc-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'as-inc-save' }, '提交事件');
  const form = h('form', { id: 'as-inc-form', novalidate: true },
    h('div', { class: 'field-pair' }, field('as-inc-kind', '类型', kind), field('as-inc-at', '时间', at)),
    field('as-inc-student', '涉及学生', student),
    field('as-inc-desc', '经过', desc),
    field('as-inc-action', '处置措施', action),
    h('div', { class: 'field' }, h('label', { class: 'check', for: 'as-inc-notified' }, notified, '已通知家长')),
    msg,
    h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    if (!desc.value.trim() || !action.value.trim() || !at.value) {
      setChildren(msg, errorBox({ message: '请填写时间、经过和处置措施' }));
      return;
    }
    const body = { kind: kind.value, occurred_at: at.value, description: desc.value.trim(), action: action.value.trim(), guardian_notified: notified.checked };
    if (student.value) body.student_id = Number(student.value);
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/afterschool/sessions/' + s.id + '/incidents', body);
    if (!r) return;
    desc.value = '';
    action.value = '';
    setChildren(msg, notice('事件已记录，学校和教育局可以查看。', 'success'));
  });
  return h('details', { class: 'card collapsible as-incident', id: 'as-incident' }, h('summary', null, '记录事件（受伤、身体不适、冲突、走失等）'), form);
}

const REVIEW_OUTCOMES = [['cleared', '无问题（没有讲授新课）'], ['confirmed', '确认违规']];

/** The school office's review of a flagged session (AS_NO_NEW_LESSON). */
function reviewForm(s, ctx, done) {
  // Flagged by a new-lesson word, or recorded without the declaration: both wait for review.
  if (!s.flagged && !(s.recorded && !s.no_new_lesson)) return null;
  // No preset: the reviewer reads the content and chooses.
  const outcome = select([['', '请选择核查结论'], ...REVIEW_OUTCOMES]);
  outcome.value = '';
  const note = h('textarea', { rows: '2', maxlength: '500', placeholder: '核查了什么、如何处理' });
  const msg = h('div', { class: 'form-msg', id: 'as-review-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'as-review-save' }, '提交核查');
  const form = h('form', { id: 'as-review-form', novalidate: true },
    field('as-review-outcome', '核查结论', outcome),
    field('as-review-note', '核查说明', note),
    msg,
    h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    if (!outcome.value) {
      setChildren(msg, errorBox({ message: '请先选择核查结论：无问题，或确认违规' }));
      outcome.focus();
      return;
    }
    if (!note.value.trim()) {
      setChildren(msg, errorBox({ message: '请写明核查说明' }));
      return;
    }
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/afterschool/sessions/' + s.id + '/review', { outcome: outcome.value, note: note.value.trim() });
    if (r) done('已记录核查结论：' + optName(REVIEW_OUTCOMES, r.outcome) + '。');
  });
  const seen = s.review
    ? h('p', { class: 'as-review-done', id: 'as-review-done' }, chip(optName(REVIEW_OUTCOMES, s.review.outcome), s.review.outcome === 'confirmed' ? 'danger' : 'ok'),
      ' ' + s.review.note + (s.review.reviewed_by ? '（' + s.review.reviewed_by + '）' : ''))
    : null;
  return h('section', { class: 'card as-review', id: 'as-review' },
    h('h2', { class: 'card-title' }, '学校核查'),
    // What is being reviewed comes first: the recorded content and the flagged word.
    h('dl', { class: 'as-review-content', id: 'as-review-content' },
      h('dt', null, '活动内容'), h('dd', null, markWord(s.content || '（未填写）', typeof s.flagged === 'string' ? s.flagged : '')),
      s.form ? [h('dt', null, '活动形式'), h('dd', null, s.form)] : null,
      h('dt', null, '标记原因'), h('dd', null, typeof s.flagged === 'string' && s.flagged
        ? ['内容含“', h('mark', null, s.flagged), '”'] : '老师没有勾选“本次未讲授新课”')),
    seen || h('p', { class: 'field-hint' }, '看过活动内容后给出结论；老师再次记录本次活动时，需要重新核查。'),
    seen ? null : form);
}

/** text with each occurrence of word in <mark> (text nodes only). */
function markWord(text, word) {
  if (!word) return text;
  const out = [];
  let i = 0;
  for (let j = text.indexOf(word); j >= 0; j = text.indexOf(word, i)) {
    out.push(text.slice(i, j), h('mark', null, word));
    i = j + word.length;
  }
  out.push(text.slice(i));
  return out;
}

export async function renderAsSession(main, ctx) {
  const teacher = session.user.role === 'teacher';
  const top = h('div');
  const head = h('h1', { class: 'page-title' }, '课后服务活动');
  const flags = h('div', { id: 'as-flags', 'aria-live': 'polite' });
  const box = h('div', { id: 'as-session', 'aria-live': 'polite' });
  hwPage(main, 'page-as page-as-session', top, head, '点名、填写活动内容，再逐个交接孩子。', flags, box);

  async function draw(okText) {
    const s = await load(box, ctx, '/api/v1/afterschool/sessions/' + ctx.id);
    if (!s) return;
    s.recorded = (s.roster || []).some((r) => r.status);
    setChildren(top, crumbs(teacher
      ? [['今日课后服务', '#/as-today?date=' + s.day], [s.program_name, null]]
      : [['活动安排', '#/as-sessions?program=' + s.program_id + '&from=' + s.day + '&to=' + s.day], [s.program_name, null]]));
    setChildren(head, s.program_name, h('span', { class: 'title-sub' }, shortDate(s.day) + ' ' + s.start + '–' + s.end));
    setChildren(box,
      okText ? notice(okText, 'success') : null,
      h('p', { class: 'tags as-session-tags' }, s.category ? chip(optName(CATEGORIES, s.category), 'info') : null,
        sessionChips({ recorded: s.recorded, flagged: s.flagged, review: s.review })),
      s.flagged && !flags.childElementCount ? notice('本次内容已标记待核查（AS_NO_NEW_LESSON）：' + (s.flagged === true ? '' : '“' + s.flagged + '”'), 'warn') : null,
      teacher ? null : reviewForm(s, ctx, (t) => draw(t)),
      attendanceForm(s, ctx, (r) => {
        const fl = Array.isArray(r.flags) ? r.flags : [];
        setChildren(flags, fl.map((x) => h('div', { class: 'alert alert-warn', role: 'status' },
          h('p', { class: 'alert-msg' }, h('code', { class: 'rule-code', id: 'as-flag-code' }, x.code), ' ', x.message || '',
            x.keyword ? '（“' + x.keyword + '”）' : ''))));
        draw('已记录 ' + r.records + ' 个孩子的考勤。');
      }),
      s.recorded ? handoverForm(s, ctx, (t) => draw(t)) : notice('点名提交后可以交接孩子。', 'info'),
      incidentForm(s, ctx));
  }
  await draw(null);
}
