// asparent.js - 课后服务报名 (parent, on a phone): for each child the
// term's menu of the child's school and grade, up to 3 choices in order,
// 延时托管 with a reason, consent to leave alone, and the voluntary
// declaration; then the application's state and 撤回.

import { api, isAbort } from './api.js';
import { h, setChildren, errorBox, notice, chip } from './dom.js';
import { field, select, load, hwPage, loadChildren } from './hwshared.js';
import { CATEGORIES, optName, daysText, feeText, appState, loadTerms, termPicker, onSubmit, asPost, withdrawApplication } from './asshared.js';

const RANKS = ['第一志愿', '第二志愿', '第三志愿'];

function programCard(p) {
  return h('li', { class: 'as-menu-item', dataset: { programId: String(p.id) } },
    h('p', { class: 'as-menu-name' }, h('strong', null, p.name), chip(p.category_name || optName(CATEGORIES, p.category), 'info')),
    h('p', { class: 'sub' }, daysText(p.days) + ' ' + p.start + '–' + p.end + ' · ' + p.venue),
    h('p', { class: 'sub' }, '名额 ' + p.capacity + '，已录取 ' + p.admitted + ' · ' + feeText(p.fee_fen) + ' · ' + p.apply_until + ' 截止'));
}

function applyForm(k, term, programs, ctx, done) {
  const id = 'as-apply-' + k.id;
  const opts = [['', '不选'], ...programs.map((p) => [String(p.id), p.name])];
  const choices = RANKS.map((t, i) => {
    const s = select(i ? opts : [['', '请选择'], ...opts.slice(1)], { id: id + '-c' + i });
    return { s, f: field(id + '-c' + i, t, s) };
  });
  const ext = h('input', { type: 'checkbox', id: id + '-ext' });
  const reason = h('textarea', { rows: '2', maxlength: '200', placeholder: '如 父母下班晚，无人接送' });
  const reasonField = field(id + '-reason', '延时托管的原因', reason);
  reasonField.hidden = true;
  ext.addEventListener('change', () => { reasonField.hidden = !ext.checked; });
  const alone = h('input', { type: 'checkbox', id: id + '-alone' });
  const vol = h('input', { type: 'checkbox', id: id + '-voluntary' });
  const msg = h('div', { class: 'form-msg', id: id + '-msg', 'aria-live': 'polite', tabindex: '-1' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: id + '-submit' }, '提交报名');
  const form = h('form', { class: 'as-apply-form', id, novalidate: true },
    h('h3', { class: 'sub-title' }, '选择课程（按志愿顺序，最多 3 个）'),
    choices.map((c) => c.f),
    h('div', { class: 'field' }, h('label', { class: 'check', for: ext.id }, ext, '需要延时托管'), reasonField),
    h('div', { class: 'field' }, h('label', { class: 'check', for: alone.id }, alone, '同意孩子在课后服务结束后独自离校'),
      h('p', { class: 'field-hint' }, '不勾选时，须由登记的监护人接走。')),
    h('div', { class: 'field as-voluntary' }, h('label', { class: 'check', for: vol.id }, vol, '我确认本次报名出于自愿'),
      h('p', { class: 'field-hint' }, '课后服务由家长自愿选择，学校不得强制参加。')),
    msg,
    h('div', { class: 'form-actions' }, btn));
  onSubmit(form, btn, async () => {
    const picked = choices.map((c) => c.s.value).filter(Boolean);
    const bad = !picked.length ? '请至少选择第一志愿' : new Set(picked).size !== picked.length ? '同一门课程只能选一次'
      : ext.checked && !reason.value.trim() ? '请填写需要延时托管的原因' : null;
    if (bad) {
      setChildren(msg, errorBox({ message: bad }));
      msg.focus();
      return;
    }
    // The voluntary declaration is the server's rule (AS_VOLUNTARY): it answers with the code.
    const body = { student_id: k.id, term_id: Number(term.id), choices: picked.map(Number), alone_consent: alone.checked, voluntary: vol.checked };
    if (ext.checked) Object.assign(body, { extended_care: true, extended_reason: reason.value.trim() });
    const r = await asPost({ form, btn, msg, ctx }, '/api/v1/afterschool/applications', body);
    if (r) done('已为' + k.name + '报名，等待学校分配。');
    else msg.focus();
  });
  return form;
}

function statusView(k, a, programs, ctx, done) {
  const name = (pid) => (programs.find((p) => String(p.id) === String(pid)) || {}).name || '课程 ' + pid;
  return h('div', { class: 'as-app-state', id: 'as-app-' + k.id },
    h('p', { class: 'as-app-line' }, '报名状态：', appState(a)),
    h('ol', { class: 'as-choices' }, (a.choices || []).map((c, i) => h('li', null, RANKS[i] + '：' + name(c)))),
    a.extended_care ? h('p', { class: 'sub' }, '需要延时托管：' + (a.extended_reason || '')) : null,
    h('div', { class: 'form-actions' }, h('button', {
      type: 'button', class: 'btn btn-danger-quiet', id: 'as-withdraw-' + k.id,
      onclick: () => withdrawApplication(a, h('strong', null, k.name), '撤回后名额会让给其他孩子；之后可以重新报名，但要重新排队。', ctx).then((r) => { if (r && !ctx.signal.aborted) done('已撤回' + k.name + '的报名。'); }),
    }, '撤回报名')));
}

export async function renderAsApply(main, ctx) {
  const pick = h('div', { class: 'card hw-pick' });
  const msg = h('div', { class: 'form-msg', id: 'as-apply-msg', 'aria-live': 'polite' });
  const box = h('div', { id: 'as-apply-list', 'aria-live': 'polite' });
  hwPage(main, 'page-as page-as-apply', null, '课后服务报名',
    '学校在放学后提供作业辅导、体育、艺术、科普等课后服务，家长自愿选择。可按志愿顺序选最多 3 门课程。',
    pick, msg, box);
  const kids = await loadChildren(box, ctx);
  if (!kids) return;
  let t;
  try {
    t = await loadTerms(ctx.signal, ctx.params.get('term'));
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(box, errorBox(e));
    return;
  }
  if (ctx.signal.aborted || !t.current) return;
  const term = t.current;
  setChildren(pick, termPicker(t.items, term, (id) => ctx.navigate('as-apply', { term: id })));

  async function draw(okText) {
    const apps = await load(box, ctx, '/api/v1/afterschool/applications', { term_id: term.id });
    if (!apps) return;
    const schools = [...new Set(kids.map((k) => String(k.school_id)))];
    const menus = new Map(await Promise.all(schools.map(async (sid) => [sid,
      await api('GET', '/api/v1/afterschool/programs', { query: { school_id: sid, term_id: term.id }, signal: ctx.signal })
        .then((d) => (Array.isArray(d.items) ? d.items : []), () => [])])));
    if (ctx.signal.aborted) return;
    setChildren(msg, okText ? notice(okText, 'success') : null);
    setChildren(box, h('div', { class: 'child-hw-list' }, kids.map((k) => {
      const programs = (menus.get(String(k.school_id)) || []).filter((p) => (p.grades || []).includes(k.grade));
      const live = (apps.items || []).find((a) => a.student_id === k.id && a.status !== 'withdrawn');
      const gone = (apps.items || []).find((a) => a.student_id === k.id && a.status === 'withdrawn');
      return h('section', { class: 'card child-hw as-child-card', dataset: { childId: String(k.id) } },
        h('h2', { class: 'card-title' }, h('span', { class: 'child-name' }, k.name),
          h('span', { class: 'count' }, (k.school_name || '') + ' ' + (k.class_name || ''))),
        live ? statusView(k, live, programs, ctx, draw) : [
          gone ? h('p', { class: 'as-app-line' }, '上次报名：', appState(gone)) : null,
          programs.length ? [
            h('details', { class: 'collapsible as-menu', open: true }, h('summary', null, '本学期课程菜单（' + programs.length + ' 门）'),
              h('ul', { class: 'as-menu-list' }, programs.map(programCard))),
            applyForm(k, term, programs, ctx, draw),
          ] : notice('学校还没有发布适合' + k.name + '所在年级的课后服务课程。', 'info'),
        ]);
    })));
  }
  await draw(null);
}
