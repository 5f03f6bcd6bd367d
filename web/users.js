// users.js - 用户管理 page: list with role, school and search filters and
// paging; each account's state (待激活 / 已停用 / 正常) and its actions
// (编辑, 停用 / 启用, 重置 with the new activation code shown once); a
// form for the bureau to add a user, checked in the browser first and then
// by the server. The bureau sees the district; a school's office its own
// school's staff and guardians, whose names only it may change.

import { api, session, ROLE_NAMES, roleName, isAbort } from './api.js';
import { fetchPage, pagerBar } from './paging.js';
import { h, setChildren, loading, notice, chip, charLen, formatInstant } from './dom.js';
import { confirmDialog } from './manage.js';
import { apiErrorBox, setFieldError } from './forms.js';

const PAGE_SIZE = 50;
const USERNAME_RE = /^[a-z0-9_.-]{3,32}$/;

let trail = { key: '', stack: [] };

/** Roles that belong to one school: the account needs a school_id. */
const SCHOOL_BOUND = ['principal', 'academic_office'];
const isAdmin = () => (session.user || {}).role === 'district_admin';

/** The district's schools [{id, code, name}], fetched once per sign-in. */
let dirCache = { user: null, promise: null };
export function schoolDirectory(signal) {
  const uid = session.user && session.user.id;
  if (dirCache.user !== uid || !dirCache.promise) {
    dirCache = { user: uid, promise: api('GET', '/api/v1/school-directory', { signal }).then((d) => d.items || [], (e) => { dirCache.promise = null; throw e; }) };
  }
  return dirCache.promise;
}

function schoolOptions(dir, selected, first) {
  return [h('option', { value: '' }, first), ...dir.map((s) => h('option', { value: String(s.id), selected: String(s.id) === String(selected || '') }, s.name))];
}

/** An account's state as a chip: 待激活 / 已停用 / 正常. */
export function stateChip(u) {
  if (u.disabled) return chip('已停用', 'danger');
  if (u.pending) return chip('待激活', 'warn');
  return chip('正常', 'ok');
}

/** May the signed-in user change this account? The same reach the server applies. */
function reaches(u) {
  if (isAdmin()) return true;
  return u.role === 'teacher' || u.role === 'parent';
}

/* ---- the list ---- */

function roleOptions(selected, withAll) {
  const opts = withAll ? [h('option', { value: '' }, '全部角色')] : [h('option', { value: '' }, '请选择角色')];
  for (const [code, name] of Object.entries(ROLE_NAMES)) {
    opts.push(h('option', { value: code, selected: code === selected }, name));
  }
  return opts;
}

async function loadList(box, ctx, filters, cursor, dir) {
  setChildren(box, loading());
  const page = await fetchPage(box, ctx, '/api/v1/users', { limit: PAGE_SIZE, cursor, ...filters });
  if (!page) return;
  const { items, next } = page;
  const pager = pagerBar(ctx, 'users', filters, cursor, next, trail, items.length, '人');

  if (items.length === 0) {
    setChildren(box, notice(filters.q || filters.role || filters.school_id ? '没有符合条件的用户。' : '还没有用户。', 'info'), cursor ? pager : null);
    return;
  }
  const reload = () => loadList(box, ctx, filters, cursor, dir);
  const schoolName = (id) => {
    if (id === null || id === undefined) return '';
    const s = dir.find((x) => String(x.id) === String(id));
    return s ? s.name : '';
  };
  const act = (u, fn) => () => {
    fn(u, ctx, dir).then((r) => { if (r) reload(); }, (e) => { if (!isAbort(e)) setChildren(box, apiErrorBox(e)); });
  };
  const rows = items.map((u) =>
    h('tr', { dataset: { username: u.username, id: String(u.id), state: u.disabled ? 'disabled' : u.pending ? 'pending' : 'ok' } },
      h('td', { 'data-label': '用户名' }, h('code', { class: 'username' }, u.username)),
      h('td', { 'data-label': '姓名', class: 'display-name cell-title' }, u.display_name || ''),
      h('td', { 'data-label': '角色' }, roleName(u.role, u.role_name)),
      dir.length ? h('td', { 'data-label': '学校' }, schoolName(u.school_id) || (u.role === 'parent' ? '按孩子所在学校' : '—')) : null,
      h('td', { 'data-label': '状态', class: 'user-state' }, stateChip(u)),
      h('td', { 'data-label': '操作', class: 'actions wide' }, reaches(u) ? [
        h('button', { type: 'button', class: 'btn btn-small', id: 'user-edit-' + u.id, onclick: act(u, editUser) }, '编辑'),
        u.disabled
          ? h('button', { type: 'button', class: 'btn btn-small', id: 'user-enable-' + u.id, onclick: act(u, enableUser) }, '启用')
          : h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet', id: 'user-disable-' + u.id, onclick: act(u, disableUser) }, '停用'),
        h('button', { type: 'button', class: 'btn btn-small', id: 'user-reset-' + u.id, onclick: act(u, resetUser) }, '重置'),
      ] : h('span', { class: 'sub' }, '由教育局管理'))));
  setChildren(box,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack table-compact', id: 'users-table' },
        h('thead', null, h('tr', null, ['用户名', '姓名', '角色', dir.length ? '学校' : null, '状态', '操作'].filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows))),
    pager);
}

/* ---- the row actions ---- */

const who = (u) => h('strong', null, (u.display_name || '') + '（' + u.username + '）');

/** 编辑: the name; for the bureau also the role and the school. Resolves to the answer or null. */
function editUser(u, ctx, dir) {
  const name = h('input', { type: 'text', id: 'ue-name', maxlength: '64', value: u.display_name || '', autocomplete: 'off' });
  const role = isAdmin() ? h('select', { id: 'ue-role' }, roleOptions(u.role, false)) : null;
  const school = isAdmin() ? h('select', { id: 'ue-school' }, schoolOptions(dir, u.school_id, '不属于某所学校')) : null;
  const schoolHint = h('p', { class: 'field-hint', id: 'ue-school-hint' });
  const syncSchool = () => {
    if (!role) return;
    const need = SCHOOL_BOUND.includes(role.value);
    schoolHint.textContent = need ? '校长、教导处账号必须选择所属学校。' : '教师和家长的学校以教职工、监护人名单为准，这里一般不用改。';
  };
  if (role) role.addEventListener('change', syncSchool);
  syncSchool();
  return confirmDialog({
    title: '编辑用户',
    tone: 'primary',
    body: [
      h('p', null, '用户名 ', h('code', null, u.username), '（不能修改）'),
      h('div', { class: 'field' }, h('label', { for: 'ue-name' }, '姓名'), name),
      role ? h('div', { class: 'field' }, h('label', { for: 'ue-role' }, '角色'), role) : null,
      school ? h('div', { class: 'field' }, h('label', { for: 'ue-school' }, '学校'), school, schoolHint) : null,
      isAdmin() ? null : h('p', { class: 'field-hint' }, '学校只能修改本校教职工和家长的姓名；角色和学校由教育局修改。'),
    ],
    confirmText: '保存',
    busyText: '正在保存…',
    signal: ctx.signal,
    focus: name,
    errorView: apiErrorBox,
    action: () => {
      const body = {};
      const dn = name.value.trim();
      if (charLen(dn) < 1) return Promise.reject(new Error('请输入姓名'));
      if (charLen(dn) > 64) return Promise.reject(new Error('姓名最多 64 个字'));
      if (dn !== (u.display_name || '')) body.display_name = dn;
      if (role && role.value !== u.role) body.role = role.value;
      if (school && school.value !== String(u.school_id === null || u.school_id === undefined ? '' : u.school_id)) body.school_id = school.value ? Number(school.value) : 0;
      if (role && SCHOOL_BOUND.includes(role.value) && !school.value) return Promise.reject(new Error('校长、教导处账号必须选择所属学校'));
      if (!Object.keys(body).length) return Promise.resolve({ unchanged: true });
      return api('PATCH', '/api/v1/users/' + u.id, { body, signal: ctx.signal });
    },
  });
}

function disableUser(u, ctx) {
  return confirmDialog({
    title: '停用账号',
    body: [h('p', null, '停用 ', who(u), '？'),
      h('p', { class: 'field-hint' }, '停用后此人立即无法登录，已登录的设备和访问令牌同时失效；数据和记录保留，可随时启用。')],
    confirmText: '停用',
    busyText: '正在停用…',
    signal: ctx.signal,
    errorView: apiErrorBox,
    action: () => api('POST', '/api/v1/users/' + u.id + '/disable', { body: {}, signal: ctx.signal }),
  });
}

function enableUser(u, ctx) {
  return confirmDialog({
    title: '启用账号',
    tone: 'primary',
    body: [h('p', null, '启用 ', who(u), '？'), h('p', { class: 'field-hint' }, '启用后此人可以用原来的密码登录。')],
    confirmText: '启用',
    busyText: '正在启用…',
    signal: ctx.signal,
    errorView: apiErrorBox,
    action: () => api('POST', '/api/v1/users/' + u.id + '/enable', { body: {}, signal: ctx.signal }),
  });
}

/** 重置: the password stops working and a new activation code is shown, once. */
async function resetUser(u, ctx) {
  const r = await confirmDialog({
    title: '重置账号',
    body: [h('p', null, '重置 ', who(u), '？'),
      h('p', { class: 'field-hint' }, '原密码立即失效，已登录的设备全部退出；系统生成新的激活码，由本人用激活码重新设置密码。')],
    confirmText: '重置',
    busyText: '正在重置…',
    signal: ctx.signal,
    errorView: apiErrorBox,
    action: () => api('POST', '/api/v1/users/' + u.id + '/reset', { body: {}, signal: ctx.signal }),
  });
  if (!r || !r.code) return r;
  await confirmDialog({
    title: '新的激活码',
    tone: 'primary',
    body: [
      h('div', { class: 'reset-slip', id: 'reset-slip' },
        h('p', null, '用户名 ', h('code', null, u.username), '（', u.display_name || '', '）'),
        h('p', { class: 'reset-code' }, h('code', { id: 'reset-code' }, r.code)),
        h('p', null, '有效期至 ', h('span', { id: 'reset-expires' }, formatInstant(r.expires_at).slice(0, 10))),
        h('p', null, '激活网址 ', h('code', null, location.origin + '/activate'))),
      notice('激活码只显示这一次，请现在抄下或转告本人；遗失可再次重置。', 'warn'),
      u.disabled ? notice('这个账号仍是停用状态：激活前请先“启用”。', 'info') : null,
    ],
    confirmText: '我已记下',
    cancelText: '关闭',
    signal: ctx.signal,
    action: () => Promise.resolve(true),
  });
  return r;
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
  if (SCHOOL_BOUND.includes(v.role) && !v.school_id) errs.school_id = '校长、教导处账号要选择所属学校';
  return errs;
}

function newUserForm(ctx, dir, onCreated) {
  const fields = {
    username: formField('username', '用户名', h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '32', required: true }), '3–32 位小写字母、数字或 _ . -，登录时使用'),
    display_name: formField('display_name', '姓名', h('input', { type: 'text', autocomplete: 'off', maxlength: '64', required: true }), '显示在页面和审计日志中，最多 64 个字'),
    role: formField('role', '角色', h('select', { required: true }, roleOptions('', false))),
    school_id: formField('school_id', '学校', h('select', null, schoolOptions(dir, '', '请选择学校')), '校长、教导处必选；教师可选'),
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

  // The school only for roles that work in one; required for principal and academic office.
  const syncSchool = () => {
    const r = fields.role.input.value;
    fields.school_id.wrap.hidden = !(SCHOOL_BOUND.includes(r) || r === 'teacher');
    if (fields.school_id.wrap.hidden) fields.school_id.input.value = '';
    fields.school_id.input.required = SCHOOL_BOUND.includes(r);
  };
  fields.role.input.addEventListener('change', syncSchool);
  syncSchool();

  const values = () => ({
    username: fields.username.input.value.trim(),
    display_name: fields.display_name.input.value.trim(),
    role: fields.role.input.value,
    school_id: fields.school_id.wrap.hidden ? '' : fields.school_id.input.value,
    password: fields.password.input.value,
    password2: fields.password2.input.value,
  });

  // Clear a field's error as soon as it is edited.
  for (const f of Object.values(fields)) {
    f.input.addEventListener('input', () => setFieldError(f, null));
    f.input.addEventListener('change', () => setFieldError(f, null));
  }

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
        body: { username: v.username, display_name: v.display_name, role: v.role, password: v.password, ...(v.school_id ? { school_id: Number(v.school_id) } : {}) },
      });
      if (ctx.signal.aborted) return;
      form.reset();
      syncSchool();
      const u = (data && data.user) || { username: v.username, display_name: v.display_name, role: v.role };
      const at = v.school_id ? (dir.find((x) => String(x.id) === v.school_id) || {}).name : '';
      setChildren(msg, notice('已创建用户 ' + u.username + '（' + (u.display_name || '') + '，' + roleName(u.role, u.role_name) + (at ? '，' + at : '') + '）', 'success'));
      onCreated(u);
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      const named = e.details && typeof e.details.field === 'string' ? e.details.field : e.code === 'USERNAME_TAKEN' ? 'username' : null;
      if (named && fields[named]) {
        setFieldError(fields[named], e.message, e.requestId);
        fields[named].input.focus();
      } else {
        setChildren(msg, apiErrorBox(e));
      }
    } finally {
      submit.disabled = false;
      submit.textContent = '创建用户';
    }
  });
  return form;
}

/* ---- the page ---- */

/** The tabs between 用户列表 and 批量开通账号. */
export function usersTabs(current) {
  return h('nav', { class: 'tabs subnav', 'aria-label': '用户管理' },
    [['users', '用户列表'], ['provision', '批量开通账号']].map(([route, label]) =>
      h('a', { class: 'tab', href: '#/' + route, id: 'tab-' + route, 'aria-current': route === current ? 'page' : null }, label)));
}

export async function renderUsers(main, ctx) {
  const q = ctx.params;
  const admin = isAdmin();
  const filters = { role: q.get('role') || '', school_id: admin ? q.get('school_id') || '' : '', q: (q.get('q') || '').trim() };
  const cursor = q.get('cursor') || '';
  const key = JSON.stringify(filters);
  if (trail.key !== key) trail = { key, stack: [] };
  if (!cursor) trail.stack = [];

  const list = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const filterBox = h('div');
  const side = h('div', { class: 'split-side' });
  setChildren(main,
    h('section', { class: 'page page-users' },
      h('h1', { class: 'page-title' }, '用户管理'),
      usersTabs('users'),
      h('p', { class: 'page-lead' }, admin
        ? '全区的账号：查找、编辑、停用或重置。教职工和家长的账号请用“批量开通账号”按名单生成激活码；系统不保存明文密码。'
        : '本校教职工和学生家长的账号：查找、修改姓名、停用或重置。新账号请用“批量开通账号”按名单生成激活码。'),
      h('div', { class: admin ? 'split' : '' },
        h('div', { class: 'split-main' }, filterBox, list),
        admin ? side : null)));

  let dir = [];
  if (admin) {
    try {
      dir = await schoolDirectory(ctx.signal);
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      setChildren(list, apiErrorBox(e));
      return;
    }
    if (ctx.signal.aborted) return;
  }

  const inRole = h('select', { id: 'uf-role', name: 'role' }, roleOptions(filters.role, true));
  const inSchool = admin ? h('select', { id: 'uf-school', name: 'school_id' }, schoolOptions(dir, filters.school_id, '全部学校')) : null;
  const inQ = h('input', { id: 'uf-q', name: 'q', type: 'search', value: filters.q, placeholder: '用户名、手机号或姓名', maxlength: '64' });
  const current = () => ({ role: inRole.value, school_id: inSchool ? inSchool.value : '', q: inQ.value.trim() });
  const search = h('form', { class: 'filters card', id: 'users-filters', role: 'search', novalidate: true },
    h('div', { class: 'filter-grid' },
      h('div', { class: 'field field-inline' }, h('label', { for: 'uf-role' }, '角色'), inRole),
      inSchool ? h('div', { class: 'field field-inline' }, h('label', { for: 'uf-school' }, '学校'), inSchool) : null,
      h('div', { class: 'field field-inline' + (inSchool ? ' filter-wide' : '') }, h('label', { for: 'uf-q' }, '搜索'), inQ)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.navigate('users') }, '重置')));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate('users', current());
  });
  inRole.addEventListener('change', () => ctx.navigate('users', current()));
  if (inSchool) inSchool.addEventListener('change', () => ctx.navigate('users', current()));
  setChildren(filterBox, search);
  if (admin) setChildren(side, newUserForm(ctx, dir, () => loadList(list, ctx, filters, '', dir)));
  loadList(list, ctx, filters, cursor, dir);
}
