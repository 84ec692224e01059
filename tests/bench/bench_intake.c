/* bench_intake.c: driver of scripts/bench-intake (not a test: ctest does
 * not build it). Runs the real binary in a pty (tests/screen/vt.h), opens
 * 新規受付, and types each line of standard input into the child's name one
 * character at a time, as a worker typing a reading would: one lookup of
 * the known-person pane per key. For every key it measures the time until
 * the character is on the screen (echo: must not wait for the lookup) and
 * until the screen is quiet again (the pane redrawn with its results).
 * Usage: bench_intake DB < names; prints medians, p99 and maxima. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagu/utf8.h"
#include "vt.h"

#define MAX_KEYS 20000
#define QUIET_MS 15

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double echo[MAX_KEYS], settled[MAX_KEYS];

/* Type one line key by key; returns the keys typed. */
static size_t type_line(struct vt *v, const char *line, size_t n)
{
	size_t len = strlen(line), i = 0;
	char want[512];

	while (i < len && n < MAX_KEYS) {
		uint32_t cp;
		bool ok;
		size_t k = utf8_decode(line + i, len - i, &cp, &ok);
		double t0 = now_ms();

		vt_send(v, line + i, k);
		i += k;
		snprintf(want, sizeof want, "氏名 *          %.*s", (int)i, line);
		while (!vt_find(v, want, NULL, NULL))
			vt_pump(v, 1);
		echo[n] = now_ms() - t0;
		vt_settle(v, QUIET_MS);
		settled[n++] = now_ms() - t0 - QUIET_MS;
	}
	vt_send(v, "\x15", 1); /* Ctrl-U: clear the field */
	vt_settle(v, 50);
	return n;
}

int main(int argc, char **argv)
{
	struct vt_opts o = {.rows = 30, .cols = 110};
	struct vt *v;
	char line[256];
	size_t n = 0;

	if (argc != 2) {
		fputs("usage: bench_intake DB < names\n", stderr);
		return 2;
	}
	o.db = argv[1];
	if (!(v = vt_start(&o)) || !vt_wait_text(v, "ホーム", VT_TIMEOUT))
		return 1;
	vt_fkey(v, 2);
	if (!vt_wait_text(v, "新規受付", VT_TIMEOUT))
		return 1;
	for (int i = 0; i < 10; i++) /* to the child's name */
		vt_type(v, "\t");
	vt_settle(v, 200);
	while (fgets(line, sizeof line, stdin) && n < MAX_KEYS) {
		line[strcspn(line, "\n")] = '\0';
		n = type_line(v, line, n);
	}
	vt_free(v);
	if (n == 0)
		return 1;
	qsort(echo, n, sizeof *echo, cmp);
	qsort(settled, n, sizeof *settled, cmp);
	printf("keys %zu  echo: median %.2f ms, p99 %.2f, max %.2f"
	       "  |  pane updated: median %.2f ms, p99 %.2f, max %.2f\n",
	       n, echo[n / 2], echo[n * 99 / 100], echo[n - 1], settled[n / 2],
	       settled[n * 99 / 100], settled[n - 1]);
	return 0;
}
