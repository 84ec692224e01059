/* gen_caseload.c: the synthetic caseload of gen_fill: for a share of the
 * households, intakes over the fiscal years of the history (reports by
 * route, with the reporter in the protected caller table; consultations by
 * a parent), cases for the accepted ones with status and registration
 * history, safety checks after reports, and progress notes.
 *
 * Consistency is the point of a demo database: the text follows the family
 * (gen_text.c), a child is the subject only of what happened after it was
 * born, a case's notes run from its opening to its closure.
 *
 * Every household with a caseload is dealt a scenario (closed long ago, open
 * under support, review overdue, report awaiting its safety check, ...).
 * The first twenty follow a fixed deck so that even a demo of a few hundred
 * households shows every state; after that they are drawn by weights that
 * keep the recent states as rare as they are in a real centre. The plan
 * comes first, because the persons' rows need some of it (a mother expecting
 * a child, a family that moved away); the rows are written after all
 * households, sorted by time, so that ids and case numbers follow the
 * calendar the way case_create would have numbered them (gen_write.c). */
#include <stdlib.h>
#include <string.h>

#include "gen_priv.h"
#include "model.h"
#include "tsunagu/util.h"

/* The first twenty households with a caseload, in order: 7 closed, 4 open,
 * 2 overdue for review, 2 not accepted, and one each of the rarer states. */
static const int deck[20] = {EK_CLOSED,   EK_OPEN,   EK_PENDING,      EK_CLOSED,  EK_OPEN,
                             EK_NOTACC,   EK_CLOSED, EK_OVERDUE,      EK_CLOSED,  EK_OPEN,
                             EK_RECENT,   EK_CLOSED, EK_PENDING_CASE, EK_OPEN,    EK_CLOSED,
                             EK_PREGNANT, EK_TODAY,  EK_CLOSED,       EK_OVERDUE, EK_NOTACC};

/* Per 10,000 households with a caseload, after the deck. */
static const uint64_t kind_cum[EK__COUNT] = {5430, 7730, 8230, 9530, 9536, 9538, 9688, 9700, 10000};

static long eldest_birth(const struct gen_household *hh)
{
	long e = -1;

	for (size_t i = 0; i < hh->n; i++)
		if (hh->member[i].rel == GEN_REL_CHILD &&
		    (e < 0 || date_to_days(hh->member[i].birth) < e))
			e = date_to_days(hh->member[i].birth);
	return e;
}

/* A mother of 18..42 on the reference date who could be expecting. */
static int expecting(const struct gen_household *hh, long ref)
{
	for (size_t i = 0; i < hh->n; i++) {
		const struct gen_person *p = &hh->member[i];
		int age = date_age(p->birth, date_from_days(ref));
		if ((p->rel == GEN_REL_MOTHER || p->rel == GEN_REL_STEPMOTHER) && age >= 18 &&
		    age <= 42)
			return (int)i;
	}
	return -1;
}

static const char *const reasons[] = {"SOLVED", "STABLE", "AGE",    "MOVED", "SENT",
                                      "OTHAGY", "LOST",   "REFUSE", "OTHER"};
static const uint64_t reason_cum[] = {35, 60, 65, 75, 83, 90, 94, 98, 100};

static void plan_last(struct gen_ctx *g, struct gen_hplan *hp, int kind, long lo)
{
	struct gen_rng *r = &hp->r;
	long ref = g->ref, d, day = ref, end = -1;

	switch (kind) {
	case EK_CLOSED:
		d = gen_rng_normal(r, 230, 160, 14, 1000);
		if (ref - 15 - d <= lo)
			d = (ref - 15 - lo) / 2 > 14 ? (ref - 15 - lo) / 2 : 14;
		day = office_day(pick_between(r, lo, ref - 15 - d));
		end = office_day(day + d);
		end = end > ref - 1 ? ref - 1 : end < day + 1 ? day + 1 : end;
		hp->reason = reasons[gen_rng_pick(r, reason_cum, 9)];
		hp->moved = strcmp(hp->reason, "MOVED") == 0;
		break;
	case EK_OPEN:
		day = office_day(pick_between(r, ref - 730 > lo ? ref - 730 : lo, ref - 30));
		break;
	case EK_OVERDUE:
		day = office_day(pick_between(r, ref - 900 > lo ? ref - 900 : lo,
		                              ref - g->cycle_months * 31 - 5));
		break;
	case EK_NOTACC: day = office_day(pick_between(r, lo, ref - 1)); break;
	case EK_PENDING: day = ref - 1; break;
	case EK_PENDING_CASE: day = ref - gen_rng_range(r, 3, 5); break;
	case EK_RECENT: day = ref - gen_rng_range(r, 2, 14); break;
	case EK_PREGNANT:
		hp->expected_day = ref + gen_rng_range(r, 20, 200);
		day = office_day(pick_between(
		    r, hp->expected_day - 210 > ref - 150 ? hp->expected_day - 210 : ref - 150,
		    ref - 10));
		break;
	default: break; /* EK_TODAY: the reference day */
	}
	hp->spec_kind[0] = kind;
	hp->spec_day[0] = day < lo && kind != EK_PREGNANT ? lo : day;
	hp->spec_end[0] = end;
	hp->nspec = 1;
}

/* Earlier episodes, each closed (or not accepted) before the next began. */
static void plan_earlier(struct gen_ctx *g, struct gen_hplan *hp, long lo)
{
	struct gen_rng *r = &hp->r;
	int n = gen_rng_chance(r, 0.22) ? (gen_rng_chance(r, 0.3) ? 2 : 1) : 0;

	for (int i = 0; i < n; i++) {
		long next = hp->spec_day[hp->nspec - 1], day, end = -1;
		if (next - 90 <= lo)
			break;
		day = office_day(pick_between(r, lo, next - 90));
		if (day < lo)
			break;
		if (gen_rng_chance(r, 0.7)) {
			end = office_day(day + gen_rng_normal(r, 150, 90, 14, 900));
			if (end > next - 30)
				end = next - 30 > day + 1 ? next - 30 : day + 1;
		}
		/* shift the later ones up: the array stays in time order */
		memmove(hp->spec_day + 1, hp->spec_day, sizeof(long) * (size_t)hp->nspec);
		memmove(hp->spec_end + 1, hp->spec_end, sizeof(long) * (size_t)hp->nspec);
		memmove(hp->spec_kind + 1, hp->spec_kind, sizeof(int) * (size_t)hp->nspec);
		hp->spec_day[0] = day;
		hp->spec_end[0] = end;
		hp->spec_kind[0] = end >= 0 ? EK_CLOSED : EK_NOTACC;
		hp->nspec++;
	}
}

void gen_caseload_plan(struct gen_ctx *g, uint64_t h, const struct gen_household *hh,
                       struct gen_hplan *hp)
{
	struct gen_load *L = g->load;
	long eldest = eldest_birth(hh), lo;
	int kind;

	memset(hp, 0, sizeof *hp);
	hp->h = h;
	hp->pregnant = -1;
	hp->first_day = -1;
	gen_rng_seed_stream(&hp->r, g->seed, GEN_STREAM_CASELOAD | h);
	if (gen_rng_below(&hp->r, 1000) >= (uint64_t)g->permille || eldest < 0)
		return;
	lo = eldest + 60 > g->start ? eldest + 60 : g->start;
	if (lo >= g->ref - 45)
		return; /* only a newborn: nothing has happened yet */
	kind = L->k < 20 ? deck[L->k] : (int)gen_rng_pick(&hp->r, kind_cum, EK__COUNT);
	L->k++;
	if (kind == EK_TODAY && g->now < at(g->ref, 9 * 60 + 30))
		kind = EK_PENDING; /* nothing can have come in yet today */
	if (kind == EK_PREGNANT && (hp->pregnant = expecting(hh, g->ref)) < 0)
		kind = EK_OPEN;
	if (kind == EK_OVERDUE && lo > g->ref - g->cycle_months * 31 - 5)
		kind = EK_OPEN;
	hp->active = true;
	hp->scenario = kind;
	plan_last(g, hp, kind, lo);
	plan_earlier(g, hp, lo);
	hp->first_day = hp->spec_day[0];
}

static struct gen_case *new_case(struct gen_load *L)
{
	L->cs = grow(L->cs, &L->capcs, L->ncs, sizeof *L->cs);
	memset(&L->cs[L->ncs], 0, sizeof *L->cs);
	return &L->cs[L->ncs++];
}

static void hist(struct gen_case *c, long long t, const char *field, const char *old,
                 const char *new, const char *reason, const char *why)
{
	if (c->nhist < 6)
		c->hist[c->nhist++] = (struct gen_event){t, field, old, new, reason, why};
}

static const char *why_closed(const char *reason)
{
	static const char *const why[][2] = {
	    {"SOLVED", "主訴が解消し、関係機関の見守りで足りると判断"},
	    {"STABLE", "家庭環境が安定し、支援の必要性が低下"},
	    {"AGE", "本児が18歳に達したため"},
	    {"MOVED", "転出に伴い転出先の市町村へケース移管"},
	    {"SENT", "重篤化のおそれがあり児童相談所へ送致"},
	    {"OTHAGY", "障害福祉の相談支援事業所へ引継ぎ"},
	    {"LOST", "転居先不明、連絡が途絶"},
	    {"REFUSE", "保護者が支援を拒否、関係機関の見守りに移行"},
	    {"OTHER", "その他 (ケース検討会議で終結を決定)"}};

	for (size_t i = 0; i < sizeof why / sizeof why[0]; i++)
		if (strcmp(why[i][0], reason) == 0)
			return why[i][1];
	return NULL;
}

/* Status path ACC -> INV -> ASM -> SUP (-> closing), each step on a working
 * day before the end, and the 要対協 registration at a later meeting. */
static void case_story(struct gen_ctx *g, struct gen_rng *r, struct gen_case *c, long end)
{
	static const char *const path[] = {"ACC", "INV", "ASM", "SUP"};
	long day = (long)(c->opened / GEN_DAY_MIN), reg_day;
	const char *reg = c->registration;

	c->status = "ACC";
	c->registration = "N";
	for (int i = 1; i < 4; i++) {
		day = office_day(day + (i == 1 ? gen_rng_range(r, 0, 2) : gen_rng_range(r, 6, 25)));
		if (at(day, 17 * 60 + 30) >= at(end, 0) || at(day, 17 * 60 + 30) >= g->now)
			break;
		hist(c, at(day, office_minute(r)), "status", c->status, path[i], NULL, NULL);
		c->status = path[i];
	}
	reg_day = office_day((long)(c->opened / GEN_DAY_MIN) + gen_rng_range(r, 7, 45));
	if (strcmp(reg, "N") != 0 && reg_day < end && at(reg_day, 17 * 60 + 30) < g->now) {
		hist(c, at(reg_day, 15 * 60), "registration", "N", reg, NULL,
		     "要保護児童対策地域協議会 実務者会議で登録");
		c->registration = reg;
	}
}

static void case_close(struct gen_ctx *g, struct gen_rng *r, struct gen_case *c, long end,
                       const char *reason)
{
	struct date d25 = model_add_months(date_from_days(c->birth), 12 * g->retention_age);
	long dispose = date_to_days(d25);

	if (strcmp(reason, "AGE") == 0 &&
	    date_age(date_from_days(c->birth), date_from_days(end)) < 17)
		reason = "SOLVED";
	c->closed = end;
	c->reason = reason;
	c->dispose = dispose > end ? dispose : end;
	hist(c, at(end, office_minute(r)), "status", c->status,
	     strcmp(reason, "MOVED") == 0  ? "MOV"
	     : strcmp(reason, "SENT") == 0 ? "SND"
	                                   : "END",
	     reason, why_closed(reason));
	c->status = c->hist[c->nhist - 1].new;
}

/* Review dates: opened + k cycles. The next one due after `after`, or for an
 * overdue case the last one before the reference date. */
static long review_after(const struct gen_case *c, long after, bool overdue)
{
	struct date o = date_from_days((long)(c->opened / GEN_DAY_MIN));
	long prev = -1;

	for (int k = 1; k < 400; k++) {
		long d = date_to_days(model_add_months(o, k * c->cycle));
		if (d >= after)
			return overdue && prev >= 0 ? prev : d;
		prev = d;
	}
	return prev;
}

static void add_note(struct gen_load *L, int ci, long long t, int64_t staff, const char *kind,
                     const char *content, const char *counterpart, const char *source)
{
	struct gen_note *n;

	L->nt = grow(L->nt, &L->capnt, L->nnt, sizeof *L->nt);
	n = &L->nt[L->nnt++];
	*n =
	    (struct gen_note){t, ci, (int)L->nnt, staff, kind, content, counterpart, source, false};
	n->restricted = strcmp(kind, "AGENCY") == 0 && has(content, "警察");
}

static const char *school_of(const struct fam *f, bool current)
{
	const char *s = f->hh->member[f->subject].school;

	return current && s ? s : gen_fam_grade(f) >= 1 ? "学校" : "保育所";
}

/* One ordinary note on day: kind by weight, phrase that fits. */
static void note_on(struct gen_ctx *g, struct gen_rng *r, int ci, long day, const struct fam *f,
                    bool current, int64_t lead)
{
	static const uint64_t cum[] = {30, 60, 85, 100};
	struct gen_load *L = g->load;
	const char *mother = f->mother >= 0 ? "母" : "父", *s;
	long long t = at(day, office_minute(r));

	switch (gen_rng_pick(r, cum, 4)) {
	case 0:
		add_note(L, ci, t, lead, "HOME", gen_phrase_fit(L, r, PK_HOME, NULL, f), mother,
		         gen_rng_chance(r, 0.7) ? "STAFF" : "FAMILY");
		break;
	case 1:
		s = gen_phrase_fit(L, r, PK_TEL, NULL, f);
		add_note(L, ci, t, lead, "TEL", s, gen_counterpart(s, f), "FAMILY");
		break;
	case 2:
		s = gen_phrase_fit(L, r, PK_AGENCY, NULL, f);
		add_note(L, ci, t, lead, has(s, "会議") ? "MEET" : "AGENCY", s,
		         has(s, "学校") || has(s, "保育所") ? school_of(f, current) : NULL,
		         "AGENCY");
		break;
	default:
		s = gen_phrase_fit(L, r, PK_VISIT, NULL, f);
		add_note(L, ci, t, lead, "VISIT", s, gen_counterpart(s, f),
		         has(s, "本児") && !has(s, "母") ? "SELF" : "FAMILY");
	}
}

/* Notes from the case's opening to its end: close together at first, then
 * sparser; some open cases fall silent for months (the known failure the
 * home screen shows); reviews of registered cases leave a meeting note. */
static void case_notes(struct gen_ctx *g, uint64_t stream, int ci, const struct fam *f, long end,
                       bool overdue)
{
	struct gen_case *c = &g->load->cs[ci];
	long open = (long)(c->opened / GEN_DAY_MIN), day = open, last = end - 1;
	bool current = c->closed < 0, stale = false;
	struct fam nf = *f;
	struct gen_rng r;

	gen_rng_seed_stream(&r, g->seed, GEN_STREAM_NOTES | stream);
	if (current && gen_rng_chance(&r, 0.12)) {
		last = g->ref - gen_rng_range(&r, 61, 150);
		stale = true;
	}
	for (int n = 0; n < 80; n++) {
		long age = day - open;
		day = next_office_day(day + (age < 30    ? gen_rng_normal(&r, 6, 3, 1, 14)
		                             : age < 180 ? gen_rng_normal(&r, 18, 9, 3, 45)
		                                         : gen_rng_normal(&r, 32, 14, 5, 75)));
		if (day > last || at(day, 17 * 60 + 30) > g->now)
			break;
		nf.day = day; /* the child grows up during a long case */
		note_on(g, &r, ci, day, &nf, current, c->lead_id);
	}
	if (strcmp(c->registration, "N") == 0)
		return;
	for (int k = 1; k < 200; k++) {
		long d =
		    office_day(date_to_days(model_add_months(date_from_days(open), k * c->cycle)));
		if (d >= end || at(d, 17 * 60 + 30) > g->now || (overdue && d >= c->next_review) ||
		    (stale && d > last))
			break;
		add_note(g->load, ci, at(d, 14 * 60), c->lead_id, "MEET",
		         "要対協の実務者会議で進行管理。現状維持で継続。", "実務者会議", "STAFF");
	}
}

static void close_note(struct gen_ctx *g, struct gen_rng *r, int ci)
{
	struct gen_case *c = &g->load->cs[ci];
	long long t = c->hist[c->nhist - 1].at;

	if (strcmp(c->status, "SND") == 0)
		add_note(g->load, ci, t, c->lead_id, "SEND",
		         "児童相談所へ事案を送致 (送致書を送付)。", "児童相談所", "STAFF");
	else if (strcmp(c->status, "MOV") == 0)
		add_note(g->load, ci, t, c->lead_id, "AGENCY",
		         gen_phrase_fit(g->load, r, PK_AGENCY, "移管", NULL), "転出先の市町村",
		         "AGENCY");
	else
		add_note(g->load, ci, t, c->lead_id, "MEET", "ケース検討会議で終結を決定。",
		         "ケース検討会議", "STAFF");
}

static const char *registration_of(struct gen_rng *r, int kind)
{
	static const char *const regs[] = {"P", "S", "N"};
	static const uint64_t cum[] = {40, 72, 100}, overdue_cum[] = {55, 100, 100};

	if (kind == EK_PREGNANT)
		return "T";
	return regs[gen_rng_pick(r, kind == EK_OVERDUE ? overdue_cum : cum, 3)];
}

static int cycle_of(const struct gen_ctx *g, struct gen_rng *r, const char *reg, int kind)
{
	int c = g->cycle_months;

	if (kind == EK_OVERDUE || strcmp(reg, "P") == 0 || strcmp(reg, "T") == 0)
		return c;
	if (strcmp(reg, "S") == 0)
		return gen_rng_chance(r, 0.3) && c < 12 ? c + 1 : c;
	return c < 6 ? 6 : c;
}

static void case_tags(struct gen_case *c, const struct gen_intake *in, const struct fam *f)
{
	const char *s = in->complaint;

	if (f->hh->address_secret || has(s, "DV") || has(s, "暴力") || has(s, "夫婦げんか") ||
	    has(s, "殴られ"))
		c->tags[c->ntags++] = "DV";
	if (strcmp(c->consult, "IS2") == 0 || has(s, "欠席") || has(s, "登校しない"))
		c->tags[c->ntags++] = "TRUANT";
	if (c->ntags < 2 && has(s, "世話をして"))
		c->tags[c->ntags++] = "YC";
	if (c->ntags < 2 && (has(s, "生活費") || has(s, "食事を十分")))
		c->tags[c->ntags++] = "POVERTY";
}

/* The case an accepted intake opens, its story, notes and closure. */
static void episode_case(struct gen_ctx *g, struct gen_hplan *hp, int i, struct gen_intake *in,
                         const struct fam *f)
{
	struct gen_rng *r = &hp->r;
	int kind = hp->spec_kind[i], ci = (int)g->load->ncs;
	long day = (long)(in->recv / GEN_DAY_MIN), end = hp->spec_end[i], opened;
	struct gen_case *c = new_case(g->load);
	bool overdue = kind == EK_OVERDUE;

	opened =
	    next_office_day(day + (in->report ? gen_rng_range(r, 0, 1) : gen_rng_range(r, 1, 7)));
	c->opened = at(opened, office_minute(r));
	if (c->opened <= in->recv || c->opened >= g->now)
		c->opened = in->recv + 30;
	if (kind == EK_CLOSED && end <= (long)(c->opened / GEN_DAY_MIN))
		end = (long)(c->opened / GEN_DAY_MIN) + 1;
	c->subject_id = in->subject_id;
	c->household_id = in->household_id;
	c->birth = date_to_days(f->hh->member[f->subject].birth);
	c->consult = in->consult;
	memcpy(c->abuse, in->abuse, sizeof c->abuse);
	c->nabuse = in->nabuse;
	c->lead_id = gen_worker(g, r);
	c->registration = registration_of(r, kind);
	c->cycle = cycle_of(g, r, c->registration, kind);
	c->closed = c->dispose = -1;
	case_story(g, r, c, kind == EK_CLOSED ? end : g->ref + 1);
	if (kind == EK_CLOSED) {
		const char *reason = i == hp->nspec - 1 ? hp->reason : NULL;
		while (!reason || (i < hp->nspec - 1 && strcmp(reason, "MOVED") == 0))
			reason = reasons[gen_rng_pick(r, reason_cum, 9)];
		case_close(g, r, c, end, reason);
	}
	c->next_review = review_after(c, c->closed >= 0 ? c->closed : g->ref, overdue);
	case_tags(c, in, f);
	in->case_idx = ci;
	in->accepted = 1;
	in->check_staff = c->lead_id;
	if (in->done >= 0)
		add_note(g->load, ci, in->done, c->lead_id, "HOME",
		         gen_phrase_fit(g->load, r, PK_HOME, "確認", f),
		         f->mother >= 0 ? "母" : "父", "STAFF");
	else if (in->report && in->recv + 24 * 60 < g->now)
		add_note(g->load, ci, in->recv + 24 * 60, c->lead_id, "HOME",
		         gen_phrase_fit(g->load, r, PK_HOME, "応答なし", NULL), NULL, "STAFF");
	case_notes(g, (hp->h << 2) | (uint64_t)i, ci, f, c->closed >= 0 ? c->closed : g->ref + 1,
	           overdue);
	if (c->closed >= 0)
		close_note(g, r, ci);
}

static struct gen_intake *new_intake(struct gen_load *L)
{
	struct gen_intake *in;

	L->in = grow(L->in, &L->capin, L->nin, sizeof *L->in);
	in = &L->in[L->nin++];
	memset(in, 0, sizeof *in);
	in->case_idx = in->accepted = -1;
	in->due = in->done = -1;
	return in;
}

static void episode(struct gen_ctx *g, struct gen_hplan *hp, int i, const struct gen_household *hh,
                    int64_t hid, const int64_t *ids)
{
	struct gen_rng *r = &hp->r;
	int kind = hp->spec_kind[i];
	struct gen_intake *in;
	struct fam f;
	char fy[32];

	gen_fam_init(&f, hh);
	f.day = hp->spec_day[i];
	f.pregnant = kind == EK_PREGNANT;
	f.subject = f.pregnant ? hp->pregnant : gen_pick_child(r, hh, f.day);
	if (f.subject < 0)
		return;
	in = new_intake(g->load);
	in->household_id = hid;
	in->subject_id = ids[f.subject];
	in->staff_id = in->check_staff = gen_worker(g, r);
	if (f.pregnant)
		gen_intake_pregnant(g, r, in, &f, hp->expected_day);
	else if (kind == EK_PENDING || kind == EK_PENDING_CASE || kind == EK_RECENT ||
	         kind == EK_TODAY || (kind != EK_NOTACC && gen_rng_chance(r, 0.5)))
		gen_intake_report(g, r, in, &f);
	else
		gen_intake_consult(g, r, in, &f);
	in->recv = gen_receive_time(g, r, in, f.day);
	if (i > 0)
		in->past = xasprintf(
		    "過去に相談歴あり (%s受付)",
		    date_format_fiscal_year(date_fiscal_year(date_from_days(hp->spec_day[i - 1])),
		                            fy, sizeof fy));
	if (in->report)
		gen_safety(g, r, in, kind, &f);
	f.dv = hh->address_secret || has(in->complaint, "DV") || has(in->complaint, "暴力") ||
	       has(in->complaint, "殴られ") || has(in->complaint, "夫婦げんか");
	f.pregnant = false; /* notes are about the family, not the pregnancy */
	if (kind == EK_NOTACC)
		in->accepted = 0;
	else if (kind != EK_PENDING && kind != EK_TODAY)
		episode_case(g, hp, i, in, &f);
}

void gen_caseload_add(struct gen_ctx *g, struct gen_hplan *hp, const struct gen_household *hh,
                      int64_t household_id, const int64_t *person_ids)
{
	for (int i = 0; i < hp->nspec; i++)
		episode(g, hp, i, hh, household_id, person_ids);
}
