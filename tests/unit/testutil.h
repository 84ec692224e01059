/* testutil.h: helpers shared by the cmocka unit tests. cmocka's headers need
 * these standard headers first. */
#ifndef TSU_TESTUTIL_H
#define TSU_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* A fresh temporary directory for this test process (removed at exit). */
const char *testutil_tmpdir(void);
/* A path inside it: newly allocated "<tmpdir>/<name>". */
char *testutil_path(const char *name);
/* Set up LC_CTYPE (UTF-8) and load the data files (eras, variants) from
 * $TSUNAGU_DATA_DIR; fails the test on error. */
void testutil_init_core(void);

#endif
