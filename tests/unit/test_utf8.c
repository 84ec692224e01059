/* test_utf8.c: strict UTF-8 decoding, encoding, sanitizing and the
 * byte-stream decoder for terminal input. Bad input first. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagu/utf8.h"

#define FFFD UTF8_REPLACEMENT

/* Decode all of s[0..len) with utf8_decode; returns the number of code points. */
static size_t decode_all(const char *s, size_t len, uint32_t *out, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		size_t k = utf8_decode(s + i, len - i, &out[n], NULL);

		assert_true(k >= 1 && k <= 4);
		i += k;
		n++;
	}
	return n;
}

/* The same through the stream decoder, flushed at the end. */
static size_t stream_all(const char *s, size_t len, uint32_t *out, size_t max)
{
	struct utf8_stream st;
	size_t i, n = 0;

	utf8_stream_init(&st);
	for (i = 0; i < len; i++) {
		uint32_t two[2];
		int k = utf8_stream_push(&st, (unsigned char)s[i], two);

		assert_true(k >= 0 && k <= 2);
		for (int j = 0; j < k && n < max; j++)
			out[n++] = two[j];
	}
	if (n < max && utf8_stream_flush(&st, &out[n]))
		n++;
	assert_false(utf8_stream_pending(&st));
	return n;
}

/* Both decoders give exactly want[0..nwant). */
static void expect_cps(const char *s, size_t len, const uint32_t *want, size_t nwant)
{
	uint32_t got[64];
	size_t n, i;

	n = decode_all(s, len, got, 64);
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	n = stream_all(s, len, got, 64);
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	assert_int_equal(utf8_count(s, len), nwant);
}

#define EXPECT(bytes, ...)                                                              \
	do {                                                                            \
		static const uint32_t want_[] = { __VA_ARGS__ };                        \
		expect_cps(bytes, sizeof(bytes) - 1, want_, sizeof want_ / sizeof want_[0]); \
	} while (0)

static void test_overlong(void **state)
{
	uint32_t cp;
	bool ok = true;

	assert_int_equal(utf8_decode("\xC0\x80", 2, &cp, &ok), 1);
	assert_false(ok);
	assert_int_equal(cp, FFFD);
	EXPECT("\xC0\x80", FFFD, FFFD);
	EXPECT("\xC1\xBF", FFFD, FFFD);
	EXPECT("\xE0\x80\x80", FFFD, FFFD, FFFD);
	EXPECT("\xE0\x9F\xBF", FFFD, FFFD, FFFD);
	EXPECT("\xF0\x8F\xBF\xBF", FFFD, FFFD, FFFD, FFFD);
	assert_false(utf8_valid("\xC0\xAF", 2));
}

static void test_surrogates_and_range(void **state)
{
	EXPECT("\xED\xA0\x80", FFFD, FFFD, FFFD);
	EXPECT("\xED\xBF\xBF", FFFD, FFFD, FFFD);
	EXPECT("\xF4\x90\x80\x80", FFFD, FFFD, FFFD, FFFD);
	EXPECT("\xF5\x80\x80\x80", FFFD, FFFD, FFFD, FFFD);
	EXPECT("\xFF\xFE", FFFD, FFFD);
	/* the edges that are valid */
	EXPECT("\xED\x9F\xBF", 0xD7FF);
	EXPECT("\xEE\x80\x80", 0xE000);
	EXPECT("\xF4\x8F\xBF\xBF", 0x10FFFF);
	EXPECT("\xF0\x90\x80\x80", 0x10000);
	EXPECT("\xC2\x80", 0x80);
	EXPECT("\xE0\xA0\x80", 0x800);
}

static void test_truncated_and_lone(void **state)
{
	EXPECT("\xE3\x81", FFFD);
	EXPECT("\xE3\x81" "a", FFFD, 'a');
	EXPECT("\xF0\x9F\x98", FFFD);
	EXPECT("\xF0\x9F\x98" "\xE3\x81\x82", FFFD, 0x3042);
	EXPECT("\x80", FFFD);
	EXPECT("\x80\x80\x80" "b", FFFD, FFFD, FFFD, 'b');
	EXPECT("\xC2", FFFD);
}

/* Unicode 15 chapter 3, "U+FFFD Substitution of Maximal Subparts" and table 3-8. */
static void test_maximal_subparts(void **state)
{
	EXPECT("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 'a', FFFD, FFFD, FFFD, 'b',
	       FFFD, 'c', FFFD, FFFD, 'd');
	EXPECT("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41", FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD,
	       FFFD, 'A');
	EXPECT("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41", FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD,
	       FFFD, 'A');
	EXPECT("\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42", FFFD, FFFD, FFFD, FFFD, FFFD, 'A', FFFD,
	       FFFD, 'B');
	EXPECT("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", FFFD, FFFD, FFFD, FFFD, 'A');
}

/* A terminal left on Shift_JIS sends 山田 as 8E 52 93 63: the decoder must
 * resynchronise and every later key must arrive. */
static void test_stream_shift_jis(void **state)
{
	struct utf8_stream st;
	const unsigned char sjis[] = { 0x8E, 0x52, 0x93, 0x63, 'q', 0x82, 0xA0, '\r' };
	uint32_t got[32], two[2];
	size_t n = 0, i;

	utf8_stream_init(&st);
	for (i = 0; i < sizeof sjis; i++) {
		int k = utf8_stream_push(&st, sjis[i], two);

		for (int j = 0; j < k; j++)
			got[n++] = two[j];
	}
	/* 8E: lone continuation; 52 'R'; 93: lone; 63 'c'; q; 82 A0: lone, lone; CR */
	assert_int_equal(n, 8);
	assert_int_equal(got[0], FFFD);
	assert_int_equal(got[1], 'R');
	assert_int_equal(got[2], FFFD);
	assert_int_equal(got[3], 'c');
	assert_int_equal(got[4], 'q');
	assert_int_equal(got[5], FFFD);
	assert_int_equal(got[6], FFFD);
	assert_int_equal(got[7], '\r');
	assert_int_equal(st.invalid, 4);
	assert_false(utf8_stream_pending(&st));
}

/* A lead byte cut short by an ASCII key: two code points from one push. */
static void test_stream_two_outputs(void **state)
{
	struct utf8_stream st;
	uint32_t out[2], one;

	utf8_stream_init(&st);
	assert_int_equal(utf8_stream_push(&st, 0xE5, out), 0);
	assert_true(utf8_stream_pending(&st));
	assert_int_equal(utf8_stream_push(&st, 0xB1, out), 0);
	assert_int_equal(utf8_stream_push(&st, 'x', out), 2);
	assert_int_equal(out[0], FFFD);
	assert_int_equal(out[1], 'x');
	/* a new lead byte after a broken sequence starts the next character */
	assert_int_equal(utf8_stream_push(&st, 0xE5, out), 0);
	assert_int_equal(utf8_stream_push(&st, 0xE5, out), 1);
	assert_int_equal(out[0], FFFD);
	assert_int_equal(utf8_stream_push(&st, 0xB1, out), 0);
	assert_int_equal(utf8_stream_push(&st, 0xB1, out), 1);
	assert_int_equal(out[0], 0x5C71); /* 山 */
	/* flush on a read timeout */
	assert_int_equal(utf8_stream_flush(&st, &one), 0);
	assert_int_equal(utf8_stream_push(&st, 0xF0, out), 0);
	assert_int_equal(utf8_stream_flush(&st, &one), 1);
	assert_int_equal(one, FFFD);
	assert_false(utf8_stream_pending(&st));
	assert_int_equal(st.invalid, 3);
}

static void test_encode(void **state)
{
	char b[4];

	assert_int_equal(utf8_encode(0xD800, b), 3);
	assert_memory_equal(b, "\xEF\xBF\xBD", 3);
	assert_int_equal(utf8_encode(0x110000, b), 3);
	assert_memory_equal(b, "\xEF\xBF\xBD", 3);
	assert_int_equal(utf8_encode('A', b), 1);
	assert_int_equal(utf8_encode(0x7FF, b), 2);
	assert_memory_equal(b, "\xDF\xBF", 2);
	assert_int_equal(utf8_encode(0x9AD9, b), 3);
	assert_memory_equal(b, "髙", 3);
	assert_int_equal(utf8_encode(0x20BB7, b), 4);
	assert_memory_equal(b, "𠮷", 4);
	/* every scalar value round-trips */
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 7)) {
		uint32_t back;
		bool ok;
		size_t n = utf8_encode(cp, b);

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		assert_int_equal(utf8_decode(b, n, &back, &ok), n);
		assert_true(ok);
		assert_int_equal(back, cp);
	}
}

static void test_decode_empty(void **state)
{
	uint32_t cp = 1;
	bool ok = true;

	assert_int_equal(utf8_decode("", 0, &cp, &ok), 0);
	assert_false(ok);
	assert_true(utf8_valid("", 0));
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_decode("a", 1, NULL, NULL), 1);
}

static void test_sanitize(void **state)
{
	size_t bad = 99;
	char *s;

	s = utf8_sanitize("", 0, &bad);
	assert_string_equal(s, "");
	assert_int_equal(bad, 0);
	free(s);
	s = utf8_sanitize("\x8E\x52\x93\x63", 4, &bad);
	assert_string_equal(s, "\xEF\xBF\xBD" "R" "\xEF\xBF\xBD" "c");
	assert_int_equal(bad, 2);
	assert_true(utf8_valid(s, strlen(s)));
	free(s);
	/* an embedded NUL stays (len is explicit) */
	s = utf8_sanitize("a\0b\xFF", 4, NULL);
	assert_memory_equal(s, "a\0b\xEF\xBF\xBD", 6);
	free(s);
	s = utf8_sanitize("山田", strlen("山田"), &bad);
	assert_string_equal(s, "山田");
	assert_int_equal(bad, 0);
	free(s);
}

static void test_valid_text(void **state)
{
	const char *t = "髙橋 𠮷田 葛󠄀飾 ｶﾞｸｾｲ 👨‍👩‍👧";

	assert_true(utf8_valid(t, strlen(t)));
	EXPECT("a山𠮷", 'a', 0x5C71, 0x20BB7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates_and_range),
		cmocka_unit_test(test_truncated_and_lone),
		cmocka_unit_test(test_maximal_subparts),
		cmocka_unit_test(test_stream_shift_jis),
		cmocka_unit_test(test_stream_two_outputs),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_decode_empty),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_valid_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
