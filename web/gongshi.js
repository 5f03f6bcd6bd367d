// gongshi.js - the public homework notice of one class (/gongshi/<code>),
// open without signing in: the day's items and written total against the
// limit, the school's plan (一校一案), the day's changes and the QR code for
// the classroom door. The server sends no student or teacher names.

import { api, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip, formatInstant } from './dom.js';
import { validDate, todayIn } from './dates.js';
import { KIND_OPTIONS, optionName, budgetBox, itemView, dateNav } from './hwshared.js';

const main = document.getElementById('app');
const m = /^\/gongshi\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
const code = m ? m[1] : '';
const today = todayIn('Asia/Shanghai');
let pending = null;
// The frame, drawn once with the first answer: the class, the day switcher, the day's part.
let frame = null;

function notFound() {
  frame = null;
  document.title = '未找到作业公示';
  setChildren(main,
    h('section', { class: 'page gongshi-missing' },
      h('h1', { class: 'page-title' }, '没有找到这个班级的作业公示'),
      notice('请核对网址中的公示码，或重新扫描教室门口的二维码。公示码由学校提供。', 'warn')));
}

/** One change of the day: 发布 / 修改 / 撤回, with the minutes and title before and after. */
function changeView(c) {
  const a = c.after || {};
  const b = c.before || null;
  const what = (x) => (x.subject || '') + '《' + (x.title || '') + '》' + (x.minutes !== undefined ? x.minutes + ' 分钟' : '');
  const diff = [];
  if (b && c.action === 'edit') {
    if (b.title !== a.title) diff.push('标题：' + b.title + ' → ' + a.title);
    if (b.minutes !== a.minutes) diff.push('用时：' + b.minutes + ' → ' + a.minutes + ' 分钟');
    if (b.content !== a.content) diff.push('内容已修改');
    if (b.kind !== a.kind) diff.push('类型：' + optionName(KIND_OPTIONS, b.kind) + ' → ' + optionName(KIND_OPTIONS, a.kind));
    if (b.due_on !== a.due_on) diff.push('完成日期：' + b.due_on + ' → ' + a.due_on);
  }
  return h('li', { class: 'change', dataset: { action: c.action || '' } },
    h('span', { class: 'change-at' }, formatInstant(c.at)),
    chip(c.action_name || c.action || '', c.action === 'withdraw' ? 'danger' : c.action === 'edit' ? 'warn' : 'ok'),
    h('span', { class: 'change-what' }, what(c.action === 'withdraw' && b ? b : a)),
    diff.length ? h('span', { class: 'change-diff' }, diff.join('；')) : null,
    c.reason ? h('span', { class: 'change-reason' }, '原因：' + c.reason) : null);
}

function drawFrame(d) {
  const body = h('div', { class: 'gs-day', id: 'gs-day', 'aria-live': 'polite' });
  const section = h('section', { class: 'page page-gongshi' },
    h('h1', { class: 'page-title' }, d.class_name, h('span', { class: 'title-sub' }, d.school_name)),
    h('div', { class: 'card hw-pick' }, dateNav(d.date, show, { id: 'gs-date', today })),
    body,
    h('figure', { class: 'card qr', id: 'gs-qr' },
      h('img', { src: '/public/v1/notices/' + encodeURIComponent(code) + '/qr.svg', alt: '本班作业公示页二维码', width: '180', height: '180' }),
      h('figcaption', null, '扫码查看本班每天的作业公示（公示码 ', h('code', null, code), '）')));
  setChildren(main, section);
  document.title = d.class_name + '作业公示 - ' + d.school_name;
  frame = { section, body };
}

function render(d) {
  if (!frame) drawFrame(d);
  const items = Array.isArray(d.items) ? d.items : [];
  const changes = Array.isArray(d.changes) ? d.changes : [];
  frame.section.dataset.date = d.date;
  setChildren(frame.body,
    h('div', { class: 'card' }, budgetBox(d, d.date === today)),
    h('h2', { class: 'section-title' }, '当天作业', h('span', { class: 'count' }, items.length + ' 项')),
    items.length ? h('div', { class: 'hw-list', id: 'gs-items' }, items.map((it) => itemView(it)))
      : notice('这一天没有公示的作业。', 'info'),
    changes.length ? [
      h('h2', { class: 'section-title' }, '变更记录', h('span', { class: 'count' }, changes.length + ' 条')),
      h('ul', { class: 'card changes', id: 'gs-changes' }, changes.map(changeView)),
    ] : null,
    h('h2', { class: 'section-title' }, '本校作业管理方案'),
    h('div', { class: 'card plan', id: 'gs-plan' },
      d.plan && d.plan.text
        ? [h('p', { class: 'plan-body' }, d.plan.text), d.plan.updated_at ? h('p', { class: 'field-hint' }, '更新于 ' + formatInstant(d.plan.updated_at)) : null]
        : h('p', { class: 'muted' }, '学校尚未公布作业管理方案。')));
}

async function show(date) {
  if (pending) pending.abort();
  pending = new AbortController();
  const signal = pending.signal;
  if (date) history.replaceState(null, '', location.pathname + '?date=' + date);
  setChildren(frame ? frame.body : main, loading());
  let d;
  try {
    d = await api('GET', '/public/v1/notices/' + encodeURIComponent(code), { query: { date }, signal, noAuthRedirect: true });
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    if (e.status === 404) notFound();
    else setChildren(frame ? frame.body : main, errorBox(e));
    return;
  }
  if (!signal.aborted) render(d);
}

/**
 * ?poster=1: the A4 poster for the classroom door: the school and class, the
 * QR code large, the address written out, and what parents find there. The
 * "打印" button and the rest of the page do not print.
 */
async function poster() {
  let d;
  try {
    d = await api('GET', '/public/v1/notices/' + encodeURIComponent(code), { noAuthRedirect: true });
  } catch (e) {
    if (e.status === 404) notFound();
    else setChildren(main, errorBox(e));
    return;
  }
  const url = location.origin + '/gongshi/' + code;
  document.title = d.school_name + d.class_name + '作业公示海报';
  document.body.classList.add('poster-mode');
  setChildren(main,
    h('section', { class: 'page poster', id: 'gs-poster' },
      h('p', { class: 'poster-school' }, d.school_name),
      h('h1', { class: 'poster-class' }, d.class_name, h('span', null, '作业公示')),
      h('img', { class: 'poster-qr', src: '/public/v1/notices/' + encodeURIComponent(code) + '/qr.svg', alt: '本班作业公示页二维码' }),
      h('p', { class: 'poster-scan' }, '微信或手机相机扫码，查看本班每天的作业内容和预计用时'),
      h('p', { class: 'poster-url' }, h('code', { id: 'gs-poster-url' }, url)),
      h('ul', { class: 'poster-notes' },
        h('li', null, '每天公示各学科作业和书面作业总量，变更留有记录。'),
        h('li', null, '家长不需要检查、批改或签字；孩子到就寝时间仍未完成的，按时睡觉。'),
        h('li', null, '页面不含任何学生个人信息。')),
      h('p', { class: 'no-print poster-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', id: 'gs-poster-print', onclick: () => window.print() }, '打印海报（A4）'),
        ' ',
        h('a', { class: 'btn', href: '/gongshi/' + encodeURIComponent(code) }, '查看公示页'))));
}

if (!code) {
  notFound();
} else if (new URLSearchParams(location.search).get('poster') === '1') {
  poster();
} else {
  const q = new URLSearchParams(location.search).get('date') || '';
  show(validDate(q) ? q : '');
}
