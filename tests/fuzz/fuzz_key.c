/* fuzz_key.c: libFuzzer target for the search keys. Invariants: keys are
 * valid UTF-8; key_fold and key_variant are idempotent and key_variant(s) ==
 * key_variant(key_fold(s)); no white space or katakana survives a fold;
 * key_digits gives ASCII digits only and is not changed by folding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/key.h"
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
	struct tsu_err e = { 0 };

	check(text_init() == 0);
	if (key_load_default(&e) != 0) {
		fprintf(stderr, "fuzz_key: %s\n", e.msg);
		abort();
	}
	return 0;
}

static void check_folded(const char *k)
{
	size_t i = 0, len = strlen(k);

	check(utf8_valid(k, len));
	while (i < len) {
		uint32_t cp;

		i += utf8_decode(k + i, len - i, &cp, NULL);
		check(cp != ' ' && cp != '\t' && cp != '\n' && cp != 0x3000 && cp != 0x30FB);
		check(!(cp >= 0x30A1 && cp <= 0x30F6));
	}
}

static void check_same(char *(*f)(const char *), const char *in, const char *want)
{
	char *k = f(in);

	check(strcmp(k, want) == 0);
	free(k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *f, *v, *dg;
	size_t i;

	memcpy(s, data, size);
	s[size] = '\0';
	f = key_fold(s);
	v = key_variant(s);
	dg = key_digits(s);
	check_folded(f);
	check_folded(v);
	check_same(key_fold, f, f);
	check_same(key_variant, v, v);
	check_same(key_variant, f, v);
	check_same(key_digits, f, dg);
	for (i = 0; dg[i]; i++)
		check(dg[i] >= '0' && dg[i] <= '9');
	free(f);
	free(v);
	free(dg);
	free(s);
	return 0;
}
