/* test_meeting.c: review meetings (meeting.h) and transfers/disclosures
 * (transfer.h): bad input and permissions first; a 実務者会議 over three
 * cases (all due, then one picked) records status, lead agency, key
 * person, policy, decisions and next review, carried into each case;
 * stale records conflict; the 会議録 text is aligned by display width;
 * 送致 closes a case with history, 援助依頼 does not; disclosures listed. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/agency.h"
#include "tsunagu/case.h"
#include "tsunagu/caselist.h"
#include "tsunagu/db.h"
#include "tsunagu/meeting.h"
#include "tsunagu/person.h"
#include "tsunagu/staff.h"
#include "tsunagu/text.h"
#include "tsunagu/transfer.h"
#include "tsunagu/util.h"

enum { A, B, C, DD, NCASES };

struct fx {
	char *path;
	struct db *db;
	struct staff boss, yotai, worker;
	struct case_rec c[NCASES];
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

static void make_case(struct fx *f, int i, const char *fam, const char *given,
		      struct date review, const char *reg)
{
	struct person p = {0};
	struct case_rec in = {0};

	p.family_name = (char *)fam;
	p.given_name = (char *)given;
	if (person_create(f->db, &f->boss, &p, &f->e) != 0)
		fail_msg("person_create: %s", f->e.msg);
	in.subject_id = p.id;
	in.lead_id = f->worker.id;
	in.opened = D(2026, 4, 1);
	in.next_review = review;
	if (case_create(f->db, &f->boss, &in, &f->c[i], &f->e) != 0)
		fail_msg("case_create: %s", f->e.msg);
	if (reg && case_set_registration(f->db, &f->boss, &f->c[i], reg, NULL, &f->e) != 0)
		fail_msg("case_set_registration: %s", f->e.msg);
}

static int setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	char name[32];

	snprintf(name, sizeof name, "meeting%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "yotai", "調整 三郎", ROLE_YOTAIKYO, &f->yotai);
	add_staff(f, "worker", "支援 太郎", ROLE_SUPPORT, &f->worker);
	make_case(f, A, "髙橋", "陽翔", D(2026, 7, 1), "P");
	make_case(f, B, "佐藤", "花", D(2026, 7, 10), "S");
	make_case(f, C, "伊藤", "湊", D(2026, 7, 5), NULL);
	make_case(f, DD, "渡邉", "結衣", D(2026, 12, 1), "P");
	err_clear(&f->e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->yotai);
	staff_release(&f->worker);
	for (int i = 0; i < NCASES; i++)
		case_release(&f->c[i]);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

static void test_meeting_bad_input(void **state)
{
	struct fx *f = *state;
	struct meeting m = {0};
	struct meeting_attendee a = {0};
	size_t added = 9;

	m.kind = "JITSUMU";
	m.held_on = D(2026, 7, 15);
	assert_int_equal(meeting_create(f->db, &f->worker, &m, &f->e), TSU_EPERM);
	m.kind = "JURI";
	assert_int_equal(meeting_create(f->db, &f->yotai, &m, &f->e), TSU_EINVAL);
	m.kind = "TEA";
	assert_int_equal(meeting_create(f->db, &f->yotai, &m, &f->e), TSU_EINVAL);
	m.kind = "KOBETSU";
	m.held_on = (struct date){0};
	assert_int_equal(meeting_create(f->db, &f->yotai, &m, &f->e), TSU_EINVAL);
	m.held_on = D(2026, 7, 15);
	assert_int_equal(meeting_create(f->db, &f->yotai, &m, &f->e), 0);
	assert_int_equal(meeting_add_attendee(f->db, &f->yotai, m.id, &a, &f->e), TSU_EINVAL);
	a.name = "民生委員";
	assert_int_equal(meeting_add_attendee(f->db, &f->yotai, 9999, &a, &f->e), TSU_ENOTFOUND);
	assert_int_equal(meeting_add_cases(f->db, &f->yotai, 9999, &f->c[A].id, 1, &added, &f->e),
			 TSU_ENOTFOUND);
	assert_int_equal(added, 0);
	assert_int_equal(meeting_add_due(f->db, &f->yotai, m.id, (struct date){0}, false, &added,
					 &f->e),
			 TSU_EINVAL);
	assert_int_equal(case_set_status(f->db, &f->boss, &f->c[C], "END", "SOLVED", NULL,
					 D(2026, 7, 1), &f->e),
			 0);
	assert_int_equal(meeting_add_cases(f->db, &f->yotai, m.id, &f->c[C].id, 1, &added, &f->e),
			 TSU_EINVAL);
}

/* Minutes text: the column where the value after a label starts. */
static int value_col(const char *text, const char *label, const char *value)
{
	const char *l = strstr(text, label), *v, *bol;

	if (!l || !(v = strstr(l, value)))
		return -1;
	for (bol = v; bol > text && bol[-1] != '\n'; bol--)
		;
	return text_width_n(bol, (size_t)(v - bol));
}

/* Replace a string read from the database (owned by the struct). */
static void set(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static void record(struct fx *f, int64_t meeting_id, struct meeting_case *mc)
{
	if (meeting_record_case(f->db, &f->yotai, meeting_id, mc, &f->e) != 0)
		fail_msg("meeting_record_case: %s", f->e.msg);
}

static void test_meeting_over_three_cases(void **state)
{
	struct fx *f = *state;
	struct meeting m = {0};
	struct meeting_attendee a = {0}, *att;
	struct meeting_case *mc, stale;
	struct case_rec got;
	struct case_event *ev;
	size_t n, added;
	char *text;

	m.kind = "JITSUMU";
	m.held_on = D(2026, 7, 15);
	m.title = "7月 実務者会議";
	assert_int_equal(meeting_create(f->db, &f->yotai, &m, &f->e), 0);
	a.staff_id = f->boss.id;
	assert_int_equal(meeting_add_attendee(f->db, &f->yotai, m.id, &a, &f->e), 0);
	memset(&a, 0, sizeof a);
	a.agency_name = "中央児童相談所";
	a.name = "児童福祉司 山本";
	assert_int_equal(meeting_add_attendee(f->db, &f->yotai, m.id, &a, &f->e), 0);
	assert_true(a.agency_id > 0);
	memset(&a, 0, sizeof a);
	a.name = "民生委員 鈴木";
	assert_int_equal(meeting_add_attendee(f->db, &f->yotai, m.id, &a, &f->e), 0);
	assert_int_equal(meeting_attendees(f->db, &f->worker, m.id, &att, &n, &f->e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(att[0].staff_name, "所長 花子");
	assert_string_equal(att[1].agency_name, "中央児童相談所");
	meeting_attendees_free(att, n);

	/* all registered cases due by the end of the month, then one picked */
	assert_int_equal(meeting_add_due(f->db, &f->yotai, m.id, D(2026, 7, 31), true, &added,
					 &f->e),
			 0);
	assert_int_equal(added, 2); /* A, B; C is not registered, D not due */
	int64_t picked[] = {f->c[C].id, f->c[A].id};
	assert_int_equal(meeting_add_cases(f->db, &f->yotai, m.id, picked, 2, &added, &f->e), 0);
	assert_int_equal(added, 1); /* A was already on it */
	assert_int_equal(meeting_cases(f->db, &f->worker, m.id, &mc, &n, &f->e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(mc[0].case_id, f->c[A].id);
	assert_int_equal(mc[1].case_id, f->c[B].id);
	assert_int_equal(mc[2].case_id, f->c[C].id);
	assert_false(mc[0].recorded);
	assert_string_equal(mc[0].registration_label, "要保護児童");

	/* case A: status, lead agency, key person; next review from the cycle */
	assert_int_equal(meeting_record_case(f->db, &f->worker, m.id, &mc[0], &f->e), TSU_EPERM);
	assert_int_equal(meeting_record_case(f->db, &f->yotai, m.id, &mc[0], &f->e), TSU_EINVAL);
	set(&mc[0].status, "END");
	set(&mc[0].policy, "在宅支援を継続");
	assert_int_equal(meeting_record_case(f->db, &f->yotai, m.id, &mc[0], &f->e), TSU_EINVAL);
	set(&mc[0].status, "SUP");
	assert_int_equal(agency_find_or_create(f->db, &f->yotai, "青空小学校", "学校",
					       &mc[0].lead_agency_id, &f->e),
			 0);
	set(&mc[0].key_person, "母方祖母");
	set(&mc[0].decision, "学校は毎朝の登校を確認する。\n欠席が2日続けば市へ連絡する。");
	stale = mc[0];
	record(f, m.id, &mc[0]);
	assert_int_equal(date_cmp(mc[0].next_review, D(2026, 10, 15)), 0);
	assert_true(mc[0].recorded);
	/* a second screen holding the old version is refused */
	assert_int_equal(meeting_record_case(f->db, &f->yotai, m.id, &stale, &f->e), TSU_ECONFLICT);
	/* case B: explicit next review; case C: status only moves forward */
	set(&mc[1].policy, "見守り継続");
	mc[1].next_review = D(2026, 8, 15);
	record(f, m.id, &mc[1]);
	set(&mc[2].status, "INV");
	set(&mc[2].decision, "学校と保健センターに調査を依頼");
	record(f, m.id, &mc[2]);
	/* a case not on the agenda */
	stale.case_id = f->c[DD].id;
	assert_int_equal(meeting_record_case(f->db, &f->yotai, m.id, &stale, &f->e), TSU_ENOTFOUND);

	/* the cases carry the decisions */
	assert_int_equal(case_get(f->db, &f->worker, f->c[A].id, &got, &f->e), 0);
	assert_string_equal(got.status, "SUP");
	assert_int_equal(date_cmp(got.next_review, D(2026, 10, 15)), 0);
	case_release(&got);
	assert_int_equal(case_history(f->db, &f->worker, f->c[A].id, &ev, &n, &f->e), 0);
	assert_string_equal(ev[n - 1].new_value, "SUP");
	assert_non_null(strstr(ev[n - 1].why, "実務者会議"));
	case_events_free(ev, n);
	assert_int_equal(case_get(f->db, &f->worker, f->c[B].id, &got, &f->e), 0);
	assert_int_equal(date_cmp(got.next_review, D(2026, 8, 15)), 0);
	assert_string_equal(got.status, "ACC"); /* unchanged */
	case_release(&got);
	assert_int_equal(case_get(f->db, &f->worker, f->c[C].id, &got, &f->e), 0);
	assert_string_equal(got.status, "INV");
	case_release(&got);
	meeting_cases_free(mc, 3);

	/* the minutes */
	free(m.minutes);
	m.minutes = xstrdup("次回は10月に開催。");
	assert_int_equal(meeting_update(f->db, &f->yotai, &m, &f->e), 0);
	assert_int_equal(meeting_minutes_text(f->db, &f->worker, m.id, &text, &f->e), TSU_EPERM);
	assert_int_equal(meeting_minutes_text(f->db, &f->yotai, m.id, &text, &f->e), 0);
	assert_non_null(strstr(text, "実務者会議"));
	assert_non_null(strstr(text, "令和8年7月15日(水)"));
	assert_non_null(strstr(text, "中央児童相談所 児童福祉司 山本"));
	assert_non_null(strstr(text, "検討ケース 3件"));
	assert_non_null(strstr(text, "1. "));
	assert_non_null(strstr(text, "髙橋 陽翔"));
	assert_non_null(strstr(text, "次回は10月に開催。"));
	/* every value of a case starts in one column, continuation lines too */
	assert_int_equal(value_col(text, "   状態", "支援中"), 17);
	assert_int_equal(value_col(text, "   主担当機関", "青空小学校"), 17);
	assert_int_equal(value_col(text, "   キーパーソン", "母方祖母"), 17);
	assert_int_equal(value_col(text, "   決定事項", "学校は毎朝"), 17);
	assert_int_equal(value_col(text, "   決定事項", "欠席が2日"), 17);
	assert_int_equal(value_col(text, "   次回見直し", "令和8年10月15日"), 17);
	assert_int_equal(value_col(text, "開催日", "令和8年7月15日"), 14);
	assert_int_equal(value_col(text, "出席者", "所長 花子"), 14);
	assert_int_equal(value_col(text, "所長 花子", "民生委員 鈴木"), 14);
	free(text);
	free(m.minutes); /* kind and title are the literals set above */
}

static void test_transfers_and_disclosures(void **state)
{
	struct fx *f = *state;
	struct transfer t = {0}, *list;
	struct disclosure d = {0}, *dl;
	struct case_rec got;
	struct case_event *ev;
	size_t n;

	t.case_id = f->c[A].id;
	t.kind = "SOUCHI";
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), TSU_EINVAL); /* to whom */
	t.to_name = "中央児童相談所";
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), TSU_EINVAL); /* why */
	t.reason = "重度のため一時保護を検討";
	t.kind = "SOMEWHERE";
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), TSU_EINVAL);
	/* 援助依頼 leaves the case open */
	t.kind = "ENJO";
	t.on = D(2026, 7, 1);
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, f->c[A].id, &got, &f->e), 0);
	assert_int_equal(got.closed.y, 0);
	case_release(&got);
	/* 送致 closes it with history and the reason */
	t.kind = "SOUCHI";
	t.agency_id = 0;
	t.on = D(2026, 7, 10);
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, f->c[A].id, &got, &f->e), 0);
	assert_string_equal(got.status, "SND");
	assert_string_equal(got.closure_reason, "SENT");
	assert_int_equal(date_cmp(got.closed, D(2026, 7, 10)), 0);
	case_release(&got);
	assert_int_equal(case_history(f->db, &f->worker, f->c[A].id, &ev, &n, &f->e), 0);
	assert_string_equal(ev[n - 1].why, "重度のため一時保護を検討");
	case_events_free(ev, n);
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), TSU_EINVAL); /* closed */
	assert_int_equal(transfer_list(f->db, &f->worker, f->c[A].id, &list, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].kind, "ENJO");
	assert_string_equal(list[1].agency_name, "中央児童相談所");
	assert_int_equal(list[0].agency_id, list[1].agency_id); /* one agency, found again */
	transfers_free(list, n);
	/* ケース移管 */
	memset(&t, 0, sizeof t);
	t.case_id = f->c[B].id;
	t.kind = "IKAN";
	t.to_name = "隣市 こども家庭センター";
	t.reason = "転居";
	assert_int_equal(transfer_record(f->db, &f->worker, &t, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, f->c[B].id, &got, &f->e), 0);
	assert_string_equal(got.status, "MOV");
	case_release(&got);

	/* disclosures: who received what, when, why */
	d.case_id = f->c[C].id;
	d.recipient = "青空小学校";
	d.as_agency = true;
	assert_int_equal(disclosure_record(f->db, &f->worker, &d, &f->e), TSU_EINVAL);
	d.what = "家庭の状況の概要";
	assert_int_equal(disclosure_record(f->db, &f->worker, &d, &f->e), TSU_EINVAL);
	d.why = "登校時の見守りの依頼";
	d.at = "2026-07-02";
	assert_int_equal(disclosure_record(f->db, &f->worker, &d, &f->e), TSU_EINVAL);
	d.at = "2026-07-02 10:00";
	d.legal_basis = "児童福祉法25条の3 (要対協の情報共有)";
	assert_int_equal(disclosure_record(f->db, &f->worker, &d, &f->e), 0);
	memset(&d, 0, sizeof d);
	d.case_id = f->c[C].id;
	d.recipient = "主任児童委員 田中";
	d.what = "見守りの依頼";
	d.why = "夜間の様子の確認";
	assert_int_equal(disclosure_record(f->db, &f->worker, &d, &f->e), 0);
	assert_int_equal(disclosure_list(f->db, &f->worker, f->c[C].id, &dl, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(dl[0].agency_name, "青空小学校");
	assert_string_equal(dl[0].legal_basis, "児童福祉法25条の3 (要対協の情報共有)");
	assert_string_equal(dl[0].staff_name, "支援 太郎");
	assert_int_equal(dl[1].agency_id, 0);
	assert_string_equal(dl[1].recipient, "主任児童委員 田中");
	assert_int_equal(strlen(dl[1].at), 16);
	disclosures_free(dl, n);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_meeting_bad_input),
		T(test_meeting_over_three_cases),
		T(test_transfers_and_disclosures),
	};
#undef T
	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
