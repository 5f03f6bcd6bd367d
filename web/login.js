// login.js - 登录 page.

import { api } from './api.js';
import { h, setChildren, errorBox } from './dom.js';

/** "95" seconds -> "1 分 35 秒". */
export function waitText(sec) {
  if (sec >= 60) {
    const m = Math.floor(sec / 60);
    const s = sec % 60;
    return s ? m + ' 分 ' + s + ' 秒' : m + ' 分钟';
  }
  return sec + ' 秒';
}

/**
 * After a 429: the submit button stays disabled for sec seconds while a line
 * under the error (view(line) builds both into msg) counts down; then it
 * says againText.
 */
export function lockCountdown(submit, msg, view, waitId, sec, againText, signal) {
  let left = sec;
  let timer = null;
  const wait = h('p', { class: 'alert-meta', id: waitId });
  submit.disabled = true;
  setChildren(msg, view(wait));
  const tick = () => {
    if (left <= 0 || signal.aborted) {
      clearInterval(timer);
      submit.disabled = false;
      wait.textContent = againText;
      return;
    }
    wait.textContent = '请在 ' + waitText(left) + '后重试。';
    left -= 1;
  };
  tick();
  timer = setInterval(tick, 1000);
}

export function renderLogin(main, ctx) {
  const username = h('input', {
    id: 'login-username', name: 'username', type: 'text', autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false', required: true, maxlength: '64',
  });
  const password = h('input', {
    id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, maxlength: '256',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit' }, '登录');
  const msg = h('div', { class: 'form-msg', id: 'login-error', 'aria-live': 'assertive' });

  const form = h('form', { class: 'login-form', novalidate: true, 'aria-describedby': 'login-error' },
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, '用户名'), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, '密码'), password),
    msg,
    submit);

  const lockFor = (sec, err) => lockCountdown(submit, msg, (wait) => errorBox(err, wait), 'login-wait',
    sec, '现在可以重新登录。', ctx.signal);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    const u = username.value.trim();
    const p = password.value;
    if (!u || !p) {
      setChildren(msg, errorBox({ message: !u ? '请输入用户名' : '请输入密码' }));
      (!u ? username : password).focus();
      return;
    }
    msg.replaceChildren();
    submit.disabled = true;
    submit.textContent = '正在登录…';
    try {
      const data = await api('POST', '/api/v1/session', { body: { username: u, password: p }, noAuthRedirect: true });
      ctx.signedIn(data);
    } catch (e) {
      submit.textContent = '登录';
      if (ctx.signal.aborted) return;
      password.value = '';
      if (e.status === 429 && e.retryAfter) {
        lockFor(e.retryAfter, e);
      } else {
        submit.disabled = false;
        setChildren(msg, errorBox(e));
      }
      password.focus();
    }
  });

  setChildren(main,
    h('section', { class: 'page page-login' },
      h('div', { class: 'login-card card' },
        h('h1', { class: 'login-title' }, '双减监管平台'),
        h('p', { class: 'login-sub' }, '义务教育阶段作业与校外培训负担监管 · 请登录'),
        form,
        h('p', { class: 'login-first' }, h('a', { href: '#/activate', id: 'login-activate', class: 'btn btn-block' }, '首次登录？用激活码激活账号')),
        h('p', { class: 'login-help' }, '忘记密码或账号被锁定，请联系学校或区教育局管理员重置。'))));
  username.focus();
}
