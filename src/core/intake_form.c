/* intake_form.c: the rule for a new intake typed during a call: what must be
 * there before it can be saved, how the typed receipt time is read, and the
 * one transaction that writes the child (or expectant mother), household,
 * household members, relations, the intake with its abuse types and the
 * protected caller record. Everything goes through the model functions,
 * which join this transaction through savepoints, so permission checks,
 * code checks and audit rows stay theirs; a failure anywhere undoes all. */
#include "tsunagu/intake_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/codes.h"
#include "tsunagu/date.h"
#include "tsunagu/intake.h"
#include "tsunagu/person.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

/* ---- checks ------------------------------------------------------------- */

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!strncmp(s, "\u3000", 3))
		return blank(s + 3);
	return *s == '\0';
}

static void add_issue(struct intake_form_issue **out, size_t *n, enum intake_field field,
                      int member, enum intake_member_field mfield, const char *msg)
{
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	(*out)[*n] = (struct intake_form_issue){field, member, mfield, xstrdup(msg)};
	(*n)++;
}

static void check_date(const char *v, enum intake_field k, struct intake_form_issue **out,
                       size_t *n)
{
	struct tsu_err e = {0};
	struct date d;

	if (!blank(v) && date_parse(v, &d, &e) != 0)
		add_issue(out, n, k, -1, 0, e.msg);
}

/* An age ("35", "35歳", full-width digits): its value, else -1. */
static int parse_age(const char *s)
{
	int age = 0, digits = 0;
	size_t i = 0, len = strlen(s);

	while (i < len) {
		uint32_t cp;
		bool ok;
		size_t k = utf8_decode(s + i, len - i, &cp, &ok);

		if (cp >= 0xff10 && cp <= 0xff19)
			cp -= 0xff10 - '0';
		if (cp >= '0' && cp <= '9' && digits < 3) {
			age = age * 10 + (int)(cp - '0');
			digits++;
		} else if (!(digits > 0 && i + k == len && cp == 0x6b73) && cp != ' ') { /* 歳 */
			return -1;
		}
		i += k;
	}
	return digits ? age : -1;
}

static void check_member(const struct intake_form *f, int i, struct intake_form_issue **out,
                         size_t *n)
{
	const char *birth = intake_form_member(f, i, IM_BIRTH);
	bool any = false;
	struct tsu_err e = {0};
	struct date d;

	for (int k = 0; k < IM__COUNT; k++)
		any |= !blank(intake_form_member(f, i, (enum intake_member_field)k));
	if (!any)
		return;
	if (blank(intake_form_member(f, i, IM_NAME)))
		add_issue(out, n, IF__COUNT, i, IM_NAME,
		          "氏名を入力してください (続柄などだけでは登録できません)");
	if (!blank(birth) && parse_age(birth) < 0 && date_parse(birth, &d, &e) != 0)
		add_issue(out, n, IF__COUNT, i, IM_BIRTH,
		          "生年月日 (R2.4.1 など) か年齢 (35歳) で入力してください");
}

size_t intake_form_check(const struct intake_form *f, struct intake_form_issue **out)
{
	const char *at = intake_form_get(f, IF_RECEIVED_AT);
	char norm[20];
	struct tsu_err e = {0};
	size_t n = 0;

	*out = NULL;
	if (blank(at))
		add_issue(out, &n, IF_RECEIVED_AT, -1, 0, "入力してください (必須)");
	else if (intake_form_datetime(at, norm, &e) != 0)
		add_issue(out, &n, IF_RECEIVED_AT, -1, 0, e.msg);
	if (!f->person_id && blank(intake_form_get(f, IF_CHILD_NAME)))
		add_issue(out, &n, IF_CHILD_NAME, -1, 0,
		          f->pregnant ? "特定妊婦の氏名を入力してください (必須)"
		                      : "入力してください (必須)");
	check_date(intake_form_get(f, IF_CHILD_BIRTH), IF_CHILD_BIRTH, out, &n);
	check_date(intake_form_get(f, IF_EXPECTED_DELIVERY), IF_EXPECTED_DELIVERY, out, &n);
	if (blank(intake_form_get(f, IF_CONSULT_TYPE)))
		add_issue(out, &n, IF_CONSULT_TYPE, -1, 0, "選んでください (必須)");
	for (int i = 0; i < INTAKE_FORM_MEMBERS; i++)
		check_member(f, i, out, &n);
	return n;
}

void intake_form_issues_free(struct intake_form_issue *is, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(is[i].msg);
	free(is);
}

/* ---- the receipt time --------------------------------------------------- */

/* "14:05", "１４：０５", "14時5分" -> hour and minute; false if not a time. */
static bool parse_time(const char *s, int *h, int *m)
{
	struct sbuf sb = {0};
	size_t i = 0, len = strlen(s);
	char tail;
	bool ok;
	int sec = 0, got;

	sbuf_adds(&sb, "");
	while (i < len) {
		uint32_t cp;
		bool valid;
		size_t k = utf8_decode(s + i, len - i, &cp, &valid);

		if (cp >= 0xff10 && cp <= 0xff1a)
			cp -= 0xff10 - '0';
		if (cp == 0x6642) /* 時 */
			cp = ':';
		if (cp != 0x5206 && cp < 0x80) /* 分 */
			sbuf_addc(&sb, (char)cp);
		else if (cp != 0x5206)
			sbuf_addc(&sb, '?');
		i += k;
	}
	got = sscanf(sb.buf, "%2d:%2d%c", h, m, &tail);
	if (got == 3 && tail == ':')
		got = sscanf(sb.buf, "%2d:%2d:%2d%c", h, m, &sec, &tail) == 3 ? 2 : 0;
	ok = got == 2 && *h >= 0 && *h < 24 && *m >= 0 && *m < 60 && sec >= 0 && sec < 60;
	sbuf_release(&sb);
	return ok;
}

/* Split at the last space (half or full width): date part and time part. */
static void split_last_space(const char *s, char **date, const char **time)
{
	const char *sp = strrchr(s, ' '), *fw = NULL, *p = s;

	while ((p = strstr(p, "\u3000"))) {
		fw = p;
		p += 3;
	}
	if (fw && (!sp || fw > sp)) {
		*date = xstrndup(s, (size_t)(fw - s));
		*time = fw + 3;
	} else if (sp) {
		*date = xstrndup(s, (size_t)(sp - s));
		*time = sp + 1;
	} else {
		*date = xstrdup(s);
		*time = NULL;
	}
}

int intake_form_datetime(const char *typed, char out[20], struct tsu_err *e)
{
	char *date = NULL, iso[16];
	const char *time = NULL;
	struct date d;
	int h = 0, m = 0, rc;

	if (!typed || blank(typed))
		return err_set(e, TSU_EINVAL, "受付日時が入力されていません");
	split_last_space(typed, &date, &time);
	if (time && !parse_time(time, &h, &m)) {
		free(date);
		date = xstrdup(typed);
		time = NULL;
	}
	rc = date_parse(date, &d, e);
	free(date);
	if (rc != 0)
		return err_set(e, TSU_EINVAL,
		               "受付日時「%s」が読めません (例: 2026-11-24 14:05, R8.11.24 14:05)",
		               typed);
	date_format_iso(d, iso, sizeof iso);
	snprintf(out, 20, "%.10s %02d:%02d", iso, h % 24, m % 60);
	return 0;
}

/* ---- saving ------------------------------------------------------------- */

/* "髙橋 陽翔" -> family "髙橋", given "陽翔" (first space, half or full width). */
static void split_name(const char *s, char **family, char **given)
{
	const char *sp = strchr(s, ' '), *fw = strstr(s, "\u3000");
	const char *cut = sp && (!fw || sp < fw) ? sp : fw;
	size_t skip = cut == fw && fw ? 3 : 1;

	if (!cut) {
		*family = xstrdup(s);
		*given = NULL;
		return;
	}
	*family = xstrndup(s, (size_t)(cut - s));
	*given = xstrdup(cut + skip);
}

/* A person from typed name, reading and birth; other fields set by caller. */
static void person_from(struct person *p, const char *name, const char *kana, const char *birth)
{
	struct tsu_err e = {0};

	memset(p, 0, sizeof *p);
	split_name(name, &p->family_name, &p->given_name);
	if (*kana)
		split_name(kana, &p->family_kana, &p->given_kana);
	if (*birth && date_parse(birth, &p->birth, &e) != 0)
		p->birth = (struct date){0, 0, 0};
}

static void person_free_names(struct person *p)
{
	free(p->family_name);
	free(p->given_name);
	free(p->family_kana);
	free(p->given_kana);
	free(p->note);
}

static int create_subject(struct db *db, const struct staff *actor, const struct intake_form *f,
                          int64_t hh, int64_t *id, struct tsu_err *e)
{
	struct person p;
	struct tsu_err pe = {0};
	int rc;

	person_from(&p, intake_form_get(f, IF_CHILD_NAME), intake_form_get(f, IF_CHILD_KANA),
	            intake_form_get(f, IF_CHILD_BIRTH));
	p.sex = (char *)intake_form_get(f, IF_CHILD_SEX);
	p.phone = (char *)intake_form_get(f, IF_CHILD_PHONE);
	p.school = (char *)intake_form_get(f, IF_CHILD_SCHOOL);
	if (f->pregnant && *intake_form_get(f, IF_EXPECTED_DELIVERY) &&
	    date_parse(intake_form_get(f, IF_EXPECTED_DELIVERY), &p.expected_delivery, &pe) != 0)
		p.expected_delivery = (struct date){0, 0, 0};
	rc = person_create(db, actor, &p, e);
	*id = p.id;
	person_free_names(&p);
	if (rc == 0 && hh)
		rc = household_add_member(db, actor, hh, *id, f->pregnant ? "SELF" : "CH", e);
	return rc;
}

/* The member's note: age when no birth date, and occupation. */
static char *member_note(const struct intake_form *f, int i)
{
	const char *birth = intake_form_member(f, i, IM_BIRTH);
	const char *job = intake_form_member(f, i, IM_OCCUPATION);
	int age = *birth ? parse_age(birth) : -1;
	struct sbuf sb = {0};

	if (age >= 0)
		sbuf_addf(&sb, "年齢 %d歳 (受付時)", age);
	if (*job)
		sbuf_addf(&sb, "%s職業: %s", sb.len ? " / " : "", job);
	return sb.len ? sbuf_detach(&sb) : NULL;
}

static int create_member(struct db *db, const struct staff *actor, const struct intake_form *f,
                         int i, int64_t hh, int64_t subject, struct tsu_err *e)
{
	const char *birth = intake_form_member(f, i, IM_BIRTH);
	const char *rel = intake_form_member(f, i, IM_RELATION);
	struct person p;
	int rc;

	person_from(&p, intake_form_member(f, i, IM_NAME), intake_form_member(f, i, IM_KANA),
	            parse_age(birth) >= 0 ? "" : birth);
	p.note = member_note(f, i);
	rc = person_create(db, actor, &p, e);
	if (rc == 0)
		rc = household_add_member(db, actor, hh, p.id, rel, e);
	if (rc == 0 && *rel)
		rc = relation_add(db, actor, p.id, subject, rel, NULL, NULL, e);
	if (rc != 0)
		err_prefix(e, "世帯員 %d (%s): ", i + 1, intake_form_member(f, i, IM_NAME));
	person_free_names(&p);
	return rc;
}

static bool has_members(const struct intake_form *f)
{
	for (int i = 0; i < INTAKE_FORM_MEMBERS; i++)
		if (!blank(intake_form_member(f, i, IM_NAME)))
			return true;
	return false;
}

static int persons_write(struct db *db, const struct staff *actor, const struct intake_form *f,
                         struct intake_saved *sv, struct tsu_err *e)
{
	struct household h = {0};
	int rc = 0;

	sv->person_id = f->person_id;
	sv->household_id = f->household_id;
	if (!sv->household_id && (!f->person_id || has_members(f))) {
		h.address = (char *)intake_form_get(f, IF_CHILD_ADDRESS);
		h.phone = (char *)intake_form_get(f, IF_CHILD_PHONE);
		if ((rc = household_create(db, actor, &h, e)) != 0)
			return rc;
		sv->household_id = h.id;
		if (f->person_id &&
		    (rc = household_add_member(db, actor, h.id, f->person_id,
		                               f->pregnant ? "SELF" : "CH", e)) != 0)
			return rc;
	}
	if (!f->person_id) {
		if ((rc = create_subject(db, actor, f, sv->household_id, &sv->person_id, e)) != 0)
			return rc;
		sv->persons_created++;
	}
	for (int i = 0; i < INTAKE_FORM_MEMBERS && rc == 0; i++) {
		if (blank(intake_form_member(f, i, IM_NAME)))
			continue;
		rc = create_member(db, actor, f, i, sv->household_id, sv->person_id, e);
		sv->persons_created += rc == 0;
	}
	return rc;
}

/* "【head】\ntext" parts joined by a blank line; NULL if all are empty. */
static char *compose(const struct intake_form *f, const enum intake_field *k, size_t n)
{
	struct sbuf sb = {0};

	for (size_t i = 0; i < n; i++) {
		const char *v = intake_form_get(f, k[i]);

		if (blank(v))
			continue;
		sbuf_addf(&sb, "%s【%s】\n%s", sb.len ? "\n\n" : "", intake_field_label(k[i]), v);
	}
	return sb.len ? sbuf_detach(&sb) : NULL;
}

/* route code of either level -> route1 (top) and route2 (detail). */
static int route_levels(struct db *db, const char *route, char **r1, char **r2, struct tsu_err *e)
{
	struct code c;
	int rc;

	*r1 = *r2 = NULL;
	if (!*route)
		return 0;
	if ((rc = codes_get(db, "route", route, &c, e)) != 0)
		return rc;
	if (*c.parent) {
		*r1 = xstrdup(c.parent);
		*r2 = xstrdup(route);
	} else {
		*r1 = xstrdup(route);
	}
	code_release(&c);
	return 0;
}

/* Space-separated codes -> an array (pointers into *buf, which is cut). */
static size_t split_codes(const char *s, char **buf, char ***out)
{
	size_t n = 0;
	char *p;

	*buf = p = xstrdup(s);
	*out = NULL;
	while (*p) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	return n;
}

static const enum intake_field situation_parts[] = {IF_CHILD_SITUATION, IF_FAMILY_SITUATION,
                                                    IF_LIVING_SITUATION};
static const enum intake_field wish_parts[] = {IF_CHILD_WISHES, IF_GUARDIAN_WISHES};

static int intake_write(struct db *db, const struct staff *actor, const struct intake_form *f,
                        struct intake_saved *sv, struct tsu_err *e)
{
	struct intake in = {0};
	struct intake_caller caller = {0};
	char at[20], *codes_buf = NULL;
	int rc;

	if ((rc = intake_form_datetime(intake_form_get(f, IF_RECEIVED_AT), at, e)) != 0 ||
	    (rc = route_levels(db, intake_form_get(f, IF_ROUTE), &in.route1, &in.route2, e)) != 0)
		goto out;
	in.received_at = at;
	in.staff_id = f->staff_id;
	in.channel = f->s[IF_CHANNEL];
	in.person_id = sv->person_id;
	in.household_id = sv->household_id;
	in.consult_type = f->s[IF_CONSULT_TYPE];
	in.n_abuse_types =
	    split_codes(intake_form_get(f, IF_ABUSE_TYPES), &codes_buf, &in.abuse_types);
	in.main_abuser = f->s[IF_MAIN_ABUSER];
	in.complaint = f->s[IF_COMPLAINT];
	in.narrative = f->s[IF_NARRATIVE];
	in.situation = compose(f, situation_parts, 3);
	in.wishes = compose(f, wish_parts, 2);
	in.past = f->s[IF_PAST];
	in.urgent = f->urgent == 1;
	caller.name = f->s[IF_CALLER_NAME];
	caller.relation = f->s[IF_CALLER_RELATION];
	caller.contact = f->s[IF_CALLER_CONTACT];
	caller.anonymous = f->anonymous;
	caller.intent = f->s[IF_CALLER_INTENT];
	rc = intake_create(db, actor, &in, &caller, &sv->intake_id, e);
out:
	free(in.route1);
	free(in.route2);
	free(in.situation);
	free(in.wishes);
	free(in.abuse_types);
	free(codes_buf);
	return rc;
}

/* The stored deadline, read back inside the transaction. */
static int read_back(struct db *db, const struct staff *actor, struct intake_saved *sv,
                     struct tsu_err *e)
{
	struct intake in;
	int rc = intake_get(db, actor, sv->intake_id, &in, e);

	if (rc != 0)
		return rc;
	sv->report = in.is_report;
	sv->safety_due = xstrdup(in.safety_due);
	intake_release(&in);
	return 0;
}

static int first_issue(const struct intake_form *f, struct tsu_err *e)
{
	struct intake_form_issue *is;
	size_t n = intake_form_check(f, &is);
	int rc = 0;

	if (n > 0) {
		if (is[0].member >= 0)
			rc = err_set(e, TSU_EINVAL, "世帯員 %d の%s: %s", is[0].member + 1,
			             intake_member_label(is[0].mfield), is[0].msg);
		else
			rc = err_set(e, TSU_EINVAL, "%s: %s", intake_field_label(is[0].field),
			             is[0].msg);
	}
	intake_form_issues_free(is, n);
	return rc;
}

int intake_save_new(struct db *db, const struct staff *actor, const struct intake_form *f,
                    struct intake_saved *out, struct tsu_err *e)
{
	struct intake_saved sv = {0};
	struct sql_tx tx;
	char detail[64];
	int rc;

	if (out)
		memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_WRITE_CASE, "受付の登録", e)) != 0 ||
	    (rc = first_issue(f, e)) != 0 || (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if ((rc = persons_write(db, actor, f, &sv, e)) == 0 &&
	    (rc = intake_write(db, actor, f, &sv, e)) == 0 &&
	    (rc = read_back(db, actor, &sv, e)) == 0) {
		snprintf(detail, sizeof detail, "新規登録 %d 人%s", sv.persons_created,
		         f->person_id ? " (既知の人に関連付け)" : "");
		rc = model_audit(db, actor, "intake.form", "intake", sv.intake_id, detail, e);
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && out)
		*out = sv;
	else
		intake_saved_release(&sv);
	return rc;
}

void intake_saved_release(struct intake_saved *s)
{
	if (!s)
		return;
	free(s->safety_due);
	memset(s, 0, sizeof *s);
}
