// jubao.js - the public report page (/jubao), phone first, no sign-in:
// report an off-campus institution, a school or a teacher's paid tutoring,
// attach photos or PDF, keep the receipt code, and look a report up by its
// code. The limits (files, size, hours) come from the server's answers,
// which read them from the policy pack.

import { api } from './api.js';
import { h, setChildren, notice, errorBox } from './dom.js';
import { formField, setFieldError, showServerError } from './forms.js';

const main = document.getElementById('app');
const KINDS = [
  ['institution', '校外培训机构', '机构名称（如招牌上的名字）'],
  ['school', '学校', '学校名称'],
  ['teacher', '教师有偿补课', '教师姓名'],
];
let limits = { evidence_max: 0, evidence_max_bytes: 0, evidence_hours: 0 };
let schools = [];

/** Send one file as the raw body; resolves to the parsed answer or rejects. */
async function sendFile(code, file) {
  const res = await fetch('/public/v1/reports/' + encodeURIComponent(code) + '/evidence?name=' + encodeURIComponent(file.name),
    { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file, cache: 'no-store' });
  const j = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((j.error && j.error.message) || '上传失败');
  return j;
}

function kindPicker(onChange) {
  const box = h('div', { class: 'jb-kinds', role: 'radiogroup', 'aria-label': '举报对象' });
  for (const [id, name] of KINDS) {
    const input = h('input', { type: 'radio', name: 'kind', value: id, id: 'kind-' + id });
    input.addEventListener('change', () => onChange(id));
    box.append(h('label', { class: 'jb-kind', for: 'kind-' + id }, input, h('span', {}, name)));
  }
  return box;
}

function schoolSelect() {
  const sel = h('select', {}, h('option', { value: '' }, '（请选择学校）'),
    ...schools.map((s) => h('option', { value: String(s.id) }, s.name)));
  return sel;
}

function fileLimitText() {
  if (!limits.evidence_max) return '';
  return '可上传照片（JPG、PNG）或 PDF，最多 ' + limits.evidence_max + ' 个，每个不超过 ' +
    Math.floor(limits.evidence_max_bytes / 1048576) + ' MB；提交后 ' + limits.evidence_hours + ' 小时内还可以凭查询码补充。';
}

function receiptView(code, res, uploaded, failures) {
  return h('section', { class: 'page jb-receipt', id: 'jb-receipt' },
    h('h1', { class: 'page-title' }, '举报已受理'),
    h('p', { class: 'page-lead' }, '请保存下面的查询码，凭它查看办理进度和结果。查询码只显示这一次。'),
    h('p', { class: 'jb-code', id: 'jb-code', 'aria-label': '查询码' }, code),
    h('p', { class: 'jb-save' }, '请保存：截图或抄写下来'),
    h('button', { type: 'button', class: 'btn no-print', id: 'jb-copy', onclick: (ev) => {
      navigator.clipboard && navigator.clipboard.writeText(code).then(() => { ev.target.textContent = '已复制'; }, () => {});
    } }, '复制查询码'),
    h('p', {}, '答复期限：', h('strong', {}, res.due_on), '。'),
    uploaded ? h('p', {}, '已上传证据材料 ' + uploaded + ' 份。') : null,
    failures.length ? notice('有 ' + failures.length + ' 份材料没有上传成功：' + failures.join('；'), 'warn') : null,
    h('div', { class: 'form-actions no-print' },
      h('button', { type: 'button', class: 'btn btn-primary', onclick: () => lookupPage(code) }, '查看办理进度'),
      h('button', { type: 'button', class: 'btn', onclick: () => formPage() }, '再提交一条')));
}

function formPage() {
  let kind = '';
  const target = formField('jb-target', '举报对象', h('input', { type: 'text', maxlength: 100, autocomplete: 'off' }), '先选择上面的类型');
  const school = formField('jb-school', '所在学校', schoolSelect(), '举报学校或教师时请选择学校（选填）');
  const text = formField('jb-text', '举报内容', h('textarea', { rows: 5, maxlength: 2000 }), '时间、地点、经过；请不要填写学生姓名');
  const contact = formField('jb-contact', '联系方式（选填）', h('input', { type: 'text', maxlength: 100, autocomplete: 'tel' }), '不填即为匿名举报；只有教育局能看到');
  const files = formField('jb-files', '证据材料（选填）', h('input', { type: 'file', multiple: true, accept: 'image/jpeg,image/png,application/pdf' }), fileLimitText());
  const kindErr = h('p', { class: 'field-error', id: 'jb-kind-error', hidden: true });
  const msg = h('div', { class: 'form-msg', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'jb-submit' }, '提交举报');
  school.wrap.hidden = true;
  const picker = kindPicker((k) => {
    kind = k;
    kindErr.hidden = true;
    const def = KINDS.find((x) => x[0] === k);
    target.wrap.querySelector('label').textContent = def[1] === '学校' ? '学校名称' : def[2];
    target.input.placeholder = def[2];
    school.wrap.hidden = k === 'institution';
  });
  school.input.addEventListener('change', () => {
    const s = schools.find((x) => String(x.id) === school.input.value);
    if (s && kind === 'school') target.input.value = s.name;
  });
  const form = h('form', { class: 'jb-form', id: 'jb-form', novalidate: true },
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '举报什么'), picker, kindErr),
    target.wrap, school.wrap, text.wrap, contact.wrap, files.wrap, msg, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setChildren(msg);
    if (!kind) { kindErr.textContent = '请选择举报对象的类型'; kindErr.hidden = false; return; }
    if (!target.input.value.trim()) { setFieldError(target, '请填写举报对象'); target.input.focus(); return; }
    if (text.input.value.trim().length < 5) { setFieldError(text, '请写明举报内容（至少 5 个字）'); text.input.focus(); return; }
    const chosen = [...files.input.files];
    if (limits.evidence_max && chosen.length > limits.evidence_max) { setFieldError(files, '最多上传 ' + limits.evidence_max + ' 个文件'); return; }
    const big = chosen.find((f) => limits.evidence_max_bytes && f.size > limits.evidence_max_bytes);
    if (big) { setFieldError(files, big.name + ' 太大'); return; }
    submit.disabled = true;
    submit.textContent = '正在提交…';
    const body = { target_kind: kind, target: target.input.value.trim(), text: text.input.value.trim() };
    if (contact.input.value.trim()) body.contact = contact.input.value.trim();
    if (school.input.value && kind !== 'institution') body.school_id = Number(school.input.value);
    try {
      const res = await api('POST', '/public/v1/reports', { body, noAuthRedirect: true });
      let uploaded = 0;
      const failures = [];
      for (const f of chosen) {
        try { await sendFile(res.receipt_code, f); uploaded++; } catch (e) { failures.push(f.name + '：' + e.message); }
      }
      setChildren(main, receiptView(res.receipt_code, res, uploaded, failures));
      window.scrollTo(0, 0);
    } catch (e) {
      submit.disabled = false;
      submit.textContent = '提交举报';
      showServerError(e, { target, text, contact, school_id: school }, msg);
    }
  });
  setChildren(main,
    h('section', { class: 'page jb-page' },
      h('h1', { class: 'page-title' }, '我要举报'),
      h('p', { class: 'page-lead' }, '校外培训机构违规培训、学校作业过多或违规收费、考试排名，在职教师有偿补课，都可以在这里举报。'),
      h('div', { class: 'jb-switch no-print' }, h('button', { type: 'button', class: 'btn btn-small', id: 'jb-to-lookup', onclick: () => lookupPage('') }, '已有查询码？查看进度')),
      form));
}

function resultView(r) {
  const rows = [
    ['举报类型', r.target_kind_name],
    ['办理状态', r.status_name + (r.overdue ? '（已超过答复期限，正在督办）' : '')],
    ['受理日期', r.filed_on],
    ['答复期限', r.due_on],
    ['答复日期', r.answered_on || '—'],
    ['处理结果', r.outcome_name || '尚未答复'],
    ['证据材料', r.evidence_count + ' 份'],
  ];
  return h('div', { class: 'jb-result', id: 'jb-result' },
    h('dl', { class: 'kv' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    r.reply ? h('div', { class: 'jb-reply' }, h('h2', { class: 'section-title' }, '答复'), h('p', { id: 'jb-reply' }, r.reply)) : null);
}

function lookupPage(code) {
  const input = formField('jb-lookup-code', '查询码', h('input', { type: 'text', maxlength: 20, autocomplete: 'off', autocapitalize: 'off', spellcheck: false, value: code }), '提交举报时得到的 12 位查询码，如 abcd-efgh-jkmn');
  const out = h('div', { 'aria-live': 'polite' });
  const run = async () => {
    const c = input.input.value.trim();
    if (!c) { setFieldError(input, '请输入查询码'); return; }
    try {
      setChildren(out, resultView(await api('GET', '/public/v1/reports/' + encodeURIComponent(c), { noAuthRedirect: true })));
    } catch (e) {
      setChildren(out, e.status === 404 ? notice('查询码不正确，请核对后再试。', 'warn') : errorBox(e));
    }
  };
  const form = h('form', { class: 'jb-lookup', id: 'jb-lookup', novalidate: true }, input.wrap,
    h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'jb-lookup-go' }, '查询'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
  setChildren(main,
    h('section', { class: 'page jb-page' },
      h('h1', { class: 'page-title' }, '查看办理进度'),
      form, out,
      h('div', { class: 'jb-switch no-print' }, h('button', { type: 'button', class: 'btn btn-small', onclick: () => formPage() }, '我要举报'))));
  if (code) run();
}

async function start() {
  try {
    const r = await api('GET', '/public/v1/report-schools', { noAuthRedirect: true });
    schools = r.items || [];
    limits = r;
  } catch {
    schools = [];
  }
  const m = /[?&]code=([A-Za-z0-9-]{1,20})/.exec(location.search);
  if (m) lookupPage(m[1]); else formPage();
}
start();
