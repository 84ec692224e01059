/* screen_ambiguous.c: East Asian Ambiguous width (① ○ ※ ...).
 *
 * How this is tested: libvterm draws ambiguous characters one column wide and
 * has no switch for it, so the harness emulates a terminal set to draw them
 * two wide the only way that matters to a program: after each ambiguous
 * character it advances the cursor one more column, as such a terminal does
 * (vt.h, ambiguous_wide). The program's probe (① then ESC[6n) then gets the
 * answer such a terminal gives, and what the program lays out afterwards can
 * be checked cell by cell: characters two columns apart, the cursor placed
 * where ncurses believes the text ends (it only agrees with the terminal
 * when the program's wcwidth says 2), the field padding ending where it
 * should (the text module agreeing with ncurses), and the right-aligned
 * clock staying on its row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vt.h"

struct fx {
	char *db;
	struct vt *v;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->db = vt_tmp_db();
	*state = f;
	return f->db ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_free(f->v);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, bool wide_terminal, bool reply, const char *const *args,
                        const char *const *env)
{
	struct vt_opts o = {.rows = 24,
	                    .cols = 80,
	                    .db = f->db,
	                    .args = args,
	                    .env = env,
	                    .ambiguous_wide = wide_terminal,
	                    .no_cursor_reply = !reply};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "氏名 *", VT_TIMEOUT));
	return f->v;
}

enum { CIRCLED1 = 0x2460, WHITE_CIRCLE = 0x25CB, REFERENCE = 0x203B, YAMA = 0x5C71 };

/* Type ①○※山田 into the name field; the column where ① landed. */
static int type_name(struct vt *v, int *row)
{
	int col;

	vt_type(v, "①○※山田");
	assert_true(vt_wait_text(v, "田", VT_TIMEOUT));
	vt_settle(v, 150);
	assert_true(vt_find(v, "①", row, &col));
	return col;
}

static void assert_cursor_col(struct vt *v, int row, int col)
{
	int r, c;

	vt_cursor(v, &r, &c);
	if (r != row || c != col) {
		vt_dump(v, stderr);
		fail_msg("cursor at %d,%d, expected %d,%d", r, c, row, col);
	}
}

/* The field (24 columns) ends where it should: its padding agrees with
 * ncurses' idea of the text's width. */
static void assert_field_end(struct vt *v, int row, int start)
{
	VTermScreenCell c;

	assert_true(vt_cell(v, row, start + 23, &c));
	assert_true(c.attrs.underline);
	assert_true(vt_cell(v, row, start + 24, &c));
	assert_false(c.attrs.underline);
}

/* A terminal that draws them wide answers the probe; the program lays out
 * ① ○ ※ two columns each. */
static void test_probe_wide(void **state)
{
	struct vt *v = start(*state, true, true, NULL, NULL);
	int row, c = type_name(v, &row);

	assert_int_equal(vt_char(v, row, c), CIRCLED1);
	assert_int_equal(vt_char(v, row, c + 2), WHITE_CIRCLE);
	assert_int_equal(vt_char(v, row, c + 4), REFERENCE);
	assert_int_equal(vt_char(v, row, c + 6), YAMA);
	assert_cursor_col(v, row, c + 10);
	assert_field_end(v, row, c);
	/* saved: the status line holds the name and its clock stays at the end */
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "ホーム", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 22, "(統括支援員)", VT_TIMEOUT));
	assert_int_equal(vt_char(v, 22, 1), CIRCLED1);
	assert_int_equal(vt_char(v, 22, 3), WHITE_CIRCLE);
	assert_int_equal(vt_char(v, 22, 5), REFERENCE);
	assert_int_equal(vt_char(v, 22, 76), ':');
}

/* A terminal that draws them narrow: one column each. */
static void test_probe_narrow(void **state)
{
	struct vt *v = start(*state, false, true, NULL, NULL);
	int row, c = type_name(v, &row);

	assert_int_equal(vt_char(v, row, c + 1), WHITE_CIRCLE);
	assert_int_equal(vt_char(v, row, c + 2), REFERENCE);
	assert_int_equal(vt_char(v, row, c + 3), YAMA);
	assert_cursor_col(v, row, c + 7);
	assert_field_end(v, row, c);
}

/* --ambiguous=wide overrides what a narrow terminal answers: the program
 * now believes ①○※ take six columns (cursor at +10) although this terminal
 * drew them in three. */
static void test_option_wide(void **state)
{
	static const char *const args[] = {"--ambiguous=wide", NULL};
	struct vt *v = NULL;
	int row, c;

	/* options come before the subcommand-less call: --db PATH is first */
	v = start(*state, false, true, args, NULL);
	c = type_name(v, &row);
	assert_int_equal(vt_char(v, row, c + 1), WHITE_CIRCLE);
	assert_cursor_col(v, row, c + 10);
}

/* The setting ($TSUNAGU_AMBIGUOUS) overrides the probe too. */
static void test_setting_narrow(void **state)
{
	static const char *const env[] = {"TSUNAGU_AMBIGUOUS=narrow", NULL};
	struct vt *v = start(*state, true, true, NULL, env);
	int row, c = type_name(v, &row);

	assert_cursor_col(v, row, c + 7);
}

/* A terminal that never answers ESC[6n: the program starts anyway (after a
 * short wait) and stays narrow. */
static void test_no_reply(void **state)
{
	struct vt *v = start(*state, false, false, NULL, NULL);
	int row, c = type_name(v, &row);

	assert_cursor_col(v, row, c + 7);
	assert_field_end(v, row, c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_probe_wide, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_probe_narrow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_option_wide, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_setting_narrow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_reply, setup, teardown),
	};

	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
