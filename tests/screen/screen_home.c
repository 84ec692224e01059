/* screen_home.c: the shell around the screens, on the real binary in a pty:
 * the home screen with its status line and generated key legend, the help
 * screen and its letter alias, placeholders, leaving restores the terminal,
 * NO_COLOR keeps meaning with attributes, and the program's own chrome holds
 * no East Asian Ambiguous character. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tsunagu/text.h"
#include "vt.h"

struct fx {
	char *db;
	struct vt *v;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};

	f->db = vt_tmp_db();
	*state = f;
	return f->db && vt_run_cli(f->db, init) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_free(f->v);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, int rows, int cols, const char *const *env)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db, .env = env};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "ホーム", VT_TIMEOUT));
	return f->v;
}

/* The legend is the last row, generated from the tables: every F-key shows
 * its letter alias; the status line names the staff member, role and file. */
static void test_legend_and_status(void **state)
{
	struct vt *v = start(*state, 30, 100, NULL);
	char *status;

	assert_true(vt_wait_row(v, 29, "F1/?ヘルプ", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 29, "F2/n新規受付", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 29, "F3//検索", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 29, "F4/lケース一覧", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 29, "F5/d本日のまとめ", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 29, "F6/s統計", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 29, "F10/q終了", VT_TIMEOUT));
	status = vt_row(v, 28);
	assert_non_null(strstr(status, "佐藤 花子 (統括支援員)"));
	assert_non_null(strstr(status, "t.db"));
	free(status);
	/* home's lists come from the real queries: an empty database says so */
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "担当している継続中のケースはありません", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "本日", VT_TIMEOUT));
}

/* With colours allowed some meaning is coloured (so the NO_COLOR test below
 * proves something). */
static void test_color_used(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);
	bool colored = false;
	VTermScreenCell c;

	assert_true(vt_wait_row(v, 23, "F1/?ヘルプ", VT_TIMEOUT));
	for (int r = 0; r < vt_rows(v) && !colored; r++)
		for (int x = 0; x < vt_cols(v) && !colored; x++)
			colored = vt_cell(v, r, x, &c) && !VTERM_COLOR_IS_DEFAULT_FG(&c.fg);
	assert_true(colored);
}

/* At 80 columns the legend drops what does not fit, never help or quit. */
static void test_legend_narrow(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);

	assert_true(vt_wait_row(v, 23, "F1/?ヘルプ", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 23, "F10/q終了", VT_TIMEOUT));
}

/* F1 and its alias ? open the help generated from the command table; q, Esc
 * and F10 come back. */
static void test_help(void **state)
{
	struct vt *v = start(*state, 30, 100, NULL);

	vt_fkey(v, 1);
	assert_true(vt_wait_text(v, "ヘルプ  (Esc/F10/q で戻る", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "「ホーム」の画面", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "[全体]", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "F2 / n", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "新規受付: 新しい相談・通告を受け付けます", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "F10 / q", VT_TIMEOUT));
	vt_type(v, "q");
	assert_true(vt_wait_gone(v, "[全体]", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	vt_type(v, "?");
	assert_true(vt_wait_text(v, "[全体]", VT_TIMEOUT));
	/* the help filters like any list: only rows about 保存 stay */
	vt_type(v, "f保存");
	assert_true(vt_wait_text(v, "F9 / Ctrl-S", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "新規受付: 新しい", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE); /* clears the filter */
	assert_true(vt_wait_text(v, "新規受付: 新しい", VT_TIMEOUT));
	vt_fkey(v, 10);
	assert_true(vt_wait_gone(v, "[全体]", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
}

/* Screens later issues build say so on the status line; keys keep working. */
static void test_placeholders(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);

	vt_fkey(v, 2); /* built: screen_intake.c; Esc comes back */
	assert_true(vt_wait_row(v, 0, "新規受付  通話", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	vt_type(v, "l"); /* built: screen_plan.c; q comes back */
	assert_true(vt_wait_row(v, 0, "ケース一覧 (進行管理台帳)", VT_TIMEOUT));
	vt_type(v, "q");
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_FUNCTION(5), VTERM_MOD_NONE); /* built: screen_reports.c */
	assert_true(vt_wait_row(v, 0, "本日のまとめ", VT_TIMEOUT));
}

/* q at home quits: alternate screen left, cursor shown, cooked mode back. */
static void test_exit_restores_terminal(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);
	struct termios t;

	assert_true(vt_altscreen(v));
	vt_type(v, "q");
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 0);
	assert_false(vt_altscreen(v));
	assert_true(vt_cursor_visible(v));
	assert_true(vt_termios(v, &t));
	assert_true(t.c_lflag & ICANON);
	assert_true(t.c_lflag & ECHO);
	assert_true(t.c_lflag & ISIG);
	assert_true(t.c_iflag & ICRNL);
}

/* SIGTERM (our handler only sets a flag): the loop ends, the terminal is
 * restored, the exit status says it was a signal. */
static void test_sigterm_restores_terminal(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);
	struct termios t;

	vt_signal(v, SIGTERM);
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 1);
	assert_false(vt_altscreen(v));
	assert_true(vt_termios(v, &t));
	assert_true(t.c_lflag & ICANON);
	assert_true(vt_wait_text(v, "シグナル", VT_TIMEOUT));
}

/* Ctrl-L repaints from scratch; the screen comes back the same. */
static void test_redraw(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);

	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	vt_type(v, "\x0c");
	vt_settle(v, 200);
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 23, "F1/?ヘルプ", VT_TIMEOUT));
}

/* NO_COLOR: no colour anywhere, meanings kept: the status line is reverse,
 * the legend keys bold, the column headers underlined. */
static void test_no_color(void **state)
{
	static const char *const env[] = {"NO_COLOR=1", NULL};
	struct vt *v = start(*state, 24, 80, env);
	VTermScreenCell c;
	int row, col;

	assert_true(vt_wait_row(v, 23, "F1/?ヘルプ", VT_TIMEOUT));
	for (int r = 0; r < vt_rows(v); r++)
		for (int x = 0; x < vt_cols(v); x++) {
			assert_true(vt_cell(v, r, x, &c));
			assert_true(VTERM_COLOR_IS_DEFAULT_FG(&c.fg));
		}
	assert_true(vt_cell(v, 22, 0, &c));
	assert_true(c.attrs.reverse);
	assert_true(vt_cell(v, 23, 0, &c)); /* "F1" */
	assert_true(c.attrs.bold);
	assert_true(vt_find(v, "番号", &row, &col));
	assert_true(vt_cell(v, row, col, &c));
	assert_true(c.attrs.underline);
}

/* Frames and markers are ASCII: nothing the program draws by itself is East
 * Asian Ambiguous (which would break on terminals that draw those wide). */
static void test_no_ambiguous_chrome(void **state)
{
	struct vt *v = start(*state, 30, 100, NULL);

	assert_true(vt_wait_row(v, 29, "F1/?ヘルプ", VT_TIMEOUT));
	for (int pass = 0; pass < 2; pass++) {
		for (int r = 0; r < vt_rows(v); r++)
			for (int x = 0; x < vt_cols(v); x++) {
				uint32_t ch = vt_char(v, r, x);

				if (ch >= 0x80 && text_is_ambiguous(ch)) {
					vt_dump(v, stderr);
					fail_msg("ambiguous U+%04X at %d,%d", ch, r, x);
				}
			}
		vt_fkey(v, 1);
		assert_true(vt_wait_text(v, "[全体]", VT_TIMEOUT));
	}
}

/* Below the minimum size a clear message, and back again intact. */
static void test_too_small(void **state)
{
	struct vt *v = start(*state, 24, 80, NULL);

	vt_resize(v, 10, 40);
	assert_true(vt_wait_text(v, "端末が小さすぎます", VT_TIMEOUT));
	vt_resize(v, 24, 80);
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "端末が小さすぎます", VT_TIMEOUT));
}

/* TERM=dumb: a clear message on the plain terminal, exit status 1. */
static void test_dumb_terminal(void **state)
{
	struct fx *f = *state;
	struct vt_opts o = {.db = f->db, .term = "dumb"};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "TERM=dumb", VT_TIMEOUT));
	assert_true(vt_wait_text(f->v, "全画面表示ができません", VT_TIMEOUT));
	assert_int_equal(vt_wait_exit(f->v, VT_TIMEOUT), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_legend_and_status, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_legend_narrow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_color_used, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_help, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_placeholders, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_exit_restores_terminal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sigterm_restores_terminal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_redraw, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_color, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_ambiguous_chrome, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_too_small, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dumb_terminal, setup, teardown),
	};

	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
