// surveyanswer.js - 填写满意度调查, made for a phone: the surveys open today
// for a parent (their own questionnaire once, the student one once for each
// child) or a teacher, each answered by tapping one choice per question.
// The answer is stored without the person; a second answer is refused by
// the server (SV_ANSWERED). Questions and scale come from the survey.

import { api, isAbort } from './api.js';
import { h, setChildren, errorBox, notice, chip, loading } from './dom.js';
import { load } from './hwshared.js';

function questionField(q, scale, key) {
  const name = key + '-' + q.id;
  if (q.kind === 'text') {
    return h('div', { class: 'field sv-q', dataset: { q: q.id } },
      h('label', { for: name }, q.text, q.required ? null : h('span', { class: 'sub' }, '（选填）')),
      h('textarea', { id: name, name: q.id, rows: 2, maxlength: 300 }));
  }
  return h('fieldset', { class: 'field sv-q', dataset: { q: q.id } },
    h('legend', null, q.text),
    h('div', { class: 'sv-scale' }, scale.map((s) => h('label', { class: 'sv-choice' },
      h('input', { type: 'radio', name: q.id, value: String(s.value), required: q.required }), h('span', null, s.name)))));
}

function answerForm(ctx, sv, todo, onDone) {
  const snap = sv.questions || {};
  const tpl = (snap.templates || {})[todo.group] || { questions: [] };
  const scale = Array.isArray(snap.scale) ? snap.scale : [];
  const key = 'sv' + sv.id + '-' + todo.group + '-' + (todo.student_id || 0);
  const msg = h('div', { 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary sv-submit' }, '提交');
  const form = h('form', { class: 'form sv-form', id: key },
    h('p', { class: 'field-hint' }, '答卷不记姓名，学校和老师看不到是谁填写的。'),
    tpl.questions.map((q) => questionField(q, scale, key)), btn, msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const answers = {};
    for (const q of tpl.questions) {
      if (q.kind === 'text') {
        const v = form.querySelector('textarea[name="' + q.id + '"]').value.trim();
        if (v) answers[q.id] = v;
      } else {
        const c = form.querySelector('input[name="' + q.id + '"]:checked');
        if (c) answers[q.id] = Number(c.value);
      }
    }
    const body = { group: todo.group, answers };
    if (todo.student_id) body.student_id = todo.student_id;
    btn.disabled = true;
    setChildren(msg);
    try {
      await api('POST', '/api/v1/surveys/' + sv.id + '/answers', { body, signal: ctx.signal });
      onDone();
    } catch (e) {
      if (!isAbort(e)) setChildren(msg, errorBox(e));
      btn.disabled = false;
    }
  });
  return form;
}

function todoItem(ctx, sv, todo) {
  const who = todo.group === 'student' ? '为' + (todo.student || '孩子') + '填写学生问卷' : todo.group === 'parent' ? '家长问卷' : '教师问卷';
  const li = h('li', { class: 'sv-todo', dataset: { group: todo.group } });
  const done = () => setChildren(li, h('span', null, who), ' ', chip('已填写', 'ok'));
  if (todo.answered) {
    done();
    return li;
  }
  const open = h('button', { type: 'button', class: 'btn btn-primary sv-open' }, '填写');
  open.addEventListener('click', () => setChildren(li, h('h3', { class: 'sv-who' }, who),
    answerForm(ctx, sv, todo, () => { done(); li.append(notice('已提交，谢谢您！', 'ok')); })));
  setChildren(li, h('span', null, who), ' ', open);
  return li;
}

export async function renderMySurveys(main, ctx) {
  const box = h('div', { 'aria-live': 'polite' }, loading());
  setChildren(main, h('section', { class: 'page page-my-surveys' },
    h('h1', { class: 'page-title' }, '满意度调查'),
    h('p', { class: 'page-lead' }, '教育局请您评价学校的课后服务和办学质量。每份问卷只填一次，约一分钟；答卷不记姓名。'),
    box));
  const d = await load(box, ctx, '/api/v1/me/surveys');
  if (!d) return;
  const items = (Array.isArray(d.items) ? d.items : []).filter((s) => s.to_answer && s.to_answer.length);
  if (!items.length) {
    setChildren(box, notice('现在没有需要您填写的调查。', 'info'));
    return;
  }
  setChildren(box, items.map((sv) => h('article', { class: 'card sv-card', dataset: { survey: String(sv.id) } },
    h('h2', { class: 'card-title' }, sv.name),
    h('p', { class: 'sub' }, (sv.school || '全区') + ' · 截止 ' + sv.closes),
    h('ul', { class: 'plain-list sv-todos' }, sv.to_answer.map((t) => todoItem(ctx, sv, t))))));
}
