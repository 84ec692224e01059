/* test_gen_vocab.c: the synthetic-data PRNG, vocabulary, kana converters and
 * household maker: determinism, distributions, data file checks, loader
 * errors with file:line, and household consistency. */
#include "testutil.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/gen.h"
#include "tsunagu/util.h"

#define DRAWS 100000

static struct gen_vocab *vocab;

static int setup(void **state)
{
	struct tsu_err e = {0};

	(void)state;
	if (gen_vocab_load(NULL, &vocab, &e) != 0) {
		fprintf(stderr, "gen_vocab_load: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gen_vocab_free(&vocab);
	return 0;
}

/* ---- PRNG ---------------------------------------------------------------- */

/* The same numbers on every machine: values from an independent
 * implementation of splitmix64 + xoshiro256**. */
static void test_rng_reference_values(void **state)
{
	struct gen_rng r;

	(void)state;
	gen_rng_seed(&r, 12345);
	assert_true(gen_rng_next(&r) == UINT64_C(0xbe6a36374160d49b));
	assert_true(gen_rng_next(&r) == UINT64_C(0x214aaa0637a688c6));
	assert_true(gen_rng_next(&r) == UINT64_C(0xf69d16de9954d388));
	assert_true(gen_rng_next(&r) == UINT64_C(0x0c60048c4e96e033));
	gen_rng_seed(&r, 0);
	assert_true(gen_rng_next(&r) == UINT64_C(0x99ec5f36cb75f2b4));
}

static void test_rng_streams(void **state)
{
	struct gen_rng a, b, c;

	(void)state;
	gen_rng_seed_stream(&a, 7, 1);
	gen_rng_seed_stream(&b, 7, 1);
	gen_rng_seed_stream(&c, 7, 2);
	for (int i = 0; i < 100; i++) {
		uint64_t x = gen_rng_next(&a);
		assert_true(x == gen_rng_next(&b));
		assert_true(x != gen_rng_next(&c));
	}
}

static void test_rng_below_edges(void **state)
{
	struct gen_rng r;
	long count[7] = {0};
	int lo = INT_MAX, hi = INT_MIN;

	(void)state;
	gen_rng_seed(&r, 1);
	assert_true(gen_rng_below(&r, 0) == 0);
	assert_true(gen_rng_below(&r, 1) == 0);
	assert_int_equal(gen_rng_range(&r, 5, 5), 5);
	assert_int_equal(gen_rng_range(&r, 9, 3), 9);
	for (int i = 0; i < 70000; i++)
		count[gen_rng_below(&r, 7)]++;
	for (int i = 0; i < 7; i++) /* 10000 expected, sd about 93 */
		assert_in_range(count[i], 9500, 10500);
	for (int i = 0; i < 10000; i++) {
		int x = gen_rng_range(&r, -3, 3);
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	assert_int_equal(lo, -3);
	assert_int_equal(hi, 3);
	lo = INT_MAX;
	hi = INT_MIN;
	for (int i = 0; i < 1000; i++) {
		int x = gen_rng_range(&r, INT_MIN, INT_MAX);
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	assert_true(lo < INT_MIN / 2 && hi > INT_MAX / 2);
}

/* n = 3 * 2^62: "x % n" would give the lowest third half of the time. */
static void test_rng_no_modulo_bias(void **state)
{
	struct gen_rng r;
	uint64_t n64 = UINT64_C(3) << 62, third64 = UINT64_C(1) << 62;
	uint64_t n32 = UINT64_C(3) << 30, third32 = UINT64_C(1) << 30;
	long low64 = 0, low32 = 0;

	(void)state;
	gen_rng_seed(&r, 2);
	for (int i = 0; i < DRAWS; i++) {
		uint64_t x = gen_rng_below(&r, n64), y = gen_rng_below(&r, n32);
		assert_true(x < n64 && y < n32);
		low64 += x < third64;
		low32 += y < third32;
	}
	/* expected 33333, sd about 149 */
	assert_in_range(low64, 32600, 34100);
	assert_in_range(low32, 32600, 34100);
}

static void test_rng_chance_and_normal(void **state)
{
	struct gen_rng r;
	long hits = 0, sum = 0, sq = 0, lo = LONG_MAX, hi = LONG_MIN;

	(void)state;
	gen_rng_seed(&r, 3);
	for (int i = 0; i < DRAWS; i++) {
		assert_false(gen_rng_chance(&r, 0));
		assert_true(gen_rng_chance(&r, 1));
		hits += gen_rng_chance(&r, 0.25);
	}
	assert_in_range(hits, 24400, 25600);
	for (int i = 0; i < DRAWS; i++) {
		long x = gen_rng_normal(&r, 1000, 100, 700, 1300);
		sum += x;
		sq += (x - 1000) * (x - 1000);
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	assert_true(lo >= 700 && hi <= 1300);
	assert_in_range(sum / DRAWS, 998, 1002);
	assert_in_range(sq / DRAWS, 95 * 95, 105 * 105);
}

/* Chi-square over 6 categories (5 degrees of freedom): 20.5 is p = 0.001. */
static void test_rng_pick_frequencies(void **state)
{
	static const uint64_t w[7] = {1, 2, 3, 4, 10, 0, 80};
	uint64_t cum[7];
	long count[7] = {0};
	double chi2 = 0;
	struct gen_rng r;

	(void)state;
	for (int i = 0; i < 7; i++)
		cum[i] = (i ? cum[i - 1] : 0) + w[i];
	gen_rng_seed(&r, 4);
	for (int i = 0; i < DRAWS; i++)
		count[gen_rng_pick(&r, cum, 7)]++;
	assert_int_equal(count[5], 0); /* weight 0 is never drawn */
	for (int i = 0; i < 7; i++) {
		double expect = (double)DRAWS * (double)w[i] / 100.0;
		if (w[i])
			chi2 += (count[i] - expect) * (count[i] - expect) / expect;
	}
	assert_true(chi2 < 20.5);
}

static void test_surname_frequencies(void **state)
{
	struct gen_rng r;
	uint64_t total = 0, sato = 0;
	long drawn = 0;

	(void)state;
	for (size_t i = 0; i < gen_vocab_count(vocab, GEN_SURNAMES); i++) {
		const struct gen_entry *x = gen_vocab_entry(vocab, GEN_SURNAMES, i);
		total += x->weight;
		if (strcmp(x->text, "佐藤") == 0)
			sato += x->weight;
	}
	assert_true(sato > 0);
	gen_rng_seed(&r, 5);
	for (int i = 0; i < DRAWS; i++)
		drawn += strcmp(gen_surname(vocab, &r)->text, "佐藤") == 0;
	/* within 5 sd of the expected count */
	double expect = (double)DRAWS * (double)sato / (double)total;
	assert_true(drawn > expect - 5 * 54 && drawn < expect + 5 * 54);
}

/* ---- vocabulary ---------------------------------------------------------- */

/* An independent check: hiragana block letters, ゝゞ and ー only. */
static bool only_hiragana(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p)
		return false;
	while (*p) {
		uint32_t cp;
		if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return false;
		cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		if (!((cp >= 0x3041 && cp <= 0x3096) || cp == 0x309D || cp == 0x309E || cp == 0x30FC))
			return false;
		p += 3;
	}
	return true;
}

static void test_vocab_rows(void **state)
{
	size_t min[GEN_LIST_COUNT] = {400, 200, 200, 80, 90};

	(void)state;
	for (int l = 0; l < GEN_LIST_COUNT; l++) {
		size_t n = gen_vocab_count(vocab, (enum gen_list)l);
		assert_true(n >= min[l]);
		assert_null(gen_vocab_entry(vocab, (enum gen_list)l, n));
		for (size_t i = 0; i < n; i++) {
			const struct gen_entry *x = gen_vocab_entry(vocab, (enum gen_list)l, i);
			assert_non_null(x->text);
			assert_true(x->text[0] != '\0' && x->weight > 0 && x->line > 0);
			if (l == GEN_PHRASES) {
				assert_null(x->kana);
				assert_non_null(x->label);
				continue;
			}
			if (!only_hiragana(x->kana))
				fail_msg("list %d line %u: reading %s", l, x->line, x->kana);
		}
	}
	assert_string_equal(gen_vocab_city(vocab)->label, "市");
}

static void test_vocab_variants_listed(void **state)
{
	static const char *const want[] = {"髙橋", "山﨑", "齋藤", "齊藤", "斉藤", "渡邉", "渡邊",
					   "澤田", "廣瀬", "濱田", "嶋田", "櫻井", "邊見", "冨田",
					   "德永", "國分", "龍崎", "藏本", "\xF0\xA0\xAE\xB7田",
					   "葛\xF3\xA0\x84\x80西"};
	size_t n = gen_vocab_count(vocab, GEN_SURNAMES);

	(void)state;
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++) {
			const struct gen_entry *x = gen_vocab_entry(vocab, GEN_SURNAMES, i);
			found = strcmp(x->text, want[w]) == 0;
			if (found) /* a variant names its common spelling, same reading */
				assert_string_not_equal(x->std, x->text);
		}
		if (!found)
			fail_msg("surname %s missing", want[w]);
	}
}

static void test_variants_drawn(void **state)
{
	struct gen_rng r;
	long variants = 0, astral = 0, ivs = 0, taka = 0;

	(void)state;
	gen_rng_seed(&r, 6);
	for (int i = 0; i < DRAWS; i++) {
		const struct gen_entry *x = gen_surname(vocab, &r);
		variants += x->std != x->text;
		astral += strstr(x->text, "\xF0\xA0\xAE\xB7") != NULL; /* 𠮷 U+20BB7 */
		ivs += strstr(x->text, "\xF3\xA0\x84\x80") != NULL;    /* U+E0100 */
		taka += strcmp(x->text, "髙橋") == 0;
	}
	assert_true(variants > DRAWS / 200);
	assert_true(astral > 0 && ivs > 0 && taka > 0);
}

static void test_phrases(void **state)
{
	struct gen_rng r;
	const char *p;

	(void)state;
	gen_rng_seed(&r, 7);
	p = gen_phrase(vocab, &r, "家庭訪問");
	assert_non_null(p);
	assert_non_null(strstr(p, "家庭訪問"));
	assert_non_null(gen_phrase(vocab, &r, "通告:学校"));
	assert_non_null(gen_phrase(vocab, &r, "関係機関連絡"));
	assert_null(gen_phrase(vocab, &r, "存在しない種別"));
}

/* ---- kana ---------------------------------------------------------------- */

static void check_hw(const char *in, const char *want)
{
	char buf[64];

	assert_int_equal(gen_kana_halfwidth(in, buf, sizeof buf), 0);
	assert_string_equal(buf, want);
}

static void test_kana_halfwidth(void **state)
{
	char buf[64];

	(void)state;
	check_hw("さいとう", "ｻｲﾄｳ");
	check_hw("がくせい", "ｶﾞｸｾｲ");
	check_hw("ぱぴ", "ﾊﾟﾋﾟ");
	check_hw("サイトウ　ハナ", "ｻｲﾄｳ ﾊﾅ");
	check_hw("ゔぁいおりん", "ｳﾞｧｲｵﾘﾝ");
	check_hw("きょうこ", "ｷｮｳｺ");
	check_hw("こーぽ", "ｺｰﾎﾟ");
	check_hw("ゎゐゑを", "ﾜｲｴｦ");
	check_hw("A山ちゃん1", "A山ﾁｬﾝ1");
	check_hw("", "");
	/* too small: the whole result or nothing */
	assert_int_equal(gen_kana_halfwidth("がく", buf, 9), TSU_EINVAL);
	assert_string_equal(buf, "");
	assert_int_equal(gen_kana_halfwidth("がく", buf, 10), 0);
	assert_string_equal(buf, "ｶﾞｸ");
	assert_int_equal(gen_kana_halfwidth("が", buf, 0), TSU_EINVAL);
}

static void test_kana_katakana(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(gen_kana_katakana("さいとう", buf, sizeof buf), 0);
	assert_string_equal(buf, "サイトウ");
	assert_int_equal(gen_kana_katakana("ゔぃーなす、ゝゞ", buf, sizeof buf), 0);
	assert_string_equal(buf, "ヴィーナス、ヽヾ");
	assert_int_equal(gen_kana_to_form("はな", GEN_KANA_HIRAGANA, buf, sizeof buf), 0);
	assert_string_equal(buf, "はな");
	assert_int_equal(gen_kana_to_form("はな", GEN_KANA_HALFWIDTH, buf, sizeof buf), 0);
	assert_string_equal(buf, "ﾊﾅ");
	assert_int_equal(gen_kana_katakana("はな", buf, 6), TSU_EINVAL);
	assert_true(gen_kana_is_hiragana("ゆうこ"));
	assert_false(gen_kana_is_hiragana("ユウコ"));
	assert_false(gen_kana_is_hiragana(""));
	assert_false(gen_kana_is_hiragana("ゆ\xff"));
}

/* Every reading in the vocabulary converts, within the documented size. */
static void test_kana_every_reading(void **state)
{
	(void)state;
	for (int l = 0; l < GEN_PHRASES; l++) {
		for (size_t i = 0; i < gen_vocab_count(vocab, (enum gen_list)l); i++) {
			const char *k = gen_vocab_entry(vocab, (enum gen_list)l, i)->kana;
			size_t n = 2 * strlen(k) + 1;
			char *buf = xmalloc(n);
			assert_int_equal(gen_kana_halfwidth(k, buf, n), 0);
			for (const unsigned char *p = (const unsigned char *)buf; *p; p += 3)
				assert_true(p[0] == 0xEF && (p[1] == 0xBD || p[1] == 0xBE));
			assert_int_equal(gen_kana_katakana(k, buf, n), 0);
			free(buf);
		}
	}
}

/* ---- people and households ---------------------------------------------- */

static const struct date ref_date = {2025, 3, 31};

static void person_line(const struct gen_person *p, struct sbuf *sb)
{
	sbuf_addf(sb, "%s %s|%s %s|%d|%04d-%02d-%02d|%s|%d|%s\n", p->family, p->given,
		  p->family_kana, p->given_kana, p->sex, p->birth.y, p->birth.m, p->birth.d,
		  p->phone, (int)p->rel, p->school ? p->school : "");
}

/* The first 1,000 people of a seed, one line each, with the household data. */
static char *first_people(uint64_t seed)
{
	struct gen_rng r;
	struct gen_household h;
	struct sbuf sb = {0};
	int people = 0;

	gen_rng_seed(&r, seed);
	while (people < 1000) {
		gen_household_make(vocab, &r, ref_date, &h);
		sbuf_addf(&sb, "%s|%s|%d|%d\n", h.address, h.phone, h.address_secret,
			  (int)h.kana_form);
		for (size_t i = 0; i < h.n && people < 1000; i++, people++)
			person_line(&h.member[i], &sb);
	}
	return sbuf_detach(&sb);
}

static void test_people_deterministic(void **state)
{
	char *a = first_people(42), *b = first_people(42), *c = first_people(43);

	(void)state;
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	free(a);
	free(b);
	free(c);
}

static void test_person_make(void **state)
{
	struct gen_rng r;
	struct gen_person p;
	struct date from = {2010, 4, 2}, to = {2011, 4, 1};

	(void)state;
	gen_rng_seed(&r, 8);
	for (int i = 0; i < 1000; i++) {
		gen_person_make(vocab, &r, GEN_SEX_FEMALE, from, to, &p);
		assert_true(date_cmp(p.birth, from) >= 0 && date_cmp(p.birth, to) <= 0);
		assert_int_equal(p.sex, GEN_SEX_FEMALE);
		assert_true(only_hiragana(p.family_kana) && only_hiragana(p.given_kana));
		assert_string_equal(p.phone, "");
	}
	gen_person_make(vocab, &r, GEN_SEX_MALE, to, to, &p);
	assert_int_equal(date_cmp(p.birth, to), 0);
}

static bool is_parent(enum gen_relation rel)
{
	return rel != GEN_REL_CHILD;
}

static void check_phone(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (!*s)
		return;
	assert_int_equal(strncmp(s, prefix, n), 0);
	assert_int_equal(strlen(s), n + 4);
	for (size_t i = n; i < n + 4; i++)
		assert_true(s[i] >= '0' && s[i] <= '9');
}

static void check_household(const struct gen_household *h, long *kids)
{
	const char *city = gen_vocab_city(vocab)->text;

	assert_true(h->n >= 2 && h->n <= GEN_HOUSEHOLD_MAX);
	assert_int_equal(strncmp(h->address, city, strlen(city)), 0);
	assert_non_null(h->town);
	check_phone(h->phone, "0000-00-");
	for (size_t i = 0; i < h->n; i++) {
		const struct gen_person *c = &h->member[i];
		assert_true(date_valid(c->birth.y, c->birth.m, c->birth.d));
		assert_true(c->kana_form == h->kana_form);
		check_phone(c->phone, "090-0000-");
		if (c->rel != GEN_REL_CHILD)
			continue;
		(*kids)++;
		assert_true(date_cmp(c->birth, ref_date) <= 0);
		assert_in_range(date_age(c->birth, ref_date), 0, 17);
		for (size_t j = 0; j < h->n; j++)
			if (is_parent(h->member[j].rel))
				assert_true(date_age(h->member[j].birth, c->birth) >= 16);
	}
}

static void test_households_consistent(void **state)
{
	struct gen_rng r;
	struct gen_household h;
	long kids = 0, secret = 0, other_surname = 0, variant = 0, single = 0, grand = 0;
	long halfwidth = 0;
	const int n = 20000;

	(void)state;
	gen_rng_seed(&r, 9);
	for (int i = 0; i < n; i++) {
		long before = kids;
		bool father = false, mother = false;
		gen_household_make(vocab, &r, ref_date, &h);
		check_household(&h, &kids);
		assert_in_range(kids - before, 1, 4);
		secret += h.address_secret;
		halfwidth += h.kana_form == GEN_KANA_HALFWIDTH;
		const char *kids_family = NULL;
		for (size_t j = 0; j < h.n; j++)
			if (h.member[j].rel == GEN_REL_CHILD && !kids_family)
				kids_family = h.member[j].family;
		for (size_t j = 0; j < h.n; j++) {
			enum gen_relation rel = h.member[j].rel;
			father |= rel == GEN_REL_FATHER || rel == GEN_REL_STEPFATHER;
			mother |= rel == GEN_REL_MOTHER || rel == GEN_REL_STEPMOTHER;
			grand |= rel >= GEN_REL_GRANDFATHER;
			variant += h.member[j].family != h.member[j].family_std;
			other_surname += rel == GEN_REL_STEPFATHER &&
					 strcmp(h.member[j].family, kids_family) != 0;
		}
		single += father != mother;
	}
	assert_in_range(secret, n / 200, n / 20);
	assert_in_range(single, n / 10, n / 3);
	assert_true(grand > 0 && other_surname > 0 && variant > 0);
	assert_in_range(halfwidth, n / 50, n / 10);
	assert_in_range(kids / n, 1, 3);
}

/* ---- loader errors ------------------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t k;

	assert_non_null(in);
	assert_non_null(out);
	while ((k = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, k, out), k);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* A directory with good copies of the data files, one replaced by text. */
static const char *bad_dir(const char *file, const char *text)
{
	static const char *const files[] = {"surnames.tsv", "given_m.tsv", "given_f.tsv",
					    "places.tsv", "phrases.tsv"};
	static int serial;
	const char *data = getenv("TSUNAGU_DATA_DIR");
	static char dir[512];
	char *d = testutil_path("gen"), *cmd;
	FILE *f;

	snprintf(dir, sizeof dir, "%s%d", d, serial++);
	free(d);
	cmd = xasprintf("mkdir -p '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	assert_non_null(data);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *src = xasprintf("%s/gen/%s", data, files[i]);
		char *dst = xasprintf("%s/%s", dir, files[i]);
		copy_file(src, dst);
		free(src);
		free(dst);
	}
	if (file) {
		char *p = xasprintf("%s/%s", dir, file);
		f = fopen(p, "wb");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
		free(p);
	}
	return dir;
}

static void expect_error(const char *file, const char *text, int code, const char *where)
{
	struct gen_vocab *v = (struct gen_vocab *)1;
	struct tsu_err e = {0};

	assert_int_equal(gen_vocab_load(bad_dir(file, text), &v, &e), code);
	assert_null(v);
	assert_int_equal(e.code, code);
	if (!strstr(e.msg, where))
		fail_msg("message \"%s\" does not name %s", e.msg, where);
}

static void test_loader_errors(void **state)
{
	struct gen_vocab *v = NULL;
	struct tsu_err e = {0};

	(void)state;
	assert_int_equal(gen_vocab_load(bad_dir(NULL, NULL), &v, &e), 0);
	gen_vocab_free(&v);
	assert_null(v);
	gen_vocab_free(&v);
	gen_vocab_free(NULL);

	expect_error("surnames.tsv", "# c\n佐藤\tさとう\t10\t-\n鈴木\tすずき\t10\n", TSU_EINVAL,
		     "surnames.tsv:3: 列が 3 個");
	expect_error("surnames.tsv", "# c\n\n佐藤\tサトウ\t10\t-\n", TSU_EINVAL,
		     "surnames.tsv:3: よみ「サトウ」");
	expect_error("surnames.tsv", "佐藤\tさとう\t0\t-\n", TSU_EINVAL, "surnames.tsv:1: 重み「0」");
	expect_error("surnames.tsv", "佐藤\tさとう\t12x\t-\n", TSU_EINVAL, "surnames.tsv:1: 重み");
	expect_error("surnames.tsv", "佐藤\tさとう\t1\t-\n髙橋\tたかはし\t1\t高橋\n", TSU_EINVAL,
		     "surnames.tsv:2: 標準表記「高橋」");
	expect_error("surnames.tsv", "佐藤\tさとう\t1\t-\r\n\t\t1\t-\r\n", TSU_EINVAL,
		     "surnames.tsv:2: 1 列目が空");
	expect_error("surnames.tsv", "佐\xff藤\tさとう\t1\t-\n", TSU_EENCODING, "surnames.tsv:1:");
	expect_error("surnames.tsv", "# only comments\n", TSU_EINVAL, "surnames.tsv");
	expect_error("given_f.tsv", "花\tはな\t5\tteen\n", TSU_EINVAL, "given_f.tsv:1: 世代「teen」");
	expect_error("given_m.tsv", "蓮\tれん\t5\tchild\n", TSU_EINVAL, "given_m.tsv: 世代 adult");
	expect_error("places.tsv", "市\tA市\tえーし\t0\n村\tB村\tびーむら\t0\n", TSU_EINVAL,
		     "places.tsv:2: 種別「村」");
	expect_error("places.tsv", "市\tA市\tえーし\t2\n", TSU_EINVAL, "places.tsv:1: 丁目数");
	expect_error("phrases.tsv", "家庭訪問\n", TSU_EINVAL, "phrases.tsv:1: 列が 1 個");
}

static void test_loader_missing_file(void **state)
{
	struct gen_vocab *v = NULL;
	struct tsu_err e = {0};
	char *p = xasprintf("%s/phrases.tsv", bad_dir(NULL, NULL));

	(void)state;
	assert_int_equal(remove(p), 0);
	*strrchr(p, '/') = '\0';
	assert_int_equal(gen_vocab_load(p, &v, &e), TSU_EIO);
	assert_non_null(strstr(e.msg, "phrases.tsv"));
	assert_null(v);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_reference_values),
		cmocka_unit_test(test_rng_streams),
		cmocka_unit_test(test_rng_below_edges),
		cmocka_unit_test(test_rng_no_modulo_bias),
		cmocka_unit_test(test_rng_chance_and_normal),
		cmocka_unit_test(test_rng_pick_frequencies),
		cmocka_unit_test(test_surname_frequencies),
		cmocka_unit_test(test_vocab_rows),
		cmocka_unit_test(test_vocab_variants_listed),
		cmocka_unit_test(test_variants_drawn),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_kana_halfwidth),
		cmocka_unit_test(test_kana_katakana),
		cmocka_unit_test(test_kana_every_reading),
		cmocka_unit_test(test_people_deterministic),
		cmocka_unit_test(test_person_make),
		cmocka_unit_test(test_households_consistent),
		cmocka_unit_test(test_loader_errors),
		cmocka_unit_test(test_loader_missing_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
