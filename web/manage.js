// manage.js - the school's management actions shared by the class page
// (任课, 班主任) and the school page (职务): who may use them, the subject
// list, a searchable staff picker, the confirm dialog and the busy state of
// a form while its request is on the way.

import { api } from './api.js';
import { h, setChildren, errorBox } from './dom.js';

/** The subjects of the curriculum, in the order the forms offer them. */
export const SUBJECTS = ['语文', '数学', '英语', '道德与法治', '科学', '物理', '化学', '生物', '历史', '地理',
  '体育', '体育与健康', '音乐', '美术', '艺术', '信息科技', '劳动', '综合实践', '心理健康', '书法'];

/** School roles (职务) in display order. */
export const SCHOOL_ROLES = [
  { key: 'principal', name: '校长' },
  { key: 'academic_office', name: '教导处' },
  { key: 'grade_head', name: '年级组长', scope: 'grade' },
  { key: 'subject_head', name: '教研组长', scope: 'subject' },
];

/**
 * May this user change the school's classes and roles? The bureau's
 * administrator anywhere; a principal or academic office only in their own
 * school. Everybody else (inspector, teacher, parent, …) never.
 */
export function canManageSchool(user, schoolId) {
  if (!user || schoolId === null || schoolId === undefined) return false;
  if (user.role === 'district_admin') return true;
  if (user.role !== 'principal' && user.role !== 'academic_office') return false;
  return user.school_id !== null && user.school_id !== undefined && String(user.school_id) === String(schoolId);
}

/** The school's staff, fetched once per page (the promise is kept by the caller). */
export function fetchStaff(schoolId, signal) {
  return api('GET', '/api/v1/schools/' + encodeURIComponent(String(schoolId)) + '/staff', { signal })
    .then((d) => (Array.isArray(d.items) ? d.items : []));
}

/** "陈蓉（T00001005）" */
export function staffLabel(s) {
  return (s.name || '') + (s.staff_no ? '（' + s.staff_no + '）' : '');
}

/**
 * A select of staff with a search box above it that narrows the options by
 * name or 工号 (a native select stays usable on phones). opts: {id, label,
 * selected, hint}. Returns {field, select, input, value(), reset()}.
 */
export function staffPicker(staff, opts) {
  const id = opts.id;
  const sorted = [...staff].sort((a, b) => String(a.staff_no || '').localeCompare(String(b.staff_no || ''), 'zh-CN', { numeric: true }));
  const input = h('input', {
    type: 'search', id: id + '-q', class: 'picker-q', placeholder: '输入姓名或工号筛选', autocomplete: 'off',
    'aria-label': '按姓名或工号筛选' + opts.label, 'aria-controls': id, maxlength: '32',
  });
  const select = h('select', { id, name: 'staff_id', required: true });
  const count = h('p', { class: 'field-hint', id: id + '-count', 'aria-live': 'polite' });

  function fill() {
    const t = input.value.trim().toLowerCase();
    const keep = select.value || (opts.selected ? String(opts.selected) : '');
    const hits = t ? sorted.filter((s) => [s.name, s.staff_no].some((v) => v && String(v).toLowerCase().includes(t))) : sorted;
    const options = [h('option', { value: '' }, hits.length ? '请选择' + opts.label : '没有符合条件的教职工')];
    for (const s of hits) {
      options.push(h('option', { value: String(s.id) }, staffLabel(s) + (s.subjects ? ' · ' + s.subjects : '')));
    }
    select.replaceChildren(...options);
    if (hits.some((s) => String(s.id) === keep)) select.value = keep;
    else if (t && hits.length === 1) select.value = String(hits[0].id);
    else select.value = '';
    count.textContent = t ? '匹配 ' + hits.length + ' / ' + sorted.length + ' 人' : '共 ' + sorted.length + ' 人' + (opts.hint ? '，' + opts.hint : '');
  }
  input.addEventListener('input', fill);
  // Enter in the search box must not send the form.
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      select.focus();
    }
  });
  fill();

  const field = h('div', { class: 'field picker' },
    h('label', { for: id }, opts.label),
    input, select, count);
  return {
    field, select, input,
    value: () => (select.value ? Number(select.value) : 0),
    byId: (v) => staff.find((s) => String(s.id) === String(v)) || null,
    reset() {
      input.value = '';
      select.value = '';
      fill();
    },
  };
}

/** A plain select: options [[value, text], …]. */
export function selectField(id, label, options, attrs) {
  const select = h('select', { id, ...(attrs || {}) },
    options.map(([v, t]) => h('option', { value: String(v) }, t)));
  return { field: h('div', { class: 'field' }, h('label', { for: id }, label), select), select };
}

/**
 * Disable every control under the roots while a request is on the way; the
 * returned function puts back what was enabled before.
 */
export function lockControls(...roots) {
  const rs = roots.flat().filter(Boolean);
  const els = rs.flatMap((r) => [...r.querySelectorAll('button, select, input, textarea')]).filter((e) => !e.disabled);
  els.forEach((e) => { e.disabled = true; });
  rs.forEach((r) => r.setAttribute('aria-busy', 'true'));
  return () => {
    els.forEach((e) => { e.disabled = false; });
    rs.forEach((r) => r.removeAttribute('aria-busy'));
  };
}

/** A button that shows `busyText` while its form is sending. */
export function busyLabel(btn, busyText) {
  const text = btn.textContent;
  btn.textContent = busyText;
  return () => { btn.textContent = text; };
}

/**
 * One write from a form: the controls under root locked and btn showing
 * busyText while call() runs. Resolves to the answer, or null when the view
 * was left or the call failed (msg then shows errorView(err), by default the
 * error box).
 */
export async function sendLocked({ root, btn, busyText, msg, signal, call, errorView }) {
  const unlock = lockControls(root);
  const unlabel = busyLabel(btn, busyText);
  msg.replaceChildren();
  try {
    const r = await call();
    return signal.aborted ? null : r;
  } catch (e) {
    if (!(e && e.name === 'AbortError') && !signal.aborted) setChildren(msg, (errorView || errorBox)(e));
    return null;
  } finally {
    if (!signal.aborted) {
      unlabel();
      unlock();
    }
  }
}

let openDialog = null;

/**
 * A modal confirm dialog built in the page (a <dialog> opened with
 * showModal: focus stays inside, Esc cancels). opts: {title, body (nodes or
 * text), confirmText, cancelText, busyText, action: async () => result,
 * signal, tone, errorView, focus}. While the action runs both buttons are disabled;
 * when it fails the server's message and 请求编号 (or errorView(err)) show
 * inside the dialog and it stays open. tone 'primary': a plain title and a
 * primary button, for a form that changes rather than removes something.
 * Resolves to the action's result, or null when cancelled.
 */
export function confirmDialog(opts) {
  if (openDialog) openDialog.cancel();
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const msg = h('div', { class: 'form-msg modal-msg', id: 'confirm-msg', 'aria-live': 'assertive' });
    const plain = opts.tone === 'primary';
    const ok = h('button', { type: 'button', class: plain ? 'btn btn-primary' : 'btn btn-danger', id: 'confirm-ok' }, opts.confirmText || '确认');
    const cancel = h('button', { type: 'button', class: 'btn', id: 'confirm-cancel' }, opts.cancelText || '取消');
    const dlg = h('dialog', { class: 'modal', id: 'confirm-dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body' },
      h('h2', { class: plain ? 'modal-title modal-title-plain' : 'modal-title', id: 'confirm-title' }, opts.title),
      h('div', { class: 'modal-body', id: 'confirm-body' }, opts.body),
      msg,
      h('div', { class: 'modal-actions' }, cancel, ok));
    let busy = false;
    let result = null;

    function finish() {
      if (openDialog === handle) openDialog = null;
      window.removeEventListener('hashchange', onNav);
      if (opts.signal) opts.signal.removeEventListener('abort', onNav);
      if (dlg.open) dlg.close();
      dlg.remove();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(result);
    }
    function onNav() {
      busy = false;
      finish();
    }
    const handle = { cancel: onNav };

    cancel.addEventListener('click', () => { if (!busy) finish(); });
    // Esc: the browser fires "cancel"; keep the dialog while sending.
    dlg.addEventListener('cancel', (ev) => {
      ev.preventDefault();
      if (!busy) finish();
    });
    // A click on the backdrop (outside the box) cancels too.
    dlg.addEventListener('click', (ev) => {
      if (ev.target !== dlg || busy) return;
      const r = dlg.getBoundingClientRect();
      const inside = ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom;
      if (!inside) finish();
    });
    ok.addEventListener('click', async () => {
      if (busy) return;
      busy = true;
      ok.disabled = true;
      cancel.disabled = true;
      const label = ok.textContent;
      ok.textContent = opts.busyText || '正在提交…';
      dlg.setAttribute('aria-busy', 'true');
      msg.replaceChildren();
      try {
        result = await opts.action();
        busy = false;
        finish();
      } catch (e) {
        if (!dlg.isConnected) return;
        busy = false;
        ok.disabled = false;
        cancel.disabled = false;
        ok.textContent = label;
        dlg.removeAttribute('aria-busy');
        if (e && e.name === 'AbortError') {
          finish();
          return;
        }
        setChildren(msg, (opts.errorView || errorBox)(e));
        cancel.focus();
      }
    });

    window.addEventListener('hashchange', onNav);
    if (opts.signal) opts.signal.addEventListener('abort', onNav);
    openDialog = handle;
    document.body.append(dlg);
    dlg.showModal();
    // The safe choice has the focus: Enter alone does not withdraw anything
    // (a dialog with a form may name its first field instead).
    (opts.focus || cancel).focus();
  });
}
