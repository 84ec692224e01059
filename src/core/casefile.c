/* casefile.c: the case file in one audited read (case, subject, family,
 * household with its address masked under a secrecy measure, tags,
 * history, assessments, investigation plan, time line), the deliberate
 * reveal of a masked address, tags, and saving with both versions shown on
 * a conflict. The genogram is drawn in genogram.c. */
#include "tsunagu/casefile.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sql_triage.h"
#include "triage_priv.h"
#include "tsunagu/codes.h"
#include "tsunagu/util.h"

static const struct {
	const char *name, *label;
} kinds[CF_KIND_COUNT] = {
    [CF_INTAKE] = {"intake", "受付"},
    [CF_MEETING] = {"meeting", "会議"},
    [CF_ASSESS] = {"assess", "アセスメント"},
    [CF_SAFETY] = {"safety", "安全確認"},
    [CF_NOTE] = {"note", "記録"},
    [CF_STATUS] = {"status", "状態"},
    [CF_TRANSFER] = {"transfer", "送致"},
    [CF_PLAN] = {"plan", "計画"},
};

const char *casefile_kind_label(enum cf_kind kind)
{
	return (unsigned)kind < CF_KIND_COUNT ? kinds[kind].label : "?";
}

int casefile_kind_parse(const char *s)
{
	for (int k = 0; s && k < CF_KIND_COUNT; k++)
		if (!strcmp(s, kinds[k].name) || !strcmp(s, kinds[k].label))
			return k;
	return -1;
}

size_t casefile_filter(const struct casefile *cf, unsigned mask, size_t **idx)
{
	size_t n = 0;

	*idx = NULL;
	for (size_t i = 0; i < cf->n_events; i++) {
		if (!(mask & (1u << cf->events[i].kind)))
			continue;
		*idx = xreallocarray(*idx, n + 1, sizeof **idx);
		(*idx)[n++] = i;
	}
	return n;
}

static bool secrecy_in_force(struct date start, struct date end, struct date on)
{
	return (!start.y || date_cmp(start, on) <= 0) && (!end.y || date_cmp(on, end) <= 0);
}

/* ---- the case and its labels --------------------------------------------- */

static void case_row(struct stmt *st, struct casefile *cf)
{
	case_read_row(st, &cf->c);
	cf->consult_label = sql_dup(st, 21);
	cf->registration_label = sql_dup(st, 22);
	cf->status_label = sql_dup(st, 23);
	cf->lead_name = sql_dup(st, 24);
	cf->closure_label = sql_dup(st, 25);
}

static struct stmt *tri(struct db *db, enum triage_sql_id id, struct tsu_err *e)
{
	return sql_get_in(db, &sql_triage_table, (int)id, e);
}

static int read_case(struct db *db, int64_t id, struct casefile *cf, struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_CF_CASE, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
		              : err_set(e, TSU_ENOTFOUND, "ケース (番号 %lld) が見つかりません",
		                        (long long)id);
	case_row(st, cf);
	sql_reset(st);
	return 0;
}

/* ---- family ---------------------------------------------------------------- */

/* The member's relation to the subject when only the subject's relation to
 * the member is recorded (subject is CH of a man: he is the father). */
static const char *inverse(const char *rel, const char *sex)
{
	static const char *const parents[] = {"FA", "MO", "SF", "SM", "AF", "AM", "FF", "FM"};
	static const char *const sibs[] = {"EB", "ES", "YB", "YS", "SIB"};

	if (!strcmp(rel, "CH"))
		return !strcmp(sex, "M") ? "FA" : !strcmp(sex, "F") ? "MO" : "";
	for (size_t i = 0; i < sizeof parents / sizeof parents[0]; i++)
		if (!strcmp(rel, parents[i]))
			return "CH";
	for (size_t i = 0; i < sizeof sibs / sizeof sibs[0]; i++)
		if (!strcmp(rel, sibs[i]))
			return "SIB";
	return *rel ? "OTHER" : "";
}

static void member_row(struct stmt *st, const struct casefile *cf, struct cf_member *m)
{
	const char *given = sql_text(st, 2);

	m->person_id = sql_int(st, 0);
	m->given = xstrdup(*given ? given : sql_text(st, 1));
	m->name = *given ? xasprintf("%s %s", sql_text(st, 1), given) : sql_dup(st, 1);
	m->kana =
	    xasprintf("%s%s%s", sql_text(st, 3), *sql_text(st, 4) ? " " : "", sql_text(st, 4));
	m->birth = sql_date(st, 5);
	m->sex = sql_dup(st, 6);
	m->deceased = sql_int(st, 7) != 0;
	m->subject = m->person_id == cf->c.subject_id;
	m->in_household = sql_int(st, 12) != 0;
	if (m->subject)
		m->relation = xstrdup("SELF");
	else if (*sql_text(st, 9))
		m->relation = sql_dup(st, 9);
	else
		m->relation = xstrdup(inverse(sql_text(st, 10), m->sex));
	if (!*m->relation && sql_int(st, 11)) {
		free(m->relation);
		m->relation = xstrdup("SIB");
	}
	m->age = m->birth.y ? date_age(m->birth, cf->as_of) : -1;
	if (m->birth.y && m->age >= 0)
		strlcpy_utf8(
		    m->grade,
		    date_grade_label(date_school_grade(m->birth, date_fiscal_year(cf->as_of))),
		    sizeof m->grade);
}

static int read_members(struct db *db, struct casefile *cf, struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_CF_MEMBERS, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_id(st, 1, cf->c.household_id);
	sql_bind_int(st, 2, cf->c.subject_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct cf_member *m;

		cf->members = xreallocarray(cf->members, cf->n_members + 1, sizeof *cf->members);
		m = &cf->members[cf->n_members++];
		memset(m, 0, sizeof *m);
		member_row(st, cf, m);
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < cf->n_members; i++) {
		struct cf_member *m = &cf->members[i];

		m->relation_label = codes_label(db, "relation", m->relation);
		if (m->subject && i > 0) { /* the subject first */
			struct cf_member t = *m;

			memmove(&cf->members[1], &cf->members[0], i * sizeof *m);
			cf->members[0] = t;
		}
	}
	cf->subject = cf->n_members ? &cf->members[0] : NULL;
	if (!cf->subject || !cf->subject->subject)
		return err_set(e, TSU_EDB, "ケース %s の対象児童が見つかりません", cf->c.case_no);
	return 0;
}

static int read_household(struct db *db, struct casefile *cf, struct tsu_err *e)
{
	struct stmt *st;
	struct date start;
	int rc;

	cf->address = xstrdup("");
	cf->phone = xstrdup("");
	if (!cf->c.household_id)
		return 0;
	if (!(st = tri(db, TRI_CF_HOUSEHOLD, e)))
		return TSU_EDB;
	sql_bind_int(st, 1, cf->c.household_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc : 0;
	start = sql_date(st, 4);
	cf->secrecy_end = sql_date(st, 5);
	/* In force on the date viewed or today: looking at an earlier or later
	 * date must never uncover an address that is protected now. */
	cf->secrecy = sql_int(st, 3) && (secrecy_in_force(start, cf->secrecy_end, cf->as_of) ||
	                                 secrecy_in_force(start, cf->secrecy_end, date_today()));
	free(cf->address);
	free(cf->phone);
	/* masked even when no address is recorded: the phone tells as much */
	cf->address_masked = cf->secrecy;
	cf->address = cf->address_masked ? xstrdup(CASEFILE_MASKED) : sql_dup(st, 1);
	/* a landline tells where the family lives as much as the address */
	cf->phone = cf->address_masked ? xstrdup("") : sql_dup(st, 2);
	sql_reset(st);
	return 0;
}

static int read_tags(struct db *db, int64_t case_id, struct cf_tag **out, size_t *n,
                     struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_TAG_LIST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].code = sql_dup(st, 0);
		(*out)[(*n)++].label = sql_dup(st, 1);
	}
	return rc;
}

static int read_history(struct db *db, struct casefile *cf, struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_CF_HISTORY, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, cf->c.id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct cf_history *h;

		cf->history = xreallocarray(cf->history, cf->n_history + 1, sizeof *cf->history);
		h = &cf->history[cf->n_history++];
		h->at = xstrndup(sql_text(st, 0), 16);
		h->staff = sql_dup(st, 1);
		h->field = sql_dup(st, 2);
		h->old_label = *sql_text(st, 5) ? sql_dup(st, 5) : sql_dup(st, 3);
		h->new_label = *sql_text(st, 6) ? sql_dup(st, 6) : sql_dup(st, 4);
		h->reason = sql_dup(st, 7);
		h->why = sql_dup(st, 8);
	}
	return rc;
}

static int read_invest(struct db *db, struct casefile *cf, struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_CF_INVEST, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, cf->c.id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		struct cf_invest *v;

		cf->invest = xreallocarray(cf->invest, cf->n_invest + 1, sizeof *cf->invest);
		v = &cf->invest[cf->n_invest++];
		v->id = sql_int(st, 0);
		v->agency = sql_dup(st, 1);
		v->what = sql_dup(st, 2);
		v->due = sql_date(st, 3);
		v->done = sql_date(st, 4);
		v->result = sql_dup(st, 5);
	}
	return rc;
}

/* ---- the time line ------------------------------------------------------- */

/* Append the non-empty texts separated by spaces; newlines, tabs and other
 * line breaks become spaces so that a summary stays one line. */
static void add_part(struct sbuf *sb, const char *s)
{
	if (!s || !*s)
		return;
	if (sb->len)
		sbuf_addc(sb, ' ');
	for (; *s; s++)
		sbuf_addc(sb, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

static char *summary(enum cf_kind k, struct stmt *st)
{
	const char *a = sql_text(st, 4), *b = sql_text(st, 5), *c = sql_text(st, 6),
	           *d = sql_text(st, 7);
	struct sbuf sb = {0};
	char *t;

	switch (k) {
	case CF_ASSESS:
		t = xasprintf("判定 %s (判定案 %s)", *a ? a : "なし", *b ? b : "なし");
		add_part(&sb, t);
		free(t);
		add_part(&sb, c);
		if (*d) {
			t = xasprintf("-> %s", d);
			add_part(&sb, t);
			free(t);
		}
		break;
	case CF_STATUS:
		t = xasprintf("%s %s -> %s", !strcmp(a, "status") ? "状態" : "登録",
		              *b ? b : "(なし)", c);
		add_part(&sb, t);
		free(t);
		add_part(&sb, d);
		break;
	case CF_PLAN:
		t = xasprintf("支援計画 第%s版%s", a, *b ? " 承認済み" : " 未承認");
		add_part(&sb, t);
		free(t);
		add_part(&sb, c);
		break;
	default:
		add_part(&sb, a);
		add_part(&sb, b);
		add_part(&sb, c);
		if (k == CF_NOTE && *d) {
			t = xasprintf("[%s]", d);
			add_part(&sb, t);
			free(t);
		} else {
			add_part(&sb, d);
		}
		break;
	}
	return sb.len ? sbuf_detach(&sb) : xstrdup("");
}

static int read_events(struct db *db, struct casefile *cf, struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_CF_EVENTS, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, cf->c.id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		int k = casefile_kind_parse(sql_text(st, 0));
		struct cf_event *ev;

		if (k < 0)
			continue;
		cf->events = xreallocarray(cf->events, cf->n_events + 1, sizeof *cf->events);
		ev = &cf->events[cf->n_events++];
		ev->kind = (enum cf_kind)k;
		ev->at = sql_dup(st, 1);
		ev->ref_id = sql_int(st, 2);
		ev->staff = sql_dup(st, 3);
		ev->summary = summary(ev->kind, st);
	}
	return rc;
}

/* ---- load ------------------------------------------------------------------ */

static int load_parts(struct db *db, int64_t case_id, struct casefile *cf, struct tsu_err *e)
{
	int rc;

	if ((rc = read_case(db, case_id, cf, e)) != 0 || (rc = read_members(db, cf, e)) != 0 ||
	    (rc = read_household(db, cf, e)) != 0 ||
	    (rc = read_tags(db, case_id, &cf->tags, &cf->n_tags, e)) != 0 ||
	    (rc = read_history(db, cf, e)) != 0 ||
	    (rc = assess_read_case(db, case_id, &cf->assessments, &cf->n_assessments, e)) != 0 ||
	    (rc = read_invest(db, cf, e)) != 0 || (rc = read_events(db, cf, e)) != 0)
		return rc;
	return 0;
}

int casefile_load_at(struct db *db, const struct staff *actor, int64_t case_id, struct date as_of,
                     struct casefile *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	out->as_of = as_of.y ? as_of : date_today();
	if ((rc = model_perm(actor, PERM_READ_CASE, "ケースファイルの閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = load_parts(db, case_id, out, e);
	if (rc == 0)
		rc = model_audit(db, actor, "case.read", "case", case_id, "ケースファイル", e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		casefile_release(out);
	return rc;
}

int casefile_load(struct db *db, const struct staff *actor, int64_t case_id, struct casefile *out,
                  struct tsu_err *e)
{
	return casefile_load_at(db, actor, case_id, date_today(), out, e);
}

int casefile_load_no(struct db *db, const struct staff *actor, const char *case_no,
                     struct date as_of, struct casefile *out, struct tsu_err *e)
{
	struct stmt *st;
	int64_t id;
	int rc;

	memset(out, 0, sizeof *out);
	if (!case_no || !*case_no)
		return err_set(e, TSU_EINVAL, "ケース番号が入力されていません");
	if ((rc = model_perm(actor, PERM_READ_CASE, "ケースファイルの閲覧", e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_CASE_GET_NO, e)))
		return TSU_EDB;
	sql_bind_text(st, 1, case_no);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
		              : err_set(e, TSU_ENOTFOUND, "ケース %s が見つかりません", case_no);
	id = sql_int(st, 0);
	sql_reset(st);
	return casefile_load_at(db, actor, id, as_of, out, e);
}

static void member_release(struct cf_member *m)
{
	free(m->name);
	free(m->given);
	free(m->kana);
	free(m->sex);
	free(m->relation);
	free(m->relation_label);
}

static void history_free(struct cf_history *h, size_t n)
{
	for (size_t i = 0; h && i < n; i++) {
		free(h[i].at);
		free(h[i].staff);
		free(h[i].field);
		free(h[i].old_label);
		free(h[i].new_label);
		free(h[i].reason);
		free(h[i].why);
	}
	free(h);
}

static void invest_free(struct cf_invest *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].agency);
		free(v[i].what);
		free(v[i].result);
	}
	free(v);
}

static void events_free(struct cf_event *ev, size_t n)
{
	for (size_t i = 0; ev && i < n; i++) {
		free(ev[i].at);
		free(ev[i].summary);
		free(ev[i].staff);
	}
	free(ev);
}

void casefile_release(struct casefile *cf)
{
	if (!cf)
		return;
	case_release(&cf->c);
	free(cf->consult_label);
	free(cf->registration_label);
	free(cf->status_label);
	free(cf->lead_name);
	free(cf->closure_label);
	for (size_t i = 0; i < cf->n_members; i++)
		member_release(&cf->members[i]);
	free(cf->members);
	free(cf->address);
	free(cf->phone);
	cf_tags_free(cf->tags, cf->n_tags);
	history_free(cf->history, cf->n_history);
	assessments_free(cf->assessments, cf->n_assessments);
	invest_free(cf->invest, cf->n_invest);
	events_free(cf->events, cf->n_events);
	memset(cf, 0, sizeof *cf);
}

/* ---- reveal ---------------------------------------------------------------- */

static int reveal_read(struct db *db, const struct casefile *cf, char **address, char **phone,
                       struct tsu_err *e)
{
	struct stmt *st = tri(db, TRI_CF_HOUSEHOLD, e);
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, cf->c.household_id);
	if ((rc = sql_step(db, st, e)) != SQL_ROW)
		return rc < 0 ? rc
		              : err_set(e, TSU_ENOTFOUND, "ケース %s の世帯が見つかりません",
		                        cf->c.case_no);
	*address = sql_dup(st, 1);
	*phone = sql_dup(st, 2);
	sql_reset(st);
	return 0;
}

/* The address reaches cf only once the audit row is committed. */
int casefile_reveal_address(struct db *db, const struct staff *actor, struct casefile *cf,
                            const char *reason, struct tsu_err *e)
{
	char *detail, *address = NULL, *phone = NULL;
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_REVEAL_ADDRESS, "支援措置中の住所の表示", e)) != 0)
		return rc;
	if (!reason || !*reason)
		return err_set(e, TSU_EINVAL, "支援措置中の住所を表示する理由を入力してください");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = cf->address_masked ? reveal_read(db, cf, &address, &phone, e) : 0;
	detail = xasprintf("%s 理由: %s", model_nz(cf->c.case_no), reason);
	if (rc == 0)
		rc = model_audit(db, actor, "address.reveal", "household", cf->c.household_id,
		                 detail, e);
	free(detail);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && address) {
		free(cf->address);
		free(cf->phone);
		cf->address = address;
		cf->phone = phone;
		cf->address_masked = false;
		return 0;
	}
	free(address);
	free(phone);
	return rc;
}

/* ---- tags ------------------------------------------------------------------ */

static int tag_change(struct db *db, const struct staff *actor, int64_t case_id, const char *tag,
                      bool add, struct tsu_err *e)
{
	struct stmt *st = tri(db, add ? TRI_TAG_INSERT : TRI_TAG_DELETE, e);
	char *label;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	sql_bind_text(st, 2, tag);
	if ((rc = sql_run(db, st, e)) != 0)
		return rc;
	if (sql_changes(db) == 0) {
		label = codes_label(db, "tag", tag);
		rc = err_set(e, TSU_EINVAL,
		             add ? "タグ「%s」はすでに付いています" : "タグ「%s」は付いていません",
		             label);
		free(label);
		return rc;
	}
	return model_audit(db, actor, add ? "case.tag.add" : "case.tag.remove", "case", case_id,
	                   tag, e);
}

static int tag_set(struct db *db, const struct staff *actor, int64_t case_id, const char *tag,
                   bool add, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "タグの変更", e)) != 0)
		return rc;
	if (!tag || !*tag)
		return err_set(e, TSU_EINVAL, "タグが指定されていません");
	if (add && (rc = model_code(db, "tag", tag, "タグ", e)) != 0)
		return rc;
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = tag_change(db, actor, case_id, tag, add, e);
	return sql_tx_end(db, &tx, rc, e);
}

int casefile_tag_add(struct db *db, const struct staff *actor, int64_t case_id, const char *tag,
                     struct tsu_err *e)
{
	return tag_set(db, actor, case_id, tag, true, e);
}

int casefile_tag_remove(struct db *db, const struct staff *actor, int64_t case_id, const char *tag,
                        struct tsu_err *e)
{
	return tag_set(db, actor, case_id, tag, false, e);
}

int casefile_tags(struct db *db, const struct staff *actor, int64_t case_id, struct cf_tag **out,
                  size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "タグの閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = read_tags(db, case_id, out, n, e);
	if (rc == 0)
		rc = model_audit(db, actor, "case.tags", "case", case_id, NULL, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		cf_tags_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void cf_tags_free(struct cf_tag *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++) {
		free(t[i].code);
		free(t[i].label);
	}
	free(t);
}

/* ---- saving with both versions on a conflict --------------------------------- */

int casefile_save(struct db *db, const struct staff *actor, struct case_rec *mine,
                  struct case_rec *theirs, struct tsu_err *e)
{
	struct tsu_err e2 = {0};
	int rc;

	if (theirs)
		memset(theirs, 0, sizeof *theirs);
	rc = case_update(db, actor, mine, e);
	if (rc != TSU_ECONFLICT || !theirs)
		return rc;
	/* the stored row, for the screen's mine-or-theirs choice */
	if (case_get(db, actor, mine->id, theirs, &e2) != 0)
		err_prefix(e, "%s", e2.msg);
	return rc;
}

int casefile_save_mine(struct db *db, const struct staff *actor, struct case_rec *mine,
                       int64_t their_version, struct case_rec *theirs, struct tsu_err *e)
{
	int64_t was = mine->version;
	struct sql_tx tx;
	char *detail;
	int rc;

	if (theirs)
		memset(theirs, 0, sizeof *theirs);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "ケースの保存", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	mine->version = their_version;
	rc = case_update(db, actor, mine, e);
	if (rc == 0) {
		detail = xasprintf("%s 版 %lld を上書き (編集元の版 %lld)", model_nz(mine->case_no),
		                   (long long)their_version, (long long)was);
		rc = model_audit(db, actor, "case.overwrite", "case", mine->id, detail, e);
		free(detail);
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0)
		return 0;
	mine->version = was;
	if (rc == TSU_ECONFLICT && theirs) {
		struct tsu_err e2 = {0};

		if (case_get(db, actor, mine->id, theirs, &e2) != 0)
			err_prefix(e, "%s", e2.msg);
	}
	return rc;
}
