/* screen_form.c: the form widget on the first-run registration form of a new
 * database: editing Japanese in the middle of a field by grapheme, the
 * cursor where the characters are, validation beside the field, resizing
 * (and too small) without losing typed text, asking before leaving, saving
 * with Ctrl-S, and wide characters at the right-hand columns. */
#include <setjmp.h>
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

static struct vt *start(struct fx *f, int rows, int cols)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "初回登録", VT_TIMEOUT));
	assert_true(vt_wait_text(f->v, "氏名 *", VT_TIMEOUT));
	return f->v;
}

static void key(struct vt *v, int k, int times)
{
	for (int i = 0; i < times; i++)
		vt_key(v, k, VTERM_MOD_NONE);
}

static bool blank(struct vt *v, int row, int col)
{
	uint32_t c = vt_char(v, row, col);

	return c == 0 || c == ' ';
}

static void assert_cursor(struct vt *v, int row, int col)
{
	int r, c;

	vt_settle(v, 100);
	vt_cursor(v, &r, &c);
	if (r != row || c != col) {
		vt_dump(v, stderr);
		fail_msg("cursor at %d,%d, expected %d,%d", r, c, row, col);
	}
}

/* 山田たろう, two steps left, Backspace: た goes, each kanji and kana keeps
 * two cells, and the cursor sits between 田 and ろ. */
static void test_delete_in_middle(void **state)
{
	struct vt *v = start(*state, 24, 80);
	int row, col;

	vt_type(v, "山田たろう");
	assert_true(vt_wait_text(v, "山田たろう", VT_TIMEOUT));
	assert_true(vt_find(v, "山田たろう", &row, &col));
	assert_cursor(v, row, col + 10);
	key(v, VTERM_KEY_LEFT, 2);
	key(v, VTERM_KEY_BACKSPACE, 1);
	assert_true(vt_wait_text(v, "山田ろう", VT_TIMEOUT));
	assert_int_equal(vt_char(v, row, col), 0x5C71);     /* 山 */
	assert_int_equal(vt_char(v, row, col + 2), 0x7530); /* 田 */
	assert_int_equal(vt_char(v, row, col + 4), 0x308D); /* ろ */
	assert_int_equal(vt_char(v, row, col + 6), 0x3046); /* う */
	assert_true(blank(v, row, col + 8));
	assert_cursor(v, row, col + 4);
	vt_type(v, "太");
	assert_true(vt_wait_text(v, "山田太ろう", VT_TIMEOUT));
	assert_cursor(v, row, col + 6);
	/* Delete removes the character under the cursor; Home/End, Ctrl-A/E */
	key(v, VTERM_KEY_DEL, 1);
	assert_true(vt_wait_text(v, "山田太う", VT_TIMEOUT));
	vt_type(v, "\x01"); /* Ctrl-A */
	assert_cursor(v, row, col);
	vt_type(v, "\x05"); /* Ctrl-E */
	assert_cursor(v, row, col + 8);
	key(v, VTERM_KEY_HOME, 1);
	assert_cursor(v, row, col);
	key(v, VTERM_KEY_RIGHT, 1);
	vt_type(v, "\x0b"); /* Ctrl-K: kill to the end */
	assert_true(vt_wait_gone(v, "山田太う", VT_TIMEOUT));
	assert_int_equal(vt_char(v, row, col), 0x5C71);
	assert_true(blank(v, row, col + 2));
	vt_type(v, "\x15"); /* Ctrl-U: kill to the start */
	vt_settle(v, 100);
	assert_true(blank(v, row, col));
	assert_cursor(v, row, col);
}

/* A grapheme is one step: 葛 with its IVS selector, ｶ with its half-width
 * dakuten (one cluster, two columns). */
static void test_graphemes(void **state)
{
	struct vt *v = start(*state, 24, 80);
	int row, col;

	vt_type(v, "葛\xf3\xa0\x84\x80飾ｶﾞｸ");
	assert_true(vt_wait_text(v, "飾ｶ", VT_TIMEOUT));
	assert_true(vt_find(v, "飾ｶ", &row, &col));
	col -= 2; /* where 葛 is */
	assert_int_equal(vt_char(v, row, col), 0x845B);
	assert_cursor(v, row, col + 7);
	key(v, VTERM_KEY_LEFT, 1);
	assert_cursor(v, row, col + 6); /* before ｸ */
	key(v, VTERM_KEY_LEFT, 1);
	assert_cursor(v, row, col + 4); /* before ｶﾞ: one step over two columns */
	key(v, VTERM_KEY_LEFT, 1);
	assert_cursor(v, row, col + 2); /* before 飾 */
	key(v, VTERM_KEY_BACKSPACE, 1); /* 葛 and its selector go together */
	assert_true(vt_wait_gone(v, "葛", VT_TIMEOUT));
	assert_int_equal(vt_char(v, row, col), 0x98FE); /* 飾 */
	assert_cursor(v, row, col);
}

/* Saving with the required name empty: the message stands beside the field. */
static void test_validation(void **state)
{
	struct vt *v = start(*state, 24, 80);
	int row, col, r2, c2;

	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "入力してください", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 22, "入力に誤りがあります", VT_TIMEOUT));
	assert_true(vt_find(v, "氏名 *", &row, &col));
	assert_true(vt_find(v, "入力してください", &r2, &c2));
	assert_int_equal(r2, row);
	vt_type(v, "山");
	assert_true(vt_wait_gone(v, "入力してください", VT_TIMEOUT));
}

/* Resize 80x24 -> 60x20 -> 80x24 and through "too small": what was typed
 * stays, even what was typed while the terminal was too small. */
static void test_resize_keeps_text(void **state)
{
	struct vt *v = start(*state, 24, 80);

	vt_type(v, "山田たろう");
	assert_true(vt_wait_text(v, "山田たろう", VT_TIMEOUT));
	vt_resize(v, 20, 60);
	assert_true(vt_wait_row(v, 19, "F1", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "山田たろう", VT_TIMEOUT));
	vt_resize(v, 24, 80);
	assert_true(vt_wait_row(v, 23, "F1", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "山田たろう", VT_TIMEOUT));
	vt_resize(v, 8, 30);
	assert_true(vt_wait_text(v, "端末が小さすぎます", VT_TIMEOUT));
	vt_type(v, "花");
	vt_settle(v, 100);
	vt_resize(v, 24, 80);
	assert_true(vt_wait_text(v, "山田たろう花", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "端末が小さすぎます", VT_TIMEOUT));
}

/* Leaving with unsaved text asks; "n" keeps the text, "y" leaves (and quits,
 * since nothing is below the first-run form). */
static void test_leave_asks(void **state)
{
	struct vt *v = start(*state, 24, 80);

	vt_type(v, "山田");
	assert_true(vt_wait_text(v, "山田", VT_TIMEOUT));
	vt_fkey(v, 10);
	assert_true(vt_wait_text(v, "保存されていない変更があります", VT_TIMEOUT));
	vt_type(v, "n");
	assert_true(vt_wait_gone(v, "保存されていない変更があります", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "山田", VT_TIMEOUT));
	/* Esc leaves a screen but never quits the program */
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	vt_settle(v, 300);
	assert_false(vt_find(v, "保存されていない変更があります", NULL, NULL));
	vt_type(v, "q"); /* text, in a text field */
	assert_true(vt_wait_text(v, "山田q", VT_TIMEOUT));
	vt_fkey(v, 10);
	assert_true(vt_wait_text(v, "保存されていない変更があります", VT_TIMEOUT));
	vt_type(v, "y");
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 0);
}

/* Ctrl-S reaches the program (raw mode) and saves; the radio group moved by
 * Right; home opens with the new staff member on the status line. */
static void test_save(void **state)
{
	struct vt *v = start(*state, 24, 80);

	vt_type(v, "山田たろう");
	vt_type(v, "\t");
	key(v, VTERM_KEY_RIGHT, 1);
	assert_true(vt_wait_text(v, "(*)子ども家庭支援員", VT_TIMEOUT));
	vt_type(v, "\x13"); /* Ctrl-S */
	assert_true(vt_wait_text(v, "ホーム", VT_TIMEOUT));
	assert_true(vt_wait_row(v, 22, "山田たろう (子ども家庭支援員)", VT_TIMEOUT));
	vt_type(v, "q");
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 0);
}

/* At an odd width wide characters fill the rightmost columns: the field
 * scrolls to keep the cursor in view, nothing straddles the edge, the
 * field's end does not move, and the right-aligned clock stays in place. */
static void test_wide_right_columns(void **state)
{
	struct vt *v = start(*state, 20, 61);
	int row, col, r, c, fr, fc;
	VTermScreenCell cell;

	vt_type(v, "鰯");
	assert_true(vt_wait_text(v, "鰯", VT_TIMEOUT));
	assert_true(vt_find(v, "鰯", &fr, &fc));
	for (int i = 0; i < 3; i++)
		vt_type(v, "いろはにほへとちりぬるを");
	vt_type(v, "鱈");
	assert_true(vt_wait_text(v, "鱈", VT_TIMEOUT));
	assert_true(vt_find(v, "鱈", &row, &col));
	assert_int_equal(row, fr);
	vt_cursor(v, &r, &c);
	assert_int_equal(r, row);
	assert_int_equal(c, col + 2);
	/* the field is 24 columns from fc: its last cell underlined, the next not */
	assert_true(vt_cell(v, row, fc + 23, &cell));
	assert_true(cell.attrs.underline ||
	            (vt_cell(v, row, fc + 22, &cell) && cell.width == 2 && cell.attrs.underline));
	assert_true(vt_cell(v, row, fc + 24, &cell));
	assert_false(cell.attrs.underline);
	for (int y = 0; y < vt_rows(v); y++) {
		char *s = vt_row(v, y);

		assert_true(text_width(s) <= 61);
		free(s);
		assert_true(vt_cell(v, y, 60, &cell));
		assert_true(cell.width == 1 || cell.chars[0] == 0);
	}
	/* "HH:MM " ends the status line */
	assert_int_equal(vt_char(v, 18, 57), ':');
	assert_true(blank(v, 18, 60));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_delete_in_middle, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_graphemes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_resize_keeps_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_leave_asks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_save, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wide_right_columns, setup, teardown),
	};

	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
