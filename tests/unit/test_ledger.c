/* test_ledger.c: import of legacy ledgers and CSV export (ledger.h). Bad
 * files first: every problem with its row and column and nothing written;
 * then a realistic ledger (UTF-8 and a CP932 copy made with iconv), the
 * second import that matches instead of duplicating, the matching rules,
 * the dry run, a 100,000-row ledger (time printed, never asserted), the
 * import -> annual report round trip, and exports decoded back with iconv,
 * with unencodable characters, masked addresses and the audit. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagu/db.h"
#include "tsunagu/ledger.h"
#include "tsunagu/person.h"
#include "tsunagu/report.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, worker, auditor;
	struct tsu_err e;
};

#define HEADER                                                                            \
	"受付日,受付方法,相談経路,児童氏名,児童ふりがな,生年月日,性別,住所,電話,保護者氏名," \
	"保護者ふりがな,続柄,相談種別,虐待種別,主たる虐待者,主訴,登録区分,主担当,状態,終結日,"  \
	"終結理由\r\n"

/* A 受付台帳 as an office keeps it: 和暦 and slashed dates, level-2 routes,
 * several abuse types, a closed case, a child with two intakes, a variant
 * kanji (髙), a guardian, a row without a case. */
static const char sample[] =
	HEADER
	"R6.4.10,電話,学校,山田 太郎,やまだ たろう,2015/6/1,男,市内本町1-2-3,0123-45-6789,"
	"山田 花子,やまだ はなこ,母,児童虐待相談,身体的虐待・心理的虐待,実母,顔にあざ,要保護児童,"
	"支援 太郎,支援中,,\r\n"
	"2024/5/1 9:30,来所,虐待者本人,髙橋 一,たかはし はじめ,2018-04-02,男,,,,,,養育力不足,,,"
	"育児の負担,,,,,\r\n"
	"令和6年6月1日,電話,その他,佐藤 次郎,さとう じろう,2012-01-15,女,,,,,,児童虐待相談,"
	"保護の怠慢・拒否(ネグレクト),実父,放置,要支援児童,worker,終結,2024-09-30,主訴の解消・改善\r\n"
	"2024-07-01,訪問,近隣・知人,山田 太郎,やまだ たろう,2015-06-01,男,市内本町1-2-3,,"
	"山田 花子,,母,児童虐待相談,身体的虐待,実母,再度のあざ,,,,,\r\n"
	"2024-08-20,メール,児童本人,\"鈴木, 三郎\",すずき さぶろう,2010-10-10,男,,,,,,不登校相談,"
	",,\"学校に\r\n行けない\",,,,,\r\n";

static int setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	snprintf(name, sizeof name, "ledger%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	if (staff_add(f->db, NULL, "boss", "所長 花子", ROLE_DIRECTOR, NULL, &f->e) != 0 ||
	    staff_by_login(f->db, "boss", &f->boss, &f->e) != 0 ||
	    staff_add(f->db, &f->boss, "worker", "支援 太郎", ROLE_SUPPORT, NULL, &f->e) != 0 ||
	    staff_by_login(f->db, "worker", &f->worker, &f->e) != 0 ||
	    staff_add(f->db, &f->boss, "audit", "監査 次郎", ROLE_AUDITOR, NULL, &f->e) != 0 ||
	    staff_by_login(f->db, "audit", &f->auditor, &f->e) != 0)
		fail_msg("staff: %s", f->e.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->worker);
	staff_release(&f->auditor);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

static long long q(struct fx *f, const char *sql)
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

/* Everything an import may write, as one number per table. */
struct counts {
	long long person, household, member, relation, intake, abuse, cases, audit;
};

static struct counts counts(struct fx *f)
{
	struct counts c = {q(f, "SELECT count(*) FROM person"),
			   q(f, "SELECT count(*) FROM household"),
			   q(f, "SELECT count(*) FROM household_member"),
			   q(f, "SELECT count(*) FROM relation"),
			   q(f, "SELECT count(*) FROM intake"),
			   q(f, "SELECT count(*) FROM intake_abuse"),
			   q(f, "SELECT count(*) FROM cases"),
			   q(f, "SELECT count(*) FROM audit")};
	return c;
}

static void same_counts(struct counts a, struct counts b)
{
	assert_int_equal(a.person, b.person);
	assert_int_equal(a.household, b.household);
	assert_int_equal(a.member, b.member);
	assert_int_equal(a.relation, b.relation);
	assert_int_equal(a.intake, b.intake);
	assert_int_equal(a.abuse, b.abuse);
	assert_int_equal(a.cases, b.cases);
	assert_int_equal(a.audit, b.audit);
}

static int import(struct fx *f, const char *text, size_t len, bool dry, struct ledger_result *r)
{
	struct ledger_import_opts o = {0};

	o.dry_run = dry;
	o.name = "台帳.csv";
	return ledger_import(f->db, &f->worker, text, len, &o, r, &f->e);
}

/* The issue at row/col whose message contains want. */
static bool has_issue(const struct ledger_issue *v, size_t n, size_t row, size_t col,
		      const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].row == row && v[i].col == col && strstr(v[i].message, want))
			return true;
	return false;
}

/* ---- bad files ----------------------------------------------------------------- */

static void test_malformed_reports_every_error_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct counts before = counts(f);
	struct sbuf s = {0};
	char *txt;

	sbuf_adds(&s, "受付日,児童氏名,生年月日,受付方法,虐待種別,主担当,主訴,相談経路\n");
	sbuf_adds(&s, "令和1年4月30日,山田 一,2015-02-30,でんわ,なぐる,誰か,x,学校\n"); /* row 2 */
	sbuf_adds(&s, "2024-04-01,\"山田 \"二,,,,,,\n");                              /* row 3 */
	sbuf_adds(&s, "2024-04-01,鈴木 \xff,,,,,,\n");                                /* row 4 */
	sbuf_adds(&s, "2024-04-01,,,,,,");                                            /* row 5 */
	for (int i = 0; i < 4001; i++)
		sbuf_addc(&s, 'a');
	sbuf_adds(&s, ",\n2024-04-02,正常 な行,,電話,,,,\n");                          /* row 6 */
	sbuf_adds(&s, "2024-04-03,田中 四,,,,,,警察等\n");                              /* row 7 */
	sbuf_adds(&s, "2024-04-03,\"閉じない\n");                                     /* row 8 */
	assert_int_equal(import(f, s.buf, s.len, false, &r), TSU_EINVAL);
	for (size_t i = 0; i < r.nerrors; i++) {
		txt = ledger_issue_format(&r.errors[i]);
		fprintf(stderr, "  %s\n", txt);
		free(txt);
	}
	assert_true(has_issue(r.errors, r.nerrors, 2, 1, "令和は2019年5月1日から"));
	assert_true(has_issue(r.errors, r.nerrors, 2, 3, "2月30日"));
	assert_true(has_issue(r.errors, r.nerrors, 2, 4, "「でんわ」は受付方法の一覧にありません"));
	assert_true(has_issue(r.errors, r.nerrors, 2, 5, "「なぐる」は虐待種別"));
	assert_true(has_issue(r.errors, r.nerrors, 2, 6, "職員「誰か」"));
	assert_true(has_issue(r.errors, r.nerrors, 3, 2, "閉じ引用符"));
	assert_true(has_issue(r.errors, r.nerrors, 4, 2, "0xFF"));
	assert_true(has_issue(r.errors, r.nerrors, 5, 2, "児童氏名がありません"));
	assert_true(has_issue(r.errors, r.nerrors, 5, 7, "長すぎます (4001 文字"));
	assert_true(has_issue(r.errors, r.nerrors, 8, 2, "閉じられない"));
	assert_int_equal(r.nerrors, 10);
	/* rows and columns in order, the format as the caseworker reads it */
	for (size_t i = 1; i < r.nerrors; i++)
		assert_true(r.errors[i - 1].row < r.errors[i].row ||
			    (r.errors[i - 1].row == r.errors[i].row &&
			     r.errors[i - 1].col <= r.errors[i].col));
	txt = ledger_issue_format(&r.errors[0]);
	assert_string_equal(txt, "2 行目 A 列 (受付日): 令和1年4月30日はありません: 令和は2019年5月1日からです");
	free(txt);
	assert_non_null(strstr(f->e.msg, "10 件の誤り"));
	ledger_result_release(&r);
	same_counts(before, counts(f));
	sbuf_release(&s);
}

static void test_bad_header_and_cp932_bytes(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct counts before = counts(f);
	struct ledger_import_opts o = {LEDGER_ENC_CP932, false, NULL, NULL, NULL};
	/* 受付日,児童氏名 in CP932, then a cut lead byte and a bad trail byte */
	static const char sj[] = "\x8e\xf3\x95\x74\x93\xfa,\x8e\x99\x93\xb6\x8e\x81\x96\xbc\r\n"
				 "2024-04-01,\x8e\x52\x93\x63\x82\r\n"
				 "2024-04-02,\x81\x39\r\n"
				 "2024-04-03,\x8e\x52\x93\x63\r\n";

	assert_int_equal(import(f, "", 0, false, &r), TSU_EINVAL);
	assert_true(has_issue(r.errors, r.nerrors, 0, 0, "空のファイル"));
	ledger_result_release(&r);
	assert_int_equal(import(f, "氏名,住所\n山田,x\n", strlen("氏名,住所\n山田,x\n"), false, &r),
			 TSU_EINVAL);
	assert_true(has_issue(r.errors, r.nerrors, 1, 0, "必須の列「受付日」"));
	assert_true(has_issue(r.errors, r.nerrors, 1, 0, "必須の列「児童氏名」"));
	ledger_result_release(&r);
	assert_int_equal(import(f, "受付日,受付日,児童氏名\n", strlen("受付日,受付日,児童氏名\n"), false,
				 &r),
			 TSU_EINVAL);
	assert_true(has_issue(r.errors, r.nerrors, 1, 0, "A 列と B 列の両方"));
	ledger_result_release(&r);

	assert_int_equal(ledger_import(f->db, &f->worker, sj, sizeof sj - 1, &o, &r, &f->e),
			 TSU_EINVAL);
	assert_int_equal(r.encoding, ENC_CP932);
	assert_int_equal(r.nerrors, 2);
	assert_true(has_issue(r.errors, r.nerrors, 2, 2, "0x82"));
	assert_true(has_issue(r.errors, r.nerrors, 3, 2, "0x81"));
	ledger_result_release(&r);
	/* auto detection: mostly CP932, so the bad bytes are located as CP932 */
	o.encoding = LEDGER_ENC_AUTO;
	assert_int_equal(ledger_import(f->db, &f->worker, sj, sizeof sj - 1, &o, &r, &f->e),
			 TSU_EINVAL);
	assert_int_equal(r.nerrors, 2);
	ledger_result_release(&r);
	same_counts(before, counts(f));
}

static void test_case_rules_and_permissions(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	static const char bad[] =
		"受付日,児童氏名,生年月日,状態,終結日,終結理由\n"
		"2024-04-01,甲 一,,終結,,\n"               /* closing without date, reason */
		"2024-04-01,乙 二,,支援中,2024-05-01,\n"   /* date on an open case */
		"2024-04-01,丙 三,,,,年齢到達\n"           /* reason without closing */
		"2024-04-01,丁 四,,終結,2024-03-01,その他\n" /* closed before received */
		"2024-04-01,戊 五,2024-05-01,,,\n";         /* born after receipt */

	assert_int_equal(import(f, bad, sizeof bad - 1, false, &r), TSU_EINVAL);
	assert_true(has_issue(r.errors, r.nerrors, 2, 4, "終結日が必要"));
	assert_true(has_issue(r.errors, r.nerrors, 2, 4, "終結理由が必要"));
	assert_true(has_issue(r.errors, r.nerrors, 3, 5, "終結ではありません"));
	assert_true(has_issue(r.errors, r.nerrors, 4, 6, "終結・送致・移管のときだけ"));
	assert_true(has_issue(r.errors, r.nerrors, 5, 5, "受付日より前"));
	assert_true(has_issue(r.errors, r.nerrors, 6, 3, "受付日より後"));
	ledger_result_release(&r);
	assert_int_equal(ledger_import(f->db, &f->auditor, sample, sizeof sample - 1, NULL, &r,
				       &f->e),
			 TSU_EPERM);
	ledger_result_release(&r);
	assert_int_equal(q(f, "SELECT count(*) FROM intake"), 0);
}

/* ---- a realistic ledger ------------------------------------------------------------ */

static void check_sample_rows(struct fx *f)
{
	/* 山田 太郎: one person, two intakes, one household with the guardian */
	assert_int_equal(q(f, "SELECT count(*) FROM person WHERE family_name = '山田' AND given_name = '太郎'"
			      " AND birth_date = '2015-06-01' AND sex = 'M'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM intake i JOIN person p ON p.id = i.person_id"
			      " WHERE p.given_name = '太郎'"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM relation r JOIN person g ON g.id = r.person_a"
			      " WHERE g.given_name = '花子' AND r.relation = 'MO'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM household WHERE address = '市内本町1-2-3'"
			      " AND phone = '0123-45-6789'"), 1);
	/* routes: level 2 keeps its parent; その他 means その他 (匿名を含む) */
	assert_int_equal(q(f, "SELECT count(*) FROM intake WHERE route1 = 'FAM' AND route2 = 'FAM1'"
			      " AND received_at = '2024-05-01 09:30' AND channel = 'VIS'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM intake WHERE route1 = 'OTH' AND route2 IS NULL"), 1);
	/* abuse types: two in one cell; ネグレクト keeps its own ・ */
	assert_int_equal(q(f, "SELECT count(*) FROM intake_abuse a JOIN intake i ON i.id = a.intake_id"
			      " WHERE i.complaint = '顔にあざ'"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM intake_abuse a JOIN intake i ON i.id = a.intake_id"
			      " WHERE i.complaint = '顔にあざ' AND a.abuse_type IN ('PH', 'PS')"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM intake_abuse WHERE abuse_type = 'NG'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM intake WHERE is_report = 1"), 3);
	assert_int_equal(q(f, "SELECT count(*) FROM intake WHERE safety_due IS NOT NULL"), 0);
	/* cases: numbered in FY2024, the closed one with its retention date */
	assert_int_equal(q(f, "SELECT count(*) FROM cases WHERE case_no = 'R6-0001'"
			      " AND registration = 'P' AND status = 'SUP' AND lead_id IS NOT NULL"
			      " AND next_review >= date('now', 'localtime')"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM cases WHERE case_no = 'R6-0002' AND status = 'END'"
			      " AND closed_on = '2024-09-30' AND closure_reason = 'SOLVED'"
			      " AND dispose_from = '2037-01-15' AND next_review IS NULL"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM intake WHERE case_id IS NOT NULL AND accepted = 1"), 2);
	/* a quoted comma and a line break inside a cell */
	assert_int_equal(q(f, "SELECT count(*) FROM person WHERE family_name = '鈴木,'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM intake WHERE complaint = '学校に' || char(13, 10)"
			      " || '行けない'"), 1);
}

static void test_import_then_reimport_matches(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct counts c1;

	assert_int_equal(import(f, sample, sizeof sample - 1, false, &r), 0);
	assert_int_equal(r.rows, 5);
	assert_int_equal(r.persons_created, 4);
	assert_int_equal(r.persons_matched, 0);
	assert_int_equal(r.guardians_created, 1);
	assert_int_equal(r.households, 1);
	assert_int_equal(r.intakes, 5);
	assert_int_equal(r.cases, 2);
	assert_int_equal(r.nerrors, 0);
	assert_int_equal(strlen(r.sha256), 64);
	ledger_result_release(&r);
	check_sample_rows(f);
	/* one audit row for the whole import, naming the file and the ranges */
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.import'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.import' AND detail"
			      " LIKE 'file=台帳.csv sha256=%intakes+5 cases+2%person=1-5%'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action LIKE 'person.%'"), 0);

	c1 = counts(f);
	assert_int_equal(import(f, sample, sizeof sample - 1, false, &r), 0);
	assert_int_equal(r.persons_created, 0);
	assert_int_equal(r.persons_matched, 4);
	assert_int_equal(r.duplicates, 5);
	assert_int_equal(r.intakes, 0);
	assert_int_equal(r.cases, 0);
	assert_true(has_issue(r.warnings, r.nwarnings, 2, 0, "既にある"));
	ledger_result_release(&r);
	c1.audit++; /* the second import's own row */
	same_counts(c1, counts(f));
}

static void test_cp932_file_via_iconv(void **state)
{
	struct fx *f = *state;
	char *in = testutil_path("sample-utf8.csv"), *out = testutil_path("sample-cp932.csv");
	char *cmd = xasprintf("iconv -f UTF-8 -t CP932 '%s' > '%s'", in, out);
	struct sbuf sj = {0};
	struct ledger_result r;
	FILE *fp = fopen(in, "wb");
	char buf[4096];
	size_t n;

	assert_non_null(fp);
	fwrite(sample, 1, sizeof sample - 1, fp);
	fclose(fp);
	assert_int_equal(system(cmd), 0);
	fp = fopen(out, "rb");
	assert_non_null(fp);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(&sj, buf, n);
	fclose(fp);
	assert_int_equal(import(f, sj.buf, sj.len, false, &r), 0);
	assert_int_equal(r.encoding, ENC_CP932);
	assert_int_equal(r.intakes, 5);
	ledger_result_release(&r);
	check_sample_rows(f);
	sbuf_release(&sj);
	free(cmd);
	free(in);
	free(out);
}

static void test_dry_run_and_unknown_column(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct counts before = counts(f);
	static const char t[] = "\xEF\xBB\xBF受付日,児童氏名,備考2,\n2024-04-01,山田 一,メモ,\n"
				",,,\n\n2024-04-02,山田 一,,\n";

	assert_int_equal(import(f, t, sizeof t - 1, true, &r), 0);
	assert_int_equal(r.encoding, ENC_UTF8_BOM);
	assert_int_equal(r.rows, 2); /* empty rows skipped */
	assert_int_equal(r.persons_created, 1);
	assert_int_equal(r.intakes, 2);
	assert_true(has_issue(r.warnings, r.nwarnings, 1, 0, "C 列「備考2」"));
	ledger_result_release(&r);
	same_counts(before, counts(f));
}

static void add_person(struct fx *f, const char *fam, const char *giv, struct date birth)
{
	struct person p = {0};

	p.family_name = (char *)fam;
	p.given_name = (char *)giv;
	p.birth = birth;
	if (person_create(f->db, &f->worker, &p, &f->e) != 0)
		fail_msg("person_create: %s", f->e.msg);
}

static void test_matching_rules(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	static const char t[] =
		"受付日,児童氏名,生年月日,主訴\n"
		"2024-04-01,高橋 一,2018-04-02,a\n"  /* 髙橋 一 with the same birth: match */
		"2024-04-01,ﾀﾅｶ ﾊﾅ,,b\n"            /* one たなか はな: match by name */
		"2024-04-01,伊藤 誠,,c\n"           /* two 伊藤 誠: new, warning */
		"2024-04-01,高橋 一,2019-01-01,d\n" /* other birth: new */
		"2024-04-01,小林 空,2016-01-01,e\n" /* 小林 空 without birth: new, warning */
		"2024-04-02,高橋 一,2019-01-01,d2\n"; /* the row above's new person */

	add_person(f, "髙橋", "一", (struct date){2018, 4, 2});
	add_person(f, "タナカ", "ハナ", (struct date){0, 0, 0});
	add_person(f, "伊藤", "誠", (struct date){2014, 1, 1});
	add_person(f, "伊藤", "誠", (struct date){2016, 1, 1});
	add_person(f, "小林", "空", (struct date){0, 0, 0});
	assert_int_equal(import(f, t, sizeof t - 1, false, &r), 0);
	assert_int_equal(r.persons_matched, 2);
	assert_int_equal(r.persons_created, 3);
	assert_true(has_issue(r.warnings, r.nwarnings, 4, 0, "同じ氏名の人物が 2 人"));
	assert_true(has_issue(r.warnings, r.nwarnings, 6, 0, "生年月日のない人物"));
	ledger_result_release(&r);
	assert_int_equal(q(f, "SELECT count(*) FROM person"), 8);
	assert_int_equal(q(f, "SELECT count(*) FROM intake i JOIN person p ON p.id = i.person_id"
			      " WHERE p.family_name = '髙橋'"), 1);
	assert_int_equal(q(f, "SELECT count(DISTINCT person_id) FROM intake WHERE complaint"
			      " IN ('d', 'd2')"), 1);
}

/* ---- 100,000 rows --------------------------------------------------------------- */

static void big_ledger(struct sbuf *s, size_t rows)
{
	static const char *const fam[] = {"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺"};
	static const char *const giv[] = {"太郎", "花子", "一", "美咲", "翔", "陽菜", "蓮"};
	static const char *const types[] = {"児童虐待相談", "養育力不足", "不登校相談",
					    "保健相談"};

	sbuf_adds(s, HEADER);
	for (size_t i = 0; i < rows; i++) {
		size_t child = i % (rows * 3 / 5 + 1);

		sbuf_addf(s, "2024-%02zu-%02zu,電話,学校,%s %s%zu,,20%02zu-%02zu-%02zu,%s,"
			  "市内%zu番地,,保護者 %zu,,母,%s,%s,実母,主訴%zu,%s,,,,\r\n",
			  4 + i % 9, 1 + i % 28, fam[child % 7], giv[child / 7 % 7], child,
			  10 + child % 10, 1 + child % 12, 1 + child % 28, child % 2 ? "男" : "女",
			  child, child, types[i % 4], i % 4 ? "" : "身体的虐待", i,
			  i % 10 ? "" : "要支援児童");
	}
}

static void test_100k_rows(void **state)
{
	struct fx *f = *state;
	struct sbuf s = {0};
	struct ledger_result r;
	struct timespec t0, t1;
	char *path = testutil_path("ledger-100k.csv"), buf[65536];
	FILE *fp = fopen(path, "wb");

	/* generated into a file and read back, as the subcommand would */
	big_ledger(&s, 100000);
	assert_non_null(fp);
	assert_int_equal(fwrite(s.buf, 1, s.len, fp), s.len);
	assert_int_equal(fclose(fp), 0);
	sbuf_reset(&s);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	for (size_t n; (n = fread(buf, 1, sizeof buf, fp)) > 0;)
		sbuf_add(&s, buf, n);
	fclose(fp);
	free(path);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(import(f, s.buf, s.len, false, &r), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "info: 100,000-row ledger (%zu bytes) imported in %.2f s\n", s.len,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	assert_int_equal(r.rows, 100000);
	assert_int_equal(r.intakes, 100000);
	assert_int_equal(r.persons_created, 60001);
	assert_int_equal(r.cases, 10000);
	ledger_result_release(&r);
	assert_int_equal(q(f, "SELECT count(*) FROM intake"), 100000);
	assert_int_equal(q(f, "SELECT count(*) FROM person"), 120002);
	sbuf_release(&s);
}

/* ---- import -> annual report ---------------------------------------------------------- */

static long count_at(const struct report *rep, const char *sec, const char *row, const char *col)
{
	long n = -1;

	assert_int_equal(report_count(report_section_find(rep, sec), row, col, &n), 0);
	return n;
}

static void test_report_round_trip(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct report rep;
	static const char t[] =
		"受付日,児童氏名,生年月日,相談種別,虐待種別\n"
		"2024-04-05,甲 一,2015-01-01,児童虐待相談,身体的虐待\n"
		"2024-06-05,甲 一,2015-01-01,児童虐待相談,身体的虐待\n"
		"2024-07-05,乙 二,2016-01-01,児童虐待相談,心理的虐待、身体的虐待\n"
		"2025-03-31,丙 三,2017-01-01,児童虐待相談,ネグレクト\n"
		"2024-05-05,丁 四,2018-01-01,養育力不足,\n"
		"2024-09-05,戊 五,2019-01-01,養育力不足,\n"
		"2024-10-05,己 六,2012-01-01,不登校相談,\n"
		"2025-04-01,庚 七,2012-01-01,不登校相談,\n"; /* FY2025 */

	assert_int_equal(import(f, t, sizeof t - 1, false, &r), 0);
	ledger_result_release(&r);
	assert_int_equal(report_annual(f->db, &f->boss, 2024, &rep, &f->e), 0);
	assert_int_equal(count_at(&rep, "consult", "児童虐待相談", "実件数"), 3);
	assert_int_equal(count_at(&rep, "consult", "児童虐待相談", "延件数"), 4);
	assert_int_equal(count_at(&rep, "consult", "養育力不足", "実件数"), 2);
	assert_int_equal(count_at(&rep, "consult", "総数", "延件数"), 7);
	assert_int_equal(count_at(&rep, "izumo", "令和6年度", "児童虐待小計"), 4);
	assert_int_equal(count_at(&rep, "izumo", "令和6年度", "身体的虐待"), 2);
	assert_int_equal(count_at(&rep, "izumo", "令和6年度", "養育力不足"), 2);
	assert_int_equal(count_at(&rep, "izumo", "令和6年度", "養護相談"), 6);
	assert_int_equal(count_at(&rep, "izumo", "令和6年度", "その他の相談"), 1);
	report_release(&rep);
}

/* ---- export ------------------------------------------------------------------------- */

/* iconv -f from -t UTF-8 of bytes, into out. */
static void iconv_back(const char *from, const char *bytes, size_t len, struct sbuf *out)
{
	char *in = testutil_path("export.bin"), *cmd;
	FILE *fp = fopen(in, "wb");
	char buf[4096];
	size_t n;

	assert_non_null(fp);
	fwrite(bytes, 1, len, fp);
	fclose(fp);
	cmd = xasprintf("iconv -f %s -t UTF-8 '%s'", from, in);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(out, buf, n);
	assert_int_equal(pclose(fp), 0);
	free(cmd);
	free(in);
}

static void test_export_encodings_and_audit(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct ledger_export_opts o = {LEDGER_EXPORT_INTAKES, 2024, LEDGER_OUT_UTF8_BOM, false};
	struct ledger_export x, y;
	struct sbuf u = {0}, c = {0};
	long long audits;

	assert_int_equal(import(f, sample, sizeof sample - 1, false, &r), 0);
	ledger_result_release(&r);
	assert_int_equal(ledger_export(f->db, &f->worker, &o, &x, &f->e), TSU_EPERM);
	ledger_export_release(&x);
	audits = q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.export'");
	assert_int_equal(ledger_export(f->db, &f->boss, &o, &x, &f->e), 0);
	assert_int_equal(x.rows, 5);
	assert_memory_equal(x.bytes, "\xEF\xBB\xBF\"受付番号\",\"受付日\"", 29);
	assert_non_null(strstr(x.bytes, "\"2024-05-01 09:30\",\"来所\",\"虐待者本人\",\"髙橋 一\""));
	assert_non_null(strstr(x.bytes, "\"身体的虐待、心理的虐待\""));
	assert_non_null(strstr(x.bytes, "\"学校に\r\n行けない\""));
	assert_non_null(strstr(x.bytes, "\"R6-0002\",\"要支援児童\",\"支援 太郎\",\"終結\",\"2024-09-30\""));
	assert_int_equal(x.bytes[x.len - 2], '\r');
	iconv_back("UTF-8", x.bytes + 3, x.len - 3, &u);
	assert_int_equal(u.len, x.len - 3);
	/* CP932: no character outside it here, so the same text comes back */
	o.encoding = LEDGER_OUT_CP932;
	assert_int_equal(ledger_export(f->db, &f->boss, &o, &y, &f->e), 0);
	assert_int_equal(y.lost, 0);
	iconv_back("CP932", y.bytes, y.len, &c);
	assert_int_equal(c.len, u.len);
	assert_memory_equal(c.buf, u.buf, u.len);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.export'"), audits + 2);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.export' AND"
			      " detail = 'kind=intakes fy=2024 encoding=cp932 rows=5 lost=0'"), 1);
	ledger_export_release(&x);
	ledger_export_release(&y);
	sbuf_release(&u);
	sbuf_release(&c);
	/* every kind produces a header and is audited */
	for (int k = LEDGER_EXPORT_CASES; k <= LEDGER_EXPORT_STATS; k++) {
		o.kind = (enum ledger_export_kind)k;
		o.encoding = LEDGER_OUT_UTF8_BOM;
		assert_int_equal(ledger_export(f->db, &f->boss, &o, &x, &f->e), 0);
		assert_true(x.len > 3);
		if (k == LEDGER_EXPORT_CASES)
			assert_int_equal(x.rows, 2);
		if (k == LEDGER_EXPORT_STATS)
			assert_non_null(strstr(x.bytes, "児童虐待相談"));
		ledger_export_release(&x);
	}
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.export'"), audits + 5);
	o.fy = 0;
	assert_int_equal(ledger_export(f->db, &f->boss, &o, &x, &f->e), TSU_EINVAL);
	ledger_export_release(&x);
}

static void test_export_unencodable_and_masked(void **state)
{
	struct fx *f = *state;
	struct ledger_result r;
	struct ledger_export_opts o = {LEDGER_EXPORT_INTAKES, 0, LEDGER_OUT_CP932, false};
	struct ledger_export x;
	struct household h = {0};
	int64_t hid;
	static const char t[] = "受付日,児童氏名,住所,電話,主訴,登録区分\n"
				"2024-04-01,𠮟田 花,秘密町1,090-0000-0000,叱られた😀,要支援児童\n"
				"2024-04-02,普通 太,公開町2,,なし,\n";

	assert_int_equal(import(f, t, sizeof t - 1, false, &r), 0);
	ledger_result_release(&r);
	/* DV等支援措置 on the first household */
	assert_int_equal(household_get(f->db, &f->boss, 1, &h, &f->e), 0);
	h.secrecy = true;
	h.secrecy_start = (struct date){2024, 4, 1};
	h.secrecy_end = (struct date){2025, 3, 31};
	assert_int_equal(household_update(f->db, &f->boss, &h, &f->e), 0);
	household_release(&h);
	hid = q(f, "SELECT id FROM household WHERE address = '秘密町1'");
	assert_int_equal(hid, 1);

	assert_int_equal(ledger_export(f->db, &f->boss, &o, &x, &f->e), TSU_EENCODING);
	assert_null(x.bytes);
	assert_int_equal(x.lost, 2);
	assert_int_equal(x.nissues, 2);
	assert_true(has_issue(x.issues, x.nissues, 2, 5, "「𠮟」(U+20B9F)"));
	assert_string_equal(x.issues[0].column, "児童氏名");
	assert_true(has_issue(x.issues, x.nissues, 2, 17, "U+1F600"));
	ledger_export_release(&x);
	assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'ledger.export'"
			      " AND detail LIKE '%refused'"), 1);

	o.substitute = true;
	assert_int_equal(ledger_export(f->db, &f->boss, &o, &x, &f->e), 0);
	assert_int_equal(x.lost, 2);
	{
		struct sbuf back = {0};

		iconv_back("CP932", x.bytes, x.len, &back);
		assert_non_null(strstr(back.buf, "\"〓田 花\""));
		assert_non_null(strstr(back.buf, "\"叱られた〓\""));
		assert_non_null(strstr(back.buf, "\"" LEDGER_MASK "\",\"" LEDGER_MASK "\""));
		assert_null(strstr(back.buf, "秘密町"));
		assert_null(strstr(back.buf, "090-0000"));
		assert_non_null(strstr(back.buf, "\"公開町2\""));
		sbuf_release(&back);
	}
	ledger_export_release(&x);
	o.kind = LEDGER_EXPORT_CASES;
	o.encoding = LEDGER_OUT_UTF8_BOM;
	assert_int_equal(ledger_export(f->db, &f->boss, &o, &x, &f->e), 0);
	assert_int_equal(x.rows, 1);
	assert_null(strstr(x.bytes, "秘密町"));
	assert_non_null(strstr(x.bytes, "\"" LEDGER_MASK "\",\"" LEDGER_MASK "\""));
	ledger_export_release(&x);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_malformed_reports_every_error_and_writes_nothing),
		T(test_bad_header_and_cp932_bytes),
		T(test_case_rules_and_permissions),
		T(test_import_then_reimport_matches),
		T(test_cp932_file_via_iconv),
		T(test_dry_run_and_unknown_column),
		T(test_matching_rules),
		T(test_report_round_trip),
		T(test_export_encodings_and_audit),
		T(test_export_unencodable_and_masked),
		T(test_100k_rows),
	};

	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
