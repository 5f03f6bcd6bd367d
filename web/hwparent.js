// hwparent.js - 孩子作业 (parent): each child's class homework of a chosen
// day and the form 报告实际用时 (minutes, finished or why not).

import { api, session, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip } from './dom.js';
import { sendLocked } from './manage.js';
import { validDate, shortDate, todayIn } from './dates.js';
import { REASON_OPTIONS, optionName, field, select, budgetBox, itemView, dateNav, hwPage, loadChildren } from './hwshared.js';

export async function renderChildHomework(main, ctx) {
  const today = todayIn(session.policy && session.policy.timezone);
  const first = validDate(ctx.params.get('date') || '') ? ctx.params.get('date') : today;
  const box = h('div', { id: 'ch-list', 'aria-live': 'polite' });
  hwPage(main, 'page-child-hw', null, '孩子作业',
    '孩子班级当天公示的作业和预计用时。请如实报告孩子实际用了多少时间，帮助学校控制作业总量。',
    h('div', { class: 'card hw-pick' },
      h('div', { class: 'field' }, h('label', { for: 'hw-date' }, '日期'),
        dateNav(first, (d) => {
          history.replaceState(null, '', '#/child-homework?date=' + d);
          showDay(d);
        }, { today }))),
    box);

  const kids = await loadChildren(box, ctx);
  if (!kids) return;
  let shown = '';
  async function showDay(date) {
    shown = date;
    setChildren(box, loading());
    // One request per class, even when two children share it.
    const days = new Map();
    for (const k of kids) {
      const key = String(k.class_id);
      if (!days.has(key)) {
        days.set(key, api('GET', '/api/v1/classes/' + encodeURIComponent(key) + '/homework', { query: { date }, signal: ctx.signal }).then((x) => ({ x }), (e) => ({ e })));
      }
    }
    const cards = await Promise.all(kids.map(async (k) => childCard(k, await days.get(String(k.class_id)), date, today, ctx)));
    if (ctx.signal.aborted || shown !== date || cards.some((c) => c === null)) return;
    setChildren(box,
      h('div', { class: 'child-hw-list' }, cards),
      notice('按规定，作业不需要家长检查、批改或签字。孩子做不完作业，也请让孩子按时睡觉。', 'info'));
  }
  await showDay(first);
}

function childCard(k, r, date, today, ctx) {
  if (r.e && isAbort(r.e)) return null;
  const head = h('h2', { class: 'card-title' }, h('span', { class: 'child-name' }, k.name),
    h('span', { class: 'count' }, (k.school_name || '') + ' ' + (k.class_name || '')));
  if (r.e) return h('section', { class: 'card child-hw', dataset: { childId: String(k.id) } }, head, errorBox(r.e));
  const d = r.x;
  const items = Array.isArray(d.items) ? d.items : [];
  return h('section', { class: 'card child-hw', dataset: { childId: String(k.id), classId: String(k.class_id) } },
    head,
    budgetBox(d, d.date === today, false),
    items.length ? h('div', { class: 'hw-list' }, items.map((it) => itemView(it))) : notice('这一天班级没有公示的作业。', 'info'),
    reportForm(k, date, today, ctx));
}

/** 报告实际用时 for one child and day. */
function reportForm(k, date, today, ctx) {
  const id = 'rp-' + k.id;
  if (date > today) {
    return h('p', { class: 'field-hint report-later' }, '作业完成后（当天或之后）可以报告实际用时。');
  }
  const minutes = h('input', { type: 'number', min: '0', max: '600', step: '1', inputmode: 'numeric', placeholder: '分钟' });
  const yes = h('input', { type: 'radio', name: id + '-fin', value: 'yes', id: id + '-yes', checked: true });
  const no = h('input', { type: 'radio', name: id + '-fin', value: 'no', id: id + '-no' });
  const reason = select([['', '请选择原因'], ...REASON_OPTIONS]);
  const reasonField = field(id + '-reason', '没完成的原因', reason);
  reasonField.hidden = true;
  const note = h('input', { type: 'text', maxlength: '200', autocomplete: 'off', placeholder: '可选，如 第3题不会做' });
  const msg = h('div', { class: 'form-msg report-msg', id: id + '-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: id + '-submit' }, '提交');
  const form = h('form', { class: 'report-form', id: id, novalidate: true },
    h('h3', { class: 'manage-title report-title' }, '报告实际用时', h('span', { class: 'count' }, shortDate(date))),
    field(id + '-minutes', '实际用时（分钟）', minutes, '书面作业合计用了多少分钟'),
    h('fieldset', { class: 'kind-picker' }, h('legend', null, '完成了吗'),
      h('div', { class: 'segmented segmented-2' },
        h('label', { class: 'segment', for: yes.id }, yes, h('span', null, '完成了')),
        h('label', { class: 'segment', for: no.id }, no, h('span', null, '没完成')))),
    reasonField,
    field(id + '-note', '备注', note),
    msg,
    h('div', { class: 'form-actions' }, btn));
  const sync = () => { reasonField.hidden = !no.checked; };
  yes.addEventListener('change', sync);
  no.addEventListener('change', sync);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const n = Number(minutes.value);
    if (minutes.value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 600) {
      setChildren(msg, errorBox({ message: '请填写 0 到 600 之间的整数分钟' }));
      minutes.focus();
      return;
    }
    if (no.checked && !reason.value) {
      setChildren(msg, errorBox({ message: '请选择没完成的原因' }));
      reason.focus();
      return;
    }
    const body = { student_id: k.id, date, minutes: n, finished: yes.checked, note: note.value.trim() };
    if (no.checked) body.reason = reason.value;
    const r = await sendLocked({
      root: form, btn, busyText: '正在提交…', msg, signal: ctx.signal,
      call: () => api('POST', '/api/v1/homework-reports', { body, signal: ctx.signal }),
    });
    if (r) setChildren(msg, answer(k, r));
  });
  // An earlier report of the same day fills the form (a new one replaces it).
  api('GET', '/api/v1/homework-reports', { query: { student_id: k.id, date }, signal: ctx.signal }).then((x) => {
    const p = x && x.report;
    if (!p || minutes.value !== '') return;
    minutes.value = String(p.minutes);
    (p.finished ? yes : no).checked = true;
    if (!p.finished) reason.value = p.reason || '';
    note.value = p.note || '';
    sync();
    btn.textContent = '修改报告';
    setChildren(msg, notice('这一天已经报告过：' + p.minutes + ' 分钟，' + (p.finished ? '完成了' : '没完成（' + (p.reason_name || '') + '）') + '。再次提交会替换原来的报告。', 'info'));
  }, () => {});
  return form;
}

function answer(k, r) {
  const done = h('div', { class: 'alert alert-success report-answer', role: 'status' },
    h('p', { class: 'alert-msg' }, '已收到：' + k.name + ' ' + shortDate(r.date) + ' 用时 ' + r.minutes + ' 分钟，',
      r.finished ? chip('完成了', 'ok') : chip('没完成 · ' + optionName(REASON_OPTIONS, r.reason), 'warn')),
    h('p', { class: 'alert-meta' }, '同一天再次提交会替换这次报告。'));
  if (!r.followup) return done;
  return [done, h('div', { class: 'alert alert-info report-followup', role: 'note' },
    h('p', { class: 'alert-msg' }, '孩子最近有几天没能按时完成作业，班主任会与您联系，一起了解原因、帮助孩子。'),
    h('p', { class: 'alert-meta' }, '这不是批评，只是为了让作业量和难度更适合孩子。'))];
}
