/* screen_input.c: input from the terminal. Invalid bytes (a stray 0xFF,
 * Shift_JIS, a cut-off sequence) show U+FFFD with a warning and the keys
 * after them keep working; Ctrl-C/Z/S/Q reach the program (raw mode);
 * Japanese goes into date fields in every form the date module reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tsunagu/date.h"
#include "tsunagu/text.h"
#include "vt.h"

struct fx {
	char *db;
	struct vt *v;
};

static int setup_empty(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->db = vt_tmp_db();
	*state = f;
	return f->db ? 0 : -1;
}

static int setup_staff(void **state)
{
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};
	struct fx *f;

	if (setup_empty(state) != 0)
		return -1;
	f = *state;
	return vt_run_cli(f->db, init) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_free(f->v);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, const char *wait)
{
	struct vt_opts o = {.rows = 24, .cols = 80, .db = f->db};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, wait, VT_TIMEOUT));
	return f->v;
}

#define FFFD "\xef\xbf\xbd"

/* 0xFF and a lone continuation byte each become U+FFFD, a warning appears,
 * and the keys after them still work (get_wch would have frozen here). */
static void test_invalid_bytes(void **state)
{
	struct vt *v = start(*state, "氏名 *");

	vt_type(v, "山\xff\x82田");
	assert_true(vt_wait_text(v, "山" FFFD FFFD "田", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 22, "UTF-8 ではない文字を受信しました", VT_TIMEOUT));
	/* Shift_JIS 山田 (8E 52 93 63): lead bytes invalid, ASCII bytes kept */
	vt_type(v, "\x8e\x52\x93\x63");
	assert_true(vt_wait_text(v, "田" FFFD "R" FFFD "c", VT_TIMEOUT));
	/* a sequence cut short, then a normal key */
	vt_type(v, "\xe5\xb1");
	vt_type(v, "x");
	assert_true(vt_wait_text(v, "c" FFFD "x", VT_TIMEOUT));
	/* and everything keeps working: editing, Tab, F1, back */
	vt_key(v, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE);
	assert_true(vt_wait_gone(v, FFFD "x", VT_TIMEOUT));
	vt_type(v, "\t");
	vt_key(v, VTERM_KEY_RIGHT, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "(*)子ども家庭支援員", VT_TIMEOUT));
	vt_fkey(v, 1);
	assert_true(vt_wait_text(v, "[全体]", VT_TIMEOUT));
	vt_type(v, "q");
	assert_true(vt_wait_text(v, "山" FFFD FFFD "田" FFFD "R" FFFD "c" FFFD, VT_TIMEOUT));
}

/* Raw mode: Ctrl-C and Ctrl-Z neither kill nor stop the program, Ctrl-Q and
 * Ctrl-S are not swallowed by flow control. */
static void test_control_keys(void **state)
{
	struct vt *v = start(*state, "ホーム");

	vt_type(v, "\x03\x1a\x11\x13");
	vt_settle(v, 300);
	vt_fkey(v, 1);
	assert_true(vt_wait_text(v, "[全体]", VT_TIMEOUT));
	vt_type(v, "q");
	assert_true(vt_wait_gone(v, "[全体]", VT_TIMEOUT));
	vt_type(v, "q");
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 0);
}

/* Japanese in a date field: 令和, full-width letters and digits, ISO; the
 * 和暦 note beside it; an impossible date explained; age and grade from a
 * birth date. */
static void test_date_field(void **state)
{
	struct vt *v = start(*state, "ホーム");
	struct tsu_err e = {0};
	struct date birth = {2019, 4, 2}, today;
	char want[128];
	int age, grade;

	vt_type(v, "g");
	assert_true(vt_wait_text(v, "基準日の変更", VT_TIMEOUT));
	vt_type(v, "令和6年4月1日");
	assert_true(vt_wait_text(v, "令和6年4月1日(月)", VT_TIMEOUT));
	vt_type(v, "\x15"
	           "\xef\xbc\xb2\xef\xbc\x96\xef\xbc\x8e\xef\xbc\x94\xef\xbc\x8e\xef\xbc\x92");
	assert_true(vt_wait_text(v, "令和6年4月2日(火)", VT_TIMEOUT)); /* Ｒ６．４．２ */
	vt_type(v, "\x15"
	           "令和1年4月30日\t");
	/* the date module's own explanation, shown when leaving the field */
	assert_true(vt_wait_text(v, "令和1年4月30日はありません", VT_TIMEOUT));
	/* birth date: age and grade today, as the core computes them */
	assert_int_equal(date_load_default(&e), 0);
	today = date_today();
	age = date_age(birth, today);
	grade = date_school_grade(birth, date_fiscal_year(today));
	snprintf(want, sizeof(want), "平成31年4月2日 %d歳%s%s", age,
	         *date_grade_label(grade) ? " " : "", date_grade_label(grade));
	vt_type(v, "H31.4.2");
	assert_true(vt_wait_text(v, want, VT_TIMEOUT));
	/* save the 基準日 back to an ISO date and see it on home */
	vt_key(v, VTERM_KEY_TAB, VTERM_MOD_SHIFT);
	vt_type(v, "\x15"
	           "2024-04-01");
	assert_true(vt_wait_text(v, "令和6年4月1日(月)", VT_TIMEOUT));
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "基準日 令和6年4月1日(月)", VT_TIMEOUT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_invalid_bytes, setup_empty, teardown),
	    cmocka_unit_test_setup_teardown(test_control_keys, setup_staff, teardown),
	    cmocka_unit_test_setup_teardown(test_date_field, setup_staff, teardown),
	};

	text_init();
	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
