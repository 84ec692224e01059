/* screen_list.c: the list widget on 職員一覧 over real rows registered with
 * `tsunagu staff add`: names written with a variant kanji (髙), a character
 * outside the BMP (𠮷), half-width kana with a dakuten (ｶﾞ) and an ideographic
 * variation selector (葛󠄀) are shown whole and every column lines up; the
 * incremental filter folds variants and kana; the staff form's code field
 * filters its picker as you type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/person.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "vt.h"

struct fx {
	char *db;
	struct vt *v;
};

static const char *const people[][3] = {
    {"takahashi", "髙橋 陽翔", "support"},
    {"yoshida", "𠮷田 花子", "nurse"},
    {"gakusei", "ｶﾞｸｾｲ ﾀﾛｳ", "clerk"},
    {"katsushika", "葛\xf3\xa0\x84\x80飾 一郎", "psych"},
};
#define NPEOPLE (sizeof(people) / sizeof(people[0]))

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};

	f->db = vt_tmp_db();
	*state = f;
	if (!f->db || vt_run_cli(f->db, init) != 0)
		return -1;
	for (size_t i = 0; i < NPEOPLE; i++) {
		const char *add[] = {"staff",      "add",        people[i][0],
		                     people[i][1], people[i][2], NULL};

		if (vt_run_cli(f->db, add) != 0)
			return -1;
	}
	return 0;
}

/* The same names as children in cases led by the first staff member,
 * created through the core: home's 担当ケース list shows them. */
static const char *const children[][2] = {
    {"髙橋", "陽翔"},
    {"𠮷田", "花"},
    {"ｶﾞｸｾｲ", "ﾀﾛｳ"},
    {"葛\xf3\xa0\x84\x80飾", "凛"},
};

static int add_cases(const char *path)
{
	struct tsu_err e = {0};
	struct db *db = NULL;
	struct staff me = {0};
	int rc = -1;

	if (db_open(path, 0, &db, &e) != 0 ||
	    staff_by_login(db, staff_current_login(), &me, &e) != 0)
		goto out;
	for (size_t i = 0; i < sizeof(children) / sizeof(children[0]); i++) {
		struct person p = {.family_name = (char *)children[i][0],
		                   .given_name = (char *)children[i][1],
		                   .birth = {2019, 4, 2}};
		struct case_rec in = {.consult_type = "YG1", .lead_id = me.id}, out = {0};

		if (person_create(db, &me, &p, &e) != 0)
			goto out;
		in.subject_id = p.id;
		if (case_create(db, &me, &in, &out, &e) != 0)
			goto out;
		case_release(&out);
	}
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "add_cases: %s\n", e.msg);
	staff_release(&me);
	db_close(&db);
	return rc;
}

static int setup_cases(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};

	f->db = vt_tmp_db();
	*state = f;
	if (!f->db || vt_run_cli(f->db, init) != 0)
		return -1;
	return add_cases(f->db);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_free(f->v);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *open_list(struct fx *f, int rows, int cols, bool need_rows)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db};

	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "ホーム", VT_TIMEOUT));
	vt_type(f->v, "w");
	assert_true(vt_wait_text(f->v, "職員一覧 (", VT_TIMEOUT));
	vt_settle(f->v, 100);
	if (need_rows)
		assert_true(vt_wait_text(f->v, "katsushika", VT_TIMEOUT));
	return f->v;
}

/* Every name whole at column 0; logins and roles each in one column. */
static void assert_aligned(struct vt *v)
{
	int login_col = -1, role_col = -1;

	for (size_t i = 0; i < NPEOPLE; i++) {
		int r, c, r2, c2;

		assert_true(vt_find(v, people[i][1], &r, &c));
		assert_int_equal(c, 0);
		assert_true(vt_find(v, people[i][0], &r2, &c2));
		assert_int_equal(r2, r);
		if (login_col < 0)
			login_col = c2;
		assert_int_equal(c2, login_col);
		/* the role column: first non-blank after the login */
		c2 += (int)strlen(people[i][0]);
		while (c2 < vt_cols(v) && (vt_char(v, r, c2) == ' ' || vt_char(v, r, c2) == 0))
			c2++;
		if (role_col < 0)
			role_col = c2;
		assert_int_equal(c2, role_col);
	}
}

static void test_aligned(void **state)
{
	struct vt *v = open_list(*state, 24, 80, true);

	assert_aligned(v);
	assert_true(vt_wait_text(v, "子ども家庭支援員", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "保健師", VT_TIMEOUT));
	vt_resize(v, 20, 60);
	assert_true(vt_wait_row(v, 19, "F1", VT_TIMEOUT));
	vt_settle(v, 100);
	assert_aligned(v);
}

/* The filter folds variant kanji (高 finds 髙) and kana width/script (がくせい
 * finds ｶﾞｸｾｲ); Esc clears it. */
static void test_filter(void **state)
{
	struct vt *v = open_list(*state, 24, 80, true);

	vt_type(v, "f高橋");
	assert_true(vt_wait_text(v, "絞り込み: 高橋", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "yoshida", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "髙橋 陽翔", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "yoshida", VT_TIMEOUT));
	vt_type(v, "fがくせい");
	assert_true(vt_wait_gone(v, "takahashi", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "ｶﾞｸｾｲ ﾀﾛｳ", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_ENTER, VTERM_MOD_NONE); /* keep the filter, back to the list */
	vt_type(v, "q");
	assert_true(vt_wait_text(v, "ホーム", VT_TIMEOUT));
}

/* Adding a staff member: the role is a code field whose picker filters as
 * you type (ほけん finds 保健師); the new row appears in the list. */
static void test_add_with_picker(void **state)
{
	struct vt *v = open_list(*state, 24, 80, false);

	vt_type(v, "a");
	assert_true(vt_wait_text(v, "職員の追加", VT_TIMEOUT));
	vt_type(v, "鈴木 一郎\tsuzuki\t");
	/* the picker opens on Enter or typing, not on focus (Up/Down move) */
	vt_settle(v, 100);
	assert_false(vt_find(v, "coordinator 統括支援員", NULL, NULL));
	vt_key(v, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "coordinator 統括支援員", VT_TIMEOUT)); /* the picker */
	/* Esc closes the picker and keeps the form */
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	assert_true(vt_wait_gone(v, "coordinator 統括支援員", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "職員の追加", VT_TIMEOUT));
	vt_type(v, "ほけん");
	assert_true(vt_wait_gone(v, "coordinator 統括支援員", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "nurse 保健師", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_true(vt_wait_gone(v, "nurse 保健師", VT_TIMEOUT));
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "鈴木 一郎 さんを登録しました", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "職員の追加", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "suzuki", VT_TIMEOUT));
}

/* Home's 担当ケース over real cases: each child's name whole, the columns
 * after it (registration, status, next review) each in one column. */
static void test_home_cases(void **state)
{
	struct fx *f = *state;
	struct vt_opts o = {.rows = 30, .cols = 100, .db = f->db};
	struct vt *v;
	int first_row = -1, name_col = -1, after_col = -1;

	v = f->v = vt_start(&o);
	assert_non_null(v);
	assert_true(vt_wait_text(v, "担当ケース (4)", VT_TIMEOUT));
	for (size_t i = 0; i < sizeof(children) / sizeof(children[0]); i++) {
		char name[64];
		int r, c, w;

		snprintf(name, sizeof(name), "%s %s (", children[i][0], children[i][1]);
		assert_true(vt_wait_text(v, name, VT_TIMEOUT));
		assert_true(vt_find(v, name, &r, &c));
		if (first_row < 0)
			first_row = r;
		if (name_col < 0)
			name_col = c;
		assert_int_equal(c, name_col);
		/* the next column starts at the same cell on every row */
		w = c + text_width(name);
		while (w < vt_cols(v) && vt_char(v, r, w) != ' ')
			w++;
		while (w < vt_cols(v) && (vt_char(v, r, w) == ' ' || vt_char(v, r, w) == 0))
			w++;
		if (after_col < 0)
			after_col = w;
		assert_int_equal(w, after_col);
	}
	/* Japanese typed at a list starts its filter: 高 finds 髙 */
	vt_type(v, "\t\t高橋");
	assert_true(vt_wait_text(v, "絞り込み: 高橋", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "𠮷田 花", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "髙橋 陽翔", VT_TIMEOUT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_aligned, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_add_with_picker, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_home_cases, setup_cases, teardown),
	};

	text_init();
	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
