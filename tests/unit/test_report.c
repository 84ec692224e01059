/* test_report.c: the daily report (業務日誌), `today` and the fiscal-year
 * statistics on a fixed data set built through the model functions, with a
 * fixed "today" (2026-11-24, a Tuesday of 令和8年度). Bad input first, then
 * specific counts (実件数 vs 延件数, band edges, roll-up of local codes,
 * the Izumo identities), then the renderers, then golden files
 * (tests/golden/report_*) compared byte for byte. Run with
 * TSU_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
 *
 * The fixture (ages are at the date of receipt):
 *   A 髙橋 陽翔 2019-04-02  abuse PH+PS 2026-05-10 (7, 小1; 実父; 学校),
 *                           abuse PH 2026-11-24 (police), abuse PH 2025-06-01
 *   B 山﨑 凛   2023-11-24  abuse NG on her 3rd birthday 2026-11-24 (実母; 近隣)
 *   C 伊藤 湊   2023-11-25  abuse PS 2026-11-20 at 2 (祖父母; 家族), check overdue
 *   D 渡邉 結衣 2011-04-01  養育力不足 2026-06-10 (15 but 高1) and 2026-03-31 23:59
 *   E ｻｲﾄｳ ﾊﾅ  2008-05-01  養育力不足 2026-09-01 (18); 不登校 2025-04-01 00:00
 *   F 中村 大翔 2007-08-01  育児・しつけ 2026-04-01 00:00
 *   G 小林 さくら (no birth) 保健相談 2026-11-24, not accepted
 *   H 加藤 蓮   2014-01-10  abuse SX 2026-07-01 (12 but 中1; きょうだい; 児相),
 *                           no type 2026-10-05
 *   (no child)              その他の相談 2026-10-01
 * Plan timestamps are the wall clock, so the fixture dates its plan by SQL. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/intake.h"
#include "tsunagu/note.h"
#include "tsunagu/person.h"
#include "tsunagu/plan.h"
#include "tsunagu/report.h"
#include "tsunagu/staff.h"
#include "tsunagu/triage.h"
#include "tsunagu/util.h"

#define SECRET_ADDRESS "出雲市今市町9-9-9 秘匿荘101"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, sato, suzuki, clerk, auditor;
	int64_t a, b, c, d, e, f, g, h;         /* children */
	int64_t case_a, case_c, case_d, case_h;
	struct tsu_err err;
};

static struct date D(int y, int m, int d)
{
	return (struct date){y, m, d};
}

static void add_staff(struct fx *f, const char *login, const char *name, enum staff_role role,
		      struct staff *out)
{
	if (staff_add(f->db, f->boss.id ? &f->boss : NULL, login, name, role, NULL, &f->err) != 0)
		fail_msg("staff_add %s: %s", login, f->err.msg);
	if (staff_by_login(f->db, login, out, &f->err) != 0)
		fail_msg("staff_by_login %s: %s", login, f->err.msg);
}

static int64_t child(struct fx *f, const char *family, const char *given, struct date birth)
{
	struct person p = {0};

	p.family_name = (char *)family;
	p.given_name = (char *)given;
	p.birth = birth;
	if (person_create(f->db, &f->sato, &p, &f->err) != 0)
		fail_msg("person_create %s: %s", family, f->err.msg);
	return p.id;
}

struct in {
	const char *at, *type, *abuser, *route1, *route2, *channel;
	const char *abuse[3];
	int64_t person;
	const struct staff *by;
};

static int64_t intake(struct fx *f, struct in x)
{
	struct intake in = {0};
	char *abuse[3];
	int64_t id = 0;

	for (size_t i = 0; i < 3 && x.abuse[i]; i++)
		abuse[in.n_abuse_types++] = (char *)x.abuse[i];
	in.abuse_types = abuse;
	in.received_at = (char *)x.at;
	in.consult_type = (char *)x.type;
	in.main_abuser = (char *)x.abuser;
	in.route1 = (char *)x.route1;
	in.route2 = (char *)x.route2;
	in.channel = (char *)(x.channel ? x.channel : "TEL");
	in.person_id = x.person;
	in.staff_id = x.by ? x.by->id : 0;
	if (intake_create(f->db, &f->sato, &in, NULL, &id, &f->err) != 0)
		fail_msg("intake_create %s: %s", x.at, f->err.msg);
	return id;
}

static int64_t new_case(struct fx *f, int64_t subject, int64_t household, struct date opened,
			const struct staff *lead, struct date next_review, const char *type)
{
	struct case_rec in = {0}, out;
	int64_t id;

	in.subject_id = subject;
	in.household_id = household;
	in.opened = opened;
	in.lead_id = lead->id;
	in.next_review = next_review;
	in.consult_type = (char *)type;
	if (case_create(f->db, &f->sato, &in, &out, &f->err) != 0)
		fail_msg("case_create: %s", f->err.msg);
	id = out.id;
	case_release(&out);
	return id;
}

static void link(struct fx *f, int64_t intake_id, int64_t case_id)
{
	struct intake in;

	if (intake_get(f->db, &f->sato, intake_id, &in, &f->err) != 0 ||
	    intake_link_case(f->db, &f->sato, &in, case_id, true, &f->err) != 0)
		fail_msg("link %lld: %s", (long long)intake_id, f->err.msg);
	intake_release(&in);
}

static void check(struct fx *f, int64_t intake_id, int64_t case_id, const struct staff *by,
		  const char *at, bool seen, const char *method)
{
	struct safety_check s = {0};

	s.intake_id = intake_id;
	s.case_id = case_id;
	s.staff_id = by->id;
	s.at = (char *)at;
	s.seen = seen;
	s.method = (char *)method;
	if (safety_check_record(f->db, &f->sato, &s, &f->err) != 0)
		fail_msg("safety_check_record %s: %s", at, f->err.msg);
}

static void note(struct fx *f, int64_t case_id, const char *kind, const char *at,
		 const struct staff *by, const char *content)
{
	struct note n = {0};

	n.case_id = case_id;
	n.kind = (char *)kind;
	n.at = (char *)at;
	n.content = (char *)content;
	n.staff_id = by->id;
	if (note_create(f->db, &f->sato, &n, &f->err) != 0)
		fail_msg("note_create %s: %s", at, f->err.msg);
}

static void juri(struct fx *f, int64_t intake_id, const char *at, const struct staff *lead,
		 const char *urgency, const char *registration)
{
	struct juri_decision d = {0};
	struct juri_result r;

	d.intake_id = intake_id;
	d.held_at = at;
	d.accepted = lead != NULL;
	d.lead_id = lead ? lead->id : 0;
	d.urgency = urgency;
	d.registration = registration;
	d.outcome = lead ? NULL : "ADVICE";
	if (juri_decide(f->db, &f->boss, &d, &r, &f->err) != 0)
		fail_msg("juri_decide %s: %s", at, f->err.msg);
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

static int64_t secret_household(struct fx *f, struct date end)
{
	struct household h = {0};

	h.address = SECRET_ADDRESS;
	h.secrecy = true;
	h.secrecy_start = D(end.y - 1, end.m, end.d);
	h.secrecy_end = end;
	h.secrecy_counterparty = "元配偶者";
	if (household_create(f->db, &f->sato, &h, &f->err) != 0)
		fail_msg("household_create: %s", f->err.msg);
	return h.id;
}

static void people(struct fx *f)
{
	f->a = child(f, "髙橋", "陽翔", D(2019, 4, 2));
	f->b = child(f, "山﨑", "凛", D(2023, 11, 24));
	f->c = child(f, "伊藤", "湊", D(2023, 11, 25));
	f->d = child(f, "渡邉", "結衣", D(2011, 4, 1));
	f->e = child(f, "ｻｲﾄｳ", "ﾊﾅ", D(2008, 5, 1));
	f->f = child(f, "中村", "大翔", D(2007, 8, 1));
	f->g = child(f, "小林", "さくら", D(0, 0, 0));
	f->h = child(f, "加藤", "蓮", D(2014, 1, 10));
}

/* The earlier fiscal year (令和7年度) and this year's intakes before today. */
static void history(struct fx *f)
{
	int64_t i;

	i = intake(f, (struct in){.at = "2025-06-01 10:00", .type = "YG1", .abuse = {"PH"},
				 .abuser = "F", .route1 = "SCH", .person = f->a});
	check(f, i, 0, &f->sato, "2025-06-02 09:00", true, "学校で確認");
	intake(f, (struct in){.at = "2026-03-31 23:59", .type = "YG2L1", .route1 = "SCH",
			      .person = f->d});
	intake(f, (struct in){.at = "2025-04-01 00:00", .type = "IS2", .route1 = "SCH",
			      .person = f->e});
	/* this year */
	i = intake(f, (struct in){.at = "2026-05-10 10:00", .type = "YG1", .abuse = {"PH", "PS"},
				 .abuser = "F", .route1 = "SCH", .person = f->a, .by = &f->sato});
	f->case_a = new_case(f, f->a, 0, D(2026, 5, 12), &f->sato, D(2027, 1, 10), "YG1");
	link(f, i, f->case_a);
	check(f, i, 0, &f->sato, "2026-05-11 16:00", true, "家庭訪問");
	i = intake(f, (struct in){.at = "2026-06-10 13:00", .type = "YG2L1", .route1 = "SCH",
				 .person = f->d, .by = &f->sato});
	f->case_d = new_case(f, f->d, secret_household(f, D(2026, 12, 14)), D(2026, 6, 15),
			     &f->sato, D(2026, 11, 25), "YG2L1");
	link(f, i, f->case_d);
	secret_household(f, D(2027, 1, 3)); /* 40 days away: not yet listed */
	intake(f, (struct in){.at = "2026-09-01 10:00", .type = "YG2L1", .route1 = "SCH",
			      .person = f->e, .by = &f->suzuki});
	intake(f, (struct in){.at = "2026-04-01 00:00", .type = "IS4", .route1 = "FAM",
			      .person = f->f, .by = &f->suzuki});
	i = intake(f, (struct in){.at = "2026-07-01 15:00", .type = "YG1", .abuse = {"SX"},
				 .abuser = "OT3", .route1 = "CGC", .person = f->h, .by = &f->sato});
	f->case_h = new_case(f, f->h, 0, D(2026, 7, 3), &f->sato, D(2026, 11, 20), "YG1");
	link(f, i, f->case_h);
	check(f, i, 0, &f->sato, "2026-07-02 10:00", true, "学校で確認");
	note(f, f->case_h, "HOME", "2026-09-01 14:00", &f->sato, "家庭訪問。母と面談。");
	intake(f, (struct in){.at = "2026-10-01 09:00", .type = "ET", .route1 = "OTH"});
	intake(f, (struct in){.at = "2026-10-05 09:00", .person = f->h, .by = &f->sato});
	i = intake(f, (struct in){.at = "2026-11-20 11:00", .type = "YG1", .abuse = {"PS"},
				 .abuser = "OT1", .route1 = "FAM", .route2 = "FAM2",
				 .person = f->c, .by = &f->suzuki});
	f->case_c = new_case(f, f->c, 0, D(2026, 11, 21), &f->suzuki, D(2026, 12, 20), "YG1");
	link(f, i, f->case_c);
}

/* 2026-11-24: what the 業務日誌 of that day is about. */
static void today(struct fx *f)
{
	int64_t i2, i3, i8;

	i2 = intake(f, (struct in){.at = "2026-11-24 09:12", .type = "YG1", .abuse = {"PH"},
				  .abuser = "F", .route1 = "POL", .person = f->a, .by = &f->sato});
	i3 = intake(f, (struct in){.at = "2026-11-24 14:05", .type = "YG1", .abuse = {"NG"},
				  .abuser = "M", .route1 = "NBR", .person = f->b,
				  .by = &f->suzuki});
	i8 = intake(f, (struct in){.at = "2026-11-24 16:30", .type = "HK", .channel = "VIS",
				  .person = f->g, .by = &f->sato});
	note(f, f->case_a, "HOME", "2026-11-24 10:30", &f->sato, "家庭訪問。本児の顔にあざ。");
	note(f, f->case_d, "TEL", "2026-11-24 13:00", &f->sato, "母から電話。");
	note(f, f->case_c, "AGENCY", "2026-11-24 11:00", &f->suzuki, "保育所に登園状況を確認。");
	juri(f, i2, "2026-11-24 15:00", &f->sato, "A", NULL);
	check(f, 0, f->case_c, &f->suzuki, "2026-11-24 15:30", false, "家庭訪問 (不在)");
	juri(f, i3, "2026-11-24 16:00", &f->suzuki, "AA", "P");
	check(f, i3, 0, &f->suzuki, "2026-11-24 16:45", true, "家庭訪問");
	juri(f, i8, "2026-11-24 17:00", NULL, NULL, NULL);
	note(f, f->case_a, "HANDOVER", "2026-11-24 17:30", &f->boss,
	     "明朝、青空小学校から登校状況の連絡が入る予定。佐藤不在のため鈴木が受ける。");
}

static void plan_today(struct fx *f)
{
	struct plan p = {0};

	p.long_goal = xstrdup("家庭で安全に暮らせる"); /* plan_release frees it */
	if (plan_create(f->db, &f->sato, f->case_a, &p, &f->err) != 0)
		fail_msg("plan_create: %s", f->err.msg);
	plan_release(&p);
	raw(f, "UPDATE plan SET created_at = '2026-11-24 15:30:00',"
	       " updated_at = '2026-11-24 15:30:00'");
}

static int setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	snprintf(name, sizeof name, "report%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->err) != 0)
		fail_msg("db_open: %s", f->err.msg);
	add_staff(f, "tanaka", "田中 一郎", ROLE_COORDINATOR, &f->boss);
	add_staff(f, "sato", "佐藤 花子", ROLE_SUPPORT, &f->sato);
	add_staff(f, "suzuki", "鈴木 次郎", ROLE_ABUSE, &f->suzuki);
	add_staff(f, "clerk", "事務 三郎", ROLE_CLERK, &f->clerk);
	add_staff(f, "audit", "監査 四郎", ROLE_AUDITOR, &f->auditor);
	people(f);
	history(f);
	today(f);
	plan_today(f);
	err_clear(&f->err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->sato);
	staff_release(&f->suzuki);
	staff_release(&f->clerk);
	staff_release(&f->auditor);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

static long cnt(const struct report *r, const char *key, const char *row, const char *col)
{
	const struct report_section *s = report_section_find(r, key);
	long v = -1;

	assert_non_null(s);
	if (report_count(s, row, col, &v) != 0)
		fail_msg("no count %s / %s / %s", key, row, col);
	return v;
}

static char *render(const struct report *r, bool csv)
{
	struct sbuf sb = {0};

	if (csv)
		report_render_csv(r, false, &sb);
	else
		report_render_text(r, 80, &sb);
	return sbuf_detach(&sb);
}

/* ---- bad input and permissions ------------------------------------------------ */

static void test_bad_input(void **state)
{
	struct fx *f = *state;
	struct report r;
	long long audits = count(f, "SELECT count(*) FROM audit WHERE action LIKE 'report.%'");

	assert_int_equal(report_annual(f->db, &f->boss, 1899, &r, &f->err), TSU_EINVAL);
	assert_non_null(strstr(f->err.msg, "1899"));
	assert_int_equal(r.nsections, 0);
	assert_int_equal(report_annual(f->db, &f->boss, 10000, &r, &f->err), TSU_EINVAL);
	assert_int_equal(report_daily(f->db, &f->boss, D(2026, 2, 30), 0, &r, &f->err), TSU_EINVAL);
	assert_int_equal(report_daily(f->db, &f->boss, D(2026, 11, 24), 999, &r, &f->err),
			 TSU_ENOTFOUND);
	assert_null(r.sections);
	/* 監査 reads the audit log only; no actor at all is refused too */
	assert_int_equal(report_daily(f->db, &f->auditor, D(2026, 11, 24), 0, &r, &f->err),
			 TSU_EPERM);
	assert_int_equal(report_annual(f->db, &f->auditor, 2026, &r, &f->err), TSU_EPERM);
	assert_int_equal(report_today(f->db, &f->auditor, time(NULL), &r, &f->err), TSU_EPERM);
	assert_int_equal(report_annual(f->db, NULL, 2026, &r, &f->err), TSU_EPERM);
	/* failures leave no audit row */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action LIKE 'report.%'"),
			 audits);
	report_release(&r);
	report_release(NULL);
	assert_null(report_section_find(NULL, "consult"));
	assert_int_equal(report_count(NULL, "a", "b", &(long){0}), TSU_ENOTFOUND);
}

/* ---- annual statistics ------------------------------------------------------- */

static void test_annual_consult(void **state)
{
	struct fx *f = *state;
	struct report r;

	assert_int_equal(report_annual(f->db, &f->clerk, 2026, &r, &f->err), 0);
	assert_string_equal(r.title, "年度統計");
	assert_non_null(strstr(r.header[0], "令和8年度"));
	assert_non_null(strstr(r.header[1], "受付 11 件 (受理 6・不受理 1・未決定 4)、児童 9 人"));
	/* A was reported twice: one child, two intakes */
	assert_int_equal(cnt(&r, "consult", "児童虐待相談", "実件数"), 4);
	assert_int_equal(cnt(&r, "consult", "児童虐待相談", "延件数"), 5);
	assert_int_equal(cnt(&r, "consult", "総数", "実件数"), 9);
	assert_int_equal(cnt(&r, "consult", "総数", "延件数"), 11);
	assert_int_equal(cnt(&r, "consult", "養護相談", "実件数"), 6);
	assert_int_equal(cnt(&r, "consult", "養護相談", "延件数"), 7);
	/* the local code counts in its own row and rolls up */
	assert_int_equal(cnt(&r, "consult", "養育力不足", "実件数"), 2);
	assert_int_equal(cnt(&r, "consult", "その他の養護相談", "実件数"), 2);
	assert_int_equal(cnt(&r, "consult", "保護者の疾病", "延件数"), 0);
	assert_int_equal(cnt(&r, "consult", "育成相談", "実件数"), 1);
	assert_int_equal(cnt(&r, "consult", "育児・しつけ相談", "実件数"), 1); /* 04-01 00:00 */
	assert_int_equal(cnt(&r, "consult", "不登校相談", "延件数"), 0);      /* 2025-04-01 */
	assert_int_equal(cnt(&r, "consult", "保健相談", "延件数"), 1);
	assert_int_equal(cnt(&r, "consult", "その他の相談", "実件数"), 1);
	assert_int_equal(cnt(&r, "consult", "種別未入力", "延件数"), 1);
	{ /* 養育力不足 is shown under その他の養護相談, indented one more level */
		const struct report_section *s = report_section_find(&r, "consult");
		size_t i;

		for (i = 0; i < s->nrows && strcmp(s->rows[i].label, "養育力不足"); i++)
			;
		assert_true(i > 0 && i < s->nrows);
		assert_string_equal(s->rows[i - 1].label, "その他の養護相談");
		assert_int_equal(s->rows[i].level, 2);
		assert_int_equal(s->rows[i - 1].level, 1);
		assert_true(s->rows[0].total);
	}
	report_release(&r);
	assert_null(r.sections);
}

static void test_annual_abuse_bands(void **state)
{
	struct fx *f = *state;
	struct report r;
	static const char *const b1[] = {"0〜2歳", "3〜6歳", "7〜12歳", "13〜15歳", "16〜18歳",
					 "不明・その他", "計"};
	static const long tot1[] = {1, 1, 2, 0, 0, 0, 4};  /* C (2), B (3 today), A (7), H (12) */
	static const char *const b2[] = {"0〜3歳未満", "3歳〜学齢前", "小学生", "中学生",
					 "高校生・その他", "不明・その他", "計"};
	static const long tot2[] = {1, 1, 1, 1, 0, 0, 4};  /* H is 12 but 中1 */

	assert_int_equal(report_annual(f->db, &f->boss, 2026, &r, &f->err), 0);
	for (size_t c = 0; c < 7; c++) {
		assert_int_equal(cnt(&r, "abuse_age1", "総数", b1[c]), tot1[c]);
		assert_int_equal(cnt(&r, "abuse_age2", "総数", b2[c]), tot2[c]);
	}
	/* A counts once, through its first abuse intake (PH+PS): under both types */
	assert_int_equal(cnt(&r, "abuse_age1", "身体的虐待", "7〜12歳"), 1);
	assert_int_equal(cnt(&r, "abuse_age1", "心理的虐待", "7〜12歳"), 1);
	assert_int_equal(cnt(&r, "abuse_age1", "心理的虐待", "0〜2歳"), 1);
	assert_int_equal(cnt(&r, "abuse_age1", "心理的虐待", "計"), 2);
	assert_int_equal(cnt(&r, "abuse_age1", "保護の怠慢・拒否(ネグレクト)", "3〜6歳"), 1);
	assert_int_equal(cnt(&r, "abuse_age1", "性的虐待", "7〜12歳"), 1);
	assert_int_equal(cnt(&r, "abuse_age2", "性的虐待", "中学生"), 1);
	assert_int_equal(cnt(&r, "abuse_age1", "種別未入力", "計"), 0);
	/* main abuser (local codes under その他) and route (first intake: 学校, not 警察) */
	assert_int_equal(cnt(&r, "abuse_abuser", "総数", "総数"), 4);
	assert_int_equal(cnt(&r, "abuse_abuser", "実父", "総数"), 1);
	assert_int_equal(cnt(&r, "abuse_abuser", "実父", "心理的虐待"), 1);
	assert_int_equal(cnt(&r, "abuse_abuser", "その他", "総数"), 2);
	assert_int_equal(cnt(&r, "abuse_abuser", "祖父母", "総数"), 1);
	assert_int_equal(cnt(&r, "abuse_abuser", "きょうだい", "性的虐待"), 1);
	assert_int_equal(cnt(&r, "abuse_abuser", "未入力", "総数"), 0);
	assert_int_equal(cnt(&r, "abuse_route", "学校", "総数"), 1);
	assert_int_equal(cnt(&r, "abuse_route", "警察等", "総数"), 0);
	assert_int_equal(cnt(&r, "abuse_route", "家族", "総数"), 1);
	assert_int_equal(cnt(&r, "abuse_route", "虐待者以外の家族", "総数"), 1);
	assert_int_equal(cnt(&r, "abuse_route", "児童相談所", "性的虐待"), 1);
	assert_non_null(strstr(report_section_find(&r, "abuse_age1")->notes[0], "該当 1 人"));
	report_release(&r);
}

static void test_annual_izumo(void **state)
{
	struct fx *f = *state;
	static const char *const types[] = {"身体的虐待", "性的虐待", "心理的虐待",
					    "保護の怠慢・拒否(ネグレクト)"};
	static const char *const years[] = {"令和6年度", "令和7年度", "令和8年度"};
	static const long yogo[] = {0, 2, 7}, sub[] = {0, 1, 5}, ikusei[] = {0, 1, 2},
			  other[] = {0, 1, 3};
	const struct report_section *s;
	struct report r;

	assert_int_equal(report_annual(f->db, &f->boss, 2026, &r, &f->err), 0);
	s = report_section_find(&r, "izumo");
	assert_non_null(s);
	assert_int_equal(s->nrows, 3);
	/* only the local 養護 code in use gets a column */
	assert_int_equal(s->ncols, 8);
	assert_string_equal(s->cols[6], "養育力不足");
	assert_string_equal(s->cols[7], "その他の相談");
	for (size_t y = 0; y < 3; y++) {
		long sum = 0;

		assert_string_equal(s->rows[y].label, years[y]);
		for (size_t t = 0; t < 4; t++)
			sum += cnt(&r, "izumo", years[y], types[t]);
		assert_int_equal(cnt(&r, "izumo", years[y], "児童虐待小計"), sum);
		assert_int_equal(cnt(&r, "izumo", years[y], "養護相談"),
				 sum + cnt(&r, "izumo", years[y], "養育力不足"));
		assert_int_equal(cnt(&r, "izumo", years[y], "養護相談"), yogo[y]);
		assert_int_equal(sum, sub[y]);
		assert_int_equal(cnt(&r, "izumo", years[y], "養育力不足"), ikusei[y]);
		assert_int_equal(cnt(&r, "izumo", years[y], "その他の相談"), other[y]);
	}
	/* this year's type cells agree with the type x age table */
	for (size_t t = 0; t < 4; t++)
		assert_int_equal(cnt(&r, "izumo", "令和8年度", types[t]),
				 cnt(&r, "abuse_age1", types[t], "計"));
	report_release(&r);

	/* the year before: 2026-03-31 23:59 still counts there */
	assert_int_equal(report_annual(f->db, &f->boss, 2025, &r, &f->err), 0);
	assert_int_equal(cnt(&r, "consult", "養育力不足", "延件数"), 1);
	assert_int_equal(cnt(&r, "consult", "不登校相談", "延件数"), 1);
	assert_int_equal(cnt(&r, "consult", "総数", "実件数"), 3);
	assert_int_equal(report_section_find(&r, "izumo")->ncols, 8);
	report_release(&r);
}

/* ---- daily ---------------------------------------------------------------------- */

static const struct report_row *find_row(const struct report *r, const char *key, size_t col,
					 const char *text)
{
	const struct report_section *s = report_section_find(r, key);

	assert_non_null(s);
	for (size_t i = 0; i < s->nrows; i++)
		if (strstr(s->rows[i].cells[col], text))
			return &s->rows[i];
	fail_msg("no row with '%s' in %s", text, key);
	return NULL;
}

static void test_daily(void **state)
{
	struct fx *f = *state;
	struct report r;
	const struct report_row *row;
	char *text;

	assert_int_equal(report_daily(f->db, &f->clerk, D(2026, 11, 24), 0, &r, &f->err), 0);
	assert_string_equal(r.title, "業務日誌");
	assert_string_equal(r.header[0], "令和8年11月24日(火)");
	assert_string_equal(r.sections[0].key, "summary");
	assert_int_equal(cnt(&r, "summary", "受付", "件数"), 3);
	assert_int_equal(cnt(&r, "summary", "うち通告", "件数"), 2);
	assert_int_equal(cnt(&r, "summary", "受理会議の決定", "件数"), 3);
	assert_int_equal(cnt(&r, "summary", "安全確認 (実施)", "件数"), 2);
	assert_int_equal(cnt(&r, "summary", "安全確認 (期限内・未了)", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "安全確認 (期限超過)", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "経過記録", "件数"), 4);
	assert_int_equal(cnt(&r, "summary", "支援計画の作成・変更", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "明日の見直し予定", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "見直し期限超過", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "支援措置の期限が近い世帯", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "申し送り", "件数"), 1);
	/* rows: the age at the day, the 受理会議's urgency, the overdue check */
	row = find_row(&r, "intakes", 5, "山﨑 凛 (3)");
	assert_string_equal(row->cells[4], "AA");
	assert_string_equal(row->cells[1], "通告");
	assert_non_null(strstr(find_row(&r, "intakes", 5, "小林")->cells[7], "不受理"));
	row = find_row(&r, "safety_pending", 3, "伊藤 湊 (2)"); /* 3 tomorrow */
	assert_string_equal(row->cells[0], "超過");
	assert_true(row->alert);
	assert_string_equal(find_row(&r, "safety_pending", 3, "髙橋")->cells[0], "期限内");
	assert_string_equal(find_row(&r, "safety_done", 2, "伊藤")->cells[4], "未確認");
	assert_string_equal(find_row(&r, "reviews", 3, "渡邉")->cells[0], "明日");
	assert_string_equal(find_row(&r, "reviews", 3, "加藤")->cells[0], "超過");
	assert_string_equal(find_row(&r, "secrecy", 4, "渡邉")->cells[1], "20日");
	assert_non_null(strstr(find_row(&r, "handover", 3, "田中")->detail, "青空小学校"));
	assert_int_equal(cnt(&r, "notes", "佐藤 花子", "計"), 2);
	assert_int_equal(cnt(&r, "notes", "佐藤 花子", "家庭訪問"), 1);
	assert_int_equal(cnt(&r, "notes", "鈴木 次郎", "関係機関連絡"), 1);
	/* the address under a secrecy measure appears nowhere */
	text = render(&r, false);
	assert_null(strstr(text, "秘匿荘"));
	assert_null(strstr(text, "今市町"));
	free(text);
	report_release(&r);

	/* one worker's items only */
	assert_int_equal(report_daily(f->db, &f->boss, D(2026, 11, 24), f->suzuki.id, &r, &f->err),
			 0);
	assert_non_null(strstr(r.header[1], "鈴木 次郎"));
	assert_int_equal(cnt(&r, "summary", "受付", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "安全確認 (期限超過)", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "安全確認 (期限内・未了)", "件数"), 0);
	assert_int_equal(cnt(&r, "summary", "経過記録", "件数"), 1);
	assert_int_equal(cnt(&r, "summary", "明日の見直し予定", "件数"), 0);
	report_release(&r);

	/* a day before anything happened: the same sections, all empty */
	assert_int_equal(report_daily(f->db, &f->boss, D(2026, 11, 19), 0, &r, &f->err), 0);
	assert_int_equal(cnt(&r, "summary", "受付", "件数"), 0);
	assert_int_equal(report_section_find(&r, "intakes")->nrows, 0);
	report_release(&r);
}

/* ---- today ---------------------------------------------------------------------- */

static time_t at_local(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void test_today(void **state)
{
	struct fx *f = *state;
	time_t now = at_local(2026, 11, 24, 17, 45);
	struct report r;

	assert_int_equal(report_today(f->db, &f->sato, now, &r, &f->err), 0);
	assert_string_equal(r.title, "佐藤 花子 の予定");
	assert_non_null(strstr(r.header[0], "17:45"));
	/* A's second report, due 11/26 09:12: 1 day 15 h 27 min left */
	assert_string_equal(find_row(&r, "safety", 3, "髙橋")->cells[0], "残り 1日15時間");
	assert_int_equal(report_section_find(&r, "safety")->nrows, 1);
	assert_string_equal(find_row(&r, "reviews", 3, "加藤")->cells[0], "超過 4日");
	assert_string_equal(find_row(&r, "reviews", 3, "渡邉")->cells[0], "あと 1日");
	assert_string_equal(find_row(&r, "secrecy", 3, "渡邉")->cells[0], "あと 20日");
	/* H: nothing since 2026-09-01 */
	assert_string_equal(find_row(&r, "stale", 3, "加藤")->cells[0], "84日経過");
	assert_int_equal(report_section_find(&r, "stale")->nrows, 1);
	report_release(&r);

	assert_int_equal(report_today(f->db, &f->suzuki, now, &r, &f->err), 0);
	assert_string_equal(find_row(&r, "safety", 3, "伊藤")->cells[0], "超過 2日6時間");
	assert_null(report_section_find(&r, "stale"));
	report_release(&r);

	/* nothing due: no sections at all */
	assert_int_equal(report_today(f->db, &f->clerk, now, &r, &f->err), 0);
	assert_int_equal(r.nsections, 0);
	report_release(&r);
}

static void test_audit(void **state)
{
	struct fx *f = *state;
	struct report r;

	assert_int_equal(report_daily(f->db, &f->sato, D(2026, 11, 24), f->sato.id, &r, &f->err), 0);
	report_release(&r);
	assert_int_equal(report_annual(f->db, &f->sato, 2026, &r, &f->err), 0);
	report_release(&r);
	assert_int_equal(report_today(f->db, &f->sato, at_local(2026, 11, 24, 8, 0), &r, &f->err),
			 0);
	report_release(&r);
	assert_int_equal(count(f, "SELECT count(*) FROM audit a JOIN staff s ON s.id = a.staff_id"
				  " WHERE s.login = 'sato' AND a.action = 'report.daily'"
				  " AND a.entity = 'report' AND a.detail LIKE '業務日誌 2026-11-24 職員 %'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'report.annual'"
				  " AND detail = '年度統計 2026'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'report.today'"
				  " AND detail = '予定 2026-11-24'"),
			 1);
}

/* ---- rendering ---------------------------------------------------------------- */

#include "report_priv.h"
#include "tsunagu/text.h"

/* Lines of text, newly allocated, in *lines. */
static size_t split_lines(const char *text, char ***lines)
{
	size_t n = 0;
	const char *p = text;

	*lines = NULL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		*lines = xreallocarray(*lines, n + 1, sizeof **lines);
		(*lines)[n++] = xstrndup(p, len);
		p += len + (nl ? 1 : 0);
	}
	return n;
}

static void test_render_alignment(void **state)
{
	struct report r = {0};
	struct report_section *s;
	static const long v1[] = {1, 22, 333}, v2[] = {4444, 5, 6};
	char **lines;
	size_t n, first = 0;
	char *text;

	(void)state;
	r.title = xstrdup("表の試験");
	s = rp_section(&r, "t", REPORT_COUNTS, "幅の試験", "区分");
	rp_col(s, "a");
	rp_col(s, "保護の怠慢・拒否(ネグレクト)");
	rp_col(s, "計");
	rp_count_row(s, "髙橋ｶﾞ", 0, true, v1);    /* wide, half-width kana with dakuten */
	rp_count_row(s, "abc", 2, false, v2);
	rp_count_row(s, "〇〇〇〇〇〇", 1, false, NULL);
	s = rp_section(&r, "l", REPORT_LIST, "一覧", NULL);
	rp_col(s, "時刻");
	rp_col(s, "名前");
	rp_list_row(s, (const char *const[]){"09:12", "山田\x1b[31m太郎"})->detail =
		xstrdup("申し送りの本文。");
	text = render(&r, false);
	n = split_lines(text, &lines);
	/* the heading wraps after 「・」 and before 「(」 */
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i], "保護の怠慢・") && !strstr(lines[i], "拒否"))
			first = i;
	assert_true(first > 0);
	assert_non_null(strstr(lines[first + 1], "拒否"));
	assert_non_null(strstr(lines[first + 2], "(ネグレクト)"));
	/* the three count rows and the bottom heading line end in the same column */
	for (size_t i = first + 2; i <= first + 5; i++)
		assert_int_equal(text_width(lines[i]), text_width(lines[first + 2]));
	assert_non_null(strstr(lines[first + 4], "    abc"));
	/* a control character from stored text is shown, never sent raw */
	assert_null(strchr(text, '\x1b'));
	assert_non_null(strstr(text, "^["));
	assert_non_null(strstr(text, "      申し送りの本文。"));
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);

		assert_false(len > 0 && lines[i][len - 1] == ' '); /* no trailing blanks */
		free(lines[i]);
	}
	free(lines);
	free(text);
	report_release(&r);
}

static void test_render_csv(void **state)
{
	struct report r = {0};
	struct report_section *s;
	static const long v[] = {7, 0};
	struct sbuf sb = {0};

	(void)state;
	r.title = xstrdup("CSV");
	s = rp_section(&r, "t", REPORT_COUNTS, "表,\"引用\"", "行");
	rp_col(s, "実件数");
	rp_col(s, "延\n件数");
	rp_count_row(s, "養育力不足", 1, false, v);
	s = rp_section(&r, "l", REPORT_LIST, "一覧は書かない", NULL);
	rp_col(s, "x");
	rp_list_row(s, (const char *const[]){"y"});
	report_render_csv(&r, true, &sb);
	assert_string_equal(sb.buf, "\xef\xbb\xbf表,行,列,件数\r\n"
				    "\"表,\"\"引用\"\"\",養育力不足,実件数,7\r\n"
				    "\"表,\"\"引用\"\"\",養育力不足,\"延\n件数\",0\r\n");
	sbuf_release(&sb);
	report_release(&r);
}

/* ---- golden files -------------------------------------------------------------- */

static void golden(const char *name, const char *text)
{
	const char *src = getenv("TSUNAGU_SOURCE_DIR");
	char *path;
	FILE *fp;
	struct sbuf want = {0};
	char buf[4096];
	size_t n;

	if (!src)
		fail_msg("TSUNAGU_SOURCE_DIR is not set");
	path = xasprintf("%s/tests/golden/%s", src, name);
	if (getenv("TSU_UPDATE_GOLDEN")) {
		fp = fopen(path, "wb");
		assert_non_null(fp);
		fwrite(text, 1, strlen(text), fp);
		fclose(fp);
		fprintf(stderr, "rewrote %s\n", path);
	}
	fp = fopen(path, "rb");
	if (!fp)
		fail_msg("no golden file %s (run with TSU_UPDATE_GOLDEN=1)", path);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(&want, buf, n);
	fclose(fp);
	if (strcmp(want.buf ? want.buf : "", text) != 0)
		fail_msg("%s differs from the output:\n%s", path, text);
	sbuf_release(&want);
	free(path);
}

static void test_golden(void **state)
{
	struct fx *f = *state;
	struct report r;
	char *text;

	assert_int_equal(report_daily(f->db, &f->boss, D(2026, 11, 24), 0, &r, &f->err), 0);
	text = render(&r, false);
	golden("report_daily.txt", text);
	free(text);
	report_release(&r);
	assert_int_equal(report_annual(f->db, &f->boss, 2026, &r, &f->err), 0);
	text = render(&r, false);
	golden("report_annual.txt", text);
	free(text);
	text = render(&r, true);
	golden("report_annual.csv", text);
	free(text);
	report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_annual_consult, setup, teardown),
		cmocka_unit_test_setup_teardown(test_annual_abuse_bands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_annual_izumo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daily, setup, teardown),
		cmocka_unit_test_setup_teardown(test_today, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
		cmocka_unit_test(test_render_alignment),
		cmocka_unit_test(test_render_csv),
		cmocka_unit_test_setup_teardown(test_golden, setup, teardown),
	};

	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
