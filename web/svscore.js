// svscore.js - 督导评定 on a phone: one C item at a time with its computed
// figure and the school's self-assessment; the inspector picks a level,
// writes a note, and a reason when the level differs from the computed
// verdict (SV_REASON_REQUIRED); then on to the next item.

import { h, setChildren, notice } from './dom.js';
import { api } from './api.js';
import { hwPage, load } from './hwshared.js';
import { levelChip, svErrorBox, computedView } from './svshared.js';

export async function renderSvScore(main, ctx) {
  const box = h('div', { id: 'sv-score', 'aria-live': 'polite' });
  const round = ctx.params.get('round');
  const school = ctx.params.get('school');
  const back = '#/sv-school?' + new URLSearchParams({ round, school });
  hwPage(main, 'page-sv-score', h('p', null, h('a', { href: back }, '← 学校评估结果')), '督导评定', '', box);
  const d = await load(box, ctx, `/api/v1/supervision/rounds/${round}/schools/${school}`);
  if (!d) return;
  const items = d.items;
  let k = Math.max(0, items.findIndex((x) => x.id === ctx.params.get('item')));
  const go = (i) => ctx.navigate('sv-score', { round, school, item: items[i].id });
  const it = items[k];
  const insp = it.inspector;
  const computedKey = it.computed && it.computed.score ? it.computed.score : '';
  const levels = h('div', { class: 'sv-levels', role: 'radiogroup', 'aria-label': '评定等级' }, d.scale.map((l) =>
    h('label', { class: 'sv-level' }, h('input', { type: 'radio', name: 'sv-level', value: l.key, checked: (insp ? insp.score : computedKey) === l.key ? '' : null }), ' ' + l.name + '（' + l.points + '）')));
  const note = h('textarea', { id: 'sv-note', rows: '3', maxlength: '2000' }, insp ? insp.comment : '');
  const reason = h('textarea', { id: 'sv-reason', rows: '3', maxlength: '2000' }, insp ? insp.reason : '');
  const msg = h('div', { 'aria-live': 'polite', id: 'sv-score-msg' });
  const form = h('form', { class: 'card', id: 'sv-score-form' },
    h('p', { class: 'sub' }, d.school.name + ' · 第 ' + (k + 1) + ' / ' + items.length + ' 项'),
    h('h2', { class: 'section-title' }, it.id),
    h('p', { class: 'sv-item-text' }, it.text),
    computedView(it.computed),
    h('p', null, '学校自评：', levelChip(it.self), it.self && it.self.comment ? h('span', { class: 'sub' }, ' ' + it.self.comment) : null),
    (it.evidence || []).length ? h('p', { class: 'sv-evidence' }, '证明材料：', it.evidence.map((f) =>
      h('a', { href: `/api/v1/supervision/rounds/${round}/schools/${school}/evidence/${f.id}`, download: f.file_name }, f.file_name))) : null,
    levels,
    h('div', { class: 'field' }, h('label', { for: 'sv-note' }, '评定说明'), note),
    h('div', { class: 'field' }, h('label', { for: 'sv-reason' }, '改判理由（与系统判定不同时必填）'), reason),
    msg,
    h('div', { class: 'form-actions sv-nav' },
      h('button', { class: 'btn', type: 'button', id: 'sv-prev', disabled: k === 0 ? '' : null, onclick: () => go(k - 1) }, '上一项'),
      h('button', { class: 'btn btn-primary', type: 'submit', id: 'sv-save' }, '保存并下一项'),
      h('button', { class: 'btn', type: 'button', id: 'sv-next', disabled: k === items.length - 1 ? '' : null, onclick: () => go(k + 1) }, '下一项')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const pick = form.querySelector('input[name="sv-level"]:checked');
    if (!pick) { setChildren(msg, notice('请选择评定等级。', 'warn')); return; }
    try {
      await api('PUT', `/api/v1/supervision/rounds/${round}/schools/${school}/items/${it.id}`, { body: { score: pick.value, comment: note.value, reason: reason.value } });
      if (k < items.length - 1) go(k + 1);
      else location.hash = back;
    } catch (e) {
      setChildren(msg, svErrorBox(e));
    }
  });
  setChildren(box, form, h('p', { class: 'sub' }, '当前：', levelChip(insp), insp && insp.reason ? ' 改判理由：' + insp.reason : ''));
}
