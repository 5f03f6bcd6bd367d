// asinspect.js - the after-school records kept for inspection (五(三)3):
// 安全检查与事件 (a venue safety check with its five items, each venue's
// state, the incident list) and 弹性上下班 (each teacher's minutes by week,
// the part after the end of work); and the bureau's 课后服务（全区）.

import { api, session, loadPolicy } from './api.js';
import { h, setChildren, errorBox, notice, chip, formatInstant } from './dom.js';
import { field, load, hwPage } from './hwshared.js';
import { table, section, figure } from './hwstats.js';
import { fetchPage, pagerBar } from './paging.js';
import { shortDate, parts } from './dates.js';
import { SAFETY_ITEMS, INCIDENT_KINDS, optName, percentBar, loadTerms, termPicker, onSubmit, asPost } from './asshared.js';
import { schoolFrame, schoolLoad, bars } from './asschool.js';
import { pack, venueDaysText } from './policytext.js';

/* ---- 安全检查与事件 ---- */

/** The cursors of the pages before this one, per list (term and school). */
const trails = new Map();
function trailOf(key, cursor) {
  if (!trails.has(key) || !cursor) trails.set(key, { stack: [] });
  return trails.get(key);
}

const VENUE_STATES = {
  ok: ['正常', 'ok'],
  get stale() { return ['超过 ' + venueDaysText(pack()) + '未检查', 'warn']; },
  failed: ['检查未通过', 'danger'],
  never: ['从未检查', 'danger'],
};

function safetyForm(f, ctx, done) {
  const venue = h('input', { type: 'text', maxlength: '100', autocomplete: 'off', placeholder: '如 科学教室、操场' });
  const day = h('input', { type: 'date', value: f.today, max: f.today });
  const items = SAFETY_ITEMS.map(([k, t]) => {
    const i = h('input', { type: 'checkbox', id: 'as-sc-' + k, checked: true });
    return { k, i, el: h('label', { class: 'check check-chip', for: i.id }, i, t) };
  });
  const issues = h('textarea', { rows: '2', maxlength: '1000', placeholder: '有不合格项时必填：发现的问题' });
  const action = h('textarea', { rows: '2', maxlength: '1000', placeholder: '可选：整改措施' });
  const msg = h('div', { class: 'form-msg', id: 'as-sc-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'as-sc-save' }, '提交检查记录');
  const form = h('form', { class: 'card', id: 'as-sc-form', novalidate: true },
    h('h2', { class: 'section-title' }, '场地安全检查'),
    h('div', { class: 'field-pair' }, field('as-sc-venue', '场地', venue), field('as-sc-day', '检查日期', day)),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, '检查项目（合格的打勾）'), h('div', { class: 'check-row' }, items.map((x) => x.el))),
    field('as-sc-issues', '发现的问题', issues),
    field('as-sc-action', '整改措施', action),
    msg,
    h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    const body = { venue: venue.value.trim(), day: day.value, items: Object.fromEntries(items.map((x) => [x.k, x.i.checked])) };
    if (issues.value.trim()) body.issues = issues.value.trim();
    if (action.value.trim()) body.action = action.value.trim();
    const bad = !body.venue ? '请填写场地' : !day.value ? '请选择检查日期'
      : items.some((x) => !x.i.checked) && !body.issues ? '有不合格项时请填写发现的问题' : null;
    if (bad) {
      setChildren(msg, errorBox({ message: bad }));
      return;
    }
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/schools/' + f.sid + '/afterschool-safety-checks', body);
    if (r) done('已记录' + body.venue + '的安全检查：' + (r.passed ? '通过' : '未通过') + '。');
  });
  return form;
}

export async function renderAsSafety(main, ctx) {
  const p = await loadPolicy().catch(() => null);
  if (ctx.signal.aborted) return;
  const f = await schoolFrame(main, ctx, 'as-safety', '安全检查与事件',
    '课后服务的场地每 ' + venueDaysText(p) + '至少检查一次（安全通道、消防器材、用电安全、场地设施、卫生）；活动中发生的事件及处置记录在案，供督导查阅。');
  if (!f) return;
  const msg = h('div', { class: 'form-msg', id: 'as-safety-msg', 'aria-live': 'polite' });
  const venues = h('div', { id: 'as-venues', 'aria-live': 'polite' });
  const incidents = h('div', { id: 'as-incidents', 'aria-live': 'polite' });
  const trail = trailOf('incidents:' + f.sid + ':' + f.term.id, ctx.params.get('cursor'));
  const base = '/api/v1/schools/' + f.sid;
  async function draw(okText) {
    const d = await load(venues, ctx, base + '/afterschool-safety-checks', { term: f.term.id });
    if (!d) return;
    setChildren(msg, okText ? notice(okText, 'success') : null);
    const vs = Array.isArray(d.venues) ? d.venues : [];
    const checks = Array.isArray(d.items) ? d.items : [];
    setChildren(venues,
      section('场地状态', vs.length, vs.length ? table('as-venue-table', [
        ['场地', (x) => x.venue, 'cell-title'],
        ['上次检查', (x) => (x.last_day ? shortDate(x.last_day) : '—'), 'nowrap'],
        ['状态', (x) => h('span', { class: 'tags' }, chip((VENUE_STATES[x.status] || [x.status])[0], (VENUE_STATES[x.status] || [])[1]),
          x.code ? h('code', { class: 'rule-code' }, x.code) : null)],
      ], vs) : notice('本学期课程还没有场地。', 'info'), 'as-venues-title'),
      checks.length ? h('details', { class: 'collapsible' }, h('summary', null, '检查记录（' + checks.length + ' 次）'),
        table('as-check-table', [
          ['日期', (x) => shortDate(x.day), 'nowrap'],
          ['场地', (x) => x.venue, 'cell-title'],
          ['结果', (x) => (x.passed ? chip('通过', 'ok') : [chip('未通过', 'danger'),
            h('span', { class: 'sub' }, SAFETY_ITEMS.filter(([k]) => x.items && x.items[k] === false).map(([, t]) => t).join('、'))])],
          ['问题与整改', (x) => [x.issues || '', x.action ? h('span', { class: 'sub' }, x.action) : null]],
          ['检查人', (x) => x.checked_by || ''],
        ], checks)) : null);
  }
  async function drawIncidents() {
    const cursor = ctx.params.get('cursor') || '';
    const pg = await fetchPage(incidents, ctx, base + '/afterschool-incidents', { term: f.term.id, cursor, limit: 20 });
    if (!pg) return;
    setChildren(incidents, section('事件记录', null, pg.items.length ? [table('as-incident-table', [
      ['日期', (x) => shortDate(x.day) + ' ' + (x.occurred_at || ''), 'nowrap'],
      ['类型', (x) => chip(optName(INCIDENT_KINDS, x.kind), x.kind === 'injury' || x.kind === 'missing' ? 'danger' : 'warn')],
      ['课程', (x) => x.program_name || ''],
      ['学生', (x) => x.student_name || '—'],
      ['经过', (x) => x.description],
      ['处置', (x) => h('span', { class: 'tags' }, x.action, x.guardian_notified ? chip('已通知家长', 'ok') : chip('未通知家长', 'warn'))],
      ['记录人', (x) => [x.reported_by || '', h('span', { class: 'sub' }, formatInstant(x.created_at))]],
    ], pg.items), pagerBar(ctx, 'as-safety', { term: f.term.id }, cursor, pg.next, trail, pg.items.length, '条')]
      : notice('本学期没有记录事件。', 'success'), 'as-incidents-title'));
  }
  setChildren(f.box, msg, venues, session.user.role === 'inspector' ? null : safetyForm(f, ctx, (t) => draw(t)), incidents);
  await Promise.all([draw(null), drawIncidents()]);
}

/* ---- 弹性上下班 ---- */

const hours = (m) => (m ? (Math.round((m / 60) * 10) / 10) + ' 小时' : '—');

export async function renderAsHours(main, ctx) {
  const r = await schoolLoad(main, ctx, 'as-hours', '弹性上下班',
    '教师参加课后服务的时长（按已记录的活动计），以及其中超过正常下班时间的部分：学校据此安排弹性上下班，把时间还给教师。', 'afterschool-hours');
  if (!r) return;
  const { f, d } = r;
  const weeks = Array.isArray(d.weeks) ? d.weeks : [];
  const teachers = Array.isArray(d.teachers) ? d.teachers : [];
  if (!teachers.length) {
    setChildren(f.box, notice('本学期还没有教师参加已记录的课后服务。', 'info'));
    return;
  }
  const cell = (t, w) => (t.weeks || []).find((x) => x.week === w);
  const after = (t) => (t.weeks || []).reduce((s, x) => s + (x.after_work_end_minutes || 0), 0);
  setChildren(f.box,
    h('p', { class: 'field-hint' }, '正常下班时间 ' + (d.work_end || '') + '；格中为分钟数，括号内为下班后的分钟数。'),
    h('div', { class: 'table-wrap table-surface as-hours-wrap' },
      h('table', { class: 'table as-hours', id: 'as-hours' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '教师'), h('th', { scope: 'col', class: 'num' }, '合计'),
          h('th', { scope: 'col', class: 'num' }, '下班后'),
          weeks.map((w) => h('th', { scope: 'col', class: 'num nowrap' }, parts(w).m + '月' + parts(w).d + '日起')))),
        h('tbody', null, teachers.map((t) => h('tr', { dataset: { staffId: String(t.staff_id) } },
          h('th', { scope: 'row' }, t.name),
          h('td', { class: 'num' }, hours(t.total_minutes)),
          h('td', { class: 'num' }, hours(after(t))),
          weeks.map((w) => {
            const c = cell(t, w);
            return h('td', { class: 'num' + (c && c.after_work_end_minutes ? ' is-after' : '') },
              c && c.minutes ? String(c.minutes) + (c.after_work_end_minutes ? '（' + c.after_work_end_minutes + '）' : '') : '');
          })))))));
}

/* ---- 课后服务（全区） ---- */

export async function renderAsDistrict(main, ctx) {
  const pick = h('div', { class: 'card hw-pick' });
  const box = h('div', { id: 'as-district', 'aria-live': 'polite' });
  hwPage(main, 'page-as page-as-district', null, '课后服务（全区）',
    '各校课后服务的参与率、出勤率、作业辅导完成率、待核查活动和安全事件（B14–B19）。点击学校查看详情。', pick, box);
  let t;
  try {
    t = await loadTerms(ctx.signal, ctx.params.get('term'));
  } catch (e) {
    if (!ctx.signal.aborted) setChildren(box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted || !t.current) return;
  const term = t.current;
  setChildren(pick, termPicker(t.items, term, (id) => ctx.navigate('as-district', { term: id })));
  const cursor = ctx.params.get('cursor') || '';
  const d = await load(box, ctx, '/api/v1/afterschool-metrics', { term: term.id, cursor, limit: 50 });
  if (!d) return;
  const s = d.totals || {};
  const items = Array.isArray(d.items) ? d.items : [];
  const next = d.next_cursor === null || d.next_cursor === undefined ? null : String(d.next_cursor);
  const href = (x) => '#/afterschool?' + new URLSearchParams({ school_id: x.school_id, term: term.id });
  // A rate over nothing (no recorded session, no homework asked) reads —, not 0%.
  const pct = (v, over = 1) => (v === null || v === undefined || !over ? '—' : v + '%');
  setChildren(box,
    h('div', { class: 'figures as-figures', id: 'as-totals' },
      figure('学校', s.schools ?? 0),
      figure('参与率（报名 / 学生）', pct(s.participation_percent)),
      figure('报名', (s.applied ?? 0) + ' / ' + (s.students ?? 0) + ' 人'),
      figure('活动已记录', (s.recorded ?? 0) + ' / ' + (s.sessions ?? 0) + ' 次'),
      figure('出勤率', pct(s.attendance_percent, s.recorded)),
      figure('作业辅导完成作业', pct(s.homework_done_percent, s.homework_asked ?? 1)),
      figure('待核查的活动', s.flagged ?? 0, s.flagged ? 'bad' : null),
      figure('安全事件', s.incidents ?? 0, s.incidents ? 'bad' : null)),
    section('各校参与率', items.length, items.length
      ? bars('as-school-bars', items.map((x) => ({ label: x.school_name, href: href(x), percent: x.participation_percent, text: x.applied + ' / ' + x.students + ' 人', data: { schoolId: String(x.school_id) } })))
      : notice('没有学校数据。', 'info'), 'as-bars-title'),
    section('各校明细', null, items.length ? [table('as-schools', [
      ['学校', (x) => h('a', { class: 'school-link', href: href(x) }, x.school_name), 'cell-title'],
      ['参与率', (x) => percentBar(x.participation_percent)],
      ['录取', (x) => x.admitted + ' / ' + x.applied, 'num'],
      ['活动', (x) => x.recorded + ' / ' + x.sessions, 'num'],
      ['出勤率', (x) => pct(x.attendance_percent, x.recorded), 'num'],
      ['作业完成', (x) => pct(x.homework_done_percent, x.homework_asked ?? 1), 'num'],
      ['待核查', (x) => (x.flagged ? chip(String(x.flagged), 'danger') : '0'), 'num', (x) => x.flagged || 0],
      ['事件', (x) => (x.incidents ? chip(String(x.incidents), 'warn') : '0'), 'num', (x) => x.incidents || 0],
    ], items, { sort: true }), next || cursor ? h('p', { class: 'field-hint' }, '点击表头排序（只对本页的学校排序）。') : null, pagerBar(ctx, 'as-district', { term: term.id }, cursor, next, trailOf('district:' + term.id, cursor), items.length, '所')] : null, 'as-schools-title'));
}
