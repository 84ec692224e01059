/* test_text.c: display width, grapheme clusters, display form, cut, pad and
 * wrap. Widths are checked against glibc wcwidth, which ncursesw uses. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tsunagu/text.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

static int setup(void **state)
{
	return text_init() == 0 ? 0 : -1;
}

static int reset_mode(void **state)
{
	text_set_ambiguous_wide(false);
	return 0;
}

/* Sum of wcwidth over the code points: the rule for ordinary text. */
static int wc_sum(const char *s)
{
	size_t i = 0, len = strlen(s);
	int w = 0;

	while (i < len) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp, NULL);
		assert_true(wcwidth((wchar_t)cp) >= 0);
		w += wcwidth((wchar_t)cp);
	}
	return w;
}

static void expect_display(const char *s, const char *want, int want_w)
{
	char *d = text_display(s);

	assert_string_equal(d, want);
	assert_int_equal(text_width(s), want_w);
	assert_int_equal(text_width(d), want_w);
	free(d);
}

static void test_init_and_null(void **state)
{
	char *s;

	assert_int_equal(text_init(), 0);
	assert_int_equal(text_init(), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width(""), 0);
	s = text_display(NULL);
	assert_string_equal(s, "");
	free(s);
	s = text_cut(NULL, 5, true, NULL);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(text_next_grapheme("", 0, 0), 0);
	assert_int_equal(text_prev_grapheme("", 0, 0), 0);
	assert_int_equal(text_next_grapheme("ab", 2, 7), 2);
	assert_int_equal(text_prev_grapheme("ab", 2, 7), 1);
}

static void test_controls_visible(void **state)
{
	expect_display("a\tb", "a^Ib", 4);
	expect_display("\x1b[31mred", "^[[31mred", 9);
	expect_display("x\x7f", "x^?", 3);
	expect_display("\r\n", "^M^J", 4);
	expect_display("\xC2\x85", "<U+0085>", 8); /* C1 NEL */
	expect_display("\x9b", "\xEF\xBF\xBD", 1);  /* a raw C1 byte is invalid UTF-8 */
	expect_display("\xFF\xFE" "a", "\xEF\xBF\xBD\xEF\xBF\xBD" "a", 3);
	assert_int_equal(text_width_n("a\0b", 3), 4); /* NUL as ^@ */
	assert_int_equal(text_cp_width(0x1B), 2);
	assert_int_equal(text_cp_width(0x85), 8);
}

static void test_width_torture(void **state)
{
	static const char *const plain[] = {
		"髙橋", "𠮷田", "葛󠄀飾", "ｶﾞｸｾｲ", "か\u3099", "①○※", "😀", "山田　太郎", "abc",
		"e\u0301", "\U0001F1EF\U0001F1F5", "ｱｲｳ", "한국어",
	};
	size_t i;

	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		assert_int_equal(text_width(plain[i]), wc_sum(plain[i]));
	assert_int_equal(text_width("髙橋"), 4);
	assert_int_equal(text_width("𠮷田"), 4);
	assert_int_equal(text_width("葛󠄀飾"), 4);
	assert_int_equal(text_width("ｶﾞｸｾｲ"), 5);
	assert_int_equal(text_width("か\u3099"), 2);
	assert_int_equal(text_width("①○※"), 3);
	assert_int_equal(text_width_n("髙橋", 3), 2);
	assert_int_equal(text_width_n("髙橋", 4), 3); /* 髙 + one stray byte */
}

static void test_ambiguous_wide(void **state)
{
	assert_true(text_is_ambiguous(0x2460));  /* ① */
	assert_true(text_is_ambiguous(0x25CB));  /* ○ */
	assert_true(text_is_ambiguous(0x203B));  /* ※ */
	assert_true(text_is_ambiguous(0x2026));  /* … */
	assert_false(text_is_ambiguous('A'));
	assert_false(text_is_ambiguous(0x3007)); /* 〇 is wide, not ambiguous */
	assert_false(text_is_ambiguous(0x9AD9));
	assert_false(text_is_ambiguous(0x110000));
	text_set_ambiguous_wide(true);
	assert_true(text_ambiguous_wide());
	assert_int_equal(text_width("①○※"), 6);
	assert_int_equal(text_width("髙橋"), 4);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("e\u0301"), 1); /* a combining mark stays 0 */
	text_set_ambiguous_wide(false);
	assert_false(text_ambiguous_wide());
	assert_int_equal(text_width("①○※"), 3);
}

static void test_emoji(void **state)
{
	const char *family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
	const char *heart = "\u2764\uFE0F";
	size_t len = strlen(family);

	expect_display(family, "\U0001F468\U0001F469\U0001F467", 6);
	expect_display(heart, "\u2764", wcwidth(0x2764));
	assert_int_equal(text_next_grapheme(family, len, 0), len); /* one cluster */
	assert_int_equal(text_prev_grapheme(family, len, len), 0);
	assert_int_equal(text_width("😀"), 2);
}

static void test_unmeasurable(void **state)
{
	const char *ext_h = "\U00031350"; /* CJK Extension H */

	if (wcwidth(0x31350) >= 0)
		skip(); /* a newer glibc knows it */
	expect_display(ext_h, "〓", 2);
	expect_display("a\U00031350b", "a〓b", 4);
	expect_display("\u2028", "〓", 2);
	assert_int_equal(text_cp_width(0x31350), 2);
}

static void test_ivs_kept(void **state)
{
	const char *s = "葛\U000E0100飾";

	expect_display(s, s, 4);
	assert_int_equal(text_next_grapheme(s, strlen(s), 0), 7);
	assert_int_equal(text_prev_grapheme(s, strlen(s), strlen(s)), 7);
	assert_int_equal(text_prev_grapheme(s, strlen(s), 7), 0);
}

static void test_grapheme_combining(void **state)
{
	const char *s = "e\u0301x";
	const char *ga = "か\u3099き";
	const char *hw = "ｶﾞｸ";

	assert_int_equal(text_next_grapheme(s, strlen(s), 0), 3);
	assert_int_equal(text_next_grapheme(s, strlen(s), 3), 4);
	assert_int_equal(text_prev_grapheme(s, strlen(s), 4), 3);
	assert_int_equal(text_prev_grapheme(s, strlen(s), 3), 0);
	assert_int_equal(text_next_grapheme(ga, strlen(ga), 0), 6);
	assert_int_equal(text_next_grapheme(hw, strlen(hw), 0), 6); /* ｶﾞ: one cluster */
	assert_int_equal(text_prev_grapheme(hw, strlen(hw), 9), 6);
	assert_int_equal(text_next_grapheme("a\r\nb", 4, 1), 3); /* CR LF */
	assert_int_equal(text_prev_grapheme("a\r\nb", 4, 3), 1);
}

static void test_grapheme_flags(void **state)
{
	const char *s = "\U0001F1EF\U0001F1F5\U0001F1FA\U0001F1F8"; /* 🇯🇵🇺🇸 */

	assert_int_equal(text_next_grapheme(s, 16, 0), 8);
	assert_int_equal(text_next_grapheme(s, 16, 8), 16);
	assert_int_equal(text_prev_grapheme(s, 16, 16), 8);
	assert_int_equal(text_prev_grapheme(s, 16, 8), 0);
	assert_int_equal(text_width(s), wc_sum(s));
}

static void test_grapheme_invalid(void **state)
{
	const char *s = "\xE3\x81" "a\x80\xE5\xB1\xB1";
	size_t len = strlen(s);

	assert_int_equal(text_next_grapheme(s, len, 0), 2);
	assert_int_equal(text_next_grapheme(s, len, 2), 3);
	assert_int_equal(text_next_grapheme(s, len, 3), 4);
	assert_int_equal(text_next_grapheme(s, len, 4), 7);
	assert_int_equal(text_prev_grapheme(s, len, 7), 4);
	assert_int_equal(text_prev_grapheme(s, len, 4), 3);
	assert_int_equal(text_prev_grapheme(s, len, 2), 0);
}

/* Forward and backward iteration agree on a mixed string. */
static void test_grapheme_round_trip(void **state)
{
	const char *s = "ab髙橋e\u0301ｶﾞ葛\U000E0100\U0001F468\u200D\U0001F469\r\n\U0001F1EF\U0001F1F5z";
	size_t len = strlen(s), fwd[64], n = 0, pos = 0, k;

	while (pos < len) {
		fwd[n++] = pos;
		pos = text_next_grapheme(s, len, pos);
	}
	assert_int_equal(n, 11);
	pos = len;
	for (k = n; k-- > 0;) {
		pos = text_prev_grapheme(s, len, pos);
		assert_int_equal(pos, fwd[k]);
	}
}

static void expect_cut(const char *s, int cols, bool ell, const char *want, int want_w)
{
	int w = -1;
	char *c = text_cut(s, cols, ell, &w);

	assert_string_equal(c, want);
	assert_int_equal(w, want_w);
	assert_int_equal(text_width(c), want_w);
	assert_true(w <= (cols > 0 ? cols : 0));
	free(c);
}

static void test_cut_bad(void **state)
{
	expect_cut("abc", 0, false, "", 0);
	expect_cut("abc", -5, true, "", 0);
	expect_cut("", 3, true, "", 0);
	expect_cut("\xFF\xFF", 1, false, "\xEF\xBF\xBD", 1);
}

static void test_cut_wide(void **state)
{
	expect_cut("髙橋", 3, false, "髙", 2);
	expect_cut("髙橋", 4, false, "髙橋", 4);
	expect_cut("髙橋", 1, false, "", 0);
	expect_cut("髙橋", 99, false, "髙橋", 4);
	expect_cut("ｶﾞｸ", 1, false, "", 0);
	expect_cut("ｶﾞｸ", 2, false, "ｶﾞ", 2);
	expect_cut("か\u3099き", 3, false, "か\u3099", 2);
	expect_cut("a\x1b[31m", 3, false, "a^[", 3);
	expect_cut("a\x1b[31m", 2, false, "a", 1); /* ^[ is not split either */
	expect_cut("\U0001F468\u200D\U0001F469", 3, false, "", 0);
	expect_cut("abcdef", 3, false, "abc", 3);
}

static void test_cut_ellipsis(void **state)
{
	expect_cut("山田太郎", 8, true, "山田太郎", 8); /* fits: no ellipsis */
	expect_cut("山田太郎", 7, true, "山田..", 6);
	expect_cut("山田太郎", 5, true, "山..", 4);
	expect_cut("山田太郎", 3, true, "..", 2);
	expect_cut("山田太郎", 2, true, "..", 2);
	expect_cut("山田太郎", 1, true, ".", 1);
	expect_cut("abcdef", 4, true, "ab..", 4);
	expect_cut("abcd", 4, true, "abcd", 4);
	expect_cut("a\tb", 3, true, "a..", 3);
}

/* TECH-NOTES: a first cut function overflowed the stack on long combining runs. */
static void test_cut_long_combining(void **state)
{
	size_t n = 200000, i;
	struct sbuf sb;
	char *c;
	int w;

	sbuf_init(&sb);
	sbuf_adds(&sb, "a");
	for (i = 0; i < n; i++)
		sbuf_adds(&sb, "\u0301");
	sbuf_adds(&sb, "b");
	assert_int_equal(text_width(sb.buf), 2);
	c = text_cut(sb.buf, 1, false, &w);
	assert_int_equal(w, 1);
	assert_int_equal(strlen(c), 1 + 2 * n);
	free(c);
	c = text_cut(sb.buf, 1, true, &w);
	assert_string_equal(c, ".");
	free(c);
	assert_int_equal(text_next_grapheme(sb.buf, sb.len, 0), 1 + 2 * n);
	assert_int_equal(text_prev_grapheme(sb.buf, sb.len, sb.len - 1), 0);
	sbuf_release(&sb);
}

static void expect_pad(const char *s, int cols, int align, const char *want)
{
	char *p = text_pad(s, cols, align);

	assert_string_equal(p, want);
	assert_int_equal(text_width(p), cols > 0 ? cols : 0);
	free(p);
}

static void test_pad(void **state)
{
	expect_pad("髙橋", 0, -1, "");
	expect_pad("髙橋", -3, 1, "");
	expect_pad("髙橋", 3, -1, "髙 ");
	expect_pad("髙橋", 3, 1, " 髙");
	expect_pad("髙橋", 3, 0, "髙 ");
	expect_pad("髙橋", 6, -1, "髙橋  ");
	expect_pad("髙橋", 6, 1, "  髙橋");
	expect_pad("髙橋", 7, 0, " 髙橋  ");
	expect_pad("", 2, -1, "  ");
	expect_pad("a\tb", 5, -1, "a^Ib ");
	expect_pad("髙", 1, -1, " ");
}

static size_t wrap_check(const char *s, int cols, char ***lines)
{
	size_t n = text_wrap(s, cols, lines), i;

	for (i = 0; i < n; i++)
		assert_true(text_width((*lines)[i]) <= cols);
	return n;
}

static void test_wrap_bad(void **state)
{
	char **l;
	size_t n;

	assert_int_equal(text_wrap("abc", 0, &l), 0);
	assert_null(l);
	n = wrap_check("", 5, &l);
	assert_int_equal(n, 1);
	assert_string_equal(l[0], "");
	text_lines_free(l, n);
	n = wrap_check("あい", 1, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "?");
	assert_string_equal(l[1], "?");
	text_lines_free(l, n);
	text_lines_free(NULL, 0);
}

static void test_wrap_latin(void **state)
{
	char **l;
	size_t n = wrap_check("hello world foo", 11, &l);

	assert_int_equal(n, 2);
	assert_string_equal(l[0], "hello world");
	assert_string_equal(l[1], "foo");
	text_lines_free(l, n);
	n = wrap_check("hello world foo", 8, &l);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "hello");
	assert_string_equal(l[1], "world");
	assert_string_equal(l[2], "foo");
	text_lines_free(l, n);
	n = wrap_check("abcdefghij", 4, &l);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "abcd");
	assert_string_equal(l[2], "ij");
	text_lines_free(l, n);
}

static void test_wrap_japanese(void **state)
{
	char **l;
	size_t n = wrap_check("あいうえおかきくけこ", 7, &l);

	assert_int_equal(n, 4);
	assert_string_equal(l[0], "あいう");
	assert_string_equal(l[1], "えおか");
	assert_string_equal(l[3], "こ");
	text_lines_free(l, n);
	/* a space between Japanese words is not a preferred break */
	n = wrap_check("山田 太郎さん", 8, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "山田 太");
	assert_string_equal(l[1], "郎さん");
	text_lines_free(l, n);
	n = wrap_check("ｶﾞｸｾｲ", 3, &l); /* ｶﾞ stays together */
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "ｶﾞｸ");
	assert_string_equal(l[1], "ｾｲ");
	text_lines_free(l, n);
}

static void test_wrap_newlines(void **state)
{
	char **l;
	size_t n = wrap_check("ab\ncd\r\n\nx\ty", 10, &l);

	assert_int_equal(n, 4);
	assert_string_equal(l[0], "ab");
	assert_string_equal(l[1], "cd");
	assert_string_equal(l[2], "");
	assert_string_equal(l[3], "x^Iy");
	text_lines_free(l, n);
	n = wrap_check("\x1b[31m", 3, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "^[[");
	assert_string_equal(l[1], "31m");
	text_lines_free(l, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_and_null),
		cmocka_unit_test(test_controls_visible),
		cmocka_unit_test(test_width_torture),
		cmocka_unit_test_teardown(test_ambiguous_wide, reset_mode),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_unmeasurable),
		cmocka_unit_test(test_ivs_kept),
		cmocka_unit_test(test_grapheme_combining),
		cmocka_unit_test(test_grapheme_flags),
		cmocka_unit_test(test_grapheme_invalid),
		cmocka_unit_test(test_grapheme_round_trip),
		cmocka_unit_test(test_cut_bad),
		cmocka_unit_test(test_cut_wide),
		cmocka_unit_test(test_cut_ellipsis),
		cmocka_unit_test(test_cut_long_combining),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_wrap_bad),
		cmocka_unit_test(test_wrap_latin),
		cmocka_unit_test(test_wrap_japanese),
		cmocka_unit_test(test_wrap_newlines),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
