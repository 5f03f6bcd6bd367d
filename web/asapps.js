// asapps.js - the school's after-school work lists: 报名与分配 (the
// applications, 运行分配, 撤回), 活动安排 (a program's sessions: generate
// them for a span of days, open one) and 交接预警 (children not handed
// over, refreshed every minute).

import { api } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';
import { confirmDialog, sendLocked } from './manage.js';
import { field, select, load } from './hwshared.js';
import { table, section } from './hwstats.js';
import { addDays, validDate, shortDate } from './dates.js';
import { fetchPage, pagerBar } from './paging.js';
import { APP_STATES, optName, appState, asErrorBox, withdrawApplication } from './asshared.js';
import { schoolFrame } from './asschool.js';

const PAGE = 20;
let trail = { key: '', stack: [] };

/** The term's programs of a school, by id. */
async function programMap(f, ctx) {
  const d = await api('GET', '/api/v1/afterschool/programs', { query: { school_id: f.sid, term_id: f.term.id }, signal: ctx.signal });
  return new Map((Array.isArray(d.items) ? d.items : []).map((p) => [String(p.id), p]));
}

/* ---- 报名与分配 ---- */

export async function renderAsApplications(main, ctx) {
  const f = await schoolFrame(main, ctx, 'as-applications', '报名与分配',
    '家长自愿报名，最多 3 个志愿。分配时先满足第一志愿（按报名先后），名额还有时再看第二、第三志愿；其余在第一志愿上候补。有人撤回后可再次运行分配，空出的名额给候补。');
  if (!f) return;
  const status = APP_STATES.some(([k]) => k === ctx.params.get('status')) ? ctx.params.get('status') : '';
  const cursor = ctx.params.get('cursor') || '';
  const key = f.sid + '|' + f.term.id + '|' + status;
  if (trail.key !== key || !cursor) trail = { key, stack: [] };
  const statusSel = select([['', '全部'], ...APP_STATES], { id: 'as-app-status' });
  statusSel.value = status;
  statusSel.addEventListener('change', () => ctx.navigate('as-applications', { term: f.term.id, status: statusSel.value }));
  const msg = h('div', { class: 'form-msg', id: 'as-app-msg', 'aria-live': 'polite' });
  const runBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'as-allocate' }, '运行分配');
  const listBox = h('div', { id: 'as-app-list', 'aria-live': 'polite' });
  setChildren(f.box,
    h('div', { class: 'card as-toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'as-app-status' }, '状态'), statusSel),
      h('div', { class: 'form-actions' }, runBtn)),
    msg, listBox);

  runBtn.addEventListener('click', () => confirmDialog({
    title: '运行分配',
    tone: 'primary',
    body: [h('p', null, '按志愿和报名先后为本学期的报名分配课程。'),
      h('p', { class: 'field-hint' }, '已录取的孩子保持不变；空出的名额按顺序给候补的孩子。')],
    confirmText: '运行分配',
    busyText: '正在分配…',
    signal: ctx.signal,
    errorView: asErrorBox,
    action: () => api('POST', '/api/v1/schools/' + f.sid + '/afterschool-allocation', { body: { term_id: Number(f.term.id) }, signal: ctx.signal }),
  }).then((r) => {
    if (r && !ctx.signal.aborted) draw('分配完成：' + r.applications + ' 份报名，录取 ' + r.admitted + ' 人，候补 ' + r.waitlisted + ' 人。');
  }));

  function withdraw(a) {
    withdrawApplication(a, [h('strong', null, a.student_name), '（' + a.class_name + '）'], '撤回后名额空出；再次运行分配时给候补的孩子。', ctx).then((r) => { if (r && !ctx.signal.aborted) draw('已撤回' + a.student_name + '的报名。'); });
  }

  async function draw(okText) {
    const filters = { term: f.term.id, status };
    const [page, programs] = await Promise.all([
      fetchPage(listBox, ctx, '/api/v1/afterschool/applications', { term_id: f.term.id, school_id: f.sid, status, cursor, limit: PAGE }),
      programMap(f, ctx).catch(() => new Map()),
    ]);
    if (!page) return;
    setChildren(msg, okText ? notice(okText, 'success') : null);
    const { items, next } = page;
    const choice = (id) => (programs.get(String(id)) || {}).name || '课程 ' + id;
    const pager = pagerBar(ctx, 'as-applications', filters, cursor, next, trail, items.length, '份');
    setChildren(listBox, section(status ? optName(APP_STATES, status) : '全部报名', items.length, items.length ? [
      table('as-apps', [
        ['学生', (x) => [h('strong', null, x.student_name), h('span', { class: 'sub' }, x.class_name)], 'cell-title'],
        ['志愿', (x) => h('ol', { class: 'as-choices' }, (x.choices || []).map((c) => h('li', null, choice(c))))],
        ['延时托管', (x) => (x.extended_care ? [chip('需要', 'warn'), h('span', { class: 'sub' }, x.extended_reason || '')] : h('span', { class: 'muted' }, '不需要'))],
        ['自行离校', (x) => (x.alone_consent ? chip('监护人同意', 'ok') : h('span', { class: 'muted' }, '—'))],
        ['状态', (x) => appState(x)],
        ['', (x) => (x.status === 'withdrawn' ? null
          : h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet as-withdraw', dataset: { appId: String(x.id) }, onclick: () => withdraw(x) }, '撤回'))],
      ], items),
      pager,
    ] : [notice(status ? '没有这个状态的报名。' : '本学期还没有家长报名。', 'info'), cursor ? pager : null], 'as-apps-title'));
  }
  await draw(null);
}

/* ---- 活动安排 ---- */

/** A session's state: 已记录 / 待记录, 待核查 when flagged. */
export function sessionChips(s) {
  const reviewed = s.review_outcome || (s.review && s.review.outcome);
  return [s.recorded ? chip('已记录', 'ok') : chip('待记录', 'muted'),
    !s.flagged ? null : reviewed === 'confirmed' ? chip('已核查：违规', 'danger') : reviewed === 'cleared' ? chip('已核查：无问题', 'ok') : chip('待核查', 'danger')];
}

export async function renderAsSessions(main, ctx) {
  const f = await schoolFrame(main, ctx, 'as-sessions', '活动安排',
    '为课程生成学期内每个上课日的活动（节假日不生成，调休上课日照常），查看每次活动的考勤、内容和交接记录。');
  if (!f) return;
  let programs;
  try {
    programs = [...(await programMap(f, ctx)).values()];
  } catch (e) {
    if (!ctx.signal.aborted) setChildren(f.box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;
  if (!programs.length) {
    setChildren(f.box, notice('本学期还没有课程，请先在课程菜单中添加。', 'info'));
    return;
  }
  const want = ctx.params.get('program');
  const prog = programs.find((p) => String(p.id) === want) || programs[0];
  const progSel = select(programs.map((p) => [String(p.id), p.name]), { id: 'as-s-program' });
  progSel.value = String(prog.id);
  progSel.addEventListener('change', () => ctx.navigate('as-sessions', { term: f.term.id, program: progSel.value }));
  const clamp = (d) => (d < f.term.starts_on ? f.term.starts_on : d > f.term.ends_on ? f.term.ends_on : d);
  const from0 = validDate(ctx.params.get('from') || '') ? ctx.params.get('from') : clamp(addDays(f.today, -7));
  const to0 = validDate(ctx.params.get('to') || '') ? ctx.params.get('to') : clamp(addDays(f.today, 13));
  const from = h('input', { type: 'date', value: from0, min: f.term.starts_on, max: f.term.ends_on });
  const to = h('input', { type: 'date', value: to0, min: f.term.starts_on, max: f.term.ends_on });
  const msg = h('div', { class: 'form-msg', id: 'as-gen-msg', 'aria-live': 'polite' });
  const gen = h('button', { type: 'button', class: 'btn', id: 'as-generate' }, '生成活动');
  const show = h('button', { type: 'submit', class: 'btn btn-primary', id: 'as-s-show' }, '查看');
  const listBox = h('div', { id: 'as-session-list', 'aria-live': 'polite' });
  const form = h('form', { class: 'card as-toolbar', id: 'as-s-form', novalidate: true },
    field('as-s-program', '课程', progSel),
    h('div', { class: 'field-pair' }, field('as-s-from', '从', from), field('as-s-to', '到', to)),
    msg,
    h('div', { class: 'form-actions' }, show, gen));
  setChildren(f.box, form, listBox);
  const span = () => (validDate(from.value) && validDate(to.value) && from.value <= to.value ? { from: from.value, to: to.value } : null);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const s = span();
    if (!s) setChildren(msg, errorBox({ message: '请选择有效的起止日期（开始不晚于结束）' }));
    else ctx.navigate('as-sessions', { term: f.term.id, program: prog.id, ...s });
  });
  gen.addEventListener('click', async () => {
    const s = span();
    if (!s) {
      setChildren(msg, errorBox({ message: '请选择有效的起止日期（开始不晚于结束）' }));
      return;
    }
    const r = await sendLocked({
      root: form, btn: gen, busyText: '正在生成…', msg, signal: ctx.signal, errorView: asErrorBox,
      call: () => api('POST', '/api/v1/afterschool/programs/' + prog.id + '/sessions', { body: s, signal: ctx.signal }),
    });
    if (r) draw('新生成 ' + r.created + ' 次活动' + (r.existing ? '，已有 ' + r.existing + ' 次保持不变' : '') + '。');
  });

  async function draw(okText) {
    const s = span();
    if (!s) return;
    const d = await load(listBox, ctx, '/api/v1/afterschool/programs/' + prog.id + '/sessions', s);
    if (!d) return;
    if (okText) setChildren(msg, notice(okText, 'success'));
    const items = Array.isArray(d.items) ? d.items : [];
    setChildren(listBox, section(prog.name, items.length, items.length ? table('as-sessions', [
      ['日期', (x) => h('a', { href: '#/as-session/' + x.id, class: 'as-session-link' }, shortDate(x.day)), 'cell-title'],
      ['时间', (x) => x.start + '–' + x.end],
      ['出勤', (x) => (x.recorded ? String(x.present) + ' 人' : '—'), 'num'],
      ['状态', (x) => sessionChips(x)],
    ], items) : notice('这段时间还没有活动。请选择日期后点“生成活动”。', 'info'), 'as-sessions-title'));
  }
  await draw(null);
}

/* ---- 交接预警 ---- */

const REFRESH_MS = 60_000;

/** The alert list into box; refreshed every minute until the page is left. */
export function alertList(box, ctx) {
  async function draw() {
    let d;
    try {
      d = await api('GET', '/api/v1/afterschool/alerts', { signal: ctx.signal });
    } catch (e) {
      if (!ctx.signal.aborted && e.name !== 'AbortError') setChildren(box, errorBox(e));
      return;
    }
    if (ctx.signal.aborted) return;
    const items = Array.isArray(d.items) ? d.items : [];
    const stamp = new Date().toTimeString().slice(0, 5);
    setChildren(box,
      items.length ? h('ul', { class: 'as-alerts', id: 'as-alert-items' }, items.map((a) => h('li', { class: 'as-alert', dataset: { studentId: String(a.student_id) } },
        h('code', { class: 'rule-code' }, a.code || 'AS_HANDOVER'),
        h('strong', null, a.student_name), h('span', { class: 'sub' }, a.class_name),
        h('span', null, a.program_name + ' · ' + (a.ended ? a.ended + ' 结束' : '')),
        h('a', { href: '#/as-session/' + a.session_id }, '去交接 ›'))))
        : notice('现在没有未交接的孩子。', 'success'),
      h('p', { class: 'field-hint' }, '活动结束 ' + (d.alert_after_minutes || 15) + ' 分钟后仍未交接的孩子会列在这里；每分钟自动刷新（' + stamp + ' 更新）。'));
  }
  const timer = setInterval(draw, REFRESH_MS);
  ctx.signal.addEventListener('abort', () => clearInterval(timer));
  return draw();
}

export async function renderAsAlerts(main, ctx) {
  const f = await schoolFrame(main, ctx, 'as-alerts', '交接预警',
    '今天的课后服务结束后仍未交接（家长接走、转延时托管或晚自习、经同意自行离校）的孩子。');
  if (!f) return;
  const box = h('div', { id: 'as-alerts-box', 'aria-live': 'polite' });
  setChildren(f.box, box);
  await alertList(box, ctx);
}
