// ticaseshared.js - what the enforcement pages share: the fixed lists
// (agencies, findings, stages, measures: ids as the API takes them, names
// as 五(一)2 gives them), the evidence upload and its list.

import { upload, session, loadPolicy } from './api.js';
import { h, setChildren, errorBox, notice } from './dom.js';
import { sendLocked } from './manage.js';

export const AGENCIES = [['edu', '教育'], ['market', '市场监管'], ['police', '公安']];
export const FINDINGS = [
  ['unlicensed', '无证办学'], ['unqualified_staff', '师资不合格'], ['advance_fees', '超期预收费'],
  ['false_advertising', '虚假宣传'], ['school_collusion', '与学校勾连'], ['teacher_tutoring', '在职教师有偿补课'],
  ['money_grabbing', '借机敛财'], ['other', '其他'],
];
export const STAGES = [['open', '立案'], ['investigate', '调查'], ['notify', '告知'], ['decide', '决定'], ['serve', '送达'], ['enforce', '执行'], ['close', '结案']];
// kind: 'deadline' or 'amount' for the measures that take one.
export const MEASURES = [
  ['correct', '责令限期改正', 'deadline'], ['warn', '警告'], ['suspend', '责令停办整改'],
  ['refund', '退还所收费用', 'amount'], ['confiscate', '没收违法所得', 'amount'], ['fine', '罚款', 'amount'],
];
export const INST_STATUS = { approved: ['已审批', 'ok'], pending: ['审批中', 'muted'], refused: ['未获批准', 'muted'], revoked: ['已停办（黑名单）', 'danger'], unlicensed: ['无证（黑名单）', 'danger'] };

export const canWrite = () => ['enforcement', 'district_admin'].includes(session.user && session.user.role);

/** The pack's numbers: evidence cap (KB), amount cap (yuan), the ladder. */
export async function tiPolicy() {
  const p = await loadPolicy();
  const r = (p && p.rules) || {};
  const pen = (r.TI_PENALTY && r.TI_PENALTY.params) || {};
  const sw = (r.TI_SWEEP && r.TI_SWEEP.params) || {};
  return { evidenceKb: sw.evidence_max_kb || 0, maxAmount: pen.max_amount_yuan || 0, ladder: Array.isArray(pen.ladder) ? pen.ladder : [] };
}

export function options(list, attrs, blank) {
  return h('select', attrs, blank ? h('option', { value: '' }, blank) : null, list.map(([v, t]) => h('option', { value: v }, t)));
}

export function checks(list, prefix) {
  const boxes = list.map(([v, t]) => {
    const i = h('input', { type: 'checkbox', id: prefix + '-' + v, value: v });
    return { v, i, el: h('label', { class: 'check check-chip', for: i.id }, i, t) };
  });
  return { el: h('div', { class: 'check-row' }, boxes.map((b) => b.el)), values: () => boxes.filter((b) => b.i.checked).map((b) => b.v) };
}

/** The evidence of a visit or a case: a list with download links. */
export function evidenceList(base, items) {
  if (!items.length) return h('p', { class: 'muted' }, '还没有证据文件。');
  return h('ul', { class: 'plain-list', id: 'ti-evidence-list' }, items.map((x) =>
    h('li', null, h('a', { href: base + '/evidence/' + x.id, download: x.file_name }, x.file_name),
      h('span', { class: 'sub' }, ' ' + (x.mime === 'application/pdf' ? 'PDF' : '照片') + ' · ' + Math.ceil(x.size / 1024) + ' KB'))));
}

/** A file input and its button: photos (the phone's camera) or PDF. */
export function evidenceForm(base, ctx, kb, done) {
  const file = h('input', { type: 'file', id: 'ti-evidence-file', accept: 'image/jpeg,image/png,application/pdf' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ti-evidence-send' }, '上传证据');
  const msg = h('div', { class: 'form-msg', 'aria-live': 'polite' });
  const form = h('form', { class: 'card no-print', id: 'ti-evidence-form' },
    h('label', { class: 'field-label', for: file.id }, '添加证据（照片或 PDF' + (kb ? '，每个不超过 ' + kb + ' KB' : '') + '）'),
    file, msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = file.files && file.files[0];
    if (!f) {
      setChildren(msg, errorBox({ message: '请选择文件' }));
      return;
    }
    if (kb && f.size > kb * 1024) {
      setChildren(msg, errorBox({ message: '文件超过 ' + kb + ' KB' }));
      return;
    }
    const r = await sendLocked({ root: form, btn, busyText: '正在上传…', msg, signal: ctx.signal,
      call: () => upload('POST', base + '/evidence', f, { query: { name: f.name }, signal: ctx.signal }) });
    if (r) {
      setChildren(msg, notice('已上传：' + f.name, 'success'));
      done();
    }
  });
  return form;
}
