// account.js - 我的账号 (any signed-in user): 修改密码, 最近登录记录, 我的访问令牌,
// 在所有设备上退出; and the parent's 添加孩子 form, shown on 我的孩子.

import { api, session, roleName, isAbort } from './api.js';
import { h, setChildren, loading, notice, chip, formatInstant } from './dom.js';
import { confirmDialog, sendLocked } from './manage.js';
import { formField, showFieldErrors, showServerError, checkNewPassword, apiErrorBox, PASSWORD_HINT } from './forms.js';

/** Sign-in results (audit session.create and account.activate) in words. */
export const SIGNIN_RESULTS = {
  ok: ['成功', 'ok'],
  failed: ['激活码错误', 'danger'],
  wrong_password: ['密码错误', 'danger'],
  wrong_password_locked: ['密码错误，已锁定', 'danger'],
  locked: ['已锁定', 'warn'],
  disabled: ['已停用', 'danger'],
  unknown_user: ['账号不存在', 'warn'],
  rate_limited: ['尝试过于频繁', 'warn'],
};

export function signinResult(r) {
  const x = SIGNIN_RESULTS[r];
  return x ? chip(x[0], x[1]) : chip(r || '未知', 'muted');
}

/* ---- 修改密码 ---- */

function passwordForm(ctx) {
  const u = session.user || {};
  const fields = {
    current: formField('pw-current', '当前密码', h('input', { type: 'password', autocomplete: 'current-password', maxlength: '256', required: true })),
    fresh: formField('pw-new', '新密码', h('input', { type: 'password', autocomplete: 'new-password', maxlength: '128', required: true }), PASSWORD_HINT),
    again: formField('pw-new2', '确认新密码', h('input', { type: 'password', autocomplete: 'new-password', maxlength: '128', required: true })),
  };
  const msg = h('div', { class: 'form-msg', id: 'pw-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'pw-submit' }, '修改密码');
  // The browser's password manager knows whose password this is.
  const who = h('input', { type: 'text', autocomplete: 'username', value: u.username || '', hidden: true, readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  const form = h('form', { class: 'card', id: 'password-form', novalidate: true },
    h('h2', { class: 'section-title' }, '修改密码'),
    who, Object.values(fields).map((f) => f.wrap), msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const cur = fields.current.input.value;
    const errs = checkNewPassword(fields.fresh.input.value, fields.again.input.value, ['fresh', 'again']);
    if (!cur) errs.current = '请输入当前密码';
    else if (!errs.fresh && cur === fields.fresh.input.value) errs.fresh = '新密码不能与当前密码相同';
    if (showFieldErrors(fields, errs)) return;
    let failed = null;
    const r = await sendLocked({
      root: form, btn, busyText: '正在修改…', msg, signal: ctx.signal,
      call: () => api('PUT', '/api/v1/me/password', { body: { current_password: cur, new_password: fields.fresh.input.value }, signal: ctx.signal }),
      errorView: (e) => { failed = e; return apiErrorBox(e); },
    });
    if (failed) {
      msg.replaceChildren();
      showServerError(failed, fields, msg, { current_password: 'current', new_password: 'fresh' });
      return;
    }
    if (!r) return;
    form.reset();
    setChildren(msg, notice('密码已修改。其他设备上的登录已全部退出，本设备保持登录；下次登录请用新密码。', 'success'));
  });
  return form;
}

/* ---- 最近登录记录 ---- */

async function signinList(box, ctx) {
  setChildren(box, loading());
  let d;
  try {
    d = await api('GET', '/api/v1/me/signins', { signal: ctx.signal });
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, apiErrorBox(e));
    return;
  }
  const items = d.items || [];
  if (!items.length) {
    setChildren(box, notice('还没有登录记录。', 'info'));
    return;
  }
  const bad = items.filter((x) => x.result !== 'ok').length;
  setChildren(box,
    bad ? notice('最近 ' + items.length + ' 次登录中有 ' + bad + ' 次未成功。如果不是您本人，请立即修改密码并在所有设备上退出。', 'warn') : null,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table signins', id: 'signins-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '时间'), h('th', { scope: 'col' }, '方式'), h('th', { scope: 'col' }, '结果'))),
        h('tbody', null, items.map((x) => h('tr', { dataset: { result: x.result, way: x.way || 'password' } },
          h('td', { class: 'nowrap signin-at' }, formatInstant(x.at)),
          h('td', null, x.way === 'activation' ? '激活码' : '密码'),
          h('td', null, signinResult(x.result))))))));
}

/* ---- 访问令牌 ---- */

async function tokenList(box, ctx) {
  setChildren(box, loading());
  let d;
  try {
    d = await api('GET', '/api/v1/tokens', { signal: ctx.signal });
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, apiErrorBox(e));
    return;
  }
  const items = d.items || [];
  const admin = (session.user || {}).role === 'district_admin';
  if (!items.length) {
    setChildren(box, notice(admin ? '全区还没有访问令牌。' : '您没有访问令牌。访问令牌供其他系统调用接口使用，由管理员在服务器上创建。', 'info'));
    return;
  }
  const revoke = (t) => confirmDialog({
    title: '撤销访问令牌',
    body: [h('p', null, '撤销令牌“', h('strong', null, t.name), '”（', t.username, '）？'),
      h('p', { class: 'field-hint' }, '撤销后立即失效，使用它的程序将无法再调用接口；不能恢复。')],
    confirmText: '撤销',
    busyText: '正在撤销…',
    signal: ctx.signal,
    action: () => api('POST', '/api/v1/tokens/' + t.id + '/revoke', { body: {}, signal: ctx.signal }),
    errorView: apiErrorBox,
  }).then((r) => { if (r) tokenList(box, ctx); });
  setChildren(box, h('ul', { class: 'token-list', id: 'tokens-list' }, items.map((t) =>
    h('li', { class: 'token', dataset: { id: String(t.id) } },
      h('div', { class: 'token-main' },
        h('strong', { class: 'token-name' }, t.name),
        admin ? h('span', { class: 'sub' }, '账号 ' + t.username) : null,
        h('span', { class: 'sub' }, '创建于 ' + formatInstant(t.created_at))),
      t.revoked ? chip('已撤销', 'muted')
        : h('button', { type: 'button', class: 'btn btn-small', id: 'token-revoke-' + t.id, onclick: () => revoke(t) }, '撤销')))));
}

/* ---- 在所有设备上退出 ---- */

function signOutAll(ctx) {
  confirmDialog({
    title: '在所有设备上退出',
    body: [h('p', null, '您在所有设备（包括本设备）上的登录都会立即结束，需要重新登录。'),
      h('p', { class: 'field-hint' }, '如果怀疑密码泄露，请先修改密码再退出。访问令牌不受影响，可在下方单独撤销。')],
    confirmText: '全部退出',
    busyText: '正在退出…',
    signal: ctx.signal,
    action: () => api('DELETE', '/api/v1/me/sessions', { signal: ctx.signal, noAuthRedirect: true }),
    errorView: apiErrorBox,
  }).then((r) => {
    if (r) ctx.signedOutEverywhere('已在所有设备上退出，请重新登录。');
  });
}

/* ---- 添加孩子 (parents) ---- */

/**
 * The parent's form to link a child: 学籍号, the child's name and the phone
 * the school recorded. onDone(children) gets the parent's children.
 */
export function childClaimForm(ctx, onDone) {
  const fields = {
    registry_no: formField('claim-regno', '孩子的学籍号', h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: '32', required: true }), '可在学籍卡或向班主任询问'),
    name: formField('claim-name', '孩子姓名', h('input', { type: 'text', autocomplete: 'off', maxlength: '32', required: true })),
    phone: formField('claim-phone', '监护人手机号', h('input', { type: 'tel', inputmode: 'numeric', autocomplete: 'tel', maxlength: '13', required: true }), '学校登记的您的手机号（11 位）'),
  };
  const msg = h('div', { class: 'form-msg', id: 'claim-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'claim-submit' }, '添加孩子');
  const form = h('form', { class: 'card', id: 'claim-form', novalidate: true },
    h('h2', { class: 'section-title' }, '添加孩子'),
    h('p', { class: 'section-lead' }, '孩子在学校的监护人名单中登记了您的手机号，就可以在这里关联。核对失败 5 次后需等 15 分钟。'), // not policy: the server's own lockout for linking a child, not a rule of the pack
    Object.values(fields).map((f) => f.wrap), msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const v = {
      registry_no: fields.registry_no.input.value.trim(),
      name: fields.name.input.value.trim(),
      phone: fields.phone.input.value.replace(/[\s-]/g, ''),
    };
    const errs = {};
    if (!v.registry_no) errs.registry_no = '请输入学籍号';
    if (!v.name) errs.name = '请输入孩子姓名';
    if (!v.phone) errs.phone = '请输入手机号';
    else if (!/^1\d{10}$/.test(v.phone)) errs.phone = '手机号应为 11 位数字，以 1 开头';
    if (showFieldErrors(fields, errs)) return;
    let failed = null;
    const r = await sendLocked({
      root: form, btn, busyText: '正在核对…', msg, signal: ctx.signal,
      call: () => api('POST', '/api/v1/me/children', { body: v, signal: ctx.signal }),
      errorView: (e) => { failed = e; return apiErrorBox(e); },
    });
    if (failed) {
      if (failed.details && failed.details.field) {
        msg.replaceChildren();
        showServerError(failed, fields, msg);
      }
      return;
    }
    if (!r) return;
    form.reset();
    setChildren(msg, notice('已添加：' + v.name + '。', 'success'));
    onDone(r);
  });
  return form;
}

/* ---- the page ---- */

export function renderAccount(main, ctx) {
  const u = session.user || {};
  const signins = h('div', { id: 'signins', 'aria-live': 'polite' });
  const tokens = h('div', { id: 'tokens', 'aria-live': 'polite' });
  const facts = [['用户名', h('code', null, u.username || '')], ['姓名', u.display_name || ''], ['角色', roleName(u.role, u.role_name)]];
  setChildren(main,
    h('section', { class: 'page page-account' },
      h('h1', { class: 'page-title' }, '我的账号'),
      h('dl', { class: 'facts card account-facts' }, facts.map(([k, v]) => h('div', { class: 'fact' }, h('dt', null, k), h('dd', null, v)))),
      u.role === 'parent' ? h('p', { class: 'account-children' }, '要关联孩子？请到 ', h('a', { href: '#/children', id: 'account-to-children' }, '我的孩子'), ' 页面“添加孩子”。') : null,
      h('div', { class: 'split' },
        h('div', { class: 'split-main' },
          passwordForm(ctx),
          h('h2', { class: 'section-title account-title' }, '最近登录记录', h('span', { class: 'count' }, '最近 20 次')), // not policy: how many sign-ins the page lists
          signins),
        h('div', { class: 'split-side' },
          h('div', { class: 'card', id: 'signout-all-card' },
            h('h2', { class: 'section-title' }, '在所有设备上退出'),
            h('p', { class: 'section-lead' }, '手机丢失、在公用电脑上忘记退出，或发现不认识的登录记录时使用。'),
            h('button', { type: 'button', class: 'btn btn-danger', id: 'signout-all', onclick: () => signOutAll(ctx) }, '在所有设备上退出')),
          h('div', { class: 'card' },
            h('h2', { class: 'section-title' }, u.role === 'district_admin' ? '访问令牌（全区）' : '我的访问令牌'),
            tokens)))));
  signinList(signins, ctx);
  tokenList(tokens, ctx);
}
