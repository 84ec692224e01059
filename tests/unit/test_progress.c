/* test_progress.c: progress notes as written and read (progress.h): the
 * template file's bad lines first, templates stamped with the time, quick
 * entry that clears a pending safety check only when asked, restricted notes
 * hidden from roles without the right, and the disclosure copy that
 * withholds 第三者 statements, unsourced and restricted notes. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/intake.h"
#include "tsunagu/person.h"
#include "tsunagu/progress.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, lead, other, clerk;
	struct case_rec c;
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
	struct person p = {0};
	struct case_rec in = {0};
	char name[32];

	snprintf(name, sizeof name, "progress%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "lead", "主担 太郎", ROLE_SUPPORT, &f->lead);
	add_staff(f, "other", "他担 次郎", ROLE_NURSE, &f->other);
	add_staff(f, "clerk", "事務 一郎", ROLE_CLERK, &f->clerk);
	p.family_name = "山﨑";
	p.given_name = "凛";
	if (person_create(f->db, &f->lead, &p, &f->e) != 0)
		fail_msg("person_create: %s", f->e.msg);
	in.subject_id = p.id;
	in.lead_id = f->lead.id;
	in.opened = (struct date){2026, 4, 1};
	if (case_create(f->db, &f->lead, &in, &f->c, &f->e) != 0)
		fail_msg("case_create: %s", f->e.msg);
	err_clear(&f->e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->lead);
	staff_release(&f->other);
	staff_release(&f->clerk);
	case_release(&f->c);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

static int load_text(const char *name, const char *text, struct template_set *set,
		     struct tsu_err *e)
{
	char *path = testutil_path(name);
	FILE *fp = fopen(path, "w");
	int rc;

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	rc = template_load(path, set, e);
	free(path);
	return rc;
}

static void test_template_file_errors(void **state)
{
	struct template_set set;
	struct tsu_err e;

	(void)state;
	assert_int_equal(load_text("t1.tsv", "HOME\th1\n", &set, &e), TSU_EINVAL);
	assert_non_null(strstr(e.msg, "t1.tsv:1"));
	assert_int_equal(set.n, 0);
	assert_int_equal(load_text("t2.tsv", "home\th1\t文\n", &set, &e), TSU_EINVAL);
	assert_int_equal(load_text("t3.tsv", "HOME\tキー\t文\n", &set, &e), TSU_EINVAL);
	assert_int_equal(load_text("t4.tsv", "# c\nHOME\th1\t文\nTEL\th1\t別\n", &set, &e),
			 TSU_EINVAL);
	assert_non_null(strstr(e.msg, "t4.tsv:3"));
	assert_non_null(strstr(e.msg, "重複"));
	assert_int_equal(load_text("t5.tsv", "HOME\th1\t\n", &set, &e), TSU_EINVAL);
	assert_int_equal(load_text("t6.tsv", "HOME\th1\t文\x1b[31m\n", &set, &e), TSU_EINVAL);
	assert_int_equal(load_text("t7.tsv", "HOME\th1\t文\n*\tany\t共通\nTEL\tt1\t電話\n", &set, &e),
			 0);
	assert_int_equal(set.n, 3);
	template_set_release(&set);
	assert_int_equal(set.n, 0);
	assert_int_equal(template_load("/nonexistent/templates.tsv", &set, &e) < 0, 1);
}

static void test_templates_with_time_stamp(void **state)
{
	struct template_set set;
	struct tsu_err e;
	struct tm tm = {0};
	const struct template *t;
	size_t idx[32], n;
	char *s;

	(void)state;
	assert_int_equal(template_load_default(&set, &e), 0);
	assert_null(template_find(&set, "no-such-key"));
	assert_null(template_find(&set, NULL));
	t = template_find(&set, "h-ok");
	assert_non_null(t);
	assert_string_equal(t->kind, "HOME");
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 24;
	tm.tm_hour = 14;
	tm.tm_min = 5;
	tm.tm_isdst = -1;
	s = template_expand(t, mktime(&tm));
	assert_string_equal(s, "14:05 家庭訪問。本児を目視で確認、外傷なし。");
	free(s);
	tm.tm_hour = 9;
	tm.tm_min = 0;
	s = template_expand(template_find(&set, "t-noanswer"), mktime(&tm));
	assert_string_equal(s, "09:00 電話。応答なし。");
	free(s);
	/* offered for 家庭訪問: its own and the "any kind" ones, none of 電話 */
	n = template_for_kind(&set, "HOME", idx, 32);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++)
		assert_true(!*set.t[idx[i]].kind || !strcmp(set.t[idx[i]].kind, "HOME"));
	assert_true(template_for_kind(&set, "HOME", idx, 1) == n); /* count beyond cap */
	template_set_release(&set);
}

static void add_note(struct fx *f, const struct staff *who, const char *at, const char *kind,
		     const char *source, bool restricted, const char *content)
{
	struct progress_entry pe = {0};

	pe.note.case_id = f->c.id;
	pe.note.at = (char *)at;
	pe.note.kind = (char *)kind;
	pe.note.source = (char *)source;
	pe.note.restricted = restricted;
	pe.note.content = (char *)content;
	if (progress_add(f->db, who, &pe, &f->e) != 0)
		fail_msg("progress_add: %s", f->e.msg);
	assert_true(pe.note.id > 0);
}

static void test_quick_entry_and_safety_check(void **state)
{
	struct fx *f = *state;
	struct progress_entry pe = {0};
	struct intake in = {0}, got;
	char *abuse[] = {"PH"};
	int64_t intake_id;

	in.received_at = "2026-04-01 09:00";
	in.person_id = f->c.subject_id;
	in.abuse_types = abuse;
	in.n_abuse_types = 1;
	in.case_id = f->c.id;
	assert_int_equal(intake_create(f->db, &f->lead, &in, NULL, &intake_id, &f->e), 0);
	pe.note.case_id = f->c.id;
	pe.note.kind = "TEL";
	pe.note.content = "電話。";
	pe.child_seen = true; /* a phone call cannot see the child */
	assert_int_equal(progress_add(f->db, &f->lead, &pe, &f->e), TSU_EINVAL);
	pe.child_seen = false;
	assert_int_equal(progress_add(f->db, &f->clerk, &pe, &f->e), TSU_EPERM);
	/* a visit without the flag leaves the deadline pending */
	pe.note.kind = "HOME";
	pe.note.content = "家庭訪問。不在。";
	assert_int_equal(progress_add(f->db, &f->lead, &pe, &f->e), 0);
	assert_true(pe.note.id > 0);
	assert_int_equal(intake_get(f->db, &f->lead, intake_id, &got, &f->e), 0);
	assert_string_equal(got.safety_done_at, "");
	intake_release(&got);
	pe.note.at = "2026-04-02 10:10";
	pe.note.content = "家庭訪問。本児を目視で確認、外傷なし。";
	pe.child_seen = true;
	assert_int_equal(progress_add(f->db, &f->lead, &pe, &f->e), 0);
	assert_int_equal(intake_get(f->db, &f->lead, intake_id, &got, &f->e), 0);
	assert_string_equal(got.safety_done_at, "2026-04-02 10:10");
	intake_release(&got);
	/* a closed case takes no more notes */
	assert_int_equal(case_set_status(f->db, &f->lead, &f->c, "END", "SOLVED", NULL,
					 (struct date){2026, 5, 1}, &f->e),
			 0);
	pe.child_seen = false;
	assert_int_equal(progress_add(f->db, &f->lead, &pe, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "終結"));
}

static void test_restricted_hidden_by_role(void **state)
{
	struct fx *f = *state;
	struct note *list;
	size_t n, hidden;

	add_note(f, &f->lead, "2026-04-02 10:00", "HOME", "FAMILY", false, "母と面談");
	add_note(f, &f->lead, "2026-04-03 11:00", "AGENCY", "AGENCY", true, "児相と協議 (非公開)");
	add_note(f, &f->other, "2026-04-04 12:00", "TEL", "STAFF", true, "保健師の所見 (非公開)");
	assert_false(progress_can_see_restricted(&f->other, f->lead.id));
	assert_true(progress_can_see_restricted(&f->lead, f->lead.id));
	assert_true(progress_can_see_restricted(&f->boss, f->lead.id));
	assert_false(progress_can_see_restricted(&f->clerk, f->lead.id));
	/* the lead and the director see all three */
	assert_int_equal(progress_list(f->db, &f->lead, f->c.id, &list, &n, &hidden, &f->e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(hidden, 0);
	notes_free(list, n);
	assert_int_equal(progress_list(f->db, &f->boss, f->c.id, &list, &n, NULL, &f->e), 0);
	assert_int_equal(n, 3);
	notes_free(list, n);
	/* another worker sees the open note and their own restricted one */
	assert_int_equal(progress_list(f->db, &f->other, f->c.id, &list, &n, &hidden, &f->e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(hidden, 1);
	assert_string_equal(list[0].content, "母と面談");
	assert_string_equal(list[1].content, "保健師の所見 (非公開)");
	notes_free(list, n);
	/* the clerk reads the case but none of the restricted notes */
	assert_int_equal(progress_list(f->db, &f->clerk, f->c.id, &list, &n, &hidden, &f->e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(hidden, 2);
	notes_free(list, n);
	assert_int_equal(progress_list(f->db, &f->clerk, 99999, &list, &n, &hidden, &f->e),
			 TSU_ENOTFOUND);
}

static void test_disclosure_copy_withholds(void **state)
{
	struct fx *f = *state;
	struct disclosure_copy c;

	add_note(f, &f->lead, "2026-04-02 10:00", "HOME", "FAMILY", false,
		 "家庭訪問。母「最近は落ち着いている」\n本児は元気に遊んでいた。");
	add_note(f, &f->lead, "2026-04-02 15:00", "TEL", "THIRD", false, "近隣住民「夜に怒鳴り声」");
	add_note(f, &f->lead, "2026-04-03 09:00", "AGENCY", "AGENCY", true, "児相の見立て");
	add_note(f, &f->lead, "2026-04-03 10:00", "AGENCY", NULL, false, "出所未記入の情報");
	add_note(f, &f->lead, "2026-04-04 16:00", "VISIT", "SELF", false, "本人「学校は楽しい」");
	add_note(f, &f->lead, "2026-04-05 11:00", "AGENCY", "AGENCY", false, "主任児童委員から連絡");
	assert_int_equal(progress_disclosure_copy(f->db, &f->lead, f->c.id, (struct date){0}, &c,
						  &f->e),
			 TSU_EPERM); /* exporting needs PERM_EXPORT */
	assert_null(c.text);
	assert_int_equal(progress_disclosure_copy(f->db, &f->boss, f->c.id,
						  (struct date){2026, 11, 24}, &c, &f->e),
			 0);
	assert_int_equal(c.shown, 2);
	assert_int_equal(c.withheld_third, 3);
	assert_int_equal(c.withheld_restricted, 1);
	assert_non_null(strstr(c.text, f->c.case_no));
	assert_non_null(strstr(c.text, "令和8年11月24日(火)"));
	assert_non_null(strstr(c.text, "母「最近は落ち着いている」"));
	assert_non_null(strstr(c.text, "    本児は元気に遊んでいた。"));
	assert_non_null(strstr(c.text, "本人「学校は楽しい」"));
	assert_non_null(strstr(c.text, "家庭訪問"));
	assert_null(strstr(c.text, "近隣住民"));
	assert_null(strstr(c.text, "児相の見立て"));
	assert_null(strstr(c.text, "出所未記入"));
	assert_null(strstr(c.text, "主任児童委員"));
	assert_non_null(strstr(c.text, "第三者からの情報等 3件、非公開の記録 1件"));
	disclosure_copy_release(&c);
	assert_null(c.text);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_template_file_errors),
		cmocka_unit_test(test_templates_with_time_stamp),
		T(test_quick_entry_and_safety_check),
		T(test_restricted_hidden_by_role),
		T(test_disclosure_copy_withholds),
	};
#undef T
	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
