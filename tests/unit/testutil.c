/* testutil.c: temporary directories and core set-up for the unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsunagu/date.h"
#include "tsunagu/key.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

static char tmpdir[256];

static void remove_tmpdir(void)
{
	char *cmd;

	if (!tmpdir[0])
		return;
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
}

const char *testutil_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/tsunagu-test-XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(1);
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

char *testutil_path(const char *name)
{
	return xasprintf("%s/%s", testutil_tmpdir(), name);
}

void testutil_init_core(void)
{
	struct tsu_err e = {0};

	assert_int_equal(text_init(), 0);
	if (date_load_default(&e) != 0 || key_load_default(&e) != 0)
		fail_msg("core data files: %s", e.msg);
}
