/* test_casefile.c: the case file: one audited read; the time line newest
 * first and filtered by kind; the address masked under a secrecy measure
 * and its audited reveal; tags; the genogram's alignment for hard names
 * (髙橋, 𠮷田, ｶﾞｸｾｲ, 葛󠄀飾 with an IVS) in narrow and ambiguous-wide mode;
 * a conflicting save by two connections showing both versions. */
#include "triage_fx.h"

#include "tsunagu/assess.h"
#include "tsunagu/casefile.h"
#include "tsunagu/note.h"
#include "tsunagu/text.h"
#include "tsunagu/utf8.h"

static int64_t accepted_case(struct fx *f, const char *received, const char *held)
{
	struct juri_decision d = fx_accept(f, fx_intake(f, f->child, received), held);
	struct juri_result r;

	d.urgency = "A";
	d.registration = "P";
	if (juri_decide(f->db, &f->boss, &d, &r, &f->e) != 0)
		fail_msg("juri_decide: %s", f->e.msg);
	return r.case_id;
}

static void add_note(struct fx *f, int64_t case_id, const char *at, const char *content)
{
	struct note n = {0};

	n.case_id = case_id;
	n.kind = "HOME";
	n.at = (char *)at;
	n.content = (char *)content;
	n.counterpart = "母";
	if (note_create(f->db, &f->worker, &n, &f->e) != 0)
		fail_msg("note_create: %s", f->e.msg);
}

static void test_load_bad_input(void **state)
{
	struct fx *f = *state;
	struct casefile cf;

	assert_int_equal(casefile_load(f->db, &f->worker, 99, &cf, &f->e), TSU_ENOTFOUND);
	assert_int_equal(casefile_load_no(f->db, &f->worker, "R8-9999", D(0, 0, 0), &cf, &f->e),
	                 TSU_ENOTFOUND);
	assert_non_null(strstr(f->e.msg, "R8-9999"));
	assert_int_equal(casefile_load_no(f->db, &f->worker, "", D(0, 0, 0), &cf, &f->e),
	                 TSU_EINVAL);
	f->worker.active = false;
	assert_int_equal(casefile_load(f->db, &f->worker, 1, &cf, &f->e), TSU_EPERM);
	f->worker.active = true;
	assert_null(cf.events);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.read'"), 0);
	assert_int_equal(casefile_kind_parse("記録"), CF_NOTE);
	assert_int_equal(casefile_kind_parse("meeting"), CF_MEETING);
	assert_int_equal(casefile_kind_parse("会議録"), -1);
	assert_int_equal(casefile_kind_parse(NULL), -1);
	assert_string_equal(casefile_kind_label(CF_ASSESS), "アセスメント");
	casefile_release(&cf);
	casefile_release(NULL);
}

static void test_timeline_order_and_filter(void **state)
{
	struct fx *f = *state;
	int64_t id = accepted_case(f, "2026-04-01 09:30", "2026-04-01 16:30");
	long long reads;
	struct assess_input in = {0};
	struct safety_check sc = {0};
	struct casefile cf;
	size_t *idx, n;

	add_note(f, id, "2026-04-03 10:00", "本児と面接\n外傷なし");
	add_note(f, id, "2026-04-02 08:15", "母に電話");
	sc.case_id = id;
	sc.at = "2026-04-01 18:40";
	sc.method = "家庭訪問";
	sc.seen = true;
	assert_int_equal(safety_check_record(f->db, &f->worker, &sc, &f->e), 0);
	in.case_id = id;
	in.on = D(2026, 4, 2);
	in.answers[3] = URG_YES;
	in.severity = "SEVERE";
	assert_int_equal(assess_save(f->db, &f->worker, &in, NULL, &f->e), 0);
	reads = fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.read'");
	assert_int_equal(casefile_load_at(f->db, &f->clerk, id, D(2026, 11, 24), &cf, &f->e), 0);
	/* exactly one audit row for the whole read */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.read'"),
	                 reads + 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.read'"
	                             " AND detail = 'ケースファイル'"),
	                 1);
	for (size_t i = 1; i < cf.n_events; i++)
		if (strcmp(cf.events[i - 1].at, cf.events[i].at) < 0)
			fail_msg("not newest first: %s before %s", cf.events[i - 1].at,
			         cf.events[i].at);
	/* the status changes were recorded today: newest; then the dated rows */
	assert_int_equal(cf.events[0].kind, CF_STATUS);
	n = casefile_filter(&cf, 1u << CF_NOTE, &idx);
	assert_int_equal(n, 2);
	assert_string_equal(cf.events[idx[0]].at, "2026-04-03 10:00");
	assert_string_equal(cf.events[idx[0]].summary, "家庭訪問 母 本児と面接 外傷なし");
	assert_string_equal(cf.events[idx[0]].staff, "支援 太郎");
	assert_string_equal(cf.events[idx[1]].at, "2026-04-02 08:15");
	free(idx);
	n = casefile_filter(&cf, (1u << CF_INTAKE) | (1u << CF_MEETING) | (1u << CF_SAFETY), &idx);
	assert_int_equal(n, 3);
	assert_int_equal(cf.events[idx[0]].kind, CF_SAFETY);
	assert_int_equal(cf.events[idx[1]].kind, CF_MEETING);
	assert_string_equal(cf.events[idx[1]].at, "2026-04-01 16:30");
	assert_non_null(strstr(cf.events[idx[1]].summary, "受理会議 受理 緊急度A"));
	assert_int_equal(cf.events[idx[2]].kind, CF_INTAKE);
	assert_string_equal(cf.events[idx[2]].summary, "電話 児童虐待相談 身体的虐待 顔にあざ");
	free(idx);
	n = casefile_filter(&cf, 1u << CF_ASSESS, &idx);
	assert_int_equal(n, 1);
	assert_string_equal(cf.events[idx[0]].summary, "判定 A (判定案 A) 重度 -> 児童相談所");
	free(idx);
	assert_int_equal(casefile_filter(&cf, 1u << CF_PLAN, &idx), 0);
	assert_null(idx);
	/* the rest of the file */
	assert_string_equal(cf.c.case_no, "R8-0001");
	assert_string_equal(cf.status_label, "アセスメント");
	assert_string_equal(cf.registration_label, "要保護児童");
	assert_string_equal(cf.lead_name, "支援 太郎");
	assert_true(cf.subject->subject);
	assert_int_equal(cf.subject->age, 7);
	assert_string_equal(cf.subject->grade, "小1");
	assert_int_equal(cf.n_members, 4);
	assert_int_equal(cf.n_assessments, 1);
	assert_int_equal(cf.n_history, 3);
	assert_string_equal(cf.history[0].new_label, "受理");
	for (size_t i = 0; i < cf.n_members; i++)
		if (cf.members[i].person_id == f->sister)
			assert_string_equal(cf.members[i].relation, "SIB");
	casefile_release(&cf);
}

static void test_masking_and_reveal(void **state)
{
	struct fx *f = *state;
	struct household h;
	struct casefile cf;
	int64_t id = accepted_case(f, "2026-04-01 09:30", "2026-04-01 16:30");

	assert_int_equal(household_get(f->db, &f->worker, f->household, &h, &f->e), 0);
	h.secrecy = true;
	h.secrecy_start = D(2026, 1, 10);
	h.secrecy_end = D(2027, 1, 9);
	assert_int_equal(household_update(f->db, &f->worker, &h, &f->e), 0);
	household_release(&h);
	assert_int_equal(casefile_load_at(f->db, &f->clerk, id, D(2026, 11, 24), &cf, &f->e), 0);
	assert_true(cf.address_masked);
	assert_true(cf.secrecy);
	assert_string_equal(cf.address, "(支援措置中: 住所非表示)");
	assert_string_equal(cf.phone, "");
	/* the clerk may not reveal; a reason is required */
	assert_int_equal(casefile_reveal_address(f->db, &f->clerk, &cf, "確認", &f->e), TSU_EPERM);
	assert_int_equal(casefile_reveal_address(f->db, &f->worker, &cf, "", &f->e), TSU_EINVAL);
	assert_true(cf.address_masked);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'address.reveal'"),
	                 0);
	assert_int_equal(casefile_reveal_address(f->db, &f->worker, &cf, "家庭訪問の準備", &f->e),
	                 0);
	assert_false(cf.address_masked);
	assert_string_equal(cf.address, "ひばり野市中央町二丁目5番12号");
	assert_string_equal(cf.phone, "0000-00-1234");
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'address.reveal'"
	                             " AND detail = 'R8-0001 理由: 家庭訪問の準備'"
	                             " AND entity = 'household'"),
	                 1);
	casefile_release(&cf);
	/* viewing another date never uncovers an address protected today: a
	 * measure in force around the real today, viewed as of long before it */
	assert_int_equal(household_get(f->db, &f->worker, f->household, &h, &f->e), 0);
	h.secrecy_start = date_from_days(date_to_days(date_today()) - 300);
	h.secrecy_end = date_from_days(date_to_days(date_today()) + 65);
	assert_int_equal(household_update(f->db, &f->worker, &h, &f->e), 0);
	household_release(&h);
	assert_int_equal(casefile_load_at(f->db, &f->clerk, id, D(2001, 6, 1), &cf, &f->e), 0);
	assert_true(cf.address_masked);
	assert_string_equal(cf.address, "(支援措置中: 住所非表示)");
	assert_string_equal(cf.phone, "");
	casefile_release(&cf);
	/* after the measure ends the address shows again: end it before both
	 * the date viewed and today */
	assert_int_equal(household_get(f->db, &f->worker, f->household, &h, &f->e), 0);
	h.secrecy_start = D(2024, 1, 10);
	h.secrecy_end = D(2025, 1, 9);
	assert_int_equal(household_update(f->db, &f->worker, &h, &f->e), 0);
	household_release(&h);
	assert_int_equal(casefile_load_at(f->db, &f->clerk, id, D(2025, 1, 10), &cf, &f->e), 0);
	assert_false(cf.address_masked);
	assert_false(cf.secrecy);
	assert_string_equal(cf.address, "ひばり野市中央町二丁目5番12号");
	casefile_release(&cf);
}

static void test_tags(void **state)
{
	struct fx *f = *state;
	int64_t id = accepted_case(f, "2026-04-01 09:30", "2026-04-01 16:30");
	struct cf_tag *t;
	size_t n;

	assert_int_equal(casefile_tag_add(f->db, &f->clerk, id, "DV", &f->e), TSU_EPERM);
	assert_int_equal(casefile_tag_add(f->db, &f->worker, id, "ZZ", &f->e), TSU_EINVAL);
	assert_int_equal(casefile_tag_add(f->db, &f->worker, id, "", &f->e), TSU_EINVAL);
	assert_int_equal(casefile_tag_add(f->db, &f->worker, id, "TRUANT", &f->e), 0);
	assert_int_equal(casefile_tag_add(f->db, &f->worker, id, "YC", &f->e), 0);
	assert_int_equal(casefile_tag_add(f->db, &f->worker, id, "DV", &f->e), 0);
	assert_int_equal(casefile_tag_add(f->db, &f->worker, id, "DV", &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "DV"));
	assert_int_equal(casefile_tag_remove(f->db, &f->worker, id, "PP", &f->e), TSU_EINVAL);
	assert_non_null(strstr(f->e.msg, "ペアレントプログラム"));
	assert_int_equal(casefile_tag_remove(f->db, &f->worker, id, "YC", &f->e), 0);
	assert_int_equal(casefile_tags(f->db, &f->clerk, id, &t, &n, &f->e), 0);
	assert_int_equal(n, 2); /* in code-list order */
	assert_string_equal(t[0].label, "DV");
	assert_string_equal(t[1].label, "不登校");
	cf_tags_free(t, n);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.tag.add'"),
	                 3);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action ="
	                             " 'case.tag.remove' AND detail = 'YC'"),
	                 1);
}

/* ---- genogram ------------------------------------------------------------------ */

/* A family whose names are hard to measure: a surrogate-plane kanji, half-
 * width kana with dakuten, an IVS selector, a long name to be cut. */
static int64_t hard_family(struct fx *f, const char *extra_given)
{
	struct case_rec in = {0}, out;
	int64_t child, father, mother, sister, grand, lodger;

	f->household = 0;
	child = fx_person(f, "髙橋", "髙橋", "M", D(2019, 4, 2));
	father = fx_person(f, "𠮷田", "𠮷田", "M", D(1981, 5, 5));
	mother = fx_person(f, "ｶﾞｸｾｲ", "ｶﾞｸｾｲ", "F", D(1988, 2, 1));
	sister = fx_person(f, "葛\xf3\xa0\x84\x80飾", "葛\xf3\xa0\x84\x80飾", "F", D(2021, 1, 15));
	grand = fx_person(f, "長谷川", "寿限無寿限無五劫の擦り切れ", "M", D(1950, 1, 1));
	lodger = fx_person(f, "同居", extra_given, "U", D(0, 0, 0));
	fx_relation(f, father, child, "FA");
	fx_relation(f, mother, child, "MO");
	fx_relation(f, father, sister, "FA");
	fx_relation(f, mother, sister, "MO");
	fx_relation(f, grand, child, "GF");
	fx_relation(f, lodger, child, "COH");
	in.subject_id = child;
	in.opened = D(2026, 4, 1);
	if (case_create(f->db, &f->worker, &in, &out, &f->e) != 0)
		fail_msg("case_create: %s", f->e.msg);
	child = out.id;
	case_release(&out);
	return child;
}

/* True if s has an East Asian Ambiguous character that takes a column. */
static bool has_ambiguous(const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		bool valid;

		i += utf8_decode(s + i, len - i, &cp, &valid);
		/* variation selectors (the IVS in 葛󠄀) are "A" but take no column */
		if (text_is_ambiguous(cp) && text_cp_width(cp) > 0)
			return true;
	}
	return false;
}

static size_t line_of(char **lines, size_t n, const char *needle)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i], needle))
			return i;
	fail_msg("no line with %s", needle);
	return n;
}

/* Every line exactly width columns; parents above children above nothing
 * else; returns the lines (caller frees). */
static char **check_tree(const struct casefile *cf, int width, size_t *n)
{
	char **lines;

	assert_int_equal(genogram_render(cf, width, &lines, n), 0);
	assert_true(*n >= 7);
	for (size_t i = 0; i < *n; i++)
		if (text_width(lines[i]) != width)
			fail_msg("width %d: line %zu is %d wide: [%s]", width, i,
			         text_width(lines[i]), lines[i]);
	return lines;
}

static void test_genogram_alignment(void **state)
{
	struct fx *f = *state;
	int64_t id = hard_family(f, "一郎");
	struct casefile cf;
	char **lines, **wide;
	size_t n, nw;

	assert_int_equal(casefile_load_at(f->db, &f->worker, id, D(2026, 11, 24), &cf, &f->e), 0);
	assert_int_equal(genogram_render(&cf, 7, &lines, &n), 0);
	assert_int_equal(n, 0);
	assert_null(lines);
	for (int width = 16; width <= 72; width++) {
		lines = check_tree(&cf, width, &n);
		if (width >= 40) {
			/* grandfather above the parents' couple above the children */
			size_t g = line_of(lines, n, "[寿限無"),
			       p = line_of(lines, n, "[𠮷田]==(ｶﾞｸｾｲ)"),
			       c = line_of(lines, n, "[[髙橋]]");

			assert_true(g < p && p < c);
			assert_non_null(strstr(lines[c], "(葛\xf3\xa0\x84\x80飾)")); /* IVS kept */
			assert_non_null(strstr(lines[c + 1], "7歳"));
			assert_non_null(strstr(lines[p + 1], "45歳"));
			assert_non_null(strstr(lines[line_of(lines, n, "<一郎>")], "同居人"));
		}
		for (size_t i = 0; i < n; i++)
			assert_false(has_ambiguous(lines[i]));
		/* ambiguous-wide: the same bytes, still exactly width columns */
		text_set_ambiguous_wide(true);
		wide = check_tree(&cf, width, &nw);
		text_set_ambiguous_wide(false);
		assert_int_equal(nw, n);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(wide[i], lines[i]);
		text_lines_free(wide, nw);
		text_lines_free(lines, n);
	}
	casefile_release(&cf);
}

static void test_genogram_ambiguous_name(void **state)
{
	struct fx *f = *state;
	/* a name with an East Asian Ambiguous character (Ⅱ U+2161) */
	int64_t id = hard_family(f, "ジョージⅡ");
	struct casefile cf;
	char **lines;
	size_t n;

	assert_int_equal(casefile_load_at(f->db, &f->worker, id, D(2026, 11, 24), &cf, &f->e), 0);
	for (int mode = 0; mode < 2; mode++) {
		text_set_ambiguous_wide(mode == 1);
		for (int width = 16; width <= 60; width += 4) {
			lines = check_tree(&cf, width, &n);
			text_lines_free(lines, n);
		}
	}
	text_set_ambiguous_wide(false);
	casefile_release(&cf);
}

/* ---- conflicting saves ----------------------------------------------------------- */

static void test_conflict_two_connections(void **state)
{
	struct fx *f = *state;
	int64_t id = accepted_case(f, "2026-04-01 09:30", "2026-04-01 16:30");
	struct case_rec a, b, theirs;
	struct db *other = NULL;

	assert_int_equal(db_open(f->path, 0, &other, &f->e), 0);
	assert_int_equal(case_get(f->db, &f->worker, id, &a, &f->e), 0);
	assert_int_equal(case_get(other, &f->boss, id, &b, &f->e), 0);
	assert_int_equal(a.version, b.version);
	free(a.team);
	a.team = xstrdup("A班");
	assert_int_equal(casefile_save(f->db, &f->worker, &a, &theirs, &f->e), 0);
	free(b.team);
	b.team = xstrdup("B班");
	b.review_cycle_months = 6;
	/* the second worker sees both versions; nothing was written */
	assert_int_equal(casefile_save(other, &f->boss, &b, &theirs, &f->e), TSU_ECONFLICT);
	assert_string_equal(theirs.team, "A班");
	assert_int_equal(theirs.version, a.version);
	assert_int_equal(theirs.review_cycle_months, 3);
	assert_string_equal(b.team, "B班");
	assert_int_equal(b.version, a.version - 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM cases WHERE team = 'A班'"), 1);
	/* "keep mine" over the version shown */
	assert_int_equal(casefile_save_mine(other, &f->boss, &b, theirs.version, NULL, &f->e), 0);
	assert_int_equal(b.version, theirs.version + 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM cases WHERE team = 'B班'"
	                             " AND review_cycle_months = 6"),
	                 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.overwrite'"),
	                 1);
	case_release(&theirs);
	/* the first worker, still on the old version, now conflicts in turn */
	free(a.team);
	a.team = xstrdup("C班");
	assert_int_equal(casefile_save(f->db, &f->worker, &a, &theirs, &f->e), TSU_ECONFLICT);
	assert_string_equal(theirs.team, "B班");
	/* keep mine over a version that is no longer the stored one: refused */
	assert_int_equal(casefile_save_mine(f->db, &f->worker, &a, theirs.version - 1, NULL, &f->e),
	                 TSU_ECONFLICT);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM cases WHERE team = 'B班'"), 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE action = 'case.overwrite'"),
	                 1);
	case_release(&theirs);
	case_release(&a);
	case_release(&b);
	db_close(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_load_bad_input, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_timeline_order_and_filter, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_masking_and_reveal, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_tags, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_genogram_alignment, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_genogram_ambiguous_name, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_conflict_two_connections, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
