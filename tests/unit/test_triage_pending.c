/* test_triage_pending.c: juri_pending_list, the intakes awaiting 受理:
 * permission first, then which intakes are listed (undecided only, oldest
 * first, with their labels and receiving worker) and the audit row. */
#include "triage_fx.h"

static void test_permission(void **state)
{
	struct fx *f = *state;
	struct staff auditor;
	struct juri_pending *p = (void *)1;
	size_t n = 7;

	fx_staff(f, "audit", "監査 三郎", ROLE_AUDITOR, &auditor);
	fx_intake(f, f->child, "2026-04-01 09:30");
	assert_int_equal(juri_pending_list(f->db, &auditor, &p, &n, &f->e), TSU_EPERM);
	assert_null(p);
	assert_int_equal(n, 0);
	assert_non_null(strstr(f->e.msg, "未受理の受付の閲覧"));
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'intake.pending'"),
	                 0);
	staff_release(&auditor);
}

static void test_empty(void **state)
{
	struct fx *f = *state;
	struct juri_pending *p = (void *)1;
	size_t n = 7;

	assert_int_equal(juri_pending_list(f->db, &f->clerk, &p, &n, &f->e), 0);
	assert_null(p);
	assert_int_equal(n, 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'intake.pending'"
	                             " AND detail = '0 件'"),
	                 1);
}

static void test_lists_undecided_oldest_first(void **state)
{
	struct fx *f = *state;
	int64_t late = fx_intake(f, f->child, "2026-04-03 10:00");
	int64_t early = fx_intake(f, f->sister, "2026-04-01 09:30");
	int64_t nobody = fx_intake(f, 0, "2026-04-02 08:00");
	int64_t decided = fx_intake(f, f->child, "2026-03-30 08:00");
	struct juri_decision d = fx_accept(f, decided, "2026-04-01 17:00");
	struct juri_result r;
	struct juri_pending *p;
	size_t n;

	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), 0);
	assert_int_equal(juri_pending_list(f->db, &f->worker, &p, &n, &f->e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(p[0].intake_id, early);
	assert_int_equal(p[1].intake_id, nobody);
	assert_int_equal(p[2].intake_id, late);
	assert_string_equal(p[0].received_at, "2026-04-01 09:30");
	assert_string_equal(p[0].name, "髙橋 結衣");
	assert_int_equal(p[0].person_id, f->sister);
	assert_int_equal(p[0].birth.y, 2023);
	assert_string_equal(p[0].consult_label, "児童虐待相談");
	assert_string_equal(p[0].abuse_labels, "身体的虐待");
	assert_string_equal(p[0].staff_name, "支援 太郎");
	assert_string_equal(p[0].complaint, "顔にあざ");
	assert_true(p[0].is_report);
	assert_true(*p[0].safety_due); /* an abuse report gets a deadline */
	assert_int_equal(p[1].person_id, 0);
	assert_string_equal(p[1].name, "");
	assert_string_equal(p[1].kana, "");
	juri_pending_free(p, n);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'intake.pending'"
	                             " AND detail = '3 件'"),
	                 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_permission, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_empty, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_lists_undecided_oldest_first, fx_setup,
	                                    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
