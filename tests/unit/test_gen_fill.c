/* test_gen_fill.c: gen_fill, the synthetic centre: bad options and a
 * database that already holds persons are refused before anything is
 * written; the same options give the same rows (a digest of every generated
 * table), another seed other rows; every row satisfies the schema's foreign
 * keys; case numbers run 1..n per fiscal year in opening order and continue
 * after a case made by case_create; the states a demo must show are there
 * relative to the injected reference date; names keep variant kanji, IVS
 * and half-width kana; the text agrees with the family; one audit row. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/audit.h"
#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/gen.h"
#include "tsunagu/person.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

static const struct date REF = {2025, 6, 10};

/* A new database with a 統括支援員 (boss) and a 子ども家庭支援員 (worker). */
struct fx {
	char *path;
	struct db *db;
	struct staff boss, worker;
	struct tsu_err e;
};

static void fx_open(struct fx *f, const char *name)
{
	memset(f, 0, sizeof *f);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open %s: %s", name, f->e.msg);
	if (staff_add(f->db, NULL, "boss", "統括 花子", ROLE_COORDINATOR, NULL, &f->e) != 0 ||
	    staff_by_login(f->db, "boss", &f->boss, &f->e) != 0 ||
	    staff_add(f->db, &f->boss, "worker", "支援 太郎", ROLE_SUPPORT, NULL, &f->e) != 0 ||
	    staff_by_login(f->db, "worker", &f->worker, &f->e) != 0)
		fail_msg("staff: %s", f->e.msg);
}

static void fx_close(struct fx *f)
{
	staff_release(&f->boss);
	staff_release(&f->worker);
	db_close(&f->db);
	free(f->path);
}

static struct gen_opts opts(long persons, uint64_t seed)
{
	struct gen_opts o = {0};

	o.persons = persons;
	o.seed = seed;
	o.ref = REF;
	o.caseload_permille = 100;
	return o;
}

static void fill(struct fx *f, const struct gen_opts *o, struct gen_stats *st)
{
	if (gen_fill(f->db, &f->boss, o, NULL, NULL, st, &f->e) != 0)
		fail_msg("gen_fill: %s", f->e.msg);
}

/* ---- direct reads of the file (the test's own queries) -------------------- */

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("sqlite3_open %s", path);
	return h;
}

static long long q_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* FNV-1a over every column of every row, in id order. */
static uint64_t digest(const char *path)
{
	static const char *const tables[] = {"SELECT id, login, name, role FROM staff",
	                                     "SELECT * FROM household",
	                                     "SELECT * FROM person",
	                                     "SELECT * FROM household_member",
	                                     "SELECT * FROM relation",
	                                     "SELECT * FROM cases",
	                                     "SELECT * FROM case_abuse",
	                                     "SELECT * FROM case_tag",
	                                     "SELECT * FROM case_history",
	                                     "SELECT * FROM intake",
	                                     "SELECT * FROM intake_abuse",
	                                     "SELECT * FROM intake_caller",
	                                     "SELECT * FROM safety_check",
	                                     "SELECT * FROM note"};
	sqlite3 *h = raw_open(path);
	uint64_t x = UINT64_C(14695981039346656037);

	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		char *sql = xasprintf("%s ORDER BY rowid", tables[t]);
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("prepare %s: %s", sql, sqlite3_errmsg(h));
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				for (const unsigned char *p = v ? v : (const unsigned char *)"\1";
				     *p; p++)
					x = (x ^ *p) * UINT64_C(1099511628211);
				x = (x ^ 0x1f) * UINT64_C(1099511628211);
			}
		}
		sqlite3_finalize(st);
		free(sql);
	}
	sqlite3_close(h);
	return x;
}

static uint64_t make(const char *name, long persons, uint64_t seed)
{
	struct gen_opts o = opts(persons, seed);
	struct fx f;
	uint64_t d;

	fx_open(&f, name);
	fill(&f, &o, NULL);
	d = digest(f.path);
	fx_close(&f);
	return d;
}

/* ---- refusals ------------------------------------------------------------- */

static void expect_refused(struct fx *f, const struct staff *who, struct gen_opts o, int code,
                           const char *msg)
{
	assert_int_equal(gen_fill(f->db, who, &o, NULL, NULL, NULL, &f->e), code);
	if (!strstr(f->e.msg, msg))
		fail_msg("message '%s' lacks '%s'", f->e.msg, msg);
}

static void test_bad_options_write_nothing(void **state)
{
	struct gen_opts o = opts(100, 1);
	struct fx f;
	int64_t n = -1;
	sqlite3 *h;

	(void)state;
	fx_open(&f, "bad.db");
	o.persons = 0;
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "人数");
	o.persons = GEN_PERSONS_MAX + 1;
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "人数");
	o = opts(100, 1);
	o.years = 31;
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "年度数");
	o = opts(100, 1);
	o.caseload_permille = 1001;
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "割合");
	o = opts(100, 1);
	o.now_minute = 24 * 60;
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "時刻");
	o = opts(100, 1);
	o.ref = (struct date){2025, 2, 30};
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "存在しない");
	o = opts(100, 1);
	expect_refused(&f, &f.worker, o, TSU_EPERM, "合成データ");
	expect_refused(&f, NULL, o, TSU_EPERM, "合成データ");
	assert_int_equal(gen_count_persons(f.db, &n, &f.e), 0);
	assert_int_equal(n, 0);
	h = raw_open(f.path);
	assert_int_equal(q_int(h, "SELECT count(*) FROM audit WHERE action = 'gen'"), 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM staff"), 2);
	sqlite3_close(h);
	fx_close(&f);
}

/* A production database (persons already there) is refused unless the
 * caller says add_to_existing; then case numbers continue after case_create's. */
static void test_existing_persons(void **state)
{
	struct gen_opts o = opts(1500, 3);
	struct person p = {0};
	struct case_rec in = {0}, out = {0};
	struct fx f;
	sqlite3 *h;

	(void)state;
	fx_open(&f, "existing.db");
	p.family_name = "実在";
	p.given_name = "太郎";
	p.birth = (struct date){2016, 5, 1};
	assert_int_equal(person_create(f.db, &f.worker, &p, &f.e), 0);
	in.subject_id = p.id;
	in.consult_type = "IS4";
	in.opened = (struct date){2025, 4, 1};
	assert_int_equal(case_create(f.db, &f.worker, &in, &out, &f.e), 0);
	assert_string_equal(out.case_no, "R7-0001");
	case_release(&out);
	expect_refused(&f, &f.boss, o, TSU_EINVAL, "すでに人物が 1 人");
	h = raw_open(f.path);
	assert_int_equal(q_int(h, "SELECT count(*) FROM person"), 1);
	assert_int_equal(q_int(h, "SELECT count(*) FROM audit WHERE action = 'gen'"), 0);
	sqlite3_close(h);

	o.add_to_existing = true;
	fill(&f, &o, NULL);
	h = raw_open(f.path);
	assert_int_equal(q_int(h, "SELECT count(*) FROM person"), 1501);
	/* R7-0001 stays the real one; generated FY2025 cases follow it */
	assert_int_equal(q_int(h, "SELECT count(*) FROM cases WHERE fiscal_year = 2025"),
	                 q_int(h, "SELECT max(seq) FROM cases WHERE fiscal_year = 2025"));
	assert_int_equal(q_int(h, "SELECT subject_id FROM cases WHERE case_no = 'R7-0001'"), p.id);
	sqlite3_close(h);
	fx_close(&f);
}

/* ---- determinism ------------------------------------------------------------ */

static void test_deterministic(void **state)
{
	uint64_t a, b, c, d;

	(void)state;
	a = make("det_a.db", 1500, 42);
	b = make("det_b.db", 1500, 42);
	c = make("det_c.db", 1500, 43);
	d = make("det_d.db", 1501, 42);
	assert_true(a == b);
	assert_true(a != c);
	assert_true(a != d);
}

/* ---- what the database holds ------------------------------------------------ */

static struct fx big;
static struct gen_stats big_stats;

static int big_setup(void **state)
{
	struct gen_opts o = opts(4000, 7);

	(void)state;
	fx_open(&big, "big.db");
	fill(&big, &o, &big_stats);
	return 0;
}

static int big_teardown(void **state)
{
	(void)state;
	fx_close(&big);
	return 0;
}

static void test_counts_and_keys(void **state)
{
	struct sbuf report = {0};
	sqlite3 *h = raw_open(big.path);

	(void)state;
	assert_int_equal(q_int(h, "SELECT count(*) FROM person"), 4000);
	assert_int_equal(big_stats.persons, 4000);
	assert_int_equal(q_int(h, "SELECT count(*) FROM household"), big_stats.households);
	assert_int_equal(q_int(h, "SELECT count(*) FROM cases"), big_stats.cases);
	assert_int_equal(q_int(h, "SELECT count(*) FROM intake"), big_stats.intakes);
	assert_int_equal(q_int(h, "SELECT count(*) FROM note"), big_stats.notes);
	assert_true(big_stats.cases > 20 && big_stats.notes > big_stats.cases);
	/* every person belongs to exactly one household */
	assert_int_equal(q_int(h, "SELECT count(*) FROM person WHERE id NOT IN"
	                          " (SELECT person_id FROM household_member)"),
	                 0);
	/* the roster was added: at least six caseworkers can lead */
	assert_true(q_int(h, "SELECT count(*) FROM staff WHERE role NOT IN ('clerk', 'auditor')") >=
	            6);
	assert_true(q_int(h, "SELECT count(DISTINCT lead_id) FROM cases") >= 4);
	sqlite3_close(h);
	if (db_check(big.db, false, &report, &big.e) != 0)
		fail_msg("db_check: %s\n%s", big.e.msg, report.buf);
	sbuf_release(&report);
}

static void test_case_numbers(void **state)
{
	sqlite3 *h = raw_open(big.path);
	sqlite3_stmt *st = NULL;
	int fy = 0, expect = 0;
	char prev_open[16] = "";

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "SELECT fiscal_year, seq, case_no, opened_on FROM"
	                                    " cases ORDER BY fiscal_year, seq",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 0), seq = sqlite3_column_int(st, 1);
		const char *no = (const char *)sqlite3_column_text(st, 2);
		const char *opened = (const char *)sqlite3_column_text(st, 3);
		char want[16], era[8];
		if (y != fy) {
			fy = y;
			expect = 1;
			prev_open[0] = '\0';
		}
		assert_int_equal(seq, expect++);
		date_era_short_year(y, era, sizeof era);
		snprintf(want, sizeof want, "%s-%04d", era, seq);
		assert_string_equal(no, want);
		assert_int_equal(date_fiscal_year((struct date){atoi(opened), atoi(opened + 5),
		                                                atoi(opened + 8)}),
		                 y);
		assert_true(strcmp(prev_open, opened) <= 0); /* numbered in opening order */
		strlcpy_utf8(prev_open, opened, sizeof prev_open);
	}
	sqlite3_finalize(st);
	/* several fiscal years, none before the history */
	assert_true(q_int(h, "SELECT count(DISTINCT fiscal_year) FROM cases") >= 4);
	assert_true(q_int(h, "SELECT min(fiscal_year) FROM cases") >= 2021);
	sqlite3_close(h);
}

static void test_states_relative_to_ref(void **state)
{
	sqlite3 *h = raw_open(big.path);

	(void)state;
	/* open cases, some of them past their review date */
	assert_true(q_int(h, "SELECT count(*) FROM cases WHERE closed_on IS NULL") > 5);
	assert_true(q_int(h, "SELECT count(*) FROM cases WHERE closed_on IS NULL"
	                     " AND next_review < '2025-06-10'") > 0);
	assert_true(q_int(h, "SELECT count(*) FROM cases WHERE closed_on IS NULL"
	                     " AND next_review >= '2025-06-10'") > 0);
	/* closed ones carry a closing status and a reason, dispose_from set */
	assert_true(q_int(h, "SELECT count(*) FROM cases WHERE closed_on IS NOT NULL") > 5);
	assert_int_equal(q_int(h, "SELECT count(*) FROM cases WHERE closed_on IS NOT NULL AND"
	                          " (status NOT IN ('END', 'SND', 'MOV') OR closure_reason IS NULL"
	                          " OR dispose_from IS NULL OR closed_on < opened_on)"),
	                 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM cases WHERE closed_on IS NULL AND"
	                          " status IN ('END', 'SND', 'MOV')"),
	                 0);
	/* safety checks: some still open, some of those past their deadline */
	assert_true(q_int(h, "SELECT count(*) FROM intake WHERE safety_due IS NOT NULL"
	                     " AND safety_done_at IS NULL") > 0);
	assert_true(q_int(h, "SELECT count(*) FROM intake WHERE safety_done_at IS NULL"
	                     " AND safety_due < '2025-06-10'") > 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM intake WHERE is_report = 1 AND"
	                          " safety_due IS NULL"),
	                 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM intake i WHERE safety_done_at IS NOT NULL"
	                          " AND NOT EXISTS (SELECT 1 FROM safety_check s WHERE"
	                          " s.intake_id = i.id AND s.at = i.safety_done_at)"),
	                 0);
	/* DV等支援措置 ending within 30 days of the reference date */
	assert_true(q_int(h, "SELECT count(*) FROM household WHERE secrecy = 1 AND secrecy_end"
	                     " BETWEEN '2025-06-10' AND '2025-07-10'") > 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM household WHERE secrecy = 1 AND"
	                          " (secrecy_start IS NULL OR secrecy_end < secrecy_start)"),
	                 0);
	/* nothing after "now" (the reference day has no events: now_minute 0) */
	assert_int_equal(
	    q_int(h, "SELECT (SELECT count(*) FROM intake WHERE received_at >="
	             " '2025-06-10') + (SELECT count(*) FROM note WHERE at >= '2025-06-10')"
	             " + (SELECT count(*) FROM case_history WHERE at >= '2025-06-10')"),
	    0);
	/* registrations of every kind */
	assert_true(q_int(h, "SELECT count(DISTINCT registration) FROM cases") >= 3);
	sqlite3_close(h);
}

/* The first code point of a UTF-8 string (0 for ""). */
static unsigned first_cp(const unsigned char *s)
{
	if (s[0] < 0x80)
		return s[0];
	if ((s[0] & 0xe0) == 0xc0)
		return ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
	if ((s[0] & 0xf0) == 0xe0)
		return ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
	return 0x10000;
}

static void test_names_as_typed(void **state)
{
	sqlite3 *h = raw_open(big.path);
	sqlite3_stmt *st = NULL;
	int variant = 0, halfwidth = 0, katakana = 0, hiragana = 0;

	(void)state;
	assert_int_equal(
	    sqlite3_prepare_v2(h, "SELECT family_name, family_kana FROM person", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const unsigned char *kana = sqlite3_column_text(st, 1);
		unsigned cp = first_cp(kana);

		if (strstr(name, "髙") || strstr(name, "﨑") || strstr(name, "𠮷") ||
		    strstr(name, "\xf3\xa0\x84") /* an IVS selector U+E01xx */ ||
		    strstr(name, "齋") || strstr(name, "邊") || strstr(name, "澤"))
			variant++;
		halfwidth += cp >= 0xff66 && cp <= 0xff9f;
		katakana += cp >= 0x30a1 && cp <= 0x30fa;
		hiragana += cp >= 0x3041 && cp <= 0x3096;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	assert_true(variant > 0);
	assert_true(halfwidth > 0);
	assert_true(katakana > 0);
	assert_true(hiragana > katakana && katakana > halfwidth);
	assert_int_equal(hiragana + katakana + halfwidth, 4000); /* every reading is kana */
}

/* The text agrees with the family: the main abuser lives in the household
 * in that role, children are under 18, the subject was born before the
 * intake, a case opens after its intake. */
static void test_consistent_with_family(void **state)
{
	sqlite3 *h = raw_open(big.path);

	(void)state;
	assert_int_equal(
	    q_int(h, "SELECT count(*) FROM intake i WHERE main_abuser IN ('F', 'FO',"
	             " 'M', 'MO') AND NOT EXISTS (SELECT 1 FROM household_member m WHERE"
	             " m.household_id = i.household_id AND m.relation IN"
	             " (CASE i.main_abuser WHEN 'F' THEN 'FA' WHEN 'M' THEN 'MO' ELSE '' END,"
	             " CASE i.main_abuser WHEN 'FO' THEN 'SF' WHEN 'MO' THEN 'SM' ELSE '' END,"
	             " CASE WHEN i.main_abuser IN ('FO', 'MO') THEN 'PT' ELSE '' END))"),
	    0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM household_member m JOIN person p ON"
	                          " p.id = m.person_id WHERE m.relation = 'CH' AND"
	                          " p.birth_date <= '2007-06-10'"),
	                 0);
	assert_int_equal(
	    q_int(h, "SELECT count(*) FROM intake i JOIN person p ON p.id = i.person_id"
	             " WHERE p.birth_date > i.received_at AND p.expected_delivery IS NULL"),
	    0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM intake i JOIN cases c ON c.id = i.case_id"
	                          " WHERE c.created_at < i.received_at"),
	                 0);
	/* abuse reports have types, the others none; every report has a reporter */
	assert_int_equal(q_int(h, "SELECT count(*) FROM intake i WHERE is_report = 1 AND NOT EXISTS"
	                          " (SELECT 1 FROM intake_abuse a WHERE a.intake_id = i.id)"),
	                 0);
	assert_int_equal(q_int(h, "SELECT count(*) FROM intake i WHERE is_report = 1 AND NOT EXISTS"
	                          " (SELECT 1 FROM intake_caller c WHERE c.intake_id = i.id)"),
	                 0);
	/* 特定妊婦: the subject is the expectant mother */
	assert_int_equal(q_int(h,
	                       "SELECT count(*) FROM cases c JOIN person p ON p.id = c.subject_id"
	                       " WHERE c.registration = 'T' AND p.expected_delivery IS NULL"),
	                 0);
	sqlite3_close(h);
}

static void test_one_audit_row(void **state)
{
	struct audit_filter af = {0};
	struct audit_row *rows = NULL;
	size_t n = 0, gens = 0;
	char want[64];

	(void)state;
	af.limit = 100000;
	assert_int_equal(audit_list(big.db, &big.boss, &af, &rows, &n, &big.e), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].action, "gen") != 0)
			continue;
		gens++;
		snprintf(want, sizeof want, "人物 %ld,", big_stats.persons);
		assert_non_null(strstr(rows[i].detail, want));
		assert_non_null(strstr(rows[i].detail, "基準日 2025-06-10"));
		assert_int_equal(rows[i].staff_id, big.boss.id);
	}
	audit_rows_free(rows, n);
	assert_int_equal(gens, 1);
	/* the bulk rows are not audited one by one */
	assert_true(n < 100);
}

int main(void)
{
	const struct CMUnitTest plain[] = {
	    cmocka_unit_test(test_bad_options_write_nothing),
	    cmocka_unit_test(test_existing_persons),
	    cmocka_unit_test(test_deterministic),
	};
	const struct CMUnitTest filled[] = {
	    cmocka_unit_test(test_counts_and_keys),        cmocka_unit_test(test_case_numbers),
	    cmocka_unit_test(test_states_relative_to_ref), cmocka_unit_test(test_names_as_typed),
	    cmocka_unit_test(test_consistent_with_family), cmocka_unit_test(test_one_audit_row),
	};
	int rc;

	testutil_init_core();
	rc = cmocka_run_group_tests_name("gen_fill", plain, NULL, NULL);
	rc += cmocka_run_group_tests_name("gen_fill_db", filled, big_setup, big_teardown);
	return rc;
}
