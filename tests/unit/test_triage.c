/* test_triage.c: the 受理会議: permission and bad input first (nothing is
 * written on failure), accepting into a new case numbered by the 年度 of the
 * 受理 date with status history, registration, lead, safety deadline,
 * investigation plan and the request to the 児童相談所; joining the child's
 * open case; declining with an outcome. */
#include "triage_fx.h"

static void assert_nothing_written(struct fx *f)
{
	assert_int_equal(fx_count(f, "SELECT count(*) FROM meeting"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM meeting_decision"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'juri.decide'"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM intake WHERE accepted IS NOT NULL"), 0);
}

static void test_bad_input_writes_nothing(void **state)
{
	struct fx *f = *state;
	int64_t in = fx_intake(f, f->child, "2026-04-01 09:30");
	int64_t nobody = fx_intake(f, 0, "2026-04-01 10:00");
	struct juri_decision d = fx_accept(f, in, "2026-04-01 16:30");
	struct juri_result r;

	/* a 子ども家庭支援員 may write cases but not record the meeting's decision */
	assert_int_equal(juri_decide(f->db, &f->worker, &d, &r, &f->e), TSU_EPERM);
	assert_int_equal(juri_decide(f->db, &f->clerk, &d, &r, &f->e), TSU_EPERM);
	d.held_at = NULL;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.held_at = "2026-02-30 10:00";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.held_at = "2026-04-01 16:30";
	d.lead_id = 0;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "主担当者"));
	d.lead_id = 9999;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_ENOTFOUND);
	d.lead_id = f->worker.id;
	d.urgency = "S";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.urgency = "AA";
	d.registration = "X";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.registration = NULL;
	d.cgc = "IKAN";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.cgc = NULL;
	d.outcome = "ADVICE";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.outcome = NULL;
	d.intake_id = 4242;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_ENOTFOUND);
	/* an intake without a child cannot become a case */
	d.intake_id = nobody;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "子ども"));
	/* declining needs an outcome, and a referral its agency */
	d.intake_id = in;
	d.accepted = false;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.outcome = "NOPE";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	d.outcome = "REFER";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "紹介先"));
	assert_int_equal(r.case_id, 0);
	assert_nothing_written(f);
}

static void test_accept_new_case(void **state)
{
	struct fx *f = *state;
	/* received on the last day of FY2026, accepted on the first of FY2027 */
	int64_t in = fx_intake(f, f->child, "2027-03-31 17:00");
	struct juri_decision d = fx_accept(f, in, "2027-04-01 10:15");
	static const char *const ask[] = {"青空小学校", "あおぞら保育園", "ｱｵｿﾞﾗ 保育園"};
	int64_t who[] = {f->yotaikyo.id, f->boss.id};
	static const char *const guests[] = {"青空小学校 教頭"};
	struct juri_result r;
	struct case_rec c;
	struct intake it;
	char *s;

	d.urgency = "AA";
	d.registration = "P";
	d.team = "A班";
	d.safety_method = "家庭訪問";
	d.safety_due = "2027-04-01 18:00";
	d.investigate = ask;
	d.n_investigate = 3;
	d.cgc = "SOUCHI";
	d.attendees = who;
	d.n_attendees = 2;
	d.guests = guests;
	d.n_guests = 1;
	d.policy = "本日中に家庭訪問";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), 0);
	assert_false(r.joined);
	assert_string_equal(r.case_no, "R9-0001");
	assert_int_equal(case_get(f->db, &f->boss, r.case_id, &c, &f->e), 0);
	assert_int_equal(c.fiscal_year, 2027);
	assert_int_equal(date_cmp(c.opened, D(2027, 4, 1)), 0);
	assert_string_equal(c.status, "ACC");
	assert_string_equal(c.registration, "P");
	assert_string_equal(c.team, "A班");
	assert_int_equal(c.lead_id, f->worker.id);
	assert_int_equal(c.household_id, f->household);
	assert_string_equal(c.consult_type, "YG1");
	case_release(&c);
	/* history: 受付 -> 受理 and 未登録 -> 要保護児童, by the recorder */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM case_history WHERE field = 'status'"
	                             " AND old_value = 'RCV' AND new_value = 'ACC'"
	                             " AND why = '受理会議で受理'"),
	                 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM case_history WHERE field ="
	                             " 'registration' AND old_value = 'N' AND new_value = 'P'"),
	                 1);
	assert_int_equal(intake_get(f->db, &f->boss, in, &it, &f->e), 0);
	assert_int_equal(it.accepted, 1);
	assert_int_equal(it.case_id, r.case_id);
	assert_string_equal(it.safety_due, "2027-04-01 18:00:00");
	intake_release(&it);
	/* the recorder (also listed: counted once), the 調整担当者 and a guest */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM meeting WHERE kind = 'JURI'"
	                             " AND held_on = '2027-04-01'"),
	                 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM meeting_attendee"), 3);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM meeting_attendee"
	                             " WHERE name = '青空小学校 教頭'"),
	                 1);
	assert_int_equal(fx_count(f, "SELECT send_to_cgc FROM meeting_decision"), 1);
	s = fx_text(f, "SELECT decision FROM meeting_decision");
	assert_non_null(strstr(s, "緊急度AA"));
	assert_non_null(strstr(s, "支援 太郎"));
	assert_non_null(strstr(s, "送致"));
	free(s);
	s = fx_text(f, "SELECT safety_method || ' ' || cgc || ' ' || held_at FROM juri_detail");
	assert_string_equal(s, "家庭訪問 SOUCHI 2027-04-01 10:15");
	free(s);
	/* the plan lists three requests; ｱｵｿﾞﾗ 保育園 is the same agency as
	 * あおぞら保育園 (names are matched by their folded key) */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM investigation"), 3);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM agency WHERE kind IS NULL"), 2);
	assert_int_equal(fx_count(f, "SELECT count(DISTINCT agency_id) FROM investigation"), 2);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM transfer WHERE kind = 'SOUCHI'"
	                             " AND on_date = '2027-04-01'"),
	                 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'juri.decide'"), 1);
	/* deciding the same intake again is refused */
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "すでに"));
}

static void test_accept_joins_open_case(void **state)
{
	struct fx *f = *state;
	int64_t first = fx_intake(f, f->child, "2026-05-01 09:00");
	int64_t second = fx_intake(f, f->child, "2026-06-10 11:00");
	struct juri_decision d = fx_accept(f, first, "2026-05-01 15:00");
	static const char *const ask[] = {"青空小学校"};
	struct juri_result r1, r2;
	struct case_rec c;

	d.investigate = ask;
	d.n_investigate = 1;
	assert_int_equal(juri_decide(f->db, &f->yotaikyo, &d, &r1, &f->e), 0);
	assert_string_equal(r1.case_no, "R8-0001");
	assert_int_equal(case_get(f->db, &f->boss, r1.case_id, &c, &f->e), 0);
	assert_int_equal(
	    case_set_status(f->db, &f->boss, &c, "SUP", NULL, "支援開始", D(0, 0, 0), &f->e), 0);
	case_release(&c);
	d = fx_accept(f, second, "2026-06-11 10:00");
	d.lead_id = f->boss.id;
	d.team = "B班";
	d.registration = "S";
	d.investigate = ask;
	d.n_investigate = 1;
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r2, &f->e), 0);
	assert_true(r2.joined);
	assert_int_equal(r2.case_id, r1.case_id);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(case_get(f->db, &f->boss, r1.case_id, &c, &f->e), 0);
	assert_string_equal(c.status, "SUP"); /* a new report does not send it back */
	assert_int_equal(c.lead_id, f->boss.id);
	assert_string_equal(c.team, "B班");
	assert_string_equal(c.registration, "S");
	case_release(&c);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM intake WHERE case_id IS NOT NULL"
	                             " AND accepted = 1"),
	                 2);
	/* the agency named twice is one agency */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM agency WHERE name = '青空小学校'"), 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM investigation"), 2);
	/* a closed case is not joined: the next intake opens a new one */
	assert_int_equal(case_get(f->db, &f->boss, r1.case_id, &c, &f->e), 0);
	assert_int_equal(
	    case_set_status(f->db, &f->boss, &c, "END", "SOLVED", NULL, D(2026, 9, 1), &f->e), 0);
	case_release(&c);
	d = fx_accept(f, fx_intake(f, f->child, "2026-10-01 09:00"), "2026-10-01 12:00");
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r2, &f->e), 0);
	assert_false(r2.joined);
	assert_string_equal(r2.case_no, "R8-0002");
}

static void test_decline(void **state)
{
	struct fx *f = *state;
	int64_t in = fx_intake(f, f->child, "2026-04-01 09:30");
	int64_t in2 = fx_intake(f, f->child, "2026-04-02 09:30");
	struct juri_decision d = {0};
	struct juri_result r;
	struct intake it;
	char *s;

	d.intake_id = in;
	d.held_at = "2026-04-01 17:00";
	d.outcome = "ADVICE";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), 0);
	assert_int_equal(r.case_id, 0);
	assert_string_equal(r.case_no, "");
	assert_int_equal(intake_get(f->db, &f->boss, in, &it, &f->e), 0);
	assert_int_equal(it.accepted, 0);
	assert_int_equal(it.case_id, 0);
	assert_string_equal(it.safety_due, ""); /* off the pending safety list */
	intake_release(&it);
	d.intake_id = in2;
	d.outcome = "REFER";
	d.referred_to = "ひばり野病院";
	assert_int_equal(juri_decide(f->db, &f->boss, &d, &r, &f->e), 0);
	s = fx_text(f, "SELECT group_concat(outcome, ',') FROM juri_detail");
	assert_string_equal(s, "ADVICE,REFER");
	free(s);
	s = fx_text(f, "SELECT decision FROM meeting_decision ORDER BY id DESC");
	assert_string_equal(s, "不受理 他機関紹介 (ひばり野病院)");
	free(s);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM juri_detail j JOIN agency a"
	                             " ON a.id = j.referred_agency WHERE a.name = 'ひばり野病院'"),
	                 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'intake.decline'"),
	                 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_bad_input_writes_nothing, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_accept_new_case, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_accept_joins_open_case, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_decline, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
