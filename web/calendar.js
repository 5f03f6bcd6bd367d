// calendar.js - 学期与校历: the terms, a month view coloured by kind of day,
// a date look-up, and (district admin) forms to add a term and mark a day.
//
// The kind of each day is computed here by the server's rule: inside a term
// Monday–Friday is a school day and Saturday/Sunday a weekend; a marked
// holiday is 法定节假日; a marked make-up day is 调休上班 (a school day); a
// marked vacation day, or any day outside every term, is 寒暑假.

import { api, session, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip, charLen } from './dom.js';
import { pad, ymd, parts, weekday, daysInMonth, addMonths, daysBetween, validDate, dateText, todayIn } from './dates.js';

export const KINDS = {
  school_day: { name: '上课日', short: '' },
  weekend: { name: '周末', short: '' },
  holiday: { name: '法定节假日', short: '假' },
  makeup: { name: '调休上班', short: '班' },
  vacation: { name: '寒暑假', short: '' },
};
const KIND_ORDER = ['school_day', 'weekend', 'holiday', 'makeup', 'vacation'];
const MARK_KINDS = [['holiday', '法定节假日'], ['makeup', '调休上班（周六或周日上课）'], ['vacation', '寒暑假（假期）'], ['', '清除标记']];
const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Today in the district's time zone. */
function today() {
  return todayIn(session.policy && session.policy.timezone);
}

/* ---- the model ---- */

/** The calendar of the district: terms and their marked days. */
export function buildCalendar(terms) {
  const marks = new Map();
  for (const t of terms) for (const d of t.days || []) marks.set(d.day, { kind: d.kind, note: d.note || '' });
  return {
    terms,
    marks,
    termOf(day) {
      return terms.find((t) => t.starts_on <= day && day <= t.ends_on) || null;
    },
    /** The kind of day, the server's rule. */
    kind(day) {
      const mark = marks.get(day);
      const m = mark ? mark.kind : '';
      if (m === 'holiday') return 'holiday';
      if (!this.termOf(day) || m === 'vacation') return 'vacation';
      if (m === 'makeup') return 'makeup';
      const wd = weekday(day);
      return wd === 0 || wd === 6 ? 'weekend' : 'school_day';
    },
  };
}

/** The term to show first: the one today is in, else the next, else the last. */
function currentTerm(terms, now) {
  const inNow = terms.find((t) => t.starts_on <= now && now <= t.ends_on);
  if (inNow) return inNow;
  const next = terms.filter((t) => t.starts_on > now).sort((a, b) => (a.starts_on < b.starts_on ? -1 : 1))[0];
  if (next) return next;
  return [...terms].sort((a, b) => (a.ends_on < b.ends_on ? 1 : -1))[0] || null;
}

/* ---- the month view ---- */

function legend() {
  return h('ul', { class: 'cal-legend', 'aria-label': '图例' },
    KIND_ORDER.map((k) => h('li', null, h('span', { class: 'swatch day-' + k, 'aria-hidden': 'true' }), KINDS[k].name)));
}

function monthView(cal, ym, now, onPick) {
  const first = ymd(ym.y, ym.m, 1);
  const lead = (weekday(first) + 6) % 7; // Monday first
  const n = daysInMonth(ym.y, ym.m);
  const tally = Object.fromEntries(KIND_ORDER.map((k) => [k, 0]));
  const rows = [];
  let cells = [];
  for (let i = 0; i < lead; i++) cells.push(h('td', { class: 'cal-empty', 'aria-hidden': 'true' }));
  for (let d = 1; d <= n; d++) {
    const day = ymd(ym.y, ym.m, d);
    const kind = cal.kind(day);
    tally[kind] += 1;
    const mark = cal.marks.get(day);
    const label = KINDS[kind].name + (mark && mark.note ? '：' + mark.note : '');
    const inner = [
      h('span', { class: 'cal-num' }, String(d)),
      mark && mark.note ? h('span', { class: 'cal-note' }, mark.note) : null,
      KINDS[kind].short ? h('span', { class: 'cal-badge', 'aria-hidden': 'true' }, KINDS[kind].short) : null,
    ];
    const body = onPick
      ? h('button', { type: 'button', class: 'cal-day', title: day + ' ' + label, 'aria-label': dateText(day) + ' ' + label, onclick: () => onPick(day) }, inner)
      : h('span', { class: 'cal-day', title: day + ' ' + label, 'aria-label': dateText(day) + ' ' + label }, inner);
    cells.push(h('td', { class: 'cal-cell day-' + kind + (day === now ? ' is-today' : ''), dataset: { date: day, kind } }, body));
    if (cells.length === 7) {
      rows.push(h('tr', null, cells));
      cells = [];
    }
  }
  if (cells.length) {
    while (cells.length < 7) cells.push(h('td', { class: 'cal-empty', 'aria-hidden': 'true' }));
    rows.push(h('tr', null, cells));
  }
  const table = h('table', { class: 'cal', id: 'cal-month', dataset: { month: ym.y + '-' + pad(ym.m) } },
    h('caption', { class: 'sr-only' }, ym.y + '年' + ym.m + '月校历'),
    h('thead', null, h('tr', null, WEEK.map((w, i) => h('th', { scope: 'col', class: i >= 5 ? 'cal-we' : null }, w)))),
    h('tbody', null, rows));

  const marked = [];
  for (let d = 1; d <= n; d++) {
    const day = ymd(ym.y, ym.m, d);
    const mark = cal.marks.get(day);
    if (mark) marked.push([day, mark]);
  }
  const stats = h('p', { class: 'cal-stats', id: 'cal-stats' },
    KIND_ORDER.filter((k) => tally[k]).map((k) => h('span', { class: 'cal-stat' }, KINDS[k].name + ' ', h('strong', null, String(tally[k])), ' 天')));
  const list = marked.length
    ? h('ul', { class: 'cal-marks', id: 'cal-marks' }, marked.map(([day, mark]) => {
      const kind = cal.kind(day);
      return h('li', { dataset: { date: day } },
        h('span', { class: 'swatch day-' + kind, 'aria-hidden': 'true' }),
        h('span', { class: 'cal-mark-date' }, dateText(day)),
        chip(KINDS[kind].name, 'kind-' + kind),
        mark.note ? h('span', { class: 'cal-mark-note' }, mark.note) : null);
    }))
    : h('p', { class: 'muted cal-nomarks' }, '本月没有标记的节假日或调休。');
  return { table, stats, list };
}

/* ---- forms ---- */

function field(id, label, input, hint) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'field-hint' }, hint) : null);
}

function lookupForm(getCal) {
  const inDate = h('input', { type: 'date', required: true });
  const out = h('div', { class: 'form-msg', id: 'cal-lookup-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, '查询');
  const form = h('form', { class: 'card', id: 'cal-lookup', novalidate: true },
    h('h2', { class: 'section-title' }, '查询某一天'),
    h('p', { class: 'section-lead' }, '这一天是上课日、周末、法定节假日还是寒暑假？以服务器校历为准。'),
    field('cal-lookup-date', '日期', inDate),
    out,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = inDate.value;
    if (!validDate(v)) {
      setChildren(out, errorBox({ message: '请选择一个有效的日期' }));
      inDate.focus();
      return;
    }
    btn.disabled = true;
    setChildren(out, loading('正在查询…'));
    try {
      const r = await api('GET', '/api/v1/calendar/' + v);
      const mark = getCal().marks.get(v);
      const kind = mark && mark.kind === 'makeup' && r.school_day ? 'makeup' : r.day_kind;
      setChildren(out,
        h('div', { class: 'alert alert-info lookup-answer', role: 'status', dataset: { kind: r.day_kind || '' } },
          h('p', { class: 'alert-msg' }, dateText(r.date || v) + '：',
            chip(r.day_kind_name || (KINDS[kind] && KINDS[kind].name) || r.day_kind, 'kind-' + kind)),
          h('p', { class: 'alert-meta' }, r.school_day ? '是上课日' + (kind === 'makeup' ? '（调休上班）' : '') + '。' : '不是上课日。',
            mark && mark.note ? ' ' + mark.note : '')));
    } catch (e) {
      if (!isAbort(e)) setChildren(out, errorBox(e));
    } finally {
      btn.disabled = false;
    }
  });
  return { form, setDate: (d) => { inDate.value = d; } };
}

function termForm(onDone) {
  const inName = h('input', { type: 'text', maxlength: '32', required: true, placeholder: '如 2026-2027学年第二学期', autocomplete: 'off' });
  const inFrom = h('input', { type: 'date', required: true });
  const inTo = h('input', { type: 'date', required: true });
  const msg = h('div', { class: 'form-msg', id: 'term-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'term-submit' }, '新增学期');
  const form = h('form', { class: 'card', id: 'term-form', novalidate: true },
    h('h2', { class: 'section-title' }, '新增学期'),
    field('term-name', '学期名称', inName, '最多 32 个字'),
    h('div', { class: 'field-pair' },
      field('term-from', '开始日期', inFrom),
      field('term-to', '结束日期', inTo)),
    h('p', { class: 'field-hint' }, '学期不能与已有学期重叠，最长 200 天。'),
    msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { name: inName.value.trim(), starts_on: inFrom.value, ends_on: inTo.value };
    let bad = null;
    if (!body.name) bad = ['请输入学期名称', inName];
    else if (charLen(body.name) > 32) bad = ['学期名称最多 32 个字', inName];
    else if (!validDate(body.starts_on)) bad = ['请选择开始日期', inFrom];
    else if (!validDate(body.ends_on)) bad = ['请选择结束日期', inTo];
    if (bad) {
      setChildren(msg, errorBox({ message: bad[0] }));
      bad[1].focus();
      return;
    }
    btn.disabled = true;
    btn.textContent = '正在保存…';
    try {
      await api('POST', '/api/v1/terms', { body });
      form.reset();
      setChildren(msg, notice('已新增学期“' + body.name + '”（' + body.starts_on + ' 至 ' + body.ends_on + '）。', 'success'));
      onDone(body.starts_on);
    } catch (e) {
      if (!isAbort(e)) setChildren(msg, errorBox(e));
    } finally {
      btn.disabled = false;
      btn.textContent = '新增学期';
    }
  });
  return form;
}

function markForm(onDone) {
  const inDate = h('input', { type: 'date', required: true });
  const inKind = h('select', { required: true }, MARK_KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const inNote = h('input', { type: 'text', maxlength: '64', placeholder: '如 国庆节', autocomplete: 'off' });
  const msg = h('div', { class: 'form-msg', id: 'mark-msg', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'mark-submit' }, '保存');
  const form = h('form', { class: 'card', id: 'mark-form', novalidate: true },
    h('h2', { class: 'section-title' }, '标记日期'),
    h('p', { class: 'section-lead' }, '点击月历中的日期可直接填入。调休上班日须为周六或周日。'),
    field('mark-date', '日期', inDate),
    field('mark-kind', '类型', inKind),
    field('mark-note', '说明', inNote, '可选，最多 64 个字'),
    msg,
    h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const day = inDate.value;
    if (!validDate(day)) {
      setChildren(msg, errorBox({ message: '请选择要标记的日期' }));
      inDate.focus();
      return;
    }
    const body = { kind: inKind.value, note: inNote.value.trim() };
    btn.disabled = true;
    btn.textContent = '正在保存…';
    try {
      const r = await api('PUT', '/api/v1/calendar/' + day, { body });
      setChildren(msg, notice(dateText(day) + (body.kind ? ' 已标记为' + (KINDS[body.kind] ? KINDS[body.kind].name : body.kind) : ' 已清除标记') +
        '，现在是' + (r.day_kind_name || '') + '。', 'success'));
      onDone(day);
    } catch (e) {
      if (!isAbort(e)) setChildren(msg, errorBox(e));
    } finally {
      btn.disabled = false;
      btn.textContent = '保存';
    }
  });
  return { form, pick: (d) => { inDate.value = d; inDate.focus(); } };
}

/* ---- the page ---- */

export async function renderCalendar(main, ctx) {
  const isAdmin = session.user.role === 'district_admin';
  const now = today();
  let cal = buildCalendar([]);
  let ym = null;
  const m = MONTH_RE.exec(ctx.params.get('month') || '');
  if (m && +m[2] >= 1 && +m[2] <= 12) ym = { y: +m[1], m: +m[2] };

  const termsBox = h('div', { id: 'cal-terms' }, loading());
  const monthBox = h('div', { class: 'card cal-card', id: 'cal-box', 'aria-live': 'polite' });
  const lookup = lookupForm(() => cal);
  const mark = isAdmin ? markForm((day) => reload(day.slice(0, 7))) : null;
  const side = [lookup.form];
  if (isAdmin) side.push(mark.form, termForm((start) => reload(start.slice(0, 7))));

  setChildren(main,
    h('section', { class: 'page page-calendar' },
      h('h1', { class: 'page-title' }, '学期与校历'),
      h('p', { class: 'page-lead' }, '学期内周一至周五为上课日，周六、周日为周末；法定节假日、调休上班日和假期以区教育局标记为准；学期以外为寒暑假。作业时长和课后服务按日期类型执行不同规定。'),
      h('div', { class: 'split' },
        h('div', { class: 'split-main' }, termsBox, monthBox),
        h('div', { class: 'split-side' }, side))));

  function showMonth() {
    const term = cal.termOf(ymd(ym.y, ym.m, 1)) || cal.termOf(ymd(ym.y, ym.m, daysInMonth(ym.y, ym.m)));
    const view = monthView(cal, ym, now, isAdmin ? (d) => { mark.pick(d); lookup.setDate(d); } : (d) => lookup.setDate(d));
    const prev = addMonths(ym, -1);
    const next = addMonths(ym, 1);
    const go = (t) => {
      ym = t;
      history.replaceState(null, '', '#/calendar?month=' + t.y + '-' + pad(t.m));
      showMonth();
    };
    setChildren(monthBox,
      h('div', { class: 'cal-head' },
        h('button', { type: 'button', class: 'btn btn-small', id: 'cal-prev', 'aria-label': '上一月', onclick: () => go(prev) }, '‹ ' + prev.m + '月'),
        h('h2', { class: 'cal-title', id: 'cal-title' }, ym.y + '年' + ym.m + '月',
          h('span', { class: 'cal-term' }, term ? term.name : '不在学期内')),
        h('button', { type: 'button', class: 'btn btn-small', id: 'cal-next', 'aria-label': '下一月', onclick: () => go(next) }, next.m + '月 ›')),
      view.table,
      legend(),
      view.stats,
      h('h3', { class: 'cal-sub' }, '本月标记'),
      view.list);
  }

  function showTerms(current) {
    if (!cal.terms.length) {
      setChildren(termsBox, notice(isAdmin ? '还没有学期。请在“新增学期”中添加，然后标记节假日和调休。' : '区教育局还没有设置学期。', 'info'));
      return;
    }
    const sorted = [...cal.terms].sort((a, b) => (a.starts_on < b.starts_on ? -1 : 1));
    setChildren(termsBox,
      h('ul', { class: 'term-list', id: 'term-list' }, sorted.map((t) => {
        const isCur = current && t.id === current.id;
        const hol = (t.days || []).filter((d) => d.kind === 'holiday').length;
        const mk = (t.days || []).filter((d) => d.kind === 'makeup').length;
        const st = parts(t.starts_on);
        return h('li', { class: 'term' + (isCur ? ' is-current' : ''), dataset: { termId: String(t.id) } },
          h('button', {
            type: 'button', class: 'term-btn',
            onclick: () => {
              ym = { y: st.y, m: st.m };
              history.replaceState(null, '', '#/calendar?month=' + st.y + '-' + pad(st.m));
              showMonth();
            },
          },
          h('span', { class: 'term-name' }, t.name, isCur ? chip(now >= t.starts_on && now <= t.ends_on ? '本学期' : '下一学期', 'ok') : null),
          h('span', { class: 'term-dates' }, t.starts_on + ' 至 ' + t.ends_on + ' · ' + (daysBetween(t.starts_on, t.ends_on) + 1) + ' 天'),
          h('span', { class: 'term-marks' }, '法定节假日 ' + hol + ' 天 · 调休上班 ' + mk + ' 天')));
      })));
  }

  async function reload(month) {
    let data;
    try {
      data = await api('GET', '/api/v1/terms', { signal: ctx.signal });
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) return;
      setChildren(termsBox, errorBox(e));
      return;
    }
    if (ctx.signal.aborted) return;
    cal = buildCalendar(Array.isArray(data.items) ? data.items : []);
    const current = currentTerm(cal.terms, now);
    if (month && MONTH_RE.test(month)) {
      ym = { y: +month.slice(0, 4), m: +month.slice(5, 7) };
      history.replaceState(null, '', '#/calendar?month=' + month);
    }
    if (!ym) {
      const base = current && !(now >= current.starts_on && now <= current.ends_on) ? current.starts_on : now;
      ym = { y: +base.slice(0, 4), m: +base.slice(5, 7) };
    }
    showTerms(current);
    showMonth();
  }

  setChildren(monthBox, loading());
  await reload(null);
}
