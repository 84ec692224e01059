/* fuzz_text.c: libFuzzer target for width, display form, cut, pad, wrap and
 * grapheme iteration on arbitrary bytes and widths. The first two bytes pick
 * the column count and the options; the rest is the text. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/text.h"
#include "tsunagu/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	check(text_init() == 0);
	return 0;
}

/* Nothing the terminal would act on: no C0, DEL, C1, ZWJ or VS16. */
static void check_display(const char *d)
{
	size_t i = 0, len = strlen(d);

	check(utf8_valid(d, len));
	while (i < len) {
		uint32_t cp;

		i += utf8_decode(d + i, len - i, &cp, NULL);
		check(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
		check(cp != 0x200D && cp != 0xFE0F);
	}
}

static void check_cut(const char *s, const char *disp, int cols, bool ell)
{
	int w = -1;
	char *c = text_cut(s, cols, ell, &w);
	size_t cl = strlen(c);

	check_display(c);
	check(w == text_width(c) && w >= 0 && w <= (cols > 0 ? cols : 0));
	if (!ell)
		check(strncmp(c, disp, cl) == 0);
	else if (strcmp(c, disp) != 0)
		check(cols <= 0 ? cl == 0 : c[cl - 1] == '.');
	free(c);
}

static void check_wrap(const char *s, int cols)
{
	char **lines;
	size_t n = text_wrap(s, cols, &lines), i;

	check(cols <= 0 ? n == 0 : n >= 1);
	for (i = 0; i < n; i++) {
		check_display(lines[i]);
		check(text_width(lines[i]) <= cols);
	}
	text_lines_free(lines, n);
}

/* Boundaries forward and backward agree and never split a code point. */
static void check_graphemes(const char *s, size_t len)
{
	size_t *b = malloc((len + 1) * sizeof *b), n = 0, pos = 0, sum = 0;

	while (pos < len) {
		size_t next = text_next_grapheme(s, len, pos);

		check(next > pos && next <= len);
		sum += (size_t)text_width_n(s + pos, next - pos);
		b[n++] = pos;
		pos = next;
	}
	check(sum == (size_t)text_width_n(s, len));
	while (n > 0) {
		pos = text_prev_grapheme(s, len, pos);
		check(pos == b[--n]);
	}
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int cols, align;
	char *s, *d, *p;
	bool ell;

	if (size < 2)
		return 0;
	cols = (int)(data[0] % 84) - 3;
	align = (int)(data[1] % 3) - 1;
	ell = data[1] & 4;
	text_set_ambiguous_wide(data[1] & 8);
	data += 2;
	size -= 2;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	check_graphemes((const char *)data, size);
	d = text_display(s);
	check_display(d);
	check(text_width(d) == text_width(s));
	check_cut(s, d, cols, ell);
	p = text_pad(s, cols, align);
	check(text_width(p) == (cols > 0 ? cols : 0));
	check_display(p);
	free(p);
	check_wrap(s, cols);
	free(d);
	free(s);
	return 0;
}
