/* gen_family.c: synthetic people and households. The proportions below are
 * plausible shapes for a city's caseload, not statistics: most families have
 * two parents and one to three children, about a fifth are single-parent,
 * some have a step-parent whose surname differs from the children's, some
 * live with grandparents, and a few have their address withheld under a
 * DV等支援措置. All ages are worked out in days from the reference date, so
 * a household is internally consistent whatever the date. */
#include "tsunagu/gen.h"

#include <stdio.h>
#include <string.h>

#define YEAR_DAYS 365.25
#define Y(x) ((long)((x) * YEAR_DAYS))
#define MIN_PARENT_AGE Y(17)      /* age at the eldest child's birth */
#define MAX_MOTHER_AGE Y(46)      /* at the youngest child's birth */
#define GIVEN_REDRAWS 4           /* siblings rarely share a given name */
#define OTHER_SURNAME_TRIES 16

/* Household shapes and their weights (per mille). */
enum shape { BOTH, STEPFATHER, STEPMOTHER, SINGLE_MOTHER, SINGLE_FATHER, SHAPE_COUNT };
static const uint64_t shape_cum[SHAPE_COUNT] = {720, 780, 790, 965, 1000};
/* Number of children 1..4 (per mille). */
static const uint64_t kids_cum[4] = {340, 760, 950, 1000};
/* How the record writes kana: hiragana, katakana, half-width (per mille). */
static const uint64_t kana_cum[3] = {840, 950, 1000};

static const char *const kanji_digits[] = {"", "一", "二", "三", "四",
					   "五", "六", "七", "八", "九"};

/* What the household maker decides before it writes members. */
struct plan {
	enum shape shape;
	int nkids;
	long kid[4];            /* birth days, eldest first */
	long mother, father;    /* birth days of the biological parents */
	long step;              /* birth days of the step-parent */
	const struct gen_entry *kids_surname, *mother_surname, *father_surname, *step_surname;
};

const char *gen_relation_label(enum gen_relation rel)
{
	static const char *const labels[] = {"子", "実父", "実母", "継父", "継母", "祖父", "祖母"};

	return (unsigned)rel < sizeof labels / sizeof labels[0] ? labels[rel] : "";
}

static enum gen_cohort cohort_of(long birth)
{
	int y = date_from_days(birth).y;

	return y >= 2005 ? GEN_COHORT_CHILD : y >= 1972 ? GEN_COHORT_ADULT : GEN_COHORT_ELDER;
}

static void set_name(struct gen_person *p, const struct gen_entry *sur, const struct gen_entry *given)
{
	p->family = sur->text;
	p->family_kana = sur->kana;
	p->family_std = sur->std;
	p->given = given->text;
	p->given_kana = given->kana;
}

static void person_init(const struct gen_vocab *v, struct gen_rng *r, struct gen_person *p,
			const struct gen_entry *sur, int sex, long birth, enum gen_relation rel)
{
	memset(p, 0, sizeof *p);
	p->sex = sex;
	p->birth = date_from_days(birth);
	p->rel = rel;
	set_name(p, sur, gen_given(v, r, sex, cohort_of(birth)));
}

void gen_person_make(const struct gen_vocab *v, struct gen_rng *r, int sex, struct date from,
		     struct date to, struct gen_person *out)
{
	long a = date_to_days(from), b = date_to_days(to);
	long birth = a > b ? b : a + (long)gen_rng_below(r, (uint64_t)(b - a) + 1);

	person_init(v, r, out, gen_surname(v, r), sex, birth, GEN_REL_CHILD);
}

static void mobile_phone(struct gen_rng *r, char *buf)
{
	/* 090-0000-xxxx is not allocated to any subscriber */
	snprintf(buf, GEN_PHONE_MAX, "090-0000-%04d", gen_rng_range(r, 0, 9999));
}

static const struct gen_entry *other_surname(const struct gen_vocab *v, struct gen_rng *r,
					     const struct gen_entry *not)
{
	const struct gen_entry *s = not;

	/* bounded: a vocabulary with a single surname must not hang us */
	for (int i = 0; i < OTHER_SURNAME_TRIES && strcmp(s->std, not->std) == 0; i++)
		s = gen_surname(v, r);
	return s;
}

/* Children's birth days, eldest first, all under 18 on ref. */
static void plan_children(struct gen_rng *r, long ref, struct plan *p)
{
	long gap[3], span = 0, youngest_age;

	p->nkids = 1 + (int)gen_rng_pick(r, kids_cum, 4);
	for (int i = 0; i + 1 < p->nkids; i++) {
		gap[i] = gen_rng_chance(r, 0.02) ? 0 : gen_rng_normal(r, Y(2.6), Y(1.1), 300, Y(5));
		span += gap[i];
	}
	youngest_age = (long)gen_rng_below(r, (uint64_t)(Y(18) - 2 - span) + 1);
	p->kid[0] = ref - youngest_age - span;
	for (int i = 1; i < p->nkids; i++)
		p->kid[i] = p->kid[i - 1] + gap[i - 1];
}

/* Parents' ages hang off the eldest child; every parent is at least
 * MIN_PARENT_AGE older than the eldest, so at least 16 years older than all. */
static void plan_parents(struct gen_rng *r, struct plan *p)
{
	long span = p->kid[p->nkids - 1] - p->kid[0];
	long hi = MAX_MOTHER_AGE - span;
	long m_age = gen_rng_normal(r, Y(30), Y(5), MIN_PARENT_AGE, hi > Y(42) ? Y(42) : hi);
	long f_age = m_age + gen_rng_normal(r, Y(2), Y(3.5), -Y(6), Y(15));
	long s_age = m_age + gen_rng_normal(r, Y(1), Y(5), -Y(8), Y(15));

	if (m_age < MIN_PARENT_AGE)
		m_age = MIN_PARENT_AGE;
	p->mother = p->kid[0] - m_age;
	p->father = p->kid[0] - (f_age < Y(18) ? Y(18) : f_age);
	p->step = p->kid[0] - (s_age < Y(18) ? Y(18) : s_age);
}

/* Who carries which surname (戸籍 practice: children keep the surname they
 * were born with unless adopted by the step-parent). */
static void plan_surnames(const struct gen_vocab *v, struct gen_rng *r, struct plan *p)
{
	p->kids_surname = p->mother_surname = p->father_surname = gen_surname(v, r);
	p->step_surname = p->kids_surname;
	if (p->shape == STEPFATHER) {
		uint64_t how = gen_rng_below(r, 100);
		p->step_surname = other_surname(v, r, p->kids_surname);
		if (how < 15) /* married and adopted: all share his surname */
			p->kids_surname = p->mother_surname = p->step_surname;
		else if (how < 45) /* married, children not adopted */
			p->mother_surname = p->step_surname;
		/* else 内縁: he alone has another surname */
	} else if (p->shape == STEPMOTHER) {
		if (gen_rng_chance(r, 0.4))
			p->step_surname = other_surname(v, r, p->kids_surname);
	} else if (p->shape == SINGLE_MOTHER && gen_rng_chance(r, 0.15)) {
		/* back to her own surname after divorce; the children kept theirs */
		p->mother_surname = other_surname(v, r, p->kids_surname);
	}
}

static struct gen_person *add(struct gen_household *h)
{
	return &h->member[h->n++];
}

static void add_parents(const struct gen_vocab *v, struct gen_rng *r, const struct plan *p,
			struct gen_household *h)
{
	bool father = p->shape == BOTH || p->shape == STEPMOTHER || p->shape == SINGLE_FATHER;
	bool mother = p->shape == BOTH || p->shape == STEPFATHER || p->shape == SINGLE_MOTHER;

	if (father)
		person_init(v, r, add(h), p->father_surname, GEN_SEX_MALE, p->father, GEN_REL_FATHER);
	if (p->shape == STEPFATHER)
		person_init(v, r, add(h), p->step_surname, GEN_SEX_MALE, p->step, GEN_REL_STEPFATHER);
	if (mother)
		person_init(v, r, add(h), p->mother_surname, GEN_SEX_FEMALE, p->mother,
			    GEN_REL_MOTHER);
	if (p->shape == STEPMOTHER)
		person_init(v, r, add(h), p->step_surname, GEN_SEX_FEMALE, p->step,
			    GEN_REL_STEPMOTHER);
}

static bool given_taken(const struct gen_household *h, size_t first, const char *given)
{
	for (size_t i = first; i < h->n; i++)
		if (strcmp(h->member[i].given, given) == 0)
			return true;
	return false;
}

static void add_children(const struct gen_vocab *v, struct gen_rng *r, const struct plan *p,
			 struct gen_household *h)
{
	size_t first = h->n;

	for (int i = 0; i < p->nkids; i++) {
		int sex = gen_rng_chance(r, 0.512) ? GEN_SEX_MALE : GEN_SEX_FEMALE;
		struct gen_person *c = &h->member[h->n];
		person_init(v, r, c, p->kids_surname, sex, p->kid[i], GEN_REL_CHILD);
		/* c is not counted yet, so this looks at its elder siblings only */
		for (int k = 0; k < GIVEN_REDRAWS && given_taken(h, first, c->given); k++)
			set_name(c, p->kids_surname, gen_given(v, r, sex, cohort_of(p->kid[i])));
		h->n++;
	}
}

/* Grandparents of a parent who lives in: one or both, 18+ years older than
 * that parent. */
static void add_grandparents(const struct gen_vocab *v, struct gen_rng *r, const struct plan *p,
			     struct gen_household *h)
{
	bool has_f = p->shape == BOTH || p->shape == STEPMOTHER || p->shape == SINGLE_FATHER;
	bool has_m = p->shape == BOTH || p->shape == STEPFATHER || p->shape == SINGLE_MOTHER;
	bool paternal = has_f && (!has_m || gen_rng_chance(r, 0.5));
	long parent = paternal ? p->father : p->mother;
	const struct gen_entry *sur;
	long gm, gf;
	uint64_t who;

	if (paternal)
		sur = p->father_surname;
	else if (p->shape == SINGLE_MOTHER && p->mother_surname != p->kids_surname)
		sur = p->mother_surname; /* she went back to her parents' surname */
	else
		sur = other_surname(v, r, p->kids_surname);
	gm = parent - gen_rng_normal(r, Y(28), Y(4), Y(18), Y(42));
	gf = gm - gen_rng_normal(r, Y(2), Y(3), -Y(5), Y(12));
	if (gf > parent - Y(18))
		gf = parent - Y(18);
	who = gen_rng_below(r, 100);
	if (who < 55 || who >= 85)
		person_init(v, r, add(h), sur, GEN_SEX_FEMALE, gm, GEN_REL_GRANDMOTHER);
	if (who < 85)
		person_init(v, r, add(h), sur, GEN_SEX_MALE, gf, GEN_REL_GRANDFATHER);
}

static void assign_schools(const struct gen_vocab *v, struct gen_rng *r, struct date ref,
			   struct gen_household *h)
{
	int fy = date_fiscal_year(ref);
	/* siblings go to the same nursery and schools; high schools differ */
	const char *nursery = gen_place(v, r, GEN_PLACE_NURSERY)->text;
	const char *kinder = gen_place(v, r, GEN_PLACE_KINDERGARTEN)->text;
	const char *elem = gen_place(v, r, GEN_PLACE_ELEMENTARY)->text;
	const char *junior = gen_place(v, r, GEN_PLACE_JUNIOR_HIGH)->text;
	bool kindergarten = gen_rng_chance(r, 0.3);

	for (size_t i = 0; i < h->n; i++) {
		struct gen_person *c = &h->member[i];
		int g;
		if (c->rel != GEN_REL_CHILD)
			continue;
		g = date_school_grade(c->birth, fy);
		if (g >= 10 && g <= 12)
			c->school = gen_rng_chance(r, 0.96) ? gen_place(v, r, GEN_PLACE_HIGH)->text : NULL;
		else if (g >= 7)
			c->school = g <= 9 ? junior : NULL;
		else if (g >= 1)
			c->school = elem;
		else if (g >= -2)
			c->school = kindergarten ? kinder : nursery;
		else
			c->school = gen_rng_chance(r, 0.35) ? nursery : NULL;
	}
}

static void make_address(const struct gen_vocab *v, struct gen_rng *r, struct gen_household *h)
{
	const char *city = gen_vocab_city(v)->text;
	char *a = h->address;
	size_t n = sizeof h->address;
	int len;

	h->town = gen_place(v, r, GEN_PLACE_TOWN);
	if (h->town->chome)
		len = snprintf(a, n, "%s%s%s丁目%d番%d号", city, h->town->text,
			       kanji_digits[gen_rng_range(r, 1, h->town->chome)],
			       gen_rng_range(r, 1, 28), gen_rng_range(r, 1, 30));
	else
		len = snprintf(a, n, "%s%s%d番地", city, h->town->text, gen_rng_range(r, 1, 999));
	if (len > 0 && (size_t)len < n && gen_rng_chance(r, 0.35))
		snprintf(a + len, n - (size_t)len, "　%s%d号室",
			 gen_place(v, r, GEN_PLACE_BUILDING)->text,
			 gen_rng_range(r, 1, 5) * 100 + gen_rng_range(r, 1, 8));
}

static void add_phones(struct gen_rng *r, struct date ref, struct gen_household *h)
{
	for (size_t i = 0; i < h->n; i++) {
		struct gen_person *m = &h->member[i];
		double p = m->rel == GEN_REL_CHILD
				   ? (date_to_days(ref) - date_to_days(m->birth) >= Y(12) ? 0.5 : 0)
			   : m->rel >= GEN_REL_GRANDFATHER ? 0.6
							   : 0.93;
		if (gen_rng_chance(r, p))
			mobile_phone(r, m->phone);
	}
	if (gen_rng_chance(r, 0.25))
		snprintf(h->phone, sizeof h->phone, "0000-00-%04d", gen_rng_range(r, 0, 9999));
}

void gen_household_make(const struct gen_vocab *v, struct gen_rng *r, struct date ref,
			struct gen_household *out)
{
	struct plan p = {0};
	long today = date_to_days(ref);
	bool single;

	memset(out, 0, sizeof *out);
	p.shape = (enum shape)gen_rng_pick(r, shape_cum, SHAPE_COUNT);
	single = p.shape == SINGLE_MOTHER || p.shape == SINGLE_FATHER;
	plan_children(r, today, &p);
	plan_parents(r, &p);
	plan_surnames(v, r, &p);
	add_parents(v, r, &p, out);
	add_children(v, r, &p, out);
	if (gen_rng_chance(r, single ? 0.25 : 0.08))
		add_grandparents(v, r, &p, out);
	assign_schools(v, r, ref, out);
	make_address(v, r, out);
	add_phones(r, ref, out);
	out->address_secret = gen_rng_chance(r, p.shape == SINGLE_MOTHER ? 0.06 : 0.004);
	out->kana_form = (enum gen_kana_form)gen_rng_pick(r, kana_cum, 3);
	for (size_t i = 0; i < out->n; i++)
		out->member[i].kana_form = out->kana_form;
}
