/* scr_juri.c: the 受理会議 form for one intake: accept or not; if not, the
 * outcome and where the family was referred; if so, the consultation type,
 * urgency, lead and team, how and by when the safety check happens, the
 * agencies to ask, a 送致 or 援助依頼 to the 児童相談所, and the 要対協
 * registration. Only the fields of the chosen answer are shown; what was
 * typed into the others is kept. Saving calls juri_decide (one transaction
 * in the core), shows the case number created or joined and offers the
 * assessment. */
#include <stdio.h>
#include <stdlib.h>

#include "cf_ui.h"
#include "tsunagu/codes.h"
#include "tsunagu/intake.h"
#include "tsunagu/person.h"
#include "tsunagu/text.h"
#include "tsunagu/triage.h"

enum {
	F_DECIDE,
	F_HELD,
	F_ATTEND,
	F_OUTCOME,
	F_REFER,
	F_TYPE,
	F_URGENCY,
	F_LEAD,
	F_TEAM,
	F_SMETHOD,
	F_SDUE,
	F_INVEST,
	F_CGC,
	F_CGC_REASON,
	F_REG,
	F_POLICY,
	F_MINUTES,
	F_COUNT
};

enum { D_ACCEPT, D_DECLINE };

static const struct field_choice decide_choices[] = {
    {"accept", "受理する", "じゅりする"},
    {"decline", "受理しない", "じゅりしない"},
};
static const struct field_choice urgency_choices[] = {
    {"", "なし", NULL}, {"AA", "AA", NULL}, {"A", "A", NULL}, {"B", "B", NULL}, {"C", "C", NULL},
};
static const struct field_choice cgc_choices[] = {
    {"", "なし", NULL},
    {"SOUCHI", "送致", NULL},
    {"ENJO", "援助依頼", NULL},
};

struct juri {
	struct ui *ui;
	struct intake in;
	char *title, *intro;
	struct cf_choices outcomes, types, staff, regs;
	struct field_def defs[F_COUNT];
	struct ui_field all[F_COUNT]; /* every field's state; the visible ones live in fm */
	size_t map[F_COUNT];          /* fm.f[i] is field map[i] */
	struct ui_form fm;
	int shown; /* the F_DECIDE choice the visible fields were built for */
};

static void build_defs(struct juri *j)
{
	struct field_def *d = j->defs;

	d[F_DECIDE] = (struct field_def){.kind = FK_RADIO,
	                                 .label = "決定",
	                                 .required = true,
	                                 .choices = decide_choices,
	                                 .nchoices = 2};
	d[F_HELD] = (struct field_def){.kind = FK_TEXT,
	                               .label = "会議日時",
	                               .required = true,
	                               .width = 20,
	                               .maxlen = 64,
	                               .validate = cf_datetime_check};
	d[F_ATTEND] =
	    (struct field_def){.kind = FK_TEXT, .label = "出席者 (、区切り)", .maxlen = 1000};
	d[F_OUTCOME] = (struct field_def){.kind = FK_CODE,
	                                  .label = "結果",
	                                  .required = true,
	                                  .width = 16,
	                                  .choices = j->outcomes.c,
	                                  .nchoices = j->outcomes.n};
	d[F_REFER] = (struct field_def){.kind = FK_TEXT, .label = "紹介先", .maxlen = 200};
	d[F_TYPE] = (struct field_def){.kind = FK_CODE,
	                               .label = "相談種別",
	                               .required = true,
	                               .width = 24,
	                               .choices = j->types.c,
	                               .nchoices = j->types.n};
	d[F_URGENCY] = (struct field_def){
	    .kind = FK_RADIO, .label = "緊急度", .choices = urgency_choices, .nchoices = 5};
	d[F_LEAD] = (struct field_def){.kind = FK_CODE,
	                               .label = "主担当",
	                               .required = true,
	                               .width = 20,
	                               .choices = j->staff.c,
	                               .nchoices = j->staff.n};
	d[F_TEAM] =
	    (struct field_def){.kind = FK_TEXT, .label = "チーム", .width = 20, .maxlen = 100};
	d[F_SMETHOD] = (struct field_def){
	    .kind = FK_TEXT, .label = "安全確認の方法", .width = 24, .maxlen = 200};
	d[F_SDUE] = (struct field_def){.kind = FK_TEXT,
	                               .label = "安全確認の期限",
	                               .width = 20,
	                               .maxlen = 64,
	                               .validate = cf_datetime_check};
	d[F_INVEST] = (struct field_def){
	    .kind = FK_TEXTAREA, .label = "調査先 (1行に1機関)", .height = 3, .maxlen = 2000};
	d[F_CGC] = (struct field_def){
	    .kind = FK_RADIO, .label = "児童相談所", .choices = cgc_choices, .nchoices = 3};
	d[F_CGC_REASON] = (struct field_def){.kind = FK_TEXT, .label = "依頼の理由", .maxlen = 500};
	d[F_REG] = (struct field_def){
	    .kind = FK_RADIO, .label = "要対協の登録", .choices = j->regs.c, .nchoices = j->regs.n};
	d[F_POLICY] =
	    (struct field_def){.kind = FK_TEXTAREA, .label = "方針", .height = 2, .maxlen = 2000};
	d[F_MINUTES] = (struct field_def){
	    .kind = FK_TEXTAREA, .label = "会議の記録", .height = 2, .maxlen = 4000};
}

static bool visible(int field, int decide)
{
	if (field == F_OUTCOME || field == F_REFER)
		return decide == D_DECLINE;
	if (field >= F_TYPE && field <= F_POLICY)
		return decide == D_ACCEPT;
	return true;
}

/* Move the visible fields' state back into all[] (fm.f only borrows it). */
static void sync_back(struct juri *j)
{
	for (size_t i = 0; i < j->fm.n; i++)
		j->all[j->map[i]] = j->fm.f[i];
}

/* Lay out the fields of the chosen answer, keeping focus on the same field. */
static void rebuild(struct juri *j)
{
	size_t focus_field = j->fm.n ? j->map[j->fm.focus] : F_DECIDE, n = 0;
	int decide;

	sync_back(j);
	decide = j->all[F_DECIDE].choice;
	free(j->fm.f);
	j->fm.f = xcalloc(F_COUNT, sizeof(*j->fm.f));
	j->fm.focus = 0;
	for (size_t f = 0; f < F_COUNT; f++) {
		if (!visible((int)f, decide))
			continue;
		if (f == focus_field)
			j->fm.focus = n;
		j->map[n] = f;
		j->fm.f[n++] = j->all[f];
	}
	j->fm.n = n;
	j->shown = decide;
}

static unsigned after_change(struct juri *j, unsigned rd)
{
	if (j->fm.n && j->fm.f[0].choice != j->shown) {
		rebuild(j);
		rd |= RD_ALL;
	}
	return rd;
}

/* "受付 12  2026-11-24 14:05 電話  髙橋 陽翔 (7)  児童虐待相談  主訴: ..." */
static void load_intro(struct juri *j)
{
	struct tsu_err e = {0};
	struct person p = {0};
	char *type = codes_label(j->ui->db, "consult_type", j->in.consult_type);
	char *channel = codes_label(j->ui->db, "channel", j->in.channel);
	char *child = NULL;

	if (j->in.person_id && person_get(j->ui->db, &j->ui->me, j->in.person_id, &p, &e) == 0) {
		int age = p.birth.y ? date_age(p.birth, ui_today(j->ui)) : -1;

		child = age >= 0 ? xasprintf("%s %s (%d)", p.family_name, p.given_name, age)
		                 : xasprintf("%s %s", p.family_name, p.given_name);
		person_release(&p);
	}
	j->title = xasprintf("受理会議  受付 %lld  %s", (long long)j->in.id,
	                     child ? child : "(子ども未登録)");
	/* a check already recorded is said as such, not as a deadline */
	j->intro = xasprintf("%.16s %s  %s%s  主訴: %s%s%.16s", j->in.received_at, channel, type,
	                     j->in.urgent ? "  [緊急]" : "", j->in.complaint,
	                     *j->in.safety_done_at ? "  安全確認済み "
	                     : *j->in.safety_due   ? "  安全確認期限 "
	                                           : "",
	                     *j->in.safety_done_at ? j->in.safety_done_at : j->in.safety_due);
	free(child);
	free(type);
	free(channel);
}

static void set_defaults(struct juri *j)
{
	char now[17];

	cf_now(now);
	cf_field_set_text(&j->all[F_HELD], now);
	cf_field_set_choice(&j->all[F_TYPE], cf_choice_find(&j->types, j->in.consult_type));
	cf_field_set_choice(&j->all[F_LEAD], cf_choice_find_id(&j->staff, j->ui->me.id));
	cf_field_set_choice(&j->all[F_URGENCY], 0);
	cf_field_set_choice(&j->all[F_CGC], 0);
	if (*j->in.safety_due && !*j->in.safety_done_at) {
		char due[17];

		snprintf(due, sizeof due, "%.16s", j->in.safety_due);
		cf_field_set_text(&j->all[F_SDUE], due);
	}
}

static int load(struct juri *j, int64_t intake_id)
{
	struct tsu_err e = {0};

	if (intake_get(j->ui->db, &j->ui->me, intake_id, &j->in, &e) != 0) {
		ui_message(j->ui, MSG_ERROR, "受付 %lld を開けません: %s", (long long)intake_id,
		           e.msg);
		return -1;
	}
	if (j->in.accepted >= 0) {
		ui_message(j->ui, MSG_WARN, "受付 %lld は受理会議で決定済みです (%s)",
		           (long long)intake_id, j->in.accepted ? "受理" : "不受理");
		return -1;
	}
	if (cf_choices_codes(j->ui, "intake_outcome", &j->outcomes) != 0 ||
	    cf_choices_codes(j->ui, "consult_type", &j->types) != 0 ||
	    cf_choices_codes(j->ui, "registration", &j->regs) != 0 ||
	    cf_choices_staff(j->ui, &j->staff) != 0)
		return -1;
	return 0;
}

static void juri_release(struct juri *j)
{
	sync_back(j);
	free(j->fm.f);
	for (size_t f = 0; f < F_COUNT; f++)
		if (j->all[f].def)
			field_release(&j->all[f]);
	cf_choices_release(&j->outcomes);
	cf_choices_release(&j->types);
	cf_choices_release(&j->staff);
	cf_choices_release(&j->regs);
	intake_release(&j->in);
	free(j->title);
	free(j->intro);
	free(j);
}

static int juri_init(struct screen *s, void *arg)
{
	struct juri *j = xcalloc(1, sizeof(*j));
	int label_w = 0;

	j->ui = s->ui;
	if (load(j, *(const int64_t *)arg) != 0) {
		juri_release(j);
		return -1;
	}
	build_defs(j);
	for (size_t f = 0; f < F_COUNT; f++) {
		int w = text_width(j->defs[f].label) + (j->defs[f].required ? 2 : 0);

		field_init(&j->all[f], &j->defs[f]);
		label_w = w > label_w ? w : label_w;
	}
	set_defaults(j);
	load_intro(j);
	j->fm.label_w = label_w + 1;
	j->fm.cy = j->fm.cx = -1;
	j->shown = -2;
	rebuild(j);
	s->data = j;
	return 0;
}

/* ---- saving ---------------------------------------------------------------- */

/* The live state of field f: in the form when shown, else in all[]. */
static struct ui_field *fld(struct juri *j, int f)
{
	for (size_t i = 0; i < j->fm.n; i++)
		if (j->map[i] == (size_t)f)
			return &j->fm.f[i];
	return &j->all[f];
}

static const char *text_of(struct juri *j, int f)
{
	return edit_text(&fld(j, f)->edit);
}

/* s without leading and trailing spaces (ASCII and U+3000), newly allocated. */
static char *trim(const char *s, size_t n)
{
	while (n && (*s == ' ' || (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3)))) {
		size_t k = *s == ' ' ? 1 : 3;

		s += k;
		n -= k;
	}
	while (n && (s[n - 1] == ' ' || (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))))
		n -= s[n - 1] == ' ' ? 1 : 3;
	return xasprintf("%.*s", (int)n, s);
}

/* Split s at any of the separators; the non-empty trimmed parts. */
static size_t split(const char *s, const char *const *seps, char ***out)
{
	size_t n = 0;

	*out = NULL;
	for (;;) {
		const char *end = s + strlen(s);
		size_t seplen = 0;
		char *part;

		for (const char *const *sp = seps; *sp; sp++) {
			const char *hit = strstr(s, *sp);

			if (hit && hit < end) {
				end = hit;
				seplen = strlen(*sp);
			}
		}
		part = trim(s, (size_t)(end - s));
		if (*part) {
			*out = xreallocarray(*out, n + 1, sizeof(char *));
			(*out)[n++] = part;
		} else {
			free(part);
		}
		if (!seplen)
			return n;
		s = end + seplen;
	}
}

static void free_parts(char **p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i]);
	free(p);
}

/* "佐藤花子" equals "佐藤 花子": names compared without spaces. */
static bool same_name(const char *a, const char *b)
{
	while (*a || *b) {
		if (*a == ' ') {
			a++;
		} else if (*b == ' ') {
			b++;
		} else if (*a++ != *b++) {
			return false;
		}
	}
	return true;
}

struct parts {
	char **attend, **invest;
	size_t n_attend, n_invest;
	int64_t *ids;
	const char **guests;
};

/* Attendees matching a staff member's name or login become staff ids; the
 * others are recorded as guests by name. */
static void people(struct juri *j, struct parts *p, struct juri_decision *d)
{
	static const char *const seps[] = {"、", ",", "，", "/", "・", NULL};
	static const char *const lines[] = {"\n", NULL};

	p->n_attend = split(text_of(j, F_ATTEND), seps, &p->attend);
	p->ids = xcalloc(p->n_attend + 1, sizeof(*p->ids));
	p->guests = xcalloc(p->n_attend + 1, sizeof(*p->guests));
	for (size_t i = 0; i < p->n_attend; i++) {
		size_t k = 0;

		while (k < j->staff.n && !same_name(j->staff.c[k].label, p->attend[i]) &&
		       strcmp(j->staff.c[k].code, p->attend[i]))
			k++;
		if (k < j->staff.n)
			p->ids[d->n_attendees++] = j->staff.ids[k];
		else
			p->guests[d->n_guests++] = p->attend[i];
	}
	d->attendees = p->ids;
	d->guests = p->guests;
	p->n_invest = split(text_of(j, F_INVEST), lines, &p->invest);
	d->investigate = (const char *const *)p->invest;
	d->n_investigate = p->n_invest;
}

static void parts_free(struct parts *p)
{
	free_parts(p->attend, p->n_attend);
	free_parts(p->invest, p->n_invest);
	free(p->ids);
	free(p->guests);
}

static const char *choice_code(struct juri *j, int f)
{
	struct ui_field *x = fld(j, f);
	const char *c = x->choice >= 0 ? x->def->choices[x->choice].code : NULL;

	return c && *c ? c : NULL;
}

static void fill_accept(struct juri *j, struct juri_decision *d, char due[17])
{
	int lead = fld(j, F_LEAD)->choice;

	d->consult_type = choice_code(j, F_TYPE);
	d->urgency = choice_code(j, F_URGENCY);
	d->lead_id = lead >= 0 ? j->staff.ids[lead] : 0;
	d->team = text_of(j, F_TEAM);
	d->safety_method = text_of(j, F_SMETHOD);
	d->safety_due = cf_datetime_parse(text_of(j, F_SDUE), due) ? due : NULL;
	d->cgc = choice_code(j, F_CGC);
	d->cgc_reason = text_of(j, F_CGC_REASON);
	d->registration = choice_code(j, F_REG);
	d->policy = text_of(j, F_POLICY);
}

/* A referral needs the agency: checked here so the message stands beside
 * the field. */
static int check_refer(struct juri *j)
{
	struct ui_field *f = fld(j, F_REFER);
	const char *outcome = choice_code(j, F_OUTCOME);
	char *t;

	if (j->shown != D_DECLINE || !outcome || strcmp(outcome, "REFER"))
		return 0;
	t = trim(edit_text(&f->edit), strlen(edit_text(&f->edit)));
	if (*t) {
		free(t);
		return 0;
	}
	free(t);
	free(f->error);
	f->error = xstrdup("他機関紹介では紹介先を入力してください");
	return 1;
}

static struct {
	char question[400];
	int64_t case_id, intake_id;
	struct confirm_arg ca;
} offer;

static unsigned offer_yes(struct ui *ui, void *arg)
{
	screen_pop(ui); /* the question */
	ui_push_assess(ui, offer.case_id, offer.intake_id);
	return RD_ALL;
}

static void done(struct ui *ui, const struct juri_decision *d, const struct juri_result *r)
{
	int64_t intake = d->intake_id;

	screen_pop(ui); /* frees the form */
	if (!d->accepted) {
		ui_message(ui, MSG_INFO, "受付 %lld を受理しないと記録しました", (long long)intake);
		return;
	}
	ui_message(ui, MSG_INFO, "受付 %lld を受理しました: ケース %s (%s)", (long long)intake,
	           r->case_no, r->joined ? "継続中のケースに追加" : "新規");
	snprintf(offer.question, sizeof offer.question,
	         "受理しました: ケース %s (%s)。続けて緊急度アセスメントを入力しますか?",
	         r->case_no, r->joined ? "継続中のケースに追加" : "新規作成");
	offer.case_id = r->case_id;
	offer.intake_id = intake;
	offer.ca =
	    (struct confirm_arg){offer.question, "アセスメントへ", "あとで", offer_yes, NULL};
	screen_push(ui, &confirm_screen, &offer.ca);
}

static unsigned juri_save(struct screen *s)
{
	struct juri *j = s->data;
	struct juri_decision d = {0};
	struct juri_result r;
	struct tsu_err e = {0};
	struct parts p = {0};
	char held[17] = "", due[17];
	int bad = form_validate(&j->fm) + check_refer(j);

	if (bad) {
		ui_message(s->ui, MSG_ERROR,
		           "入力に誤りがあります (%d 件)。欄の横の説明を見て直してください", bad);
		return RD_ALL;
	}
	cf_datetime_parse(text_of(j, F_HELD), held);
	d.intake_id = j->in.id;
	d.held_at = held;
	d.accepted = j->shown == D_ACCEPT;
	people(j, &p, &d);
	if (d.accepted) {
		fill_accept(j, &d, due);
	} else {
		d.outcome = choice_code(j, F_OUTCOME);
		d.referred_to = text_of(j, F_REFER);
	}
	d.minutes = text_of(j, F_MINUTES);
	if (juri_decide(s->ui->db, &s->ui->me, &d, &r, &e) != 0)
		ui_message(s->ui, MSG_ERROR, "記録できません: %s", e.msg);
	else
		done(s->ui, &d, &r); /* s is freed */
	parts_free(&p);
	return RD_ALL;
}

static void juri_draw(struct screen *s, struct ui_rect r)
{
	struct juri *j = s->data;
	char **lines;
	size_t n = text_wrap(j->intro, r.w - 2, &lines);
	int y = r.y + 1;

	draw_text(r.y, r.x, r.w, j->title, -1, ST_TITLE);
	for (size_t i = 0; i < n && i < 2; i++)
		draw_text(y++, r.x + 1, r.w - 1, lines[i], -1, ST_DIM);
	text_lines_free(lines, n);
	form_draw(&j->fm, (struct ui_rect){y + 1, r.x + 1, r.y + r.h - y - 1, r.w - 2});
}

static unsigned juri_command(struct screen *s, enum cmd_id id)
{
	struct juri *j = s->data;

	if (id == CMD_SAVE)
		return juri_save(s);
	return after_change(j, form_command(&j->fm, id));
}

static unsigned juri_key(struct screen *s, const struct ui_key *k)
{
	struct juri *j = s->data;

	return after_change(j, form_key(&j->fm, k));
}

static unsigned juri_contexts(struct screen *s)
{
	return form_contexts(&((struct juri *)s->data)->fm);
}

static const char *juri_help(struct screen *s)
{
	return "受理会議の決定を記録します。「決定」で受理する・しないを選ぶと、"
	       "それに必要な欄が表示されます (入力済みの内容は残ります)。"
	       "受理するとケースを作成するか、同じ子どもの継続中のケースに加えます。"
	       "日時は R8.11.24 16:00 や 2026-11-24 16:00 の形で入力します。"
	       "出席者は職員名を「、」で区切って入力します (職員以外の名前はそのまま記録します)。"
	       "F9 または Ctrl-S で記録します。";
}

static void juri_free(struct screen *s)
{
	juri_release(s->data);
}

static bool juri_unsaved(struct screen *s)
{
	return ((struct juri *)s->data)->fm.dirty;
}

static bool juri_position(struct screen *s, size_t *n, size_t *total)
{
	struct juri *j = s->data;

	*n = j->fm.focus + 1;
	*total = j->fm.n;
	return true;
}

static bool juri_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct juri *)s->data)->fm, y, x);
}

static const struct screen_ops juri_screen = {
    .title = "受理会議",
    .init = juri_init,
    .draw = juri_draw,
    .key = juri_key,
    .command = juri_command,
    .contexts = juri_contexts,
    .help = juri_help,
    .free = juri_free,
    .has_unsaved = juri_unsaved,
    .position = juri_position,
    .cursor = juri_cursor,
};

int ui_push_juri(struct ui *ui, int64_t intake_id)
{
	if (!ui_can(ui, PERM_DECIDE)) {
		ui_message(ui, MSG_ERROR,
		           "受理会議の記録には決定の権限が必要です (あなたの役割: %s)",
		           staff_role_label(ui->me.role));
		return -1;
	}
	return screen_push(ui, &juri_screen, &intake_id);
}
