/* fuzz_utf8.c: libFuzzer target for the UTF-8 decoder, sanitizer and the
 * terminal byte-stream decoder. Invariants: every step consumes 1..4 bytes,
 * valid code points re-encode to the same bytes, sanitize output is valid
 * UTF-8 with one U+FFFD per invalid subpart, and the stream decoder emits
 * exactly what utf8_decode does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() with the failed invariant's line, so a crash report names it */
#define check(cond) check_at((cond), __LINE__)

static void check_at(int cond, int line)
{
	if (!cond) {
		fprintf(stderr, "%s:%d: invariant failed\n", __FILE__, line);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	uint32_t *cps = malloc((size + 1) * sizeof *cps);
	size_t i = 0, n = 0, bad = 0, nbad = 0, m = 0, k, outlen = 0;
	struct utf8_stream st;
	char *san;

	while (i < size) {
		char enc[4];
		bool ok;
		size_t len = utf8_decode(s + i, size - i, &cps[n], &ok);

		check(len >= 1 && len <= 4 && len <= size - i);
		if (ok) {
			check(utf8_encode(cps[n], enc) == len);
			check(memcmp(enc, s + i, len) == 0);
			outlen += len;
		} else {
			outlen += 3;
			check(cps[n] == UTF8_REPLACEMENT);
			bad++;
		}
		i += len;
		n++;
	}
	check(utf8_count(s, size) == n);
	check(utf8_valid(s, size) == (bad == 0));
	san = utf8_sanitize(s, size, &nbad);
	check(nbad == bad);
		check(utf8_valid(san, outlen) && utf8_count(san, outlen) == n);
	if (bad == 0)
		check(memcmp(san, s, size) == 0);
	free(san);

	utf8_stream_init(&st);
	for (i = 0; i < size; i++) {
		uint32_t two[2];
		int got = utf8_stream_push(&st, data[i], two);

		check(got >= 0 && got <= 2);
		for (k = 0; k < (size_t)got; k++) {
			check(m < n && two[k] == cps[m]);
			m++;
		}
	}
	if (utf8_stream_flush(&st, &cps[size])) {
		check(m < n && cps[size] == cps[m]);
		m++;
	}
	check(m == n && st.invalid == bad && !utf8_stream_pending(&st));
	free(cps);
	return 0;
}
