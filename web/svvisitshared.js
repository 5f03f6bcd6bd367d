// svvisitshared.js - what the supervision visit and notice pages share
// (issue 15, part SC): who is the office, the pack's numbers (SV_RECTIFY,
// SV_EVIDENCE), the C items of the annex, statuses, tabs, the evidence of
// a finding or a notice (ticaseshared.js's list and upload, own ids).

import { session, loadPolicy } from './api.js';
import { h, chip } from './dom.js';
import { evidenceList, evidenceForm } from './ticaseshared.js';

export const isOffice = () => ['inspector', 'district_admin'].includes(session.user && session.user.role);
export const isSchool = () => ['principal', 'academic_office'].includes(session.user && session.user.role);

export const STATUS = { open: ['待整改', 'warn'], answered: ['已答复', 'muted'], closed: ['已销号', 'ok'] };
export const RESULTS = [['rectified', '整改到位'], ['not_rectified', '整改不到位']];

export function statusChip(n) {
  const [t, k] = STATUS[n.status] || [n.status, 'muted'];
  return [chip(t, k), n.overdue ? [' ', chip('逾期 ' + n.days_overdue + ' 天', 'danger')] : null];
}

/** The pack: deadline days (SV_RECTIFY), evidence cap (SV_EVIDENCE), the C items [[id, text]]. */
export async function svPolicy() {
  const p = await loadPolicy();
  const r = (p && p.rules) || {};
  const rect = (r.SV_RECTIFY && r.SV_RECTIFY.params) || {};
  const ev = (r.SV_EVIDENCE && r.SV_EVIDENCE.params) || {};
  const items = [];
  for (const a of (p && Array.isArray(p.indicators) ? p.indicators : [])) {
    for (const b of (Array.isArray(a.b) ? a.b : [])) {
      for (const c of (Array.isArray(b.c) ? b.c : [])) items.push([c.id, c.corrected || c.text, b.title]);
    }
  }
  return { defaultDays: rect.default_days || 0, maxDays: rect.max_days || 0, evidenceKb: ev.max_kb || 0, items };
}

export function tabs(current) {
  const links = isOffice()
    ? [['sv-visits', '督导检查'], ['sv-notices', '整改通知'], ['sv-overdue', '逾期整改']]
    : [['sv-notices', '整改通知'], ['sv-visits', '督导检查']];
  return h('nav', { class: 'tabs subnav no-print', 'aria-label': '督导检查' }, links.map(([r, t]) =>
    h('a', { href: '#/' + r, class: 'tab', 'aria-current': r === current ? 'page' : null }, t)));
}

/** An owner's files and, when the reader may add, the upload (ids made unique by prefix). */
export function evidenceBlock(base, items, prefix, canAdd, ctx, kb, done) {
  const list = evidenceList(base, items);
  list.id = prefix + '-list';
  if (!canAdd) return list;
  const form = evidenceForm(base, ctx, kb, done);
  form.id = prefix + '-form';
  for (const el of form.querySelectorAll('[id]')) el.id = el.id.replace(/^ti-evidence/, prefix);
  for (const el of form.querySelectorAll('label[for]')) el.htmlFor = el.htmlFor.replace(/^ti-evidence/, prefix);
  return h('div', null, list, form);
}
