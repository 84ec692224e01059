/* key.c: search keys for Japanese names, addresses and phone numbers, and the
 * curated variant-kanji table (data/variants.tsv) behind key_variant.
 *
 * key_fold = NFKC_Casefold, then a pass that maps katakana to hiragana,
 * removes white space and middle dots and folds waves and dashes. Removing a
 * space can bring a base character next to a combining mark (NFKC turns ゛
 * into " " + U+3099), so the result is normalized again until it is stable:
 * key_fold(key_fold(s)) == key_fold(s). Normalizer instances are fetched once;
 * everything here is safe to call from several threads once the variant table
 * is loaded (loading it is not). */
#include "tsunagu/key.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "tsunagu/paths.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

#define LONG_VOWEL 0x30FCu /* ー */
#define MAX_KEY_INPUT (64u * 1024 * 1024)

struct vpair {
	uint32_t from, to;
};

static struct vpair *vtab;
static size_t vcount;

static const UNormalizer2 *nfkc_cf;
static pthread_once_t norm_once = PTHREAD_ONCE_INIT;

static void norm_init(void)
{
	UErrorCode st = U_ZERO_ERROR;

	nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_FAILURE(st))
		nfkc_cf = NULL;
}

static const UNormalizer2 *norm(void)
{
	pthread_once(&norm_once, norm_init);
	if (!nfkc_cf)
		util_fatal("ICU の NFKC_Casefold データを読み込めません");
	return nfkc_cf;
}

/* ---- UTF-16 work buffers -------------------------------------------------- */

struct u16 {
	UChar *p;
	int32_t len, cap;
};

static void u16_reserve(struct u16 *b, int32_t cap)
{
	if (cap > b->cap) {
		b->p = xreallocarray(b->p, (size_t)cap, sizeof *b->p);
		b->cap = cap;
	}
}

static void u16_from_utf8(struct u16 *b, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;

	if (len > MAX_KEY_INPUT)
		util_fatal("検索キーの元の文字列が長すぎます (%zu バイト)", len);
	/* UTF-16 never needs more units than UTF-8 has bytes */
	u16_reserve(b, (int32_t)len + 1);
	u_strFromUTF8WithSub(b->p, b->cap, &b->len, s, (int32_t)len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		util_fatal("UTF-16 への変換に失敗しました: %s", u_errorName(st));
}

/* dst = NFKC_Casefold(src) */
static void u16_normalize(struct u16 *dst, const struct u16 *src)
{
	UErrorCode st = U_ZERO_ERROR;

	u16_reserve(dst, src->len * 2 + 16);
	dst->len = unorm2_normalize(norm(), src->p, src->len, dst->p, dst->cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		u16_reserve(dst, dst->len + 1);
		dst->len = unorm2_normalize(norm(), src->p, src->len, dst->p, dst->cap, &st);
	}
	if (U_FAILURE(st))
		util_fatal("NFKC 正規化に失敗しました: %s", u_errorName(st));
}

static char *u16_to_utf8(const struct u16 *b)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t cap = (size_t)b->len * 3 + 1;
	char *out = xmalloc(cap);
	int32_t n = 0;

	u_strToUTF8WithSub(out, (int32_t)cap, &n, b->p, b->len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		util_fatal("UTF-8 への変換に失敗しました: %s", u_errorName(st));
	out[n] = '\0';
	return out;
}

/* ---- the folding pass ------------------------------------------------------- */

static bool is_kana(UChar32 c)
{
	return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB) ||
	       (c >= 0x31F0 && c <= 0x31FF);
}

static bool is_wave(UChar32 c)
{
	return c == 0x301C || c == 0x3030 || c == 0xFF5E || c == 0x223C || c == 0x2053;
}

static bool is_dash(UChar32 c)
{
	switch (c) {
	case 0x002D: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2043: case 0x2212: case 0x2500: case 0x2E3A: case 0x2E3B:
	case 0xFE58: case 0xFE63: case 0xFF0D: case 0x30FC: case 0xFF70:
		return true;
	default:
		return false;
	}
}

static bool is_dropped(UChar32 c)
{
	return u_isUWhiteSpace(c) || c == 0x30FB || c == 0xFF65 || c == 0x00B7;
}

/* Map one code point given the previous one written (for the dash rule). */
static UChar32 fold_cp(UChar32 c, UChar32 prev)
{
	if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE)
		return c - 0x60;
	if (is_wave(c))
		return '~';
	if (is_dash(c))
		return is_kana(prev) ? (UChar32)LONG_VOWEL : '-';
	return c;
}

/* In place: every mapping keeps or shrinks the UTF-16 length. */
static void fold_pass(struct u16 *b)
{
	int32_t i = 0, o = 0;
	UChar32 prev = 0;

	while (i < b->len) {
		UChar32 c;

		U16_NEXT(b->p, i, b->len, c);
		if (is_dropped(c))
			continue;
		c = fold_cp(c, prev);
		U16_APPEND_UNSAFE(b->p, o, c);
		prev = c;
	}
	b->len = o;
}

static bool u16_normalized(const struct u16 *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UBool ok = unorm2_isNormalized(norm(), b->p, b->len, &st);

	return U_SUCCESS(st) && ok;
}

/* The folded key of s[0..len) in a (a and tmp are work buffers). */
static void fold_u16(struct u16 *a, struct u16 *tmp, const char *s, size_t len)
{
	int round;

	u16_from_utf8(tmp, s, len);
	for (round = 0;; round++) {
		struct u16 swap;

		u16_normalize(a, tmp);
		fold_pass(a);
		if (round == 3 || u16_normalized(a))
			return;
		swap = *a;
		*a = *tmp;
		*tmp = swap;
	}
}

static void u16_release(struct u16 *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

static bool ascii_only(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* NFKC_Casefold on ASCII is lower-casing; white space goes as in fold_pass. */
static char *fold_ascii(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == ' ' || (c >= '\t' && c <= '\r'))
			continue;
		out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
	return out;
}

char *key_fold(const char *s)
{
	struct u16 a = { 0 }, tmp = { 0 };
	size_t len = s ? strlen(s) : 0;
	char *r;

	if (ascii_only(s, len))
		return fold_ascii(s, len);
	fold_u16(&a, &tmp, s, len);
	r = u16_to_utf8(&a);
	u16_release(&a);
	u16_release(&tmp);
	return r;
}

/* ---- variants ------------------------------------------------------------------- */

static int vpair_cmp(const void *x, const void *y)
{
	const struct vpair *a = x, *b = y;

	return a->from < b->from ? -1 : a->from > b->from;
}

static const struct vpair *vfind(const struct vpair *tab, size_t n, uint32_t cp)
{
	struct vpair k = { cp, 0 };

	if (n == 0)
		return NULL;
	return bsearch(&k, tab, n, sizeof *tab, vpair_cmp);
}

/* Map every code point through the table, in place (never grows). */
static void variant_pass(struct u16 *b)
{
	int32_t i = 0, o = 0;

	while (i < b->len) {
		UChar32 c;
		const struct vpair *v;

		U16_NEXT(b->p, i, b->len, c);
		if (c >= 0x2E80 && (v = vfind(vtab, vcount, (uint32_t)c)) != NULL &&
		    U16_LENGTH(v->to) <= U16_LENGTH(c))
			c = (UChar32)v->to;
		U16_APPEND_UNSAFE(b->p, o, c);
	}
	b->len = o;
}

char *key_variant(const char *s)
{
	struct u16 a = { 0 }, tmp = { 0 };
	size_t len = s ? strlen(s) : 0;
	char *r;

	if (ascii_only(s, len))
		return fold_ascii(s, len);
	fold_u16(&a, &tmp, s, len);
	if (vcount)
		variant_pass(&a);
	r = u16_to_utf8(&a);
	u16_release(&a);
	u16_release(&tmp);
	return r;
}

char *key_digits(const char *s)
{
	struct u16 a = { 0 }, tmp = { 0 };
	size_t len = s ? strlen(s) : 0, i, o = 0;
	char *r;

	if (ascii_only(s, len)) {
		r = xmalloc(len + 1);
		for (i = 0; i < len; i++)
			if (s[i] >= '0' && s[i] <= '9')
				r[o++] = s[i];
		r[o] = '\0';
		return r;
	}
	u16_from_utf8(&tmp, s, len);
	u16_normalize(&a, &tmp);
	r = xmalloc((size_t)a.len + 1);
	for (i = 0; i < (size_t)a.len; i++)
		if (a.p[i] >= '0' && a.p[i] <= '9')
			r[o++] = (char)a.p[i];
	r[o] = '\0';
	u16_release(&a);
	u16_release(&tmp);
	return r;
}

/* ---- loading the table --------------------------------------------------------- */

struct ventry {
	uint32_t from, to, raw;
	size_t line;
};

struct vload {
	const char *path;
	struct ventry *v;
	size_t n, cap;
	struct tsu_err *e;
};

static int ventry_cmp(const void *x, const void *y)
{
	const struct ventry *a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The single code point s is made of, or false. */
static bool one_cp(const char *s, uint32_t *cp)
{
	size_t len = strlen(s);
	bool ok;

	return len > 0 && utf8_decode(s, len, cp, &ok) == len && ok;
}

/* Field text -> its folded single code point; 0 or an error naming the line. */
static int field_cp(struct vload *ld, size_t line, const char *field, const char *what,
		    uint32_t *raw, uint32_t *folded)
{
	char *f;
	bool one;

	if (!one_cp(field, raw))
		return err_set(ld->e, TSU_EINVAL, "%s:%zu: %sは1文字で書いてください: 「%s」", ld->path,
			       line, what, field);
	f = key_fold(field);
	one = one_cp(f, folded);
	free(f);
	if (!one)
		return err_set(ld->e, TSU_EINVAL, "%s:%zu: %s「%s」は正規化すると1文字になりません",
			       ld->path, line, what, field);
	return 0;
}

static void ventry_add(struct vload *ld, uint32_t from, uint32_t to, uint32_t raw, size_t line)
{
	if (ld->n == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 256;
		ld->v = xreallocarray(ld->v, ld->cap, sizeof *ld->v);
	}
	ld->v[ld->n++] = (struct ventry){ from, to, raw, line };
}

/* Split "variant<TAB>canonical[<TAB># comment]" in place. */
static int split_line(struct vload *ld, size_t line, char *s, char **var, char **canon)
{
	char *tab = strchr(s, '\t'), *rest;

	if (!tab)
		return err_set(ld->e, TSU_EINVAL,
			       "%s:%zu: 異体字<TAB>正字 の形式ではありません", ld->path, line);
	*tab = '\0';
	*var = s;
	*canon = tab + 1;
	rest = strchr(*canon, '\t');
	if (rest) {
		*rest++ = '\0';
		rest += strspn(rest, " \t");
		if (*rest && *rest != '#')
			return err_set(ld->e, TSU_EINVAL,
				       "%s:%zu: 3列目は # で始まる注釈にしてください", ld->path, line);
	}
	return 0;
}

static int parse_line(struct vload *ld, size_t line, char *s)
{
	char *var = NULL, *canon = NULL;
	uint32_t rv, rc, fv, fc;
	int rc_err;

	if (!utf8_valid(s, strlen(s)))
		return err_set(ld->e, TSU_EENCODING, "%s:%zu: UTF-8 ではないバイトがあります",
			       ld->path, line);
	if (s[strspn(s, " \t")] == '\0' || s[strspn(s, " \t")] == '#')
		return 0;
	if ((rc_err = split_line(ld, line, s, &var, &canon)) != 0 ||
	    (rc_err = field_cp(ld, line, var, "異体字", &rv, &fv)) != 0 ||
	    (rc_err = field_cp(ld, line, canon, "正字", &rc, &fc)) != 0)
		return rc_err;
	if (rv == rc)
		return err_set(ld->e, TSU_EINVAL, "%s:%zu: 異体字と正字が同じ文字です: 「%s」",
			       ld->path, line, var);
	if (U16_LENGTH(fc) > U16_LENGTH(fv))
		return err_set(ld->e, TSU_EINVAL,
			       "%s:%zu: 基本面の異体字を補助面の正字には対応させられません: 「%s」",
			       ld->path, line, var);
	if (fv != fc) /* else NFKC already folds it (compatibility ideograph) */
		ventry_add(ld, fv, fc, rv, line);
	return 0;
}

static int read_file(struct vload *ld, FILE *f)
{
	char *buf = NULL;
	size_t cap = 0, line = 0;
	ssize_t n;
	int rc = 0;

	while (rc == 0 && (n = getline(&buf, &cap, f)) >= 0) {
		char *s = buf;

		line++;
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		if (line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		if (memchr(s, '\0', (size_t)n - (size_t)(s - buf)))
			rc = err_set(ld->e, TSU_EINVAL, "%s:%zu: NUL 文字があります", ld->path, line);
		else
			rc = parse_line(ld, line, s);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(ld->e, TSU_EIO, "%s: 読み込みに失敗しました: %s", ld->path,
			     strerror(errno));
	free(buf);
	return rc;
}

/* Sorted by variant: the same variant twice is an error unless it is the
 * same mapping written with two characters that fold alike. */
static int check_duplicates(struct vload *ld)
{
	size_t i, o = 0;

	for (i = 0; i < ld->n; i++) {
		struct ventry *p = o ? &ld->v[o - 1] : NULL, *c = &ld->v[i];

		if (p && p->from == c->from) {
			if (p->to != c->to)
				return err_set(ld->e, TSU_EINVAL,
					       "%s:%zu: 異体字 U+%04X の正字が %zu 行目と違います",
					       ld->path, c->line, (unsigned)c->from, p->line);
			if (p->raw == c->raw)
				return err_set(ld->e, TSU_EINVAL,
					       "%s:%zu: %zu 行目と重複しています", ld->path,
					       c->line, p->line);
			continue;
		}
		ld->v[o++] = *c;
	}
	ld->n = o;
	return 0;
}

static const struct ventry *ventry_find(const struct vload *ld, uint32_t cp)
{
	size_t lo = 0, hi = ld->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ld->v[mid].from == cp)
			return &ld->v[mid];
		if (ld->v[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A canonical that is itself a variant (A→B, B→C) resolves to the end of the
 * chain (A→C); a chain that comes back is an error. */
static int resolve_chains(struct vload *ld, struct vpair *out)
{
	size_t i, steps;

	for (i = 0; i < ld->n; i++) {
		uint32_t to = ld->v[i].to;
		const struct ventry *next;

		for (steps = 0; (next = ventry_find(ld, to)) != NULL; steps++) {
			if (steps > ld->n || next->to == ld->v[i].from)
				return err_set(ld->e, TSU_EINVAL,
					       "%s:%zu: 異体字の対応が循環しています (U+%04X)",
					       ld->path, ld->v[i].line, (unsigned)ld->v[i].from);
			to = next->to;
		}
		out[i] = (struct vpair){ ld->v[i].from, to };
	}
	return 0;
}

int key_load_variants(const char *path, struct tsu_err *e)
{
	struct vload ld = { .path = path, .e = e };
	struct vpair *tab = NULL;
	FILE *f = fopen(path, "r");
	int rc;

	if (!f)
		return err_set(e, TSU_EIO, "異体字表 %s を開けません: %s", path, strerror(errno));
	rc = read_file(&ld, f);
	fclose(f);
	if (rc == 0) {
		if (ld.n)
			qsort(ld.v, ld.n, sizeof *ld.v, ventry_cmp);
		rc = check_duplicates(&ld);
	}
	if (rc == 0) {
		tab = xcalloc(ld.n ? ld.n : 1, sizeof *tab);
		rc = resolve_chains(&ld, tab);
	}
	if (rc == 0) {
		free(vtab);
		vtab = tab; /* sorted by from, as ld.v was */
		vcount = ld.n;
		tab = NULL;
	}
	free(tab);
	free(ld.v);
	return rc;
}

int key_load_default(struct tsu_err *e)
{
	char *path = paths_data_file("variants.tsv", e);
	int rc;

	if (!path)
		return e && e->code ? e->code : TSU_ENOTFOUND;
	rc = key_load_variants(path, e);
	free(path);
	return rc;
}

size_t key_variant_count(void)
{
	return vcount;
}

void key_unload(void)
{
	free(vtab);
	vtab = NULL;
	vcount = 0;
}
