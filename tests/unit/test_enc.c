/* test_enc.c: encoding detection and the CP932 <-> UTF-8 conversions. Bad
 * input first; the CP932 bytes are made here with iconv independently of the
 * module, and its CP932 output is read back the same way. */
#include "testutil.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/enc.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

/* Test-side conversion with a fresh iconv handle; the result is NUL-terminated
 * and *outlen gets its length. Fails the test if iconv does. */
static char *conv(const char *to, const char *from, const char *s, size_t len, size_t *outlen)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = len * 4 + 16, left = len, room = cap;
	char *out = xmalloc(cap + 1), *in = (char *)s, *o = out;

	assert_true(cd != (iconv_t)-1);
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1)
		fail_msg("test iconv %s -> %s failed: %s", from, to, strerror(errno));
	iconv_close(cd);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

static char *to_cp932(const char *utf8, size_t *len)
{
	return conv("CP932", "UTF-8", utf8, strlen(utf8), len);
}

static char *from_cp932(const char *b, size_t len)
{
	size_t n;

	return conv("UTF-8", "CP932", b, len, &n);
}

#define ISSUES_MAX 16

struct issues {
	struct enc_issue is[ISSUES_MAX];
	size_t n;
};

static void collect(void *ctx, const struct enc_issue *is)
{
	struct issues *c = ctx;

	assert_true(c->n < ISSUES_MAX);
	c->is[c->n++] = *is;
}

static void expect_issue(const struct issues *c, size_t i, enum enc_issue_kind kind, size_t offset,
                         size_t len, uint32_t cp)
{
	assert_true(i < c->n);
	assert_int_equal(c->is[i].kind, kind);
	assert_int_equal(c->is[i].offset, offset);
	assert_int_equal(c->is[i].len, len);
	assert_int_equal(c->is[i].cp, cp);
}

static int setup(void **state)
{
	return text_init();
}

/* ---- bad input ----------------------------------------------------------------- */

static void test_detect_neither(void **state)
{
	struct tsu_err e = {0};
	enum enc_kind k = ENC_UTF8;
	size_t bad = 99;

	/* 0xFF is neither UTF-8 nor CP932 */
	assert_int_equal(enc_detect("\xFF"
	                            "abc",
	                            4, &k, &bad, &e),
	                 TSU_EENCODING);
	assert_int_equal(bad, 0);
	assert_int_equal(e.code, TSU_EENCODING);
	/* UTF-8 Japanese with one broken byte: the UTF-8 reading got furthest */
	assert_int_equal(enc_detect("あいう\xFF", 10, &k, &bad, &e), TSU_EENCODING);
	assert_int_equal(bad, 9);
	assert_non_null(strstr(e.msg, "UTF-8 として読むと先頭から 10 バイト目に不正なバイト 0xFF"));
	assert_null(strstr(e.msg, "として読むと先頭から 10 バイト目に不正なバイト 0xFF 0x"));
}

static void test_detect_bad_cp932(void **state)
{
	struct tsu_err e = {0};
	enum enc_kind k = ENC_UTF8;
	size_t n, bad = 0;
	char *b = to_cp932("髙橋①", &n); /* 6 bytes */
	char buf[16];

	assert_int_equal(n, 6);
	memcpy(buf, b, n);
	memcpy(buf + n, "\x81\x7F", 2); /* 0x7F is no trail byte */
	assert_int_equal(enc_detect(buf, n + 2, &k, &bad, &e), TSU_EENCODING);
	assert_int_equal(bad, 6);
	assert_non_null(strstr(
	    e.msg, "CP932 (Shift_JIS) として読むと先頭から 7 バイト目に不正なバイト 0x81 0x7F"));
	/* a lead byte cut off by the end of the file */
	buf[n] = '\x88';
	assert_int_equal(enc_detect(buf, n + 1, &k, &bad, &e), TSU_EENCODING);
	assert_int_equal(bad, 6);
	/* the undefined single bytes 0x80, 0xA0, 0xFD..0xFF */
	memcpy(buf + n, "\xA0", 1);
	assert_int_equal(enc_detect(buf, n + 1, &k, &bad, &e), TSU_EENCODING);
	assert_int_equal(bad, 6);
	free(b);
}

static void test_detect_bom_then_invalid(void **state)
{
	struct tsu_err e = {0};
	struct sbuf out = {0};
	enum enc_kind k = ENC_CP932;
	size_t bad = 0;
	char *b;
	size_t n;

	/* a BOM promises UTF-8: no falling back to CP932 */
	assert_int_equal(enc_decode(ENC_BOM "A\xFF", 5, &out, &k, &bad, &e), TSU_EENCODING);
	assert_int_equal(bad, 4);
	assert_int_equal(out.len, 0);
	assert_non_null(strstr(e.msg, "BOM 付き"));
	b = to_cp932("髙橋", &n);
	sbuf_adds(&out, "keep");
	assert_int_equal(enc_decode(b, 3, &out, &k, &bad, &e), TSU_EENCODING);
	assert_string_equal(out.buf, "keep"); /* unchanged on failure */
	free(b);
	sbuf_release(&out);
}

static void test_cp932_to_utf8_bad(void **state)
{
	struct tsu_err e = {0};
	struct sbuf out = {0};
	size_t bad = 0;

	assert_int_equal(enc_cp932_to_utf8("ab\x82\xA0\x85\x40", 6, &out, &bad, &e), TSU_EENCODING);
	assert_int_equal(bad, 4); /* 0x8540 is an unassigned row */
	assert_int_equal(out.len, 0);
	assert_int_equal(enc_cp932_to_utf8("ab\x82\xA0", 4, &out, &bad, &e), 0);
	assert_string_equal(out.buf, "abあ");
	sbuf_release(&out);
}

static void test_utf8_to_cp932_invalid_input(void **state)
{
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct issues c = {0};
	struct enc_stats st = {1, 1};

	assert_int_equal(
	    enc_utf8_to_cp932("ab\xE3\x81", 4, ENC_SUBSTITUTE, collect, &c, &out, &st, &e),
	    TSU_EENCODING);
	assert_int_equal(c.n, 0);
	assert_int_equal(st.lost, 0);
	assert_int_equal(out.len, 0);
	assert_non_null(strstr(e.msg, "先頭から 3 バイト目"));
}

/* ---- detection ----------------------------------------------------------------- */

static void expect_kind(const char *buf, size_t len, enum enc_kind want, const char *text)
{
	struct tsu_err e = {0};
	struct sbuf out = {0};
	enum enc_kind k = ENC_CP932;
	size_t bad = 99;

	assert_int_equal(enc_detect(buf, len, &k, &bad, &e), 0);
	assert_int_equal(k, want);
	assert_int_equal(bad, 99);
	k = ENC_CP932;
	assert_int_equal(enc_decode(buf, len, &out, &k, NULL, &e), 0);
	assert_int_equal(k, want);
	assert_int_equal(out.len, strlen(text));
	assert_memory_equal(out.buf ? out.buf : "", text, out.len);
	sbuf_release(&out);
}

static void test_detect_kinds(void **state)
{
	const char *ja = "髙橋 ① ～ 﨑 ｶﾞ";
	size_t n;
	char *b;

	expect_kind(NULL, 0, ENC_UTF8, "");
	expect_kind("id,name\r\n", 9, ENC_UTF8, "id,name\r\n");
	expect_kind(ENC_BOM, 3, ENC_UTF8_BOM, "");
	expect_kind(ENC_BOM "受付日", 12, ENC_UTF8_BOM, "受付日");
	expect_kind(ja, strlen(ja), ENC_UTF8, ja);
	b = to_cp932(ja, &n);
	expect_kind(b, n, ENC_CP932, ja);
	free(b);
	assert_string_equal(enc_name(ENC_CP932), "CP932 (Shift_JIS)");
	assert_string_equal(enc_name(ENC_UTF8_BOM), "UTF-8 (BOM 付き)");
}

static void test_cp932_extensions(void **state)
{
	struct tsu_err e = {0};
	struct sbuf out = {0};
	size_t off = 0;

	/* NEC-selected IBM extension 0xED40 reads as 纊, written back as 0xFA5C */
	assert_int_equal(enc_cp932_to_utf8("\xED\x40", 2, &out, NULL, &e), 0);
	assert_string_equal(out.buf, "纊");
	sbuf_reset(&out);
	assert_int_equal(enc_utf8_to_cp932("纊", 3, ENC_STRICT, NULL, NULL, &out, NULL, &e), 0);
	assert_memory_equal(out.buf, "\xFA\x5C", 2);
	/* 外字 (user-defined area) lands in the Private Use Area */
	sbuf_reset(&out);
	assert_int_equal(enc_cp932_to_utf8("AB\xF0\x40", 4, &out, NULL, &e), 0);
	assert_true(enc_find_pua(out.buf, out.len, &off));
	assert_int_equal(off, 2);
	assert_false(enc_find_pua("髙橋 😀 \xFF", strlen("髙橋 😀 \xFF"), NULL));
	sbuf_release(&out);
}

/* ---- UTF-8 -> CP932 -------------------------------------------------------------- */

static void test_round_trip_changes(void **state)
{
	const char *in = "〜−‖¢£¬—¥‾ ① ～ 髙 﨑 ｶﾞ ㈱ ∑ ⅰ";
	const char *want = "～－∥￠￡￢―\\~ ① ～ 髙 﨑 ｶﾞ ㈱ ∑ ⅰ";
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct enc_stats st = {9, 9};
	char *back;

	assert_int_equal(enc_utf8_to_cp932(in, strlen(in), ENC_STRICT, NULL, NULL, &out, &st, &e),
	                 0);
	assert_int_equal(st.lost, 0);
	assert_int_equal(st.selectors, 0);
	back = from_cp932(out.buf, out.len);
	assert_string_equal(back, want);
	free(back);
	sbuf_release(&out);
}

static void test_unencodable_strict(void **state)
{
	/* a 𠮟 b 😀 c 葛+VS17 飾 family(ZWJ) */
	const char *in = "a𠮟b😀c葛󠄀飾👨‍👩‍👧";
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct issues c = {0};
	struct enc_stats st;

	sbuf_adds(&out, "前");
	assert_int_equal(enc_utf8_to_cp932(in, strlen(in), ENC_STRICT, collect, &c, &out, &st, &e),
	                 TSU_EENCODING);
	assert_string_equal(out.buf, "前"); /* nothing written */
	assert_int_equal(st.lost, 3);
	assert_int_equal(st.selectors, 1);
	assert_int_equal(c.n, 4);
	expect_issue(&c, 0, ENC_ISSUE_LOST, 1, 4, 0x20B9F);
	expect_issue(&c, 1, ENC_ISSUE_LOST, 6, 4, 0x1F600);
	expect_issue(&c, 2, ENC_ISSUE_SELECTOR, 14, 4, 0xE0100);
	expect_issue(&c, 3, ENC_ISSUE_LOST, 21, 18, 0x1F468);
	assert_non_null(strstr(e.msg, "3 個"));
	sbuf_release(&out);
}

static void test_unencodable_substitute(void **state)
{
	const char *in = "a𠮟b😀c葛󠄀飾👨‍👩‍👧";
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct issues c = {0};
	struct enc_stats st;
	char *back;

	assert_int_equal(
	    enc_utf8_to_cp932(in, strlen(in), ENC_SUBSTITUTE, collect, &c, &out, &st, &e), 0);
	assert_int_equal(c.n, 4);
	assert_int_equal(st.lost, 3);
	back = from_cp932(out.buf, out.len);
	assert_string_equal(back, "a〓b〓c葛飾〓");
	free(back);
	sbuf_release(&out);
}

static void test_selector_alone_is_a_warning(void **state)
{
	const char *in = "葛󠄀飾区 ♨️"; /* ♨ is not in CP932; its VS16 goes with it */
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct issues c = {0};
	struct enc_stats st;
	char *back;

	assert_int_equal(enc_utf8_to_cp932("葛󠄀飾", strlen("葛󠄀飾"), ENC_STRICT, collect,
	                                   &c, &out, &st, &e),
	                 0);
	assert_int_equal(st.selectors, 1);
	assert_int_equal(st.lost, 0);
	back = from_cp932(out.buf, out.len);
	assert_string_equal(back, "葛飾");
	free(back);
	/* a combining mark CP932 lacks: the base stays, the mark is lost */
	sbuf_reset(&out);
	c.n = 0;
	assert_int_equal(
	    enc_utf8_to_cp932("か\xE3\x82\x99", 6, ENC_SUBSTITUTE, collect, &c, &out, &st, &e), 0);
	expect_issue(&c, 0, ENC_ISSUE_LOST, 3, 3, 0x3099);
	back = from_cp932(out.buf, out.len);
	assert_string_equal(back, "か〓");
	free(back);
	/* an emoji with VS16: one issue, one 〓 */
	sbuf_reset(&out);
	c.n = 0;
	assert_int_equal(
	    enc_utf8_to_cp932(in, strlen(in), ENC_SUBSTITUTE, collect, &c, &out, &st, &e), 0);
	assert_int_equal(st.selectors, 1);
	assert_int_equal(st.lost, 1);
	expect_issue(&c, 0, ENC_ISSUE_SELECTOR, 3, 4, 0xE0100);
	expect_issue(&c, 1, ENC_ISSUE_LOST, 14, 6, 0x2668);
	sbuf_release(&out);
}

static void test_empty_and_geta(void **state)
{
	struct tsu_err e = {0};
	struct sbuf out = {0};

	assert_int_equal(enc_utf8_to_cp932(NULL, 0, ENC_STRICT, NULL, NULL, &out, NULL, &e), 0);
	assert_int_equal(out.len, 0);
	/* 〓 itself is CP932 0x81AC */
	assert_int_equal(enc_utf8_to_cp932("〓", 3, ENC_STRICT, NULL, NULL, &out, NULL, &e), 0);
	assert_memory_equal(out.buf, "\x81\xAC", 2);
	sbuf_release(&out);
}

/* Large input: several iconv chunks, issues across chunk boundaries. */
static void test_large(void **state)
{
	struct tsu_err e = {0};
	struct sbuf in = {0}, out = {0}, back = {0};
	struct issues c = {0};
	struct enc_stats st;
	int i;

	for (i = 0; i < 20000; i++)
		sbuf_adds(&in, i % 5000 == 4999 ? "😀" : "児童");
	assert_int_equal(
	    enc_utf8_to_cp932(in.buf, in.len, ENC_SUBSTITUTE, collect, &c, &out, &st, &e), 0);
	assert_int_equal(st.lost, 4);
	assert_int_equal(c.is[0].offset, 4999 * 6);
	assert_int_equal(enc_cp932_to_utf8(out.buf, out.len, &back, NULL, &e), 0);
	assert_int_equal(back.len, 19996 * 6 + 4 * 3);
	sbuf_release(&in);
	sbuf_release(&out);
	sbuf_release(&back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_detect_neither),
	    cmocka_unit_test(test_detect_bad_cp932),
	    cmocka_unit_test(test_detect_bom_then_invalid),
	    cmocka_unit_test(test_cp932_to_utf8_bad),
	    cmocka_unit_test(test_utf8_to_cp932_invalid_input),
	    cmocka_unit_test(test_detect_kinds),
	    cmocka_unit_test(test_cp932_extensions),
	    cmocka_unit_test(test_round_trip_changes),
	    cmocka_unit_test(test_unencodable_strict),
	    cmocka_unit_test(test_unencodable_substitute),
	    cmocka_unit_test(test_selector_alone_is_a_warning),
	    cmocka_unit_test(test_empty_and_geta),
	    cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
