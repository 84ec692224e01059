/* screen_plan.c: issue 7 on the real binary: the case list (進行管理台帳)
 * with its overdue filter and incremental search that folds variant kanji
 * and kana; writing a support plan (refused approval without items first),
 * approving and revising it with the earlier version still readable with
 * its changes; a progress note with a phrase template stamped with the
 * note's time; a case leaving the overdue list once its review is recorded;
 * another worker's save while the plan form is open (both shown, keep
 * mine); information given to an agency with its legal basis; a meeting over three cases whose
 * minutes show every case and decision and are written to a file, after which no case is overdue
 * any more. Fixtures: `tsunagu init` and core calls (persons, cases with reviews in the past). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tsunagu/case.h"
#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/key.h"
#include "tsunagu/person.h"
#include "tsunagu/plan.h"
#include "tsunagu/progress.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "tsunagu/transfer.h"
#include "tsunagu/util.h"
#include "vt.h"

enum { TAKA, SAITO, ITO, YAMADA, NCASES };

struct fx {
	char *db;
	char dir[4200];
	char no[NCASES][32];
	int64_t id[NCASES];
	struct vt *v;
};

static const struct {
	const char *fam, *given, *fk, *gk, *reg;
	int review; /* days from today */
} cases[NCASES] = {
    [TAKA] = {"髙橋", "陽翔", "たかはし", "はると", "P", -10},
    [SAITO] = {"斎藤", "花", "サイトウ", "ハナ", "S", -5},
    [ITO] = {"伊藤", "湊", "ｲﾄｳ", "ﾐﾅﾄ", NULL, -1},
    [YAMADA] = {"山田", "太郎", "やまだ", "たろう", NULL, 60},
};

static struct date days_from_today(int n)
{
	return date_from_days(date_to_days(date_today()) + n);
}

static int make_cases(struct fx *f)
{
	struct tsu_err e = {0};
	struct db *db = NULL;
	struct staff me = {0};
	int rc = -1;

	if (db_open(f->db, 0, &db, &e) != 0 || staff_by_login(db, staff_current_login(), &me, &e))
		goto out;
	for (int i = 0; i < NCASES; i++) {
		struct person p = {0};
		struct case_rec in = {0}, c = {0};

		p.family_name = (char *)cases[i].fam;
		p.given_name = (char *)cases[i].given;
		p.family_kana = (char *)cases[i].fk;
		p.given_kana = (char *)cases[i].gk;
		if (person_create(db, &me, &p, &e) != 0)
			goto out;
		in.subject_id = p.id;
		in.lead_id = me.id;
		in.opened = days_from_today(-120);
		in.next_review = days_from_today(cases[i].review);
		if (case_create(db, &me, &in, &c, &e) != 0)
			goto out;
		if (cases[i].reg && case_set_registration(db, &me, &c, cases[i].reg, NULL, &e) != 0)
			goto out;
		snprintf(f->no[i], sizeof f->no[i], "%s", c.case_no);
		f->id[i] = c.id;
		case_release(&c);
	}
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "fixture: %s\n", e.msg);
	staff_release(&me);
	db_close(&db);
	return rc;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};
	struct tsu_err e = {0};

	*state = f;
	f->db = vt_tmp_db();
	if (!f->db || text_init() != 0 || date_load_default(&e) != 0 || key_load_default(&e) != 0)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%.*s", (int)(strrchr(f->db, '/') - f->db), f->db);
	if (vt_run_cli(f->db, init) != 0)
		return -1;
	return make_cases(f);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char path[4300];

	vt_free(f->v);
	snprintf(path, sizeof path, "%s/minutes.txt", f->dir);
	unlink(path);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, int rows, int cols)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db};
	static const char *const env[] = {"TSUNAGU_AMBIGUOUS=narrow", NULL};

	o.env = env;
	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, "ホーム", VT_TIMEOUT));
	return f->v;
}

static void key(struct vt *v, int k, int times)
{
	for (int i = 0; i < times; i++)
		vt_key(v, k, VTERM_MOD_NONE);
}

static void status_has(struct vt *v, const char *text)
{
	assert_true(vt_wait_row(v, vt_rows(v) - 2, text, VT_TIMEOUT));
}

/* Open the case list and select the case whose name is typed as query
 * (the search ends with Enter, the row stays selected). */
static void select_case(struct vt *v, const char *query, const char *shown)
{
	vt_type(v, "l");
	assert_true(vt_wait_text(v, "進行管理台帳", VT_TIMEOUT));
	vt_type(v, query);
	assert_true(vt_wait_text(v, "(1件)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, shown, VT_TIMEOUT));
	vt_type(v, "\r");
	vt_settle(v, 100);
}

/* Overdue rows are marked (text and bold); 高橋 finds 髙橋, さいとう finds
 * サイトウ, the case number finds its row; Esc gives the whole list back. */
static void test_caselist_filters_and_search(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110);
	VTermScreenCell c;
	int row, col;

	vt_type(v, "l");
	assert_true(vt_wait_text(v, "4 件", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "山田 太郎", VT_TIMEOUT));
	/* overdue rows bold (red with colour), with the word beside the date */
	assert_true(vt_find(v, f->no[TAKA], &row, &col));
	assert_true(vt_cell(v, row, col, &c));
	assert_true(c.attrs.bold);
	assert_true(vt_find(v, f->no[YAMADA], &row, &col));
	assert_true(vt_cell(v, row, col, &c));
	assert_false(c.attrs.bold);
	vt_type(v, "o");
	assert_true(vt_wait_text(v, "3 件", VT_TIMEOUT));
	assert_true(vt_wait_gone(v, "山田 太郎", VT_TIMEOUT));
	assert_true(vt_find(v, "斎藤 花", &row, &col));
	vt_type(v, "o");
	assert_true(vt_wait_text(v, "4 件", VT_TIMEOUT));
	vt_type(v, "高橋");
	assert_true(vt_wait_text(v, "(1件)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "髙橋 陽翔", VT_TIMEOUT));
	assert_false(vt_find(v, "斎藤 花", NULL, NULL));
	key(v, VTERM_KEY_ESCAPE, 1);
	assert_true(vt_wait_text(v, "斎藤 花", VT_TIMEOUT));
	vt_type(v, "さいとう");
	assert_true(vt_wait_text(v, "(1件)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "斎藤 花", VT_TIMEOUT));
	assert_false(vt_find(v, "髙橋 陽翔", NULL, NULL));
	key(v, VTERM_KEY_ESCAPE, 1);
	vt_type(v, "f");
	vt_type(v, f->no[ITO]);
	assert_true(vt_wait_text(v, "(1件)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "伊藤 湊", VT_TIMEOUT));
	vt_type(v, "xyz");
	assert_true(vt_wait_text(v, "(0件)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "条件に合う継続中のケースはありません", VT_TIMEOUT));
}

/* Write a plan; approval refused while it has no item; add one, approve,
 * revise: version 2 is a draft, version 1 stays readable with what
 * version 2 changed. */
static void test_plan_write_and_revise(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 40, 110);

	select_case(v, "やまだ", "山田 太郎");
	vt_type(v, "p");
	assert_true(vt_wait_text(v, "支援計画がまだありません", VT_TIMEOUT));
	vt_type(v, "e");
	assert_true(vt_wait_text(v, "支援計画の編集", VT_TIMEOUT));
	vt_type(v, "母の養育負担が大きい\t祖母の協力がある\t家庭で安定して養育される\t"
	           "月2回の訪問を受け入れる\t母は支援を希望");
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "第1版 下書き", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "家庭で安定して養育される", VT_TIMEOUT));
	/* bad first: no item yet, the core refuses and says why */
	vt_type(v, "A");
	assert_true(vt_wait_text(v, "承認しますか", VT_TIMEOUT));
	vt_type(v, "y");
	status_has(v, "支援内容のない支援計画は承認できません");
	vt_type(v, "a");
	assert_true(vt_wait_text(v, "支援内容の追加", VT_TIMEOUT));
	vt_type(v, "家庭訪問による養育支援\t\tあおぞら保育園\t養育支援訪問事業\t月2回");
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "家庭訪問による養育支援", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "あおぞら保育園", VT_TIMEOUT));
	vt_type(v, "A");
	vt_type(v, "y");
	assert_true(vt_wait_text(v, "第1版 承認済 (佐藤 花子", VT_TIMEOUT));
	/* an approved version is changed by revising it */
	vt_type(v, "r");
	assert_true(vt_wait_text(v, "改訂して第2版", VT_TIMEOUT));
	vt_type(v, "y");
	assert_true(vt_wait_text(v, "第2版 下書き", VT_TIMEOUT));
	vt_type(v, "e");
	assert_true(vt_wait_text(v, "支援計画の編集", VT_TIMEOUT));
	vt_type(v, "\t\t\x05、登園が続く");
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "家庭で安定して養育される、登園が続く", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "第2版 下書き", VT_TIMEOUT));
	vt_type(v, "h");
	assert_true(vt_wait_text(v, "支援計画の版", VT_TIMEOUT));
	key(v, VTERM_KEY_DOWN, 1);
	vt_type(v, "\r");
	assert_true(vt_wait_text(v, "第1版 (閲覧のみ)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "長期目標: 家庭で安定して養育される", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "第1版から第2版への変更 (1 件)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "[変更] 長期目標", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "「家庭で安定して養育される、登園が続く」", VT_TIMEOUT));
}

/* Open the database as the worker the program runs as. */
static struct db *open_as_me(struct fx *f, struct staff *me)
{
	struct tsu_err e = {0};
	struct db *db = NULL;

	assert_int_equal(db_open(f->db, 0, &db, &e), 0);
	assert_int_equal(staff_by_login(db, staff_current_login(), me, &e), 0);
	return db;
}

/* Another worker saves the plan while the form is open: saving shows both
 * versions; Esc goes back with the typed text; after a second crossing save
 * keep mine stores it over theirs. */
static void test_plan_conflict(void **state)
{
	struct fx *f = *state;
	struct tsu_err e = {0};
	struct staff me = {0};
	struct db *db = open_as_me(f, &me);
	struct plan p = {0};
	struct vt *v;

	p.long_goal = xstrdup("家庭で安定して養育される");
	assert_int_equal(plan_create(db, &me, f->id[YAMADA], &p, &e), 0);
	v = start(f, 40, 110);
	select_case(v, "やまだ", "山田 太郎");
	vt_type(v, "p");
	assert_true(vt_wait_text(v, "第1版 下書き", VT_TIMEOUT));
	vt_type(v, "e");
	assert_true(vt_wait_text(v, "支援計画の編集", VT_TIMEOUT));
	vt_type(v, "\t\t\x05 (自分の案)");
	assert_true(vt_wait_text(v, "養育される (自分の案)", VT_TIMEOUT));
	/* meanwhile, someone else */
	free(p.long_goal);
	p.long_goal = xstrdup("祖母宅で安定して養育される");
	assert_int_equal(plan_update(db, &me, &p, &e), 0);
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "ほかの職員が先に保存しました", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "あなたの入力", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "養育される (自分の案)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "祖母宅で安定して養育される", VT_TIMEOUT));
	key(v, VTERM_KEY_ESCAPE, 1);
	assert_true(vt_wait_text(v, "支援計画の編集", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "養育される (自分の案)", VT_TIMEOUT));
	/* and saves once more: a second conflict, this time keep mine */
	free(p.long_goal);
	p.long_goal = xstrdup("施設入所を検討する");
	assert_int_equal(plan_update(db, &me, &p, &e), 0);
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "ほかの職員が先に保存しました", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "施設入所を検討する", VT_TIMEOUT));
	vt_type(v, "m");
	status_has(v, "支援計画 第1版を保存しました");
	assert_true(vt_wait_text(v, "家庭で安定して養育される (自分の案)", VT_TIMEOUT));
	plan_release(&p);
	assert_int_equal(plan_current(db, &me, f->id[YAMADA], &p, &e), 0);
	assert_string_equal(p.long_goal, "家庭で安定して養育される (自分の案)");
	plan_release(&p);
	staff_release(&me);
	db_close(&db);
}

/* The time field of the note form as shown ("14:05"). */
static void form_time(struct vt *v, char *out, size_t n)
{
	int row, col;
	char *line;
	const char *p;

	assert_true(vt_find(v, "時刻 *", &row, &col));
	line = vt_row(v, row);
	p = strstr(line, "時刻 *") + strlen("時刻 *");
	while (*p == ' ')
		p++;
	snprintf(out, n, "%.5s", p);
	free(line);
}

/* Saving an empty note says what is missing beside the fields; the
 * template of the chosen kind goes in with the note's time in front. */
static void test_note_with_template(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110);
	char hm[8], *expect;
	struct tsu_err e = {0};
	struct db *db = NULL;
	struct staff me = {0};
	struct note *notes = NULL;
	size_t n = 0;

	select_case(v, "高橋", "髙橋 陽翔");
	vt_type(v, "a");
	assert_true(vt_wait_text(v, "経過記録  ", VT_TIMEOUT));
	assert_true(vt_wait_text(v, f->no[TAKA], VT_TIMEOUT));
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "入力してください", VT_TIMEOUT));
	status_has(v, "入力に誤りがあります");
	vt_type(v, "家庭\r\t");
	assert_true(vt_wait_text(v, "家庭訪問", VT_TIMEOUT));
	vt_type(v, "\x14"); /* Ctrl-T */
	assert_true(vt_wait_text(v, "家庭訪問。本児を目視で確認、外傷なし。", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "家庭訪問。不在。連絡票を投函。", VT_TIMEOUT));
	assert_false(vt_find(v, "電話。応答なし。", NULL, NULL)); /* another kind's */
	vt_type(v, "\r");
	form_time(v, hm, sizeof hm);
	expect = malloc(strlen(hm) + 80);
	snprintf(expect, strlen(hm) + 80, "%s 家庭訪問。本児を目視で確認、外傷なし。", hm);
	assert_true(vt_wait_text(v, expect, VT_TIMEOUT));
	vt_type(v, "母と面談。");
	vt_type(v, "\x13");
	status_has(v, "経過記録を保存しました");
	assert_true(vt_wait_text(v, "進行管理台帳", VT_TIMEOUT));
	/* stored as shown */
	db = open_as_me(f, &me);
	assert_int_equal(progress_list(db, &me, f->id[TAKA], &notes, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].kind, "HOME");
	assert_non_null(strstr(notes[0].content, expect));
	assert_non_null(strstr(notes[0].content, "母と面談。"));
	assert_int_equal(strncmp(notes[0].at + 11, hm, 5), 0);
	notes_free(notes, n);
	staff_release(&me);
	db_close(&db);
	free(expect);
}

/* Recording a review moves the next review on by the cycle: the case
 * leaves the overdue list, the others stay. */
static void test_review_leaves_overdue(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110);

	vt_type(v, "l");
	vt_type(v, "o");
	assert_true(vt_wait_text(v, "3 件", VT_TIMEOUT));
	vt_type(v, "いとう"); /* finds ｲﾄｳ, and サイトウ too */
	assert_true(vt_wait_text(v, "(2件)", VT_TIMEOUT));
	key(v, VTERM_KEY_ESCAPE, 1);
	vt_type(v, "伊藤");
	assert_true(vt_wait_text(v, "(1件)", VT_TIMEOUT));
	vt_type(v, "\r");
	vt_type(v, "v");
	assert_true(vt_wait_text(v, "見直しを", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "周期 (3 か月)", VT_TIMEOUT));
	vt_type(v, "y");
	status_has(v, "見直しを記録しました");
	assert_true(vt_wait_gone(v, "伊藤 湊", VT_TIMEOUT));
	vt_type(v, "f"); /* back into the search line, Esc clears it */
	key(v, VTERM_KEY_ESCAPE, 1);
	assert_true(vt_wait_text(v, "2 件", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "髙橋 陽翔", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "斎藤 花", VT_TIMEOUT));
	assert_false(vt_find(v, "伊藤 湊", NULL, NULL));
}

/* 情報提供 from the case list: the empty form says what is missing; then
 * who received what, why and on what basis is stored. */
static void test_disclosure(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110);
	struct tsu_err e = {0};
	struct staff me = {0};
	struct disclosure *d = NULL;
	size_t n = 0;
	struct db *db;

	select_case(v, "やまだ", "山田 太郎");
	vt_type(v, "x");
	assert_true(vt_wait_text(v, "送致・情報提供", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "(*)情報提供", VT_TIMEOUT));
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "入力してください", VT_TIMEOUT));
	status_has(v, "入力に誤りがあります");
	/* the first wrong field has the focus */
	vt_type(v, "中央児童相談所\t\t\t援助方針の協議のため\t経過の概要と家族構成\t"
	           "児童福祉法25条の3");
	vt_type(v, "\x13");
	status_has(v, "中央児童相談所 への情報提供を記録しました");
	db = open_as_me(f, &me);
	assert_int_equal(disclosure_list(db, &me, f->id[YAMADA], &d, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].agency_name, "中央児童相談所");
	assert_string_equal(d[0].what, "経過の概要と家族構成");
	assert_string_equal(d[0].why, "援助方針の協議のため");
	assert_string_equal(d[0].legal_basis, "児童福祉法25条の3");
	disclosures_free(d, n);
	staff_release(&me);
	db_close(&db);
}

static void record_case(struct vt *v, const char *no, const char *policy, const char *decision)
{
	assert_true(vt_wait_text(v, no, VT_TIMEOUT));
	assert_true(vt_wait_text(v, "[未記録]", VT_TIMEOUT));
	vt_type(v, policy);
	vt_type(v, "\t");
	vt_type(v, decision);
	key(v, VTERM_KEY_PAGEDOWN, 1);
	assert_true(vt_wait_gone(v, decision, VT_TIMEOUT));
}

/* A 実務者会議 over every case due today: three cases, one screen each,
 * then the minutes with all three numbers and decisions, written to a
 * file; the decisions set the next reviews, so nothing is overdue. */
static void test_meeting_over_three_cases(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 50, 120);
	char path[4300], keys[4400], buf[8192];
	FILE *in;
	size_t len;

	vt_type(v, "c");
	assert_true(vt_wait_text(v, "会議の登録", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "(*)実務者会議", VT_TIMEOUT));
	vt_type(v, "\t\t11月定例\t\t青空小学校、中央児童相談所");
	vt_type(v, "\x13");
	assert_true(vt_wait_text(v, "検討ケース 1/3", VT_TIMEOUT));
	/* bad first: a page with only a key person is refused by the core */
	key(v, VTERM_KEY_UP, 1);
	vt_type(v, "母");
	key(v, VTERM_KEY_PAGEDOWN, 1);
	status_has(v, "支援方針または決定事項を入力");
	assert_true(vt_wait_text(v, "検討ケース 1/3", VT_TIMEOUT));
	vt_type(v, "\t");
	record_case(v, f->no[TAKA], "見守り継続", "学校と登校状況を共有する");
	assert_true(vt_wait_text(v, "検討ケース 2/3", VT_TIMEOUT));
	record_case(v, f->no[SAITO], "養育支援訪問を導入", "保健師が月1回訪問する");
	assert_true(vt_wait_text(v, "検討ケース 3/3", VT_TIMEOUT));
	record_case(v, f->no[ITO], "終結を検討", "次回会議で終結を判断する");
	assert_true(vt_wait_text(v, "会議録 (自由記述)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "記録済み 3/3 件", VT_TIMEOUT));
	vt_type(v, "出席者全員で確認した。");
	vt_type(v, "\x18"); /* Ctrl-X: the minutes */
	assert_true(vt_wait_text(v, "会議録  実務者会議", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "検討ケース 3件", VT_TIMEOUT));
	for (int i = TAKA; i <= ITO; i++)
		assert_true(vt_wait_text(v, f->no[i], VT_TIMEOUT));
	assert_true(vt_wait_text(v, "学校と登校状況を共有する", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "保健師が月1回訪問する", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "次回会議で終結を判断する", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "青空小学校", VT_TIMEOUT));
	/* written to a file */
	snprintf(path, sizeof path, "%s/minutes.txt", f->dir);
	vt_type(v, "e");
	assert_true(vt_wait_text(v, "ファイルに書き出す", VT_TIMEOUT));
	snprintf(keys, sizeof keys, "\x01\x0b%s\r", path);
	vt_type(v, keys);
	status_has(v, "に書き出しました");
	assert_non_null(in = fopen(path, "r"));
	len = fread(buf, 1, sizeof buf - 1, in);
	buf[len] = '\0';
	fclose(in);
	for (int i = TAKA; i <= ITO; i++)
		assert_non_null(strstr(buf, f->no[i]));
	assert_non_null(strstr(buf, "次回会議で終結を判断する"));
	assert_non_null(strstr(buf, "出席者全員で確認した。"));
	assert_null(strstr(buf, f->no[YAMADA])); /* not due */
	/* back to the case list: nothing is overdue now */
	vt_type(v, "q");
	assert_true(vt_wait_text(v, "会議録 (自由記述)", VT_TIMEOUT));
	vt_fkey(v, 10);
	assert_true(vt_wait_text(v, "ホーム", VT_TIMEOUT));
	vt_type(v, "l");
	vt_type(v, "o");
	assert_true(vt_wait_text(v, "条件に合う継続中のケースはありません", VT_TIMEOUT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_caselist_filters_and_search, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_plan_write_and_revise, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_plan_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_note_with_template, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_review_leaves_overdue, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disclosure, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_meeting_over_three_cases, setup, teardown),
	};

	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
