// tiapply.js - 机构备案与审批, the operator's page: apply for approval (五(一)1)
// with the rules checked before sending, follow the application's status
// and reason, and keep the institution's courses, fees and staff current.

import { api, loadPolicy } from './api.js';
import { h, setChildren, errorBox, notice, formatInstant } from './dom.js';
import { field, load, hwPage } from './hwshared.js';
import {
  CATEGORIES, SERVES, statusChip, creditCodeProblem, warningsBox, tiSend, prepayCap,
  coursesEditor, staffEditor, coursesTable, staffTable, instFacts,
} from './tishared.js';

const sel = (opts, attrs) => h('select', attrs, opts.map(([v, t]) => h('option', { value: v }, t)));

function capHint(cap) {
  return cap ? '一次收费不超过 ' + cap.months + ' 个月、' + cap.lessons + ' 课时、' + cap.amount_yuan + ' 元；超出的课程会被预警并告知教育局。' : '';
}

function applyForm(ctx, cap, done) {
  const name = h('input', { type: 'text', maxlength: '100', autocomplete: 'organization' });
  const code = h('input', { type: 'text', maxlength: '18', autocapitalize: 'characters', spellcheck: 'false', placeholder: '18 位，如 91140212MA0KXR2T4D' });
  const licence = h('input', { type: 'text', maxlength: '64' });
  const address = h('input', { type: 'text', maxlength: '200', placeholder: '大同市新荣区…' });
  const category = sel(CATEGORIES);
  const serves = SERVES.map(([k, t]) => {
    const i = h('input', { type: 'checkbox', id: 'ti-serves-' + k, value: k });
    return { k, i, el: h('label', { class: 'check check-chip', for: i.id }, i, t) };
  });
  const courses = coursesEditor('ti-apply-courses', []);
  const staff = staffEditor('ti-apply-staff', []);
  const msg = h('div', { class: 'form-msg', id: 'ti-apply-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ti-apply-submit' }, '提交申请');
  code.addEventListener('input', () => { code.value = code.value.toUpperCase().replace(/\s/g, ''); });
  const form = h('form', { class: 'card no-print', id: 'ti-apply-form', novalidate: true },
    h('h2', { class: 'section-title' }, '提交办学申请'),
    notice('不再审批面向学龄前儿童的培训机构，也不再审批面向义务教育阶段学生（小学、初中）的学科类培训机构（五(一)1）；非学科类机构不得开设学科类课程。', 'info'),
    field('ti-name', '机构名称', name),
    h('div', { class: 'field-pair' }, field('ti-code', '统一社会信用代码', code), field('ti-licence', '办学许可证号', licence)),
    field('ti-address', '地址', address),
    field('ti-category', '类别', category),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '服务对象'), h('div', { class: 'check-row' }, serves.map((x) => x.el))),
    h('h3', { class: 'section-title' }, '课程与收费'),
    h('p', { class: 'field-hint' }, capHint(cap)),
    courses.el,
    h('h3', { class: 'section-title' }, '从业人员（可稍后补充）'),
    staff.el,
    msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    const body = {
      name: name.value.trim(), credit_code: code.value.trim(), licence_no: licence.value.trim(), address: address.value.trim(),
      category: category.value, serves: serves.filter((x) => x.i.checked).map((x) => x.k), courses: courses.courses(),
    };
    const st = staff.staff();
    if (st.length) body.staff = st;
    const bad = body.name.length < 2 ? '请填写机构名称' : creditCodeProblem(body.credit_code)
      || (!body.licence_no ? '请填写办学许可证号' : body.address.length < 2 ? '请填写地址'
        : !body.serves.length ? '请选择服务对象' : courses.problem() || staff.problem());
    if (bad) {
      setChildren(msg, errorBox({ message: bad }));
      return;
    }
    const r = await tiSend({ form, btn, msg, ctx }, 'POST', '/api/v1/institutions/applications', body);
    if (r) done(r);
  });
  return form;
}

function appCard(a) {
  return h('li', { class: 'card ti-app', dataset: { status: a.status } },
    h('h3', { class: 'card-title' }, a.name, statusChip(a.status, a.status_name)),
    h('p', { class: 'card-desc' }, '提交于 ' + formatInstant(a.submitted_at), a.decided_at ? '，审批于 ' + formatInstant(a.decided_at) : '，等待教育局审批'),
    a.status === 'refused' ? notice('未通过的理由：' + a.reason, 'warn') : null,
    a.status === 'approved' && a.reason ? h('p', { class: 'card-desc' }, '审批意见：' + a.reason) : null);
}

function editLists(ctx, inst, cap, redraw) {
  const courses = coursesEditor('ti-edit-courses', inst.courses);
  const staff = staffEditor('ti-edit-staff', inst.staff);
  const mk = (id, title, ed, key, path, hint) => {
    const msg = h('div', { class: 'form-msg', id: id + '-msg', 'aria-live': 'polite' });
    const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: id + '-save' }, '保存');
    const form = h('form', { class: 'card no-print', id, novalidate: true }, h('h3', { class: 'section-title' }, title),
      hint ? h('p', { class: 'field-hint' }, hint) : null, ed.el, msg, h('div', { class: 'form-actions' }, btn));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (btn.disabled) return;
      const list = key === 'courses' ? ed.courses() : ed.staff();
      const bad = ed.problem() || (!list.length ? '至少填写一项' : null);
      if (bad) {
        setChildren(msg, errorBox({ message: bad }));
        return;
      }
      const r = await tiSend({ form, btn, msg, ctx }, 'PUT', '/api/v1/institutions/' + inst.id + path, { [key]: list });
      if (r) redraw(title + '已更新。', r.warnings);
    });
    return form;
  };
  return [mk('ti-courses-form', '更新课程与收费', courses, 'courses', '/courses', capHint(cap)),
    mk('ti-staff-form', '更新从业人员', staff, 'staff', '/staff', '人员须具备相应资质；旧名单保留备查。')];
}

export async function renderTiApply(main, ctx) {
  const box = h('div', { id: 'ti-operator', 'aria-live': 'polite' });
  hwPage(main, 'page-ti-apply', null, '机构备案与审批', '提交非学科类校外培训机构的办学申请，查看审批结果，保持本机构的课程、收费和从业人员信息准确。', box);
  let cap = null;
  try {
    cap = prepayCap(await loadPolicy());
  } catch {
    cap = null;
  }
  async function draw(okText, warnings) {
    const d = await load(box, ctx, '/api/v1/institutions/applications');
    if (!d) return;
    const apps = Array.isArray(d.items) ? d.items : [];
    const pending = apps.some((a) => a.status === 'pending');
    const current = apps.find((a) => a.status === 'approved') || apps.find((a) => a.status === 'pending');
    let inst = null;
    if (current) {
      try {
        inst = await api('GET', '/api/v1/institutions/' + current.institution_id, { signal: ctx.signal });
      } catch (e) {
        if (!ctx.signal.aborted) setChildren(box, errorBox(e));
        return;
      }
    }
    if (ctx.signal.aborted) return;
    setChildren(box,
      okText ? notice(okText, 'success') : null,
      warningsBox(warnings),
      apps.length ? [h('h2', { class: 'section-title' }, '我的申请'), h('ul', { class: 'ti-list', id: 'ti-apps' }, apps.map(appCard))]
        : notice('您还没有提交过办学申请。', 'info'),
      inst ? [h('h2', { class: 'section-title' }, '本机构信息：' + inst.name), h('div', { class: 'card' }, instFacts(inst)),
        h('h3', { class: 'section-title' }, '现行课程与收费'), coursesTable(inst.courses),
        h('h3', { class: 'section-title' }, '从业人员'), inst.staff.length ? staffTable(inst.staff) : notice('尚未登记从业人员。', 'warn'),
        editLists(ctx, inst, cap, draw)] : null,
      pending ? notice('已有一份申请在审批中，审批结果出来之前不能再提交新的申请。', 'info')
        : inst ? h('details', { class: 'ti-more no-print', id: 'ti-apply-more' }, h('summary', { class: 'btn' }, '申请开办另一家机构'),
          applyForm(ctx, cap, (r) => draw('申请已提交，等待教育局审批。', r.warnings)))
          : applyForm(ctx, cap, (r) => draw('申请已提交，等待教育局审批。', r.warnings)));
  }
  draw();
}
