// svshared.js - 督导评估 shared pieces: the scale's chips, figures with one
// decimal, the round picker, the refusal box (SV_SCALE, SV_REASON_REQUIRED).

import { h, chip, ruleBox } from './dom.js';

export const SV_NAMES = {
  SV_SCALE: '评定等级不在评估标准中',
  SV_REASON_REQUIRED: '改判须写明理由',
};
const SV_ADVICE = {
  SV_SCALE: '请从评估标准的等级中选择（达标、基本达标、未达标）。',
  SV_REASON_REQUIRED: '您的评定与系统依据记录判定的结果不同，请在“改判理由”中写明依据；理由会显示在数据旁边。',
};

export function svErrorBox(err) {
  return ruleBox(err, { names: SV_NAMES, advice: SV_ADVICE, codeId: 'sv-error-code' });
}

/** A figure out of 100 with one decimal, or 未评. */
export function fig(v) {
  return v === null || v === undefined ? '未评' : Number(v).toFixed(1);
}

/** A level of the scale as a coloured chip. */
export function levelChip(side) {
  if (!side) return chip('未评', 'muted');
  const kind = side.score === 'met' ? 'ok' : side.score === 'not_met' ? 'danger' : 'warn';
  return chip(side.score_name || side.score, kind);
}

/** A select of the district's rounds; onGo(id) when another is chosen. */
export function roundPicker(rounds, current, onGo, id) {
  const sel = h('select', { id }, rounds.map((r) => h('option', { value: String(r.id), selected: String(r.id) === String(current) ? '' : null }, r.name)));
  sel.addEventListener('change', () => onGo(sel.value));
  return h('div', { class: 'field' }, h('label', { for: id }, '评估轮次'), sel);
}

/** The computed figure of an item: value, unit, rule, a link to its records; or what is missing. */
export function computedView(c) {
  if (!c) return h('p', { class: 'sub sv-computed-none' }, '此项由督导组根据材料和现场核查评定（系统无对应记录）。');
  if (c.missing) return h('p', { class: 'sv-computed sv-missing' }, '系统尚不能判定：' + c.missing);
  return h('div', { class: 'sv-computed' },
    h('p', null, h('strong', null, '系统依据记录：'), String(c.value ?? ''), c.unit ? ' ' + c.unit : '',
      c.score_name ? [' ', chip(c.score_name, 'role')] : null),
    c.rule ? h('p', { class: 'sub' }, c.rule) : null,
    c.evidence_url ? h('a', { href: c.evidence_url, class: 'sv-evidence-link' }, '查看依据记录') : null);
}
