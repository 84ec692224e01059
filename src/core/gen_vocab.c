/* gen_vocab.c: the synthetic-data vocabulary in data/gen/ and weighted draws
 * from it. Each file is read whole into one buffer that the rows point into;
 * rows keep file order so that draws do not depend on anything but the files
 * and the seed. The checks here are strict (column counts, hiragana
 * readings, known kinds, variants that name an existing common spelling)
 * because a bad row would otherwise surface as odd demo data much later. */
#include "tsunagu/gen.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/paths.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

#define MAX_COLS 4
#define WEIGHT_MAX 1000000000u
#define CHOME_MAX 9

/* A subset of one list to draw from: uniform when cum is NULL. */
struct table {
	size_t *idx;
	uint64_t *cum;
	size_t n;
};

struct list {
	struct gen_entry *e;
	size_t n;
	char *buf;  /* the file's bytes; e[] points into it */
	char *path; /* for messages */
};

struct gen_vocab {
	struct list list[GEN_LIST_COUNT];
	struct table surnames;
	struct table given[2][GEN_COHORT_COUNT];
	struct table places[GEN_PLACE_COUNT];
	struct table *phrases; /* one per phrase kind */
	const char **phrase_kinds;
	size_t nphrase_kinds;
};

/* What the row parsers need to report an error. */
struct loader {
	struct gen_vocab *v;
	const char *path;
	unsigned line;
	struct tsu_err *e;
};

struct listdef {
	const char *file;
	int cols;
	int (*row)(struct loader *ld, char **f, struct gen_entry *out);
};

static const char *const cohort_names[GEN_COHORT_COUNT] = {"child", "adult", "elder"};
static const char *const place_kinds[GEN_PLACE_COUNT] = {
	"市", "町名", "建物", "保育所", "幼稚園", "小学校", "中学校", "高校",
};

static int vfail(struct loader *ld, int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static int bad(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "<path>:<line>: <message>" with code. */
static int vfail(struct loader *ld, int code, const char *fmt, va_list ap)
{
	char msg[384];

	vsnprintf(msg, sizeof msg, fmt, ap);
	return err_set(ld->e, code, "%s:%u: %s", ld->path, ld->line, msg);
}

/* A bad row: TSU_EINVAL at the current line. */
static int bad(struct loader *ld, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(ld, TSU_EINVAL, fmt, ap);
	va_end(ap);
	return rc;
}

static int bad_encoding(struct loader *ld, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad_encoding(struct loader *ld, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(ld, TSU_EENCODING, fmt, ap);
	va_end(ap);
	return rc;
}

/* A decimal number in [min, max], digits only. */
static bool parse_count(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return !*end && !errno && *out >= min && *out <= max;
}

static int parse_weight(struct loader *ld, const char *s, uint32_t *out)
{
	unsigned long w;

	if (!parse_count(s, 1, WEIGHT_MAX, &w))
		return bad(ld, "重み「%s」は 1 以上 10 億以下の整数で書いてください", s);
	*out = (uint32_t)w;
	return 0;
}

static int parse_kana(struct loader *ld, const char *s)
{
	if (!gen_kana_is_hiragana(s))
		return bad(ld, "よみ「%s」はひらがな (と ー) だけで書いてください", s);
	return 0;
}

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* surnames.tsv: 表記 よみ 重み 標準表記 */
static int row_surname(struct loader *ld, char **f, struct gen_entry *out)
{
	int rc;

	out->text = f[0];
	out->kana = f[1];
	if ((rc = parse_kana(ld, f[1])) || (rc = parse_weight(ld, f[2], &out->weight)))
		return rc;
	if (strcmp(f[3], f[0]) == 0)
		return bad(ld, "標準表記「%s」が表記と同じです (共通の表記なら - と書きます)", f[3]);
	out->std = strcmp(f[3], "-") == 0 ? f[0] : f[3];
	return 0;
}

/* given_m.tsv, given_f.tsv: 表記 よみ 重み 世代 */
static int row_given(struct loader *ld, char **f, struct gen_entry *out)
{
	int rc;

	out->text = f[0];
	out->kana = f[1];
	if ((rc = parse_kana(ld, f[1])) || (rc = parse_weight(ld, f[2], &out->weight)))
		return rc;
	out->kind = lookup(cohort_names, GEN_COHORT_COUNT, f[3]);
	if (out->kind < 0)
		return bad(ld, "世代「%s」は child, adult, elder のどれかです", f[3]);
	out->label = cohort_names[out->kind];
	return 0;
}

/* places.tsv: 種別 名称 よみ 丁目数 */
static int row_place(struct loader *ld, char **f, struct gen_entry *out)
{
	unsigned long chome;
	int rc;

	out->kind = lookup(place_kinds, GEN_PLACE_COUNT, f[0]);
	if (out->kind < 0)
		return bad(ld, "種別「%s」を知りません (市 町名 建物 保育所 幼稚園 小学校 中学校 高校)",
			   f[0]);
	out->label = place_kinds[out->kind];
	out->text = f[1];
	out->kana = f[2];
	out->weight = 1;
	if ((rc = parse_kana(ld, f[2])))
		return rc;
	if (!parse_count(f[3], 0, CHOME_MAX, &chome))
		return bad(ld, "丁目数「%s」は 0 から 9 の整数で書いてください", f[3]);
	if (chome && out->kind != GEN_PLACE_TOWN)
		return bad(ld, "丁目数「%s」は 町名 の行にだけ書けます (ほかは 0)", f[3]);
	out->chome = (int)chome;
	return 0;
}

/* phrases.tsv: 種別 文 */
static int row_phrase(struct loader *ld, char **f, struct gen_entry *out)
{
	struct gen_vocab *v = ld->v;
	size_t k;

	for (k = 0; k < v->nphrase_kinds; k++)
		if (strcmp(v->phrase_kinds[k], f[0]) == 0)
			break;
	if (k == v->nphrase_kinds) {
		v->phrase_kinds = xreallocarray(v->phrase_kinds, k + 1, sizeof *v->phrase_kinds);
		v->phrase_kinds[v->nphrase_kinds++] = f[0];
	}
	out->label = f[0];
	out->kind = (int)k;
	out->text = f[1];
	out->weight = 1;
	return 0;
}

static const struct listdef lists[GEN_LIST_COUNT] = {
	[GEN_SURNAMES] = {"surnames.tsv", 4, row_surname},
	[GEN_GIVEN_M] = {"given_m.tsv", 4, row_given},
	[GEN_GIVEN_F] = {"given_f.tsv", 4, row_given},
	[GEN_PLACES] = {"places.tsv", 4, row_place},
	[GEN_PHRASES] = {"phrases.tsv", 2, row_phrase},
};

static int read_all(const char *path, char **out, size_t *len, struct tsu_err *e)
{
	FILE *fp = fopen(path, "rb");
	struct sbuf sb = {0};
	char chunk[8192];
	size_t k;
	int rc = 0;

	if (!fp)
		return err_set(e, TSU_EIO, "%s を開けません: %s", path, strerror(errno));
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
		sbuf_add(&sb, chunk, k);
	if (ferror(fp))
		rc = err_set(e, TSU_EIO, "%s を読めません", path);
	fclose(fp);
	*len = sb.len;
	*out = sbuf_detach(&sb);
	return rc;
}

/* Cut the next line out of *pos (NUL-terminated, without "\r\n"); NULL at the end. */
static char *next_line(char **pos)
{
	char *line = *pos, *nl;
	size_t len;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*pos = nl + 1;
	} else {
		*pos = line + strlen(line);
	}
	len = strlen(line);
	if (len && line[len - 1] == '\r')
		line[len - 1] = '\0';
	return line;
}

/* Split line at tabs into exactly want non-empty fields. */
static int split(struct loader *ld, char *line, int want, char **f)
{
	int n = 0;

	for (char *p = line;; p++) {
		if (n < MAX_COLS)
			f[n] = p;
		n++;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p = '\0';
	}
	if (n != want)
		return bad(ld, "列が %d 個あります (タブ区切りで %d 列のはず)", n, want);
	for (int i = 0; i < n; i++)
		if (!*f[i])
			return bad(ld, "%d 列目が空です", i + 1);
	return 0;
}

static int parse_line(struct loader *ld, const struct listdef *def, char *line, struct list *l)
{
	char *f[MAX_COLS];
	struct gen_entry row = {0};
	int rc;

	if (!utf8_valid(line, strlen(line)))
		return bad_encoding(ld, "UTF-8 として正しくないバイトがあります");
	if ((rc = split(ld, line, def->cols, f)) || (rc = def->row(ld, f, &row)))
		return rc;
	row.line = ld->line;
	l->e = xreallocarray(l->e, l->n + 1, sizeof *l->e);
	l->e[l->n++] = row;
	return 0;
}

static int parse_list(struct loader *ld, const struct listdef *def, struct list *l)
{
	char *pos = l->buf, *line;
	int rc;

	if (strncmp(pos, "\xEF\xBB\xBF", 3) == 0)
		pos += 3; /* a BOM from a spreadsheet export */
	for (ld->line = 1; (line = next_line(&pos)); ld->line++) {
		if (!*line || *line == '#')
			continue;
		if ((rc = parse_line(ld, def, line, l)))
			return rc;
	}
	if (l->n == 0)
		return err_set(ld->e, TSU_EINVAL, "%s: 行がひとつもありません", ld->path);
	return 0;
}

static char *list_path(const char *dir, const char *file, struct tsu_err *e)
{
	char *rel, *p;

	if (dir)
		return xasprintf("%s/%s", dir, file);
	rel = xasprintf("gen/%s", file);
	p = paths_data_file(rel, e);
	free(rel);
	return p;
}

static int load_list(struct gen_vocab *v, const char *dir, enum gen_list which, struct tsu_err *e)
{
	struct loader ld = {v, NULL, 0, e};
	struct list *l = &v->list[which];
	size_t len;
	int rc;

	l->path = list_path(dir, lists[which].file, e);
	if (!l->path)
		return e && e->code ? e->code : TSU_EIO;
	ld.path = l->path;
	rc = read_all(l->path, &l->buf, &len, e);
	if (rc == 0 && strlen(l->buf) != len)
		rc = err_set(e, TSU_EENCODING, "%s: NUL バイトが含まれています", l->path);
	if (rc == 0)
		rc = parse_list(&ld, &lists[which], l);
	return rc;
}

/* ---- draw tables --------------------------------------------------------- */

static void table_add(struct table *t, size_t i, uint32_t weight, bool weighted)
{
	t->idx = xreallocarray(t->idx, t->n + 1, sizeof *t->idx);
	t->idx[t->n] = i;
	if (weighted) {
		t->cum = xreallocarray(t->cum, t->n + 1, sizeof *t->cum);
		t->cum[t->n] = (t->n ? t->cum[t->n - 1] : 0) + weight;
	}
	t->n++;
}

static void table_release(struct table *t)
{
	free(t->idx);
	free(t->cum);
	t->idx = NULL;
	t->cum = NULL;
	t->n = 0;
}

static size_t table_draw(const struct table *t, struct gen_rng *r)
{
	if (t->cum)
		return t->idx[gen_rng_pick(r, t->cum, t->n)];
	return t->idx[gen_rng_below(r, t->n)];
}

static const struct gen_entry *find_common(const struct list *l, const char *text)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->e[i].std == l->e[i].text && strcmp(l->e[i].text, text) == 0)
			return &l->e[i];
	return NULL;
}

static int index_surnames(struct gen_vocab *v, struct tsu_err *e)
{
	const struct list *l = &v->list[GEN_SURNAMES];

	for (size_t i = 0; i < l->n; i++) {
		const struct gen_entry *x = &l->e[i];
		if (x->std != x->text && !find_common(l, x->std))
			return err_set(e, TSU_EINVAL,
				       "%s:%u: 標準表記「%s」の行 (標準表記が - の行) がありません",
				       l->path, x->line, x->std);
		table_add(&v->surnames, i, x->weight, true);
	}
	return 0;
}

static int index_given(struct gen_vocab *v, int sex, struct tsu_err *e)
{
	enum gen_list which = sex ? GEN_GIVEN_F : GEN_GIVEN_M;
	const struct list *l = &v->list[which];

	for (size_t i = 0; i < l->n; i++)
		table_add(&v->given[sex][l->e[i].kind], i, l->e[i].weight, true);
	for (int c = 0; c < GEN_COHORT_COUNT; c++)
		if (v->given[sex][c].n == 0)
			return err_set(e, TSU_EINVAL, "%s: 世代 %s の名前がひとつもありません",
				       l->path, cohort_names[c]);
	return 0;
}

static int index_places(struct gen_vocab *v, struct tsu_err *e)
{
	const struct list *l = &v->list[GEN_PLACES];

	for (size_t i = 0; i < l->n; i++)
		table_add(&v->places[l->e[i].kind], i, 1, false);
	if (v->places[GEN_PLACE_CITY].n > 1)
		return err_set(e, TSU_EINVAL, "%s:%u: 種別「市」の行は 1 行だけにしてください",
			       l->path, l->e[v->places[GEN_PLACE_CITY].idx[1]].line);
	for (int k = 0; k < GEN_PLACE_COUNT; k++)
		if (v->places[k].n == 0)
			return err_set(e, TSU_EINVAL, "%s: 種別「%s」の行がひとつもありません",
				       l->path, place_kinds[k]);
	return 0;
}

static void index_phrases(struct gen_vocab *v)
{
	const struct list *l = &v->list[GEN_PHRASES];

	v->phrases = xcalloc(v->nphrase_kinds, sizeof *v->phrases);
	for (size_t i = 0; i < l->n; i++)
		table_add(&v->phrases[l->e[i].kind], i, 1, false);
}

static int build_index(struct gen_vocab *v, struct tsu_err *e)
{
	int rc;

	if ((rc = index_surnames(v, e)) || (rc = index_given(v, 0, e)) ||
	    (rc = index_given(v, 1, e)) || (rc = index_places(v, e)))
		return rc;
	index_phrases(v);
	return 0;
}

/* ---- public -------------------------------------------------------------- */

int gen_vocab_load(const char *dir, struct gen_vocab **out, struct tsu_err *e)
{
	struct gen_vocab *v = xcalloc(1, sizeof *v);
	int rc = 0;

	*out = NULL;
	for (int i = 0; i < GEN_LIST_COUNT && rc == 0; i++)
		rc = load_list(v, dir, (enum gen_list)i, e);
	if (rc == 0)
		rc = build_index(v, e);
	if (rc) {
		gen_vocab_free(&v);
		return rc;
	}
	*out = v;
	return 0;
}

void gen_vocab_free(struct gen_vocab **vp)
{
	struct gen_vocab *v = vp ? *vp : NULL;

	if (!v)
		return;
	for (int i = 0; i < GEN_LIST_COUNT; i++) {
		free(v->list[i].e);
		free(v->list[i].buf);
		free(v->list[i].path);
	}
	table_release(&v->surnames);
	for (int s = 0; s < 2; s++)
		for (int c = 0; c < GEN_COHORT_COUNT; c++)
			table_release(&v->given[s][c]);
	for (int k = 0; k < GEN_PLACE_COUNT; k++)
		table_release(&v->places[k]);
	for (size_t k = 0; v->phrases && k < v->nphrase_kinds; k++)
		table_release(&v->phrases[k]);
	free(v->phrases);
	free(v->phrase_kinds);
	free(v);
	*vp = NULL;
}

size_t gen_vocab_count(const struct gen_vocab *v, enum gen_list l)
{
	return (unsigned)l < GEN_LIST_COUNT ? v->list[l].n : 0;
}

const struct gen_entry *gen_vocab_entry(const struct gen_vocab *v, enum gen_list l, size_t i)
{
	if ((unsigned)l >= GEN_LIST_COUNT || i >= v->list[l].n)
		return NULL;
	return &v->list[l].e[i];
}

const struct gen_entry *gen_vocab_city(const struct gen_vocab *v)
{
	return &v->list[GEN_PLACES].e[v->places[GEN_PLACE_CITY].idx[0]];
}

const struct gen_entry *gen_surname(const struct gen_vocab *v, struct gen_rng *r)
{
	return &v->list[GEN_SURNAMES].e[table_draw(&v->surnames, r)];
}

const struct gen_entry *gen_given(const struct gen_vocab *v, struct gen_rng *r, int sex,
				  enum gen_cohort c)
{
	int f = sex == GEN_SEX_FEMALE;

	if ((unsigned)c >= GEN_COHORT_COUNT)
		c = GEN_COHORT_ADULT;
	return &v->list[f ? GEN_GIVEN_F : GEN_GIVEN_M].e[table_draw(&v->given[f][c], r)];
}

const struct gen_entry *gen_place(const struct gen_vocab *v, struct gen_rng *r,
				  enum gen_place_kind k)
{
	if ((unsigned)k >= GEN_PLACE_COUNT)
		k = GEN_PLACE_TOWN;
	return &v->list[GEN_PLACES].e[table_draw(&v->places[k], r)];
}

const char *gen_phrase(const struct gen_vocab *v, struct gen_rng *r, const char *kind)
{
	for (size_t k = 0; k < v->nphrase_kinds; k++)
		if (strcmp(v->phrase_kinds[k], kind) == 0)
			return v->list[GEN_PHRASES].e[table_draw(&v->phrases[k], r)].text;
	return NULL;
}
