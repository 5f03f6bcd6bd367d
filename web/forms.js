// forms.js - a labelled field with its own error line, and showing a
// server refusal next to the field it names (details.field) or in the
// form's message box. Used by the account pages (激活, 我的账号, 用户管理,
// 批量开通).

import { h, setChildren, errorBox, charLen } from './dom.js';

/** The password rule the server applies, in words (12–128 characters). */
export const PASSWORD_HINT = '12–128 位，不要用常见密码或与用户名相近的密码';

/**
 * A field: label, control, hint, error line. The control gets the id.
 * Returns {wrap, input, err}.
 */
export function formField(id, label, input, hint) {
  input.id = id;
  const err = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const hintEl = hint ? h('p', { class: 'field-hint', id: id + '-hint' }, hint) : null;
  input.setAttribute('aria-describedby', (hint ? id + '-hint ' : '') + id + '-error');
  input.addEventListener('input', () => setFieldError({ input, err }, null));
  return { wrap: h('div', { class: 'field', id: id + '-field' }, h('label', { for: id }, label), input, hintEl, err), input, err };
}

/** Show (or clear, message null) a field's error; the request id in small print. */
export function setFieldError(f, message, requestId) {
  if (!message) {
    f.err.hidden = true;
    f.err.replaceChildren();
    f.input.removeAttribute('aria-invalid');
    return;
  }
  setChildren(f.err, message, requestId ? h('span', { class: 'sub' }, '请求编号 ' + requestId) : null);
  f.err.hidden = false;
  f.input.setAttribute('aria-invalid', 'true');
}

/**
 * Browser-side errors {name: message} onto the fields; focuses the first.
 * Returns true when there was any.
 */
export function showFieldErrors(fields, errs) {
  let first = null;
  for (const [name, f] of Object.entries(fields)) {
    setFieldError(f, errs[name] || null);
    if (errs[name] && !first) first = f.input;
  }
  if (first) first.focus();
  return !!first;
}

/**
 * A server refusal: next to the field its details.field names (through
 * map, API name -> field key), else in msg as the error box.
 */
export function showServerError(e, fields, msg, map = {}) {
  const named = e && e.details && typeof e.details.field === 'string' ? e.details.field : null;
  const key = named ? map[named] || named : null;
  if (key && fields[key]) {
    setFieldError(fields[key], e.message + (e.code ? '（' + e.code + '）' : ''), e.requestId);
    fields[key].input.focus();
  } else {
    setChildren(msg, apiErrorBox(e));
  }
}

/** The error box with the server's code in the small print (e.g. USER_SELF). */
export function apiErrorBox(e, extra) {
  const code = e && typeof e.code === 'string' && !/^(HTTP_\d+|NETWORK)$/.test(e.code) ? e.code : null;
  return errorBox(e, extra || null, { code });
}

/** The new password and its confirmation: {field: message} for what is wrong. */
export function checkNewPassword(pw, pw2, names = ['password', 'password2']) {
  const errs = {};
  const n = charLen(pw);
  if (n === 0) errs[names[0]] = '请输入新密码';
  else if (n < 12) errs[names[0]] = '密码至少 12 位（现在 ' + n + ' 位）';
  else if (n > 128) errs[names[0]] = '密码最多 128 位';
  else if (pw !== pw2) errs[names[1]] = '两次输入的密码不一致';
  return errs;
}
