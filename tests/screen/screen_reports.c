/* screen_reports.c: 本日のまとめ (F5), 統計 (F6) and the CSV export dialog
 * on the real binary in a pty, over a generated fixture (init + gen
 * --persons 2000 --seed 7 --date today, plus one ledger row whose child's
 * name holds 𠮟, which CP932 cannot hold). What the screens must show is
 * taken from the core (report_daily) and from the subcommands (report
 * daily, export), never written into the test: the day's title in 和暦,
 * the section headings, the intakes of a day reached through the date
 * prompt, overdue rows drawn red and bold, the printed 業務日誌 equal to
 * `tsunagu report daily --date D`, the fiscal year and a table that
 * scrolls by whole columns while its row labels stay, and a CP932 export
 * that lists the unencodable character by row and column, writes nothing
 * on n and writes 〓 on y (the file decodes with iconv). */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/key.h"
#include "tsunagu/report.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"
#include "vt.h"

#define CHILD_NAME "𠮟田 花子"

struct fx {
	char *db;
	char dir[256];
	char home_env[300];
	struct vt *v;
	struct date today;
	int fy;
};

/* ---- helpers -------------------------------------------------------------- */

static bool read_file(const char *path, struct sbuf *out)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return false;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(out, buf, n);
	fclose(f);
	if (!out->buf)
		sbuf_adds(out, "");
	return true;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Run the binary on the fixture with stdout and stderr captured. */
static int run(struct fx *f, const char *const *args, struct sbuf *out, struct sbuf *err)
{
	char *po = xasprintf("%s/out.txt", f->dir), *pe = xasprintf("%s/err.txt", f->dir);
	pid_t pid = fork();
	int st = -1;

	if (pid == 0) {
		const char *argv[32];
		int n = 0;
		int o = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(o, STDOUT_FILENO);
		dup2(e, STDERR_FILENO);
		setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
		argv[n++] = getenv("TSUNAGU_BIN");
		argv[n++] = "--db";
		argv[n++] = f->db;
		for (; args && *args && n < 31; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		st = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
	if (out)
		read_file(po, out);
	if (err)
		read_file(pe, err);
	unlink(po);
	unlink(pe);
	free(po);
	free(pe);
	return st;
}

static char *path_in(struct fx *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

/* The ledger row with 𠮟, received on the first day of this 年度. */
static void import_ledger(struct fx *f)
{
	char *csv = path_in(f, "ledger.csv");
	FILE *o = fopen(csv, "wb");
	const char *args[] = {"import", "ledger", csv, NULL};

	assert_non_null(o);
	fprintf(o, "受付日,児童氏名,相談種別\r\n%d-04-01,%s,育児・しつけ相談\r\n", f->fy,
	        CHILD_NAME);
	fclose(o);
	assert_int_equal(run(f, args, NULL, NULL), 0);
	unlink(csv);
	free(csv);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};
	char iso[16];
	const char *gen[] = {"gen", "--persons", "2000", "--seed", "7", "--date", iso, NULL};
	char *slash;

	*state = f;
	f->db = vt_tmp_db();
	if (!f->db)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s", f->db);
	slash = strrchr(f->dir, '/');
	*slash = '\0';
	snprintf(f->home_env, sizeof(f->home_env), "HOME=%s", f->dir);
	f->today = date_today();
	f->fy = date_fiscal_year(f->today);
	date_format_iso(f->today, iso, sizeof(iso));
	if (vt_run_cli(f->db, init) != 0 || vt_run_cli(f->db, gen) != 0)
		return -1;
	import_ledger(f);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char *cmd;

	vt_free(f->v);
	/* files the screens wrote into the fixture's directory (HOME) */
	cmd = xasprintf("rm -f '%s'/tsunagu-* '%s'/*.txt '%s'/*.csv", f->dir, f->dir, f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup failed: %s\n", cmd);
	free(cmd);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, int rows, int cols, const char *no_color)
{
	const char *env[] = {f->home_env, no_color, NULL};
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db, .env = env};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "ホーム", VT_TIMEOUT));
	return f->v;
}

/* The 業務日誌 of a day through the core, as the acting staff member. */
static void load_daily(struct fx *f, struct date day, struct report *r)
{
	struct tsu_err e = {0};
	struct db *db = NULL;
	struct staff me = {0};

	assert_int_equal(db_open(f->db, 0, &db, &e), 0);
	assert_int_equal(staff_by_login(db, staff_current_login(), &me, &e), 0);
	if (report_daily(db, &me, day, 0, r, &e) != 0)
		fail_msg("report_daily: %s", e.msg);
	staff_release(&me);
	db_close(&db);
}

/* The latest day before today with intakes (the generator spreads them
 * over the year). */
static struct date day_with_intakes(struct fx *f, struct report *r)
{
	long t = date_to_days(f->today);

	for (long back = 1; back < 200; back++) {
		struct date d = date_from_days(t - back);
		const struct report_section *s;

		load_daily(f, d, r);
		s = report_section_find(r, "intakes");
		if (s && s->nrows > 0)
			return d;
		report_release(r);
	}
	fail_msg("no day with intakes in the fixture");
	return f->today;
}

static void go_to_day(struct vt *v, struct date d)
{
	char shortd[32], wa[64];

	vt_type(v, "g");
	assert_true(vt_wait_text(v, "表示する日を入力してください", VT_TIMEOUT));
	vt_type(v, "\x15"); /* Ctrl-U: the field starts with the shown day */
	vt_type(v, date_format_short(d, shortd, sizeof(shortd)));
	vt_type(v, "\r");
	assert_true(vt_wait_row(v, 0, date_format_wareki_wday(d, wa, sizeof(wa)), VT_TIMEOUT));
}

static bool row_has(struct vt *v, int y, const char *text)
{
	char *line = vt_row(v, y);
	bool hit = strstr(line, text) != NULL;

	free(line);
	return hit;
}

/* ---- 本日のまとめ ----------------------------------------------------------- */

/* F5 opens today's 業務日誌: title with today's 和暦, every section heading
 * of the report in order (scrolling down to the last), and the key alias d. */
static void test_daily_today(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 100, NULL);
	struct report r;
	char wa[64];

	load_daily(f, f->today, &r);
	vt_fkey(v, 5);
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
	assert_true(
	    vt_wait_row(v, 0, date_format_wareki_wday(f->today, wa, sizeof(wa)), VT_TIMEOUT));
	assert_true(vt_wait_row(v, 0, "対象: 全員", VT_TIMEOUT));
	for (size_t i = 0; i < r.nsections; i++) {
		char *head = xasprintf("【%s】", r.sections[i].title);

		for (int k = 0; k < 20 && !vt_find(v, head, NULL, NULL); k++) {
			vt_key(v, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE);
			vt_settle(v, 50);
		}
		if (!vt_find(v, head, NULL, NULL)) {
			vt_dump(v, stderr);
			fail_msg("heading %s not shown", head);
		}
		free(head);
	}
	report_release(&r);
	/* q goes back home; d is F5's letter */
	vt_type(v, "q");
	assert_true(vt_wait_text(v, "ホーム", VT_TIMEOUT));
	vt_type(v, "d");
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
}

/* The screen row holding every non-empty cell of row, in order; -1. */
static int find_cells(struct vt *v, const struct report_row *row, size_t ncols)
{
	for (int y = 0; y < vt_rows(v); y++) {
		char *line = vt_row(v, y);
		const char *p = line;

		for (size_t c = 0; c < ncols && p; c++)
			if (*row->cells[c])
				p = (p = strstr(p, row->cells[c])) ? p + strlen(row->cells[c])
				                                   : NULL;
		free(line);
		if (p)
			return y;
	}
	return -1;
}

static void assert_overdue_drawn(struct vt *v, const struct report_row *row, size_t ncols,
                                 bool color)
{
	VTermScreenCell c;
	int y = -1;

	for (int k = 0; k < 20 && (y = find_cells(v, row, ncols)) < 0; k++) {
		vt_key(v, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE);
		vt_settle(v, 50);
	}
	if (y < 0) {
		vt_dump(v, stderr);
		fail_msg("overdue row not shown");
	}
	assert_true(vt_cell(v, y, 2, &c)); /* the row's first cell */
	assert_true(c.attrs.bold);
	if (color)
		assert_false(VTERM_COLOR_IS_DEFAULT_FG(&c.fg));
	else
		assert_true(VTERM_COLOR_IS_DEFAULT_FG(&c.fg));
}

/* Overdue rows are red and bold; with NO_COLOR still bold. */
static void test_daily_overdue_style(void **state)
{
	struct fx *f = *state;
	struct report r;
	const struct report_row *row = NULL;
	size_t ncols = 0;

	load_daily(f, f->today, &r);
	for (size_t i = 0; i < r.nsections && !row; i++)
		for (size_t k = 0; k < r.sections[i].nrows && !row; k++)
			if (r.sections[i].kind == REPORT_LIST && r.sections[i].rows[k].alert) {
				row = &r.sections[i].rows[k];
				ncols = r.sections[i].ncols;
			}
	assert_non_null(row); /* the fixture has an overdue item today */
	start(f, 30, 110, NULL);
	vt_fkey(f->v, 5);
	assert_true(vt_wait_row(f->v, 0, "本日のまとめ", VT_TIMEOUT));
	assert_overdue_drawn(f->v, row, ncols, true);
	vt_free(f->v);
	f->v = NULL;
	start(f, 30, 110, "NO_COLOR=1");
	vt_fkey(f->v, 5);
	assert_true(vt_wait_row(f->v, 0, "本日のまとめ", VT_TIMEOUT));
	assert_overdue_drawn(f->v, row, ncols, false);
	report_release(&r);
}

/* A wrong date keeps the prompt open with the parser's message; a day
 * typed in 和暦 shows that day's intakes; ←/→ step a day; t narrows to
 * one worker. */
static void test_daily_other_day(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110, NULL);
	struct report r;
	struct date d = day_with_intakes(f, &r);
	const struct report_section *s = report_section_find(&r, "intakes");
	char wa[64], *count = xasprintf("【受付】 %zu件", s->nrows);

	vt_fkey(v, 5);
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
	vt_type(v, "g");
	assert_true(vt_wait_text(v, "表示する日を入力してください", VT_TIMEOUT));
	vt_type(v, "\x15R8.2.30\r");
	assert_true(vt_wait_text(v, "ありません", VT_TIMEOUT)); /* 2月30日 */
	assert_true(vt_find(v, "表示する日を入力してください", NULL, NULL));
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_true(vt_wait_gone(v, "表示する日を入力してください", VT_TIMEOUT));
	go_to_day(v, d);
	assert_true(vt_wait_text(v, count, VT_TIMEOUT));
	for (size_t i = 0; i < s->nrows; i++) {
		assert_true(vt_wait_text(v, s->rows[i].cells[0], VT_TIMEOUT)); /* time */
		assert_true(vt_wait_text(v, s->rows[i].cells[5], VT_TIMEOUT)); /* child */
	}
	vt_key(v, VTERM_KEY_RIGHT, VTERM_MOD_NONE);
	assert_true(vt_wait_row(
	    v, 0, date_format_wareki_wday(date_from_days(date_to_days(d) + 1), wa, sizeof(wa)),
	    VT_TIMEOUT));
	vt_key(v, VTERM_KEY_LEFT, VTERM_MOD_NONE);
	assert_true(vt_wait_row(v, 0, date_format_wareki_wday(d, wa, sizeof(wa)), VT_TIMEOUT));
	assert_true(vt_wait_text(v, count, VT_TIMEOUT));
	/* the worker who received the first intake: only theirs stay */
	vt_type(v, "t");
	assert_true(vt_wait_text(v, "対象の職員", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "全員", VT_TIMEOUT));
	vt_type(v, s->rows[0].cells[6]); /* the filter narrows to that name */
	vt_type(v, "\r\r");
	assert_true(vt_wait_row(v, 0, s->rows[0].cells[6], VT_TIMEOUT));
	assert_true(vt_wait_text(v, s->rows[0].cells[5], VT_TIMEOUT));
	free(count);
	report_release(&r);
}

/* Enter on a row about a case opens that case's file; q comes back. */
static void test_daily_open_case(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110, NULL);
	struct report r;
	const char *case_no = NULL;

	load_daily(f, f->today, &r);
	for (size_t i = 0; i < r.nsections && !case_no; i++) {
		const struct report_section *s = &r.sections[i];

		for (size_t c = 0; c < s->ncols && !case_no; c++)
			for (size_t k = 0; k < s->nrows && !case_no; k++)
				if (!strcmp(s->cols[c], "ケース") && s->rows[k].case_id &&
				    *s->rows[k].cells[c])
					case_no = s->rows[k].cells[c];
	}
	assert_non_null(case_no); /* the fixture has case rows today */
	vt_fkey(v, 5);
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
	vt_type(v, "\r"); /* on the first line, about no case */
	assert_true(vt_wait_text(v, "ケースの行で Enter", VT_TIMEOUT));
	vt_type(v, "f");
	vt_type(v, case_no);
	vt_type(v, "\r\r");                                  /* end the filter, open */
	assert_true(vt_wait_row(v, 0, case_no, VT_TIMEOUT)); /* the case file's title */
	assert_false(row_has(v, 0, "本日のまとめ"));
	vt_type(v, "q");
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
	report_release(&r);
}

/* p writes exactly what `tsunagu report daily --date D` prints, to the
 * default file in $HOME or to a path typed in the prompt; a directory that
 * does not exist is an error and the prompt stays. */
static void test_daily_print(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 100, NULL);
	struct report r;
	struct date d = day_with_intakes(f, &r);
	char iso[16], name[64];
	const char *args[] = {"report", "daily", "--date", iso, NULL};
	struct sbuf want = {0}, got = {0}, got2 = {0};
	char *def, *mine = path_in(f, "日誌.txt"), *bad = path_in(f, "no/such/dir/x.txt");

	report_release(&r);
	date_format_iso(d, iso, sizeof(iso));
	snprintf(name, sizeof(name), "tsunagu-業務日誌-%04d%02d%02d.txt", d.y, d.m, d.d);
	def = path_in(f, name);
	vt_fkey(v, 5);
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
	go_to_day(v, d);
	/* bad path first */
	vt_type(v, "p");
	assert_true(vt_wait_text(v, name, VT_TIMEOUT));
	vt_type(v, "\x15");
	vt_type(v, bad);
	vt_type(v, "\r");
	assert_true(vt_wait_text(v, "印刷できません", VT_TIMEOUT));
	assert_true(vt_find(v, "ファイル *", NULL, NULL)); /* still asking */
	assert_false(exists(bad));
	vt_type(v, "\x15~/");
	vt_type(v, name);
	vt_type(v, "\r");
	assert_true(vt_wait_text(v, "業務日誌を書き出しました", VT_TIMEOUT));
	assert_int_equal(run(f, args, &want, NULL), 0);
	assert_true(read_file(def, &got));
	assert_string_equal(got.buf, want.buf);
	/* a path of one's own */
	vt_type(v, "p");
	assert_true(vt_wait_text(v, "ファイル *", VT_TIMEOUT));
	vt_type(v, "\x15");
	vt_type(v, mine);
	vt_type(v, "\r");
	assert_true(vt_wait_gone(v, "ファイル *", VT_TIMEOUT));
	assert_true(read_file(mine, &got2));
	assert_string_equal(got2.buf, want.buf);
	sbuf_release(&want);
	sbuf_release(&got);
	sbuf_release(&got2);
	free(def);
	free(mine);
	free(bad);
}

/* ---- 統計 ------------------------------------------------------------------- */

/* F6 shows this 年度 and its first table; ←/→ on the year move it; the
 * Izumo-shaped table at 80 columns scrolls right by whole columns, the
 * row labels staying in the first column. */
/* The first row at or below from whose text starts with prefix; -1. */
static int row_starting(struct vt *v, const char *prefix, int from)
{
	for (int y = from; y < vt_rows(v); y++) {
		char *line = vt_row(v, y);
		bool hit = strncmp(line, prefix, strlen(prefix)) == 0;

		free(line);
		if (hit)
			return y;
	}
	return -1;
}

static void test_stats_scroll(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 24, 80, NULL);
	char fy[32], prev[32];
	int head, label;

	date_format_fiscal_year(f->fy, fy, sizeof(fy));
	date_format_fiscal_year(f->fy - 1, prev, sizeof(prev));
	vt_fkey(v, 6);
	assert_true(vt_wait_row(v, 0, fy, VT_TIMEOUT));
	assert_true(vt_wait_text(v, "相談種別別の相談件数", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "総数", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_LEFT, VTERM_MOD_NONE); /* the 年度 has focus at first */
	assert_true(vt_wait_row(v, 0, prev, VT_TIMEOUT));
	vt_type(v, "]");
	assert_true(vt_wait_row(v, 0, fy, VT_TIMEOUT));
	/* pick the table through the picker's filter */
	vt_type(v, "t");
	assert_true(vt_wait_text(v, "表を選ぶ", VT_TIMEOUT));
	vt_type(v, "推移\r\r");
	assert_true(vt_wait_gone(v, "表を選ぶ", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "養護相談の推移", VT_TIMEOUT));
	vt_settle(v, 100);
	head = row_starting(v, "年度 ", 3);
	label = row_starting(v, fy, head + 1);
	assert_true(head > 0 && label > head);
	assert_true(row_has(v, head, "養護相談 "));
	assert_false(row_has(v, head, "その他の相談"));
	vt_type(v, "\t\t"); /* 年度 -> 表 -> the table */
	for (int i = 0; i < 10 && !row_has(v, head, "その他の相談"); i++) {
		vt_key(v, VTERM_KEY_RIGHT, VTERM_MOD_NONE);
		vt_settle(v, 80);
	}
	assert_true(row_has(v, head, "その他の相談"));
	/* the first count column is gone, the row labels stay at the left */
	assert_false(row_has(v, head, "養護相談 "));
	assert_int_equal(row_starting(v, "年度 ", 3), head);
	assert_int_equal(row_starting(v, fy, head + 1), label);
	/* no wide character straddles the right edge */
	for (int y = 0; y < 22; y++) {
		VTermScreenCell c;

		assert_true(vt_cell(v, y, 79, &c));
		assert_true(c.width == 1 || c.chars[0] == 0);
	}
	/* and back left */
	for (int i = 0; i < 10 && !row_has(v, head, "養護相談 "); i++) {
		vt_key(v, VTERM_KEY_LEFT, VTERM_MOD_NONE);
		vt_settle(v, 80);
	}
	assert_true(row_has(v, head, "養護相談 "));
}

/* ---- the export dialog -------------------------------------------------- */

/* 統計 needs a 年度: an empty or unreadable one is refused beside the
 * field, nothing written; the default export is UTF-8 with a BOM, CRLF,
 * 𠮟 kept. */
static void test_export_utf8(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 100, NULL);
	char name[64], year[16], *path;
	struct sbuf got = {0};

	snprintf(name, sizeof(name), "tsunagu-intakes-%d.csv", f->fy);
	snprintf(year, sizeof(year), "%d", f->fy);
	path = path_in(f, name);
	vt_fkey(v, 6);
	assert_true(vt_wait_text(v, "相談種別別の相談件数", VT_TIMEOUT));
	vt_type(v, "e");
	assert_true(vt_wait_text(v, "CSV 出力", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "(*)統計", VT_TIMEOUT));
	vt_type(v, "\t\x15"); /* 年度, cleared */
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "統計には年度が必要です", VT_TIMEOUT));
	vt_type(v, "abc");
	assert_true(vt_wait_text(v, "年度を読めません", VT_TIMEOUT));
	vt_type(v, "\x15");
	vt_type(v, year);
	vt_key(v, VTERM_KEY_TAB, VTERM_MOD_SHIFT); /* back to 種類 */
	for (int i = 0; i < 3; i++)
		vt_key(v, VTERM_KEY_LEFT, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "(*)受付", VT_TIMEOUT));
	assert_true(vt_wait_text(v, name, VT_TIMEOUT)); /* the path followed */
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "行を書き出しました", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "CSV 出力", VT_TIMEOUT));
	assert_true(read_file(path, &got));
	assert_true(got.len > 3 && memcmp(got.buf, "\xEF\xBB\xBF", 3) == 0);
	assert_non_null(strstr(got.buf, "\r\n"));
	assert_non_null(strstr(got.buf, CHILD_NAME));
	sbuf_release(&got);
	free(path);
}

/* The row and column of the 𠮟 as `tsunagu export` reports them ("12 行目
 * E 列"), the oracle for what the screen lists. */
static void cli_issue(struct fx *f, char *row, size_t nrow, char *col, size_t ncol)
{
	char fy[16];
	const char *args[] = {"export", "intakes", "--fy", fy, "--encoding", "cp932", NULL};
	struct sbuf err = {0};
	const char *p;

	snprintf(fy, sizeof(fy), "%d", f->fy);
	assert_int_equal(run(f, args, NULL, &err), 1);
	p = strstr(err.buf, " 行目 ");
	assert_non_null(p);
	assert_non_null(strstr(err.buf, "U+20B9F"));
	{
		const char *b = p;

		while (b > err.buf && b[-1] >= '0' && b[-1] <= '9')
			b--;
		snprintf(row, nrow, "%.*s", (int)(p - b), b);
		p += strlen(" 行目 ");
		snprintf(col, ncol, "%.*s", (int)(strchr(p, ' ') - p), p);
	}
	sbuf_release(&err);
}

static int iconv_ok(const char *path, struct sbuf *out)
{
	char *cmd = xasprintf("iconv -f CP932 -t UTF-8 '%s'", path);
	FILE *p = popen(cmd, "r");
	char buf[4096];
	size_t n;

	free(cmd);
	if (!p)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		sbuf_add(out, buf, n);
	return pclose(p);
}

/* CP932: the issue is listed with row, column, character and code point
 * before anything is written; n writes nothing, y writes 〓. */
static void test_export_cp932(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 100, NULL);
	char name[64], row[16], col[8], *path;
	struct sbuf got = {0};
	int r, c;

	cli_issue(f, row, sizeof(row), col, sizeof(col));
	snprintf(name, sizeof(name), "tsunagu-intakes-%d.csv", f->fy);
	path = path_in(f, name);
	vt_fkey(v, 5);
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
	vt_type(v, "e");
	assert_true(vt_wait_text(v, "(*)受付", VT_TIMEOUT));
	vt_type(v, "\t\t"); /* 文字コード */
	vt_key(v, VTERM_KEY_RIGHT, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "(*)CP932", VT_TIMEOUT));
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "〓 に置き換えて書き出しますか", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "「𠮟」(U+20B9F)", VT_TIMEOUT));
	assert_true(vt_find(v, "「𠮟」(U+20B9F)", &r, &c));
	{
		char *line = vt_row(v, r), *lead = xasprintf(" %s  %s ", row, col);

		assert_non_null(strstr(line, lead));
		assert_non_null(strstr(line, "児童氏名"));
		free(line);
		free(lead);
	}
	assert_false(exists(path));
	vt_type(v, "n");
	assert_true(vt_wait_text(v, "書き出しませんでした", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "(*)CP932", VT_TIMEOUT)); /* back in the dialog */
	assert_false(exists(path));
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "〓 に置き換えて書き出しますか", VT_TIMEOUT));
	vt_type(v, "y");
	assert_true(vt_wait_text(v, "〓 に置き換え)", VT_TIMEOUT));
	assert_true(exists(path));
	assert_int_equal(iconv_ok(path, &got), 0);
	assert_non_null(strstr(got.buf, "〓田 花子"));
	assert_null(strstr(got.buf, CHILD_NAME));
	sbuf_release(&got);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_daily_today, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_daily_overdue_style, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_daily_other_day, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_daily_open_case, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_daily_print, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stats_scroll, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_utf8, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_cp932, setup, teardown),
	};
	struct tsu_err e = {0};

	if (text_init() != 0 || date_load_default(&e) != 0) {
		fprintf(stderr, "core data: %s\n", e.msg);
		return 1;
	}
	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
