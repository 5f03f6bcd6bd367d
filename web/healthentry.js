// healthentry.js - 体育活动与视力筛查登记: a class's school day of physical
// activity (PE lessons, the big break, other school sport, eye exercises;
// MG_PE_DAILY and MG_EYE_EXERCISES flag a short day) with its recent days,
// and a vision screening entered for the whole class at once (both eyes on
// the 5-point scale, glasses). For the class's teachers and the school heads.

import { api, session, isAbort } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';
import { field, load, hwPage, select } from './hwshared.js';
import { table, section } from './hwstats.js';
import { todayIn, addDays } from './dates.js';

const dec = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1));
const ruleNames = { MG_PE_DAILY: '体育活动不足', MG_EYE_EXERCISES: '眼保健操不足' };

function flagChips(flags) {
  return Array.isArray(flags) && flags.length
    ? h('span', { class: 'tags' }, flags.map((f) => chip((ruleNames[f.rule] || f.rule) + ' ' + f.rule, 'warn')))
    : chip('达标', 'ok');
}

function numberInput(id, max, value) {
  return h('input', { type: 'number', id, min: '0', max: String(max), step: '1', inputmode: 'numeric', value: String(value) });
}

/** Two cells a line on a phone (style.css .table-compact). */
function compact(wrap) {
  wrap.querySelector('table').classList.add('table-compact');
  return wrap;
}

/* ---- activity ---- */

async function activityPane(box, ctx, cls, today) {
  const policy = session.policy || {};
  const rules = policy.rules || {};
  const need = (rules.MG_PE_DAILY && rules.MG_PE_DAILY.params.minutes) || 0;
  const eyeNeed = (rules.MG_EYE_EXERCISES && rules.MG_EYE_EXERCISES.params.per_day) || 0;
  const day = h('input', { type: 'date', id: 'he-day', value: today, max: today });
  const pe = numberInput('he-pe', 600, 40);
  const bb = numberInput('he-bb', 600, 30);
  const other = numberInput('he-other', 600, 0);
  const eye = numberInput('he-eye', 10, eyeNeed);
  const msg = h('div', { class: 'form-msg', id: 'he-act-msg', 'aria-live': 'polite' });
  const list = h('div', { id: 'he-days', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'he-act-save' }, '保存');
  const form = h('form', { class: 'card', id: 'he-act-form', novalidate: true },
    h('h2', { class: 'section-title' }, '登记一天的体育活动'),
    h('p', { class: 'sub' }, '每天体育活动合计不少于 ' + need + ' 分钟（体育课、大课间和其他校内体育活动），眼保健操 ' + eyeNeed
      + ' 次（B28.1）。同一天再次登记会替换原记录，原记录保留备查。'),
    h('div', { class: 'field-pair' }, field('he-day', '日期（上课日）', day), field('he-eye', '眼保健操（次）', eye)),
    h('div', { class: 'field-pair' }, field('he-pe', '体育课（分钟）', pe), field('he-bb', '大课间（分钟）', bb)),
    field('he-other', '其他体育活动（分钟）', other),
    msg, h('div', { class: 'form-actions' }, btn));
  async function drawDays() {
    const d = await load(list, ctx, '/api/v1/classes/' + cls + '/activity', { from: addDays(today, -30), to: today });
    if (!d) return;
    const items = Array.isArray(d.items) ? d.items : [];
    setChildren(list, section('最近 30 天', items.length, // not policy: how many days the entry page lists
      items.length ? compact(table('he-days-table', [
      ['日期', (x) => x.date, 'cell-title'],
      ['体育课', (x) => String(x.pe_minutes), 'num'], ['大课间', (x) => String(x.big_break_minutes), 'num'],
      ['其他', (x) => String(x.other_minutes), 'num'], ['合计', (x) => x.minutes + ' 分钟', 'num'],
      ['眼保健操', (x) => String(x.eye_exercises), 'num'],
      ['达标', (x) => [flagChips(x.flags), x.versions > 1 ? h('span', { class: 'sub' }, ' 已修改 ' + (x.versions - 1) + ' 次') : null], 'wide'],
      ['登记人', (x) => x.recorded_by || '', 'wide'],
    ], items)) : notice('最近 30 天没有登记。', 'info'), 'he-days-title')); // not policy: the days the entry page lists
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    btn.disabled = true;
    try {
      const r = await api('POST', '/api/v1/classes/' + cls + '/activity', {
        body: { date: day.value, pe_minutes: Number(pe.value), big_break_minutes: Number(bb.value),
          other_minutes: Number(other.value), eye_exercises: Number(eye.value) },
        signal: ctx.signal,
      });
      const it = r.item || {};
      setChildren(msg, notice(it.date + ' 已' + (it.replaced ? '更新' : '登记') + '：合计 ' + it.minutes + ' 分钟，眼保健操 ' + it.eye_exercises + ' 次'
        + (it.flags && it.flags.length ? '。' + it.flags.map((f) => (ruleNames[f.rule] || f.rule) + '（' + f.rule + '）').join('、') : '，达标。'),
      it.flags && it.flags.length ? 'warn' : 'success'));
      await drawDays();
    } catch (e) {
      if (!isAbort(e) && !ctx.signal.aborted) setChildren(msg, errorBox(e));
    } finally {
      btn.disabled = false;
    }
  });
  setChildren(box, form, list);
  await drawDays();
}

/* ---- vision: the whole class at once ---- */

function eyeInput(id, value) {
  return h('input', { type: 'number', id, class: 'he-eye-input', min: '3.0', max: '5.3', step: '0.1', inputmode: 'decimal', value: value || '' });
}

async function visionPane(box, ctx, cls, today) {
  const rules = (session.policy && session.policy.rules) || {};
  const vp = (rules.MG_VISION_SCREENING && rules.MG_VISION_SCREENING.params) || {};
  const d = await load(box, ctx, '/api/v1/classes/' + cls + '/vision-screenings');
  if (!d) return;
  const kids = Array.isArray(d.items) ? d.items : [];
  const day = h('input', { type: 'date', id: 'he-vdate', value: today, max: today });
  const msg = h('div', { class: 'form-msg', id: 'he-vis-msg', 'aria-live': 'polite' });
  const rows = kids.map((k, i) => ({
    k, l: eyeInput('he-l-' + i), r: eyeInput('he-r-' + i),
    c: h('input', { type: 'checkbox', id: 'he-c-' + i, 'aria-label': '戴镜' }), out: h('span', { class: 'he-row-out' }),
  }));
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'he-vis-save' }, '保存本次筛查');
  const form = h('form', { class: 'card', id: 'he-vis-form', novalidate: true },
    h('h2', { class: 'section-title' }, '视力筛查（全班录入）'),
    h('p', { class: 'sub' }, '五分记录法 ' + dec(vp.scale_min) + '–' + dec(vp.scale_max) + '，一位小数；任一眼低于 ' + dec(vp.myopia_below)
      + ' 或戴镜矫正计为视力不良。每学期 ' + vp.per_term + ' 次（B22.3）。只保存填了双眼的学生。'),
    field('he-vdate', '筛查日期', day),
    kids.length ? table('he-vis-table', [
      ['学生', (x) => [x.k.name, h('span', { class: 'sub' }, x.k.registry_no)], 'cell-title'],
      ['上次', (x) => (x.k.last ? x.k.last.date + ' 左 ' + x.k.last.left.toFixed(1) + ' 右 ' + x.k.last.right.toFixed(1) + (x.k.last.corrected ? ' 戴镜' : '') : '—'), 'nowrap'],
      ['左眼', (x) => x.l], ['右眼', (x) => x.r], ['戴镜', (x) => x.c], ['', (x) => x.out],
    ], rows) : notice('这个班没有学生。', 'info'),
    msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const todo = rows.filter((x) => x.l.value !== '' && x.r.value !== '');
    if (!todo.length) {
      setChildren(msg, errorBox({ message: '请至少填写一名学生的双眼视力' }));
      return;
    }
    btn.disabled = true;
    let saved = 0, failed = 0;
    for (const x of todo) {
      try {
        const r = await api('POST', '/api/v1/vision-screenings', {
          body: { student_id: x.k.id, date: day.value, left: Number(x.l.value), right: Number(x.r.value), corrected: x.c.checked },
          signal: ctx.signal,
        });
        saved++;
        setChildren(x.out, r.item && r.item.poor_vision ? chip('视力不良', 'warn') : chip('已保存', 'ok'));
      } catch (e) {
        if (isAbort(e) || ctx.signal.aborted) return;
        failed++;
        setChildren(x.out, chip(e.message || '未保存', 'danger'));
      }
    }
    btn.disabled = false;
    setChildren(msg, notice('已保存 ' + saved + ' 名学生' + (failed ? '，' + failed + ' 名未保存（见各行说明）' : '') + '。', failed ? 'warn' : 'success'));
  });
  setChildren(box, form);
}

export async function renderHealthEntry(main, ctx) {
  const box = h('div', { id: 'he-entry-box', 'aria-live': 'polite' });
  const pick = h('div', { class: 'card as-pick' });
  hwPage(main, 'page-health-entry', session.user.role === 'teacher' ? null : h('p', { class: 'as-links' }, h('a', { href: '#/health' }, '‹ 体质健康')),
    '体育活动与视力筛查', '按班登记每天的体育活动和眼保健操，全班录入视力筛查结果。', pick, box);
  let classes;
  try {
    const d = await api('GET', '/api/v1/classes', { query: { limit: 200 }, signal: ctx.signal });
    classes = Array.isArray(d.items) ? d.items : [];
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, errorBox(e));
    return;
  }
  if (!classes.length) {
    setChildren(box, notice('您没有可以登记的班级。', 'info'));
    return;
  }
  const want = ctx.params.get('class_id');
  const cls = (classes.find((c) => String(c.id) === want) || classes[0]).id;
  const tab = ctx.params.get('tab') === 'vision' ? 'vision' : 'activity';
  const sel = select(classes.map((c) => [String(c.id), c.name]), { id: 'he-class' });
  sel.value = String(cls);
  sel.addEventListener('change', () => ctx.navigate('health-entry', { class_id: sel.value, tab }));
  const tabs = h('nav', { class: 'tabs subnav', 'aria-label': '登记' },
    [['activity', '体育活动'], ['vision', '视力筛查']].map(([k, label]) => h('a', {
      class: 'tab', id: 'he-tab-' + k, href: '#/health-entry?class_id=' + cls + '&tab=' + k, 'aria-current': k === tab ? 'page' : null,
    }, label)));
  setChildren(pick, h('div', { class: 'field' }, h('label', { for: 'he-class' }, '班级'), sel), tabs);
  const today = todayIn(session.policy && session.policy.timezone);
  if (tab === 'vision') await visionPane(box, ctx, cls, today);
  else await activityPane(box, ctx, cls, today);
}
