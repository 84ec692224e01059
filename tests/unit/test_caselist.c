/* test_caselist.c: 進行管理 (caselist.h) against an injected today: bad
 * filters first; each filter (mine, registration, overdue, stale N, tag,
 * incremental search); sorting by reading across hiragana, katakana and
 * half-width readings (key_fold), by review and by last record; a case
 * leaves the overdue list once its review is recorded; the review cycle;
 * the contact history intake shows; the ledger text aligned. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/case.h"
#include "tsunagu/caselist.h"
#include "tsunagu/db.h"
#include "tsunagu/note.h"
#include "tsunagu/person.h"
#include "tsunagu/settings.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

enum { A, B, C, DD, E, NCASES };

struct fx {
	char *path;
	struct db *db;
	struct staff boss, w1, w2, auditor;
	struct case_rec c[NCASES];
	int64_t person[NCASES];
	struct tsu_err e;
};

static struct date D(int y, int m, int d)
{
	return (struct date){y, m, d};
}

static const struct date TODAY = {2026, 7, 15};

static void add_staff(struct fx *f, const char *login, const char *name, enum staff_role role,
		      struct staff *out)
{
	if (staff_add(f->db, f->boss.id ? &f->boss : NULL, login, name, role, NULL, &f->e) != 0)
		fail_msg("staff_add %s: %s", login, f->e.msg);
	if (staff_by_login(f->db, login, out, &f->e) != 0)
		fail_msg("staff_by_login %s: %s", login, f->e.msg);
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

static void make_case(struct fx *f, int i, const char *fam, const char *given, const char *fk,
		      const char *gk, const struct staff *lead, struct date opened,
		      struct date review, const char *reg)
{
	struct person p = {0};
	struct case_rec in = {0};

	p.family_name = (char *)fam;
	p.given_name = (char *)given;
	p.family_kana = (char *)fk;
	p.given_kana = (char *)gk;
	if (person_create(f->db, &f->boss, &p, &f->e) != 0)
		fail_msg("person_create: %s", f->e.msg);
	f->person[i] = p.id;
	in.subject_id = p.id;
	in.lead_id = lead->id;
	in.opened = opened;
	in.next_review = review;
	if (case_create(f->db, &f->boss, &in, &f->c[i], &f->e) != 0)
		fail_msg("case_create: %s", f->e.msg);
	if (reg && case_set_registration(f->db, &f->boss, &f->c[i], reg, NULL, &f->e) != 0)
		fail_msg("case_set_registration: %s", f->e.msg);
}

static void note_on(struct fx *f, int i, const char *at, const char *kind)
{
	struct note n = {0};

	n.case_id = f->c[i].id;
	n.at = (char *)at;
	n.kind = (char *)kind;
	n.content = "記録";
	if (note_create(f->db, &f->boss, &n, &f->e) != 0)
		fail_msg("note_create: %s", f->e.msg);
}

static int setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	snprintf(name, sizeof name, "caselist%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "w1", "佐藤 一", ROLE_SUPPORT, &f->w1);
	add_staff(f, "w2", "田中 二", ROLE_ABUSE, &f->w2);
	add_staff(f, "audit", "監査 三", ROLE_AUDITOR, &f->auditor);
	/* readings typed in hiragana, katakana, half-width katakana, and none */
	make_case(f, A, "髙橋", "陽翔", "たかはし", "はると", &f->w1, D(2026, 4, 1),
		  D(2026, 7, 1), "P");
	make_case(f, B, "佐藤", "花", "サトウ", "ハナ", &f->w1, D(2026, 4, 1), D(2026, 9, 1), "S");
	make_case(f, C, "伊藤", "湊", "ｲﾄｳ", "ﾐﾅﾄ", &f->w1, D(2026, 6, 1), D(2026, 7, 20), NULL);
	make_case(f, DD, "渡邉", "結衣", "わたなべ", "ゆい", &f->w2, D(2026, 4, 1), D(2026, 6, 30),
		  "P");
	make_case(f, E, "阿部", "健", NULL, NULL, &f->w2, D(2023, 4, 1), D(2023, 7, 1), NULL);
	if (case_set_status(f->db, &f->boss, &f->c[E], "END", "SOLVED", NULL, D(2023, 6, 1),
			    &f->e) != 0)
		fail_msg("case_set_status: %s", f->e.msg);
	note_on(f, A, "2026-07-10 10:00", "HOME");
	note_on(f, A, "2026-07-12 09:00", "AGENCY");
	note_on(f, B, "2026-04-10 15:00", "TEL");
	raw(f, "INSERT INTO case_tag (case_id, tag) SELECT id, 'DV' FROM cases WHERE case_no ="
	       " (SELECT case_no FROM cases ORDER BY id LIMIT 1 OFFSET 1)");
	err_clear(&f->e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->w1);
	staff_release(&f->w2);
	staff_release(&f->auditor);
	for (int i = 0; i < NCASES; i++)
		case_release(&f->c[i]);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

/* The query's case numbers in order, as "a b c". */
static char *order(struct fx *f, const struct staff *who, const struct caselist_filter *flt,
		   enum caselist_sort sort)
{
	struct caselist_row *rows;
	struct sbuf sb = {0};
	size_t n;

	if (caselist_query(f->db, who, flt, sort, TODAY, &rows, &n, &f->e) != 0)
		fail_msg("caselist_query: %s", f->e.msg);
	sbuf_adds(&sb, "");
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < NCASES; k++)
			if (rows[i].case_id == f->c[k].id)
				sbuf_addf(&sb, "%s%c", i ? " " : "", "ABCDE"[k]);
	}
	caselist_rows_free(rows, n);
	return sbuf_detach(&sb);
}

#define ORDER(who, flt, sort, want)                      \
	do {                                             \
		char *got_ = order(f, who, flt, sort);   \
		assert_string_equal(got_, want);         \
		free(got_);                              \
	} while (0)

static void test_bad_filters(void **state)
{
	struct fx *f = *state;
	struct caselist_filter flt = {0};
	struct caselist_row *rows;
	size_t n;

	assert_int_equal(caselist_query(f->db, &f->auditor, &flt, CASELIST_SORT_KANA, TODAY, &rows,
					&n, &f->e),
			 TSU_EPERM);
	flt.registration = "X";
	assert_int_equal(caselist_query(f->db, &f->w1, &flt, CASELIST_SORT_KANA, TODAY, &rows, &n,
					&f->e),
			 TSU_EINVAL);
	flt.registration = NULL;
	flt.tag = "NOPE";
	assert_int_equal(caselist_query(f->db, &f->w1, &flt, CASELIST_SORT_KANA, TODAY, &rows, &n,
					&f->e),
			 TSU_EINVAL);
	assert_null(rows);
	assert_int_equal(n, 0);
	flt.tag = NULL;
	assert_int_equal(caselist_query(f->db, &f->w1, &flt, CASELIST_SORT_KANA, (struct date){0},
					&rows, &n, &f->e),
			 TSU_EINVAL);
}

static void test_rows_and_judgement(void **state)
{
	struct fx *f = *state;
	struct caselist_row *rows;
	size_t n;

	assert_int_equal(caselist_query(f->db, &f->w1, NULL, CASELIST_SORT_NO, TODAY, &rows, &n,
					&f->e),
			 0);
	assert_int_equal(n, 4); /* the closed case is not listed */
	assert_string_equal(rows[A].name, "髙橋 陽翔");
	assert_string_equal(rows[A].kana, "たかはし はると");
	assert_string_equal(rows[A].registration_label, "要保護児童");
	assert_string_equal(rows[A].lead_name, "佐藤 一");
	assert_int_equal(date_cmp(rows[A].last_contact, D(2026, 7, 10)), 0); /* HOME, not AGENCY */
	assert_int_equal(date_cmp(rows[A].last_record, D(2026, 7, 12)), 0);
	assert_int_equal(rows[A].days_since_record, 3);
	assert_true(rows[A].overdue);
	assert_false(rows[A].stale);
	assert_int_equal(rows[B].days_since_record, 96);
	assert_true(rows[B].stale);
	assert_false(rows[B].overdue);
	assert_string_equal(rows[B].tags, "DV");
	assert_int_equal(rows[C].last_contact.y, 0);
	assert_int_equal(rows[C].days_since_record, 44); /* counted from the opening */
	assert_false(rows[C].stale);
	assert_true(rows[DD].stale && rows[DD].overdue);
	assert_string_equal(rows[DD].registration, "P");
	caselist_rows_free(rows, n);
}

static void test_filters(void **state)
{
	struct fx *f = *state;
	struct caselist_filter flt = {0};

	flt.mine = true;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A B C");
	ORDER(&f->w2, &flt, CASELIST_SORT_NO, "D");
	flt.mine = false;
	flt.lead_id = f->w2.id;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "D");
	flt.lead_id = 0;
	flt.registration = "P";
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A D");
	flt.registration = "N";
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "C");
	flt.registration = NULL;
	flt.overdue = true;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A D");
	flt.overdue = false;
	flt.stale_days = -1; /* the setting: 60 */
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "B D");
	flt.stale_days = 100;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "D");
	flt.stale_days = 40;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "B C D");
	flt.stale_days = 0;
	flt.tag = "DV";
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "B");
	flt.tag = NULL;
	flt.include_closed = true;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A B C D E");
	flt.include_closed = false;
	/* the stale setting is read each time */
	assert_int_equal(settings_set(f->db, &f->boss, "stale_days", "30", &f->e), 0);
	flt.stale_days = -1;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "B C D");
}

static void test_incremental_search(void **state)
{
	struct fx *f = *state;
	struct caselist_filter flt = {0};

	flt.query = "ﾀｶﾊｼ"; /* half-width finds the hiragana reading */
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A");
	flt.query = "高橋"; /* the variant kanji finds 髙橋 */
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A");
	flt.query = "さとう　はな"; /* two words, ideographic space, katakana reading */
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "B");
	flt.query = "とう";
	ORDER(&f->w1, &flt, CASELIST_SORT_KANA, "C B");
	flt.query = f->c[C].case_no;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "C");
	flt.query = "存在しない";
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "");
	flt.query = "  ";
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A B C D");
}

static void test_sorting(void **state)
{
	struct fx *f = *state;
	struct caselist_filter flt = {0};

	/* いとう (ｲﾄｳ) < さとう (サトウ) < たかはし < わたなべ < 阿部 (no reading) */
	flt.include_closed = true;
	ORDER(&f->w1, &flt, CASELIST_SORT_KANA, "C B A D E");
	flt.include_closed = false;
	ORDER(&f->w1, NULL, CASELIST_SORT_REVIEW, "D A C B");
	ORDER(&f->w1, NULL, CASELIST_SORT_LAST, "D B C A");
	ORDER(&f->w1, NULL, CASELIST_SORT_NO, "A B C D");
}

static void test_review_leaves_overdue(void **state)
{
	struct fx *f = *state;
	struct caselist_filter flt = {.overdue = true};
	struct date next;
	struct case_rec got;

	assert_int_equal(caselist_record_review(f->db, &f->auditor, f->c[A].id, TODAY,
						(struct date){0}, 0, NULL, &next, &f->e),
			 TSU_EPERM);
	assert_int_equal(caselist_record_review(f->db, &f->w1, f->c[E].id, TODAY, (struct date){0},
						0, NULL, &next, &f->e),
			 TSU_EINVAL); /* closed */
	assert_int_equal(caselist_record_review(f->db, &f->w1, f->c[A].id, TODAY, D(2026, 7, 1), 0,
						NULL, &next, &f->e),
			 TSU_EINVAL); /* next before the review */
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "A D");
	assert_int_equal(caselist_record_review(f->db, &f->w1, f->c[A].id, TODAY, (struct date){0},
						0, "実務者会議前の確認", &next, &f->e),
			 0);
	assert_int_equal(date_cmp(next, D(2026, 10, 15)), 0); /* + 3 months */
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "D");
	assert_int_equal(case_get(f->db, &f->w1, f->c[A].id, &got, &f->e), 0);
	assert_int_equal(date_cmp(got.next_review, D(2026, 10, 15)), 0);
	case_release(&got);
	/* a monthly cycle counts from the last review, or the opening */
	assert_int_equal(caselist_set_cycle(f->db, &f->w1, f->c[DD].id, 13, &next, &f->e),
			 TSU_EINVAL);
	assert_int_equal(caselist_set_cycle(f->db, &f->w1, f->c[DD].id, 1, &next, &f->e), 0);
	assert_int_equal(date_cmp(next, D(2026, 5, 1)), 0);
	assert_int_equal(caselist_set_cycle(f->db, &f->w1, f->c[A].id, 1, &next, &f->e), 0);
	assert_int_equal(date_cmp(next, D(2026, 8, 15)), 0);
	assert_int_equal(caselist_record_review(f->db, &f->w1, f->c[DD].id, D(2026, 7, 14),
						(struct date){0}, 0, NULL, &next, &f->e),
			 0);
	assert_int_equal(date_cmp(next, D(2026, 8, 14)), 0);
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "");
	/* a review is a record: D is no longer stale */
	flt.overdue = false;
	flt.stale_days = -1;
	ORDER(&f->w1, &flt, CASELIST_SORT_NO, "B");
}

static void test_contact_history(void **state)
{
	struct fx *f = *state;
	struct contact_history h;
	struct person p = {0};
	struct household hh = {0};

	assert_int_equal(person_contact_history(f->db, &f->auditor, f->person[E], TODAY, &h, &f->e),
			 TSU_EPERM);
	assert_int_equal(person_contact_history(f->db, &f->w1, f->person[E], TODAY, &h, &f->e), 0);
	assert_int_equal(h.n_cases, 1);
	assert_int_equal(h.years_ago, 3);
	assert_string_equal(h.last_closed_no, f->c[E].case_no);
	assert_non_null(strstr(h.summary, "3年前に相談歴あり"));
	contact_history_release(&h);
	assert_int_equal(person_contact_history(f->db, &f->w1, f->person[A], TODAY, &h, &f->e), 0);
	assert_int_equal(h.open_case_id, f->c[A].id);
	assert_non_null(strstr(h.summary, f->c[A].case_no));
	assert_non_null(strstr(h.summary, "対応中"));
	contact_history_release(&h);
	/* a sibling in the household of a closed case, months ago */
	p.family_name = "阿部";
	p.given_name = "悠";
	assert_int_equal(person_create(f->db, &f->w1, &p, &f->e), 0);
	assert_int_equal(person_contact_history(f->db, &f->w1, p.id, TODAY, &h, &f->e), 0);
	assert_string_equal(h.summary, "相談歴なし");
	contact_history_release(&h);
	assert_int_equal(household_create(f->db, &f->w1, &hh, &f->e), 0);
	assert_int_equal(household_add_member(f->db, &f->w1, hh.id, p.id, NULL, &f->e), 0);
	assert_int_equal(household_add_member(f->db, &f->w1, hh.id, f->person[E], NULL, &f->e), 0);
	raw(f, "UPDATE cases SET household_id = (SELECT max(id) FROM household),"
	       " closed_on = '2026-02-20' WHERE closed_on IS NOT NULL");
	assert_int_equal(person_contact_history(f->db, &f->w1, p.id, TODAY, &h, &f->e), 0);
	assert_int_equal(h.n_cases, 1);
	assert_int_equal(h.months_ago, 4);
	assert_non_null(strstr(h.summary, "4か月前に相談歴あり"));
	contact_history_release(&h);
	household_release(&hh);
}

/* Display column where needle starts on line (or -1). */
static int col_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);

	return p ? text_width_n(line, (size_t)(p - line)) : -1;
}

static void test_ledger_text_aligned(void **state)
{
	struct fx *f = *state;
	struct caselist_row *rows;
	struct sbuf sb = {0};
	char **lines, date[32];
	size_t n, nl;
	int head;

	assert_int_equal(caselist_query(f->db, &f->w1, NULL, CASELIST_SORT_KANA, TODAY, &rows, &n,
					&f->e),
			 0);
	caselist_render(rows, n, TODAY, &sb);
	nl = text_wrap(sb.buf, 400, &lines);
	assert_int_equal(nl, n + 4); /* title, header, rows, total, and the last "" */
	assert_non_null(strstr(lines[0], "令和8年7月15日(水)"));
	head = col_of(lines[1], "次回見直し");
	assert_true(head > 0);
	for (size_t i = 0; i < n; i++) {
		char d[24];

		/* with the space after it: R8.7.1 is not the start of R8.7.10 */
		snprintf(date, sizeof date, "%s ", date_format_short(rows[i].next_review, d, sizeof d));
		assert_int_equal(col_of(lines[2 + i], date), head);
		assert_int_equal(col_of(lines[2 + i], rows[i].case_no), 0);
	}
	assert_non_null(strstr(lines[2], "ｲﾄｳ ﾐﾅﾄ"));
	assert_non_null(strstr(sb.buf, "見直し超過・記録途絶"));
	assert_non_null(strstr(lines[n + 2], "4件 (見直し超過 2件、記録途絶 2件)"));
	text_lines_free(lines, nl);
	sbuf_release(&sb);
	caselist_rows_free(rows, n);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_bad_filters),         T(test_rows_and_judgement), T(test_filters),
		T(test_incremental_search),  T(test_sorting),            T(test_review_leaves_overdue),
		T(test_contact_history),     T(test_ledger_text_aligned),
	};
#undef T
	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
