/* fuzz_date.c: libFuzzer target for date_parse. Any bytes must either fail
 * with a message or give a valid date whose ISO and 和暦 forms parse back to
 * the same date. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/date.h"
#include "tsunagu/paths.h"
#include "tsunagu/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tsu_err e;
	const char *dir = getenv("TSUNAGU_DATA_DIR");
	char *path;

	err_clear(&e);
	path = dir && *dir ? xasprintf("%s/eras.tsv", dir) : paths_data_file("eras.tsv", &e);
	if (!path || date_load_eras(path, &e) != 0) {
		fprintf(stderr, "fuzz_date: cannot load eras: %s\n", e.msg);
		abort();
	}
	free(path);
	return 0;
}

/* Format d with f and require it to parse back to d ("" is allowed). */
static void round_trip(char *(*f)(struct date, char *, size_t), struct date d)
{
	char buf[128];
	struct date back;
	struct tsu_err e;

	f(d, buf, sizeof buf);
	if (!buf[0])
		return;
	if (date_parse(buf, &back, &e) != 0 || date_cmp(back, d) != 0) {
		fprintf(stderr, "round trip of %04d-%02d-%02d via \"%s\" failed: %s\n", d.y, d.m,
			d.d, buf, e.msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	struct date d = { 0, 0, 0 };
	struct tsu_err e;
	int rc;

	memcpy(s, data, size);
	s[size] = '\0';
	err_clear(&e);
	rc = date_parse(s, &d, &e);
	free(s);
	if (rc != 0) {
		if (rc != TSU_EINVAL || !e.msg[0])
			abort();
		return 0;
	}
	if (!date_valid(d.y, d.m, d.d))
		abort();
	round_trip(date_format_iso, d);
	round_trip(date_format_wareki, d);
	round_trip(date_format_short, d);
	round_trip(date_format_wareki_wday, d);
	return 0;
}
