/* test_model.c: the domain model: staff and permissions, persons and
 * households, cases (numbering per fiscal year, concurrent writers,
 * optimistic locking, status history and closure), intakes and safety
 * checks, notes, drafts, settings, the audit rows written in the same
 * transaction as the work, and the home screen queries. Bad input first. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tsunagu/audit.h"
#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/home.h"
#include "tsunagu/intake.h"
#include "tsunagu/note.h"
#include "tsunagu/person.h"
#include "tsunagu/settings.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, worker, clerk, auditor;
	int64_t child;
	struct tsu_err e;
};

static struct date D(int y, int m, int d)
{
	return (struct date){y, m, d};
}

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
	struct person p = {0};

	snprintf(name, sizeof name, "model%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "worker", "支援 太郎", ROLE_SUPPORT, &f->worker);
	add_staff(f, "clerk", "事務 一郎", ROLE_CLERK, &f->clerk);
	add_staff(f, "audit", "監査 次郎", ROLE_AUDITOR, &f->auditor);
	p.family_name = "山田";
	p.given_name = "太郎";
	p.family_kana = "やまだ";
	p.birth = D(2015, 6, 1);
	if (person_create(f->db, &f->worker, &p, &f->e) != 0)
		fail_msg("person_create: %s", f->e.msg);
	f->child = p.id;
	err_clear(&f->e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->worker);
	staff_release(&f->clerk);
	staff_release(&f->auditor);
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

static void raw(struct fx *f, const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

static struct case_rec new_case(struct fx *f, struct date opened)
{
	struct case_rec in = {0}, out;

	in.subject_id = f->child;
	in.opened = opened;
	in.lead_id = f->worker.id;
	in.consult_type = "YG1";
	if (case_create(f->db, &f->worker, &in, &out, &f->e) != 0)
		fail_msg("case_create: %s", f->e.msg);
	return out;
}

/* ---- staff -------------------------------------------------------------- */

static void test_staff_bad_input_and_roles(void **state)
{
	struct fx *f = *state;
	struct staff s;

	assert_int_equal(staff_add(f->db, NULL, "late", "遅れて", ROLE_SUPPORT, NULL, &f->e),
			 TSU_EPERM);
	assert_int_equal(staff_add(f->db, &f->worker, "x", "x", ROLE_SUPPORT, NULL, &f->e),
			 TSU_EPERM);
	assert_int_equal(staff_add(f->db, &f->boss, "", "x", ROLE_SUPPORT, NULL, &f->e),
			 TSU_EINVAL);
	assert_int_equal(staff_add(f->db, &f->boss, "a b", "x", ROLE_SUPPORT, NULL, &f->e),
			 TSU_EINVAL);
	assert_int_equal(staff_add(f->db, &f->boss, "new", "", ROLE_SUPPORT, NULL, &f->e),
			 TSU_EINVAL);
	assert_int_equal(staff_add(f->db, &f->boss, "new", "x", 0, NULL, &f->e), TSU_EINVAL);
	assert_int_equal(staff_add(f->db, &f->boss, "worker", "x", ROLE_SUPPORT, NULL, &f->e),
			 TSU_EINVAL);
	assert_int_equal(staff_by_login(f->db, "nobody", &s, &f->e), TSU_ENOTFOUND);
	assert_non_null(strstr(f->e.msg, "tsunagu staff add"));
	assert_int_equal(staff_by_login(f->db, NULL, &s, &f->e), TSU_EINVAL);
	staff_release(&s);
	staff_release(NULL);

	assert_string_equal(staff_role_label(ROLE_AUDITOR), "監査");
	assert_string_equal(staff_role_label(ROLE_YOTAIKYO), "要対協調整担当者");
	assert_string_equal(staff_role_label(0), "不明な役割");
	assert_int_equal(staff_role_parse("統括支援員"), ROLE_COORDINATOR);
	assert_int_equal(staff_role_parse("nurse"), ROLE_NURSE);
	assert_int_equal(staff_role_parse("boss"), 0);
	assert_int_equal(staff_role_parse(NULL), 0);
	assert_string_equal(f->boss.name, "所長 花子");
	assert_int_equal(f->clerk.role, ROLE_CLERK);

	assert_true(staff_can(&f->worker, PERM_WRITE_CASE));
	assert_false(staff_can(&f->worker, PERM_ADMIN));
	assert_true(staff_can(&f->clerk, PERM_READ_CASE));
	assert_false(staff_can(&f->clerk, PERM_WRITE_CASE));
	assert_true(staff_can(&f->auditor, PERM_READ_AUDIT));
	assert_false(staff_can(&f->auditor, PERM_READ_CASE));
	assert_false(staff_can(&f->auditor, PERM_WRITE_CASE));
	assert_true(staff_can(&f->boss, PERM_ADMIN));
	assert_false(staff_can(NULL, PERM_READ_CASE));
	f->boss.active = false;
	assert_false(staff_can(&f->boss, PERM_READ_CASE));
	f->boss.active = true;
	assert_true(staff_current_login() != NULL);
	/* the bootstrap and each addition were audited */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'staff.bootstrap'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'staff.add'"), 3);
}

/* ---- persons and households --------------------------------------------- */

static void test_person_roundtrip_and_conflict(void **state)
{
	struct fx *f = *state;
	/* 葛 with an IVS selector (U+E0100) must come back byte for byte */
	static const char ivs[] = "\xe8\x91\x9b\xf3\xa0\x84\x80城";
	struct person p = {0}, a, b;
	struct db *other = NULL;

	p.family_name = "";
	assert_int_equal(person_create(f->db, &f->worker, &p, &f->e), TSU_EINVAL);
	p.family_name = (char *)ivs;
	p.birth = D(2099, 1, 1);
	assert_int_equal(person_create(f->db, &f->worker, &p, &f->e), TSU_EINVAL);
	p.birth = D(2016, 2, 29);
	p.sex = "Q";
	assert_int_equal(person_create(f->db, &f->worker, &p, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "性別"));
	p.sex = "F";
	assert_int_equal(person_create(f->db, &f->clerk, &p, &f->e), TSU_EPERM);
	assert_int_equal(person_create(f->db, &f->worker, &p, &f->e), 0);
	assert_int_equal(person_get(f->db, &f->auditor, p.id, &a, &f->e), TSU_EPERM);
	assert_int_equal(person_get(f->db, &f->worker, 999999, &a, &f->e), TSU_ENOTFOUND);

	assert_int_equal(db_open(f->path, 0, &other, &f->e), 0);
	assert_int_equal(person_get(f->db, &f->worker, p.id, &a, &f->e), 0);
	assert_int_equal(person_get(other, &f->boss, p.id, &b, &f->e), 0);
	assert_string_equal(a.family_name, ivs);
	assert_string_equal(a.given_name, "");
	assert_int_equal(a.birth.m, 2);
	assert_int_equal(a.birth.d, 29);
	assert_int_equal(a.version, 1);
	free(a.note);
	a.note = xstrdup("先に保存");
	assert_int_equal(person_update(f->db, &f->worker, &a, &f->e), 0);
	assert_int_equal(a.version, 2);
	free(b.note);
	b.note = xstrdup("後から保存");
	assert_int_equal(person_update(other, &f->boss, &b, &f->e), TSU_ECONFLICT);
	assert_non_null(strstr(f->e.msg, "他の職員が保存しました"));
	assert_int_equal(count(f, "SELECT count(*) FROM person WHERE note = '先に保存'"), 1);
	{
		char *name = person_display_name(&a);
		assert_string_equal(name, ivs);
		free(name);
	}
	person_release(&a);
	person_release(&b);
	person_release(&b);
	db_close(&other);
}

static void test_household_and_relations(void **state)
{
	struct fx *f = *state;
	struct household h = {0}, g;
	struct person mother = {0};
	struct relation *rel;
	int64_t *ids;
	size_t n;

	h.address = "市内本町1-2-3";
	h.secrecy = true;
	h.secrecy_start = D(2026, 4, 1);
	h.secrecy_end = D(2026, 3, 1);
	assert_int_equal(household_create(f->db, &f->worker, &h, &f->e), TSU_EINVAL);
	h.secrecy_end = D(2027, 3, 31);
	h.secrecy_counterparty = "元夫";
	assert_int_equal(household_create(f->db, &f->worker, &h, &f->e), 0);
	mother.family_name = "山田";
	mother.given_name = "花子";
	assert_int_equal(person_create(f->db, &f->worker, &mother, &f->e), 0);
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, f->child, "ZZ", &f->e),
			 TSU_EINVAL);
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, f->child, "CH", &f->e), 0);
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, f->child, "CH", &f->e),
			 TSU_EINVAL);
	assert_int_equal(household_add_member(f->db, &f->worker, h.id, mother.id, "HEAD", &f->e),
			 0);
	assert_int_equal(household_members(f->db, &f->worker, h.id, &ids, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_true(ids[0] == f->child && ids[1] == mother.id);
	free(ids);
	assert_int_equal(household_get(f->db, &f->worker, h.id, &g, &f->e), 0);
	assert_true(g.secrecy);
	assert_int_equal(g.secrecy_end.y, 2027);
	assert_string_equal(g.secrecy_counterparty, "元夫");
	assert_string_equal(g.phone, "");
	free(g.phone);
	g.phone = xstrdup("0000-00-0000");
	assert_int_equal(household_update(f->db, &f->worker, &g, &f->e), 0);
	g.version = 1;
	assert_int_equal(household_update(f->db, &f->worker, &g, &f->e), TSU_ECONFLICT);
	household_release(&g);

	assert_int_equal(relation_add(f->db, &f->worker, f->child, f->child, "MO", NULL, NULL,
				      &f->e), TSU_EINVAL);
	assert_int_equal(relation_add(f->db, &f->worker, mother.id, f->child, "", NULL, NULL,
				      &f->e), TSU_EINVAL);
	assert_int_equal(relation_add(f->db, &f->worker, mother.id, f->child, "MO", "同居", NULL,
				      &f->e), 0);
	assert_int_equal(relation_list(f->db, &f->worker, f->child, &rel, &n, &f->e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rel[0].relation, "MO");
	assert_true(rel[0].person_a == mother.id);
	relations_free(rel, n);
}

/* ---- cases -------------------------------------------------------------- */

static void test_case_bad_input(void **state)
{
	struct fx *f = *state;
	struct case_rec in = {0}, out;
	long long audits = count(f, "SELECT count(*) FROM audit");

	assert_int_equal(case_create(f->db, &f->worker, &in, &out, &f->e), TSU_EINVAL);
	in.subject_id = f->child;
	assert_int_equal(case_create(f->db, &f->clerk, &in, &out, &f->e), TSU_EPERM);
	assert_int_equal(case_create(f->db, NULL, &in, &out, &f->e), TSU_EPERM);
	in.status = "END";
	assert_int_equal(case_create(f->db, &f->worker, &in, &out, &f->e), TSU_EINVAL);
	in.status = "ZZZ";
	assert_int_equal(case_create(f->db, &f->worker, &in, &out, &f->e), TSU_EINVAL);
	in.status = NULL;
	in.consult_type = "NOPE";
	assert_int_equal(case_create(f->db, &f->worker, &in, &out, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "NOPE"));
	in.consult_type = NULL;
	in.review_cycle_months = 13;
	assert_int_equal(case_create(f->db, &f->worker, &in, &out, &f->e), TSU_EINVAL);
	in.review_cycle_months = 0;
	/* a household that does not exist: refused by the foreign key, nothing kept */
	in.household_id = 4242;
	assert_int_equal(case_create(f->db, &f->worker, &in, &out, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "ケースの登録"));
	assert_int_equal(count(f, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(case_get(f->db, &f->worker, 1, &out, &f->e), TSU_ENOTFOUND);
	assert_int_equal(case_get_by_no(f->db, &f->worker, "", &out, &f->e), TSU_EINVAL);
	assert_int_equal(case_get_by_no(f->db, &f->worker, "R8-9999", &out, &f->e), TSU_ENOTFOUND);
	case_release(&out);
}

static void test_case_numbers_per_fiscal_year(void **state)
{
	struct fx *f = *state;
	struct case_rec a = new_case(f, D(2025, 3, 31));  /* FY2024 = R6 */
	struct case_rec b = new_case(f, D(2024, 4, 1));   /* FY2024 */
	struct case_rec c = new_case(f, D(2025, 4, 1));   /* FY2025 = R7 */
	struct case_rec d = new_case(f, D(2026, 4, 1));   /* FY2026 = R8 */
	struct case_rec g;

	assert_string_equal(a.case_no, "R6-0001");
	assert_string_equal(b.case_no, "R6-0002");
	assert_string_equal(c.case_no, "R7-0001");
	assert_string_equal(d.case_no, "R8-0001");
	assert_int_equal(c.fiscal_year, 2025);
	assert_int_equal(c.seq, 1);
	assert_string_equal(c.status, "ACC");
	assert_string_equal(c.registration, "N");
	assert_int_equal(c.review_cycle_months, 3);
	assert_int_equal(date_cmp(c.next_review, D(2025, 7, 1)), 0);
	assert_int_equal(c.version, 1);
	assert_int_equal(case_get_by_no(f->db, &f->clerk, "R7-0001", &g, &f->e), 0);
	assert_int_equal(g.id, c.id);
	assert_int_equal(g.lead_id, f->worker.id);
	case_release(&g);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'case.read'"
				  " AND detail = 'R7-0001'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'case.create'"), 4);
	case_release(&a);
	case_release(&b);
	case_release(&c);
	case_release(&d);
}

static void test_case_numbers_concurrent(void **state)
{
	struct fx *f = *state;
	enum { PROCS = 4, EACH = 15 };
	pid_t pids[PROCS];

	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			struct db *db = NULL;
			struct tsu_err e;
			struct case_rec in = {0}, out;

			if (db_open(f->path, 0, &db, &e) != 0)
				_exit(3);
			in.subject_id = f->child;
			in.opened = D(2026, 5, 1);
			for (int i = 0; i < EACH; i++) {
				if (case_create(db, &f->worker, &in, &out, &e) != 0) {
					fprintf(stderr, "child %d: %s\n", p, e.msg);
					_exit(4);
				}
				case_release(&out);
			}
			db_close(&db);
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		int status;

		waitpid(pids[p], &status, 0);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(count(f, "SELECT count(*) FROM cases"), PROCS * EACH);
	assert_int_equal(count(f, "SELECT count(DISTINCT case_no) FROM cases"), PROCS * EACH);
	assert_int_equal(count(f, "SELECT max(seq) FROM cases WHERE fiscal_year = 2026"),
			 PROCS * EACH);
	assert_int_equal(count(f, "SELECT count(*) FROM cases WHERE case_no = 'R8-0060'"), 1);
}

static void test_case_optimistic_locking(void **state)
{
	struct fx *f = *state;
	struct case_rec c = new_case(f, D(2026, 4, 10)), a, b;
	struct db *other = NULL;

	assert_int_equal(db_open(f->path, 0, &other, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, c.id, &a, &f->e), 0);
	assert_int_equal(case_get(other, &f->boss, c.id, &b, &f->e), 0);
	free(a.team);
	a.team = xstrdup("Aチーム");
	assert_int_equal(case_update(f->db, &f->worker, &a, &f->e), 0);
	free(b.team);
	b.team = xstrdup("Bチーム");
	assert_int_equal(case_update(other, &f->boss, &b, &f->e), TSU_ECONFLICT);
	assert_non_null(strstr(f->e.msg, "R8-0001"));
	/* the status change is locked the same way */
	assert_int_equal(case_set_status(other, &f->boss, &b, "SUP", NULL, "支援開始", D(0, 0, 0),
					 &f->e), TSU_ECONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM cases WHERE team = 'Aチーム'"
				  " AND version = 2 AND status = 'ACC'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM case_history"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'case.update'"), 1);
	case_release(&a);
	case_release(&b);
	case_release(&c);
	db_close(&other);
}

static void test_case_status_history_and_closure(void **state)
{
	struct fx *f = *state;
	struct case_rec c = new_case(f, D(2026, 4, 10)), g;
	struct case_event *ev;
	size_t n;

	assert_int_equal(case_set_status(f->db, &f->worker, &c, NULL, NULL, NULL, D(0, 0, 0),
					 &f->e), TSU_EINVAL);
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "SUP", "SOLVED", NULL, D(0, 0, 0),
					 &f->e), TSU_EINVAL);
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "END", NULL, "改善", D(0, 0, 0),
					 &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "終結理由"));
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "END", "BOGUS", NULL,
					 D(2026, 9, 1), &f->e), TSU_EINVAL);
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "END", "SOLVED", NULL,
					 D(2026, 1, 1), &f->e), TSU_EINVAL);
	assert_int_equal(case_set_status(f->db, &f->clerk, &c, "SUP", NULL, NULL, D(0, 0, 0),
					 &f->e), TSU_EPERM);
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "SUP", NULL, "支援開始",
					 D(0, 0, 0), &f->e), 0);
	assert_int_equal(case_set_registration(f->db, &f->worker, &c, "X", NULL, &f->e),
			 TSU_EINVAL);
	assert_int_equal(case_set_registration(f->db, &f->worker, &c, "S", "実務者会議で登録",
					       &f->e), 0);
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "END", "SOLVED", "主訴が解消",
					 D(2026, 9, 1), &f->e), 0);
	assert_int_equal(c.version, 4);
	assert_int_equal(case_get(f->db, &f->worker, c.id, &g, &f->e), 0);
	assert_string_equal(g.status, "END");
	assert_string_equal(g.registration, "S");
	assert_string_equal(g.closure_reason, "SOLVED");
	assert_int_equal(date_cmp(g.closed, D(2026, 9, 1)), 0);
	/* born 2015-06-01: may be disposed of from the 25th birthday */
	assert_int_equal(date_cmp(g.dispose_from, D(2040, 6, 1)), 0);
	case_release(&g);
	assert_int_equal(case_history(f->db, &f->worker, c.id, &ev, &n, &f->e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ev[0].field, "status");
	assert_string_equal(ev[0].old_value, "ACC");
	assert_string_equal(ev[0].new_value, "SUP");
	assert_string_equal(ev[0].staff_name, "支援 太郎");
	assert_string_equal(ev[1].field, "registration");
	assert_string_equal(ev[1].why, "実務者会議で登録");
	assert_string_equal(ev[2].reason, "SOLVED");
	case_events_free(ev, n);
	/* reopening clears the closure */
	assert_int_equal(case_set_status(f->db, &f->worker, &c, "SUP", NULL, "再開", D(0, 0, 0),
					 &f->e), 0);
	assert_int_equal(c.closed.y, 0);
	assert_string_equal(c.closure_reason, "");
	assert_int_equal(count(f, "SELECT count(*) FROM cases WHERE closed_on IS NULL"), 1);
	case_release(&c);
}

/* ---- audit in the same transaction -------------------------------------- */

static void test_failure_leaves_no_trace(void **state)
{
	struct fx *f = *state;
	char *types[] = {"PH", "PS"};
	struct intake in = {0};
	struct intake_caller caller = {"近所の人", "近隣住民", "090", false, "匿名希望"};
	long long audits;
	int64_t id = 0;

	in.received_at = "2026-04-01 10:00";
	in.person_id = f->child;
	in.abuse_types = types;
	in.n_abuse_types = 2;
	/* the intake row goes in, then the abuse types fail: all undone */
	raw(f, "CREATE TRIGGER boom BEFORE INSERT ON intake_abuse BEGIN"
	       " SELECT RAISE(ABORT, 'boom'); END;");
	audits = count(f, "SELECT count(*) FROM audit");
	assert_int_equal(intake_create(f->db, &f->worker, &in, &caller, &id, &f->e), TSU_EINVAL);
	assert_int_equal(id, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM intake"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM intake_caller"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits);
	raw(f, "DROP TRIGGER boom");
	assert_int_equal(intake_create(f->db, &f->worker, &in, &caller, &id, &f->e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'intake.create'"
				  " AND staff_id IS NOT NULL AND login = 'worker'"), 1);

	/* inside a caller's transaction a failed call undoes only itself */
	assert_int_equal(db_begin_write(f->db, &f->e), 0);
	{
		struct note bad = {0};

		bad.case_id = 4242;
		bad.kind = "TEL";
		bad.at = "2026-04-02 09:00";
		bad.content = "電話";
		assert_int_equal(note_create(f->db, &f->worker, &bad, &f->e), TSU_EINVAL);
		assert_int_equal(audit_append(f->db, &f->worker, "test.outer", NULL, 0, NULL,
					      &f->e), 0);
	}
	assert_int_equal(db_commit(f->db, &f->e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM note"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'note.create'"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'test.outer'"), 1);
}

static void test_audit_list_permissions(void **state)
{
	struct fx *f = *state;
	struct audit_filter flt = {0};
	struct audit_row *rows;
	size_t n;

	assert_int_equal(audit_list(f->db, &f->worker, NULL, &rows, &n, &f->e), TSU_EPERM);
	assert_null(rows);
	flt.entity = "staff";
	assert_int_equal(audit_list(f->db, &f->auditor, &flt, &rows, &n, &f->e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].action, "staff.add"); /* newest first */
	assert_string_equal(rows[3].action, "staff.bootstrap");
	assert_string_equal(rows[3].login, "boss");
	audit_rows_free(rows, n);
	flt.entity = NULL;
	flt.limit = 1;
	assert_int_equal(audit_list(f->db, &f->auditor, &flt, &rows, &n, &f->e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].action, "audit.read"); /* reading is logged too */
	audit_rows_free(rows, n);
	audit_rows_free(NULL, 0);
}

/* ---- intakes and safety checks ------------------------------------------ */

static void test_intake_bad_input(void **state)
{
	struct fx *f = *state;
	char *bad_type[] = {"XX"};
	struct intake in = {0}, out;
	struct intake_caller c;
	int64_t id;

	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, &id, &f->e), TSU_EINVAL);
	in.received_at = "2026-02-30 10:00";
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, &id, &f->e), TSU_EINVAL);
	in.received_at = "2026-04-01 25:00";
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, &id, &f->e), TSU_EINVAL);
	in.received_at = "2026-04-01 10:00";
	in.route1 = "SCH";
	in.route2 = "FAM1";
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, &id, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "虐待者本人"));
	in.route1 = "FAM";
	in.abuse_types = bad_type;
	in.n_abuse_types = 1;
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, &id, &f->e), TSU_EINVAL);
	in.n_abuse_types = 0;
	assert_int_equal(intake_create(f->db, &f->clerk, &in, NULL, &id, &f->e), TSU_EPERM);
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, &id, &f->e), 0);
	assert_int_equal(intake_get_caller(f->db, &f->worker, id, &c, &f->e), TSU_ENOTFOUND);
	assert_int_equal(intake_get(f->db, &f->worker, id, &out, &f->e), 0);
	assert_false(out.is_report);
	assert_string_equal(out.safety_due, ""); /* no deadline for a non-report */
	assert_int_equal(out.accepted, -1);
	intake_release(&out);
	intake_release(&out);
	intake_caller_release(NULL);
}

static void test_intake_report_and_safety_check(void **state)
{
	struct fx *f = *state;
	char *types[] = {"NG", "PS"};
	struct intake in = {0}, out;
	struct intake_caller caller = {"匿名", NULL, NULL, true, "名前を出さないでほしい"}, c;
	struct safety_check sc = {0};
	struct case_rec k = new_case(f, D(2026, 4, 1));
	struct home_row *rows;
	size_t n;
	int64_t id;

	in.received_at = "2026-04-01 10:30";
	in.channel = "TEL";
	in.route1 = "NBR";
	in.person_id = f->child;
	in.consult_type = "YG1";
	in.abuse_types = types;
	in.n_abuse_types = 2;
	in.complaint = "夜間に子どもの泣き声";
	assert_int_equal(intake_create(f->db, &f->worker, &in, &caller, &id, &f->e), 0);
	assert_int_equal(intake_get(f->db, &f->clerk, id, &out, &f->e), 0);
	assert_true(out.is_report);
	assert_string_equal(out.safety_due, "2026-04-03 10:30:00");
	assert_int_equal(out.n_abuse_types, 2);
	assert_string_equal(out.abuse_types[0], "NG");
	assert_string_equal(out.complaint, "夜間に子どもの泣き声");
	intake_release(&out);
	/* the caller is protected: clerks cannot read it; reading it is audited */
	assert_int_equal(intake_get_caller(f->db, &f->clerk, id, &c, &f->e), TSU_EPERM);
	assert_int_equal(intake_get_caller(f->db, &f->worker, id, &c, &f->e), 0);
	assert_true(c.anonymous);
	assert_string_equal(c.intent, "名前を出さないでほしい");
	intake_caller_release(&c);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'intake.caller'"), 1);

	/* a local type rolling up to 児童虐待相談 is a report too (setting: 24 h) */
	assert_int_equal(settings_set(f->db, &f->boss, "safety_check_hours", "24", &f->e), 0);
	in.n_abuse_types = 0;
	in.received_at = "2026-04-02 08:00";
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, NULL, &f->e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM intake WHERE safety_due ="
				  " '2026-04-03 08:00:00'"), 1);

	/* on the home screen, earliest deadline first, overdue by now */
	assert_int_equal(home_safety_checks(f->db, time(NULL), &rows, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].intake_id, id + 1);
	assert_string_equal(rows[0].due, "2026-04-03 08:00");
	assert_int_equal(rows[1].intake_id, id);
	assert_string_equal(rows[1].due, "2026-04-03 10:30");
	assert_true(rows[1].minutes_left < 0); /* long past */
	assert_string_equal(rows[1].name, "山田 太郎");
	assert_non_null(strstr(rows[1].detail, "ネグレクト"));
	assert_string_equal(rows[0].detail, "");
	assert_string_equal(rows[1].status, "受付");
	assert_string_equal(rows[1].lead, "支援 太郎");
	home_rows_free(rows, n);
	/* minutes_left is exact relative to the given now */
	{
		struct tm tm = {0};
		time_t t;

		tm.tm_year = 2026 - 1900;
		tm.tm_mon = 3;
		tm.tm_mday = 3;
		tm.tm_hour = 9;
		tm.tm_min = 30;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		assert_int_equal(home_safety_checks(f->db, t, &rows, &n, &f->e), 0);
		assert_int_equal(rows[0].minutes_left, -90);
		assert_int_equal(rows[1].minutes_left, 60);
		home_rows_free(rows, n);
	}

	sc.intake_id = id;
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), TSU_EINVAL);
	sc.at = "2026-04-02 15:00";
	sc.intake_id = 0;
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), TSU_EINVAL);
	sc.intake_id = id;
	sc.method = "家庭訪問";
	sc.seen = false; /* not seen: the deadline stays */
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM intake WHERE safety_done_at IS NULL"
				  " AND safety_due IS NOT NULL"), 2);
	sc.seen = true;
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), 0);
	assert_int_equal(home_safety_checks(f->db, time(NULL), &rows, &n, &f->e), 0);
	assert_int_equal(n, 1);
	home_rows_free(rows, n);

	/* link the other intake to the case; a check through the case clears it */
	assert_int_equal(intake_get(f->db, &f->worker, id + 1, &out, &f->e), 0);
	assert_int_equal(intake_link_case(f->db, &f->worker, &out, k.id, true, &f->e), 0);
	out.version = 1;
	assert_int_equal(intake_link_case(f->db, &f->worker, &out, k.id, true, &f->e),
			 TSU_ECONFLICT);
	intake_release(&out);
	memset(&sc, 0, sizeof sc);
	sc.case_id = k.id;
	sc.at = "2026-04-02 16:00";
	sc.seen = true;
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), 0);
	assert_int_equal(home_safety_checks(f->db, time(NULL), &rows, &n, &f->e), 0);
	assert_int_equal(n, 0);
	home_rows_free(rows, n);
	case_release(&k);
}

/* ---- notes, drafts, settings -------------------------------------------- */

static void test_notes(void **state)
{
	struct fx *f = *state;
	struct case_rec k = new_case(f, D(2026, 4, 1));
	struct note nt = {0};
	struct note *list;
	size_t n;

	nt.case_id = k.id;
	assert_int_equal(note_create(f->db, &f->worker, &nt, &f->e), TSU_EINVAL);
	nt.kind = "TEL";
	nt.content = "母と電話";
	nt.at = "2026/04/02";
	assert_int_equal(note_create(f->db, &f->worker, &nt, &f->e), TSU_EINVAL);
	nt.at = "2026-04-02 09:00";
	nt.source = "GOSSIP";
	assert_int_equal(note_create(f->db, &f->worker, &nt, &f->e), TSU_EINVAL);
	nt.source = "FAMILY";
	assert_int_equal(note_create(f->db, &f->clerk, &nt, &f->e), TSU_EPERM);
	assert_int_equal(note_create(f->db, &f->worker, &nt, &f->e), 0);
	nt.at = "2026-04-01 17:00";
	nt.kind = "HOME";
	nt.source = "THIRD";
	nt.restricted = true;
	nt.content = "近隣からの情報";
	assert_int_equal(note_create(f->db, &f->worker, &nt, &f->e), 0);
	assert_int_equal(note_list(f->db, &f->auditor, k.id, &list, &n, &f->e), TSU_EPERM);
	assert_int_equal(note_list(f->db, &f->worker, k.id, &list, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].kind, "HOME"); /* by time */
	assert_true(list[0].restricted);
	assert_string_equal(list[0].source, "THIRD");
	assert_string_equal(list[1].staff_name, "支援 太郎");
	notes_free(list, n);
	note_release(NULL);
	case_release(&k);
}

static void test_drafts(void **state)
{
	struct fx *f = *state;
	struct draft d, *list;
	int64_t id = 0, other = 0;
	size_t n;

	assert_int_equal(draft_save(f->db, &f->worker, "", "x", &id, &f->e), TSU_EINVAL);
	assert_int_equal(draft_save(f->db, &f->worker, "intake", "", &id, &f->e), 0);
	assert_true(id > 0);
	assert_int_equal(draft_save(f->db, &f->worker, "intake", "氏名=山田\n", &id, &f->e), 0);
	assert_int_equal(draft_save(f->db, &f->boss, "intake", "boss", &other, &f->e), 0);
	/* only the owner sees or changes a draft */
	assert_int_equal(draft_load(f->db, &f->boss, id, &d, &f->e), TSU_ENOTFOUND);
	assert_int_equal(draft_save(f->db, &f->boss, "intake", "steal", &id, &f->e),
			 TSU_ENOTFOUND);
	assert_int_equal(draft_delete(f->db, &f->boss, id, &f->e), TSU_ENOTFOUND);
	assert_int_equal(draft_load(f->db, &f->worker, id, &d, &f->e), 0);
	assert_string_equal(d.payload, "氏名=山田\n");
	assert_string_equal(d.kind, "intake");
	draft_release(&d);
	assert_int_equal(draft_list(f->db, &f->worker, "intake", &list, &n, &f->e), 0);
	assert_int_equal(n, 1);
	drafts_free(list, n);
	assert_int_equal(draft_list(f->db, &f->worker, "plan", &list, &n, &f->e), 0);
	assert_int_equal(n, 0);
	drafts_free(list, n);
	assert_int_equal(draft_delete(f->db, &f->worker, id, &f->e), 0);
	assert_int_equal(draft_load(f->db, &f->worker, id, &d, &f->e), TSU_ENOTFOUND);
	draft_release(&d);
}

static void test_settings(void **state)
{
	struct fx *f = *state;
	char *v;

	assert_int_equal(settings_get_int(f->db, "safety_check_hours", 0), 48);
	assert_int_equal(settings_get_int(f->db, "no_such_key", 7), 7);
	assert_null(settings_get(f->db, "no_such_key"));
	assert_null(settings_get(f->db, NULL));
	assert_int_equal(settings_set(f->db, &f->worker, "stale_days", "30", &f->e), TSU_EPERM);
	assert_int_equal(settings_set(f->db, &f->boss, "stale_days", "", &f->e), TSU_EINVAL);
	assert_int_equal(settings_set(f->db, &f->boss, "stale_days", "30", &f->e), 0);
	v = settings_get(f->db, "stale_days");
	assert_string_equal(v, "30");
	free(v);
	assert_int_equal(settings_set(f->db, &f->boss, "stale_days", "abc", &f->e), 0);
	assert_int_equal(settings_get_int(f->db, "stale_days", 5), 5);
}

/* ---- home --------------------------------------------------------------- */

static void test_home_counts_and_lists(void **state)
{
	struct fx *f = *state;
	struct date today = date_today();
	struct case_rec a = new_case(f, D(2024, 1, 10)), b = new_case(f, today);
	struct household h = {0};
	struct home_counts hc;
	struct home_row *rows;
	struct note nt = {0};
	struct intake in = {0};
	char at[32], iso[16];
	size_t n;

	snprintf(at, sizeof at, "%s 09:00", date_format_iso(today, iso, sizeof iso));
	in.received_at = at;
	in.person_id = f->child;
	in.consult_type = "YG2L1";
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, NULL, &f->e), 0);
	in.consult_type = "YG1";
	assert_int_equal(intake_create(f->db, &f->worker, &in, NULL, NULL, &f->e), 0);
	nt.case_id = a.id;
	nt.kind = "TEL";
	nt.at = at;
	nt.content = "確認";
	assert_int_equal(note_create(f->db, &f->worker, &nt, &f->e), 0);
	h.secrecy = true;
	h.secrecy_start = date_from_days(date_to_days(today) - 300);
	h.secrecy_end = date_from_days(date_to_days(today) + 10);
	assert_int_equal(household_create(f->db, &f->worker, &h, &f->e), 0);

	assert_int_equal(home_load_counts(f->db, &f->worker, today, &hc, &f->e), 0);
	assert_int_equal(hc.intakes_today, 2);
	assert_int_equal(hc.reports_today, 1);
	assert_int_equal(hc.notes_today, 1);
	assert_int_equal(hc.safety_due, 1);
	assert_int_equal(hc.reviews_overdue, 1); /* a: next review 2024-04-10 */
	assert_int_equal(hc.secrecy_ending, 1);
	assert_int_equal(hc.my_open_cases, 2);
	assert_int_equal(home_load_counts(f->db, &f->boss, today, &hc, &f->e), 0);
	assert_int_equal(hc.my_open_cases, 0);

	assert_int_equal(home_reviews_due(f->db, today, 0, &rows, &n, &f->e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].case_no, a.case_no);
	assert_string_equal(rows[0].due, "2024-04-10");
	assert_string_equal(rows[0].case_no, "R5-0001");
	assert_int_equal(rows[0].days_since_record, 0);
	assert_string_equal(rows[0].status, "受理");
	assert_string_equal(rows[0].registration, "未登録");
	assert_string_equal(rows[0].detail, "児童虐待相談");
	home_rows_free(rows, n);
	assert_int_equal(home_reviews_due(f->db, today, 200, &rows, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[1].days_since_record, -1);
	home_rows_free(rows, n);
	assert_int_equal(home_my_cases(f->db, &f->worker, today, &rows, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].case_no, a.case_no); /* earliest review first */
	assert_string_equal(rows[0].kana, "やまだ");
	home_rows_free(rows, n);
	home_rows_free(NULL, 0);
	case_release(&a);
	case_release(&b);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_staff_bad_input_and_roles),
		T(test_person_roundtrip_and_conflict),
		T(test_household_and_relations),
		T(test_case_bad_input),
		T(test_case_numbers_per_fiscal_year),
		T(test_case_numbers_concurrent),
		T(test_case_optimistic_locking),
		T(test_case_status_history_and_closure),
		T(test_failure_leaves_no_trace),
		T(test_audit_list_permissions),
		T(test_intake_bad_input),
		T(test_intake_report_and_safety_check),
		T(test_notes),
		T(test_drafts),
		T(test_settings),
		T(test_home_counts_and_lists),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
