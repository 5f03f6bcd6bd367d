// jigou.js - the public lookup of off-campus training institutions (/jigou),
// open without signing in: search the 白名单 (approved) by name, see the
// 黑名单 (revoked, found unlicensed). Made for a phone; the server sends no
// operator's personal data.

import { api, isAbort } from './api.js';
import { h, setChildren, loading, errorBox, notice, chip } from './dom.js';

const main = document.getElementById('app');
const LISTS = {
  white: { title: '白名单', statuses: ['approved'], lead: '经教育行政部门审批、可以开展培训的机构。' },
  black: { title: '黑名单', statuses: ['revoked', 'unlicensed'], lead: '已吊销办学许可或未经审批擅自开展培训的机构，请勿报名缴费。' },
};
const STATUS_KIND = { approved: 'ok', revoked: 'danger', unlicensed: 'danger' };
let tab = location.hash === '#black' ? 'black' : 'white';
let ctl = null;

function card(x) {
  return h('li', { class: 'card ti-card', dataset: { status: x.status } },
    h('h3', { class: 'card-title' }, x.name, chip(x.status_name || x.status, STATUS_KIND[x.status])),
    h('dl', { class: 'ti-facts' },
      h('dt', null, '统一社会信用代码'), h('dd', null, h('code', null, x.credit_code)),
      x.licence_no ? [h('dt', null, '办学许可证'), h('dd', null, x.licence_no)] : null,
      h('dt', null, '类别'), h('dd', null, x.category_name || x.category),
      h('dt', null, '服务对象'), h('dd', null, (x.serves_names || []).join('、') || '—'),
      h('dt', null, '地址'), h('dd', null, x.address || '—'),
      x.status !== 'approved' && x.status_note ? [h('dt', null, '说明'), h('dd', null, x.status_note)] : null));
}

/** One status's page of the list into ul; returns the next cursor or null. */
async function fetchInto(ul, status, q, cursor, signal) {
  const d = await api('GET', '/public/v1/institutions', { query: { status, q, cursor, limit: 20 }, signal });
  const items = Array.isArray(d.items) ? d.items : [];
  items.forEach((x) => ul.append(card(x)));
  return d.next_cursor === null || d.next_cursor === undefined ? null : String(d.next_cursor);
}

async function search(results, q) {
  if (ctl) ctl.abort();
  ctl = new AbortController();
  const signal = ctl.signal;
  const list = LISTS[tab];
  setChildren(results, loading('正在查询…'));
  const ul = h('ul', { class: 'ti-list', id: 'jg-list' });
  const more = h('div', { class: 'form-actions' });
  try {
    const cursors = {};
    for (const st of list.statuses) cursors[st] = await fetchInto(ul, st, q, '', signal);
    const drawMore = () => {
      const open = list.statuses.filter((st) => cursors[st]);
      setChildren(more, open.length ? h('button', {
        type: 'button', class: 'btn', id: 'jg-more',
        onclick: async () => {
          for (const st of open) cursors[st] = await fetchInto(ul, st, q, cursors[st], signal);
          drawMore();
        },
      }, '加载更多') : null);
    };
    drawMore();
    setChildren(results,
      ul.children.length ? h('p', { class: 'page-lead', id: 'jg-count' }, q ? '名称含“' + q + '”的机构：' : '', list.title, '中的机构')
        : notice(q ? list.title + '中没有名称含“' + q + '”的机构。' + (tab === 'white' ? '未在白名单中的机构不得开展培训，请谨慎报名。' : '') : list.title + '暂无机构。', tab === 'white' && q ? 'warn' : 'info'),
      ul, more);
  } catch (e) {
    if (!isAbort(e)) setChildren(results, errorBox(e));
  }
}

function draw() {
  const input = h('input', { type: 'search', id: 'jg-q', maxlength: '64', placeholder: '输入机构名称中的几个字', autocomplete: 'off', enterkeyhint: 'search' });
  const results = h('div', { id: 'jg-results', 'aria-live': 'polite' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, Object.entries(LISTS).map(([k, l]) => h('button', {
    type: 'button', role: 'tab', class: 'tab' + (k === tab ? ' tab-active' : ''), id: 'jg-tab-' + k, 'aria-selected': String(k === tab),
    onclick: () => { tab = k; history.replaceState(null, '', k === 'black' ? '#black' : '#'); draw(); },
  }, l.title)));
  const form = h('form', { class: 'card ti-search', role: 'search' },
    h('label', { for: 'jg-q', class: 'field-label' }, '机构名称'),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'btn btn-primary', id: 'jg-go' }, '查询')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); search(results, input.value.trim()); });
  setChildren(main, h('section', { class: 'page page-jigou' },
    h('h1', { class: 'page-title' }, '校外培训机构查询'),
    h('p', { class: 'page-lead' }, LISTS[tab].lead),
    tabs, form, results));
  search(results, '');
}

draw();
