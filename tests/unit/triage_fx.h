/* triage_fx.h: the fixture shared by test_triage.c, test_assess.c and
 * test_casefile.c: a fresh database with staff of several roles, a family
 * (child, father, mother, sibling) in a household, and helpers to make
 * intakes and to count rows through a separate raw connection. Included
 * once per test executable (static functions). */
#ifndef TSU_TRIAGE_FX_H
#define TSU_TRIAGE_FX_H

#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/intake.h"
#include "tsunagu/person.h"
#include "tsunagu/staff.h"
#include "tsunagu/triage.h"
#include "tsunagu/util.h"

/* Not every test file uses every helper. */
#define FX static __attribute__((unused))

struct fx {
	char *path;
	struct db *db;
	struct staff boss, worker, clerk, yotaikyo;
	int64_t household, child, father, mother, sister;
	struct tsu_err e;
};

FX struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

FX void
fx_staff(struct fx *f, const char *login, const char *name, enum staff_role role, struct staff *out)
{
	if (staff_add(f->db, f->boss.id ? &f->boss : NULL, login, name, role, NULL, &f->e) != 0)
		fail_msg("staff_add %s: %s", login, f->e.msg);
	if (staff_by_login(f->db, login, out, &f->e) != 0)
		fail_msg("staff_by_login %s: %s", login, f->e.msg);
}

FX int64_t fx_person(struct fx *f, const char *family, const char *given, const char *sex,
                     struct date birth)
{
	struct person p = {0};

	p.family_name = (char *)family;
	p.given_name = (char *)given;
	p.sex = (char *)sex;
	p.birth = birth;
	if (person_create(f->db, &f->worker, &p, &f->e) != 0)
		fail_msg("person_create %s: %s", family, f->e.msg);
	if (f->household &&
	    household_add_member(f->db, &f->worker, f->household, p.id, NULL, &f->e) != 0)
		fail_msg("household_add_member: %s", f->e.msg);
	return p.id;
}

FX void fx_relation(struct fx *f, int64_t a, int64_t b, const char *rel)
{
	if (relation_add(f->db, &f->worker, a, b, rel, NULL, NULL, &f->e) != 0)
		fail_msg("relation_add %s: %s", rel, f->e.msg);
}

FX void fx_family(struct fx *f, const char *child_family, const char *child_given, bool secrecy)
{
	struct household h = {0};

	h.address = "ひばり野市中央町二丁目5番12号";
	h.phone = "0000-00-1234";
	h.secrecy = secrecy;
	if (secrecy) {
		h.secrecy_start = D(2026, 1, 10);
		h.secrecy_end = D(2027, 1, 9);
		h.secrecy_counterparty = "元夫";
	}
	if (household_create(f->db, &f->worker, &h, &f->e) != 0)
		fail_msg("household_create: %s", f->e.msg);
	f->household = h.id;
	f->child = fx_person(f, child_family, child_given, "M", D(2019, 4, 2));
	f->father = fx_person(f, child_family, "健一", "M", D(1981, 5, 5));
	f->mother = fx_person(f, child_family, "美咲", "F", D(1988, 2, 1));
	f->sister = fx_person(f, child_family, "結衣", "F", D(2023, 1, 15));
	fx_relation(f, f->father, f->child, "FA");
	fx_relation(f, f->mother, f->child, "MO");
	fx_relation(f, f->father, f->sister, "FA");
	fx_relation(f, f->mother, f->sister, "MO");
}

FX int fx_setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	testutil_init_core();
	snprintf(name, sizeof name, "triage%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	fx_staff(f, "boss", "所長 花子", ROLE_COORDINATOR, &f->boss);
	fx_staff(f, "worker", "支援 太郎", ROLE_SUPPORT, &f->worker);
	fx_staff(f, "clerk", "事務 一郎", ROLE_CLERK, &f->clerk);
	fx_staff(f, "yotai", "調整 次郎", ROLE_YOTAIKYO, &f->yotaikyo);
	fx_family(f, "髙橋", "陽翔", false);
	err_clear(&f->e);
	*state = f;
	return 0;
}

FX int fx_teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->worker);
	staff_release(&f->clerk);
	staff_release(&f->yotaikyo);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

/* An abuse report about person at received. */
FX int64_t fx_intake(struct fx *f, int64_t person, const char *received)
{
	static char *abuse[] = {"PH"};
	struct intake in = {0};
	int64_t id = 0;

	in.received_at = (char *)received;
	in.channel = "TEL";
	in.route1 = "SCH";
	in.person_id = person;
	in.household_id = person ? f->household : 0;
	in.consult_type = "YG1";
	in.abuse_types = abuse;
	in.n_abuse_types = 1;
	in.complaint = "顔にあざ";
	if (intake_create(f->db, &f->worker, &in, NULL, &id, &f->e) != 0)
		fail_msg("intake_create: %s", f->e.msg);
	return id;
}

/* A decision accepting intake at `at` with the worker as lead. */
FX struct juri_decision fx_accept(struct fx *f, int64_t intake, const char *at)
{
	struct juri_decision d = {0};

	d.intake_id = intake;
	d.held_at = at;
	d.accepted = true;
	d.lead_id = f->worker.id;
	return d;
}

FX long long fx_count(struct fx *f, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* The first column of the first row as text (newly allocated, "" if none). */
FX char *fx_text(struct fx *f, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *s = NULL;

	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return s ? s : xstrdup("");
}

#endif
