// activate.js - 激活账号 (public, phone first): the user name or phone and
// the activation code from the slip the school handed out, and a new
// password. On success the server signs the person in, exactly like 登录.

import { api, session } from './api.js';
import { h, setChildren, notice } from './dom.js';
import { lockCountdown } from './login.js';
import { formField, setFieldError, showFieldErrors, showServerError, checkNewPassword, apiErrorBox, PASSWORD_HINT } from './forms.js';

/** "AB3K 7mnp-q2xz" -> "ab3k-7mnp-q2xz"; null when it cannot be a code (12 letters and digits). */
export function normaliseCode(s) {
  const t = String(s || '').replace(/[\s\-_.·—–]/g, '').toLowerCase();
  if (!/^[a-z0-9]{12}$/.test(t)) return null;
  return t.slice(0, 4) + '-' + t.slice(4, 8) + '-' + t.slice(8);
}

/** A phone typed with spaces or dashes counts as the bare digits; a user name as typed. */
export function normaliseLogin(s) {
  const t = String(s || '').trim();
  return /^[\d\s-]+$/.test(t) ? t.replace(/\D/g, '') : t;
}

export function renderActivate(main, ctx) {
  const fields = {
    login: formField('act-login', '用户名或手机号', h('input', {
      type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: '64', required: true, inputmode: 'text',
    }), '激活单上的用户名；家长也可以填学校登记的手机号'),
    code: formField('act-code', '激活码', h('input', {
      type: 'text', autocomplete: 'one-time-code', autocapitalize: 'none', spellcheck: 'false', maxlength: '32', required: true,
      placeholder: 'xxxx-xxxx-xxxx',
    }), '12 位字母和数字，大小写、空格和短横线都不影响'),
    password: formField('act-password', '新密码', h('input', { type: 'password', autocomplete: 'new-password', maxlength: '128', required: true }), PASSWORD_HINT),
    password2: formField('act-password2', '确认新密码', h('input', { type: 'password', autocomplete: 'new-password', maxlength: '128', required: true })),
  };
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'act-submit' }, '激活并登录');
  const msg = h('div', { class: 'form-msg', id: 'act-msg', 'aria-live': 'assertive' });
  const form = h('form', { class: 'login-form', id: 'activate-form', novalidate: true },
    Object.values(fields).map((f) => f.wrap), msg, submit);

  const lockFor = (sec, err) => lockCountdown(submit, msg, (wait) => apiErrorBox(err, wait), 'act-wait',
    sec, '现在可以重新尝试。', ctx.signal);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    msg.replaceChildren();
    const login = normaliseLogin(fields.login.input.value);
    const code = normaliseCode(fields.code.input.value);
    const pw = fields.password.input.value;
    const errs = checkNewPassword(pw, fields.password2.input.value);
    if (!fields.code.input.value.trim()) errs.code = '请输入激活码';
    else if (!code) errs.code = '激活码应为 12 位字母和数字，如 ab3k-7mnp-q2xz，请对照激活单核对';
    if (!login) errs.login = '请输入用户名或手机号';
    if (showFieldErrors(fields, errs)) return;
    submit.disabled = true;
    submit.textContent = '正在激活…';
    try {
      const data = await api('POST', '/api/v1/activation', { body: { login, code, password: pw }, noAuthRedirect: true });
      ctx.flash('账号已激活，欢迎使用。以后请用用户名（或手机号）和新密码登录。');
      ctx.signedIn(data, '#/home');
    } catch (e) {
      submit.textContent = '激活并登录';
      if (ctx.signal.aborted) return;
      if (e.status === 429 && e.retryAfter) {
        lockFor(e.retryAfter, e);
        return;
      }
      submit.disabled = false;
      if (e.code === 'PASSWORD_WEAK') {
        showServerError(e, fields, msg, { password: 'password' });
      } else if (e.code === 'ACTIVATION_FAILED') {
        setChildren(msg, apiErrorBox(e));
        setFieldError(fields.code, null);
        fields.code.input.focus();
      } else {
        showServerError(e, fields, msg);
      }
    }
  });

  const who = session.user;
  setChildren(main,
    h('section', { class: 'page page-login page-activate' },
      h('div', { class: 'login-card card' },
        h('h1', { class: 'login-title' }, '激活账号'),
        h('p', { class: 'login-sub' }, '首次登录：用学校发放的激活单设置自己的密码'),
        who ? notice('当前已登录为 ' + (who.display_name || who.username) + '。激活另一个账号后将切换到该账号。', 'warn') : null,
        form,
        h('ul', { class: 'login-notes' },
          h('li', null, '激活码只能用一次，在激活单上写明的有效期内使用。'),
          h('li', null, '激活码遗失、过期或输错多次被锁定，请联系学校（教师找教导处，家长找班主任）重新发放。'),
          h('li', null, '密码请自己保管，学校和教育局都看不到您的密码。')),
        h('p', { class: 'login-help' }, h('a', { href: '#/login', id: 'act-to-login' }, '已经激活？返回登录')))));
  fields.login.input.focus();
}
