// homework.js - 布置作业 (teacher): pick a class and a day, see the day's
// written-homework budget before typing, post an item, and for the day's
// items 修改 / 撤回 / 登记批改. The server checks every rule; a refusal shows
// its code and numbers by the form.

import { api, session, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip, charLen, formatInstant } from './dom.js';
import { fetchAll } from './org.js';
import { SUBJECTS, confirmDialog, sendLocked } from './manage.js';
import { addDays, validDate, dateText, todayIn, daysBetween } from './dates.js';
import { pack, optionalText, optionalCounted } from './policytext.js';
import {
  KIND_OPTIONS, TIER_OPTIONS, LEVEL_OPTIONS, METHOD_OPTIONS, optionName, field, select, budgetBox, itemView, dateNav,
  ruleErrorBox, areaNav, hwPage,
} from './hwshared.js';

const LAST_SUBJECT = 'sj.hw.subject';

/* ---- the item's fields: the new-item form and the 修改 dialog ---- */

/**
 * Subject, kind, tier, title, content, minutes and due date. v: the values
 * to start from. Returns {nodes, read(), check(assignedOn) -> [message,
 * element] | null, inputs}.
 */
function itemFields(prefix, v = {}) {
  const subject = select([['', '请选择学科'], ...SUBJECTS.map((s) => [s, s])], { name: 'subject', required: true });
  subject.value = v.subject && SUBJECTS.includes(v.subject) ? v.subject : '';
  const kind = select(KIND_OPTIONS, { name: 'kind' });
  kind.value = v.kind || 'written';
  const tierName = prefix + '-tier';
  const tierInputs = TIER_OPTIONS.map(([k]) => h('input', { type: 'radio', name: tierName, value: k, id: tierName + '-' + k, checked: (v.tier || 'basic') === k }));
  const tiers = h('fieldset', { class: 'kind-picker tier-picker' },
    h('legend', null, '分层'),
    h('div', { class: 'segmented segmented-3' },
      TIER_OPTIONS.map(([k, t], i) => h('label', { class: 'segment', for: tierInputs[i].id }, tierInputs[i], h('span', null, t)))),
    h('p', { class: 'field-hint' }, optionalText(pack())));
  // HW_DIFFICULTY: the teacher declares the item within 课标, or marks it 拓展/超纲 (提高 / 选做 only)
  const level = select(LEVEL_OPTIONS, { name: 'level' });
  level.value = v.level || 'standard';
  const title = h('input', { type: 'text', maxlength: '100', autocomplete: 'off', placeholder: '如 第5课生字', value: v.title || null });
  const content = h('textarea', { rows: '3', maxlength: '2000', placeholder: '写清楚做什么、做多少；不得要求家长完成、检查或签字' });
  content.value = v.content || '';
  const minutes = h('input', { type: 'number', min: '1', max: '240', step: '1', inputmode: 'numeric', placeholder: '分钟', value: v.minutes ? String(v.minutes) : null });
  const due = h('input', { type: 'date', value: v.due_on || null });
  const tier = () => (tierInputs.find((x) => x.checked) || tierInputs[0]).value;
  return {
    inputs: { subject, kind, title, content, minutes, due, tierInputs, level },
    /** Offer only these subjects (GET /classes/{id}/homework-subjects); the choice stays when it is one. */
    setSubjects(list) {
      const keep = subject.value;
      subject.replaceChildren(...[['', list.length ? '请选择学科' : '您在本班没有可布置的学科'], ...list.map((s) => [s, s])]
        .map(([k, t]) => h('option', { value: k }, t)));
      subject.value = list.includes(keep) ? keep : list.length === 1 ? list[0] : '';
    },
    nodes: [
      h('div', { class: 'field-pair' },
        field(prefix + '-subject', '学科', subject),
        field(prefix + '-kind', '类型', kind)),
      tiers,
      field(prefix + '-level', '难度', level, '基础作业须在课标范围内；组长每周抽查。'),
      field(prefix + '-title', '标题', title, '最多 100 个字'),
      field(prefix + '-content', '内容', content),
      h('div', { class: 'field-pair' },
        field(prefix + '-minutes', '预计用时（分钟）', minutes),
        field(prefix + '-due', '完成日期', due)),
    ],
    read: () => ({
      subject: subject.value, kind: kind.value, tier: tier(), title: title.value.trim(),
      content: content.value.trim(), minutes: Number(minutes.value), due_on: due.value, level: level.value,
    }),
    check(assignedOn) {
      const b = this.read();
      if (!b.subject) return ['请选择学科', subject];
      if (!b.title) return ['请填写标题', title];
      if (charLen(b.title) > 100) return ['标题最多 100 个字', title];
      if (!b.content) return ['请填写作业内容', content];
      if (!Number.isInteger(b.minutes) || b.minutes < 1 || b.minutes > 240) return ['预计用时请填写 1 到 240 之间的整数分钟', minutes];
      if (!validDate(b.due_on)) return ['请选择完成日期', due];
      if (assignedOn && b.due_on < assignedOn) return ['完成日期不能早于布置日期', due];
      return null;
    },
  };
}

/** What the item adds to the day's written total: written, and not 选做 unless the pack counts it (HW_OPTIONAL). */
function counts(b) {
  return b.kind === 'written' && (b.tier !== 'optional' || optionalCounted(pack()));
}

/* ---- the page ---- */

export async function renderAssign(main, ctx) {
  const me = session.user;
  const today = todayIn(session.policy && session.policy.timezone);
  const pickBox = h('div', { class: 'card hw-pick', id: 'hw-pick' }, loading());
  const dayBox = h('div', { class: 'hw-day', id: 'hw-day', 'aria-live': 'polite' });
  const formSlot = h('div', { class: 'hw-form-slot' });
  const listMsg = h('div', { class: 'form-msg', id: 'hw-list-msg', 'aria-live': 'polite' });
  const listBox = h('div', { class: 'hw-list', id: 'hw-items' });
  const listTitle = h('h2', { class: 'section-title', id: 'hw-items-title', tabindex: '-1' }, '当日作业');
  hwPage(main, 'page-hw', areaNav('homework', ctx.signal), '布置作业',
    '先看当天本班已布置多少分钟书面作业，再布置。书面作业总量按全班所有学科合计；超过上限系统会拒绝。',
    pickBox,
    h('div', { class: 'hw-split' },
      dayBox,
      formSlot,
      h('div', { class: 'hw-list-wrap' }, listTitle, listMsg, listBox)));

  let classes;
  try {
    classes = (await fetchAll('/api/v1/classes', { limit: 500 }, ctx.signal)).items;
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(pickBox, errorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;
  if (!classes.length) {
    setChildren(pickBox, notice('您还没有任教的班级，暂时不能布置作业。如有疑问，请联系学校教导处。', 'info'));
    main.querySelector('.hw-split').hidden = true;
    return;
  }
  classes.sort((a, b) => (a.grade - b.grade) || String(a.code).localeCompare(String(b.code), 'zh-CN', { numeric: true }));

  const want = ctx.params.get('class');
  const st = {
    cls: classes.find((c) => String(c.id) === want) || classes[0],
    date: validDate(ctx.params.get('date') || '') ? ctx.params.get('date') : today,
    day: null,
  };
  const remember = () => history.replaceState(null, '', '#/homework?class=' + st.cls.id + '&date=' + st.date);

  /* the class and day picker */
  const classSel = select(classes.map((c) => [String(c.id), c.name + (classes.some((o) => o.school_id !== c.school_id) ? '（' + c.school_name + '）' : '')]), { id: 'hw-class' });
  classSel.value = String(st.cls.id);
  classSel.addEventListener('change', () => {
    st.cls = classes.find((c) => String(c.id) === classSel.value) || classes[0];
    drawPick();
    form.classChanged();
    loadDay();
  });
  const navSlot = h('div', { class: 'field' }, h('label', { for: 'hw-date' }, '日期'),
    dateNav(st.date, (d) => { st.date = d; drawPick(); form.dateChanged(); loadDay(); }, { today }));
  const publicLink = h('p', { class: 'hw-public' });
  function drawPick() {
    setChildren(publicLink, st.cls.public_code
      ? h('a', { href: '/gongshi/' + encodeURIComponent(st.cls.public_code) + '?date=' + st.date, target: '_blank', rel: 'noopener', id: 'hw-public-link' },
        '查看本班作业公示页 ›')
      : null);
    remember();
  }
  setChildren(pickBox,
    h('div', { class: 'hw-pick-grid' }, field('hw-class', '班级', classSel), navSlot),
    publicLink);

  /* the new-item form */
  const form = newItemForm(st, ctx, (msg) => loadDay(msg));
  setChildren(formSlot, form.el);
  form.classChanged();
  drawPick();

  /* the day: budget, reports, flags, items */
  async function loadDay(okMsg) {
    const cls = st.cls;
    const date = st.date;
    setChildren(dayBox, loading());
    listBox.replaceChildren();
    if (!okMsg) listMsg.replaceChildren();
    let d;
    try {
      d = await api('GET', '/api/v1/classes/' + cls.id + '/homework', { query: { date }, signal: ctx.signal });
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      setChildren(dayBox, errorBox(e));
      return;
    }
    if (ctx.signal.aborted || cls !== st.cls || date !== st.date) return;
    st.day = d;
    form.dayChanged();
    const flags = Array.isArray(d.flags) ? d.flags : [];
    setChildren(dayBox,
      h('div', { class: 'card hw-budget-card' },
        h('h2', { class: 'section-title' }, cls.name, h('span', { class: 'count' }, dateText(d.date))),
        budgetBox(d, d.date === today),
        flags.map((f) => notice('家长报告的平均用时 ' + f.average_minutes + ' 分钟，超过上限 ' + f.limit_minutes + ' 分钟（' + f.code + '）。请减少作业量或调整难度。', 'warn')),
        d.in_school_year === false ? notice('这一天不在学期内，也不是校历中的假期，不能布置作业。', 'warn') : null,
        d.approval ? notice('本校开启了作业审核：提交后须经学校（校长、教导处或年级组长）审核才会公示。', 'info') : null,
        notesView(d.notes)));
    if (okMsg) setChildren(listMsg, notice(okMsg, 'success'));
    drawItems(d);
  }

  function drawItems(d) {
    // What counts today first; withdrawn and returned items last.
    const gone = (it) => (it.status === 'withdrawn' || it.status === 'returned' ? 1 : 0);
    const items = (Array.isArray(d.items) ? d.items : []).slice().sort((a, b) => gone(a) - gone(b) || a.id - b.id);
    setChildren(listTitle, '当日作业', h('span', { class: 'count' }, items.length + ' 项'));
    if (!items.length) {
      setChildren(listBox, notice('这一天本班还没有作业。', 'info'));
      return;
    }
    setChildren(listBox, items.map((it) => {
      const mine = String(it.poster_id) === String(me.id);
      const live = it.status === 'published' || it.status === 'pending';
      const g = it.grading;
      const actions = mine && live ? [
        h('button', { type: 'button', class: 'btn btn-small hw-edit', onclick: () => editItem(it) }, '修改'),
        h('button', { type: 'button', class: 'btn btn-small hw-grade', onclick: () => gradeItem(it) }, g ? '修改批改记录' : '登记批改'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet hw-withdraw', onclick: () => withdrawItem(it) }, '撤回'),
      ] : [];
      return itemView(it, {
        status: true,
        actions,
        meta: mine ? null : h('span', null, it.poster || ''),
        extra: [
          it.reason && it.status !== 'published' ? h('p', { class: 'hw-reason' }, (it.status === 'returned' ? '退回原因：' : it.status === 'withdrawn' ? '撤回原因：' : '说明：') + it.reason) : null,
          g ? h('p', { class: 'hw-grading' }, chip(g.method_name || optionName(METHOD_OPTIONS, g.method), 'ok'),
            g.reviewed ? chip('课堂讲评', 'ok') : null, g.notes ? h('span', null, g.notes) : null) : null,
        ],
      });
    }));
  }

  const itemPath = (it, tail) => '/api/v1/homework/' + encodeURIComponent(String(it.id)) + (tail || '');
  const after = (text) => (r) => { if (r && !ctx.signal.aborted) loadDay(text); };

  function editItem(it) {
    const f = itemFields('hw-edit', it);
    const reason = h('input', { type: 'text', maxlength: '200', autocomplete: 'off', placeholder: '如 减少抄写遍数' });
    confirmDialog({
      title: '修改作业',
      tone: 'primary',
      body: [f.nodes, field('hw-edit-reason', '修改原因', reason, '必填；已公示的作业修改后，公示页会显示修改记录和原因。')],
      confirmText: '保存修改',
      busyText: '正在保存…',
      signal: ctx.signal,
      focus: f.inputs.title,
      errorView: ruleErrorBox,
      action: () => {
        const bad = f.check(it.assigned_on);
        if (bad) throw new Error(bad[0]);
        if (!reason.value.trim()) throw new Error('请填写修改原因');
        return api('PUT', itemPath(it), { body: { ...f.read(), reason: reason.value.trim() }, signal: ctx.signal });
      },
    }).then(after('已修改“' + it.title + '”。'));
  }

  function withdrawItem(it) {
    const reason = h('textarea', { rows: '2', maxlength: '200', placeholder: '如 与数学作业重复' });
    confirmDialog({
      title: '撤回作业',
      body: [
        h('p', null, '确认撤回', h('strong', null, it.subject + '《' + it.title + '》'), '（' + it.minutes + ' 分钟）？'),
        h('p', { class: 'field-hint' }, '撤回后不再计入当日总量；作业不会被删除，公示页会显示撤回时间和原因。'),
        field('hw-withdraw-reason', '撤回原因', reason),
      ],
      confirmText: '确认撤回',
      busyText: '正在撤回…',
      signal: ctx.signal,
      action: () => {
        if (!reason.value.trim()) throw new Error('请填写撤回原因');
        return api('POST', itemPath(it, '/withdraw'), { body: { reason: reason.value.trim() }, signal: ctx.signal });
      },
    }).then(after('已撤回“' + it.title + '”。'));
  }

  function gradeItem(it) {
    const g = it.grading || {};
    const method = select(METHOD_OPTIONS);
    method.value = g.method || 'teacher';
    const reviewed = h('input', { type: 'checkbox', id: 'hw-grade-reviewed', checked: !!g.reviewed });
    const notes = h('textarea', { rows: '3', maxlength: '500', placeholder: '如 错字集中讲评，个别面批' });
    notes.value = g.notes || '';
    confirmDialog({
      title: '登记批改',
      tone: 'primary',
      body: [
        h('p', null, it.subject + '《' + it.title + '》'),
        field('hw-grade-method', '批改方式', method, '以教师批改为主；不得让学生自己批改作业。'),
        h('p', { class: 'field' }, h('label', { class: 'check', for: 'hw-grade-reviewed' }, reviewed, '课堂讲评')),
        field('hw-grade-notes', '批改记录', notes, '可选，最多 500 字'),
      ],
      confirmText: '保存',
      busyText: '正在保存…',
      signal: ctx.signal,
      focus: method,
      action: () => api('POST', itemPath(it, '/grading'), {
        body: { method: method.value, reviewed: reviewed.checked, notes: notes.value.trim() }, signal: ctx.signal,
      }),
    }).then(after('已登记“' + it.title + '”的批改。'));
  }

  loadDay();
}

/**
 * 布置新作业: the fields, a preview of the day's total, and the post.
 * st: the page state (cls, date, day). done(text) reloads the day.
 */
function newItemForm(st, ctx, done) {
  let last = '';
  try {
    last = localStorage.getItem(LAST_SUBJECT) || '';
  } catch {
    last = '';
  }
  const f = itemFields('hw-new', { subject: last, due_on: addDays(st.date, 1) });
  let dueTouched = false;
  f.inputs.due.addEventListener('change', () => { dueTouched = true; });
  const preview = h('p', { class: 'hw-preview', id: 'hw-preview', 'aria-live': 'polite' });
  const msg = h('div', { class: 'form-msg', id: 'hw-form-msg', 'aria-live': 'assertive', tabindex: '-1' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'hw-submit' }, '布置并公示');
  const el = h('form', { class: 'card hw-form', id: 'hw-form', novalidate: true },
    h('h2', { class: 'section-title' }, '布置新作业'),
    f.nodes,
    preview,
    msg,
    h('div', { class: 'form-actions' }, btn));

  function showPreview() {
    const d = st.day;
    const b = f.read();
    if (!d) { preview.textContent = ''; return; }
    btn.textContent = d.approval ? '提交审核' : '布置并公示';
    if (!counts(b)) {
      preview.className = 'hw-preview';
      preview.textContent = b.kind === 'written' ? optionalText(pack()) : '非书面作业不计入书面作业总量。';
      return;
    }
    const n = Number.isInteger(b.minutes) && b.minutes > 0 ? b.minutes : 0;
    const total = d.written_minutes + n;
    const over = total > d.limit_minutes;
    preview.className = 'hw-preview' + (over ? ' is-over' : '');
    preview.textContent = d.limit_minutes === 0
      ? '本年级不布置书面家庭作业，请选择阅读、实践等类型。'
      : '布置后书面作业合计 ' + total + ' / ' + d.limit_minutes + ' 分钟' + (over ? '，超过上限 ' + (total - d.limit_minutes) + ' 分钟，系统将拒绝。' : '。');
  }
  for (const x of [f.inputs.kind, f.inputs.minutes, ...f.inputs.tierInputs]) x.addEventListener('input', showPreview);
  for (const x of f.inputs.tierInputs) x.addEventListener('change', showPreview);

  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const bad = f.check(st.date);
    if (bad) {
      setChildren(msg, errorBox({ message: bad[0] }));
      bad[1].focus();
      return;
    }
    const b = f.read();
    if (daysBetween(st.date, b.due_on) > 31) {
      setChildren(msg, errorBox({ message: '完成日期最多在布置日期后 31 天' }));
      f.inputs.due.focus();
      return;
    }
    const r = await sendLocked({
      root: el, btn, busyText: '正在提交…', msg, signal: ctx.signal, errorView: ruleErrorBox,
      call: () => api('POST', '/api/v1/homework', { body: { class_id: st.cls.id, assigned_on: st.date, ...b }, signal: ctx.signal }),
    });
    if (!r) {
      // A refusal: the rule and its numbers, where the teacher looks.
      if (!ctx.signal.aborted) {
        msg.focus();
        msg.scrollIntoView({ block: 'nearest' });
      }
      return;
    }
    try {
      localStorage.setItem(LAST_SUBJECT, b.subject);
    } catch {
      // private mode: the subject is not remembered
    }
    const t = r.totals || {};
    const it = r.item || {};
    f.inputs.title.value = '';
    f.inputs.content.value = '';
    f.inputs.minutes.value = '';
    setChildren(msg, notice((it.status === 'pending' ? '已提交审核：' : '已布置并公示：') + b.subject + '《' + b.title + '》' + b.minutes + ' 分钟。' +
      (t.limit_minutes !== undefined ? '书面作业合计 ' + t.written_minutes + ' / ' + t.limit_minutes + ' 分钟。' : ''), 'success'));
    done(null);
  });

  return {
    el,
    dayChanged: showPreview,
    /** The subjects this teacher may post for the class (HW_SUBJECT_GRADE, the school's rule for head teachers). */
    async classChanged() {
      const cls = st.cls;
      try {
        const r = await api('GET', '/api/v1/classes/' + cls.id + '/homework-subjects', { signal: ctx.signal });
        if (st.cls === cls && !ctx.signal.aborted) f.setSubjects((r.subjects || []).map((x) => x.subject));
      } catch (e) {
        if (!isAbort(e) && !ctx.signal.aborted) setChildren(msg, errorBox(e));
      }
    },
    dateChanged() {
      if (!dueTouched) f.inputs.due.value = addDays(st.date, 1);
      msg.replaceChildren();
      st.day = null;
      showPreview();
    },
  };
}

/** 家长留言: the notes families left with their time reports (the class's teachers only). */
function notesView(notes) {
  if (!Array.isArray(notes) || !notes.length) return null;
  return h('section', { class: 'hw-notes', id: 'hw-notes' },
    h('h3', { class: 'section-title' }, '家长留言', h('span', { class: 'count' }, notes.length + ' 条')),
    h('ul', { class: 'plain-list' }, notes.map((n) => h('li', { class: 'hw-note' },
      h('p', { class: 'hw-note-text' }, n.note),
      h('p', { class: 'sub' }, n.student_name + ' 的家长 · 用时 ' + n.minutes + ' 分钟' + (n.finished ? '' : ' · 未完成') + ' · ' + formatInstant(n.at))))));
}
