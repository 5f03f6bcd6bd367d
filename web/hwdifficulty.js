// hwdifficulty.js - 课标抽查 (HW_DIFFICULTY, 五(二)2, B9.1): the week's sample
// of published homework for a grade or subject head (教研组长, 年级组长) or the
// school's office to check against the curriculum standard (课标), each
// marked 符合课标 or 超出课标 with a note. Numbers (how many a week) come from
// the server, which reads them from the pack.

import { api } from './api.js';
import { h, setChildren, notice, formatInstant } from './dom.js';
import { confirmDialog, sendLocked } from './manage.js';
import { addDays, shortDate, validDate } from './dates.js';
import { itemView, areaNav, load, hwPage, field } from './hwshared.js';

function reviewLine(rv) {
  if (!rv) return h('p', { class: 'hw-review muted' }, '尚未抽查');
  return h('p', { class: 'hw-review' + (rv.within_standard ? '' : ' is-over') },
    rv.within_standard ? '符合课标' : '超出课标：' + (rv.note || ''),
    h('small', null, ' · ' + (rv.reviewer || '') + ' ' + formatInstant(rv.reviewed_at)));
}

export async function renderDifficulty(main, ctx) {
  const week = validDate(ctx.params.get('week') || '') ? ctx.params.get('week') : '';
  const box = h('div', { id: 'difficulty-list', 'aria-live': 'polite' });
  const msg = h('div', { class: 'form-msg', id: 'difficulty-msg', 'aria-live': 'polite' });
  const weekNav = h('p', { class: 'hw-range', id: 'difficulty-week' });
  hwPage(main, 'page-hw-difficulty', areaNav('hw-difficulty', ctx.signal), '课标抽查',
    '每周从已公示的作业中抽查几项，核对难度是否在课程标准（课标）范围内。教师布置时已声明“课标内”或“拓展/超纲”；拓展/超纲只能作为提高或选做。',
    weekNav, msg, box);

  async function draw(okText) {
    const d = await load(box, ctx, '/api/v1/homework-difficulty', week ? { week } : {});
    if (!d) return;
    setChildren(weekNav,
      h('a', { href: '#/hw-difficulty?week=' + addDays(d.from, -7), id: 'difficulty-prev' }, '‹ 上一周'), ' ',
      h('strong', null, shortDate(d.from) + ' 至 ' + shortDate(d.to)), ' · 每周抽查 ' + d.sample_per_week + ' 项 ',
      h('a', { href: '#/hw-difficulty?week=' + addDays(d.from, 7), id: 'difficulty-next' }, '下一周 ›'));
    if (okText) setChildren(msg, notice(okText, 'success'));
    const items = Array.isArray(d.items) ? d.items : [];
    setChildren(box, items.length ? h('div', { class: 'hw-list' }, items.map((it) => itemView(it, {
      meta: h('span', null, (it.class_name || '') + ' · ' + shortDate(it.assigned_on) + ' · ' + (it.poster || '')),
      extra: reviewLine(it.review),
      actions: [
        h('button', { type: 'button', class: 'btn btn-small btn-primary hw-within', onclick: (ev) => mark(it, true, '', ev.currentTarget) }, '符合课标'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet hw-beyond', onclick: () => beyond(it) }, '超出课标'),
      ],
    }))) : notice('这一周没有可抽查的已公示作业。', 'info'));
  }

  const send = (it, body) => api('POST', '/api/v1/homework/' + encodeURIComponent(String(it.id)) + '/difficulty-review', { body, signal: ctx.signal });

  async function mark(it, within, note, btn) {
    const r = await sendLocked({ root: box, btn, busyText: '正在提交…', msg, signal: ctx.signal, call: () => send(it, { within_standard: within, note }) });
    if (r) draw('已记录“' + it.title + '”：' + (within ? '符合课标' : '超出课标') + '。');
  }

  function beyond(it) {
    const note = h('textarea', { rows: '3', maxlength: '500', placeholder: '如 第3题超出三年级课标，请改为选做' });
    confirmDialog({
      title: '超出课标',
      body: [h('p', null, h('strong', null, it.subject + '《' + it.title + '》')), field('difficulty-note', '哪里超出、如何调整', note)],
      confirmText: '记录',
      busyText: '正在提交…',
      signal: ctx.signal,
      focus: note,
      action: () => {
        if (!note.value.trim()) throw new Error('请写明哪里超出课标、如何调整');
        return send(it, { within_standard: false, note: note.value.trim() });
      },
    }).then((r) => { if (r && !ctx.signal.aborted) draw('已记录“' + it.title + '”超出课标。'); });
  }

  draw();
}
