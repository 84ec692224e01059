/* test_plan.c: support plans (plan.h): bad input first; versioning keeps the
 * earlier version readable and unchanged; an approved version is frozen;
 * only センター長/統括支援員 approve; two people saving one draft from two
 * connections conflict instead of overwriting; the next review reaches the
 * case; the diff of two versions; agencies found by folded name. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/agency.h"
#include "tsunagu/case.h"
#include "tsunagu/db.h"
#include "tsunagu/person.h"
#include "tsunagu/plan.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

struct fx {
	char *path;
	struct db *db;
	struct staff boss, coord, worker, yotaikyo, clerk;
	struct case_rec c;
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

static int setup(void **state)
{
	static int n;
	struct fx *f = xcalloc(1, sizeof *f);
	struct person p = {0};
	struct case_rec in = {0};
	char name[32];

	snprintf(name, sizeof name, "plan%d.db", n++);
	f->path = testutil_path(name);
	if (db_open(f->path, DB_CREATE, &f->db, &f->e) != 0)
		fail_msg("db_open: %s", f->e.msg);
	add_staff(f, "boss", "所長 花子", ROLE_DIRECTOR, &f->boss);
	add_staff(f, "coord", "統括 次郎", ROLE_COORDINATOR, &f->coord);
	add_staff(f, "worker", "支援 太郎", ROLE_SUPPORT, &f->worker);
	add_staff(f, "yotai", "調整 三郎", ROLE_YOTAIKYO, &f->yotaikyo);
	add_staff(f, "clerk", "事務 一郎", ROLE_CLERK, &f->clerk);
	p.family_name = "髙橋";
	p.given_name = "陽翔";
	p.birth = D(2019, 4, 2);
	if (person_create(f->db, &f->worker, &p, &f->e) != 0)
		fail_msg("person_create: %s", f->e.msg);
	in.subject_id = p.id;
	in.opened = D(2026, 4, 1);
	in.lead_id = f->worker.id;
	if (case_create(f->db, &f->worker, &in, &f->c, &f->e) != 0)
		fail_msg("case_create: %s", f->e.msg);
	err_clear(&f->e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	staff_release(&f->boss);
	staff_release(&f->coord);
	staff_release(&f->worker);
	staff_release(&f->yotaikyo);
	staff_release(&f->clerk);
	case_release(&f->c);
	db_close(&f->db);
	free(f->path);
	free(f);
	return 0;
}

/* A first version with two items, created by the worker. */
static void make_plan(struct fx *f, struct plan *out)
{
	struct plan p = {0};
	struct plan_item items[2] = {{0}, {0}};

	items[0].what = "家庭訪問による養育支援";
	items[0].provider_staff = f->worker.id;
	items[0].frequency = "月2回";
	items[0].from = D(2026, 5, 1);
	items[0].to = D(2026, 10, 31);
	items[1].what = "登校状況の見守り";
	items[1].provider_service = "学校";
	items[1].frequency = "毎日";
	p.needs = "母の育児負担が大きい";
	p.strengths = "祖母の協力がある";
	p.long_goal = "家庭で安定して生活する";
	p.short_goal = "毎日登校する";
	p.family_wishes = "母: 家で一緒に暮らしたい";
	p.next_review = D(2026, 8, 1);
	p.items = items;
	p.n_items = 2;
	if (plan_create(f->db, &f->worker, f->c.id, &p, &f->e) != 0)
		fail_msg("plan_create: %s", f->e.msg);
	assert_int_equal(plan_get(f->db, &f->worker, p.id, out, &f->e), 0);
}

static void test_plan_bad_input(void **state)
{
	struct fx *f = *state;
	struct plan p = {0}, got;
	struct plan_item bad = {0};

	assert_int_equal(plan_create(f->db, &f->clerk, f->c.id, &p, &f->e), TSU_EPERM);
	assert_int_equal(plan_create(f->db, &f->worker, 99999, &p, &f->e), TSU_ENOTFOUND);
	p.items = &bad;
	p.n_items = 1;
	assert_int_equal(plan_create(f->db, &f->worker, f->c.id, &p, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "支援内容 1"));
	bad.what = "家庭訪問";
	bad.from = D(2026, 6, 1);
	bad.to = D(2026, 5, 1);
	assert_int_equal(plan_create(f->db, &f->worker, f->c.id, &p, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "終了日"));
	assert_int_equal(p.id, 0);
	assert_int_equal(plan_current(f->db, &f->worker, f->c.id, &got, &f->e), TSU_ENOTFOUND);
	assert_int_equal(plan_get(f->db, &f->clerk, 1, &got, &f->e), TSU_ENOTFOUND);
	assert_int_equal(plan_get(f->db, &f->yotaikyo, 0, &got, &f->e), TSU_ENOTFOUND);
	/* a second version only by revision */
	bad.to = D(2026, 7, 1);
	assert_int_equal(plan_create(f->db, &f->worker, f->c.id, &p, &f->e), 0);
	p.id = 0;
	assert_int_equal(plan_create(f->db, &f->worker, f->c.id, &p, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "改訂"));
}

static void test_plan_create_sets_case_review(void **state)
{
	struct fx *f = *state;
	struct plan p;
	struct case_rec c;

	make_plan(f, &p);
	assert_int_equal(p.plan_no, 1);
	assert_int_equal(p.n_items, 2);
	assert_string_equal(p.items[0].what, "家庭訪問による養育支援");
	assert_string_equal(p.items[0].provider_staff_name, "支援 太郎");
	assert_int_equal(p.items[1].sort, 2);
	assert_string_equal(p.approved_at, "");
	assert_int_equal(p.superseded_by, 0);
	assert_int_equal(case_get(f->db, &f->worker, f->c.id, &c, &f->e), 0);
	assert_int_equal(date_cmp(c.next_review, D(2026, 8, 1)), 0);
	case_release(&c);
	/* a draft's next review moves the case's too */
	p.next_review = D(2026, 9, 15);
	assert_int_equal(plan_update(f->db, &f->worker, &p, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, f->c.id, &c, &f->e), 0);
	assert_int_equal(date_cmp(c.next_review, D(2026, 9, 15)), 0);
	case_release(&c);
	plan_release(&p);
}

static void test_plan_approval_permission(void **state)
{
	struct fx *f = *state;
	struct plan p, empty = {0}, got;

	make_plan(f, &p);
	assert_false(plan_can_approve(&f->worker));
	assert_false(plan_can_approve(&f->yotaikyo)); /* has PERM_DECIDE, yet not plans */
	assert_false(plan_can_approve(NULL));
	assert_true(plan_can_approve(&f->coord));
	assert_int_equal(plan_approve(f->db, &f->worker, &p, &f->e), TSU_EPERM);
	assert_int_equal(plan_approve(f->db, &f->yotaikyo, &p, &f->e), TSU_EPERM);
	assert_non_null(strstr(f->e.msg, "統括支援員"));
	/* nothing to approve without a goal and an item */
	p.long_goal = (free(p.long_goal), xstrdup(""));
	p.short_goal = (free(p.short_goal), xstrdup(""));
	assert_int_equal(plan_update(f->db, &f->worker, &p, &f->e), 0);
	assert_int_equal(plan_approve(f->db, &f->coord, &p, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "目標"));
	p.short_goal = (free(p.short_goal), xstrdup("毎日登校する"));
	assert_int_equal(plan_update(f->db, &f->worker, &p, &f->e), 0);
	assert_int_equal(plan_approve(f->db, &f->coord, &p, &f->e), 0);
	assert_int_equal(p.approved_by, f->coord.id);
	assert_string_equal(p.approved_by_name, "統括 次郎");
	assert_true(strlen(p.approved_at) >= 16);
	assert_int_equal(plan_approve(f->db, &f->boss, &p, &f->e), TSU_EINVAL);
	assert_int_equal(plan_get(f->db, &f->clerk, p.id, &got, &f->e), 0);
	assert_int_equal(got.approved_by, f->coord.id);
	assert_int_equal(got.version, p.version);
	plan_release(&got);
	plan_release(&p);
	plan_release(&empty);
}

static void test_approved_plan_is_frozen(void **state)
{
	struct fx *f = *state;
	struct plan p, got;
	struct plan_item it = {0};

	make_plan(f, &p);
	assert_int_equal(plan_approve(f->db, &f->boss, &p, &f->e), 0);
	free(p.needs);
	p.needs = xstrdup("書き換え");
	assert_int_equal(plan_update(f->db, &f->worker, &p, &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "承認済み"));
	it.what = "追加の支援";
	assert_int_equal(plan_item_save(f->db, &f->worker, &p, &it, &f->e), TSU_EINVAL);
	assert_int_equal(it.id, 0);
	assert_int_equal(plan_item_delete(f->db, &f->worker, &p, p.items[0].id, &f->e), TSU_EINVAL);
	/* delivery is still recorded on an approved version */
	assert_int_equal(plan_set_delivery(f->db, &f->worker, &p, D(2026, 5, 2), D(2026, 5, 1),
					   &f->e),
			 TSU_EINVAL);
	assert_int_equal(plan_set_delivery(f->db, &f->worker, &p, D(2999, 1, 1), (struct date){0},
					   &f->e),
			 TSU_EINVAL);
	assert_int_equal(plan_set_delivery(f->db, &f->worker, &p, D(2026, 5, 1), D(2026, 5, 2),
					   &f->e),
			 0);
	assert_int_equal(plan_get(f->db, &f->worker, p.id, &got, &f->e), 0);
	assert_string_equal(got.needs, "母の育児負担が大きい");
	assert_int_equal(got.n_items, 2);
	assert_int_equal(date_cmp(got.handed_on, D(2026, 5, 2)), 0);
	plan_release(&got);
	plan_release(&p);
}

static void test_revision_keeps_old_version(void **state)
{
	struct fx *f = *state;
	struct plan v1, v2, old, tmp, *list;
	struct plan_item extra = {0};
	struct plan_change *ch;
	size_t n, nc;

	make_plan(f, &v1);
	assert_int_equal(plan_revise(f->db, &f->worker, &v1, &v2, &f->e), TSU_EINVAL); /* draft */
	assert_int_equal(plan_approve(f->db, &f->coord, &v1, &f->e), 0);
	v1.version--;
	assert_int_equal(plan_revise(f->db, &f->worker, &v1, &v2, &f->e), TSU_ECONFLICT);
	v1.version++;
	assert_int_equal(plan_revise(f->db, &f->clerk, &v1, &v2, &f->e), TSU_EPERM);
	assert_int_equal(plan_revise(f->db, &f->worker, &v1, &v2, &f->e), 0);
	assert_int_equal(v2.plan_no, 2);
	assert_int_equal(v2.supersedes, v1.id);
	assert_string_equal(v2.approved_at, "");
	assert_int_equal(v2.n_items, 2);
	assert_int_equal(v2.items[0].origin_id, v1.items[0].id);
	assert_true(v2.items[0].id != v1.items[0].id);
	/* the draft is edited; the approved version stays as it was */
	free(v2.short_goal);
	v2.short_goal = xstrdup("週4日以上登校する");
	assert_int_equal(plan_update(f->db, &f->worker, &v2, &f->e), 0);
	free(v2.items[1].frequency);
	v2.items[1].frequency = xstrdup("週1回");
	assert_int_equal(plan_item_save(f->db, &f->worker, &v2, &v2.items[1], &f->e), 0);
	assert_int_equal(plan_item_delete(f->db, &f->worker, &v2, v2.items[0].id, &f->e), 0);
	assert_int_equal(plan_item_delete(f->db, &f->worker, &v2, v1.items[0].id, &f->e),
			 TSU_ENOTFOUND);
	extra.what = "ショートステイの利用";
	extra.provider_service = "子育て短期支援事業";
	assert_int_equal(plan_item_save(f->db, &f->worker, &v2, &extra, &f->e), 0);
	assert_int_equal(extra.sort, 3);
	assert_int_equal(plan_get(f->db, &f->worker, v1.id, &old, &f->e), 0);
	assert_string_equal(old.short_goal, "毎日登校する");
	assert_int_equal(old.n_items, 2);
	assert_string_equal(old.items[1].frequency, "毎日");
	assert_int_equal(old.superseded_by, v2.id);
	/* an old version cannot be revised again */
	assert_int_equal(plan_revise(f->db, &f->worker, &old, &tmp, &f->e), TSU_EINVAL);
	assert_int_equal(tmp.id, 0);
	plan_release(&v2);
	assert_int_equal(plan_current(f->db, &f->worker, f->c.id, &v2, &f->e), 0);
	assert_int_equal(v2.plan_no, 2);
	assert_int_equal(v2.n_items, 2);
	nc = plan_diff(&old, &v2, &ch);
	assert_int_equal(nc, 4); /* 短期目標 ~, 頻度 ~, ショートステイ +, 家庭訪問 - */
	assert_string_equal(ch[0].field, "短期目標");
	assert_string_equal(ch[0].after, "週4日以上登校する");
	assert_string_equal(ch[1].field, "頻度");
	assert_string_equal(ch[1].before, "毎日");
	assert_int_equal(ch[2].kind, '+');
	assert_string_equal(ch[2].after, "ショートステイの利用");
	assert_int_equal(ch[3].kind, '-');
	assert_string_equal(ch[3].before, "家庭訪問による養育支援");
	plan_changes_free(ch, nc);
	assert_int_equal(plan_diff(&old, &old, &ch), 0);
	plan_changes_free(ch, 0);
	assert_int_equal(plan_versions(f->db, &f->worker, f->c.id, &list, &n, &f->e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].plan_no, 2);
	assert_int_equal(list[1].plan_no, 1);
	assert_int_equal(list[1].superseded_by, list[0].id);
	plans_free(list, n);
	plan_release(&old);
	plan_release(&v2);
	plan_release(&v1);
}

static void test_concurrent_edits_conflict(void **state)
{
	struct fx *f = *state;
	struct db *db2;
	struct plan a, b, got;
	struct plan_item it = {0};

	make_plan(f, &a);
	assert_int_equal(db_open(f->path, 0, &db2, &f->e), 0);
	assert_int_equal(plan_get(db2, &f->coord, a.id, &b, &f->e), 0);
	free(a.needs);
	a.needs = xstrdup("支援者Aの記入");
	free(b.needs);
	b.needs = xstrdup("支援者Bの記入");
	assert_int_equal(plan_update(f->db, &f->worker, &a, &f->e), 0);
	assert_int_equal(plan_update(db2, &f->coord, &b, &f->e), TSU_ECONFLICT);
	assert_non_null(strstr(f->e.msg, "他の職員が保存しました"));
	/* an item edit on the stale copy conflicts too, and adds nothing */
	it.what = "Bの追加";
	assert_int_equal(plan_item_save(db2, &f->coord, &b, &it, &f->e), TSU_ECONFLICT);
	assert_int_equal(it.id, 0);
	/* approving a stale copy is refused as well */
	assert_int_equal(plan_approve(db2, &f->coord, &b, &f->e), TSU_ECONFLICT);
	assert_int_equal(plan_get(db2, &f->coord, a.id, &got, &f->e), 0);
	assert_string_equal(got.needs, "支援者Aの記入");
	assert_int_equal(got.n_items, 2);
	assert_string_equal(got.approved_at, "");
	plan_release(&got);
	plan_release(&a);
	plan_release(&b);
	db_close(&db2);
}

static void test_agency_find_or_create(void **state)
{
	struct fx *f = *state;
	int64_t a = 0, b = 0, c = 0;
	struct agency got, *list;
	size_t n;

	assert_int_equal(agency_find_or_create(f->db, &f->worker, "", NULL, &a, &f->e), TSU_EINVAL);
	assert_int_equal(agency_find_or_create(f->db, &f->clerk, "x", NULL, &a, &f->e), TSU_EPERM);
	assert_int_equal(agency_find_or_create(f->db, &f->worker, "あおぞら保育園", "保育所", &a,
					       &f->e),
			 0);
	assert_int_equal(agency_find_or_create(f->db, &f->worker, "ｱｵｿﾞﾗ 保育園", NULL, &b, &f->e),
			 0);
	assert_int_equal(a, b);
	assert_int_equal(agency_find_or_create(f->db, &f->worker, "中央児童相談所", NULL, &c, &f->e),
			 0);
	assert_true(c != a);
	assert_int_equal(agency_get(f->db, a, &got, &f->e), 0);
	assert_string_equal(got.kind, "保育所");
	got.phone = (free(got.phone), xstrdup("0234-00-0000"));
	assert_int_equal(agency_update(f->db, &f->worker, &got, &f->e), 0);
	got.version--;
	assert_int_equal(agency_update(f->db, &f->worker, &got, &f->e), TSU_ECONFLICT);
	agency_release(&got);
	assert_int_equal(agency_list(f->db, false, &list, &n, &f->e), 0);
	assert_int_equal(n, 2);
	agencies_free(list, n);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_plan_bad_input),
		T(test_plan_create_sets_case_review),
		T(test_plan_approval_permission),
		T(test_approved_plan_is_frozen),
		T(test_revision_keeps_old_version),
		T(test_concurrent_edits_conflict),
		T(test_agency_find_or_create),
	};
#undef T
	testutil_init_core();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
