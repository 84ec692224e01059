/* gen_text.c: what the synthetic records say, following the family (part
 * of gen_fill's caseload). A phrase that mentions a mother, a partner,
 * twins, a baby, a junior-high pupil, a single parent or violence between
 * the adults is only used where there is one; the abuse type and the main
 * abuser follow the phrase and the household's members; the route of a
 * report follows the child's age (school, nursery, health services); the
 * reporter goes to the protected caller table; staff see children in the
 * daytime. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_priv.h"
#include "tsunagu/util.h"

void gen_fam_init(struct fam *f, const struct gen_household *hh)
{
	long prev = -1;

	memset(f, 0, sizeof *f);
	f->hh = hh;
	f->mother = f->father = f->partner = f->subject = -1;
	for (size_t i = 0; i < hh->n; i++) {
		const struct gen_person *p = &hh->member[i];
		long b = date_to_days(p->birth);
		if (p->rel == GEN_REL_MOTHER || (p->rel == GEN_REL_STEPMOTHER && f->mother < 0))
			f->mother = (int)i;
		if (p->rel == GEN_REL_FATHER || p->rel == GEN_REL_STEPFATHER)
			f->father = (int)i;
		if (p->rel == GEN_REL_STEPFATHER)
			f->partner = (int)i;
		if (p->rel == GEN_REL_CHILD) {
			f->twins = f->twins || b == prev;
			prev = b;
			f->nkids++;
		}
	}
}

int gen_fam_age(const struct fam *f)
{
	return date_age(f->hh->member[f->subject].birth, date_from_days(f->day));
}

int gen_fam_grade(const struct fam *f)
{
	return date_school_grade(f->hh->member[f->subject].birth,
	                         date_fiscal_year(date_from_days(f->day)));
}

static bool younger_brother(const struct fam *f)
{
	for (size_t i = (size_t)f->subject + 1; i < f->hh->n; i++)
		if (f->hh->member[i].rel == GEN_REL_CHILD && f->hh->member[i].sex == GEN_SEX_MALE &&
		    date_to_days(f->hh->member[i].birth) <= f->day)
			return true;
	return false;
}

/* A parent named in s (母 not in 祖母, 叔母, 父母, 母子; 父 not in 祖父, 叔父, 父母). */
static bool names_parent(const char *s, const char *kanji)
{
	static const char *const before[] = {"祖", "叔", "伯", "父", "母"};
	size_t kl = strlen(kanji);

	for (const char *p = strstr(s, kanji); p; p = strstr(p + kl, kanji)) {
		bool other = false;
		for (size_t i = 0; i < 5 && !other; i++) {
			size_t bl = strlen(before[i]);
			other = (size_t)(p - s) >= bl && memcmp(p - bl, before[i], bl) == 0 &&
			        strcmp(before[i], kanji) != 0;
		}
		if (!other && (strncmp(p + kl, "母", 3) == 0 || strncmp(p + kl, "子", 3) == 0))
			other = true;
		if (!other)
			return true;
	}
	return false;
}

/* Does phrase s fit the family and the subject on that day? */
static bool fits(const char *s, const struct fam *f)
{
	int age = gen_fam_age(f), grade = gen_fam_grade(f);

	if ((names_parent(s, "母") || has(s, "ママ") || has(s, "妻")) && f->mother < 0)
		return false;
	if ((names_parent(s, "父") || has(s, "夫")) && f->father < 0)
		return false;
	if (has(s, "交際相手") && f->partner < 0)
		return false;
	if ((has(s, "ひとり親") || has(s, "離婚後")) && f->mother >= 0 && f->father >= 0)
		return false;
	if (((has(s, "DV") && !has(s, "面前DV")) || has(s, "避難")) && !f->dv)
		return false;
	if (has(s, "移管")) /* only the closing note of a family that moved */
		return false;
	if (has(s, "父母") && (f->mother < 0 || f->father < 0))
		return false;
	if (has(s, "妊娠") != f->pregnant || (has(s, "妊婦健診") && age >= 1))
		return false;
	if (has(s, "双子") && !f->twins)
		return false;
	if ((has(s, "3人") && f->nkids < 3) || (has(s, "2人") && f->nkids < 2) ||
	    (has(s, "赤ちゃん返り") && f->nkids < 2) || (has(s, "弟") && !younger_brother(f)))
		return false;
	if (has(s, "中学生") && (grade < 7 || grade > 9))
		return false;
	if ((has(s, "保育所") || has(s, "登園")) && !has(s, "申込み") && grade >= 1)
		return false;
	if (has(s, "学校") && grade < 1)
		return false;
	if (has(s, "小さい子") && age > 5)
		return false;
	if ((has(s, "乳児") && age >= 1) || (has(s, "幼児") && (age < 1 || age > 5)) ||
	    (has(s, "夜泣き") && age > 2) || (has(s, "イヤイヤ期") && (age < 1 || age > 3)) ||
	    (has(s, "おむつ") && age > 3) || (has(s, "スマートフォン") && age < 9) ||
	    (has(s, "昼寝") && age > 5) || (has(s, "膝の上") && age > 6))
		return false;
	return true;
}

/* A phrase of kind k that fits, preferring random draws, then any that fits
 * (in file order), then any; needle (may be NULL) must occur in it. */
const char *gen_phrase_fit(struct gen_load *L, struct gen_rng *r, enum pkind k, const char *needle,
                           const struct fam *f)
{
	const struct pset *ps = &L->ph[k];
	const char *last = NULL;

	if (ps->n == 0)
		return "";
	for (int i = 0; i < 10; i++) {
		const char *s = ps->p[gen_rng_below(r, ps->n)];
		if ((!needle || has(s, needle)) && (!f || fits(s, f)))
			return s;
	}
	for (size_t i = 0; i < ps->n; i++) {
		if (needle && !has(ps->p[i], needle))
			continue;
		if (!f || fits(ps->p[i], f))
			return ps->p[i];
		last = ps->p[i];
	}
	return last ? last : ps->p[gen_rng_below(r, ps->n)];
}

struct route {
	const char *route1, *route2;
	enum pkind phrases;
};

static const struct route routes[] = {
    {"SCH", NULL, PK_SCHOOL},  {"NUR", NULL, PK_NURSERY},   {"KIN", NULL, PK_NURSERY},
    {"POL", NULL, PK_POLICE},  {"NBR", NULL, PK_NEIGHBOUR}, {"MED", NULL, PK_MEDICAL},
    {"MHC", NULL, PK_MEDICAL}, {"REL", NULL, PK_RELATIVE},  {"FAM", "FAM2", PK_RELATIVE},
    {"CGC", NULL, PK_SCHOOL},
};

enum { R_SCH, R_NUR, R_KIN, R_POL, R_NBR, R_MED, R_MHC, R_REL, R_FAM, R_CGC, R__COUNT };

/* Weights by the child's stage: school, nursery age, baby. */
static const uint64_t route_school[R__COUNT] = {35, 35, 35, 57, 73, 79, 79, 86, 90, 96};

static const uint64_t route_nursery[R__COUNT] = {0, 38, 38, 60, 80, 90, 90, 96, 96, 100};

static const uint64_t route_baby[R__COUNT] = {0, 0, 0, 20, 45, 80, 90, 100, 100, 100};

static const struct route *report_route(struct gen_rng *r, const struct fam *f)
{
	int age = gen_fam_age(f), grade = gen_fam_grade(f);
	const char *school = f->hh->member[f->subject].school;
	size_t i;

	if (grade >= 1)
		i = gen_rng_pick(r, route_school, R__COUNT);
	else if (age >= 1)
		i = gen_rng_pick(r, route_nursery, R__COUNT);
	else
		i = gen_rng_pick(r, route_baby, R__COUNT);
	if (i == R_NUR && has(school, "幼稚園"))
		i = R_KIN;
	if (i == R_CGC && grade < 1)
		return &routes[age >= 1 ? R_NUR : R_MED]; /* keeps the phrases age-true */
	return &routes[i];
}

/* Abuse type from what the phrase describes, else by national shares. */
static const char *abuse_of(struct gen_rng *r, const char *s)
{
	static const char *const dv[] = {"DV", "暴力", "夫婦げんか", "殴られ", NULL};
	static const char *const ph[] = {"あざ", "傷", "叩", "骨折", "打撲", "痕", "赤み", NULL};
	static const char *const ps[] = {
	    "怒鳴",           "帰りたくない", "いなくなれば", "びくっと",
	    "厳しく当たって", "出ていけ",     "ベランダ",     NULL};
	static const char *const ng[] = {
	    "欠席",   "汚れ",   "におい",         "おむつ", "食べ物", "給食",     "放置",
	    "一人",   "未接種", "むし歯",         "不衛生", "だけ",   "裸足",     "体重",
	    "迎え",   "持ち物", "連絡が取れない", "未受診", "外出",   "世話",     "姿を見ない",
	    "同じ服", "居眠り", "伸びが乏しい",   "酒",     "徘徊",   "のみ在宅", NULL};
	static const struct {
		const char *const *words;
		const char *code;
	} map[] = {{dv, "PS"}, {ph, "PH"}, {ps, "PS"}, {ng, "NG"}};
	static const char *const codes[] = {"PS", "NG", "PH", "SX"};
	static const uint64_t cum[] = {45, 70, 97, 100};

	for (size_t m = 0; m < 4; m++)
		for (const char *const *w = map[m].words; *w; w++)
			if (has(s, *w))
				return map[m].code;
	return codes[gen_rng_pick(r, cum, 4)];
}

/* Main abuser: whom the phrase names, else by type among those present. */
static const char *abuser_of(struct gen_rng *r, const struct fam *f, const char *s,
                             const char *type)
{
	const char *father = f->father < 0                                    ? NULL
	                     : f->hh->member[f->father].rel == GEN_REL_FATHER ? "F"
	                                                                      : "FO";
	const char *mother = f->mother < 0                                    ? NULL
	                     : f->hh->member[f->mother].rel == GEN_REL_MOTHER ? "M"
	                                                                      : "MO";
	uint64_t w[3], cum[3];

	if (has(s, "交際相手") && f->partner >= 0)
		return "FO";
	if ((has(s, "お父さん") || has(s, "父が") || has(s, "夫") || has(s, "DV")) && father)
		return father;
	if ((has(s, "母が") || has(s, "母は") || has(s, "母の")) && mother)
		return mother;
	w[0] = father ? (strcmp(type, "NG") == 0 ? 25 : 50) : 0;
	w[1] = mother ? (strcmp(type, "NG") == 0 ? 70 : 40) : 0;
	w[2] = 5;
	cum[0] = w[0];
	cum[1] = cum[0] + w[1];
	cum[2] = cum[1] + w[2];
	switch (gen_rng_pick(r, cum, 3)) {
	case 0: return father;
	case 1: return mother;
	default: return f->hh->member[f->hh->n - 1].rel >= GEN_REL_GRANDFATHER ? "OT1" : "OT9";
	}
}

/* Consultation type of a parent's request, from what it is about. */
static const char *consult_of(struct gen_rng *r, const char *s)
{
	if (has(s, "発達"))
		return "SG6";
	if (has(s, "登校しない"))
		return "IS2";
	if (has(s, "入院"))
		return "YG2L2";
	if (has(s, "離婚"))
		return "YG2L3";
	if (has(s, "妊娠"))
		return "HK";
	if (has(s, "生活費") || has(s, "疲れ"))
		return "YG2L1";
	return gen_rng_chance(r, 0.6) ? "IS4" : "YG2L1";
}

static char *person_name(const struct gen_ctx *g, struct gen_rng *r, const char *family)
{
	struct gen_person p;

	gen_person_make(g->v, r, gen_rng_chance(r, 0.6) ? GEN_SEX_FEMALE : GEN_SEX_MALE,
	                date_from_days(g->ref - 60 * 365), date_from_days(g->ref - 24 * 365), &p);
	return xasprintf("%s %s", family ? family : p.family, p.given);
}

/* The reporter, by route (protected: intake_caller). */
static void reporter(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                     const struct route *rt, const char *s, const struct fam *f)
{
	static const char *const school[] = {"担任", "養護教諭", "教頭"};
	static const char *const nursery[] = {"保育士", "園長"};
	static const char *const medical[] = {"医師", "医療ソーシャルワーカー", "保健師"};
	const char *family = NULL;

	in->caller = true;
	if (rt->phrases == PK_SCHOOL)
		in->caller_rel =
		    strcmp(rt->route1, "CGC") == 0 ? "児童福祉司" : school[gen_rng_below(r, 3)];
	else if (rt->phrases == PK_NURSERY)
		in->caller_rel = nursery[gen_rng_below(r, 2)];
	else if (rt->phrases == PK_POLICE)
		in->caller_rel = "警察官 (生活安全課)";
	else if (rt->phrases == PK_MEDICAL)
		in->caller_rel = medical[gen_rng_below(r, 3)];
	else if (rt->phrases == PK_RELATIVE) {
		in->caller_rel = has(s, "叔母") ? "叔母" : has(s, "祖父") ? "祖父" : "祖母";
		family = f->hh->member[f->subject].family;
	} else
		in->caller_rel = "近隣住民";
	if (rt->phrases == PK_NEIGHBOUR && (has(s, "匿名") || gen_rng_chance(r, 0.5))) {
		in->anonymous = true;
		in->intent = "通告者が分からないようにしてほしい";
		return;
	}
	in->caller_name = person_name(g, r, family);
	snprintf(in->contact, sizeof in->contact, "0000-00-%04d", gen_rng_range(r, 0, 9999));
	if (gen_rng_chance(r,
	                   rt->phrases == PK_NEIGHBOUR || rt->phrases == PK_RELATIVE ? 0.7 : 0.2))
		in->intent = "名前を出さないでほしい";
}

static const char *channel_of(struct gen_rng *r, const struct route *rt, const char *s)
{
	if (strcmp(rt->route1, "CGC") == 0)
		return "SEND";
	if (rt->phrases == PK_POLICE)
		return gen_rng_chance(r, 0.6) ? "DOC" : "TEL";
	if (has(s, "来所"))
		return "VIS";
	if (has(s, "電話"))
		return "TEL";
	if (rt->phrases == PK_NEIGHBOUR && gen_rng_chance(r, 0.1))
		return "MAIL";
	return gen_rng_chance(r, 0.88) ? "TEL" : "VIS";
}

/* "本児: 小3 (9歳)。世帯: 実父・実母・子2人。" */
static char *narrative(const struct fam *f, const char *s, bool sent)
{
	struct sbuf sb = {0};
	int grade = gen_fam_grade(f), age = gen_fam_age(f);
	const char *gl = date_grade_label(grade);
	bool first = true;

	sbuf_adds(&sb, sent ? "児童相談所から事案送致。" : "");
	sbuf_adds(&sb, s);
	sbuf_addf(&sb, "\n本児: %s%s%d歳%s。世帯: ", gl, *gl ? " (" : "", age, *gl ? ")" : "");
	for (size_t i = 0; i < f->hh->n; i++) {
		enum gen_relation rel = f->hh->member[i].rel;
		if (rel == GEN_REL_CHILD)
			continue;
		sbuf_addf(&sb, "%s%s", first ? "" : "・", gen_relation_label(rel));
		first = false;
	}
	sbuf_addf(&sb, "%s子%d人。", first ? "" : "・", f->nkids);
	return sbuf_detach(&sb);
}

int gen_pick_child(struct gen_rng *r, const struct gen_household *hh, long day)
{
	int c[GEN_HOUSEHOLD_MAX], n = 0;

	for (size_t i = 0; i < hh->n; i++)
		if (hh->member[i].rel == GEN_REL_CHILD &&
		    date_to_days(hh->member[i].birth) <= day - 30)
			c[n++] = (int)i;
	return n ? c[gen_rng_below(r, (uint64_t)n)] : -1;
}

int64_t gen_worker(const struct gen_ctx *g, struct gen_rng *r)
{
	return g->workers[gen_rng_below(r, g->nworkers)];
}

void gen_intake_report(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                       const struct fam *f)
{
	const struct route *rt = report_route(r, f);
	const char *s = gen_phrase_fit(g->load, r, rt->phrases, NULL, f);
	int age = gen_fam_age(f);

	in->report = true;
	in->route1 = rt->route1;
	in->route2 = rt->route2;
	in->channel = channel_of(r, rt, s);
	in->consult = "YG1";
	in->complaint = s;
	in->abuse[0] = abuse_of(r, s);
	in->nabuse = 1;
	if (strcmp(in->abuse[0], "PH") == 0 && gen_rng_chance(r, 0.12))
		in->abuse[in->nabuse++] = "PS";
	in->abuser = abuser_of(r, f, s, in->abuse[0]);
	in->urgent = gen_rng_chance(r, strcmp(in->abuse[0], "NG") != 0 && age < 3 ? 0.5 : 0.05);
	in->narrative = narrative(f, s, strcmp(rt->route1, "CGC") == 0);
	reporter(g, r, in, rt, s, f);
}

void gen_intake_consult(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                        const struct fam *f)
{
	const char *s = gen_phrase_fit(g->load, r, PK_PARENT, NULL, f);
	int parent = has(s, "父") && f->father >= 0 ? f->father
	             : f->mother >= 0               ? f->mother
	                                            : f->father;
	const struct gen_person *p = parent >= 0 ? &f->hh->member[parent] : NULL;

	in->route1 = "FAM";
	in->channel = has(s, "来所") ? "VIS" : gen_rng_chance(r, 0.9) ? "TEL" : "MAIL";
	in->consult = consult_of(r, s);
	in->complaint = s;
	in->narrative = narrative(f, s, false);
	if (p) {
		in->caller = true;
		in->caller_name = xasprintf("%s %s", p->family, p->given);
		in->caller_rel = gen_relation_label(p->rel);
		if (p->phone[0])
			strlcpy_utf8(in->contact, p->phone, sizeof in->contact);
	}
}

long long gen_receive_time(const struct gen_ctx *g, struct gen_rng *r, const struct gen_intake *in,
                           long day)
{
	int m = office_minute(r);

	if (in->route1 && strcmp(in->route1, "POL") == 0 && gen_rng_chance(r, 0.3))
		m = gen_rng_range(r, 18 * 60, 23 * 60 + 50);
	if (day == g->ref) {
		long long now_m = g->now - at(g->ref, 0);
		m = gen_rng_range(r, 8 * 60 + 30,
		                  (int)(now_m > 8 * 60 + 40 ? now_m - 10 : 8 * 60 + 30));
	}
	return at(day, m);
}

static const char *check_method(const struct fam *f)
{
	int grade = gen_fam_grade(f), age = gen_fam_age(f);

	if (grade >= 1 && grade <= 9)
		return "学校で本児と面会し目視で確認";
	if (age >= 1 && grade <= 0 && f->hh->member[f->subject].school)
		return "保育所・幼稚園で本児を目視で確認";
	return "家庭訪問により本児を目視で確認";
}

/* Staff see children between 08:30 and 19:00: a later moment moves to the
 * next morning, an earlier one to that morning. */
static long long daytime(struct gen_rng *r, long long t)
{
	long day = (long)(t / GEN_DAY_MIN);
	int m = (int)(t - at(day, 0));

	if (m > 19 * 60)
		day++;
	if (m > 19 * 60 || m < 8 * 60 + 30)
		m = gen_rng_range(r, 8 * 60 + 30, 11 * 60);
	return at(day, m);
}

/* Report: deadline, and when the child was seen (or still pending). */
void gen_safety(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in, int kind,
                const struct fam *f)
{
	long long h = g->safety_hours * 60LL;

	in->due = in->recv + h;
	in->done = -1;
	in->method = check_method(f);
	if (kind == EK_PENDING || kind == EK_PENDING_CASE || kind == EK_TODAY)
		return;
	in->done = in->recv + (gen_rng_chance(r, 0.92) ? pick_between(r, 90, h - 30)
	                                               : pick_between(r, h + 30, h + 4320));
	in->done = daytime(r, in->done);
	if (in->done >= g->now)
		in->done = -1;
}

/* Whom a call or visit was with, as the phrase begins. */
const char *gen_counterpart(const char *s, const struct fam *f)
{
	static const char *const who[] = {"父母", "祖母", "祖父", "父", "母", "本児"};

	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
		if (strncmp(s, who[i], strlen(who[i])) == 0)
			return who[i];
	return f->mother >= 0 ? "母" : "父";
}

/* 特定妊婦: the health centre passes on an expectant mother's worries. */
void gen_intake_pregnant(const struct gen_ctx *g, struct gen_rng *r, struct gen_intake *in,
                         const struct fam *f, long expected)
{
	const char *s = gen_phrase_fit(g->load, r, PK_PARENT, "妊娠", f);
	char day[16];

	in->route1 = "MHC";
	in->channel = "TEL";
	in->consult = gen_rng_chance(r, 0.5) ? "HK" : "YG2L1";
	in->complaint = s;
	in->narrative = xasprintf("保健センターより。%s\n本人: %d歳、出産予定日 %s。", s,
	                          gen_fam_age(f), gen_fmt_day(expected, day, sizeof day));
	in->caller = true;
	in->caller_name = person_name(g, r, NULL);
	in->caller_rel = "保健師";
	snprintf(in->contact, sizeof in->contact, "0000-00-%04d", gen_rng_range(r, 0, 9999));
}
