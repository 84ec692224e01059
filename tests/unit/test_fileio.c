/* test_fileio.c: whole-file reads and atomic writes (bad input first). */
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tsunagu/fileio.h"
#include "tsunagu/util.h"

/* Files in the test directory whose name starts with prefix. */
static int count_prefix(const char *prefix)
{
	DIR *d = opendir(testutil_tmpdir());
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static void test_missing_and_unwritable(void **state)
{
	struct sbuf sb = {0};
	struct tsu_err e = {0};
	char *none = testutil_path("no-such-file.csv");
	char *bad = testutil_path("no-such-dir/out.csv");

	(void)state;
	assert_int_equal(fileio_read_all(none, &sb, &e), TSU_EIO);
	assert_non_null(strstr(e.msg, "no-such-file.csv"));
	assert_int_equal(fileio_write_atomic(bad, "x", 1, &e), TSU_EIO);
	assert_non_null(strstr(e.msg, "out.csv"));
	sbuf_release(&sb);
	free(none);
	free(bad);
}

static void test_write_replace_read(void **state)
{
	static const char first[] = "表,行,列,件数\r\n";
	static const char second[] = "\xef\xbb\xbf髙橋,1\r\n";
	struct sbuf sb = {0};
	struct tsu_err e = {0};
	struct stat st;
	char *path = testutil_path("out.csv");

	(void)state;
	assert_int_equal(fileio_write_atomic(path, first, sizeof first - 1, &e), 0);
	assert_int_equal(fileio_write_atomic(path, second, sizeof second - 1, &e), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600); /* personal data */
	assert_int_equal(fileio_read_all(path, &sb, &e), 0);
	assert_int_equal(sb.len, sizeof second - 1);
	assert_memory_equal(sb.buf, second, sb.len);
	assert_int_equal(count_prefix("out.csv.tmp."), 0); /* no temporary left */
	sbuf_release(&sb);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_and_unwritable),
		cmocka_unit_test(test_write_replace_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
