/* screen_intake.c: 新規受付 on the real binary in a pty: a caller's report
 * typed with Japanese names brings up the known person (variant kanji,
 * half-width kana, exact match first), picking links it, saving shows the
 * safety-check countdown on home; required fields are named beside the
 * field; SIGHUP in the middle of typing keeps every character in a draft
 * that is offered and resumed at the next start; invalid bytes in the middle
 * of a name; recording the safety check clears home's row (overdue rows are
 * bold without colour). Fixtures are written through the core. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tsunagu/case.h"
#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/intake.h"
#include "tsunagu/intake_form.h"
#include "tsunagu/key.h"
#include "tsunagu/note.h"
#include "tsunagu/person.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"
#include "vt.h"

struct fx {
	char *db;
	struct vt *v;
	int64_t haruto, saito;
	char case_no[32];
};

static int64_t person(struct db *db, const struct staff *me, int64_t hh, const char *fam,
                      const char *given, const char *fkana, const char *gkana, struct date birth,
                      const char *rel)
{
	struct person p = {0};
	struct tsu_err e = {0};

	p.family_name = (char *)fam;
	p.given_name = (char *)given;
	p.family_kana = (char *)fkana;
	p.given_kana = (char *)gkana;
	p.birth = birth;
	if (person_create(db, me, &p, &e) != 0 ||
	    household_add_member(db, me, hh, p.id, rel, &e) != 0)
		fail_msg("fixture person %s: %s", fam, e.msg);
	return p.id;
}

/* 髙橋 陽翔 with parents and an open case; 高橋 遥 (a near miss); 齋藤 花. */
static void fixture(struct fx *f)
{
	struct db *db;
	struct staff me;
	struct household h = {0}, h2 = {0};
	struct case_rec in = {0}, out;
	struct tsu_err e = {0};

	if (db_open(f->db, 0, &db, &e) != 0 ||
	    staff_by_login(db, staff_current_login(), &me, &e) != 0)
		fail_msg("fixture: %s", e.msg);
	h.address = "酒田市中町1-1";
	if (household_create(db, &me, &h, &e) != 0 || household_create(db, &me, &h2, &e) != 0)
		fail_msg("fixture household: %s", e.msg);
	f->haruto = person(db, &me, h.id, "髙橋", "陽翔", "たかはし", "はると",
	                   (struct date){2019, 4, 2}, "CH");
	person(db, &me, h.id, "髙橋", "健一", "たかはし", "けんいち", (struct date){1990, 5, 5},
	       "FA");
	person(db, &me, h.id, "髙橋", "美咲", "たかはし", "みさき", (struct date){1992, 7, 7},
	       "MO");
	person(db, &me, h2.id, "高橋", "遥", "たかはし", "はるか", (struct date){2020, 6, 1}, "CH");
	f->saito = person(db, &me, h2.id, "齋藤", "花", "さいとう", "はな",
	                  (struct date){2024, 6, 1}, "CH");
	in.subject_id = f->haruto;
	in.household_id = h.id;
	in.consult_type = "YG1";
	in.lead_id = me.id;
	if (case_create(db, &me, &in, &out, &e) != 0)
		fail_msg("fixture case: %s", e.msg);
	snprintf(f->case_no, sizeof f->case_no, "%s", out.case_no);
	case_release(&out);
	staff_release(&me);
	db_close(&db);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *init[] = {"init", "--name", "佐藤 花子", "--role", "coordinator", NULL};
	struct tsu_err e = {0};

	if (text_init() != 0 || date_load_default(&e) != 0 || key_load_default(&e) != 0)
		return -1;
	f->db = vt_tmp_db();
	*state = f;
	if (!f->db || vt_run_cli(f->db, init) != 0)
		return -1;
	fixture(f);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_free(f->v);
	vt_tmp_remove(f->db);
	free(f);
	return 0;
}

static struct vt *start(struct fx *f, int rows, int cols, const char *const *env,
                        const char *expect)
{
	struct vt_opts o = {.rows = rows, .cols = cols, .db = f->db, .env = env};

	vt_free(f->v);
	f->v = vt_start(&o);
	assert_non_null(f->v);
	assert_true(vt_wait_text(f->v, expect, VT_TIMEOUT));
	return f->v;
}

/* True when the focused field has label: forms draw only the focused
 * field's label in bold (independent of where the cursor is drawn). */
static bool at_label(struct vt *v, const char *label)
{
	size_t lead = strspn(label, " ");

	for (int r = 0; r < vt_rows(v) - 2; r++) {
		char *row = vt_row(v, r);
		bool match = strncmp(row, label, strlen(label)) == 0;
		VTermScreenCell c;

		free(row);
		if (match && vt_cell(v, r, (int)lead, &c) && c.attrs.bold)
			return true;
	}
	return false;
}

/* The position n of "n/N" on the status line (the focused field), or -1. */
static int position(struct vt *v)
{
	char *row = vt_row(v, vt_rows(v) - 2), *slash = strrchr(row, '/');
	char *p = slash;
	int n = -1;

	while (p && p > row && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (slash && p < slash)
		n = atoi(p);
	free(row);
	return n;
}

/* Tab until the focused field's row starts with label; each Tab waits for
 * the focus to move, so no key is sent ahead of the screen. */
static void tab_to(struct vt *v, const char *label)
{
	for (int i = 0; i < 80; i++) {
		int before = position(v);

		if (at_label(v, label))
			return;
		vt_type(v, "\t");
		for (int k = 0; k < VT_TIMEOUT / 10 && position(v) == before; k++)
			vt_pump(v, 10);
		vt_settle(v, 30);
	}
	vt_dump(v, stderr);
	fail_msg("no field %s", label);
}

static bool row_has(struct vt *v, const char *start, const char *part)
{
	for (int r = 0; r < vt_rows(v); r++) {
		char *row = vt_row(v, r);
		bool ok = strncmp(row, start, strlen(start)) == 0 && strstr(row, part);

		free(row);
		if (ok)
			return true;
	}
	return false;
}

/* Wait until a row starting with start contains part. */
static bool wait_row_has(struct vt *v, const char *start, const char *part)
{
	for (int i = 0; i < VT_TIMEOUT / 20; i++) {
		if (row_has(v, start, part))
			return true;
		vt_pump(v, 20);
	}
	vt_dump(v, stderr);
	return false;
}

static bool wait_row_has(struct vt *v, const char *start, const char *part);

static void open_intake(struct vt *v)
{
	vt_fkey(v, 2);
	assert_true(vt_wait_text(v, "新規受付  通話 00:0", VT_TIMEOUT));
	/* call mode: the timer is on the status line too (it starts with the
	 * worker's name) */
	assert_true(wait_row_has(v, " 佐藤", "通話 00:0"));
}

static long long count(struct fx *f, const char *what)
{
	struct db *db;
	struct tsu_err e = {0};
	struct staff me;
	struct draft *d;
	size_t n = 0;

	assert_int_equal(db_open(f->db, 0, &db, &e), 0);
	assert_int_equal(staff_by_login(db, staff_current_login(), &me, &e), 0);
	if (!strcmp(what, "drafts") && draft_list(db, &me, INTAKE_DRAFT_KIND, &d, &n, &e) == 0)
		drafts_free(d, n);
	staff_release(&me);
	db_close(&db);
	return (long long)n;
}

/* The main path: a school reports; typing the child's name in
 * another spelling brings up the known child with household and case;
 * the exact reading ranks first; F4 links; F9 saves; home counts down. */
static void test_report_known_person_saved(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110, NULL, "ホーム");
	char *sel;
	int r, c;

	open_intake(v);
	tab_to(v, "受付方法");
	vt_type(v, "電話");
	tab_to(v, "相談経路");
	vt_type(v, "学校");
	tab_to(v, "氏名");
	assert_true(vt_wait_text(v, "相談経路        学校", VT_TIMEOUT));
	vt_type(v, "青空小学校 教頭 山本");
	tab_to(v, "氏名 *");
	vt_type(v, "高橋 はる");
	/* 高橋 finds 髙橋; both children starting with たかはし はる show */
	assert_true(vt_wait_text(v, "髙橋 陽翔  たかはし はると", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "高橋 遥  たかはし はるか", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "髙橋 健一(実父)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, f->case_no, VT_TIMEOUT));
	/* both start with the reading typed: the key decides (はるか first) */
	assert_true(vt_wait_text(v, "> 高橋 遥", VT_TIMEOUT));
	vt_type(v, "と"); /* the whole reading: only the exact match is left */
	assert_true(vt_wait_text(v, "該当しそうな人 (1)", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "> 髙橋 陽翔", VT_TIMEOUT));
	assert_true(vt_find(v, "> 髙橋 陽翔", &r, &c));
	sel = vt_row(v, r);
	assert_non_null(strstr(sel, "H31.4.2 (7)"));
	free(sel);
	vt_fkey(v, 4);
	assert_true(vt_wait_text(v, "関連付け: 髙橋 陽翔", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "さんと世帯に関連付けました", VT_TIMEOUT));
	assert_true(wait_row_has(v, "生年月日", "平成31年4月2日"));
	tab_to(v, "相談種別");
	vt_type(v, "虐待\t");
	assert_true(vt_wait_text(v, "児童虐待相談", VT_TIMEOUT));
	tab_to(v, "身体的虐待");
	vt_type(v, " ");
	assert_true(wait_row_has(v, "身体的虐待", "[x]"));
	tab_to(v, "主訴");
	vt_type(v, "顔にあざ。本人「パパにたたかれた」と話す");
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "を保存しました (通告)。安全確認の期限", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "ホーム", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "残り 47:5", VT_TIMEOUT));
	assert_true(wait_row_has(v, "|残り 47:5", "髙橋 陽翔 (7)"));
	assert_int_equal(count(f, "drafts"), 0);
}

/* F9 on an empty form: each missing field says so beside it; a receipt
 * time that cannot be read is named too. */
static void test_required_fields(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 24, 80, NULL, "ホーム");

	open_intake(v);
	assert_true(vt_wait_text(v, "保存に必要: 子どもの氏名, 相談種別", VT_TIMEOUT));
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "保存できません: 2 件", VT_TIMEOUT));
	assert_true(at_label(v, "氏名 *"));
	assert_true(wait_row_has(v, "氏名 *", "入力してください"));
	tab_to(v, "相談種別");
	assert_true(wait_row_has(v, "相談種別 *", "選んでください"));
	tab_to(v, "受付日時");
	vt_send(v, "\x15", 1); /* Ctrl-U: clear */
	vt_type(v, "あした\t");
	assert_true(vt_wait_text(v, "保存に必要: 受付日時, 子どもの氏名, 相談種別", VT_TIMEOUT));
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "保存できません: 3 件", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "受付日時「あした」が読めません", VT_TIMEOUT));
	assert_int_equal(count(f, "drafts"), 1); /* what was typed is kept */
	/* Esc on an open choice list closes the list and stays in the form */
	tab_to(v, "受付方法");
	vt_key(v, VTERM_KEY_ENTER, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "電話", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "来所", VT_TIMEOUT));
	vt_send(v, "\x1b", 1);
	assert_true(vt_wait_gone(v, "来所", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "新規受付  通話", VT_TIMEOUT));
	assert_false(vt_find(v, "入力を下書きとして残しました", NULL, NULL));
}

/* SIGHUP a second after typing (before any autosave): the draft has every
 * character; the next start offers it and resumes it intact. */
static void test_sighup_keeps_draft(void **state)
{
	static const char name[] = "髙橋 ｻｲﾄｳ 葛\xf3\xa0\x84\x80飾〜";
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110, NULL, "ホーム");
	struct db *db;
	struct staff me;
	struct draft *d;
	struct intake_form form;
	struct tsu_err e = {0};
	size_t n;

	open_intake(v);
	tab_to(v, "内容");
	vt_type(v, "一行目 \\ 円\r二行目");
	tab_to(v, "氏名 *"); /* leaving 内容 stores a draft; the name is new */
	vt_type(v, name);
	assert_true(vt_wait_text(v, "髙橋 ｻｲﾄｳ 葛", VT_TIMEOUT));
	vt_signal(v, SIGHUP);
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 1);

	assert_int_equal(db_open(f->db, 0, &db, &e), 0);
	assert_int_equal(staff_by_login(db, staff_current_login(), &me, &e), 0);
	assert_int_equal(draft_list(db, &me, INTAKE_DRAFT_KIND, &d, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(intake_form_parse(d[0].payload, &form, &e), 0);
	assert_string_equal(intake_form_get(&form, IF_CHILD_NAME), name);
	assert_string_equal(intake_form_get(&form, IF_NARRATIVE), "一行目 \\ 円\n二行目");
	intake_form_release(&form);
	drafts_free(d, n);
	staff_release(&me);
	db_close(&db);

	v = start(f, 30, 110, NULL, "入力途中の受付 (下書き)");
	assert_true(vt_wait_text(v, "髙橋 ｻｲﾄｳ", VT_TIMEOUT));
	vt_type(v, "\r");
	assert_true(vt_wait_text(v, "下書きから再開", VT_TIMEOUT));
	assert_true(wait_row_has(v, "氏名 *", "髙橋 ｻｲﾄｳ 葛"));
	assert_true(wait_row_has(v, "氏名 *", "飾〜"));
	tab_to(v, "内容");
	assert_true(wait_row_has(v, "内容", "一行目 \\ 円"));
	assert_true(vt_wait_text(v, "二行目", VT_TIMEOUT));
	/* Esc leaves with the draft kept; F2 then offers it again */
	vt_send(v, "\x1b", 1);
	assert_true(vt_wait_text(v, "入力を下書きとして残しました", VT_TIMEOUT));
	vt_fkey(v, 2);
	assert_true(vt_wait_text(v, "新しい受付を始める", VT_TIMEOUT));
	assert_int_equal(count(f, "drafts"), 1);
	/* Del asks before a draft is discarded: n keeps it, y discards it */
	vt_key(v, VTERM_KEY_DOWN, VTERM_MOD_NONE);
	vt_key(v, VTERM_KEY_DEL, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "を破棄しますか", VT_TIMEOUT));
	vt_type(v, "n");
	assert_true(vt_wait_gone(v, "を破棄しますか", VT_TIMEOUT));
	assert_int_equal(count(f, "drafts"), 1);
	vt_key(v, VTERM_KEY_DEL, VTERM_MOD_NONE);
	assert_true(vt_wait_text(v, "を破棄しますか", VT_TIMEOUT));
	vt_type(v, "y");
	assert_true(vt_wait_text(v, "下書きを破棄しました", VT_TIMEOUT));
	assert_int_equal(count(f, "drafts"), 0);
}

/* kill -9 cannot be caught: what the autosave stored a few seconds after
 * typing (without leaving the field) is what survives. */
static void test_kill9_keeps_autosave(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110, NULL, "ホーム");
	struct db *db;
	struct staff me;
	struct draft *d;
	struct intake_form form;
	struct tsu_err e = {0};
	size_t n;

	open_intake(v);
	tab_to(v, "内容");
	vt_type(v, "夜間に大声と物音");
	assert_true(vt_wait_text(v, "下書き保存", VT_TIMEOUT));
	vt_signal(v, SIGKILL);
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 128 + SIGKILL);
	assert_int_equal(db_open(f->db, 0, &db, &e), 0);
	assert_int_equal(staff_by_login(db, staff_current_login(), &me, &e), 0);
	assert_int_equal(draft_list(db, &me, INTAKE_DRAFT_KIND, &d, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(intake_form_parse(d[0].payload, &form, &e), 0);
	assert_string_equal(intake_form_get(&form, IF_NARRATIVE), "夜間に大声と物音");
	intake_form_release(&form);
	drafts_free(d, n);
	staff_release(&me);
	db_close(&db);
}

/* A stray byte in the middle of a name: U+FFFD in its place, a warning,
 * and typing goes on in the same field. */
static void test_invalid_bytes_while_typing(void **state)
{
	struct fx *f = *state;
	struct vt *v = start(f, 30, 110, NULL, "ホーム");

	open_intake(v);
	tab_to(v, "氏名 *");
	vt_type(v, "齋藤");
	vt_send(v, "\xff", 1);
	vt_type(v, "はな");
	assert_true(vt_wait_text(v, "UTF-8 ではない文字を受信しました", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "齋藤\xef\xbf\xbdはな", VT_TIMEOUT));
	vt_send(v, "\x08\x08\x08", 3); /* BS x3: the replacement goes too */
	vt_type(v, "ｻｲﾄｳ");
	assert_true(vt_wait_text(v, "齋藤ｻｲﾄｳ", VT_TIMEOUT));
	vt_send(v, "\x15", 1);
	vt_type(v, "ｻｲﾄｳ");
	assert_true(vt_wait_text(v, "齋藤 花  さいとう はな", VT_TIMEOUT));
}

static void at_hours_ago(int hours, char *buf, size_t n)
{
	time_t t = time(NULL) - hours * 3600;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* An overdue report on home: 超過, bold without colour; Enter records the
 * safety check (child seen) and the row leaves the list. */
static void test_safety_check_clears_home(void **state)
{
	static const char *const env[] = {"NO_COLOR=1", NULL};
	struct fx *f = *state;
	struct intake_form form;
	struct intake_saved sv;
	struct db *db;
	struct staff me;
	struct tsu_err e = {0};
	char at[32];
	VTermScreenCell c;
	struct vt *v;
	int r, col;

	assert_int_equal(db_open(f->db, 0, &db, &e), 0);
	assert_int_equal(staff_by_login(db, staff_current_login(), &me, &e), 0);
	intake_form_init(&form);
	at_hours_ago(72, at, sizeof at);
	intake_form_set(&form, IF_RECEIVED_AT, at);
	intake_form_set(&form, IF_CONSULT_TYPE, "YG1");
	intake_form_set(&form, IF_ABUSE_TYPES, "NG");
	form.person_id = f->saito;
	assert_int_equal(intake_save_new(db, &me, &form, &sv, &e), 0);
	intake_saved_release(&sv);
	intake_form_release(&form);
	staff_release(&me);
	db_close(&db);

	v = start(f, 30, 110, env, "ホーム");
	assert_true(vt_wait_text(v, "超過 2", VT_TIMEOUT));
	/* selected: reverse; once the list loses focus: bold and underlined */
	assert_true(vt_find(v, "齋藤 花", &r, &col));
	assert_true(vt_cell(v, r, col, &c));
	assert_true(c.attrs.reverse);
	vt_type(v, "\t");
	vt_settle(v, 50);
	assert_true(vt_find(v, "超過 2", &r, &col));
	assert_true(vt_cell(v, r, col, &c));
	assert_true(c.attrs.bold && c.attrs.underline && !c.attrs.reverse);
	vt_type(v, "\t\t");
	vt_settle(v, 50);
	vt_type(v, "\r");
	assert_true(vt_wait_text(v, "安全確認の記録", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "齋藤 花", VT_TIMEOUT));
	tab_to(v, " 方法");
	vt_type(v, "家庭\t");
	assert_true(wait_row_has(v, " 方法", "家庭訪問"));
	tab_to(v, " 子どもを");
	vt_type(v, "1");
	assert_true(wait_row_has(v, " 子どもを", "(*)目視で確認した"));
	vt_fkey(v, 9);
	assert_true(vt_wait_text(v, "安全確認を記録しました", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "期限のある安全確認はありません", VT_TIMEOUT));
	/* the 受理会議 then says the check was made, not that it is due */
	vt_type(v, "j");
	assert_true(vt_wait_text(v, "未受理の受付", VT_TIMEOUT));
	vt_key(v, VTERM_KEY_END, VTERM_MOD_NONE);
	vt_type(v, "\r");
	assert_true(vt_wait_text(v, "受理会議  受付", VT_TIMEOUT));
	assert_true(vt_wait_text(v, "安全確認済み", VT_TIMEOUT));
	assert_false(vt_find(v, "安全確認期限", NULL, NULL));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_report_known_person_saved),  T(test_required_fields),
	    T(test_sighup_keeps_draft),         T(test_kill9_keeps_autosave),
	    T(test_invalid_bytes_while_typing), T(test_safety_check_clears_home),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
