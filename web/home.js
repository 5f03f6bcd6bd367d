// home.js - 首页: a greeting and what this role does here.

import { session, loadPolicy, roleName, isAbort } from './api.js';
import { h, setChildren, chip } from './dom.js';
import { countIndicators } from './policy.js';

// Live pages, shown to whoever may open them (and is one of `roles`, when given).
const LIVE = [
  { route: 'my-classes', title: '我的班级', desc: '您担任班主任或任课的班级：任课教师、学生名单与导出。' },
  { route: 'children', title: '我的孩子', desc: '孩子所在的学校和班级、班主任与任课教师。' },
  { route: 'schools', title: '学校', desc: '学校名单、按年级分组的班级、班主任与学生人数，以及教职工。' },
  { route: 'homework', title: '布置作业', desc: '先看本班当天已布置多少分钟书面作业再布置；修改、撤回、登记批改，查看家长报告的实际用时。' },
  { route: 'hw-followups', title: '作业跟进', desc: '多次未按时完成作业的学生：分析原因、个别辅导后办结。' },
  { route: 'child-homework', title: '孩子作业', desc: '孩子班级每天公示的作业和预计用时，报告孩子实际用了多少时间。' },
  { route: 'hw-stats', title: '作业统计', desc: '作业管理：各班每日书面作业时长热力图、超限与被拒绝的布置、教师批改登记，可导出 Excel。' },
  { route: 'afterschool', roles: ['principal', 'academic_office'], title: '课后服务', desc: '服务方案、菜单式课程、报名与分配、活动考勤与交接、安全检查、弹性上下班和质量指标（五(三)）。' },
  { route: 'as-today', title: '今日课后服务', desc: '今天的课后服务：点名、登记作业完成和活动内容，逐个交接孩子。' },
  { route: 'as-apply', title: '课后服务报名', desc: '按志愿自愿报名课后服务课程，查看录取或候补情况，可随时撤回。' },
  { route: 'as-district', title: '课后服务', desc: '各校课后服务的参与率、出勤率、作业辅导完成率、待核查活动和安全事件。' },
  { route: 'calendar', title: '学期与校历', desc: '学期起止、法定节假日与调休，查询某一天是否上课。' },
  { route: 'import', title: '数据导入', desc: '导入学校、教职工、班级、任课、学生和监护人名单（CSV 或 Excel），先检查后导入。' },
  { route: 'policy', title: '政策', desc: '现行政策：作业时长上限、课后服务、睡眠与体育、考试规定，以及校内实施细则指标体系。' },
  { route: 'audit', title: '审计日志', desc: '谁在何时做了什么：登录、查阅与修改的完整记录，可按操作、人员和日期筛选。' },
  { route: 'users', title: '用户管理', desc: '查找、编辑、停用和重置账号；按教职工和监护人名单批量开通账号，打印激活单。' },
  { route: 'ti-cases', title: '联合执法', desc: '常态化排查、现场检查与证据、处罚案件按法定顺序办理：限期改正、警告、停办整改、退费、没收、罚款。' },
  { route: 'reports', roles: ['enforcement', 'district_admin', 'inspector'], title: '举报线索', desc: '家长和公众的举报：转办、按期答复、记录处理结果，逾期的一目了然（四1、四3）。' },
  { route: 'ethics', roles: ['principal', 'district_admin', 'inspector'], title: '师德师风', desc: '在职教师有偿补课“发现一起、查处一起”，查实的当学年师德考核一票否决（四3）。' },
  { route: 'my-ethics', title: '我的师德记录', desc: '与您本人有关的师德记录。' },
  { route: 'report-issue', title: '问题反映', desc: '反映违规布置作业、违规收费、有偿补课或违规培训，凭查询码查看答复。' },
  { route: 'ti-apply', title: '机构备案与审批', desc: '提交办学申请、查看审批结果与理由，保持本机构的课程、收费和从业人员信息准确（五(一)1）。' },
  { route: 'ti', title: '校外培训机构', desc: '全区机构的审批状态与类别统计、待审批申请、预收费超限预警，名录可筛选并导出 Excel。' },
  { route: 'health', roles: ['principal', 'academic_office'], title: '体质健康', desc: '各班每天体育活动一小时与眼保健操、体质测试及格率与优秀率、视力不良率及变化、视力筛查逾期的班级；导入体质测试成绩（B22、B28）。' },
  { route: 'health-district', title: '体质健康', desc: '各校体育活动登记、体质测试及格率与优秀率、视力不良率及变化和筛查逾期班级，可导出 Excel。' },
  { route: 'health-entry', roles: ['teacher'], title: '体育与视力', desc: '登记班级每天的体育课、大课间和眼保健操，全班录入视力筛查结果。' },
  { route: 'exams', roles: ['principal', 'academic_office'], title: '考试安排', desc: '每学期各年级的期末、期中考试安排，登记时按规定检查；考试结果只记等级，不排名（五(四)4）。' },
  { route: 'exam-district', title: '考试管理', desc: '各校各年级考试次数是否符合规定，一二年级不进行纸笔考试，可导出 Excel（B13）。' },
  // five managements, check-ins (issue 14, part CK)
  { route: 'checkins', title: '每周填报', desc: '每周为孩子填写就寝、起床时间和每天用手机、阅读的时间，按上周的答案预填，半分钟填完（五(四)5）。' },
  { route: 'fm', roles: ['principal', 'academic_office'], title: '五项管理', desc: '各班睡眠不足比例、手机和阅读时间，课后服务和作业之后能否按时就寝；记录本校手机管理规定。' },
  { route: 'fm-district', title: '五项管理（全区）', desc: '各校睡眠不足比例、手机和阅读平均时间，可导出 Excel、打印。' },
  // satisfaction surveys (issue 15, part SD)
  { route: 'surveys', title: '满意度调查', desc: '发布家长、学生和教师满意度调查，按群体、题目和学校查看结果（不足 5 份答卷的群体不公布），可打印和导出 Excel（B18.3、B30）。' },
  { route: 'my-surveys', title: '满意度调查', desc: '评价学校的课后服务和办学质量：每份问卷只填一次，约一分钟，不记姓名。' },
  // part SC: supervision visits and rectification
  { route: 'sv-visits', roles: ['district_admin', 'inspector'], title: '督导检查', desc: '安排到校督导检查，按指标登记发现并拍照留证，下达整改通知，逾期整改一目了然，复查销号（六）。' },
  { route: 'sv-notices', roles: ['principal', 'academic_office'], title: '整改通知', desc: '督导检查下达给本校的整改通知：逐项整改，按期答复整改情况并上传佐证材料。' },
  // 督导评估 (issue 15, part SA)
  { route: 'sv', title: '督导评估', desc: '按校内实施细则指标体系（85 项C级指标）评估：学校自评，督导组逐项评定，B级、A级得分按权重汇总（六、附件）。' },
  { route: 'sv-special', title: '专项督导', desc: '综合得分低于阈值、或依据记录判定的指标变差的学校，自动列出原因，可列入下次督导计划（六）。' },
  { route: 'sv-dashboard', title: '督导评估看板', desc: '各校A级得分排序与网格、影响各A级的薄弱B级、历轮趋势；打印 A4 报告，导出 Excel。' },
  { route: 'account', title: '我的账号', desc: '修改密码、查看最近的登录记录、在所有设备上退出。' },
];

// What each role will do here, by the plan's pillars; not live in this release.
const SOON = {
  district_admin: [],
  inspector: [],
  principal: [],
  academic_office: [],
  teacher: [],
  institution: [],
};

const SCOPE = {
  district_admin: '您可管理全区的学校、用户与政策设置。',
  inspector: '您可查阅全区学校情况，开展督导评估。',
  enforcement: '您负责校外培训机构的检查与联合执法。',
  principal: '您是本校落实“双减”工作的第一责任人。',
  academic_office: '您负责统筹本校作业与教学安排。',
  teacher: '您可管理所任班级的作业与课后服务。',
  parent: '您可查看孩子班级的作业公示并反馈情况。',
  institution: '您可维护本机构的备案信息。',
};

function greetingWord(tz) {
  let hour = new Date().getHours();
  try {
    hour = parseInt(new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' }).format(new Date()), 10);
  } catch {
    // keep the browser's hour
  }
  if (hour < 5) return '您好';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

function todayText(tz) {
  try {
    return new Intl.DateTimeFormat('zh-CN', { timeZone: tz, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(new Date());
  } catch {
    return '';
  }
}

function card(title, desc, route) {
  if (route) {
    return h('a', { class: 'card card-link', href: '#/' + route, dataset: { card: route } },
      h('h3', { class: 'card-title' }, title, chip('可用', 'ok')),
      h('p', { class: 'card-desc' }, desc));
  }
  return h('div', { class: 'card card-soon', dataset: { card: 'soon' } },
    h('h3', { class: 'card-title' }, title, chip('即将上线', 'muted')),
    h('p', { class: 'card-desc' }, desc));
}

export function renderHome(main, ctx) {
  const u = session.user;
  const tz = (session.policy && session.policy.timezone) || 'Asia/Shanghai';
  const oneSchool = u.role === 'principal' || u.role === 'academic_office';
  const live = LIVE.filter((c) => ctx.canOpen(c.route) && (!c.roles || c.roles.includes(u.role))).map((c) =>
    c.route === 'schools' && oneSchool ? card('本校', '本校概况、按年级分组的班级、班主任与学生人数，以及教职工。', c.route) : card(c.title, c.desc, c.route));
  const soon = (SOON[u.role] || []).map(([t, d]) => card(t, d, null));
  const facts = h('p', { class: 'page-lead', id: 'home-facts' });

  setChildren(main,
    h('section', { class: 'page page-home' },
      h('div', { class: 'greeting' },
        h('h1', { class: 'page-title' }, greetingWord(tz) + '，' + (u.display_name || u.username)),
        h('p', { class: 'page-lead' },
          chip(roleName(u.role, u.role_name), 'role'), ' ', SCOPE[u.role] || '',
          todayText(tz) ? h('span', { class: 'today' }, '今天是 ' + todayText(tz)) : null),
        facts),
      h('h2', { class: 'section-title' }, '现在可用'),
      h('div', { class: 'cards' }, live),
      soon.length ? h('h2', { class: 'section-title' }, '即将上线') : null,
      soon.length ? h('div', { class: 'cards' }, soon) : null));

  loadPolicy().then((p) => {
    if (ctx.signal.aborted || !p) return;
    const n = countIndicators(p);
    setChildren(facts, '现行政策：', h('strong', null, p.title || p.id || ''),
      p.issuer ? '（' + p.issuer + '）' : '', '，共 ', String(n.a), ' 个 A 级、', String(n.b), ' 个 B 级、', String(n.c), ' 个 C 级指标。');
  }, (e) => {
    if (!isAbort(e)) facts.textContent = '';
  });
}
