// classes.js - 班级 (one class: teachers, roster, export; for the school's
// management also 安排任课, 撤销 and 设置班主任), 我的班级 (a teacher's
// classes) and 我的孩子 (a parent's children).

import { api, session, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip } from './dom.js';
import { childClaimForm } from './account.js';
import { gradeName, fetchAll, studentFlags, facts, crumbs, count, fetchRecord } from './org.js';
import { SUBJECTS, canManageSchool, fetchStaff, staffPicker, staffLabel, selectField, lockControls, busyLabel, confirmDialog } from './manage.js';

const EXPORT_ROLES = ['district_admin', 'inspector', 'principal', 'academic_office', 'teacher'];

/* ---- 班级 ---- */

const subjectRank = (s) => {
  const i = SUBJECTS.indexOf(s);
  return i < 0 ? SUBJECTS.length : i;
};

/**
 * The class's teachers. Read-only: one line per teacher with every subject
 * they teach here. For the school's management (onWithdraw given): one line
 * per assignment, each with its 撤销.
 */
function teacherList(teachers, headId, onWithdraw) {
  if (!teachers.length) {
    return notice(onWithdraw ? '还没有任课信息。可在下方“安排任课”，或在“数据导入”中导入任课表。' : '还没有任课信息。可在“数据导入”中导入任课表。', 'info');
  }
  const isHead = (t) => String(t.staff_id) === String(headId);
  if (onWithdraw) {
    const rows = [...teachers].sort((a, b) => (isHead(b) - isHead(a)) || (subjectRank(a.subject) - subjectRank(b.subject))
      || String(a.staff_no || '').localeCompare(String(b.staff_no || '')));
    return h('ul', { class: 'teacher-list teacher-list-manage', id: 'class-teachers' },
      rows.map((t) =>
        h('li', { class: 'teacher', dataset: { staffNo: t.staff_no || '', staffId: String(t.staff_id), subject: t.subject || '' } },
          h('span', { class: 'teacher-main' },
            h('span', { class: 'teacher-name' }, t.name),
            isHead(t) ? chip('班主任', 'role') : null,
            t.subject ? chip(t.subject, 'subject') : null),
          h('button', {
            type: 'button', class: 'btn btn-small btn-danger-quiet teacher-withdraw',
            dataset: { staffId: String(t.staff_id), subject: t.subject || '' },
            'aria-label': '撤销' + (t.name || '') + '的' + (t.subject || '') + '任课',
            onclick: () => onWithdraw(t),
          }, '撤销'))));
  }
  // One line per teacher, with every subject they teach in this class.
  const byStaff = new Map();
  for (const t of teachers) {
    const k = String(t.staff_id);
    if (!byStaff.has(k)) byStaff.set(k, { ...t, subjects: [] });
    if (t.subject) byStaff.get(k).subjects.push(t.subject);
  }
  return h('ul', { class: 'teacher-list', id: 'class-teachers' },
    [...byStaff.values()].sort((a, b) => isHead(b) - isHead(a)).map((t) =>
      h('li', { class: 'teacher', dataset: { staffNo: t.staff_no || '' } },
        h('span', { class: 'teacher-name' }, t.name),
        isHead(t) ? chip('班主任', 'role') : null,
        h('span', { class: 'teacher-subjects' }, t.subjects.map((s) => chip(s, 'subject'))))));
}

function rosterTable(students, isParent) {
  const rows = students.map((s) =>
    h('tr', { dataset: { registryNo: s.registry_no } },
      h('td', { 'data-label': '学籍号', class: 'cell-regno' }, h('code', null, s.registry_no)),
      h('td', { 'data-label': '姓名', class: 'cell-title' }, s.name),
      h('td', { 'data-label': '性别', class: 'cell-side' }, s.gender_name || s.gender || ''),
      h('td', { 'data-label': '标记', class: 'wide' }, studentFlags(s))));
  const table = h('table', { class: 'table table-stack table-compact table-roster', id: 'roster-table' },
    h('thead', null, h('tr', null, ['学籍号', '姓名', '性别', '标记'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows));
  if (isParent) return { tools: null, table: h('div', { class: 'table-wrap table-surface' }, table) };

  const filter = h('input', { type: 'search', id: 'roster-filter', placeholder: '按学籍号、姓名或标记筛选', autocomplete: 'off' });
  const shown = h('span', { class: 'count', id: 'roster-count', 'aria-live': 'polite' }, '共 ' + students.length + ' 人');
  const none = h('p', { class: 'muted', hidden: true }, '没有符合条件的学生。');
  filter.addEventListener('input', () => {
    const t = filter.value.trim().toLowerCase();
    let n = 0;
    rows.forEach((tr, i) => {
      const s = students[i];
      const words = [s.registry_no, s.name, s.gender_name,
        s.special_needs ? '特殊需要' : '', s.boarding ? '寄宿' : '', s.left_behind ? '留守' : ''];
      const hit = !t || words.some((v) => v && String(v).toLowerCase().includes(t));
      tr.hidden = !hit;
      if (hit) n += 1;
    });
    shown.textContent = t ? '显示 ' + n + ' / ' + students.length + ' 人' : '共 ' + students.length + ' 人';
    none.hidden = n > 0;
  });
  return {
    tools: h('div', { class: 'table-tools' }, h('label', { class: 'sr-only', for: 'roster-filter' }, '筛选学生'), filter, shown),
    table: h('div', null, h('div', { class: 'table-wrap table-surface' }, table), none),
  };
}

/**
 * The management card of the class page: 安排任课 and 设置班主任. act.send()
 * runs a write with the page locked and re-renders from the answer.
 */
function manageCard(d, staff, act, done) {
  const c = d.class || {};
  const teachers = Array.isArray(d.teachers) ? d.teachers : [];
  const base = '/api/v1/classes/' + encodeURIComponent(String(c.id));

  // 安排任课
  const who = staffPicker(staff, { id: 'assign-staff', label: '教师' });
  const subj = selectField('assign-subject', '学科', [['', '请选择学科'], ...SUBJECTS.map((s) => [s, s])], { name: 'subject', required: true });
  const assignMsg = h('div', { class: 'form-msg', id: 'assign-msg', 'aria-live': 'polite' });
  const assignBtn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'assign-submit' }, '安排任课');
  const assign = h('form', { class: 'manage-form', id: 'assign-form', novalidate: true },
    h('h3', { class: 'manage-title' }, '安排任课'),
    h('div', { class: 'manage-fields' }, who.field, subj.field),
    assignMsg,
    h('div', { class: 'form-actions' }, assignBtn));
  assign.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (assignBtn.disabled) return;
    const staffId = who.value();
    const subject = subj.select.value;
    const s = who.byId(staffId);
    if (!staffId || !s) {
      setChildren(assignMsg, notice('请选择教师。可在上方输入姓名或工号筛选。', 'warn'));
      who.select.focus();
      return;
    }
    if (!subject) {
      setChildren(assignMsg, notice('请选择学科。', 'warn'));
      subj.select.focus();
      return;
    }
    if (teachers.some((t) => String(t.staff_id) === String(staffId) && t.subject === subject)) {
      setChildren(assignMsg, notice(s.name + '已在本班任' + subject + '。', 'info'));
      return;
    }
    act.send({
      btn: assignBtn, busyText: '正在安排…', msg: assignMsg,
      call: () => api('POST', base + '/teaching', { body: { staff_id: staffId, subject }, signal: act.signal }),
      done: { msg: 'assign-msg', text: '已安排' + staffLabel(s) + '在本班任' + subject + '。', focus: 'assign-submit' },
    });
  });

  // 设置班主任
  const headName = c.head_teacher_name || '';
  const head = staffPicker(staff, { id: 'head-staff', label: '班主任', selected: c.head_teacher_id });
  const headMsg = h('div', { class: 'form-msg', id: 'head-msg', 'aria-live': 'polite' });
  const headBtn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'head-submit' }, '设置班主任');
  const clearBtn = h('button', { type: 'button', class: 'btn', id: 'head-clear', disabled: !c.head_teacher_id }, '清除班主任');
  const headForm = h('form', { class: 'manage-form', id: 'head-form', novalidate: true },
    h('h3', { class: 'manage-title' }, '设置班主任'),
    h('p', { class: 'manage-current', id: 'head-current' }, '当前：',
      headName ? h('strong', null, headName) : h('span', { class: 'muted' }, '未设置')),
    head.field,
    headMsg,
    h('div', { class: 'form-actions' }, headBtn, clearBtn));
  const putHead = (staffId, btn, busyText, text) => act.send({
    btn, busyText, msg: headMsg,
    call: () => api('PUT', base + '/head-teacher', { body: { staff_id: staffId }, signal: act.signal }),
    done: { msg: 'head-msg', text, focus: 'head-submit' },
  });
  headForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (headBtn.disabled) return;
    const staffId = head.value();
    const s = head.byId(staffId);
    if (!staffId || !s) {
      setChildren(headMsg, notice('请选择班主任。可在上方输入姓名或工号筛选。', 'warn'));
      head.select.focus();
      return;
    }
    if (String(staffId) === String(c.head_teacher_id)) {
      setChildren(headMsg, notice(s.name + '已是本班班主任。', 'info'));
      return;
    }
    putHead(staffId, headBtn, '正在设置…', '已将' + staffLabel(s) + '设为本班班主任。');
  });
  clearBtn.addEventListener('click', () => {
    if (clearBtn.disabled) return;
    putHead(0, clearBtn, '正在清除…', '已清除班主任' + (headName ? '（原为' + headName + '）' : '') + '。');
  });

  if (done) {
    const box = done.msg === 'assign-msg' ? assignMsg : done.msg === 'head-msg' ? headMsg : null;
    if (box) setChildren(box, notice(done.text, 'success'));
  }
  return h('div', { class: 'card manage-card', id: 'class-manage' },
    h('p', { class: 'field-hint manage-note' }, '校长、教导处可调整本班任课和班主任；每次变更都记入审计日志。'),
    h('div', { class: 'manage-grid' }, assign, headForm));
}

export async function renderClass(main, ctx) {
  const id = ctx.id;
  const u = session.user;
  const isParent = u.role === 'parent';
  const data = await fetchRecord(main, ctx, '/api/v1/classes/' + id,
    { title: '未找到班级', href: '#/home', label: '返回首页' });
  if (!data) return;

  const schoolId = (data.class || {}).school_id;
  const manage = canManageSchool(u, schoolId);
  // The school's staff for the pickers, fetched once for the page.
  const st = { staff: null, err: null, p: null };
  if (manage) {
    st.p = fetchStaff(schoolId, ctx.signal).then((items) => { st.staff = items; }, (e) => { st.err = e; });
  }

  const act = {
    signal: ctx.signal,
    /** One write: lock the controls, show the error by the form, or re-render from the answer. */
    async send({ btn, busyText, msg, call, done }) {
      const zone = main.querySelector('.page-class');
      const unlock = lockControls(zone.querySelector('#class-teachers-card'), zone.querySelector('#class-manage'));
      const unlabel = busyLabel(btn, busyText);
      msg.replaceChildren();
      let answer;
      try {
        answer = await call();
        if (!answer || !answer.class) answer = await api('GET', '/api/v1/classes/' + id, { signal: ctx.signal });
      } catch (e) {
        if (isAbort(e) || ctx.signal.aborted) return;
        unlabel();
        unlock();
        setChildren(msg, errorBox(e));
        return;
      }
      if (ctx.signal.aborted) return;
      draw(answer, done);
    },
    withdraw(d, t) {
      const c = d.class || {};
      confirmDialog({
        title: '撤销任课',
        body: [
          h('p', null, '确认撤销', h('strong', null, staffLabel(t)), '在', c.name || '本班', '的', h('strong', null, t.subject), '任课？'),
          h('p', { class: 'field-hint' }, '撤销后该教师不再列为本班任课教师；原记录保留，并记入审计日志。'),
        ],
        confirmText: '确认撤销',
        cancelText: '取消',
        busyText: '正在撤销…',
        signal: ctx.signal,
        action: () => api('POST', '/api/v1/classes/' + encodeURIComponent(String(c.id || id)) + '/teaching/withdraw',
          { body: { staff_id: t.staff_id, subject: t.subject }, signal: ctx.signal }),
      }).then((answer) => {
        if (!answer || ctx.signal.aborted) return;
        if (answer.class) draw(answer, { msg: 'teachers-msg', text: '已撤销' + staffLabel(t) + '在本班的' + t.subject + '任课。', focus: 'teachers-title' });
        else api('GET', '/api/v1/classes/' + id, { signal: ctx.signal }).then((x) => draw(x), () => {});
      });
    },
  };

  function draw(d, done) {
    const c = d.class || {};
    const teachers = Array.isArray(d.teachers) ? d.teachers : [];
    const students = Array.isArray(d.students) ? d.students : [];
    ctx.setTitle((c.school_name ? c.school_name + ' ' : '') + (c.name || '班级'));

    const schoolLink = ctx.canOpen('schools') ? '#/schools/' + c.school_id : null;
    const trail = u.role === 'teacher' ? [['我的班级', '#/my-classes']]
      : isParent ? [['我的孩子', '#/children']]
        : [['学校', ctx.canOpen('schools') ? '#/schools' : null], [c.school_name || '', schoolLink]];
    const { tools, table } = rosterTable(students, isParent);
    const canExport = EXPORT_ROLES.includes(u.role);

    const teachersMsg = h('div', { class: 'form-msg', id: 'teachers-msg', 'aria-live': 'polite' });
    if (done && done.msg === 'teachers-msg') teachersMsg.append(notice(done.text, 'success'));
    let manageBox = null;
    if (manage) {
      manageBox = h('div', { class: 'manage-slot' });
      const fill = () => {
        if (st.err) setChildren(manageBox, h('div', { class: 'card manage-card', id: 'class-manage' }, errorBox(st.err)));
        else setChildren(manageBox, manageCard(d, st.staff, act, done));
      };
      if (st.staff || st.err) fill();
      else {
        setChildren(manageBox, h('div', { class: 'card manage-card', id: 'class-manage' }, loading('正在加载本校教职工…')));
        st.p.then(() => { if (manageBox.isConnected && !ctx.signal.aborted) fill(); });
      }
    }

    setChildren(main,
      h('section', { class: 'page page-class', dataset: { classId: String(c.id || id) } },
        crumbs([...trail, [c.name || '', null]]),
        h('h1', { class: 'page-title' }, c.name || '',
          h('span', { class: 'title-sub' }, c.school_name || '')),
        h('div', { class: 'card summary-card' },
          facts([
            ['学校', schoolLink ? h('a', { href: schoolLink }, c.school_name || '') : c.school_name || ''],
            ['年级', gradeName(c.grade)],
            ['班级代码', h('code', null, c.code || '')],
            ['班主任', h('span', { id: 'class-head' }, c.head_teacher_name || h('span', { class: 'muted' }, '未设置'))],
            isParent ? null : ['学生', count(c.students ?? students.length, '名')],
          ].filter(Boolean)),
          h('div', { class: 'public-code' },
            h('p', { class: 'public-code-line' },
              h('span', { class: 'public-code-label' }, '公示码'),
              c.public_code
                ? h('a', { class: 'public-code-value', id: 'public-code', href: '/gongshi/' + encodeURIComponent(c.public_code), target: '_blank', rel: 'noopener' }, h('code', null, c.public_code))
                : h('code', { class: 'public-code-value', id: 'public-code' }, '—'),
              c.public_code ? h('a', { class: 'btn btn-small no-print', id: 'public-poster', href: '/gongshi/' + encodeURIComponent(c.public_code) + '?poster=1', target: '_blank', rel: 'noopener' }, '打印公示海报') : null),
            h('p', { class: 'field-hint' }, '点公示码打开本班的作业公示页；公示码是随机生成的，不透露任何班级或学生信息。海报（A4）印有二维码和网址，可贴在教室门口。'))),
        h('h2', { class: 'section-title', id: 'teachers-title', tabindex: '-1' }, '任课教师',
          h('span', { class: 'count' }, String(new Set(teachers.map((t) => t.staff_id)).size) + ' 人')),
        teachersMsg,
        h('div', { class: 'card', id: 'class-teachers-card' }, teacherList(teachers, c.head_teacher_id, manage ? (t) => act.withdraw(d, t) : null)),
        manageBox,
        h('div', { class: 'section-head' },
          h('h2', { class: 'section-title' }, isParent ? '我的孩子' : '学生名单',
            h('span', { class: 'count' }, students.length + ' 人')),
          canExport ? h('a', {
            class: 'btn btn-small', id: 'roster-export', href: '/api/v1/classes/' + encodeURIComponent(String(c.id || id)) + '/roster.xlsx',
            download: (c.school_name || '') + (c.name || '班级') + '名单.xlsx',
          }, '导出 Excel') : null),
        isParent ? notice('为保护其他学生的个人信息，这里只显示您自己的孩子。', 'info') : null,
        canExport ? h('p', { class: 'field-hint export-hint' }, '导出的名单含学生个人信息，仅限履职使用，导出操作记入审计日志。') : null,
        students.length ? [tools, table] : notice(isParent ? '此班级中没有您的孩子。' : '本班还没有学生。', 'info')));
    if (done && done.focus) {
      const f = document.getElementById(done.focus);
      if (f) f.focus({ preventScroll: false });
    }
  }

  draw(data);
}

/* ---- 我的班级 ---- */

function groupBySchool(items) {
  const map = new Map();
  for (const c of items) {
    const k = String(c.school_id);
    if (!map.has(k)) map.set(k, { name: c.school_name || '', items: [] });
    map.get(k).items.push(c);
  }
  return [...map.values()];
}

export async function renderMyClasses(main, ctx) {
  const box = h('div', { 'aria-live': 'polite' }, loading());
  setChildren(main,
    h('section', { class: 'page page-my-classes' },
      h('h1', { class: 'page-title' }, '我的班级'),
      h('p', { class: 'page-lead' }, '您担任班主任或任课的班级。点击班级查看任课教师和学生名单。'),
      box));
  let res;
  try {
    res = await fetchAll('/api/v1/classes', { limit: 500 }, ctx.signal);
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;
  if (!res.items.length) {
    setChildren(box, notice('您还没有任教的班级。如有疑问，请联系学校教导处。', 'info'));
    return;
  }
  const groups = groupBySchool(res.items).map((g) =>
    h('section', { class: 'school-group' },
      h('h2', { class: 'section-title' }, g.name, h('span', { class: 'count' }, g.items.length + ' 个班')),
      h('div', { class: 'class-grid' },
        g.items
          .sort((a, b) => (a.grade - b.grade) || String(a.code).localeCompare(String(b.code), 'zh-CN', { numeric: true }))
          .map((c) =>
            h('a', { class: 'card card-link class-card', href: '#/classes/' + c.id, dataset: { classId: String(c.id) } },
              h('h3', { class: 'class-card-title' }, c.name, chip(gradeName(c.grade), 'muted')),
              h('p', { class: 'class-card-meta' },
                h('span', null, '班主任 ', c.head_teacher_name ? h('strong', null, c.head_teacher_name) : h('span', { class: 'muted' }, '未设置')),
                h('span', { class: 'num' }, String(c.students ?? 0) + ' 名学生')))))));
  setChildren(box, groups);
}

/* ---- 我的孩子 ---- */

export async function renderChildren(main, ctx) {
  const box = h('div', { 'aria-live': 'polite' }, loading());
  const claim = childClaimForm(ctx, (data) => showChildren(box, data));
  setChildren(main,
    h('section', { class: 'page page-children' },
      h('h1', { class: 'page-title' }, '我的孩子'),
      h('p', { class: 'page-lead' }, '与您关联的孩子及其学校、班级。点击查看班级信息和任课教师。'),
      box,
      h('details', { class: 'claim-fold', id: 'claim-fold' },
        h('summary', null, '添加孩子：孩子没有列出？用学籍号关联'),
        claim)));
  let data;
  try {
    data = await api('GET', '/api/v1/me/children', { signal: ctx.signal });
  } catch (e) {
    if (isAbort(e) || ctx.signal.aborted) return;
    setChildren(box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;
  showChildren(box, data);
}

function showChildren(box, data) {
  const items = Array.isArray(data && data.items) ? data.items : [];
  if (!items.length) {
    setChildren(box, notice('还没有与您关联的孩子。可以在下方“添加孩子”用学籍号关联；也可以请孩子所在学校在监护人名单中登记您的手机号。', 'info'));
    const fold = document.getElementById('claim-fold');
    if (fold) fold.open = true;
    return;
  }
  setChildren(box,
    h('div', { class: 'cards child-cards' },
      items.map((k) =>
        h('a', { class: 'card card-link child-card', href: '#/classes/' + k.class_id, dataset: { childId: String(k.id), classId: String(k.class_id) } },
          h('h3', { class: 'card-title' }, h('span', { class: 'child-name' }, k.name), k.relation ? chip(k.relation, 'role') : null),
          facts([
            ['学校', k.school_name || ''],
            ['班级', (k.class_name || '')],
            ['年级', k.grade ? gradeName(k.grade) : ''],
            ['学籍号', k.registry_no ? h('code', null, k.registry_no) : ''],
          ], 'facts-compact'),
          h('p', { class: 'card-more' }, '查看班级与任课教师 ›')))));
}
