// transfers.js - 转学与调动: the list of a school's (or the district's)
// transfers with their state, a form to ask for one, and the other side's
// 确认 / 拒绝 or the asking side's 撤销, each after a dialog.

import { api, session, isAbort } from './api.js';
import { fetchPage, pagerBar } from './paging.js';
import { h, setChildren, loading, errorBox, notice, chip, formatInstant } from './dom.js';
import { select } from './hwshared.js';
import { sendLocked, confirmDialog, canManageSchool } from './manage.js';

const PAGE_SIZE = 50;
const STATES = [['requested', '待确认'], ['confirmed', '已完成'], ['rejected', '已拒绝'], ['cancelled', '已撤销'], ['', '全部']];
const KINDS = [['', '全部'], ['student', '学生转学'], ['staff', '教职工调动']];
const STATE_CHIP = { requested: 'warn', confirmed: 'ok', rejected: 'danger', cancelled: 'muted' };

let trail = { key: '', stack: [] };

const user = () => session.user || {};
const isAdmin = () => user().role === 'district_admin';
const manages = (schoolId) => canManageSchool(user(), schoolId);

/** What the signed-in user may do with an open transfer: the same rule the server applies. */
export function transferActions(t) {
  if (t.status !== 'requested') return [];
  const from = manages(t.from.school_id), to = manages(t.to.school_id);
  const asked = isAdmin() ? t.side === 'bureau' : (t.side === 'from' && from) || (t.side === 'to' && to);
  const decides = isAdmin() || (t.side === 'from' ? to : t.side === 'to' ? from : from || to);
  return [...(decides ? ['confirm', 'reject'] : []), ...(asked ? ['cancel'] : [])];
}

const place = (p) => [p.school_name, p.class_name ? ' ' + p.class_name : ''].join('');

/* ---- the dialogs ---- */

async function classesOf(schoolId, signal) {
  const d = await api('GET', '/api/v1/classes', { query: { school_id: schoolId, limit: 500 }, signal });
  return (d.items || []).map((c) => [String(c.id), c.name || c.code]);
}

async function decide(t, action, ctx, reload) {
  const needsClass = action === 'confirm' && t.kind === 'student' && !t.to.class_id;
  let classSel = null;
  if (needsClass) {
    classSel = select([['', '请选择转入班级'], ...(await classesOf(t.to.school_id, ctx.signal))], { id: 'tr-confirm-class', required: true });
  }
  const note = h('textarea', { id: 'tr-decide-note', rows: '2', maxlength: '200', placeholder: action === 'reject' ? '拒绝原因（必填）' : '说明（可选）' });
  const who = t.person.name + '（' + t.person.code + '）';
  const titles = { confirm: '确认' + t.kind_name, reject: '拒绝' + t.kind_name, cancel: '撤销申请' };
  const body = [
    h('p', null, who, '：', place(t.from), ' → ', place(t.to)),
    action === 'confirm' ? h('p', { class: 'field-hint' }, t.kind === 'student'
      ? '确认后学生转入新班级，家长看到新班级；原校尚未结束的课后服务报名将自动撤回。'
      : '确认后教职工转入新学校；在原校的任课、班主任和职务自动撤销。') : null,
    classSel ? h('div', { class: 'field' }, h('label', { for: 'tr-confirm-class' }, '转入班级'), classSel) : null,
    h('div', { class: 'field' }, h('label', { for: 'tr-decide-note' }, action === 'reject' ? '拒绝原因' : '说明'), note),
  ];
  const done = await confirmDialog({
    title: titles[action],
    body,
    confirmText: titles[action],
    tone: action === 'confirm' ? 'primary' : undefined,
    busyText: '正在提交…',
    signal: ctx.signal,
    action: () => {
      const b = { note: note.value.trim() };
      if (classSel && classSel.value) b.to_class_id = Number(classSel.value);
      return api('POST', '/api/v1/transfers/' + t.id + '/' + action, { body: b, signal: ctx.signal });
    },
  });
  if (done) reload();
}

/* ---- the list ---- */

async function loadList(box, ctx, filters, cursor) {
  setChildren(box, loading());
  const page = await fetchPage(box, ctx, '/api/v1/transfers', { limit: PAGE_SIZE, cursor, ...filters });
  if (!page) return;
  const { items, next } = page;
  const pager = pagerBar(ctx, 'transfers', filters, cursor, next, trail, items.length, '份');
  if (items.length === 0) {
    setChildren(box, notice(filters.status === 'requested' ? '没有待处理的申请。' : '没有符合条件的记录。', 'info'), cursor ? pager : null);
    return;
  }
  const reload = () => loadList(box, ctx, filters, cursor);
  const label = { confirm: '确认', reject: '拒绝', cancel: '撤销' };
  const rows = items.map((t) => h('tr', { dataset: { id: String(t.id), status: t.status } },
    h('td', { 'data-label': '类型' }, t.kind_name),
    h('td', { 'data-label': '姓名' }, t.person.name, h('span', { class: 'sub' }, ' ' + t.person.code)),
    h('td', { 'data-label': '转出' }, place(t.from)),
    h('td', { 'data-label': '转入' }, place(t.to) || t.to.school_name),
    h('td', { 'data-label': '申请方' }, t.side_name, h('span', { class: 'sub' }, ' ' + t.requested_by)),
    h('td', { 'data-label': '原因' }, t.reason, t.note ? h('p', { class: 'sub' }, '处理说明：' + t.note) : null),
    h('td', { 'data-label': '状态' }, chip(t.status_name, STATE_CHIP[t.status]),
      t.decided_at ? h('span', { class: 'sub' }, ' ' + formatInstant(t.decided_at)) : null),
    h('td', { 'data-label': '申请时间' }, formatInstant(t.requested_at)),
    h('td', { 'data-label': '操作', class: 'actions' }, transferActions(t).map((a) => h('button', {
      type: 'button', class: a === 'confirm' ? 'btn btn-primary btn-small' : 'btn btn-small', id: `tr-${a}-${t.id}`,
      onclick: () => decide(t, a, ctx, reload).catch((e) => { if (!isAbort(e)) setChildren(box, errorBox(e)); }),
    }, label[a])))));
  setChildren(box,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack', id: 'transfers-table' },
        h('thead', null, h('tr', null, ['类型', '姓名', '转出', '转入', '申请方', '原因', '状态', '申请时间', '操作'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, rows))),
    pager);
}

/* ---- the request form ---- */

async function requestForm(ctx, onDone) {
  const own = user().school_id ? String(user().school_id) : '';
  const dir = (await api('GET', '/api/v1/school-directory', { signal: ctx.signal })).items || [];
  const kind = select([['student', '学生转学'], ['staff', '教职工调动']], { id: 'tr-kind' });
  const dirSel = select([['out', '转出本校（对方学校确认）'], ['in', '转入本校（对方学校确认）']], { id: 'tr-direction' });
  const code = h('input', { id: 'tr-code', type: 'text', maxlength: '32', autocomplete: 'off', required: true });
  const name = h('input', { id: 'tr-name', type: 'text', maxlength: '32', autocomplete: 'off', required: true });
  const school = select([['', '请选择学校'], ...dir.filter((s) => String(s.id) !== own).map((s) => [String(s.id), s.name + '（' + s.code + '）'])], { id: 'tr-school' });
  const klass = select([['', '请选择转入班级']], { id: 'tr-class' });
  const reason = h('textarea', { id: 'tr-reason', rows: '2', maxlength: '200', required: true, placeholder: '如：随父母工作调动' });
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite', id: 'tr-msg' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'tr-submit' }, '提交申请');
  const field = (id, label, input, hint) => h('div', { class: 'field', id: id + '-field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'field-hint' }, hint) : null);
  const codeLabel = h('span', null, '学籍号');
  const fSchool = field('tr-school', '转入学校', school);
  const fClass = field('tr-class', '转入班级', klass, '由转入学校选择；转出学校提出的申请由转入学校在确认时选择。');
  const fDir = own ? field('tr-direction', '方向', dirSel) : null;

  const destination = () => (own && dirSel.value === 'in' ? own : school.value);
  async function sync() {
    const student = kind.value === 'student';
    codeLabel.textContent = student ? '学籍号' : '工号';
    fSchool.hidden = !!own && dirSel.value === 'in';
    const pick = student && (!own || dirSel.value === 'in') && destination();
    fClass.hidden = !pick;
    if (pick) {
      const opts = await classesOf(destination(), ctx.signal).catch(() => []);
      setChildren(klass, [['', '请选择转入班级'], ...opts].map(([v, t]) => h('option', { value: v }, t)));
    }
  }
  for (const el of [kind, dirSel, school]) el.addEventListener('change', () => { sync(); });
  const form = h('form', { class: 'card', id: 'transfer-form', novalidate: true },
    h('h2', { class: 'section-title' }, '提出申请'),
    field('tr-kind', '类型', kind), fDir,
    h('div', { class: 'field' }, h('label', { for: 'tr-code' }, codeLabel), code),
    field('tr-name', '姓名', name, '须与记录一致；转入时用学籍号（工号）和姓名核对本人。'),
    fSchool, fClass, field('tr-reason', '原因', reason), msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const body = { kind: kind.value, code: code.value.trim(), name: name.value.trim(), to_school_id: Number(destination()) || 0, reason: reason.value.trim() };
    if (!fClass.hidden && klass.value) body.to_class_id = Number(klass.value);
    const missing = !body.code ? code : !body.name ? name : !body.to_school_id ? school : (!fClass.hidden && !body.to_class_id) ? klass : !body.reason ? reason : null;
    if (missing) {
      setChildren(msg, notice('请填写完整：' + (missing === code ? codeLabel.textContent : missing === name ? '姓名' : missing === school ? '转入学校' : missing === klass ? '转入班级' : '原因'), 'error'));
      missing.focus();
      return;
    }
    const t = await sendLocked({
      root: form, btn, busyText: '正在提交…', msg, signal: ctx.signal, errorView: errorBox,
      call: () => api('POST', '/api/v1/transfers', { body, signal: ctx.signal }),
    });
    if (!t) return;
    form.reset();
    sync();
    setChildren(msg, notice('已提交：' + t.person.name + ' ' + place(t.from) + ' → ' + t.to.school_name + '，等待' + (t.side === 'from' ? '转入学校' : '转出学校') + '或教育局确认。', 'success'));
    onDone();
  });
  sync();
  return form;
}

/* ---- the page ---- */

export function renderTransfers(main, ctx) {
  const q = ctx.params;
  const filters = { status: q.has('status') ? q.get('status') : 'requested', kind: q.get('kind') || '' };
  const cursor = q.get('cursor') || '';
  const key = JSON.stringify(filters);
  if (trail.key !== key) trail = { key, stack: [] };
  if (!cursor) trail.stack = [];

  const inStatus = select(STATES, { id: 'tf-status' });
  inStatus.value = filters.status;
  const inKind = select(KINDS, { id: 'tf-kind' });
  inKind.value = filters.kind;
  const go = () => ctx.navigate('transfers', { status: inStatus.value, kind: inKind.value });
  inStatus.addEventListener('change', go);
  inKind.addEventListener('change', go);
  const list = h('div', { class: 'results', 'aria-live': 'polite' });
  const side = h('div', { class: 'split-side' });
  setChildren(main,
    h('section', { class: 'page page-transfers' },
      h('h1', { class: 'page-title' }, '转学与调动'),
      h('p', { class: 'page-lead' }, '学生转学、教职工调动由一方学校提出，另一方学校或教育局确认后生效；全部记录保留备查。数据导入不能改动其他学校的记录。'),
      h('div', { class: 'split' },
        h('div', { class: 'split-main' },
          h('div', { class: 'filters card', id: 'transfers-filters' },
            h('div', { class: 'filter-grid' },
              h('div', { class: 'field field-inline' }, h('label', { for: 'tf-status' }, '状态'), inStatus),
              h('div', { class: 'field field-inline' }, h('label', { for: 'tf-kind' }, '类型'), inKind))),
          list),
        side)));
  loadList(list, ctx, filters, cursor);
  if (user().role !== 'inspector') {
    requestForm(ctx, () => loadList(list, ctx, filters, ''))
      .then((f) => setChildren(side, f))
      .catch((e) => { if (!isAbort(e)) setChildren(side, errorBox(e)); });
  }
}
