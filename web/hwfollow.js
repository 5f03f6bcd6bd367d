// hwfollow.js - 作业跟进 (students who often did not finish: the head
// teacher's or the school's list, with 办结) and 我的估计 (a teacher's
// declared minutes against what the families reported).

import { api, session } from './api.js';
import { h, setChildren, notice, chip } from './dom.js';
import { fetchAll } from './org.js';
import { confirmDialog } from './manage.js';
import { validDate, shortDate, addDays, todayIn } from './dates.js';
import { field, areaNav, load, hwPage } from './hwshared.js';

/* ---- 作业跟进 ---- */

const STATUS_FILTERS = [['open', '待跟进'], ['closed', '已办结'], ['', '全部']];

export async function renderFollowups(main, ctx) {
  const want = ctx.params.get('status');
  const status = want === 'all' ? '' : want === 'closed' ? 'closed' : 'open';
  const box = h('div', { id: 'fu-list', 'aria-live': 'polite' });
  const msg = h('div', { class: 'form-msg', id: 'fu-msg', 'aria-live': 'polite' });
  hwPage(main, 'page-hw-followups', areaNav('hw-followups', ctx.signal), '作业跟进',
    '家长多次报告未按时完成作业的学生。请分析原因、个别辅导，办结时写明原因和帮扶措施。',
    h('div', { class: 'toolbar', role: 'group', 'aria-label': '状态' },
      STATUS_FILTERS.map(([k, t]) => h('a', {
        class: 'btn btn-small' + (k === status ? ' btn-primary' : ''), href: '#/hw-followups' + (k === 'open' ? '' : '?status=' + (k || 'all')),
        'aria-current': k === status ? 'true' : null,
      }, t))),
    msg,
    box);

  async function draw(okText) {
    const d = await load(box, ctx, '/api/v1/homework-followups', { status });
    if (!d) return;
    const items = Array.isArray(d.items) ? d.items : [];
    if (okText) setChildren(msg, notice(okText, 'success'));
    if (!items.length) {
      setChildren(box, notice(status === 'open' ? '目前没有需要跟进的学生。' : '没有记录。', 'info'));
      return;
    }
    setChildren(box,
      h('p', { class: 'field-hint' }, (d.window_school_days || 10) + ' 个上课日内未完成 ' + (d.count || 3) + ' 次即列入跟进。'),
      h('div', { class: 'cards fu-cards' }, items.map((x) => {
        const reasons = Object.entries(x.reasons || {}).map(([k, n]) => chip(k + ' ' + n, 'warn'));
        return h('article', { class: 'card fu-card' + (x.status === 'closed' ? ' is-closed' : ''), dataset: { followupId: String(x.id) } },
          h('h3', { class: 'card-title' }, h('span', { class: 'fu-name' }, x.student_name || ''),
            chip(x.status === 'closed' ? '已办结' : '待跟进', x.status === 'closed' ? 'ok' : 'danger')),
          h('p', { class: 'fu-meta' }, x.class_name || '', ' · ', x.opened_on ? shortDate(x.opened_on) + '列入' : '',
            ' · 未完成 ', h('strong', null, String(x.unfinished)), ' 次'),
          (x.days || []).length ? h('p', { class: 'fu-days' }, '日期：' + x.days.map(shortDate).join('、')) : null,
          reasons.length ? h('p', { class: 'tags fu-reasons' }, reasons) : null,
          x.suggestion ? h('p', { class: 'fu-suggest' }, '建议：' + x.suggestion) : null,
          x.note ? h('p', { class: 'fu-note' }, '办结说明：' + x.note) : null,
          x.status === 'open' ? h('div', { class: 'hw-actions' },
            h('button', { type: 'button', class: 'btn btn-small btn-primary fu-close', onclick: () => close(x) }, '办结')) : null);
      })));
  }

  function close(x) {
    const note = h('textarea', { rows: '4', maxlength: '500', placeholder: '如 与家长沟通，数学口算较慢，已安排课后服务时段个别辅导' });
    confirmDialog({
      title: '办结跟进',
      tone: 'primary',
      body: [
        h('p', null, x.class_name + ' ', h('strong', null, x.student_name)),
        field('fu-note', '原因分析与辅导措施', note, '必填，最多 500 字'),
      ],
      confirmText: '办结',
      busyText: '正在提交…',
      signal: ctx.signal,
      focus: note,
      action: () => {
        if (!note.value.trim()) throw new Error('请写明原因分析与辅导措施');
        return api('POST', '/api/v1/homework-followups/' + encodeURIComponent(String(x.id)) + '/close', { body: { note: note.value.trim() }, signal: ctx.signal });
      },
    }).then((r) => { if (r && !ctx.signal.aborted) draw('已办结' + x.student_name + '的跟进。'); });
  }

  await draw(null);
}

/* ---- 我的估计 ---- */

export async function renderEstimates(main, ctx) {
  const today = todayIn(session.policy && session.policy.timezone);
  const from = validDate(ctx.params.get('from') || '') ? ctx.params.get('from') : addDays(today, -27);
  const to = validDate(ctx.params.get('to') || '') ? ctx.params.get('to') : today;
  const inFrom = h('input', { type: 'date', value: from });
  const inTo = h('input', { type: 'date', value: to });
  const box = h('div', { id: 'est-box', 'aria-live': 'polite' });
  const filters = h('form', { class: 'card filters', id: 'est-filters', novalidate: true },
    h('div', { class: 'field-pair' }, field('est-from', '从', inFrom), field('est-to', '到', inTo)),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '查询')));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate('hw-estimates', { from: inFrom.value, to: inTo.value });
  });
  hwPage(main, 'page-hw-estimates', areaNav('hw-estimates', ctx.signal), '我的估计',
    '您布置作业时估计的用时，与家长报告的实际平均用时对比。差值为正说明学生实际用时比估计的长。',
    filters,
    box);

  const [d, cls] = await Promise.all([
    load(box, ctx, '/api/v1/homework-estimates', { from, to }),
    fetchAll('/api/v1/classes', { limit: 500 }, ctx.signal).then((r) => r.items, () => []),
  ]);
  if (!d) return;
  const names = new Map(cls.map((c) => [String(c.id), c.name]));
  const items = Array.isArray(d.items) ? d.items : [];
  if (!items.length) {
    setChildren(box, notice('这段时间您没有布置作业。', 'info'));
    return;
  }
  const min = d.min_families || 5;
  setChildren(box,
    h('p', { class: 'field-hint' }, (d.from || from) + ' 至 ' + (d.to || to) + '；报告家庭不足 ' + min + ' 户的日子不计算平均用时。'),
    h('div', { class: 'table-wrap table-surface' },
      h('table', { class: 'table table-stack', id: 'est-table' },
        h('thead', null, h('tr', null, ['日期', '班级', '估计用时', '报告家庭', '报告平均', '差值'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, items.map((x) => {
          const diff = x.difference_minutes;
          return h('tr', null,
            h('td', { 'data-label': '日期', class: 'nowrap' }, shortDate(x.date)),
            h('td', { 'data-label': '班级' }, names.get(String(x.class_id)) || '班级 ' + x.class_id),
            h('td', { 'data-label': '估计用时', class: 'num' }, x.declared_minutes + ' 分钟'),
            h('td', { 'data-label': '报告家庭', class: 'num' }, String(x.families)),
            h('td', { 'data-label': '报告平均', class: 'num' }, x.reported_average === null || x.reported_average === undefined ? h('span', { class: 'muted' }, '不足 ' + min + ' 户') : x.reported_average + ' 分钟'),
            h('td', { 'data-label': '差值', class: 'num' }, diff === null || diff === undefined ? '—'
              : chip((diff > 0 ? '+' : '') + diff + ' 分钟', diff > 10 ? 'danger' : diff < -10 ? 'info' : 'ok')));
        })))));
}
