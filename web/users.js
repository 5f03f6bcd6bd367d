// users.js - 用户管理 page: list with role filter, search and paging; a form
// to add a user, checked in the browser first and then by the server.

import { api, ROLE_NAMES, roleName, isAbort } from './api.js';
import { fetchPage, pagerBar } from './paging.js';
import { h, setChildren, loading, errorBox, notice, chip, charLen } from './dom.js';

const PAGE_SIZE = 50;
const USERNAME_RE = /^[a-z0-9_.-]{3,32}$/;

let trail = { key: '', stack: [] };

/* ---- the list ---- */

function roleOptions(selected, withAll) {
  const opts = withAll ? [h('option', { value: '' }, '全部角色')] : [h('option', { value: '' }, '请选择角色')];
  for (const [code, name] of Object.entries(ROLE_NAMES)) {
    opts.push(h('option', { value: code, selected: code === selected }, name));
  }
  return opts;
}

async function loadList(box, ctx, filters, cursor) {
  setChildren(box, loading());
  const page = await fetchPage(box, ctx, '/api/v1/users', { limit: PAGE_SIZE, cursor, ...filters });
  if (!page) return;
  const { items, next } = page;
  const pager = pagerBar(ctx, 'users', filters, cursor, next, trail, items.length, '人');

  if (items.length === 0) {
    setChildren(box, notice(filters.q || filters.role ? '没有符合条件的用户。' : '还没有用户。', 'info'), cursor ? pager : null);
    return;
  }
  const rows = items.map((u) =>
    h('tr', { dataset: { username: u.username } },
      h('td', { 'data-label': '用户名' }, h('code', { class: 'username' }, u.username)),
      h('td', { 'data-label': '姓名', class: 'display-name' }, u.display_name || ''),
      h('td', { 'data-label': '角色' }, roleName(u.role, u.role_name)),
      h('td', { 'data-label': '状态' }, u.disabled ? chip('已停用', 'danger') : chip('正常', 'ok'))));
  setChildren(box,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack', id: 'users-table' },
        h('thead', null, h('tr', null, ['用户名', '姓名', '角色', '状态'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows))),
    pager);
}

/* ---- the form ---- */

function formField(name, label, input, hint) {
  const id = 'nu-' + name;
  input.id = id;
  input.name = name;
  const err = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const hintEl = hint ? h('p', { class: 'field-hint', id: id + '-hint' }, hint) : null;
  input.setAttribute('aria-describedby', (hint ? id + '-hint ' : '') + id + '-error');
  return { wrap: h('div', { class: 'field', dataset: { field: name } }, h('label', { for: id }, label), input, hintEl, err), input, err };
}

function setFieldError(f, message, requestId) {
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

/** Browser-side checks, the same limits the server applies. Returns {field: message}. */
export function validateNewUser(v) {
  const errs = {};
  if (!v.username) errs.username = '请输入用户名';
  else if (!USERNAME_RE.test(v.username)) errs.username = '用户名为 3–32 位，只能包含小写字母、数字和 _ . -';
  const dn = charLen(v.display_name);
  if (dn < 1) errs.display_name = '请输入姓名';
  else if (dn > 64) errs.display_name = '姓名最多 64 个字';
  if (!v.role || !ROLE_NAMES[v.role]) errs.role = '请选择角色';
  const pl = charLen(v.password);
  if (pl < 12) errs.password = '密码至少 12 位';
  else if (pl > 128) errs.password = '密码最多 128 位';
  if (!errs.password && v.password !== v.password2) errs.password2 = '两次输入的密码不一致';
  return errs;
}

function newUserForm(ctx, onCreated) {
  const fields = {
    username: formField('username', '用户名', h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '32', required: true }), '3–32 位小写字母、数字或 _ . -，登录时使用'),
    display_name: formField('display_name', '姓名', h('input', { type: 'text', autocomplete: 'off', maxlength: '64', required: true }), '显示在页面和审计日志中，最多 64 个字'),
    role: formField('role', '角色', h('select', { required: true }, roleOptions('', false))),
    password: formField('password', '初始密码', h('input', { type: 'password', autocomplete: 'new-password', maxlength: '128', required: true }), '12–128 位，请告知本人登录后修改'),
    password2: formField('password2', '确认密码', h('input', { type: 'password', autocomplete: 'new-password', maxlength: '128', required: true })),
  };
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite', id: 'new-user-msg' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'new-user-submit' }, '创建用户');
  const form = h('form', { class: 'card form-new-user', id: 'new-user-form', novalidate: true },
    h('h2', { class: 'section-title' }, '新增用户'),
    Object.values(fields).map((f) => f.wrap),
    msg,
    h('div', { class: 'form-actions' }, submit));

  const values = () => ({
    username: fields.username.input.value.trim(),
    display_name: fields.display_name.input.value.trim(),
    role: fields.role.input.value,
    password: fields.password.input.value,
    password2: fields.password2.input.value,
  });

  // Clear a field's error as soon as it is edited.
  for (const f of Object.values(fields)) f.input.addEventListener('input', () => setFieldError(f, null));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    msg.replaceChildren();
    const v = values();
    const errs = validateNewUser(v);
    let first = null;
    for (const [name, f] of Object.entries(fields)) {
      setFieldError(f, errs[name] || null);
      if (errs[name] && !first) first = f.input;
    }
    if (first) {
      first.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在创建…';
    try {
      const data = await api('POST', '/api/v1/users', {
        body: { username: v.username, display_name: v.display_name, role: v.role, password: v.password },
      });
      if (ctx.signal.aborted) return;
      form.reset();
      const u = (data && data.user) || { username: v.username, display_name: v.display_name, role: v.role };
      setChildren(msg, notice('已创建用户 ' + u.username + '（' + (u.display_name || '') + '，' + roleName(u.role, u.role_name) + '）', 'success'));
      onCreated(u);
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      const named = e.details && typeof e.details.field === 'string' ? e.details.field : e.code === 'USERNAME_TAKEN' ? 'username' : null;
      if (named && fields[named]) {
        setFieldError(fields[named], e.message, e.requestId);
        fields[named].input.focus();
      } else {
        setChildren(msg, errorBox(e));
      }
    } finally {
      submit.disabled = false;
      submit.textContent = '创建用户';
    }
  });
  return form;
}

/* ---- the page ---- */

export function renderUsers(main, ctx) {
  const q = ctx.params;
  const filters = { role: q.get('role') || '', q: (q.get('q') || '').trim() };
  const cursor = q.get('cursor') || '';
  const key = JSON.stringify(filters);
  if (trail.key !== key) trail = { key, stack: [] };
  if (!cursor) trail.stack = [];

  const inRole = h('select', { id: 'uf-role', name: 'role' }, roleOptions(filters.role, true));
  const inQ = h('input', { id: 'uf-q', name: 'q', type: 'search', value: filters.q, placeholder: '用户名或姓名', maxlength: '64' });
  const search = h('form', { class: 'filters card', id: 'users-filters', role: 'search', novalidate: true },
    h('div', { class: 'filter-grid' },
      h('div', { class: 'field field-inline' }, h('label', { for: 'uf-role' }, '角色'), inRole),
      h('div', { class: 'field field-inline' }, h('label', { for: 'uf-q' }, '搜索'), inQ)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.navigate('users') }, '重置')));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate('users', { role: inRole.value, q: inQ.value.trim() });
  });
  inRole.addEventListener('change', () => ctx.navigate('users', { role: inRole.value, q: inQ.value.trim() }));

  const list = h('div', { class: 'results', 'aria-live': 'polite' });
  const form = newUserForm(ctx, () => loadList(list, ctx, filters, ''));

  setChildren(main,
    h('section', { class: 'page page-users' },
      h('h1', { class: 'page-title' }, '用户管理'),
      h('p', { class: 'page-lead' }, '为学校和部门的工作人员开通账号。密码只在创建时设置，系统不保存明文。'),
      h('div', { class: 'split' },
        h('div', { class: 'split-main' }, search, list),
        h('div', { class: 'split-side' }, form))));
  loadList(list, ctx, filters, cursor);
}
