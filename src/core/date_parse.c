/* date_parse.c: date_parse, reading a date the way a Japanese office types it.
 * Three table-driven passes: normalize (NFKC's full-width ASCII, ideographic
 * space, IME hyphen look-alikes, squared era ligatures), tokenize (numbers,
 * era names, short names and letters from the loaded table, 年月日元,
 * separators, weekdays), then match the token kinds against a table of
 * accepted forms and check the date, saying in Japanese what is wrong and
 * where. No sscanf: every digit is seen by lex_number. */
#include "tsunagu/date.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_priv.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

#define INPUT_MAX 256   /* bytes of input the parser looks at */
#define NORM_MAX (INPUT_MAX * 2)
#define TOKEN_MAX 24
#define NUM_DIGITS_MAX 9 /* keeps every number inside an int */

/* ---- parsing: normalization --------------------------------------------- */

/* Code points folded before tokenizing: NFKC's full-width ASCII, ideographic
 * space, the look-alikes of "-" that IMEs produce, and NFKC's decomposition
 * of the squared era ligatures (the names are still matched against the
 * loaded table). to == NULL means "subtract 0xFEE0" (full-width ASCII). */
static const struct fold {
	uint32_t lo, hi;
	const char *to;
} folds[] = {
	{ 0xFF01, 0xFF5E, NULL },    { 0x3000, 0x3000, " " },     { 0x00A0, 0x00A0, " " },
	{ 0x2010, 0x2015, "-" },     { 0x2212, 0x2212, "-" },     { 0x30FC, 0x30FC, "-" },
	{ 0xFF70, 0xFF70, "-" },     { 0xFE63, 0xFE63, "-" },     { 0x337E, 0x337E, "明治" },
	{ 0x337D, 0x337D, "大正" },  { 0x337C, 0x337C, "昭和" },  { 0x337B, 0x337B, "平成" },
	{ 0x32FF, 0x32FF, "令和" },
};

/* Normalized text, with the input offset each normalized byte came from. */
struct norm {
	char s[NORM_MAX + 8];
	unsigned short from[NORM_MAX + 8];
	size_t len;
};

static void norm_add(struct norm *nm, const char *s, size_t n, size_t from)
{
	size_t i;

	for (i = 0; i < n; i++) {
		nm->s[nm->len] = s[i];
		nm->from[nm->len++] = (unsigned short)from;
	}
	nm->s[nm->len] = '\0';
}

/* Append code point cp (bytes raw[0..rlen) of the input, at from). */
static void norm_fold(struct norm *nm, uint32_t cp, const char *raw, size_t rlen, size_t from)
{
	size_t i;
	char c;

	for (i = 0; i < sizeof folds / sizeof folds[0]; i++) {
		if (cp < folds[i].lo || cp > folds[i].hi)
			continue;
		if (folds[i].to) {
			norm_add(nm, folds[i].to, strlen(folds[i].to), from);
		} else {
			c = (char)(cp - 0xFEE0);
			norm_add(nm, &c, 1, from);
		}
		return;
	}
	norm_add(nm, raw, rlen, from);
}

static int normalize(const char *s, size_t n, struct norm *nm, struct tsu_err *e)
{
	size_t off = 0, len;
	uint32_t cp;
	bool valid;

	nm->len = 0;
	nm->s[0] = '\0';
	while (off < n) {
		len = utf8_decode(s + off, n - off, &cp, &valid);
		if (!valid)
			return err_set(e, TSU_EINVAL,
				       "日付に文字化けした文字があります (%zuバイト目が UTF-8 ではありません)",
				       off + 1);
		norm_fold(nm, cp, s + off, len, off);
		off += len;
	}
	nm->from[nm->len] = (unsigned short)n;
	return 0;
}

/* ---- parsing: tokens ---------------------------------------------------- */

/* Token kinds double as the letters of the form patterns below. */
enum {
	TK_NUM = 'N',   /* digits */
	TK_ERA = 'E',   /* era name, short name or letter; val = era index */
	TK_GAN = 'G',   /* 元 (year 1) */
	TK_SEP = 's',   /* - / . ; val = the character */
	TK_NEN = 'Y',   /* 年 */
	TK_TSUKI = 'M', /* 月 (also Monday inside "(...)") */
	TK_NICHI = 'D', /* 日 (also Sunday inside "(...)") */
	TK_WDAY = 'K',  /* 火水木金土 */
	TK_OPEN = '(',
	TK_CLOSE = ')',
	TK_WORD = 'W', /* Latin letters that are no era */
	TK_BAD = '?'   /* a character no date uses */
};

struct token {
	char kind;
	int val;      /* number, era index, separator, weekday */
	int ndig;     /* TK_NUM: digit count */
	size_t from;  /* input byte span */
	size_t to;
	uint32_t cp;  /* TK_BAD: the character */
};

static const struct kanji {
	const char *s;
	char kind;
	int val;
} kanji[] = {
	{ "年", TK_NEN, -1 },  { "月", TK_TSUKI, 1 }, { "日", TK_NICHI, 0 }, { "元", TK_GAN, 1 },
	{ "火", TK_WDAY, 2 },  { "水", TK_WDAY, 3 },  { "木", TK_WDAY, 4 },  { "金", TK_WDAY, 5 },
	{ "土", TK_WDAY, 6 },  { "(", TK_OPEN, 0 },   { ")", TK_CLOSE, 0 },  { "-", TK_SEP, '-' },
	{ "/", TK_SEP, '/' },  { ".", TK_SEP, '.' },
};

struct lexer {
	const struct norm *nm;
	size_t pos;
	struct token t[TOKEN_MAX];
	int n;
	char kinds[TOKEN_MAX + 1];
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int lex_number(struct lexer *lx, struct token *t, struct tsu_err *e)
{
	const char *s = lx->nm->s;
	size_t i = lx->pos;

	t->kind = TK_NUM;
	while (is_digit(s[i])) {
		if (++t->ndig > NUM_DIGITS_MAX)
			break;
		t->val = t->val * 10 + (s[i++] - '0');
	}
	if (t->ndig > NUM_DIGITS_MAX) {
		while (is_digit(s[i]))
			i++;
		return err_set(e, TSU_EINVAL, "数字「%.*s」が長すぎます", (int)(i - lx->pos),
			       s + lx->pos);
	}
	lx->pos = i;
	return 0;
}

static void lex_letters(struct lexer *lx, struct token *t)
{
	const char *s = lx->nm->s;
	size_t i = lx->pos;
	int k;

	while (is_alpha(s[i]))
		i++;
	t->kind = TK_WORD;
	if (i - lx->pos == 1)
		for (k = 0; k < date_n_eras; k++)
			if (date_eras[k].letter == (s[lx->pos] & ~0x20)) {
				t->kind = TK_ERA;
				t->val = k;
			}
	lx->pos = i;
}

/* Longest era name or short name at the current position; its length or 0. */
static size_t lex_era(struct lexer *lx, struct token *t)
{
	const char *s = lx->nm->s + lx->pos;
	size_t best = 0, len;
	int k, j;

	for (k = 0; k < date_n_eras; k++) {
		for (j = 0; j < 2; j++) {
			const char *name = j ? date_eras[k].abbr : date_eras[k].name;
			len = strlen(name);
			if (len > best && !strncmp(s, name, len)) {
				best = len;
				t->kind = TK_ERA;
				t->val = k;
			}
		}
	}
	return best;
}

/* The fixed characters (年月日元, weekdays, separators); its length or 0. */
static size_t lex_kanji(struct lexer *lx, struct token *t)
{
	const char *s = lx->nm->s + lx->pos;
	size_t i, len;

	for (i = 0; i < sizeof kanji / sizeof kanji[0]; i++) {
		len = strlen(kanji[i].s);
		if (!strncmp(s, kanji[i].s, len)) {
			t->kind = kanji[i].kind;
			t->val = kanji[i].val;
			return len;
		}
	}
	return 0;
}

/* One character no date uses. */
static void lex_bad(struct lexer *lx, struct token *t)
{
	const char *s = lx->nm->s + lx->pos;
	size_t len = utf8_decode(s, strlen(s), &t->cp, NULL);

	t->kind = TK_BAD;
	lx->pos += len > 0 ? len : 1;
}

static int lex_one(struct lexer *lx, struct token *t, struct tsu_err *e)
{
	char c = lx->nm->s[lx->pos];
	size_t len;

	memset(t, 0, sizeof *t);
	t->from = lx->nm->from[lx->pos];
	if (is_digit(c))
		return lex_number(lx, t, e);
	if (is_alpha(c))
		lex_letters(lx, t);
	else if ((len = lex_era(lx, t)) > 0 || (len = lex_kanji(lx, t)) > 0)
		lx->pos += len;
	else
		lex_bad(lx, t);
	return 0;
}

static int tokenize(struct lexer *lx, struct tsu_err *e)
{
	const char *s = lx->nm->s;
	int rc;

	lx->n = 0;
	lx->pos = 0;
	for (;;) {
		while (s[lx->pos] == ' ' || s[lx->pos] == '\t')
			lx->pos++;
		if (!s[lx->pos])
			break;
		if (lx->n == TOKEN_MAX)
			return err_set(e, TSU_EINVAL, "日付として長すぎます");
		if ((rc = lex_one(lx, &lx->t[lx->n], e)) < 0)
			return rc;
		lx->t[lx->n].to = lx->nm->from[lx->pos];
		lx->kinds[lx->n] = lx->t[lx->n].kind;
		lx->n++;
	}
	lx->kinds[lx->n] = '\0';
	return 0;
}

/* ---- parsing: forms ----------------------------------------------------- */

/* The accepted forms, as token kinds ('y' is a number or 元); the indexes
 * say which token holds the year, month, day and the two separators. */
static const struct form {
	const char *kinds;
	bool era;
	bool compact;
	int iy, im, id, is1, is2;
} forms[] = {
	{ "NsNsN", false, false, 0, 2, 4, 1, 3 },   /* 2024-04-01 2024/4/1 2024.4.1 */
	{ "N", false, true, 0, -1, -1, -1, -1 },    /* 20240401 */
	{ "NYNMND", false, false, 0, 2, 4, -1, -1 }, /* 2024年4月1日 */
	{ "EysNsN", true, false, 1, 3, 5, 2, 4 },   /* R6.4.1 令6.4.1 R6/4/1 */
	{ "EyYNMND", true, false, 1, 3, 5, -1, -1 }, /* 令和6年4月1日 令和元年5月1日 */
};

#define FORM_EXAMPLES "例: 2024-04-01, 2024/4/1, 20240401, R6.4.1, 令和6年4月1日"

/* Does token kind k fit pattern letter p? */
static bool kind_fits(char p, char k)
{
	return p == 'y' ? k == TK_NUM || k == TK_GAN : p == k;
}

/* Does the form match kinds[0..strlen(form))? */
static bool form_prefix(const struct form *f, const char *kinds)
{
	const char *p;

	for (p = f->kinds; *p; p++, kinds++)
		if (!*kinds || !kind_fits(*p, *kinds))
			return false;
	return true;
}

/* The longest form that is a prefix of the tokens, or NULL. */
static const struct form *form_find(const char *kinds)
{
	const struct form *best = NULL;
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (form_prefix(&forms[i], kinds) &&
		    (!best || strlen(forms[i].kinds) > strlen(best->kinds)))
			best = &forms[i];
	return best;
}

/* Are the tokens the beginning of some form, cut short? */
static bool form_truncated(const char *kinds)
{
	size_t i, j, n = strlen(kinds);

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		const char *p = forms[i].kinds;
		if (strlen(p) <= n)
			continue;
		for (j = 0; j < n; j++)
			if (!kind_fits(p[j], kinds[j]))
				break;
		if (j == n)
			return true;
	}
	return false;
}

/* Copy the input span [from, to) for a message, control characters as '?'. */
static const char *quote(const char *s, size_t from, size_t to, char buf[64])
{
	char tmp[INPUT_MAX + 1];
	size_t i, n = to - from;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[from + i];
		tmp[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	tmp[n] = '\0';
	strlcpy_utf8(buf, tmp, 64);
	return buf;
}

/* ---- parsing: checking the date ---------------------------------------- */

/* A parsed date before the checks; ylabel is the year as the user wrote it. */
struct ymd {
	int y, m, d;
	const struct era *era;
	int ey;
	char ylabel[64];
};

static int check_gregorian_year(const struct token *t, const char *s, struct tsu_err *e)
{
	char q[64];

	if (t->ndig <= 2)
		return err_set(e, TSU_EINVAL,
			       "2桁の年「%s」は何世紀か決められないので使えません (西暦は4桁、または R6.4.1 のように和暦で)",
			       quote(s, t->from, t->to, q));
	if (t->ndig != 4)
		return err_set(e, TSU_EINVAL, "西暦の年「%s」は4桁で書いてください",
			       quote(s, t->from, t->to, q));
	if (t->val == 0)
		return err_set(e, TSU_EINVAL, "西暦0年はありません");
	return 0;
}

static int check_part(const struct token *t, const char *what, const char *s, struct tsu_err *e)
{
	char q[64];

	if (t->ndig > 2)
		return err_set(e, TSU_EINVAL, "%s「%s」は2桁までです", what,
			       quote(s, t->from, t->to, q));
	return 0;
}

static int take_compact(const struct token *t, const char *s, struct ymd *v, struct tsu_err *e)
{
	char q[64];

	if (t->ndig == 6)
		return err_set(e, TSU_EINVAL,
			       "「%s」は2桁の年に見えますが、何世紀か決められないので使えません (20240401 のように8桁で)",
			       quote(s, t->from, t->to, q));
	if (t->ndig != 8)
		return err_set(e, TSU_EINVAL, "数字だけの日付「%s」は8桁 (20240401) で書いてください",
			       quote(s, t->from, t->to, q));
	v->y = t->val / 10000;
	v->m = t->val / 100 % 100;
	v->d = t->val % 100;
	if (v->y == 0)
		return err_set(e, TSU_EINVAL, "西暦0年はありません");
	snprintf(v->ylabel, sizeof v->ylabel, "%d年", v->y);
	return 0;
}

static int take_era_year(const struct token *t, struct ymd *v, struct tsu_err *e)
{
	char yb[16];

	v->ey = t->kind == TK_GAN ? 1 : t->val;
	if (t->kind == TK_GAN)
		snprintf(yb, sizeof yb, "元");
	else
		snprintf(yb, sizeof yb, "%d", t->val);
	snprintf(v->ylabel, sizeof v->ylabel, "%s%s年", v->era->name, yb);
	if (v->ey == 0)
		return err_set(e, TSU_EINVAL, "%s0年はありません (最初の年は元年です)",
			       v->era->name);
	if (t->ndig > 4)
		return err_set(e, TSU_EINVAL, "%sは大きすぎます", v->ylabel);
	v->y = v->era->start.y + v->ey - 1;
	return 0;
}

/* Year, month and day from the tokens of form f. */
static int take_fields(const struct form *f, const struct token *t, const char *s, struct ymd *v,
		       struct tsu_err *e)
{
	int rc;

	if (f->compact)
		return take_compact(&t[f->iy], s, v, e);
	if (f->is1 >= 0 && t[f->is1].val != t[f->is2].val)
		return err_set(e, TSU_EINVAL, "区切りの「%c」と「%c」がそろっていません",
			       t[f->is1].val, t[f->is2].val);
	if ((rc = check_part(&t[f->im], "月", s, e)) < 0 ||
	    (rc = check_part(&t[f->id], "日", s, e)) < 0)
		return rc;
	v->m = t[f->im].val;
	v->d = t[f->id].val;
	if (!f->era) {
		if ((rc = check_gregorian_year(&t[f->iy], s, e)) < 0)
			return rc;
		v->y = t[f->iy].val;
		snprintf(v->ylabel, sizeof v->ylabel, "%d年", v->y);
		return 0;
	}
	v->era = &date_eras[t[0].val];
	return take_era_year(&t[f->iy], v, e);
}

/* Is the era date inside its era? */
static int check_era_range(const struct ymd *v, struct tsu_err *e)
{
	const struct era *next = v->era + 1 < date_eras + date_n_eras ? v->era + 1 : NULL;
	long days = date_to_days((struct date){ v->y, v->m, v->d });
	const struct era *x = v->era;
	struct date last;

	if (days < x->start_days)
		return err_set(e, TSU_EINVAL, "%s%d月%d日はありません: %sは%d年%d月%d日からです",
			       v->ylabel, v->m, v->d, x->name, x->start.y, x->start.m,
			       x->start.d);
	if (next && days >= next->start_days) {
		last = date_from_days(next->start_days - 1);
		return err_set(e, TSU_EINVAL,
			       "%s%d月%d日はありません: %sは%d年%d月%d日までです (翌日から%s)",
			       v->ylabel, v->m, v->d, x->name, last.y, last.m, last.d, next->name);
	}
	return 0;
}

static int check_ymd(const struct ymd *v, struct tsu_err *e)
{
	if (v->m < 1 || v->m > 12)
		return err_set(e, TSU_EINVAL, "%d月はありません (月は1〜12)", v->m);
	if (v->y > 9999)
		return err_set(e, TSU_EINVAL, "%sは扱える範囲 (9999年まで) を超えています",
			       v->ylabel);
	if (v->d < 1 || v->d > date_month_days(v->y, v->m))
		return err_set(e, TSU_EINVAL, "%s%d月%d日という日付はありません", v->ylabel, v->m,
			       v->d);
	if (v->era)
		return check_era_range(v, e);
	return 0;
}

/* After a whole date: nothing, or a weekday "(月)" that must be right. */
static int check_suffix(const struct lexer *lx, int from, struct date d, const char *s,
			struct tsu_err *e)
{
	const struct token *t = &lx->t[from];
	const char *k = lx->kinds + from;
	char q[64];
	int wd;

	if (!*k)
		return 0;
	if (strlen(k) != 3 || k[0] != TK_OPEN || k[2] != TK_CLOSE ||
	    !strchr("MDK", k[1]))
		return err_set(e, TSU_EINVAL, "日付の後ろに余分な文字「%s」があります",
			       quote(s, t->from, lx->t[lx->n - 1].to, q));
	wd = date_weekday(d);
	if (t[1].val != wd)
		return err_set(e, TSU_EINVAL, "%d年%d月%d日は%s曜日です (「%s」ではありません)", d.y,
			       d.m, d.d, date_wday_names[wd], date_wday_names[t[1].val]);
	return 0;
}

/* No form matched: say the most useful thing about why. */
static int diagnose(const struct lexer *lx, const char *s, struct tsu_err *e)
{
	const struct token *t;
	char q[64];
	int i;

	for (i = 0; i < lx->n; i++) {
		t = &lx->t[i];
		if (t->kind == TK_BAD && t->cp < 0x20)
			return err_set(e, TSU_EINVAL, "日付に制御文字 (U+%04X) があります",
				       (unsigned)t->cp);
		if (t->kind == TK_BAD)
			return err_set(e, TSU_EINVAL, "「%s」は日付に使えない文字です",
				       quote(s, t->from, t->to, q));
		if (t->kind == TK_WORD && t->to - t->from == 1)
			return err_set(e, TSU_EINVAL, "「%s」という元号の略字はありません",
				       quote(s, t->from, t->to, q));
		if (t->kind == TK_WORD)
			return err_set(e, TSU_EINVAL, "「%s」は日付として読めません (%s)",
				       quote(s, t->from, t->to, q), FORM_EXAMPLES);
	}
	if (!strncmp(lx->kinds, "NMN", 3))
		return err_set(e, TSU_EINVAL, "年が書かれていません (%s)", FORM_EXAMPLES);
	if (form_truncated(lx->kinds))
		return err_set(e, TSU_EINVAL, "日付が途中で終わっています (年・月・日が必要です)");
	return err_set(e, TSU_EINVAL, "「%s」は日付として読めません (%s)",
		       quote(s, lx->t[0].from, lx->t[lx->n - 1].to, q), FORM_EXAMPLES);
}

static int parse_tokens(const struct lexer *lx, const char *s, struct date *out,
			struct tsu_err *e)
{
	const struct form *f = form_find(lx->kinds);
	struct ymd v;
	struct date d;
	int rc;

	/* "2024 04 01" is no compact date with junk after it */
	if (f && f->compact && lx->n > 1 && lx->t[0].ndig != 8)
		f = NULL;
	if (!f && date_n_eras == 0 && (lx->t[0].kind == TK_WORD || lx->t[0].kind == TK_BAD))
		return err_set(e, TSU_EINVAL,
			       "元号の表が読み込まれていないので和暦の日付は読めません (西暦で入力してください)");
	if (!f)
		return diagnose(lx, s, e);
	memset(&v, 0, sizeof v);
	if ((rc = take_fields(f, lx->t, s, &v, e)) < 0 || (rc = check_ymd(&v, e)) < 0)
		return rc;
	d = (struct date){ v.y, v.m, v.d };
	if ((rc = check_suffix(lx, (int)strlen(f->kinds), d, s, e)) < 0)
		return rc;
	*out = d;
	return 0;
}

int date_parse(const char *s, struct date *out, struct tsu_err *e)
{
	struct norm *nm;
	struct lexer *lx;
	size_t n = s ? strlen(s) : 0;
	int rc;

	if (n > INPUT_MAX)
		return err_set(e, TSU_EINVAL, "日付として長すぎます (%zuバイト)", n);
	nm = xmalloc(sizeof *nm);
	lx = xmalloc(sizeof *lx);
	lx->nm = nm;
	if ((rc = normalize(s ? s : "", n, nm, e)) < 0 || (rc = tokenize(lx, e)) < 0)
		goto cleanup;
	if (lx->n == 0)
		rc = err_set(e, TSU_EINVAL, "日付が入力されていません");
	else
		rc = parse_tokens(lx, s, out, e);
cleanup:
	free(lx);
	free(nm);
	return rc;
}

