/* screen_search.c: the 検索 screen on the real binary. Fixture: a ledger CSV
 * imported through `tsunagu import ledger` (a child with an open case led by
 * tanaka, one whose case was closed years ago, children with intakes only,
 * 﨑/崎/埼 names and four names that are hard to lay out sharing one birth
 * date). Then: / opens 検索 with a hint; a too short phone number and a
 * name nobody has say so; 高橋, 髙橋, ﾀｶﾊｼ and たかはし find 髙橋 陽翔 with
 * his case, registration and lead; ｻｲﾄｳ finds 齋藤 花; a birth date in three
 * forms narrows; a phone number with or without hyphens; 崎 and 埼 do not
 * cross; the columns line up whatever the names are written with; Up/Down
 * and n/N; Enter opens the open case, the last closed case, or says there
 * is none; Esc returns to the query; leaving writes exactly one audit row
 * naming the person picked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tsunagu/audit.h"
#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/key.h"
#include "tsunagu/person.h"
#include "tsunagu/search.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "vt.h"

struct fx {
	char *db;
	char csv[4200];
	struct vt *v;
};

/* 受付日 2024-04-10 opens case R6-0001; 山﨑 凛's case of 2021 is R3-0001. */
static const char ledger[] =
    "受付日,受付方法,相談経路,児童氏名,児童ふりがな,生年月日,性別,住所,電話,保護者氏名,"
    "保護者ふりがな,続柄,相談種別,虐待種別,主たる虐待者,主訴,登録区分,主担当,状態,終結日,"
    "終結理由\n"
    "2024-04-10 9:30,電話,学校,髙橋 陽翔,たかはし はると,2019-04-02,男,ひばり野市中央町2-5-12,"
    "090-1234-5678,髙橋 美咲,たかはし みさき,母,児童虐待相談,身体的虐待,実父,顔にあざ,"
    "要保護児童,tanaka,調査,,\n"
    "2024-05-01 10:00,来所,家族,高橋 遥,たかはし はるか,2020-06-01,女,,,,,,育児・しつけ相談,,,"
    "夜泣き,,,,,\n"
    "2024-05-02 11:00,電話,保育所,齋藤 花,さいとう はな,2021-08-15,女,,0234-22-1111,,,,"
    "育児・しつけ相談,,,食事,,,,,\n"
    "2021-06-01 9:00,電話,学校,山﨑 凛,やまさき りん,2015-01-20,女,,,,,,不登校相談,,,登校しぶり,"
    "要支援児童,tanaka,終結,2021-09-30,主訴の解消・改善\n"
    "2024-06-01 9:00,電話,学校,山埼 蓮,やまさき れん,2016-03-03,男,,,,,,不登校相談,,,欠席,,,,,\n"
    "2024-07-01 9:00,電話,学校,𠮷田 一,よしだ はじめ,2018-05-05,男,,,,,,不登校相談,,,欠席,,,,,\n"
    "2024-07-02 9:00,電話,学校,ｶﾞｸｾｲ ﾀﾛｳ,がくせい たろう,2018-05-05,男,,,,,,不登校相談,,,欠席,,,,"
    ",\n"
    "2024-07-03 9:00,電話,学校,葛\xf3\xa0\x84\x80飾 花,かつしか "
    "はな,2018-05-05,女,,,,,,不登校相談,,,"
    "欠席,,,,,\n"
    /* two closed cases, R2-0001 and R4-0001, of two sisters */
    "2020-06-01 9:00,電話,学校,佐伯 一花,さえき いちか,2012-02-02,女,,,佐伯 京子,さえき "
    "きょうこ,母,"
    "不登校相談,,,欠席,要支援児童,tanaka,終結,2020-12-25,主訴の解消・改善\n"
    "2022-06-01 9:00,電話,学校,佐伯 二葉,さえき ふたば,2014-03-03,女,,,佐伯 京子,さえき "
    "きょうこ,母,"
    "不登校相談,,,欠席,要支援児童,tanaka,終結,2022-12-25,主訴の解消・改善\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};
	const char *add[] = {"staff", "add", "tanaka", "田中 一郎", "support", NULL};
	const char *import[] = {"import", "ledger", f->csv, NULL};
	struct tsu_err e = {0};
	FILE *out;

	*state = f;
	f->db = vt_tmp_db();
	if (!f->db || text_init() != 0 || date_load_default(&e) != 0 || key_load_default(&e) != 0)
		return -1;
	snprintf(f->csv, sizeof f->csv, "%.*s/ledger.csv", (int)(strrchr(f->db, '/') - f->db),
	         f->db);
	if (!(out = fopen(f->csv, "w")))
		return -1;
	fputs(ledger, out);
	fclose(out);
	return vt_run_cli(f->db, init) == 0 && vt_run_cli(f->db, add) == 0 &&
	               vt_run_cli(f->db, import) == 0
	           ? 0
	           : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_free(f->v);
	unlink(f->csv);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, int rows, int cols)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db};
	const char *env[] = {"TSUNAGU_AMBIGUOUS=narrow", NULL};

	o.env = env;
	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "ホーム", VT_TIMEOUT));
	return f->v;
}

static void wait(struct vt *v, const char *text)
{
	if (!vt_wait_text(v, text, VT_TIMEOUT))
		fail_msg("not on the screen: %s", text);
}

static void gone(struct vt *v, const char *text)
{
	if (!vt_wait_gone(v, text, VT_TIMEOUT))
		fail_msg("still on the screen: %s", text);
}

static void absent(struct vt *v, const char *text)
{
	if (vt_find(v, text, NULL, NULL)) {
		vt_dump(v, stderr);
		fail_msg("should not be on the screen: %s", text);
	}
}

static int row_of(struct vt *v, const char *text)
{
	int row, col;

	if (!vt_wait_text(v, text, VT_TIMEOUT) || !vt_find(v, text, &row, &col))
		fail_msg("not found: %s", text);
	return row;
}

static bool row_has(struct vt *v, int row, const char *text)
{
	char *s = vt_row(v, row);
	bool has = strstr(s, text) != NULL;

	free(s);
	if (!has) {
		vt_dump(v, stderr);
		fprintf(stderr, "row %d lacks: %s\n", row, text);
	}
	return has;
}

static bool row_has_quiet(struct vt *v, int row, const char *text)
{
	char *s = vt_row(v, row);
	bool has = strstr(s, text) != NULL;

	free(s);
	return has;
}

/* The cell column where the ASCII text starts on row, -1 if nowhere. */
static int ascii_col(struct vt *v, int row, const char *text)
{
	size_t n = strlen(text);

	for (int c = 0; c + (int)n <= vt_cols(v); c++) {
		size_t i = 0;

		while (i < n && vt_char(v, row, c + (int)i) == (uint32_t)(unsigned char)text[i])
			i++;
		if (i == n)
			return c;
	}
	return -1;
}

/* Replace the query: Ctrl-U empties it, then text is typed. The lookup runs
 * once the keys are read and its rows come in the same refresh as the
 * query line: wait for that line, then for the output to go quiet. */
static void query(struct vt *v, const char *text)
{
	char *line = NULL;

	vt_type(v, "\x05\x15"); /* Ctrl-E, Ctrl-U */
	vt_type(v, text);
	line = malloc(strlen(text) + 16);
	snprintf(line, strlen(text) + 16, "検索: %s", text);
	if (!vt_wait_row(v, 1, line, VT_TIMEOUT))
		fail_msg("query not shown: %s", text);
	free(line);
	vt_settle(v, 80);
}

/* "3/3" on the status line, n of N. */
static void position(struct vt *v, int n, int total)
{
	char want[32];

	snprintf(want, sizeof want, "%d/%d ", n, total);
	if (!vt_wait_row(v, vt_rows(v) - 2, want, VT_TIMEOUT))
		fail_msg("status line lacks %s", want);
}

static int64_t count_search_rows(struct fx *f, struct audit_row *last)
{
	struct db *db = NULL;
	struct staff me = {0};
	struct tsu_err e = {0};
	struct audit_filter flt = {.limit = 1000};
	struct audit_row *rows = NULL;
	size_t n = 0;
	int64_t count = 0;

	if (db_open(f->db, 0, &db, &e) != 0 ||
	    staff_by_login(db, staff_current_login(), &me, &e) != 0 ||
	    audit_list(db, &me, &flt, &rows, &n, &e) != 0)
		fail_msg("core: %s", e.msg);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].action, "person.search") != 0)
			continue;
		if (count++ == 0 && last) { /* newest first */
			last->entity = strdup(rows[i].entity);
			last->entity_id = rows[i].entity_id;
			last->detail = strdup(rows[i].detail);
		}
	}
	audit_rows_free(rows, n);
	staff_release(&me);
	db_close(&db);
	return count;
}

static char *person_name(struct fx *f, int64_t id)
{
	struct db *db = NULL;
	struct staff me = {0};
	struct person p = {0};
	struct tsu_err e = {0};
	char *name;

	if (db_open(f->db, 0, &db, &e) != 0 ||
	    staff_by_login(db, staff_current_login(), &me, &e) != 0 ||
	    person_get(db, &me, id, &p, &e) != 0)
		fail_msg("core: %s", e.msg);
	name = person_display_name(&p);
	person_release(&p);
	staff_release(&me);
	db_close(&db);
	return name;
}

/* ---- the scenarios ------------------------------------------------------------- */

static void bad_input_first(struct vt *v)
{
	vt_type(v, "/");
	wait(v, "検索  人とケース");
	wait(v, "ふりがな、生年月日 (R1.5.1"); /* the hint of an empty query */
	absent(v, "該当なし");
	query(v, "12");
	wait(v, "電話番号は 3 桁以上で検索します");
	wait(v, "該当なし");
	query(v, "存在しない名前");
	wait(v, "該当なし");
	wait(v, "該当 0 件");
	query(v, "");
	wait(v, "ふりがな、生年月日 (R1.5.1");
	gone(v, "該当なし");
}

static void names_in_any_script(struct vt *v)
{
	static const char *const forms[] = {"高橋", "髙橋", "ﾀｶﾊｼ", "タカハシ", "たかはし"};
	int r;

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		query(v, forms[i]);
		r = row_of(v, "髙橋 陽翔");
		assert_true(row_has(v, r, "たかはし はると"));
		assert_true(row_has(v, r, "R6-0001"));
		assert_true(row_has(v, r, "要保護児童"));
		assert_true(row_has(v, r, "田中 一郎"));
		assert_true(row_has(v, r, "調査"));
		assert_true(row_has(v, r, "対応中"));
		assert_true(vt_find(v, "高橋 遥", NULL, NULL));
		wait(v, "該当 3 件"); /* 陽翔, 遥 and 陽翔's mother 美咲 */
		position(v, 1, 3);
		absent(v, "齋藤 花");
	}
	query(v, "ｻｲﾄｳ");
	r = row_of(v, "齋藤 花");
	assert_true(row_has(v, r, "受付のみ 1 件"));
	wait(v, "該当 1 件");
	absent(v, "髙橋 陽翔");
}

static void birth_date_and_phone(struct vt *v)
{
	static const char *const forms[] = {"たかはし H31.4.2", "たかはし 2019/4/2",
	                                    "たかはし 平成31年4月2日", "H31.4.2"};

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		query(v, forms[i]);
		wait(v, "該当 1 件");
		wait(v, "髙橋 陽翔");
		absent(v, "高橋 遥");
		wait(v, "生年月日 平成31年4月2日");
	}
	query(v, "09012345678"); /* the number was stored with hyphens */
	wait(v, "髙橋 陽翔");
	absent(v, "齋藤 花");
	query(v, "0234-22");
	wait(v, "齋藤 花");
	wait(v, "該当 1 件");
}

static void variants_do_not_overreach(struct vt *v)
{
	char hist[64];
	int r;

	query(v, "山崎"); /* 﨑 is a variant of 崎; 埼 is not */
	r = row_of(v, "山﨑 凛");
	snprintf(hist, sizeof hist, "%d年前に相談歴あり",
	         date_age((struct date){2021, 9, 30}, date_today()));
	assert_true(row_has(v, r, hist));
	absent(v, "山埼 蓮");
	query(v, "山埼");
	wait(v, "山埼 蓮");
	absent(v, "山﨑 凛");
	query(v, "やまさき");
	wait(v, "山埼 蓮");
	wait(v, "山﨑 凛");
}

/* The cell column of the first cell on row holding code point cp, -1 if none. */
static int cp_col(struct vt *v, int row, uint32_t cp)
{
	for (int c = 0; c < vt_cols(v); c++)
		if (vt_char(v, row, c) == cp)
			return c;
	return -1;
}

/* Names in variant, supplementary, half-width and IVS forms share a birth
 * date: each is shown whole, and the reading and the birth date start at
 * the header's columns on every row. */
static void columns_line_up(struct vt *v)
{
	static const struct {
		const char *name;
		uint32_t kana; /* first character of the reading */
	} rows[] = {{"𠮷田 一", 0x3088 /* よ */},
	            {"ｶﾞｸｾｲ ﾀﾛｳ", 0x304C /* が */},
	            {"葛\xf3\xa0\x84\x80飾 花", 0x304B /* か */}};
	char birth[40], d[24];
	int head = 3, kana_col, birth_col;

	date_format_short((struct date){2018, 5, 5}, d, sizeof d);
	snprintf(birth, sizeof birth, "%s (%d)", d,
	         date_age((struct date){2018, 5, 5}, date_today()));
	query(v, d);
	wait(v, "該当 3 件");
	assert_true(row_has(v, head, "ふりがな"));
	kana_col = cp_col(v, head, 0x3075 /* ふ */);
	birth_col = cp_col(v, head, 0x751F /* 生 */);
	assert_true(kana_col > 0 && birth_col > kana_col);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int r = row_of(v, rows[i].name);

		assert_true(r > head);
		assert_int_equal(cp_col(v, r, rows[i].kana), kana_col);
		assert_int_equal(ascii_col(v, r, birth), birth_col);
	}
}

static void moving_and_opening(struct fx *f, struct vt *v)
{
	int r;

	query(v, "たかはし");
	wait(v, "該当 3 件");
	position(v, 1, 3);
	vt_key(v, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	position(v, 2, 3);
	vt_key(v, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	position(v, 3, 3);
	vt_key(v, VTERM_KEY_DOWN, VTERM_MOD_NONE); /* stays on the last row */
	position(v, 3, 3);
	vt_key(v, VTERM_KEY_UP, VTERM_MOD_NONE);
	position(v, 2, 3);
	/* no case at all: a message, the screen stays */
	query(v, "はるか");
	wait(v, "高橋 遥");
	vt_type(v, "\r");
	wait(v, "高橋 遥 さんのケースはありません (受付 1 件)");
	wait(v, "検索: はるか");
	/* no open case: the last closed one */
	query(v, "山﨑");
	wait(v, "山﨑 凛");
	vt_type(v, "\r");
	r = row_of(v, "R3-0001 山﨑 凛");
	assert_int_equal(r, 0);
	assert_true(row_has(v, 0, "終結"));
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	wait(v, "検索: 山﨑");
	/* the open case; the case file's header shows its number */
	query(v, "たかはし はると");
	wait(v, "該当 1 件");
	wait(v, "主担当 田中 一郎"); /* the frame below the list */
	vt_type(v, "\r");
	r = row_of(v, "R6-0001 髙橋 陽翔");
	assert_int_equal(r, 0);
	assert_true(row_has(v, 0, "要保護児童"));
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	wait(v, "検索: たかはし はると");
	wait(v, "髙橋 陽翔");
	(void)f;
}

static void test_search_path(void **state)
{
	struct fx *f = *state;
	struct audit_row last = {0};
	struct vt *v;
	int64_t before = count_search_rows(f, NULL);
	char *name;

	v = start(f, 30, 100);
	bad_input_first(v);
	names_in_any_script(v);
	birth_date_and_phone(v);
	variants_do_not_overreach(v);
	columns_line_up(v);
	moving_and_opening(f, v);
	/* still one search session: nothing written while the screen is open */
	assert_int_equal(count_search_rows(f, NULL), before);
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	wait(v, "ホーム");
	gone(v, "検索  人とケース");
	vt_type(v, "q");
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 0);
	assert_int_equal(count_search_rows(f, &last), before + 1);
	assert_string_equal(last.entity, "person");
	assert_non_null(strstr(last.detail, "該当者を選択"));
	name = person_name(f, last.entity_id);
	assert_string_equal(name, "髙橋 陽翔");
	free(name);
	free(last.entity);
	free(last.detail);
}

/* 80 columns: the status and lead move to the frame; the reading is whole. */
static void test_narrow(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 24, 80);
	int r;

	vt_fkey(v, 3);
	wait(v, "検索  人とケース");
	query(v, "ﾀｶﾊｼ ﾊﾙﾄ");
	r = row_of(v, "髙橋 陽翔");
	assert_true(row_has(v, r, "たかはし はると"));
	assert_true(row_has(v, r, "R6-0001"));
	assert_true(row_has(v, r, "要保護児童"));
	assert_true(row_has(v, 3, "ふりがな"));
	assert_false(row_has_quiet(v, 3, "主担当"));
	assert_false(row_has_quiet(v, 3, "状態"));
	wait(v, "ケース: R6-0001  要保護児童  調査  主担当 田中 一郎");
	wait(v, "世帯: 髙橋 美咲(世帯主)");
	wait(v, "受付 1 件・ケース 1 件");
	position(v, 1, 1);
	vt_fkey(v, 10);
	wait(v, "ホーム");
}

/* The hit of query (looked up through the core, outside any session). */
static void core_hit(struct db *db, const struct staff *me, const char *q, int64_t *person,
                     int64_t *household)
{
	struct search_result res = {0};
	struct tsu_err e = {0};

	if (search_persons(db, me, q, 0, NULL, &res, &e) != 0 || res.n != 1)
		fail_msg("core search %s: %s (%zu hits)", q, e.msg, res.n);
	*person = res.hits[0].person_id;
	*household = res.hits[0].household_id;
	search_result_release(&res);
}

/* Enter on a person without an open case opens the last case closed with
 * them as its subject, even when a case of their household closed later:
 * 一花 also lives in 二葉's household, whose case R4-0001 closed last. */
static void test_last_closed_of_subject(void **state)
{
	struct fx *f = *state;
	struct db *db = NULL;
	struct staff me = {0};
	struct tsu_err e = {0};
	int64_t ichika, futaba, hh, unused;
	struct vt *v;

	if (db_open(f->db, 0, &db, &e) != 0 ||
	    staff_by_login(db, staff_current_login(), &me, &e) != 0)
		fail_msg("core: %s", e.msg);
	core_hit(db, &me, "さえき いちか", &ichika, &unused);
	core_hit(db, &me, "さえき ふたば", &futaba, &hh);
	if (household_add_member(db, &me, hh, ichika, "CH", &e) != 0)
		fail_msg("core: %s", e.msg);
	staff_release(&me);
	db_close(&db);
	v = start(f, 24, 80);
	vt_type(v, "/");
	wait(v, "検索  人とケース");
	query(v, "さえき いちか");
	wait(v, "該当 1 件");
	vt_type(v, "\r");
	assert_int_equal(row_of(v, "R2-0001 佐伯 一花"), 0);
	absent(v, "R4-0001");
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	query(v, "さえき ふたば");
	wait(v, "該当 1 件");
	vt_type(v, "\r");
	assert_int_equal(row_of(v, "R4-0001 佐伯 二葉"), 0);
	(void)futaba;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_search_path, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_narrow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_last_closed_of_subject, setup, teardown),
	};

	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
