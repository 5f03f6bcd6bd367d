// import.js - 数据导入: pick the kind and a CSV/.xlsx file, 先检查 (dry run),
// then 正式导入 — enabled only after a clean dry run of the same file.

import { session, upload, isAbort } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';

const MAX_BYTES = 50 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SUBJECTS = '语文、数学、英语、道德与法治、科学、物理、化学、生物、历史、地理、体育、体育与健康、音乐、美术、艺术、信息科技、劳动、综合实践、心理健康、书法';
const RELATIONS = '父亲、母亲、祖父、祖母、外祖父、外祖母、其他监护人';
const YES_NO = '是 或 否，留空为否';

// The file formats of src/app/app_org.h: [column, required, what goes in it].
export const KINDS = [
  {
    id: 'schools', name: '学校', adminOnly: true,
    lead: '全区学校名单。按学校代码匹配：代码已存在则更新，否则新建。',
    cols: [
      ['学校代码', true, '区内唯一，最多 32 个字符'],
      ['学校名称', true, '最多 64 个字'],
      ['学校类型', true, '小学、初中 或 九年一贯制'],
      ['寄宿', false, YES_NO],
      ['联盟集团', false, '所属联盟或教育集团名称，最多 64 个字'],
    ],
  },
  {
    id: 'staff', name: '教职工',
    lead: '学校教职工。按学校代码和工号匹配；填写登录名可将教职工与已有的教师账号关联。',
    cols: [
      ['学校代码', true, '已导入的学校'],
      ['工号', true, '校内唯一，最多 32 个字符'],
      ['姓名', true, '最多 32 个字'],
      ['任教学科', false, '多个学科用“、”分隔，如 语文、数学'],
      ['登录名', false, '已有的平台账号用户名'],
    ],
  },
  {
    id: 'classes', name: '班级',
    lead: '学校的班级。按学校代码和班级代码匹配；班主任须先在教职工名单中。',
    cols: [
      ['学校代码', true, '已导入的学校'],
      ['班级代码', true, '校内唯一，最多 32 个字符'],
      ['年级', true, '1–9，或 一年级 … 九年级'],
      ['班级名称', true, '如 三年级（1）班，最多 32 个字'],
      ['班主任工号', false, '本校教职工的工号'],
    ],
  },
  {
    id: 'teaching', name: '任课',
    lead: '哪位教师在哪个班教哪门学科。',
    cols: [
      ['学校代码', true, '已导入的学校'],
      ['班级代码', true, '本校已导入的班级'],
      ['学科', true, SUBJECTS],
      ['工号', true, '本校教职工的工号'],
    ],
  },
  {
    id: 'students', name: '学生',
    lead: '学生名单。按学籍号匹配；不收集身份证号。',
    cols: [
      ['学籍号', true, '最多 32 个字符'],
      ['姓名', true, '最多 32 个字'],
      ['性别', true, '男 或 女'],
      ['学校代码', true, '已导入的学校'],
      ['班级代码', true, '本校已导入的班级'],
      ['特殊需要', false, YES_NO],
      ['寄宿', false, YES_NO],
      ['留守', false, YES_NO],
    ],
  },
  {
    id: 'guardians', name: '监护人',
    lead: '学生的监护人。按手机号匹配；填写登录名可让家长账号看到自己的孩子。',
    cols: [
      ['学籍号', true, '已导入的学生'],
      ['监护人姓名', true, '最多 32 个字'],
      ['关系', true, RELATIONS],
      ['手机号', true, '11 位数字'],
      ['登录名', false, '已有的家长账号用户名'],
    ],
  },
];

const FORMAT_NAMES = { csv: 'CSV', xlsx: 'Excel (.xlsx)' };
const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8（带 BOM）', gb18030: 'GB18030（GBK）', 'utf-16le': 'UTF-16', xlsx: 'Excel 内部编码' };

function bytesText(n) {
  if (n < 1024) return n + ' 字节';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}

function isXlsx(file) {
  return /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE;
}

function columnsTable(kind) {
  return h('div', { class: 'import-cols', id: 'import-cols', dataset: { kind: kind.id } },
    h('p', { class: 'section-lead' }, kind.lead),
    h('ul', { class: 'col-list' }, kind.cols.map(([name, req, desc]) =>
      h('li', { dataset: { column: name } },
        h('span', { class: 'col-name' }, name),
        req ? chip('必填', 'warn') : chip('可选', 'muted'),
        h('span', { class: 'col-desc' }, desc)))),
    h('p', { class: 'import-template' },
      h('a', { class: 'btn btn-small', id: 'import-template', href: '/api/v1/imports/' + kind.id + '/template.xlsx', download: kind.name + '导入模板.xlsx' }, '下载' + kind.name + '模板（Excel）'),
      h('span', { class: 'field-hint' }, ' 表头已排好，第二张表是填写说明；填好后从第二行起每行一条。')),
    h('p', { class: 'field-hint' }, '也可以用自己的表格：第一行为表头，列的顺序不限。表头示例：'),
    h('pre', { class: 'header-sample' }, h('code', null, kind.cols.map((c) => c[0]).join(','))));
}

function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'stat-label' }, label), h('strong', { class: 'stat-value' }, String(value)));
}

function resultBox(r, dry) {
  return h('div', { class: 'import-result', id: 'import-result', dataset: { dryRun: dry ? '1' : '0' } },
    notice(dry
      ? '检查通过：文件中没有错误。确认无误后请点击“正式导入”。'
      : '导入完成：共 ' + (r.rows ?? 0) + ' 行，新建 ' + (r.created ?? 0) + ' 条，更新 ' + (r.updated ?? 0) + ' 条。', 'success'),
    h('div', { class: 'stats' },
      stat('数据行', r.rows ?? 0, 'import-rows'),
      stat(dry ? '将新建' : '已新建', r.created ?? 0, 'import-created'),
      stat(dry ? '将更新' : '已更新', r.updated ?? 0, 'import-updated'),
      stat('格式', FORMAT_NAMES[r.format] || r.format || '—', 'import-format'),
      stat('编码', ENCODING_NAMES[r.encoding] || r.encoding || '—', 'import-encoding')));
}

function errorsBox(e) {
  const d = e.details || {};
  const errs = Array.isArray(d.errors) ? d.errors : [];
  const total = Number.isInteger(d.error_rows) ? d.error_rows : errs.length;
  if (!errs.length && !total) return errorBox(e);
  return h('div', { class: 'import-errors', id: 'import-errors' },
    errorBox(e),
    h('p', { class: 'error-count', id: 'import-error-count' },
      h('strong', null, '共 ' + total + ' 行有错误'),
      errs.length && errs.length < total ? '（下表列出前 ' + errs.length + ' 条）' : '',
      '。整个文件都未导入，请修改后重新检查。'),
    errs.length ? null : notice('服务器没有列出出错的具体行和原因。请对照“文件的列”中的填写说明检查各行，或凭请求编号联系管理员。', 'warn'),
    errs.length === 0 ? null : h('div', { class: 'table-wrap table-surface' },
      h('table', { class: 'table table-stack table-compact table-errors', id: 'import-error-table' },
        h('thead', null, h('tr', null, ['行号', '列', '原因'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, errs.map((x) =>
          h('tr', { dataset: { line: String(x.line ?? '') } },
            h('td', { 'data-label': '行号', class: 'nowrap' }, x.line ? '第 ' + x.line + ' 行' : '—'),
            h('td', { 'data-label': '列' }, x.column || h('span', { class: 'muted' }, '—')),
            h('td', { 'data-label': '原因', class: 'wide' }, x.message || '')))))));
}

export function renderImport(main, ctx) {
  const u = session.user;
  const kinds = KINDS.filter((k) => !k.adminOnly || u.role === 'district_admin');
  let kind = kinds.find((k) => k.id === ctx.params.get('kind')) || kinds[0];
  let checked = null; // {file, kind} of the last clean dry run
  let busy = null; // the running upload's AbortController

  const colsBox = h('div', { class: 'card' });
  const kindPicker = h('fieldset', { class: 'kind-picker', id: 'import-kind' },
    h('legend', null, '导入类型'),
    h('div', { class: 'segmented' }, kinds.map((k) => {
      const input = h('input', { type: 'radio', name: 'import-kind', value: k.id, id: 'kind-' + k.id, checked: k === kind });
      input.addEventListener('change', () => {
        if (!input.checked) return;
        kind = k;
        history.replaceState(null, '', '#/import?kind=' + k.id);
        showCols();
        invalidate();
      });
      return h('label', { class: 'segment', for: 'kind-' + k.id }, input, h('span', null, k.name));
    })));

  const fileInput = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,.xlsx,text/csv,' + XLSX_TYPE, 'aria-describedby': 'import-file-info' });
  const fileName = h('span', { class: 'file-name', id: 'import-file-name' }, '未选择文件，可点击选择或把文件拖到这里');
  const fileDrop = h('label', { class: 'file-drop', for: 'import-file' },
    h('span', { class: 'btn btn-small', 'aria-hidden': 'true' }, '选择文件'), fileName, fileInput);
  const HINT = 'CSV（UTF-8 或 GB18030/GBK，Excel“另存为 CSV”即可）或 Excel .xlsx，最大 50 MB。';
  const fileInfo = h('p', { class: 'field-hint', id: 'import-file-info' }, HINT);
  fileDrop.addEventListener('dragenter', () => fileDrop.classList.add('is-over'));
  fileDrop.addEventListener('dragleave', () => fileDrop.classList.remove('is-over'));
  fileDrop.addEventListener('drop', () => fileDrop.classList.remove('is-over'));
  const btnCheck = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-check' }, '先检查');
  const btnImport = h('button', { type: 'button', class: 'btn btn-go', id: 'import-run', disabled: true }, '正式导入');
  const btnCancel = h('button', { type: 'button', class: 'btn', id: 'import-cancel', hidden: true }, '取消');
  const bar = h('progress', { id: 'import-progress', max: '100' });
  const barText = h('span', { class: 'progress-text', id: 'import-progress-text' });
  const progress = h('div', { class: 'progress', hidden: true, role: 'status' }, bar, barText);
  const out = h('div', { class: 'import-out', id: 'import-out', 'aria-live': 'polite' });
  const gate = h('p', { class: 'field-hint', id: 'import-gate' });

  function showFile(done) {
    const f = fileInput.files && fileInput.files[0];
    fileDrop.classList.toggle('has-file', !!f);
    fileName.textContent = f ? f.name + '（' + bytesText(f.size) + '，' + (isXlsx(f) ? 'Excel' : 'CSV') + '）'
      : done ? '已导入 ' + done + '。如需再次导入，请重新选择文件。' : '未选择文件，可点击选择或把文件拖到这里';
  }

  function showCols() {
    setChildren(colsBox, h('h2', { class: 'section-title' }, kind.name + '文件的列'), columnsTable(kind));
  }

  function setGate() {
    const f = fileInput.files && fileInput.files[0];
    const ready = checked && f && checked.file === f && checked.kind === kind.id;
    btnImport.disabled = !ready || !!busy;
    btnCheck.disabled = !!busy;
    fileInput.disabled = !!busy;
    fileDrop.classList.toggle('is-disabled', !!busy);
    for (const r of kindPicker.querySelectorAll('input')) r.disabled = !!busy;
    gate.textContent = ready ? '已通过检查，可以正式导入。' : '请先选择文件并点击“先检查”，检查无误后才能正式导入。';
  }

  function invalidate() {
    checked = null;
    out.replaceChildren();
    setGate();
  }

  fileInput.addEventListener('change', () => {
    showFile();
    invalidate();
  });

  async function send(dry) {
    const f = fileInput.files && fileInput.files[0];
    if (!f) {
      setChildren(out, errorBox({ message: '请先选择要导入的文件' }));
      fileInput.focus();
      return;
    }
    if (f.size === 0) {
      setChildren(out, errorBox({ message: '所选文件是空的' }));
      return;
    }
    if (f.size > MAX_BYTES) {
      setChildren(out, errorBox({ message: '文件超过 50 MB，请拆分后分批导入' }));
      return;
    }
    const k = kind;
    busy = new AbortController();
    const stop = () => busy && busy.abort();
    ctx.signal.addEventListener('abort', stop);
    out.replaceChildren();
    progress.hidden = false;
    btnCancel.hidden = false;
    bar.value = 0;
    barText.textContent = '正在上传…';
    setGate();
    try {
      const r = await upload('POST', '/api/v1/imports/' + k.id, f, {
        query: dry ? { dry_run: 1 } : null,
        contentType: isXlsx(f) ? XLSX_TYPE : 'text/csv',
        signal: busy.signal,
        onProgress: (loaded, total) => {
          if (loaded < 0) {
            bar.removeAttribute('value'); // indeterminate while the server works
            barText.textContent = dry ? '上传完成，服务器正在检查…' : '上传完成，服务器正在导入…';
            return;
          }
          if (total > 0) {
            bar.value = Math.round((loaded / total) * 100);
            barText.textContent = '正在上传 ' + bar.value + '%（' + bytesText(loaded) + ' / ' + bytesText(total) + '）';
          }
        },
      });
      if (ctx.signal.aborted) return;
      setChildren(out, resultBox(r, dry));
      checked = dry ? { file: f, kind: k.id } : null;
      if (!dry) {
        // The same file again would only update: ask for a new check first.
        fileInput.value = '';
        showFile(f.name);
      }
    } catch (e) {
      if (ctx.signal.aborted) return;
      checked = null;
      if (isAbort(e)) setChildren(out, notice('已取消，文件未导入。', 'warn'));
      else setChildren(out, errorsBox(e));
    } finally {
      ctx.signal.removeEventListener('abort', stop);
      busy = null;
      progress.hidden = true;
      btnCancel.hidden = true;
      setGate();
    }
  }

  btnCheck.addEventListener('click', () => send(true));
  btnImport.addEventListener('click', () => send(false));
  btnCancel.addEventListener('click', () => busy && busy.abort());

  setChildren(main,
    h('section', { class: 'page page-import' },
      h('h1', { class: 'page-title' }, '数据导入'),
      h('p', { class: 'page-lead' }, '导入学校日常使用的名单文件。建议按顺序导入：' + kinds.map((k) => k.name).join(' → ') + '。同一代码再次导入会更新原记录，不会重复。'),
      u.role !== 'district_admin' ? notice('您只能导入本校的数据；其他学校的行会被拒绝。', 'info') : null,
      h('div', { class: 'alert alert-warn', role: 'note' },
        h('p', { class: 'alert-msg' }, '整个文件要么全部导入，要么全部不导入。'),
        h('p', { class: 'alert-meta' }, '只要有一行出错，整个文件都不会保存，并会列出每个出错的行号和原因。请先“检查”，无误后再“正式导入”。')),
      h('div', { class: 'split split-wide' },
        h('div', { class: 'split-main' },
          h('div', { class: 'card import-form', id: 'import-form' },
            kindPicker,
            h('div', { class: 'field' }, h('span', { class: 'field-label' }, '文件'), fileDrop, fileInfo),
            progress,
            h('div', { class: 'form-actions' }, btnCheck, btnImport, btnCancel),
            gate),
          out),
        h('div', { class: 'split-side' }, colsBox))));
  showCols();
  setGate();
}
