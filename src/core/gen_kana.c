/* gen_kana.c: the kana forms synthetic records are written in. Readings are
 * kept in hiragana; some records show them in katakana, and imported-ledger
 * style records in half-width katakana (ｻｲﾄｳ ﾊﾅ), with voiced sounds as a
 * base letter plus ﾞ or ﾟ, as those ledgers stored them. */
#include "tsunagu/gen.h"

#include <string.h>

#include "tsunagu/utf8.h"

#define HIRA_FIRST 0x3041u /* ぁ */
#define HIRA_LAST 0x3096u  /* ゖ */
#define HIRA_ITER 0x309Du  /* ゝ */
#define HIRA_ITER_V 0x309Eu /* ゞ */
#define KATA_OFFSET 0x60u  /* ァ - ぁ */
#define KATA_LAST 0x30F6u  /* ヶ */
#define CHOON 0x30FCu      /* ー */

/* Half-width forms of ぁ..ゖ, in code point order. */
static const char *const halfwidth[] = {
	"ｧ", "ｱ", "ｨ", "ｲ", "ｩ", "ｳ", "ｪ", "ｴ",	    /* ぁあぃいぅうぇえ */
	"ｫ", "ｵ", "ｶ", "ｶﾞ", "ｷ", "ｷﾞ", "ｸ", "ｸﾞ",   /* ぉおかがきぎくぐ */
	"ｹ", "ｹﾞ", "ｺ", "ｺﾞ", "ｻ", "ｻﾞ", "ｼ", "ｼﾞ",  /* けげこごさざしじ */
	"ｽ", "ｽﾞ", "ｾ", "ｾﾞ", "ｿ", "ｿﾞ", "ﾀ", "ﾀﾞ",  /* すずせぜそぞただ */
	"ﾁ", "ﾁﾞ", "ｯ", "ﾂ", "ﾂﾞ", "ﾃ", "ﾃﾞ", "ﾄ",   /* ちぢっつづてでと */
	"ﾄﾞ", "ﾅ", "ﾆ", "ﾇ", "ﾈ", "ﾉ", "ﾊ", "ﾊﾞ",    /* どなにぬねのはば */
	"ﾊﾟ", "ﾋ", "ﾋﾞ", "ﾋﾟ", "ﾌ", "ﾌﾞ", "ﾌﾟ", "ﾍ",  /* ぱひびぴふぶぷへ */
	"ﾍﾞ", "ﾍﾟ", "ﾎ", "ﾎﾞ", "ﾎﾟ", "ﾏ", "ﾐ", "ﾑ",   /* べぺほぼぽまみむ */
	"ﾒ", "ﾓ", "ｬ", "ﾔ", "ｭ", "ﾕ", "ｮ", "ﾖ",	    /* めもゃやゅゆょよ */
	"ﾗ", "ﾘ", "ﾙ", "ﾚ", "ﾛ", "ﾜ", "ﾜ", "ｲ",	    /* らりるれろゎわゐ */
	"ｴ", "ｦ", "ﾝ", "ｳﾞ", "ｶ", "ｹ",		    /* ゑをんゔゕゖ */
};

/* Characters other than kana that have a half-width form. */
static const struct {
	uint32_t cp;
	const char *hw;
} halfwidth_other[] = {
	{0x3000, " "}, {0x3001, "､"}, {0x3002, "｡"}, {0x300C, "｢"}, {0x300D, "｣"},
	{0x309B, "ﾞ"}, {0x309C, "ﾟ"}, {0x30F7, "ﾜﾞ"}, {0x30F8, "ｲﾞ"}, {0x30F9, "ｴﾞ"},
	{0x30FA, "ｦﾞ"}, {0x30FB, "･"}, {0x30FC, "ｰ"},
};

/* A bounded writer: remembers that something did not fit. */
struct out {
	char *buf;
	size_t n, len;
	bool full;
};

static void out_add(struct out *o, const char *s, size_t len)
{
	if (o->full || len >= o->n - o->len) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->len, s, len);
	o->len += len;
}

static int out_finish(struct out *o)
{
	if (o->full) {
		o->buf[0] = '\0';
		return TSU_EINVAL;
	}
	o->buf[o->len] = '\0';
	return 0;
}

static bool is_hiragana(uint32_t cp)
{
	return (cp >= HIRA_FIRST && cp <= HIRA_LAST) || cp == HIRA_ITER || cp == HIRA_ITER_V ||
	       cp == CHOON;
}

bool gen_kana_is_hiragana(const char *s)
{
	size_t len = strlen(s), i = 0;

	if (len == 0)
		return false;
	while (i < len) {
		uint32_t cp;
		bool valid;
		i += utf8_decode(s + i, len - i, &cp, &valid);
		if (!valid || !is_hiragana(cp))
			return false;
	}
	return true;
}

/* Walk s and write each code point through map; map returns the bytes to
 * write or NULL to copy the original bytes. */
static int convert(const char *s, char *buf, size_t n, const char *(*map)(uint32_t, char[4]))
{
	struct out o = {buf, n, 0, false};
	size_t len = strlen(s), i = 0;

	if (n == 0)
		return TSU_EINVAL;
	while (i < len) {
		uint32_t cp;
		char tmp[4];
		size_t k = utf8_decode(s + i, len - i, &cp, NULL);
		const char *m = map(cp, tmp);
		out_add(&o, m ? m : s + i, m ? strlen(m) : k);
		i += k;
	}
	return out_finish(&o);
}

/* tmp holds the encoded katakana; a NUL-terminated 1..3 byte string. */
static const char *map_katakana(uint32_t cp, char tmp[4])
{
	size_t k;

	if (!((cp >= HIRA_FIRST && cp <= HIRA_LAST) || cp == HIRA_ITER || cp == HIRA_ITER_V))
		return NULL;
	k = utf8_encode(cp + KATA_OFFSET, tmp);
	tmp[k < 4 ? k : 3] = '\0';
	return tmp;
}

static const char *map_halfwidth(uint32_t cp, char tmp[4])
{
	(void)tmp;
	if (cp >= HIRA_FIRST && cp <= HIRA_LAST)
		return halfwidth[cp - HIRA_FIRST];
	if (cp >= HIRA_FIRST + KATA_OFFSET && cp <= KATA_LAST)
		return halfwidth[cp - HIRA_FIRST - KATA_OFFSET];
	for (size_t i = 0; i < sizeof halfwidth_other / sizeof halfwidth_other[0]; i++)
		if (halfwidth_other[i].cp == cp)
			return halfwidth_other[i].hw;
	return NULL;
}

int gen_kana_katakana(const char *s, char *buf, size_t n)
{
	return convert(s, buf, n, map_katakana);
}

int gen_kana_halfwidth(const char *s, char *buf, size_t n)
{
	return convert(s, buf, n, map_halfwidth);
}

static const char *map_copy(uint32_t cp, char tmp[4])
{
	(void)cp;
	(void)tmp;
	return NULL;
}

int gen_kana_to_form(const char *s, enum gen_kana_form f, char *buf, size_t n)
{
	switch (f) {
	case GEN_KANA_KATAKANA:
		return gen_kana_katakana(s, buf, n);
	case GEN_KANA_HALFWIDTH:
		return gen_kana_halfwidth(s, buf, n);
	case GEN_KANA_HIRAGANA:
	default:
		return convert(s, buf, n, map_copy);
	}
}
