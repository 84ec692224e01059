/* screen_casefile.c: the 受理会議 and case-file screens on the real binary:
 * an intake imported from a ledger CSV waits in 未受理の受付; the 受理会議
 * form accepts it with a lead and a registration and shows the new case
 * number; the assessment shows AA and its reason as soon as question 3 is
 * answered yes and asks for a reason when the decision differs; the case
 * file then shows the case, the registration, the assessment in the time
 * line and the genogram; the kind filter; a conflicting save shows both
 * versions and "keep mine" stores mine; closing needs a reason; revealing a
 * masked address asks for one. Fixtures through subcommands and core calls. */
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
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "vt.h"

struct fx {
	char *db;
	char csv[4200];
	char case_no[32]; /* the number the first case of this 年度 gets */
	struct vt *v;
};

static const char ledger[] =
    "受付日,受付方法,相談経路,児童氏名,児童ふりがな,生年月日,性別,住所,電話,保護者氏名,"
    "保護者ふりがな,続柄,相談種別,虐待種別,主たる虐待者,主訴\n"
    "2024-04-10 9:30,電話,学校,髙橋 陽翔,たかはし はると,2019-04-02,男,"
    "ひばり野市中央町2-5-12,0000-00-1234,髙橋 美咲,たかはし みさき,母,児童虐待相談,"
    "身体的虐待,実父,顔にあざ\n";

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
	/* 令和 year of today's 年度: the case opens on the day of the meeting */
	snprintf(f->case_no, sizeof f->case_no, "R%d-0001", date_fiscal_year(date_today()) - 2018);
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

static struct vt *start(struct fx *f, int rows, int cols, bool wide)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db, .ambiguous_wide = wide};
	const char *env[] = {wide ? "TSUNAGU_AMBIGUOUS=wide" : "TSUNAGU_AMBIGUOUS=narrow", NULL};

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

/* The row holding text, or a failure. */
static int row_of(struct vt *v, const char *text)
{
	int row, col;

	if (!vt_wait_text(v, text, VT_TIMEOUT) || !vt_find(v, text, &row, &col))
		fail_msg("not found: %s", text);
	return row;
}

static bool row_has(struct vt *v, int row, const char *text)
{
	char *s;

	vt_wait_text(v, text, VT_TIMEOUT);
	s = vt_row(v, row);
	bool has = strstr(s, text) != NULL;

	free(s);
	if (!has)
		vt_dump(v, stderr);
	return has;
}

/* ---- core calls standing in for another worker -------------------------------- */

struct other {
	struct db *db;
	struct staff me;
	struct case_rec c;
};

static void other_open(struct fx *f, struct other *o)
{
	struct tsu_err e = {0};

	memset(o, 0, sizeof(*o));
	if (db_open(f->db, 0, &o->db, &e) != 0 ||
	    staff_by_login(o->db, staff_current_login(), &o->me, &e) != 0 ||
	    case_get_by_no(o->db, &o->me, f->case_no, &o->c, &e) != 0)
		fail_msg("core: %s", e.msg);
}

static void other_close(struct other *o)
{
	case_release(&o->c);
	staff_release(&o->me);
	db_close(&o->db);
}

static char *stored_team(struct fx *f)
{
	struct other o;
	char *team;

	other_open(f, &o);
	team = strdup(o.c.team);
	other_close(&o);
	return team;
}

/* ---- the path ------------------------------------------------------------------ */

/* Home -> 未受理の受付 -> 受理会議: accept with a lead, team, safety check,
 * agencies and 要保護児童; the case number is shown and the assessment
 * offered. */
static void juri_accept(struct fx *f, struct vt *v)
{
	vt_type(v, "j");
	wait(v, "未受理の受付 (1 件)");
	assert_true(row_has(v, row_of(v, "2024-04-10 09:30"), "髙橋 陽翔 (7)"));
	assert_true(row_has(v, row_of(v, "2024-04-10 09:30"), "児童虐待相談 身体的虐待"));
	assert_true(row_has(v, row_of(v, "2024-04-10 09:30"), "佐藤 花子"));
	vt_type(v, "\r");
	wait(v, "受理会議  受付 1  髙橋 陽翔 (7)");
	assert_false(vt_find(v, "主担当", NULL, NULL)); /* only after choosing 受理する */
	/* 受理しない first: its fields appear; then 受理する keeps what was typed */
	vt_type(v, "2");
	wait(v, "(*)受理しない");
	wait(v, "結果 *");
	vt_type(v, "1");
	wait(v, "(*)受理する");
	gone(v, "結果 *");
	wait(v, "主担当 *");
	vt_type(v, "\t\t田中 一郎、青空小 教頭\t\t2\t"); /* 出席者, 相談種別 kept, 緊急度 AA */
	wait(v, "(*)AA");
	vt_type(v, "田中\tA班\t家庭訪問\t2030-01-10 17:00\t青空小学校\rひばり野保育園\t\t\t1");
	wait(v, "(*)要保護児童");
	assert_true(vt_find(v, "田中 一郎", NULL, NULL));
	vt_type(v, "\x13"); /* Ctrl-S */
	wait(v, "受理しました: ケース");
	assert_true(vt_find(v, f->case_no, NULL, NULL));
	wait(v, "(新規作成)");
	vt_type(v, "y");
}

/* Question 3 yes: AA and its reason at once; a different decision asks for
 * a reason beside the field; severity gives the handler; save. */
static void assess_aa(struct fx *f, struct vt *v)
{
	int r1, r2, c;

	wait(v, "緊急度アセスメント");
	wait(v, "判定案: なし");
	wait(v, "未回答 8 問");
	key(v, VTERM_KEY_DOWN, 2);
	wait(v, "例 (設問3): 性的虐待");
	vt_type(v, "1");
	wait(v, "判定案: AA (③に該当: 緊急一時保護を検討");
	/* saving with questions unanswered names them */
	vt_fkey(v, 9);
	wait(v, "未回答の設問があります: 1, 2, 4, 5, 6, 7, 8");
	key(v, VTERM_KEY_UP, 2);
	vt_type(v, "2");
	key(v, VTERM_KEY_DOWN, 1);
	vt_type(v, "2");
	for (int q = 4; q <= 8; q++) {
		key(v, VTERM_KEY_DOWN, q == 4 ? 2 : 1);
		vt_type(v, q == 6 ? "3" : "2"); /* 6 unknown, the others no */
	}
	gone(v, "未回答 1 問"); /* all answered (the status line may still name them) */
	key(v, VTERM_KEY_DOWN, 1); /* the decided grade */
	vt_type(v, "3");           /* A: differs from AA */
	wait(v, "判定案と異なるため理由を入力してください");
	assert_true(vt_find(v, "理由", &r1, &c));
	assert_true(vt_find(v, "判定案と異なるため理由を入力してください", &r2, &c));
	assert_int_equal(r1, r2);
	vt_type(v, "1"); /* back to the suggestion */
	gone(v, "判定案と異なるため理由を入力してください");
	key(v, VTERM_KEY_DOWN, 2);
	vt_type(v, "生命");
	vt_type(v, "\r");
	wait(v, "対応の目安: 児童相談所");
	vt_type(v, "\x13");
	(void)f;
}

static void casefile_shows_all(struct fx *f, struct vt *v)
{
	int hr;

	wait(v, "緊急度アセスメントを記録しました (判定 AA)");
	wait(v, "経過 (新しい順)");
	hr = row_of(v, f->case_no);
	assert_true(row_has(v, hr, "髙橋 陽翔 (7, 小1)"));
	assert_true(row_has(v, hr, "要保護児童"));
	assert_true(row_has(v, hr, "アセスメント"));
	assert_true(row_has(v, hr, "主担当 田中 一郎"));
	wait(v, "チーム: A班");
	/* 職員 keeps the whole name now, so 内容 may end in ".." */
	wait(v, "判定 AA (判定案 AA) 生命の危");
	wait(v, "受理会議 受理 緊急度AA");
	wait(v, "電話 児童虐待相談 身体的虐待");
	wait(v, "[[陽翔]]");
	wait(v, "<美咲>");
	/* the kind filter: アセスメント only, then 受付 only */
	vt_type(v, "kkk");
	wait(v, "[アセスメント]");
	gone(v, "顔にあざ");
	assert_true(vt_find(v, "判定 AA (判定案 AA)", NULL, NULL));
	key(v, VTERM_KEY_LEFT, 2);
	wait(v, "[受付]");
	wait(v, "顔にあざ");
	gone(v, "判定 AA (判定案 AA)");
	key(v, VTERM_KEY_LEFT, 1);
	wait(v, "[全て]");
	wait(v, "判定 AA (判定案 AA)");
	/* Enter on an entry shows all of it, however narrow the column */
	vt_key(v, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	wait(v, "経過の詳細");
	wait(v, "生命の危険");
	vt_send(v, "\x1b", 1);
	gone(v, "経過の詳細");
	/* m writes a progress note for this case from the case file */
	vt_type(v, "m");
	wait(v, "経過記録");
	wait(v, "Ctrl-T");
	vt_send(v, "\x1b", 1);
	wait(v, "[全て]");
}

/* Another worker saves the case while the edit is open: both versions are
 * shown with the difference marked; keep mine stores mine. */
static void conflict_keep_mine(struct fx *f, struct vt *v)
{
	struct tsu_err e = {0};
	struct other o;
	VTermScreenCell cell;
	char *team;
	int row, col;

	vt_type(v, "e");
	wait(v, "ケースの編集");
	vt_type(v, "\tB班");
	wait(v, "A班B班");
	other_open(f, &o);
	free(o.c.team);
	o.c.team = strdup("C班");
	assert_int_equal(case_update(o.db, &o.me, &o.c, &e), 0);
	other_close(&o);
	vt_type(v, "\x13");
	wait(v, "ほかの職員が先に保存しました: ");
	wait(v, "あなたの入力");
	row = row_of(v, "A班B班");
	assert_true(row_has(v, row, "C班"));
	assert_true(row_has(v, row, "チーム"));
	assert_int_equal(vt_char(v, row, 0), '*');
	assert_true(vt_find(v, "C班", &row, &col));
	assert_true(vt_cell(v, row, col, &cell));
	assert_true(cell.attrs.reverse && cell.attrs.bold);
	assert_true(vt_char(v, row_of(v, "主担当  "), 0) != '*'); /* same lead: not marked */
	/* Esc goes back to the edit with the typed text */
	vt_key(v, VTERM_KEY_ESCAPE, VTERM_MOD_NONE);
	wait(v, "ケースの編集");
	wait(v, "A班B班");
	vt_type(v, "\x13");
	wait(v, "あなたの入力");
	vt_type(v, "m");
	wait(v, "あなたの入力で保存しました");
	wait(v, "チーム: A班B班");
	team = stored_team(f);
	assert_string_equal(team, "A班B班");
	free(team);
}

/* Closing needs a reason from the code list; the status is then 終結. */
static void close_needs_reason(struct vt *v)
{
	vt_type(v, "c");
	wait(v, "状態の変更");
	vt_type(v, "終結\r");
	wait(v, "終結理由");
	vt_type(v, "\x13");
	wait(v, "終結・送致・移管には終結理由を選んでください");
	vt_type(v, "主訴\r\t改善したため");
	vt_type(v, "\x13");
	wait(v, "状態を「終結」に変えました");
	wait(v, "状態 アセスメント -> 終結");
}

static void test_whole_path(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 100, false);

	juri_accept(f, v);
	assess_aa(f, v);
	casefile_shows_all(f, v);
	conflict_keep_mine(f, v);
	close_needs_reason(v);
}

/* Accepted by the CLI; opened from home's 担当ケース; a masked address is
 * shown masked, and revealing it asks for a reason first. */
static void test_reveal_from_home(void **state)
{
	struct fx *f = *state;
	const char *accept[] = {"intake", "accept", "1", "--lead", staff_current_login(), NULL};
	struct tsu_err e = {0};
	struct other o;
	struct household h;
	struct vt *v;

	assert_int_equal(vt_run_cli(f->db, accept), 0);
	other_open(f, &o);
	assert_int_equal(household_get(o.db, &o.me, o.c.household_id, &h, &e), 0);
	h.secrecy = true;
	h.secrecy_start = date_from_days(date_to_days(date_today()) - 10);
	h.secrecy_end = date_from_days(date_to_days(date_today()) + 300);
	free(h.secrecy_counterparty);
	h.secrecy_counterparty = strdup("元夫");
	assert_int_equal(household_update(o.db, &o.me, &h, &e), 0);
	household_release(&h);
	other_close(&o);
	v = start(f, 24, 80, false);
	wait(v, f->case_no);
	vt_type(v, "\t\t\r");
	wait(v, "(支援措置中: 住所非表示)");
	assert_false(vt_find(v, "中央町", NULL, NULL));
	vt_type(v, "v");
	wait(v, "非表示の住所を表示する");
	vt_type(v, "\x13");
	wait(v, "入力してください");
	vt_type(v, "家庭訪問の経路確認");
	vt_type(v, "\x13");
	wait(v, "住所を表示しました");
	wait(v, "ひばり野市中央町2-5-12");
}

/* In a terminal that draws ambiguous characters two columns wide the
 * genogram and both frames stay in their columns on every row. */
static void test_ambiguous_wide(void **state)
{
	struct fx *f = *state;
	const char *accept[] = {"intake", "accept", "1", "--lead", staff_current_login(), NULL};
	struct vt *v;
	int top, col, right;

	assert_int_equal(vt_run_cli(f->db, accept), 0);
	v = start(f, 24, 80, true);
	wait(v, f->case_no);
	vt_type(v, "\t\t\r");
	wait(v, "[[陽翔]]");
	assert_true(vt_wait_row(v, 22, "t.db", VT_TIMEOUT));
	vt_settle(v, 100);
	assert_true(vt_find(v, "+- 家族", &top, &col));
	assert_true(vt_find(v, "+- 経過", NULL, &right));
	for (int r = top + 1; r < 21; r++) {
		assert_int_equal(vt_char(v, r, col), '|');
		assert_int_equal(vt_char(v, r, right - 1), '|');
		assert_int_equal(vt_char(v, r, 79), '|');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_whole_path, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reveal_from_home, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ambiguous_wide, setup, teardown),
	};

	if (getenv("TSU_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TSU_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
