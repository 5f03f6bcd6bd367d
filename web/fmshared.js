// fmshared.js - shared by the five-managements pages (fm*.js): minutes as
// hours, the term picker, a print button.

import { h } from './dom.js';

/** 545 -> "9 小时 5 分". */
export function hoursText(min) {
  if (typeof min !== 'number' || !Number.isFinite(min)) return '—';
  const hrs = Math.floor(min / 60), m = min % 60;
  return hrs + ' 小时' + (m ? ' ' + m + ' 分' : '');
}

/** An average in minutes (one decimal) or — when there is none. */
export function minutesText(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) + ' 分钟' : '—';
}

/** A share in percent or —. */
export function percentText(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v + '%' : '—';
}

/** A select of the district's terms; onPick(term_id) on change. */
export function termPicker(id, terms, current, onPick) {
  const sel = h('select', { id, class: 'no-print' }, terms.map((t) => h('option', { value: String(t.id), selected: String(t.id) === String(current) }, t.name)));
  sel.addEventListener('change', () => onPick(sel.value));
  return h('div', { class: 'field fm-term no-print' }, h('label', { for: id }, '学期'), sel);
}

export function printButton(id) {
  return h('button', { type: 'button', class: 'btn no-print', id, onclick: () => window.print() }, '打印');
}
