/* test_assess.c: the 緊急度アセスメント: bad input first; the grading rule of
 * data/ on every combination of answers (3^8) through assess_save; a decided
 * grade that differs needs a reason; severity -> handler; the dated history
 * and the status move to アセスメント. */
#include "triage_fx.h"

#include "tsunagu/assess.h"

static int64_t accepted_case(struct fx *f)
{
	struct juri_decision d =
	    fx_accept(f, fx_intake(f, f->child, "2026-04-01 09:00"), "2026-04-01 12:00");
	struct juri_result r;

	if (juri_decide(f->db, &f->boss, &d, &r, &f->e) != 0)
		fail_msg("juri_decide: %s", f->e.msg);
	return r.case_id;
}

static void test_bad_input(void **state)
{
	struct fx *f = *state;
	struct assess_input in = {0};
	struct assessment a;

	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	in.case_id = accepted_case(f);
	assert_int_equal(assess_save(f->db, &f->clerk, &in, &a, &f->e), TSU_EPERM);
	in.answers[4] = (enum urgency_answer)7;
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "設問 5"));
	in.answers[4] = URG_NO;
	in.decided = "Z";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	in.decided = NULL;
	in.severity = "HUGE";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	in.severity = NULL;
	in.case_id = 777;
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_ENOTFOUND);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment_answer"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action ="
	                             " 'assessment.create'"),
	                 0);
	assert_int_equal(assess_parse_answer("はい"), URG_YES);
	assert_int_equal(assess_parse_answer("n"), URG_NO);
	assert_int_equal(assess_parse_answer("不明"), URG_UNKNOWN);
	assert_int_equal(assess_parse_answer("maybe"), -1);
	assert_int_equal(assess_parse_answer(NULL), -1);
}

/* The rule as GUIDE section 3 states it (data/urgency_rule.tsv): the first
 * yes from the top decides; 1-3 AA, 4 A, 5-6 B, 7-8 C; unknown never counts. */
static const char *expected(const enum urgency_answer a[URGENCY_QUESTIONS], int *q)
{
	static const char *const grade[] = {"AA", "AA", "AA", "A", "B", "B", "C", "C"};

	for (*q = 1; *q <= URGENCY_QUESTIONS; (*q)++)
		if (a[*q - 1] == URG_YES)
			return grade[*q - 1];
	*q = 0;
	return "";
}

static void test_every_combination(void **state)
{
	static const char *const circled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧"};
	struct fx *f = *state;
	struct assess_input in = {0};
	int counts[5] = {0}, total = 0;

	in.case_id = accepted_case(f);
	in.on = D(2026, 4, 2);
	/* one outer transaction: each save joins it through a savepoint */
	assert_int_equal(db_begin_write(f->db, &f->e), 0);
	for (int code = 0; code < 6561; code++) {
		struct assessment a;
		const char *want;
		int q, c = code;

		for (int i = 0; i < URGENCY_QUESTIONS; i++, c /= 3)
			in.answers[i] = (enum urgency_answer)(c % 3);
		want = expected(in.answers, &q);
		if (assess_save(f->db, &f->worker, &in, &a, &f->e) != 0)
			fail_msg("combination %d: %s", code, f->e.msg);
		if (strcmp(a.suggested, want) != 0 || strcmp(a.decided, want) != 0)
			fail_msg("combination %d: suggested %s decided %s, want %s", code,
			         a.suggested, a.decided, want);
		if (q ? strncmp(a.suggested_reason, circled[q - 1], strlen(circled[q - 1])) != 0
		      : strstr(a.suggested_reason, "該当なし") == NULL)
			fail_msg("combination %d: reason %s (question %d)", code,
			         a.suggested_reason, q);
		for (int i = 0; i < URGENCY_QUESTIONS; i++)
			assert_int_equal(a.answers[i], in.answers[i]);
		counts[!*want                ? 0
		       : !strcmp(want, "AA") ? 1
		       : !strcmp(want, "A")  ? 2
		       : !strcmp(want, "B")  ? 3
		                             : 4]++;
		total++;
		assess_release(&a);
	}
	assert_int_equal(db_commit(f->db, &f->e), 0);
	assert_int_equal(total, 6561);
	/* 2^8 with no yes; AA when any of 1-3 is yes: 3^8 - 2^3 * 3^5 */
	assert_int_equal(counts[0], 256);
	assert_int_equal(counts[1], 6561 - 8 * 243);
	assert_int_equal(counts[2], 8 * 81);
	/* B: 1-4 not yes (2^4), then 5 yes (3^3) or 5 not yes and 6 yes (2 * 3^2) */
	assert_int_equal(counts[3], 16 * (27 + 18));
	/* C: 1-6 not yes (2^6), then 7 yes (3) or 7 not yes and 8 yes (2) */
	assert_int_equal(counts[4], 64 * 5);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 6561);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment_answer"), 6561 * 8);
}

static void test_decided_grade_needs_reason(void **state)
{
	struct fx *f = *state;
	struct assess_input in = {0};
	struct assessment a;

	in.case_id = accepted_case(f);
	in.answers[2] = URG_YES; /* ③: AA */
	in.notes[2] = "顔面打撲、腫脹";
	in.decided = "A";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "判定 A は判定案 AA と異なります"));
	assert_non_null(strstr(f->e.msg, "理由"));
	in.reason = "";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	in.decided = "-"; /* no grade at all, also a difference */
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "判定 なし は判定案 AA"));
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 0);
	in.decided = "A";
	in.reason = "受傷は軽微で医師の所見あり";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), 0);
	assert_string_equal(a.suggested, "AA");
	assert_string_equal(a.decided, "A");
	assert_string_equal(a.reason, "受傷は軽微で医師の所見あり");
	assert_string_equal(a.notes[2], "顔面打撲、腫脹");
	assert_string_equal(a.notes[0], "");
	assert_string_equal(a.staff_name, "支援 太郎");
	assess_release(&a);
	/* the same grade as suggested needs no reason; "AA" given explicitly */
	in.decided = "AA";
	in.reason = NULL;
	assert_int_equal(assess_save(f->db, &f->worker, &in, NULL, &f->e), 0);
	/* no yes: no suggestion; deciding C needs a reason, "-" does not */
	memset(in.answers, 0, sizeof in.answers);
	in.decided = "C";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), TSU_EINVAL);
	in.decided = "-";
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), 0);
	assert_string_equal(a.decided, "");
	assert_string_equal(a.suggested, "");
	assess_release(&a);
}

static void test_severity_handler(void **state)
{
	static const struct {
		const char *severity, *handler, *label;
	} rule[] = {
	    {"LIFE", "CGC", "児童相談所"},
	    {"SEVERE", "CGC", "児童相談所"},
	    {"MODERATE", "BOTH", "児童相談所または市 (要対協の支援)"},
	    {"MILD", "CITY", "市"},
	    {"CONCERN", "CITY", "市"},
	};
	struct fx *f = *state;
	struct assess_input in = {0};
	struct assessment a;

	in.case_id = accepted_case(f);
	for (size_t i = 0; i < sizeof rule / sizeof rule[0]; i++) {
		in.severity = rule[i].severity;
		assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), 0);
		assert_string_equal(a.handler, rule[i].handler);
		assert_string_equal(a.handler_label, rule[i].label);
		assess_release(&a);
	}
	in.severity = NULL;
	assert_int_equal(assess_save(f->db, &f->worker, &in, &a, &f->e), 0);
	assert_string_equal(a.handler, "");
	assess_release(&a);
}

static void test_history_and_status(void **state)
{
	struct fx *f = *state;
	struct assess_input in = {0};
	struct assessment *list;
	struct case_rec c;
	size_t n;

	in.case_id = accepted_case(f);
	in.on = D(2026, 4, 3);
	in.answers[6] = URG_YES;
	assert_int_equal(assess_save(f->db, &f->worker, &in, NULL, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, in.case_id, &c, &f->e), 0);
	assert_string_equal(c.status, "ASM");
	case_release(&c);
	in.on = D(2026, 4, 2); /* entered later, dated earlier */
	in.answers[3] = URG_YES;
	assert_int_equal(assess_save(f->db, &f->worker, &in, NULL, &f->e), 0);
	in.on = D(2026, 4, 10);
	in.answers[3] = URG_UNKNOWN;
	assert_int_equal(assess_save(f->db, &f->worker, &in, NULL, &f->e), 0);
	/* one status change only: the later ones find it in アセスメント */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM case_history WHERE field = 'status'"
	                             " AND new_value = 'ASM'"),
	                 1);
	assert_int_equal(assess_list(f->db, &f->clerk, in.case_id, &list, &n, &f->e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(date_cmp(list[0].on, D(2026, 4, 10)), 0);
	assert_string_equal(list[0].suggested, "C");
	assert_int_equal(date_cmp(list[1].on, D(2026, 4, 3)), 0);
	assert_int_equal(date_cmp(list[2].on, D(2026, 4, 2)), 0);
	assert_string_equal(list[2].suggested, "A");
	assert_int_equal(list[2].answers[3], URG_YES);
	assessments_free(list, n);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'assessment.list'"),
	                 1);
	/* a case in 支援中 stays there */
	assert_int_equal(case_get(f->db, &f->worker, in.case_id, &c, &f->e), 0);
	assert_int_equal(
	    case_set_status(f->db, &f->worker, &c, "SUP", NULL, NULL, D(0, 0, 0), &f->e), 0);
	case_release(&c);
	assert_int_equal(assess_save(f->db, &f->worker, &in, NULL, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, in.case_id, &c, &f->e), 0);
	assert_string_equal(c.status, "SUP");
	case_release(&c);
	assert_int_equal(assess_list(f->db, &f->worker, 424242, &list, &n, &f->e), 0);
	assert_int_equal(n, 0);
	assert_null(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_bad_input, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_every_combination, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_decided_grade_needs_reason, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_severity_handler, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_history_and_status, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
