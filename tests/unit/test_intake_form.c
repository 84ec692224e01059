/* test_intake_form.c: the intake form's rule in the core: the draft text
 * format (round trip of every field with newlines, tabs, backslashes,
 * Japanese, IVS and empty fields; bad and newer drafts), reading typed
 * receipt times, the required fields, and intake_save_new writing persons,
 * household, relations, intake, abuse types and caller in ONE transaction
 * (an invalid code injected through the API leaves nothing behind). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagu/db.h"
#include "tsunagu/home.h"
#include "tsunagu/intake.h"
#include "tsunagu/intake_form.h"
#include "tsunagu/note.h"
#include "tsunagu/person.h"
#include "tsunagu/search.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, worker, clerk;
	struct tsu_err e;
};

static void add_staff(struct fx *f, const char *login, const char *name, enum staff_role role,
                      struct staff *out)
{
	if (staff_add(f->db, f->boss.id ? &f->boss : NULL, login, name, role, NULL, &f->e) != 0)
		fail_msg("staff_add %s: %s", login, f->e.msg);
	if (staff_by_login(f->db, login, out, &f->e) != 0)
		fail_msg("staff_by_login %s: %s", login, f->e.msg);
}

static int setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	testutil_init_core();
	snprintf(name, sizeof name, "intake_form%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "worker", "佐藤 花子", ROLE_SUPPORT, &f->worker);
	add_staff(f, "clerk", "事務 一郎", ROLE_CLERK, &f->clerk);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->worker);
	staff_release(&f->clerk);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

static long long count(struct fx *f, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static char *text(struct fx *f, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *s = NULL;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return s ? s : xstrdup("");
}

/* ---- drafts ------------------------------------------------------------- */

static void fill_tricky(struct intake_form *f)
{
	for (int i = 0; i < IF__COUNT; i++) {
		char *v = xasprintf("%s\t値\\n %d\n二行目「髙橋」\r\n葛\xf3\xa0\x84\x80飾 ｻｲﾄｳ\\",
		                    intake_field_key(i), i);

		intake_form_set(f, (enum intake_field)i, v);
		free(v);
	}
	intake_form_set(f, IF_CHILD_SCHOOL, NULL); /* an empty field stays empty */
	intake_form_set_member(f, 0, IM_NAME, "髙橋 健一");
	intake_form_set_member(f, 0, IM_RELATION, "FA");
	intake_form_set_member(f, 3, IM_OCCUPATION, "会社員\n(夜勤)");
	f->staff_id = 7;
	f->person_id = 1234567890123LL;
	f->household_id = 42;
	f->anonymous = true;
	f->pregnant = true;
	f->urgent = 0;
}

static void test_draft_round_trip(void **state)
{
	struct intake_form a, b;
	struct tsu_err e = {0};
	char *s;

	(void)state;
	intake_form_init(&a);
	fill_tricky(&a);
	s = intake_form_serialize(&a);
	/* one line per field: nothing typed can break a line */
	assert_non_null(strstr(s, "tsunagu-intake-draft 1\n"));
	assert_null(strstr(s, "\n\n"));
	assert_int_equal(intake_form_parse(s, &b, &e), 0);
	for (int i = 0; i < IF__COUNT; i++)
		assert_string_equal(intake_form_get(&a, i), intake_form_get(&b, i));
	assert_string_equal(intake_form_get(&b, IF_CHILD_SCHOOL), "");
	for (int i = 0; i < INTAKE_FORM_MEMBERS; i++)
		for (int k = 0; k < IM__COUNT; k++)
			assert_string_equal(intake_form_member(&a, i, k),
			                    intake_form_member(&b, i, k));
	assert_string_equal(intake_form_member(&b, 3, IM_OCCUPATION), "会社員\n(夜勤)");
	assert_int_equal(b.staff_id, 7);
	assert_true(b.person_id == 1234567890123LL);
	assert_int_equal(b.household_id, 42);
	assert_true(b.anonymous && b.pregnant);
	assert_int_equal(b.urgent, 0);
	free(s);
	intake_form_release(&b);
	/* an empty form comes back empty, urgent unanswered */
	intake_form_release(&a);
	s = intake_form_serialize(&a);
	assert_int_equal(intake_form_parse(s, &b, &e), 0);
	for (int i = 0; i < IF__COUNT; i++)
		assert_string_equal(intake_form_get(&b, i), "");
	assert_int_equal(b.urgent, -1);
	assert_false(b.anonymous || b.pregnant || b.person_id);
	free(s);
	intake_form_release(&b);
}

static void test_draft_bad_input(void **state)
{
	struct intake_form f;
	struct tsu_err e = {0};

	(void)state;
	assert_int_equal(intake_form_parse(NULL, &f, &e), TSU_EINVAL);
	intake_form_release(&f);
	assert_int_equal(intake_form_parse("", &f, &e), TSU_EINVAL);
	intake_form_release(&f);
	assert_int_equal(intake_form_parse("child_name\t山田\n", &f, &e), TSU_EINVAL);
	intake_form_release(&f);
	assert_int_equal(intake_form_parse("tsunagu-intake-draft x\n", &f, &e), TSU_EINVAL);
	intake_form_release(&f);
	assert_int_equal(intake_form_parse("tsunagu-intake-draft 2\nchild_name\t山田\n", &f, &e),
	                 TSU_EINVAL);
	assert_non_null(strstr(e.msg, "新しい版"));
	intake_form_release(&f);
	/* unknown keys, lines without a tab, bad member numbers and invalid
	 * UTF-8 are skipped or repaired; what can be read is kept */
	assert_int_equal(intake_form_parse("tsunagu-intake-draft 1\n"
	                                   "future_field\tx\n"
	                                   "no tab here\n"
	                                   "member9.name\t誰\n"
	                                   "member1.shoe\t27\n"
	                                   "urgent\tmaybe\n"
	                                   "child_name\t山\xff田\n"
	                                   "complaint\t末尾\\",
	                                   &f, &e),
	                 0);
	assert_string_equal(intake_form_get(&f, IF_CHILD_NAME), "山\xef\xbf\xbd田");
	assert_string_equal(intake_form_get(&f, IF_COMPLAINT), "末尾\\");
	assert_string_equal(intake_form_member(&f, 0, IM_NAME), "");
	assert_int_equal(f.urgent, 0);
	intake_form_release(&f);
}

/* A draft goes through note.h's drafts unchanged, and only its owner sees it. */
static void test_draft_in_database(void **state)
{
	struct fx *f = *state;
	struct intake_form a, b;
	struct draft d;
	struct draft *list;
	size_t n;
	int64_t id = 0;
	char *s;

	intake_form_init(&a);
	fill_tricky(&a);
	s = intake_form_serialize(&a);
	assert_int_equal(draft_save(f->db, &f->worker, INTAKE_DRAFT_KIND, s, &id, &f->e), 0);
	assert_int_equal(draft_list(f->db, &f->boss, INTAKE_DRAFT_KIND, &list, &n, &f->e), 0);
	assert_int_equal(n, 0);
	drafts_free(list, n);
	assert_int_equal(draft_load(f->db, &f->worker, id, &d, &f->e), 0);
	assert_string_equal(d.payload, s);
	assert_int_equal(intake_form_parse(d.payload, &b, &f->e), 0);
	assert_string_equal(intake_form_get(&b, IF_NARRATIVE), intake_form_get(&a, IF_NARRATIVE));
	draft_release(&d);
	intake_form_release(&a);
	intake_form_release(&b);
	free(s);
}

/* ---- the receipt time ---------------------------------------------------- */

static void test_datetime(void **state)
{
	struct tsu_err e = {0};
	char out[20];

	(void)state;
	assert_int_equal(intake_form_datetime(NULL, out, &e), TSU_EINVAL);
	assert_int_equal(intake_form_datetime("  ", out, &e), TSU_EINVAL);
	assert_int_equal(intake_form_datetime("きのう", out, &e), TSU_EINVAL);
	assert_non_null(strstr(e.msg, "きのう"));
	assert_int_equal(intake_form_datetime("2026-02-30 10:00", out, &e), TSU_EINVAL);
	assert_int_equal(intake_form_datetime("2026-04-01 25:00", out, &e), TSU_EINVAL);
	assert_int_equal(intake_form_datetime("2026-04-01 10:60", out, &e), TSU_EINVAL);
	assert_int_equal(intake_form_datetime("2026-11-24 14:05", out, &e), 0);
	assert_string_equal(out, "2026-11-24 14:05");
	assert_int_equal(intake_form_datetime("R8.11.24 9:05", out, &e), 0);
	assert_string_equal(out, "2026-11-24 09:05");
	assert_int_equal(intake_form_datetime("令和8年11月24日\u3000１４：０５", out, &e), 0);
	assert_string_equal(out, "2026-11-24 14:05");
	assert_int_equal(intake_form_datetime("令和8年11月24日 14時5分", out, &e), 0);
	assert_string_equal(out, "2026-11-24 14:05");
	assert_int_equal(intake_form_datetime("2026-11-24 14:05:59", out, &e), 0);
	assert_string_equal(out, "2026-11-24 14:05");
	assert_int_equal(intake_form_datetime("2026/11/24", out, &e), 0);
	assert_string_equal(out, "2026-11-24 00:00");
}

/* ---- required fields ------------------------------------------------------ */

static bool has_issue(struct intake_form_issue *is, size_t n, enum intake_field k, int member,
                      const char *part)
{
	for (size_t i = 0; i < n; i++)
		if (is[i].member == member && (member >= 0 || is[i].field == k) &&
		    strstr(is[i].msg, part))
			return true;
	return false;
}

static void test_check(void **state)
{
	struct intake_form f;
	struct intake_form_issue *is;
	size_t n;

	(void)state;
	intake_form_init(&f);
	n = intake_form_check(&f, &is);
	assert_int_equal(n, 3);
	assert_true(has_issue(is, n, IF_RECEIVED_AT, -1, "必須"));
	assert_true(has_issue(is, n, IF_CHILD_NAME, -1, "必須"));
	assert_true(has_issue(is, n, IF_CONSULT_TYPE, -1, "必須"));
	intake_form_issues_free(is, n);

	intake_form_set(&f, IF_RECEIVED_AT, "あした");
	intake_form_set(&f, IF_CHILD_NAME, "\u3000 ");
	intake_form_set(&f, IF_CHILD_BIRTH, "R99.13.1");
	intake_form_set(&f, IF_CONSULT_TYPE, "YG1");
	f.pregnant = true;
	intake_form_set_member(&f, 1, IM_RELATION, "MO");
	intake_form_set_member(&f, 2, IM_NAME, "髙橋 美咲");
	intake_form_set_member(&f, 2, IM_BIRTH, "三十代");
	n = intake_form_check(&f, &is);
	assert_true(has_issue(is, n, IF_RECEIVED_AT, -1, "あした"));
	assert_true(has_issue(is, n, IF_CHILD_NAME, -1, "特定妊婦"));
	assert_true(has_issue(is, n, IF_CHILD_BIRTH, -1, ""));
	assert_true(has_issue(is, n, 0, 1, "氏名"));
	assert_true(has_issue(is, n, 0, 2, "年齢"));
	assert_int_equal(n, 5);
	intake_form_issues_free(is, n);

	intake_form_set(&f, IF_RECEIVED_AT, "R8.11.24 14:05");
	intake_form_set(&f, IF_CHILD_BIRTH, "H31.4.2");
	intake_form_set_member(&f, 1, IM_RELATION, NULL);
	intake_form_set_member(&f, 2, IM_BIRTH, "３５歳");
	f.person_id = 5; /* a known person picked: the name is not needed */
	n = intake_form_check(&f, &is);
	assert_int_equal(n, 0);
	assert_null(is);
	intake_form_release(&f);
}

/* ---- saving --------------------------------------------------------------- */

static void report_form(struct intake_form *f)
{
	intake_form_init(f);
	intake_form_set(f, IF_RECEIVED_AT, "R8.11.24 14:05");
	intake_form_set(f, IF_CHANNEL, "TEL");
	intake_form_set(f, IF_ROUTE, "SCH");
	intake_form_set(f, IF_CALLER_NAME, "青空小学校 教頭 山本");
	intake_form_set(f, IF_CALLER_RELATION, "学校");
	intake_form_set(f, IF_CALLER_CONTACT, "0234-00-0000");
	intake_form_set(f, IF_CALLER_INTENT, "保護");
	intake_form_set(f, IF_CHILD_NAME, "髙橋 陽翔");
	intake_form_set(f, IF_CHILD_KANA, "たかはし はると");
	intake_form_set(f, IF_CHILD_BIRTH, "H31.4.2");
	intake_form_set(f, IF_CHILD_SEX, "M");
	intake_form_set(f, IF_CHILD_ADDRESS, "酒田市中町1-1");
	intake_form_set(f, IF_CHILD_SCHOOL, "青空小学校 1年");
	intake_form_set(f, IF_CONSULT_TYPE, "YG1");
	intake_form_set(f, IF_ABUSE_TYPES, "PH PS");
	intake_form_set(f, IF_MAIN_ABUSER, "F");
	intake_form_set(f, IF_COMPLAINT, "顔にあざ");
	intake_form_set(f, IF_NARRATIVE, "朝の登校時、左頬にあざ。\n本人「パパにたたかれた」");
	intake_form_set(f, IF_CHILD_SITUATION, "おびえている");
	intake_form_set(f, IF_GUARDIAN_WISHES, "不明");
	intake_form_set_member(f, 0, IM_RELATION, "FA");
	intake_form_set_member(f, 0, IM_NAME, "髙橋 健一");
	intake_form_set_member(f, 0, IM_BIRTH, "35歳");
	intake_form_set_member(f, 0, IM_OCCUPATION, "会社員");
	intake_form_set_member(f, 1, IM_RELATION, "MO");
	intake_form_set_member(f, 1, IM_NAME, "髙橋 美咲");
	intake_form_set_member(f, 1, IM_KANA, "たかはし みさき");
	intake_form_set_member(f, 1, IM_BIRTH, "H2.5.5");
	f->urgent = 1;
}

static void test_save_new(void **state)
{
	struct fx *f = *state;
	struct intake_form form;
	struct intake_saved sv;
	struct intake in;
	struct intake_caller c;
	struct search_result r = {0};
	char *s;

	report_form(&form);
	assert_int_equal(intake_save_new(f->db, &f->clerk, &form, &sv, &f->e), TSU_EPERM);
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), 0);
	assert_int_equal(sv.persons_created, 3);
	assert_true(sv.report);
	assert_string_equal(sv.safety_due, "2026-11-26 14:05:00");
	assert_int_equal(count(f, "SELECT count(*) FROM person"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM household"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM household_member"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM relation"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM household_member WHERE relation = 'CH'"),
	                 1);
	assert_int_equal(count(f, "SELECT count(*) FROM intake_abuse"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'intake.form'"), 1);
	s = text(f, "SELECT family_name || '/' || given_name || '/' || birth_date || '/' || school"
	            " FROM person WHERE family_kana = 'たかはし' AND given_kana = 'はると'");
	assert_string_equal(s, "髙橋/陽翔/2019-04-02/青空小学校 1年");
	free(s);
	s = text(f, "SELECT note FROM person WHERE given_name = '健一'");
	assert_string_equal(s, "年齢 35歳 (受付時) / 職業: 会社員");
	free(s);
	s = text(f, "SELECT address FROM household");
	assert_string_equal(s, "酒田市中町1-1");
	free(s);

	assert_int_equal(intake_get(f->db, &f->worker, sv.intake_id, &in, &f->e), 0);
	assert_int_equal(in.person_id, sv.person_id);
	assert_int_equal(in.household_id, sv.household_id);
	assert_string_equal(in.received_at, "2026-11-24 14:05");
	assert_string_equal(in.route1, "SCH");
	assert_true(in.urgent);
	assert_non_null(strstr(in.situation, "【子どもの状況】\nおびえている"));
	assert_non_null(strstr(in.wishes, "【保護者の希望】\n不明"));
	assert_int_equal(in.staff_id, f->worker.id);
	intake_release(&in);
	assert_int_equal(intake_get_caller(f->db, &f->worker, sv.intake_id, &c, &f->e), 0);
	assert_string_equal(c.name, "青空小学校 教頭 山本");
	assert_string_equal(c.intent, "保護");
	intake_caller_release(&c);

	/* the new child is found at once by the known-person search */
	assert_int_equal(search_persons(f->db, &f->worker, "高橋 はると", 5, NULL, &r, &f->e), 0);
	assert_true(r.n >= 1);
	assert_int_equal(r.hits[0].person_id, sv.person_id);
	search_result_release(&r);
	intake_saved_release(&sv);
	intake_form_release(&form);
}

/* A detail route implies its parent level; a picked person is linked. */
static void test_save_linked_person(void **state)
{
	struct fx *f = *state;
	struct intake_form form;
	struct intake_saved sv, sv2;
	struct intake in;

	report_form(&form);
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), 0);
	intake_form_release(&form);
	intake_form_init(&form);
	intake_form_set(&form, IF_RECEIVED_AT, "2026-11-25 09:00");
	intake_form_set(&form, IF_CONSULT_TYPE, "IS4");
	intake_form_set(&form, IF_ROUTE, "FAM2");
	form.person_id = sv.person_id;
	form.household_id = sv.household_id;
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv2, &f->e), 0);
	assert_int_equal(sv2.persons_created, 0);
	assert_false(sv2.report);
	assert_string_equal(sv2.safety_due, "");
	assert_int_equal(count(f, "SELECT count(*) FROM person"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM household"), 1);
	assert_int_equal(intake_get(f->db, &f->worker, sv2.intake_id, &in, &f->e), 0);
	assert_int_equal(in.person_id, sv.person_id);
	assert_string_equal(in.route1, "FAM");
	assert_string_equal(in.route2, "FAM2");
	intake_release(&in);
	intake_saved_release(&sv);
	intake_saved_release(&sv2);
	intake_form_release(&form);
}

static void assert_nothing_written(struct fx *f, long long audits)
{
	assert_int_equal(count(f, "SELECT count(*) FROM person"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM household"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM household_member"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM relation"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM intake"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM intake_caller"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits);
}

/* One transaction: a bad code reached only after the persons, household and
 * relations were written undoes all of them, and their audit rows. */
static void test_save_is_one_transaction(void **state)
{
	struct fx *f = *state;
	struct intake_form form;
	struct intake_saved sv;
	long long audits = count(f, "SELECT count(*) FROM audit");

	report_form(&form);
	intake_form_set(&form, IF_ABUSE_TYPES, "PH ZZ");
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "ZZ"));
	assert_int_equal(sv.intake_id, 0);
	assert_nothing_written(f, audits);

	intake_form_set(&form, IF_ABUSE_TYPES, "PH");
	intake_form_set_member(&form, 1, IM_RELATION, "XX");
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "世帯員 2"));
	assert_nothing_written(f, audits);

	intake_form_set_member(&form, 1, IM_RELATION, "MO");
	intake_form_set(&form, IF_ROUTE, "NOPE");
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), TSU_ENOTFOUND);
	assert_nothing_written(f, audits);

	intake_form_set(&form, IF_ROUTE, "SCH");
	intake_form_set(&form, IF_CONSULT_TYPE, NULL);
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "相談種別"));
	assert_nothing_written(f, audits);
	intake_form_release(&form);
}

/* The deadline shows on home until a safety check with the child seen. */
static void test_safety_check_clears_home(void **state)
{
	struct fx *f = *state;
	struct intake_form form;
	struct intake_saved sv;
	struct home_row *rows;
	size_t n;
	struct safety_check sc = {0};

	report_form(&form);
	assert_int_equal(intake_save_new(f->db, &f->worker, &form, &sv, &f->e), 0);
	assert_int_equal(home_safety_checks(f->db, time(NULL), &rows, &n, &f->e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].intake_id, sv.intake_id);
	home_rows_free(rows, n);
	sc.intake_id = sv.intake_id;
	sc.at = "2026-11-25 10:00";
	sc.method = "家庭訪問";
	sc.seen = false; /* only heard about: the deadline stays */
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), 0);
	assert_int_equal(home_safety_checks(f->db, time(NULL), &rows, &n, &f->e), 0);
	assert_int_equal(n, 1);
	home_rows_free(rows, n);
	sc.seen = true;
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), 0);
	assert_int_equal(home_safety_checks(f->db, time(NULL), &rows, &n, &f->e), 0);
	assert_int_equal(n, 0);
	home_rows_free(rows, n);
	intake_saved_release(&sv);
	intake_form_release(&form);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_draft_round_trip),
	    cmocka_unit_test(test_draft_bad_input),
	    T(test_draft_in_database),
	    cmocka_unit_test(test_datetime),
	    cmocka_unit_test(test_check),
	    T(test_save_new),
	    T(test_save_linked_person),
	    T(test_save_is_one_transaction),
	    T(test_safety_check_clears_home),
	};
#undef T
	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
