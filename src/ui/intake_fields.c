/* intake_fields.c: the fields of the intake form (相談・通告受付票) in the
 * order a worker meets them during a call, built at run time from the code
 * lists and the staff roster, and the mapping between the form widget and
 * the core's struct intake_form, which owns every rule. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_intake.h"
#include "tsunagu/codes.h"
#include "tsunagu/key.h"

static const struct field_choice intent_choices[] = {
    {"保護", "保護", "ほご"}, {"調査", "調査", "ちょうさ"}, {"相談", "相談", "そうだん"}};
static const struct field_choice urgent_choices[] = {{"1", "要", "よう"}, {"0", "不要", "ふよう"}};

static const char *keep(struct intake_layout *L, char *s)
{
	L->pool = xreallocarray(L->pool, L->npool + 1, sizeof *L->pool);
	L->pool[L->npool++] = s;
	return s;
}

static struct field_def *add(struct intake_layout *L, enum field_kind kind, const char *label,
                             struct intake_bind b)
{
	struct field_def *d;

	L->defs = xreallocarray(L->defs, L->n + 1, sizeof *L->defs);
	L->bind = xreallocarray(L->bind, L->n + 1, sizeof *L->bind);
	d = &L->defs[L->n];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->label = label;
	if (kind == FK_TEXTAREA)
		d->height = 3;
	L->bind[L->n++] = b;
	return d;
}

static struct intake_bind fb(enum intake_field k, const char *section, int group)
{
	return (struct intake_bind){IB_FIELD, k, -1, 0, NULL, section, group};
}

static void set_choices(struct intake_layout *L, struct field_def *d, struct field_choice *c,
                        size_t n)
{
	L->choices = xreallocarray(L->choices, L->nchoices + 1, sizeof *L->choices);
	L->choices[L->nchoices++] = c;
	d->choices = c;
	d->nchoices = n;
}

/* A code list as choices; route labels show both levels ("家族 > 虐待者本人"). */
static bool code_choices(struct ui *ui, struct intake_layout *L, struct field_def *d,
                         const char *list)
{
	struct tsu_err e = {0};
	struct code *codes;
	size_t n;
	struct field_choice *c;

	if (codes_list(ui->db, list, false, &codes, &n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "コード表 %s を読めません: %s", list, e.msg);
		return false;
	}
	c = xcalloc(n ? n : 1, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		char *label = NULL;

		for (size_t j = 0; j < n && *codes[i].parent && !strcmp(list, "route"); j++)
			if (!strcmp(codes[j].code, codes[i].parent))
				label = xasprintf("%s > %s", codes[j].label, codes[i].label);
		c[i].code = keep(L, xstrdup(codes[i].code));
		c[i].label = keep(L, label ? label : xstrdup(codes[i].label));
	}
	set_choices(L, d, c, n);
	codes_free(codes, n);
	return true;
}

static bool staff_choices(struct ui *ui, struct intake_layout *L, struct field_def *d)
{
	struct tsu_err e = {0};
	struct staff *s;
	size_t n;
	struct field_choice *c;

	if (staff_list(ui->db, false, &s, &n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "職員の一覧を読めません: %s", e.msg);
		return false;
	}
	c = xcalloc(n ? n : 1, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i].code = keep(L, xasprintf("%lld", (long long)s[i].id));
		c[i].label = keep(L, xstrdup(s[i].name));
	}
	set_choices(L, d, c, n);
	staff_list_free(s, n);
	return true;
}

static void text(struct intake_layout *L, enum intake_field k, const char *label,
                 const char *section, int width, int group)
{
	add(L, FK_TEXT, label, fb(k, section, group))->width = width;
}

static bool reception(struct ui *ui, struct intake_layout *L)
{
	struct field_def *d;

	d = add(L, FK_TEXT, "受付日時", fb(IF_RECEIVED_AT, "受付", -1));
	d->required = true;
	d->width = 20;
	d = add(L, FK_CODE, "受付者", (struct intake_bind){IB_STAFF, 0, -1, 0, NULL, NULL, -1});
	d->width = 16;
	if (!staff_choices(ui, L, d))
		return false;
	d = add(L, FK_CODE, "受付方法", fb(IF_CHANNEL, NULL, -1));
	d->width = 12;
	if (!code_choices(ui, L, d, "channel"))
		return false;
	d = add(L, FK_CODE, "相談経路", fb(IF_ROUTE, NULL, -1));
	d->width = 24;
	if (!code_choices(ui, L, d, "route"))
		return false;
	text(L, IF_CALLER_NAME, "氏名", "相談者・通告者 (家族には伝えない)", 0, -1);
	text(L, IF_CALLER_RELATION, "続柄・立場", NULL, 24, -1);
	text(L, IF_CALLER_CONTACT, "連絡先", NULL, 20, -1);
	add(L, FK_CHECK, "匿名", (struct intake_bind){IB_ANON, 0, -1, 0, NULL, NULL, -1});
	d = add(L, FK_RADIO, "相談意図", fb(IF_CALLER_INTENT, NULL, -1));
	d->choices = intent_choices;
	d->nchoices = 3;
	return true;
}

static bool child(struct ui *ui, struct intake_layout *L)
{
	struct field_def *d;

	add(L, FK_CHECK, "特定妊婦",
	    (struct intake_bind){IB_PREG, 0, -1, 0, NULL, "子ども (特定妊婦は妊婦本人)", -1});
	d = add(L, FK_TEXT, "氏名", fb(IF_CHILD_NAME, NULL, 0));
	d->required = true;
	d->width = 24;
	text(L, IF_CHILD_KANA, "ふりがな", NULL, 24, 0);
	d = add(L, FK_DATE, "生年月日", fb(IF_CHILD_BIRTH, NULL, 0));
	d->birth = true;
	d->width = 14;
	d = add(L, FK_RADIO, "性別", fb(IF_CHILD_SEX, NULL, -1));
	if (!code_choices(ui, L, d, "sex"))
		return false;
	text(L, IF_CHILD_ADDRESS, "住所", NULL, 0, -1);
	text(L, IF_CHILD_PHONE, "電話", NULL, 16, 0);
	text(L, IF_CHILD_SCHOOL, "所属 (学校等)", NULL, 24, -1);
	d = add(L, FK_DATE, "出産予定日", fb(IF_EXPECTED_DELIVERY, NULL, -1));
	d->width = 14;
	return true;
}

static bool members(struct ui *ui, struct intake_layout *L)
{
	static const char *const labels[IM__COUNT] = {"続柄", "氏名", "ふりがな", "生年月日・年齢",
	                                              "職業"};
	static const int widths[IM__COUNT] = {12, 24, 24, 14, 16};

	for (int i = 0; i < INTAKE_FORM_MEMBERS; i++) {
		const char *sec = keep(L, xasprintf("保護者・同居家族 %d", i + 1));

		for (int k = 0; k < IM__COUNT; k++) {
			struct intake_bind b = {
			    IB_MEMBER,
			    0,
			    i,
			    k,
			    NULL,
			    k == 0 ? sec : NULL,
			    k == IM_NAME || k == IM_KANA || k == IM_BIRTH ? i + 1 : -1};
			struct field_def *d =
			    add(L, k == IM_RELATION ? FK_CODE : FK_TEXT, labels[k], b);

			d->width = widths[k];
			if (k == IM_RELATION && !code_choices(ui, L, d, "relation"))
				return false;
		}
	}
	return true;
}

/* "保護の怠慢・拒否(ネグレクト)" -> "ネグレクト": the common name in brackets. */
static char *short_label(const char *label)
{
	const char *open = strchr(label, '('), *close = open ? strchr(open, ')') : NULL;

	if (open && close && close > open + 1)
		return xstrndup(open + 1, (size_t)(close - open - 1));
	return xstrdup(label);
}

static bool consultation(struct ui *ui, struct intake_layout *L)
{
	struct tsu_err e = {0};
	struct code *codes;
	struct field_def *d;
	size_t n;

	d = add(L, FK_CODE, "相談種別", fb(IF_CONSULT_TYPE, "相談内容", -1));
	d->required = true;
	d->width = 20;
	if (!code_choices(ui, L, d, "consult_type"))
		return false;
	if (codes_list(ui->db, "abuse_type", false, &codes, &n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "コード表 abuse_type を読めません: %s", e.msg);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		add(L, FK_CHECK, keep(L, short_label(codes[i].label)),
		    (struct intake_bind){IB_ABUSE, 0, -1, 0, keep(L, xstrdup(codes[i].code)), NULL,
		                         -1});
	codes_free(codes, n);
	d = add(L, FK_CODE, "主たる虐待者", fb(IF_MAIN_ABUSER, NULL, -1));
	d->width = 16;
	if (!code_choices(ui, L, d, "abuser"))
		return false;
	text(L, IF_COMPLAINT, "主訴", NULL, 0, -1);
	add(L, FK_TEXTAREA, "内容", fb(IF_NARRATIVE, NULL, -1))->height = 6;
	return true;
}

static void situation(struct intake_layout *L)
{
	struct field_def *d;

	add(L, FK_TEXTAREA, "子どもの状況", fb(IF_CHILD_SITUATION, "状況・希望", -1));
	add(L, FK_TEXTAREA, "家族の状況", fb(IF_FAMILY_SITUATION, NULL, -1));
	add(L, FK_TEXTAREA, "生活の状況", fb(IF_LIVING_SITUATION, NULL, -1));
	add(L, FK_TEXTAREA, "過去の相談歴", fb(IF_PAST, NULL, -1))->height = 2;
	add(L, FK_TEXTAREA, "子どもの希望", fb(IF_CHILD_WISHES, NULL, -1))->height = 2;
	add(L, FK_TEXTAREA, "保護者の希望", fb(IF_GUARDIAN_WISHES, NULL, -1))->height = 2;
	d = add(L, FK_RADIO, "緊急対応", (struct intake_bind){IB_URGENT, 0, -1, 0, NULL, NULL, -1});
	d->choices = urgent_choices;
	d->nchoices = 2;
}

bool intake_layout_build(struct ui *ui, struct intake_layout *L)
{
	memset(L, 0, sizeof *L);
	if (!reception(ui, L) || !child(ui, L) || !members(ui, L) || !consultation(ui, L)) {
		intake_layout_release(L);
		return false;
	}
	situation(L);
	return true;
}

void intake_layout_release(struct intake_layout *L)
{
	for (size_t i = 0; i < L->npool; i++)
		free(L->pool[i]);
	for (size_t i = 0; i < L->nchoices; i++)
		free(L->choices[i]);
	free(L->pool);
	free(L->choices);
	free(L->defs);
	free(L->bind);
	memset(L, 0, sizeof *L);
}

size_t intake_layout_find(const struct intake_layout *L, enum intake_bind_kind kind, int field,
                          int member, int mfield)
{
	for (size_t i = 0; i < L->n; i++) {
		const struct intake_bind *b = &L->bind[i];

		if (b->kind != kind)
			continue;
		if ((kind == IB_FIELD && b->field == field) ||
		    (kind == IB_MEMBER && b->member == member && b->mfield == mfield) ||
		    (kind != IB_FIELD && kind != IB_MEMBER))
			return i;
	}
	return L->n;
}

/* The value of a field as the core wants it: text, or the chosen code. */
static const char *value(const struct ui_field *f)
{
	switch (f->def->kind) {
	case FK_CODE:
	case FK_RADIO: return f->choice >= 0 ? f->def->choices[f->choice].code : "";
	default: return edit_text(&f->edit);
	}
}

void intake_layout_collect(const struct intake_layout *L, const struct ui_form *fm,
                           struct intake_form *out)
{
	struct sbuf abuse = {0};

	intake_form_init(out);
	for (size_t i = 0; i < L->n && i < fm->n; i++) {
		const struct intake_bind *b = &L->bind[i];
		const struct ui_field *f = &fm->f[i];

		switch (b->kind) {
		case IB_FIELD: intake_form_set(out, b->field, value(f)); break;
		case IB_MEMBER: intake_form_set_member(out, b->member, b->mfield, value(f)); break;
		case IB_STAFF: out->staff_id = f->choice >= 0 ? atoll(value(f)) : 0; break;
		case IB_ANON: out->anonymous = f->checked; break;
		case IB_PREG: out->pregnant = f->checked; break;
		case IB_URGENT: out->urgent = f->choice < 0 ? -1 : atoi(value(f)); break;
		case IB_ABUSE:
			if (f->checked)
				sbuf_addf(&abuse, "%s%s", abuse.len ? " " : "", b->code);
			break;
		}
	}
	intake_form_set(out, IF_ABUSE_TYPES, abuse.buf);
	sbuf_release(&abuse);
}

void intake_field_set(struct ui_field *f, const char *v)
{
	edit_set(&f->edit, v);
	if (f->def->kind == FK_DATE)
		field_date_update(f);
}

static void choose_code(struct ui_field *f, const char *code)
{
	f->choice = -1;
	for (size_t i = 0; i < f->def->nchoices; i++)
		if (!strcmp(f->def->choices[i].code, code))
			f->choice = (int)i;
	if (f->def->kind == FK_CODE)
		edit_set(&f->edit, f->choice >= 0 ? f->def->choices[f->choice].label : "");
	f->pick = f->choice >= 0 ? (size_t)f->choice : 0;
}

static bool has_code(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; (p = strstr(p, code)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

void intake_layout_apply(const struct intake_layout *L, struct ui_form *fm,
                         const struct intake_form *in)
{
	char id[32];

	for (size_t i = 0; i < L->n && i < fm->n; i++) {
		const struct intake_bind *b = &L->bind[i];
		struct ui_field *f = &fm->f[i];
		const char *v = b->kind == IB_FIELD ? intake_form_get(in, b->field)
		                : b->kind == IB_MEMBER
		                    ? intake_form_member(in, b->member, b->mfield)
		                    : "";

		switch (b->kind) {
		case IB_STAFF:
			snprintf(id, sizeof id, "%lld", (long long)in->staff_id);
			choose_code(f, id);
			break;
		case IB_ANON: f->checked = in->anonymous; break;
		case IB_PREG: f->checked = in->pregnant; break;
		case IB_URGENT: choose_code(f, in->urgent < 0 ? "" : in->urgent ? "1" : "0"); break;
		case IB_ABUSE:
			f->checked = has_code(intake_form_get(in, IF_ABUSE_TYPES), b->code);
			break;
		default:
			if (f->def->kind == FK_CODE || f->def->kind == FK_RADIO)
				choose_code(f, v);
			else
				intake_field_set(f, v);
		}
	}
}

static const struct ui_field *group_field(const struct intake_layout *L, const struct ui_form *fm,
                                          int group, int which)
{
	static const int child_fields[] = {IF_CHILD_NAME, IF_CHILD_KANA, IF_CHILD_BIRTH,
	                                   IF_CHILD_PHONE};
	static const int member_fields[] = {IM_NAME, IM_KANA, IM_BIRTH, -1};
	size_t i;

	if (group == 0)
		i = intake_layout_find(L, IB_FIELD, child_fields[which], -1, 0);
	else if (member_fields[which] < 0)
		return NULL;
	else
		i = intake_layout_find(L, IB_MEMBER, 0, group - 1, member_fields[which]);
	return i < fm->n ? &fm->f[i] : NULL;
}

static bool has_digits(const char *s, int min)
{
	char *d = key_digits(s);
	bool ok = d && (int)strlen(d) >= min;

	free(d);
	return ok;
}

char *intake_layout_query(const struct intake_layout *L, const struct ui_form *fm, int group,
                          bool kana_last)
{
	const struct ui_field *name = group_field(L, fm, group, 0);
	const struct ui_field *kana = group_field(L, fm, group, 1);
	const struct ui_field *birth = group_field(L, fm, group, 2);
	const struct ui_field *phone = group_field(L, fm, group, 3);
	const char *nm = name ? edit_text(&name->edit) : "",
	           *kn = kana ? edit_text(&kana->edit) : "";
	struct sbuf q = {0};

	sbuf_adds(&q, (kana_last && *kn) || !*nm ? kn : nm);
	if (birth && birth->date_ok)
		sbuf_addf(&q, " %s", edit_text(&birth->edit));
	if (phone && has_digits(edit_text(&phone->edit), SEARCH_MIN_DIGITS))
		sbuf_addf(&q, " %s", edit_text(&phone->edit));
	return sbuf_detach(&q);
}
