// schools.js - 学校 (list with search and paging) and 学校详情 (classes by
// grade, 教职工 tab, 职务 tab with appointing and withdrawing for the school's
// management).

import { api, session, isAbort } from './api.js';
import { fetchPage, pagerBar } from './paging.js';
import { h, setChildren, loading, errorBox, notice, chip, sortableTable } from './dom.js';
import { gradeName, gradeBand, fetchAll, yesNo, facts, crumbs, count, fetchRecord } from './org.js';
import { SUBJECTS, SCHOOL_ROLES, canManageSchool, fetchStaff, staffPicker, staffLabel, selectField, lockControls, busyLabel, confirmDialog } from './manage.js';

const PAGE_SIZE = 50;
const ONE_SCHOOL_ROLES = ['principal', 'academic_office'];
const STAFF_ROLES = ['district_admin', 'inspector', 'principal', 'academic_office'];

let trail = { key: '', stack: [] };

/* ---- 学校 list ---- */

async function loadList(box, ctx, filters, cursor) {
  setChildren(box, loading());
  const page = await fetchPage(box, ctx, '/api/v1/schools', { limit: PAGE_SIZE, cursor, ...filters });
  if (!page) return;
  const { items, next } = page;
  const pager = pagerBar(ctx, 'schools', filters, cursor, next, trail, items.length, '所');

  if (items.length === 0) {
    setChildren(box,
      notice(filters.q ? '没有名称或代码符合“' + filters.q + '”的学校。' : '还没有学校。区教育局管理员可在“数据导入”中导入学校名单。', 'info'),
      cursor ? pager : null);
    return;
  }
  const rows = items.map((s) =>
    h('tr', { dataset: { schoolId: String(s.id), code: s.code } },
      h('td', { 'data-label': '学校', class: 'cell-title' },
        h('a', { href: '#/schools/' + s.id, class: 'school-link' }, s.name)),
      h('td', { 'data-label': '代码' }, h('code', null, s.code)),
      h('td', { 'data-label': '类型' }, s.kind_name || s.kind || ''),
      h('td', { 'data-label': '寄宿' }, yesNo(s.boarding, 'info')),
      h('td', { 'data-label': '联盟集团', class: 'wide' }, s.alliance || h('span', { class: 'muted' }, '—')),
      h('td', { 'data-label': '班级数', class: 'num' }, String(s.classes ?? 0)),
      h('td', { 'data-label': '学生数', class: 'num' }, String(s.students ?? 0))));
  const tbl = h('table', { class: 'table table-stack table-compact', id: 'schools-table' },
    h('thead', null, h('tr', null, ['学校', '代码', '类型', '寄宿', '联盟集团', '班级数', '学生数'].map((t, i) =>
      h('th', { scope: 'col', class: i >= 5 ? 'num' : null }, t)))),
    h('tbody', null, rows));
  sortableTable(tbl);
  setChildren(box,
    h('div', { class: 'table-wrap table-surface' }, tbl),
    next || cursor ? h('p', { class: 'field-hint' }, '点击表头排序（只对本页的学校排序；可用上方的筛选缩小范围）。') : null,
    pager);
}

export async function renderSchools(main, ctx) {
  const u = session.user;
  // A principal or academic office has one school: go straight to it.
  if (ONE_SCHOOL_ROLES.includes(u.role)) {
    if (u.school_id) {
      ctx.navigate('schools/' + u.school_id, null, true);
      return;
    }
    setChildren(main, loading());
    const data = await api('GET', '/api/v1/schools', { query: { limit: 2 }, signal: ctx.signal });
    if (ctx.signal.aborted) return;
    const items = Array.isArray(data.items) ? data.items : [];
    if (items.length === 1) {
      ctx.navigate('schools/' + items[0].id, null, true);
      return;
    }
    main.replaceChildren();
  }

  const q = ctx.params;
  const filters = { q: (q.get('q') || '').trim() };
  const cursor = q.get('cursor') || '';
  const key = JSON.stringify(filters);
  if (trail.key !== key) trail = { key, stack: [] };
  if (!cursor) trail.stack = [];

  const inQ = h('input', { id: 'sf-q', name: 'q', type: 'search', value: filters.q, placeholder: '学校名称的一部分，或学校代码', maxlength: '64', autocomplete: 'off' });
  const search = h('form', { class: 'filters card search-bar', id: 'schools-filters', role: 'search', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'sf-q' }, '搜索学校'),
      h('div', { class: 'input-row' }, inQ,
        h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
        filters.q ? h('button', { type: 'button', class: 'btn', onclick: () => ctx.navigate('schools') }, '清除') : null)));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate('schools', { q: inQ.value.trim() });
  });

  const list = h('div', { class: 'results', 'aria-live': 'polite' });
  setChildren(main,
    h('section', { class: 'page page-schools' },
      h('h1', { class: 'page-title' }, '学校'),
      h('p', { class: 'page-lead' }, '全区义务教育学校：类型、寄宿、所属联盟集团，以及班级与学生人数。点击学校名称查看班级和教职工。'),
      search, list));
  loadList(list, ctx, filters, cursor);
}

/* ---- 学校详情 ---- */

function classCard(c) {
  return h('a', { class: 'card card-link class-card', href: '#/classes/' + c.id, dataset: { classId: String(c.id) } },
    h('h4', { class: 'class-card-title' }, c.name),
    h('p', { class: 'class-card-meta' },
      h('span', null, '班主任 ', c.head_teacher_name ? h('strong', null, c.head_teacher_name) : h('span', { class: 'muted' }, '未设置')),
      h('span', { class: 'num' }, String(c.students ?? 0) + ' 名学生')));
}

function classesByGrade(items) {
  const byGrade = new Map();
  for (const c of items) {
    const g = Number(c.grade) || 0;
    if (!byGrade.has(g)) byGrade.set(g, []);
    byGrade.get(g).push(c);
  }
  const grades = [...byGrade.keys()].sort((a, b) => a - b);
  return grades.map((g) => {
    const list = byGrade.get(g).sort((a, b) => String(a.code).localeCompare(String(b.code), 'zh-CN', { numeric: true }));
    const students = list.reduce((n, c) => n + (Number(c.students) || 0), 0);
    return h('section', { class: 'grade-group', dataset: { grade: String(g) } },
      h('h3', { class: 'grade-title' }, gradeName(g),
        h('span', { class: 'count' }, gradeBand(g) + ' · ' + list.length + ' 个班 · ' + students + ' 名学生')),
      h('div', { class: 'class-grid' }, list.map(classCard)));
  });
}

async function loadClasses(box, ctx, schoolId) {
  setChildren(box, loading());
  try {
    const { items, truncated } = await fetchAll('/api/v1/classes', { school_id: schoolId, limit: 500 }, ctx.signal);
    if (ctx.signal.aborted) return;
    if (!items.length) {
      setChildren(box, notice('本校还没有班级，或您无权查看。可在“数据导入”中导入班级名单。', 'info'));
      return;
    }
    setChildren(box, classesByGrade(items), truncated ? notice('班级过多，只显示了前一部分。', 'warn') : null);
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(box, errorBox(e));
  }
}

async function loadStaff(box, ctx, staffP) {
  setChildren(box, loading());
  let items;
  try {
    items = await staffP();
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;
  if (!items.length) {
    setChildren(box, notice('本校还没有教职工记录。可在“数据导入”中导入教职工名单。', 'info'));
    return;
  }
  const rows = items.map((s) =>
    h('tr', { dataset: { staffNo: s.staff_no } },
      h('td', { 'data-label': '工号' }, h('code', null, s.staff_no)),
      h('td', { 'data-label': '姓名', class: 'cell-title' }, s.name),
      h('td', { 'data-label': '任教学科', class: 'wide' }, s.subjects || h('span', { class: 'muted' }, '—')),
      h('td', { 'data-label': '登录账号' }, s.username ? h('code', null, s.username) : h('span', { class: 'muted' }, '未关联'))));
  const tbody = h('tbody', null, rows);
  const filter = h('input', { type: 'search', id: 'staff-filter', placeholder: '按工号、姓名或学科筛选', autocomplete: 'off' });
  const shown = h('span', { class: 'count', 'aria-live': 'polite' }, '共 ' + items.length + ' 人');
  filter.addEventListener('input', () => {
    const t = filter.value.trim().toLowerCase();
    let n = 0;
    rows.forEach((tr, i) => {
      const s = items[i];
      const hit = !t || [s.staff_no, s.name, s.subjects, s.username].some((v) => v && String(v).toLowerCase().includes(t));
      tr.hidden = !hit;
      if (hit) n += 1;
    });
    shown.textContent = t ? '显示 ' + n + ' / ' + items.length + ' 人' : '共 ' + items.length + ' 人';
  });
  setChildren(box,
    h('div', { class: 'table-tools' }, h('label', { class: 'sr-only', for: 'staff-filter' }, '筛选教职工'), filter, shown),
    h('div', { class: 'table-wrap table-surface' },
      h('table', { class: 'table table-stack table-compact', id: 'staff-table' },
        h('thead', null, h('tr', null, ['工号', '姓名', '任教学科', '登录账号'].map((t) => h('th', { scope: 'col' }, t)))),
        tbody)));
}

/* ---- 职务 ---- */

const roleDef = (key) => SCHOOL_ROLES.find((r) => r.key === key) || { key, name: key };

/** "三年级年级组长", "数学教研组长", "校长". */
function roleTitle(r) {
  const d = roleDef(r.role);
  if (!r.scope) return d.name;
  return (d.scope === 'grade' ? gradeName(r.scope) : r.scope) + d.name;
}

function sortRoles(items) {
  const rank = (r) => {
    const i = SCHOOL_ROLES.findIndex((d) => d.key === r.role);
    return i < 0 ? SCHOOL_ROLES.length : i;
  };
  const scopeRank = (r) => (r.role === 'grade_head' ? Number(r.scope) || 99
    : r.role === 'subject_head' ? (SUBJECTS.indexOf(r.scope) + 1 || 99) : 0);
  return [...items].sort((a, b) => (rank(a) - rank(b)) || (scopeRank(a) - scopeRank(b))
    || String(a.scope || '').localeCompare(String(b.scope || ''), 'zh-CN')
    || String(a.staff_no || '').localeCompare(String(b.staff_no || ''), 'zh-CN', { numeric: true }));
}

function rolesList(items, onWithdraw) {
  if (!items.length) {
    return notice(onWithdraw ? '本校还没有登记职务。可在“任命职务”中任命校长、教导处、年级组长或教研组长。' : '本校还没有登记职务。', 'info');
  }
  return h('ul', { class: 'role-list', id: 'roles-list' },
    sortRoles(items).map((r) =>
      h('li', { class: 'role-row', dataset: { staffId: String(r.staff_id), role: r.role, scope: r.scope || '' } },
        h('span', { class: 'role-what' }, chip(roleDef(r.role).name, 'role'),
          r.scope ? h('span', { class: 'role-scope' }, roleDef(r.role).scope === 'grade' ? gradeName(r.scope) : r.scope) : null),
        h('span', { class: 'role-who' },
          h('span', { class: 'role-name' }, r.name || ''),
          r.staff_no ? h('code', { class: 'role-no' }, r.staff_no) : null),
        onWithdraw ? h('button', {
          type: 'button', class: 'btn btn-small btn-danger-quiet role-withdraw',
          dataset: { staffId: String(r.staff_id), role: r.role, scope: r.scope || '' },
          'aria-label': '撤销' + (r.name || '') + '的' + roleTitle(r) + '职务',
          onclick: () => onWithdraw(r),
        }, '撤销') : null)));
}

/** The 任命职务 form: staff, role, and the scope the role needs (grade or subject). */
function appointForm(staff, items, send) {
  const who = staffPicker(staff, { id: 'appoint-staff', label: '教职工' });
  const role = selectField('appoint-role', '职务', [['', '请选择职务'], ...SCHOOL_ROLES.map((r) => [r.key, r.name])], { name: 'role', required: true });
  const grade = selectField('appoint-grade', '年级', [['', '请选择年级'], ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((g) => [g, gradeName(g)])], { name: 'scope' });
  const subject = selectField('appoint-subject', '学科', [['', '请选择学科'], ...SUBJECTS.map((x) => [x, x])], { name: 'scope' });
  grade.field.id = 'appoint-grade-field';
  subject.field.id = 'appoint-subject-field';
  const sync = () => {
    const d = roleDef(role.select.value);
    grade.field.hidden = d.scope !== 'grade';
    grade.select.disabled = d.scope !== 'grade';
    subject.field.hidden = d.scope !== 'subject';
    subject.select.disabled = d.scope !== 'subject';
  };
  role.select.addEventListener('change', sync);
  sync();
  const msg = h('div', { class: 'form-msg', id: 'appoint-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'appoint-submit' }, '任命');
  const form = h('form', { class: 'card manage-form appoint-form', id: 'appoint-form', novalidate: true },
    h('h3', { class: 'manage-title' }, '任命职务'),
    who.field, role.field, grade.field, subject.field,
    msg,
    h('div', { class: 'form-actions' }, btn),
    h('p', { class: 'field-hint manage-note' }, '年级组长需选年级，教研组长需选学科。任命和撤销都记入审计日志。'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const staffId = who.value();
    const s = who.byId(staffId);
    const d = roleDef(role.select.value);
    const scope = d.scope === 'grade' ? grade.select.value : d.scope === 'subject' ? subject.select.value : '';
    const warn = (text, el) => {
      setChildren(msg, notice(text, 'warn'));
      el.focus();
    };
    if (!staffId || !s) return warn('请选择教职工。可在上方输入姓名或工号筛选。', who.select);
    if (!role.select.value) return warn('请选择职务。', role.select);
    if (d.scope === 'grade' && !scope) return warn('年级组长要选择年级。', grade.select);
    if (d.scope === 'subject' && !scope) return warn('教研组长要选择学科。', subject.select);
    const r = { staff_id: staffId, role: d.key, scope };
    if (items.some((x) => String(x.staff_id) === String(staffId) && x.role === r.role && (x.scope || '') === scope)) {
      setChildren(msg, notice(s.name + '已担任' + roleTitle(r) + '。', 'info'));
      return;
    }
    send({
      btn, busyText: '正在任命…', msg, body: r,
      done: { msg: 'appoint-msg', text: '已任命' + staffLabel(s) + '为' + roleTitle(r) + '。', focus: 'appoint-submit' },
    });
  });
  return form;
}

async function loadRoles(box, ctx, schoolId, manage, staffP) {
  setChildren(box, loading());
  const path = '/api/v1/schools/' + encodeURIComponent(String(schoolId)) + '/roles';
  let data;
  let staff = null;
  try {
    [data, staff] = await Promise.all([
      api('GET', path, { signal: ctx.signal }),
      manage ? staffP() : Promise.resolve(null),
    ]);
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;

  let items = Array.isArray(data.items) ? data.items : [];
  const listMsg = h('div', { class: 'form-msg', id: 'roles-msg', 'aria-live': 'polite' });
  const listCard = h('div', { class: 'card', id: 'roles-card' });
  let formSlot = null;

  async function send({ btn, busyText, msg, body, done }) {
    const unlock = lockControls(listCard, formSlot);
    const unlabel = busyLabel(btn, busyText);
    msg.replaceChildren();
    let answer;
    try {
      answer = await api('POST', path, { body, signal: ctx.signal });
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      unlabel();
      unlock();
      setChildren(msg, errorBox(e));
      return;
    }
    if (ctx.signal.aborted) return;
    draw(answer, done);
  }

  function withdraw(r) {
    confirmDialog({
      title: '撤销职务',
      body: [
        h('p', null, '确认撤销', h('strong', null, staffLabel(r)), '的', h('strong', null, roleTitle(r)), '职务？'),
        h('p', { class: 'field-hint' }, '撤销后不再列为现任职务；原记录保留，并记入审计日志。'),
      ],
      confirmText: '确认撤销',
      cancelText: '取消',
      busyText: '正在撤销…',
      signal: ctx.signal,
      action: () => api('POST', path, { body: { staff_id: r.staff_id, role: r.role, scope: r.scope || '', withdraw: true }, signal: ctx.signal }),
    }).then((answer) => {
      if (!answer || ctx.signal.aborted) return;
      draw(answer, { msg: 'roles-msg', text: '已撤销' + staffLabel(r) + '的' + roleTitle(r) + '职务。', focus: 'roles-title' });
    });
  }

  function draw(d, done) {
    items = Array.isArray(d && d.items) ? d.items : items;
    setChildren(listCard, rolesList(items, manage ? withdraw : null));
    listMsg.replaceChildren();
    if (manage) {
      formSlot = appointForm(staff, items, send);
      setChildren(box,
        h('div', { class: 'split roles-split' },
          h('div', { class: 'split-main' },
            h('h3', { class: 'section-title', id: 'roles-title', tabindex: '-1' }, '现任职务', h('span', { class: 'count' }, items.length + ' 项')),
            listMsg, listCard),
          h('div', { class: 'split-side' }, formSlot)));
    } else {
      setChildren(box,
        h('h3', { class: 'section-title', id: 'roles-title', tabindex: '-1' }, '现任职务', h('span', { class: 'count' }, items.length + ' 项')),
        listCard);
    }
    if (done) {
      const m = document.getElementById(done.msg);
      if (m) setChildren(m, notice(done.text, 'success'));
      const f = document.getElementById(done.focus);
      if (f) f.focus();
    }
  }
  draw(data);
}

/** Tabs that switch in place; the chosen one is kept in the address for reloads. */
function tabs(defs, initial, onShow) {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  const panels = [];
  const buttons = [];
  defs.forEach((d) => {
    const panel = h('div', { class: 'tab-panel', id: 'panel-' + d.key, role: 'tabpanel', 'aria-labelledby': 'tab-' + d.key, hidden: true });
    const btn = h('button', { type: 'button', class: 'tab', role: 'tab', id: 'tab-' + d.key, 'aria-controls': 'panel-' + d.key, 'aria-selected': 'false' }, d.label);
    btn.addEventListener('click', () => show(d.key, true));
    buttons.push(btn);
    panels.push(panel);
    bar.append(btn);
  });
  const loaded = new Set();
  function show(key, user) {
    defs.forEach((d, i) => {
      const on = d.key === key;
      buttons[i].setAttribute('aria-selected', on ? 'true' : 'false');
      buttons[i].tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
      if (on && !loaded.has(key)) {
        loaded.add(key);
        d.load(panels[i]);
      }
    });
    if (user) onShow(key);
  }
  bar.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const j = (i + (ev.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length;
    buttons[j].focus();
    show(defs[j].key, true);
  });
  return { bar, panels, start: () => show(defs.some((d) => d.key === initial) ? initial : defs[0].key, false) };
}

export async function renderSchool(main, ctx) {
  const id = ctx.id;
  const data = await fetchRecord(main, ctx, '/api/v1/schools/' + id,
    { title: '未找到学校', href: '#/schools', label: '返回学校列表' });
  if (!data) return;
  const s = data.school || {};
  ctx.setTitle(s.name || '学校详情');
  const u = session.user;
  const defs = [{ key: 'classes', label: '班级', load: (p) => loadClasses(p, ctx, id) }];
  const manage = canManageSchool(u, s.id || id);
  // The staff list is fetched once for the page (the 职务 form needs it too).
  let staffPromise = null;
  const staffP = () => {
    if (!staffPromise) staffPromise = fetchStaff(id, ctx.signal).catch((e) => { staffPromise = null; throw e; });
    return staffPromise;
  };
  if (STAFF_ROLES.includes(u.role)) {
    defs.push({ key: 'staff', label: '教职工', load: (p) => loadStaff(p, ctx, staffP) });
    defs.push({ key: 'roles', label: '职务', load: (p) => loadRoles(p, ctx, id, manage, staffP) });
  }
  const t = tabs(defs, ctx.params.get('tab') || 'classes', (key) => {
    history.replaceState(null, '', '#/schools/' + id + (key === 'classes' ? '' : '?tab=' + key));
  });
  const oneSchool = ONE_SCHOOL_ROLES.includes(u.role);
  if (defs.length === 1) {
    t.panels[0].removeAttribute('role');
    t.panels[0].removeAttribute('aria-labelledby');
  }

  setChildren(main,
    h('section', { class: 'page page-school', dataset: { schoolId: String(s.id || id) } },
      oneSchool ? null : crumbs([['学校', '#/schools'], [s.name || '', null]]),
      h('h1', { class: 'page-title' }, s.name || '',
        s.kind_name ? h('span', { class: 'title-chip' }, chip(s.kind_name, 'role')) : null),
      h('div', { class: 'card summary-card' },
        facts([
          ['学校代码', h('code', null, s.code || '')],
          ['类型', s.kind_name || s.kind || ''],
          ['寄宿', s.boarding ? '有寄宿' : '无寄宿'],
          ['联盟集团', s.alliance || '未加入'],
          ['班级', count(s.classes, '个')],
          ['学生', count(s.students, '名')],
        ]),
        h('p', { class: 'school-links no-print', id: 'school-links' },
          h('a', { class: 'btn btn-small', id: 'school-hw-link', href: '#/hw-stats' + (oneSchool ? '' : '?' + new URLSearchParams({ school_id: String(s.id || id) })) }, '本校作业统计'),
          ' ',
          h('a', { class: 'btn btn-small', id: 'school-as-link', href: '#/afterschool' + (oneSchool ? '' : '?' + new URLSearchParams({ school_id: String(s.id || id) })) }, '本校课后服务'))),
      defs.length > 1 ? t.bar : h('h2', { class: 'section-title' }, '班级'),
      t.panels));
  t.start();
}
