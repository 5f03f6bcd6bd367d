/* cli.c - one table of subcommands; help is printed from it. */
#include "cli/cli.h"
#include "app/app.h"
#include "app/app_org.h"
#include "demo/demo.h"
#include "util/table.h"
#include "http/http.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct opts {
	const char *db, *pg, *policy, *user, *name, *password, *display;
	int schools;
	unsigned seed;
	int dry_run;
	struct app_config cfg;
	struct http_options http;
	int help;
};

struct cmd {
	const char *name;
	int (*run)(struct opts *o, int argc, char **argv);
	const char *usage;
	const char *help;
	int needs_store;
	const char *detail; /* the options, printed by --help; may be NULL */
};

static const char serve_detail[] =
	"\n选项：\n"
	"  --listen IP:PORT     监听地址（默认 127.0.0.1:8080）；地址已被占用时拒绝启动并退出（代码 1）\n"
	"  --reuse-port         允许多个进程共享同一监听地址（SO_REUSEPORT，内核在各进程间分配请求）；\n"
	"                       只在这些进程使用同一个数据库时才可使用\n"
	"  --threads N          工作线程数（默认每核 8 个）\n"
	"  --max-conns N        最多同时连接数（默认 1000）；连接数达到四分之三后，\n"
	"                       已占用 N/16 个连接的地址不再获得新连接，余下的留给其他地址\n"
	"  --per-ip-conns N     每个地址最多同时连接数（默认 200）\n"
	"  --head-timeout S     请求头须在 S 秒内收完（默认 5；从连接建立或上一个应答算起），\n"
	"                       否则关闭连接：慢速客户端占不住连接\n"
	"  --trusted-proxy IP   前置反向代理的地址（可用逗号分隔多个）：不受每地址限额与\n"
	"                       请求头时限约束，由代理自己限制（见 docs/DEPLOY.md）\n"
	"  --signin-rate N      每个地址每分钟的登录次数上限（默认 30）\n"
	"  --activation-days N  新发放的激活码有效天数（默认 14，1 到 90）\n"
	"  --secure-cookies     会话 Cookie 加 Secure（经 HTTPS 提供服务时）\n";

static const char demo_detail[] =
	"\n选项：\n"
	"  --password PW        每个演示账号的密码（默认每个账号一个随机密码）\n"
	"  --schools N          学校数（默认约 30 所；10000 所约为一个省）\n"
	"  --seed S             生成器的种子：同样的参数得到同样的演示区\n"
	"\n环境变量：\n"
	"  SJ_DEMO_NOW=YYYY-MM-DD  按这一天（区时间中午）生成（作业、课后服务记录从“今天”往前算），\n"
	"                       使同一种子在任何一天得到相同的数据库（tests/demo_digest.sh）\n";

static int open_app(struct opts *o, struct app *a)
{
	char msg[512];

	if (app_open(a, o->pg ? DB_PG : DB_SQLITE, o->pg ? o->pg : o->db, o->policy, &o->cfg, msg,
		     sizeof msg) != 0) {
		fprintf(stderr, "shuangjian: %s\n", msg);
		return -1;
	}
	return 0;
}

static int report(struct app_err *e)
{
	fprintf(stderr, "shuangjian: %s（%s）\n", e->message, e->code ? e->code : "ERROR");
	app_err_clear(e);
	return 1;
}

static int c_serve(struct opts *o, int argc, char **argv)
{
	struct app a;
	int rc;

	(void)argc;
	(void)argv;
	if (open_app(o, &a) != 0)
		return 1;
	/* Freed memory stays with the process: giving it back to the kernel
	 * after every request (SQLite frees a RETURNING table per insert) cost
	 * a third of the CPU of a homework post in make bench (TLB shootdowns). */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	rc = http_serve(&a, &o->http);
	app_close(&a);
	return rc;
}

/* A password from standard input: one line, no echo on a terminal. */
static int read_password(const char *prompt, char *out, size_t cap)
{
	struct termios t, quiet;
	int tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &t);
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (!fgets(out, (int)cap, stdin))
		out[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		fprintf(stderr, "\n");
	}
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	return n ? 0 : -1;
}

static int c_init(struct opts *o, int argc, char **argv)
{
	struct app a;
	struct app_err e = { 0 };
	char pw[512];
	const char *user = o->user ? o->user : "admin";

	(void)argc;
	(void)argv;
	if (read_password("新管理员密码（12 到 128 个字符）：", pw, sizeof pw) != 0) {
		fprintf(stderr, "shuangjian: 请从标准输入提供密码\n");
		return 1;
	}
	if (open_app(o, &a) != 0)
		return 1;
	if (app_init_admin(&a, user, o->display ? o->display : "教育局管理员", pw, &e) != 0) {
		app_close(&a);
		return report(&e);
	}
	printf("已创建第一个管理员：%s（%s）\n", user, a.policy.district);
	app_close(&a);
	return 0;
}

/* SJ_DEMO_NOW=YYYY-MM-DD: build the demo as on that day (noon, district
 * time), so the same seed gives the same database on any day; the demo's
 * history is dated from "today". Read by this command only. */
static int demo_pin_clock(const struct app *a)
{
	const char *s = getenv("SJ_DEMO_NOW");
	int64_t day;

	if (!s || !*s)
		return 0;
	if (date_parse(s, &day) != 0) {
		fprintf(stderr, "shuangjian: SJ_DEMO_NOW 应为 YYYY-MM-DD\n");
		return -1;
	}
	time_pin(day * 86400 + (int64_t)(12 * 60 - a->policy.utc_offset_minutes) * 60);
	return 0;
}

static int c_demo(struct opts *o, int argc, char **argv)
{
	struct app a;
	struct app_err e = { 0 };
	int rc = 0;

	(void)argc;
	(void)argv;
	if (open_app(o, &a) != 0)
		return 1;
	if (demo_pin_clock(&a) != 0) {
		app_close(&a);
		return 1;
	}
	if (demo_build(&a, o->password, o->schools, o->seed, &e) != 0)
		rc = report(&e);
	app_close(&a);
	return rc;
}

static int c_token(struct opts *o, int argc, char **argv)
{
	struct app a;
	struct app_err e = { 0 };
	char token[80];
	int rc = 0;

	if (argc < 1 || strcmp(argv[0], "create") != 0 || !o->user) {
		fprintf(stderr, "usage: shuangjian token create --db FILE --user NAME [--name LABEL]\n");
		return 2;
	}
	if (open_app(o, &a) != 0)
		return 1;
	if (app_token_create(&a, o->user, o->name ? o->name : "cli", token, &e) != 0)
		rc = report(&e);
	else
		printf("%s\n", token);
	app_close(&a);
	return rc;
}

static int c_policy(struct opts *o, int argc, char **argv)
{
	struct policy p;
	char msg[512];

	(void)o;
	if (argc < 2 || strcmp(argv[0], "check") != 0) {
		fprintf(stderr, "usage: shuangjian policy check PACK.json\n");
		return 2;
	}
	if (policy_load_file(argv[1], &p, msg, sizeof msg) != 0) {
		fprintf(stderr, "%s\n", msg);
		return 1;
	}
	printf("%s: ok — %s，%d 个 A 级、%d 个 B 级、%d 个 C 级指标\n", argv[1], p.id, p.n_a, p.n_b,
	       p.n_c);
	policy_free(&p);
	return 0;
}

static int c_migrate(struct opts *o, int argc, char **argv)
{
	struct app a;

	(void)argc;
	(void)argv;
	if (open_app(o, &a) != 0)
		return 1;
	printf("数据库已是最新结构\n");
	app_close(&a);
	return 0;
}

static int c_backup(struct opts *o, int argc, char **argv)
{
	struct app a;
	struct app_err e = { 0 };
	int rc = 0;

	if (argc < 1) {
		fprintf(stderr, "usage: shuangjian backup --db FILE OUT\n");
		return 2;
	}
	if (open_app(o, &a) != 0)
		return 1;
	if (app_backup(&a, argv[0], &e) != 0)
		rc = report(&e);
	else
		printf("备份完成：%s（integrity_check 通过）\n", argv[0]);
	app_close(&a);
	return rc;
}

static int c_audit(struct opts *o, int argc, char **argv)
{
	struct app a;
	struct app_err e = { 0 };
	char msg[512] = "";
	int64_t rows = 0;
	int rc;

	if (argc < 1 || strcmp(argv[0], "verify") != 0) {
		fprintf(stderr, "usage: shuangjian audit verify --db FILE\n");
		return 2;
	}
	if (open_app(o, &a) != 0)
		return 1;
	rc = app_audit_verify(&a, &rows, msg, sizeof msg, &e);
	app_close(&a);
	if (rc < 0)
		return report(&e);
	if (rc == 1) {
		fprintf(stderr, "审计链损坏。%s\n", msg);
		return 1;
	}
	printf("审计链完好：%lld 行\n", (long long)rows);
	return 0;
}

static void import_progress(long done, long total, void *arg)
{
	(void)arg;
	fprintf(stderr, "  %ld / %ld\n", done, total);
}

/* Read a whole file (at most 1 GiB) and parse it as a table. */
static int load_table(const char *path, struct table *t, char *err, size_t cap)
{
	const size_t max = (size_t)1 << 30;
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, n;
	int rc = -1;

	if (!f) {
		snprintf(err, cap, "无法打开文件");
		return -1;
	}
	data = malloc(max + 1);
	if (!data) {
		snprintf(err, cap, "内存不足");
		goto out;
	}
	while ((n = fread(data + len, 1, max + 1 - len, f)) > 0 && len < max + 1)
		len += n;
	if (len > max) {
		snprintf(err, cap, "文件超过 1 GB");
		goto out;
	}
	rc = table_parse_limited(data, len, max, t, err, cap);
out:
	free(data);
	fclose(f);
	return rc;
}

/* import KIND FILE: as the district's first administrator. The CLI reads
 * files up to 1 GiB (the web upload takes up to 50 MiB). */
static int c_import(struct opts *o, int argc, char **argv)
{
	struct app a;
	struct app_err e = { 0 };
	struct import_report rep = { 0 };
	struct table t = { 0 };
	struct actor who;
	char err[512];
	int kind, rc = 0;

	if (argc < 2 || (kind = import_kind_parse(argv[0])) < 0) {
		fprintf(stderr, "usage: shuangjian import schools|staff|classes|teaching|students|guardians"
			" FILE --db DB [--dry-run] [--user ADMIN]\n");
		return 2;
	}
	if (load_table(argv[1], &t, err, sizeof err) != 0) {
		fprintf(stderr, "shuangjian: %s：%s\n", argv[1], err);
		return 1;
	}
	if (open_app(o, &a) != 0) {
		table_free(&t);
		return 1;
	}
	if (app_cli_admin(&a, o->user ? o->user : NULL, &who, &e) != 0) {
		rc = report(&e);
		goto out;
	}
	if (app_import(&a, &who, (enum import_kind)kind, &t, o->dry_run, &rep,
		       t.nrows > 100000 ? import_progress : NULL, NULL, &e) != 0) {
		size_t i;
		json_t *row;

		json_array_foreach(rep.errors, i, row)
			fprintf(stderr, "  第 %lld 行 [%s] %s\n",
				(long long)json_integer_value(json_object_get(row, "line")),
				json_string_value(json_object_get(row, "column")),
				json_string_value(json_object_get(row, "message")));
		rc = report(&e);
		goto out;
	}
	printf("%s%s：%ld 行，新增 %ld，更新 %ld（%s，%s）\n", o->dry_run ? "试导入（未保存）" : "已导入",
	       argv[0], rep.rows, rep.created, rep.updated, t.format, t.encoding);
out:
	import_report_free(&rep);
	table_free(&t);
	app_close(&a);
	return rc;
}

static int c_routes(struct opts *o, int argc, char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];
		char roles[256] = "";
		size_t n = 0;

		if (r->roles == ROLES_PUBLIC)
			snprintf(roles, sizeof roles, "public");
		else if (r->roles == ROLES_ANY_SIGNED_IN)
			snprintf(roles, sizeof roles, "signed-in");
		else
			for (int ro = 1; ro < ROLE_COUNT; ro++)
				if (r->roles & ROLE_BIT(ro))
					n += (size_t)snprintf(roles + n, sizeof roles - n, "%s%s",
							      n ? "," : "", role_id((enum role)ro));
		printf("%-7s %-28s %-28s %s\n", r->method, r->pattern, roles, r->summary);
	}
	return 0;
}

static int c_help(struct opts *o, int argc, char **argv);

static const struct cmd cmds[] = {
	{ "serve", c_serve, "serve [--db FILE | --pg CONNINFO] [--listen IP:PORT] [--threads N]"
	  " [--signin-rate N] [--secure-cookies] [--reuse-port] [--max-conns N] [--per-ip-conns N]"
	  " [--head-timeout S] [--trusted-proxy IP[,IP]]",
	  "运行 HTTP 服务（网页界面与 JSON API）", 1, serve_detail },
	{ "init", c_init, "init --db FILE [--user NAME] [--display NAME]  < password",
	  "新安装：创建第一个区管理员（密码从标准输入读取）", 1, NULL },
	{ "demo", c_demo, "demo --db FILE [--password PW] [--schools N --seed S]",
	  "建立演示区（约 30 所学校；--schools 指定规模）并打印每个演示账号", 1, demo_detail },
	{ "token", c_token, "token create --db FILE --user NAME [--name LABEL]",
	  "为程序创建 Bearer 令牌（只显示一次）", 1, NULL },
	{ "import", c_import, "import KIND FILE --db DB [--dry-run] [--user ADMIN]",
	  "导入学校、教师、班级、任课、学生或监护人（CSV UTF-8/GB18030 或 .xlsx），先 --dry-run 检查", 1, NULL },
	{ "policy", c_policy, "policy check PACK.json", "检查政策包，出错时指出文件与字段", 0, NULL },
	{ "migrate", c_migrate, "migrate --db FILE", "把数据库升级到最新结构", 1, NULL },
	{ "backup", c_backup, "backup --db FILE OUT", "在线备份（VACUUM INTO），并做完整性检查", 1, NULL },
	{ "audit", c_audit, "audit verify --db FILE", "校验审计哈希链，指出第一处损坏", 1, NULL },
	{ "routes", c_routes, "routes", "列出全部 HTTP 路由与允许的角色", 0, NULL },
	{ "help", c_help, "help", "显示帮助", 0, NULL },
};

static int c_help(struct opts *o, int argc, char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	printf("shuangjian — 双减监管平台\n\n用法：shuangjian 命令 [选项]\n\n");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		printf("  %-8s %s\n           %s\n", cmds[i].name, cmds[i].help, cmds[i].usage);
	printf("\n通用选项：--db FILE（默认 ./shuangjian.db）  --pg CONNINFO  --policy PACK.json"
	       "  --sync-normal  --quiet\n");
	return 0;
}

enum {
	O_DB = 1000, O_PG, O_POLICY, O_USER, O_NAME, O_PASSWORD, O_DISPLAY, O_LISTEN,
	O_THREADS, O_SYNC_NORMAL, O_QUIET, O_SECURE, O_SIGNIN_RATE, O_SCHOOLS, O_SEED, O_DRY_RUN,
	O_REUSE_PORT, O_MAX_CONNS, O_PER_IP_CONNS, O_HEAD_TIMEOUT, O_TRUSTED_PROXY, O_ACTIVATION_DAYS, O_HELP
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "pg", required_argument, NULL, O_PG },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "user", required_argument, NULL, O_USER },
	{ "name", required_argument, NULL, O_NAME },
	{ "password", required_argument, NULL, O_PASSWORD },
	{ "display", required_argument, NULL, O_DISPLAY },
	{ "listen", required_argument, NULL, O_LISTEN },
	{ "threads", required_argument, NULL, O_THREADS },
	{ "sync-normal", no_argument, NULL, O_SYNC_NORMAL },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "secure-cookies", no_argument, NULL, O_SECURE },
	{ "signin-rate", required_argument, NULL, O_SIGNIN_RATE },
	{ "schools", required_argument, NULL, O_SCHOOLS },
	{ "seed", required_argument, NULL, O_SEED },
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "reuse-port", no_argument, NULL, O_REUSE_PORT },
	{ "max-conns", required_argument, NULL, O_MAX_CONNS },
	{ "per-ip-conns", required_argument, NULL, O_PER_IP_CONNS },
	{ "head-timeout", required_argument, NULL, O_HEAD_TIMEOUT },
	{ "activation-days", required_argument, NULL, O_ACTIVATION_DAYS },
	{ "trusted-proxy", required_argument, NULL, O_TRUSTED_PROXY },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 }
};

static int parse_opts(struct opts *o, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_DB: o->db = optarg; break;
		case O_PG: o->pg = optarg; break;
		case O_POLICY: o->policy = optarg; break;
		case O_USER: o->user = optarg; break;
		case O_NAME: o->name = optarg; break;
		case O_PASSWORD: o->password = optarg; break;
		case O_DISPLAY: o->display = optarg; break;
		case O_LISTEN: o->http.listen = optarg; break;
		case O_THREADS: o->http.threads = (int)strtol(optarg, NULL, 10); break;
		case O_SYNC_NORMAL: o->cfg.sync_normal = 1; break;
		case O_QUIET: log_set_level(1); break;
		case O_SECURE: o->http.secure_cookies = 1; break;
		case O_SCHOOLS: o->schools = (int)strtol(optarg, NULL, 10); break;
		case O_SEED: o->seed = (unsigned)strtoul(optarg, NULL, 10); break;
		case O_DRY_RUN: o->dry_run = 1; break;
		case O_REUSE_PORT: o->http.reuse_port = 1; break;
		case O_MAX_CONNS: o->http.conn_limit = (int)strtol(optarg, NULL, 10); break;
		case O_PER_IP_CONNS: o->http.per_ip_limit = (int)strtol(optarg, NULL, 10); break;
		case O_HEAD_TIMEOUT: o->http.head_timeout_s = (int)strtol(optarg, NULL, 10); break;
		case O_TRUSTED_PROXY: o->http.trusted_proxies = optarg; break;
		case O_ACTIVATION_DAYS: o->cfg.activation_days = (int)strtol(optarg, NULL, 10); break;
		case O_SIGNIN_RATE: o->http.signin_per_ip_per_min = (int)strtol(optarg, NULL, 10); break;
		case 'h':
		case O_HELP: o->help = 1; break;
		default: return -1;
		}
	}
	if (o->schools < 0 || o->schools > 20000) {
		fprintf(stderr, "shuangjian: --schools 应为 0 到 20000\n");
		return -1;
	}
	if (o->http.signin_per_ip_per_min < 1) {
		fprintf(stderr, "shuangjian: --signin-rate 应为正整数（每个地址每分钟的登录次数）\n");
		return -1;
	}
	if (o->http.conn_limit < 16 || o->http.conn_limit > 100000) {
		fprintf(stderr, "shuangjian: --max-conns 应为 16 到 100000\n");
		return -1;
	}
	if (o->cfg.activation_days < 1 || o->cfg.activation_days > 90) {
		fprintf(stderr, "shuangjian: --activation-days 应为 1 到 90 天\n");
		return -1;
	}
	if (o->http.per_ip_limit < 1) {
		fprintf(stderr, "shuangjian: --per-ip-conns 应为正整数\n");
		return -1;
	}
	if (o->http.head_timeout_s < 1 || o->http.head_timeout_s > o->http.conn_timeout_s) {
		fprintf(stderr, "shuangjian: --head-timeout 应为 1 到 %d 秒\n", o->http.conn_timeout_s);
		return -1;
	}
	if (o->http.threads < 1 || o->http.threads > 256) {
		fprintf(stderr, "shuangjian: --threads 应为 1 到 256\n");
		return -1;
	}
	return 0;
}

int cli_main(int argc, char **argv)
{
	struct opts o = { .db = "shuangjian.db" };
	const struct cmd *cmd = NULL;

	app_config_defaults(&o.cfg);
	http_options_defaults(&o.http);
	if (argc < 2)
		return c_help(&o, 0, NULL), 2;
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			cmd = &cmds[i];
	if (!cmd && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return c_help(&o, 0, NULL);
	if (!cmd) {
		fprintf(stderr, "shuangjian: 未知命令 %s（shuangjian help 查看全部命令）\n", argv[1]);
		return 2;
	}
	if (parse_opts(&o, argc - 1, argv + 1) != 0)
		return 2;
	if (o.help) {
		printf("用法：shuangjian %s\n%s\n%s", cmd->usage, cmd->help,
		       cmd->detail ? cmd->detail : "");
		return 0;
	}
	return cmd->run(&o, argc - 1 - optind, argv + 1 + optind);
}
