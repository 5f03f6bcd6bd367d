// policytext.js - the numbers of the rules as the pages write them, read from
// the policy pack (GET /api/v1/policy, session.policy once signed in). No page
// writes a limit of its own: another district's pack shows its own numbers,
// and tests/web_literals.mjs fails on a pack number written into web/.
// Every function takes the pack (or null while it loads) and says the rule
// without its number when the pack does not give one.

import { session } from './api.js';
import { gradeLabel } from './dom.js';

/** The pack loaded at sign-in, or null. */
export function pack() {
  return session.policy || null;
}

function params(p, code) {
  const r = p && p.rules && p.rules[code];
  return r && r.params && typeof r.params === 'object' ? r.params : {};
}

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** The grades of the bands a rule lists (HW_WRITTEN_G12 -> 一二年级), or ''. */
export function bandGrades(p, code) {
  const ids = new Set(params(p, code).bands || []);
  const grades = [];
  for (const b of (p && p.grade_bands) || []) if (ids.has(b.id)) grades.push(...(b.grades || []));
  return gradeLabel(grades);
}

/** 一二年级 (the grades with no written home homework), or 低年级. */
export function noWrittenGrades(p) {
  return bandGrades(p, 'HW_WRITTEN_G12') || '低年级';
}

/** 三至六年级 60 分钟，七至九年级 90 分钟 (HW_DAILY_LIMIT per band). */
export function dailyLimitsText(p) {
  const m = params(p, 'HW_DAILY_LIMIT').minutes || {};
  const parts = ((p && p.grade_bands) || [])
    .filter((b) => isNum(m[b.id]) && m[b.id] > 0)
    .map((b) => gradeLabel(b.grades) + ' ' + m[b.id] + ' 分钟');
  return parts.length ? parts.join('，') : '按政策规定的上限';
}

/** HW_REPORTED_AVERAGE: families needed before an average is shown (null if unknown). */
export function minFamilies(p) {
  const n = params(p, 'HW_REPORTED_AVERAGE').min_families;
  return isNum(n) ? n : null;
}

/** HW_OPTIONAL: whether 选做 written minutes count toward the daily total. */
export function optionalCounted(p) {
  return params(p, 'HW_OPTIONAL').count_optional === true;
}

/** HW_OPTIONAL: how the 选做 tier is treated, in a sentence for the form. */
export function optionalText(p) {
  return optionalCounted(p) ? '选做书面作业也计入书面作业总量，并另有每天上限。' : '选做书面作业不计入书面作业总量，但另有每天上限。';
}

/** AS_FIVE_DAYS: 每周 5 个上课日 (or 每个上课日). */
export function serviceDaysText(p) {
  const n = params(p, 'AS_FIVE_DAYS').min_days_per_week;
  return isNum(n) ? '每周 ' + n + ' 个上课日' : '每个上课日';
}

/** AS_WEEKEND: 周末最多 1 天. */
export function weekendText(p) {
  const n = params(p, 'AS_WEEKEND').max_days;
  if (!isNum(n)) return '周末按政策规定安排';
  return n === 0 ? '周末不安排' : '周末最多 ' + n + ' 天';
}

/** AS_END_TIME: the normal end of work, "HH:MM", or ''. */
export function endNotBefore(p) {
  const t = params(p, 'AS_END_TIME').not_before;
  return typeof t === 'string' ? t : '';
}

/** AS_COVERAGE: the longest break allowed in the regular service, minutes or null. */
export function maxGapMinutes(p) {
  const n = params(p, 'AS_COVERAGE').max_gap_minutes;
  return isNum(n) ? n : null;
}

/** AS_VENUE_CHECK: days a passed safety check lasts, as 30 天 (or 规定期限). */
export function venueDaysText(p) {
  const n = params(p, 'AS_VENUE_CHECK').max_days_since_check;
  return isNum(n) ? n + ' 天' : '规定期限';
}

/** The daily physical-activity floor (MG_PE_DAILY) as words: "1 小时", "45 分钟", or '' when the pack has none. */
export function peDailyText(p) {
  const m = params(p, 'MG_PE_DAILY').minutes;
  if (!isNum(m) || m <= 0) return '';
  return m % 60 === 0 ? m / 60 + ' 小时' : m + ' 分钟';
}
