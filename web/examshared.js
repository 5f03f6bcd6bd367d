// examshared.js - what the exam pages share: names of kinds and forms, the
// school's grades, a refusal shown with its rule code, the pack's title and
// clause (numbers and levels come from GET /api/v1/policy, never from here).

import { session } from './api.js';
import { h, errorBox } from './dom.js';

export const EXAM_KINDS = [['final', '期末考试'], ['midterm', '期中考试'], ['unit', '单元考试'], ['monthly', '月考']];
export const EXAM_FORMS = [['paper', '纸笔考试'], ['non_paper', '非纸笔测评']];
// Subjects offered on the form; the server checks each against the grade's curriculum.
export const EXAM_SUBJECTS = ['语文', '数学', '英语', '道德与法治', '科学', '物理', '化学', '生物', '历史', '地理'];

export const schoolGrades = (kind) => (kind === 'primary' ? [1, 2, 3, 4, 5, 6] : kind === 'junior' ? [7, 8, 9] : [1, 2, 3, 4, 5, 6, 7, 8, 9]);

/** The pack's rule (title, clause, params) or {}. */
export function examRule(code) {
  const rules = session.policy && session.policy.rules;
  return (rules && rules[code]) || {};
}

/**
 * A refusal: the server's Chinese message and, for an exam rule, its code,
 * the pack's title and the clause it rests on.
 */
export function examErrorBox(err) {
  if (!err || typeof err.code !== 'string' || !err.code.startsWith('EX_')) return errorBox(err);
  const d = err.details || {};
  const r = examRule(err.code);
  return errorBox(err, h('div', { class: 'rule-box' },
    h('p', { class: 'rule-head' }, h('code', { class: 'rule-code', id: 'ex-rule-code' }, err.code), h('span', null, r.title || '')),
    d.clause || r.clause ? h('p', { class: 'alert-meta' }, '依据：' + (d.clause || r.clause)) : null));
}
