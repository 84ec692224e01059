/* cmd_demo.c: tsunagu --demo. The workstation on a throwaway database in a
 * private temporary directory (mode 0700), filled with synthetic families
 * by gen_fill and removed again when the workstation ends, however it ends
 * short of SIGKILL: a normal quit, a fatal error (exit runs the atexit
 * hook), or a signal (ui_run returns after SIGHUP/SIGINT/SIGTERM). Neither
 * $TSUNAGU_DB nor the default database is ever looked at. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tsunagu/gen.h"
#include "tsunagu/util.h"
#include "ui/ui.h"

#define DEMO_PERSONS           2000
#define DEMO_SEED              20240401
#define DEMO_CASELOAD_PERMILLE 80 /* livelier than a real centre's 4% */
#define DEMO_NAME              "森本 千尋"

static char demo_dir[PATH_MAX];

/* Remove what the demo left in its directory (the database, -wal, -shm,
 * anything else SQLite made) and the directory. Idempotent. */
static void demo_cleanup(void)
{
	DIR *d;
	struct dirent *ent;

	if (!demo_dir[0])
		return;
	if ((d = opendir(demo_dir)) != NULL) {
		while ((ent = readdir(d)) != NULL) {
			char path[PATH_MAX + 256];
			if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
				continue;
			snprintf(path, sizeof path, "%s/%s", demo_dir, ent->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(demo_dir);
	demo_dir[0] = '\0';
}

static int make_dir(struct tsu_err *e)
{
	const char *base = getenv("TMPDIR");

	if (!base || !*base)
		base = "/tmp";
	if ((size_t)snprintf(demo_dir, sizeof demo_dir, "%s/tsunagu-demo-XXXXXX", base) >=
	    sizeof demo_dir - 16) {
		demo_dir[0] = '\0';
		return err_set(e, TSU_EIO, "一時ディレクトリのパス %s が長すぎます", base);
	}
	if (!mkdtemp(demo_dir)) { /* mkdtemp makes it 0700 */
		demo_dir[0] = '\0';
		return err_set(e, TSU_EIO, "デモ用の一時ディレクトリを %s に作れません", base);
	}
	atexit(demo_cleanup);
	return 0;
}

static int minute_now(void)
{
	time_t t = time(NULL);
	struct tm tm;

	return localtime_r(&t, &tm) ? tm.tm_hour * 60 + tm.tm_min : 0;
}

/* Create the database, register this login as the centre's 統括支援員 and
 * fill it. */
static int make_demo_db(const char *path, struct tsu_err *e)
{
	struct gen_opts o = {.persons = DEMO_PERSONS,
	                     .seed = DEMO_SEED,
	                     .caseload_permille = DEMO_CASELOAD_PERMILLE};
	struct staff me = {0};
	struct db *db = NULL;
	const char *login = staff_current_login();
	int rc;

	o.now_minute = minute_now();
	if ((rc = db_open(path, DB_CREATE, &db, e)) != 0)
		return rc;
	if ((rc = staff_add(db, NULL, *login ? login : "demo", DEMO_NAME, ROLE_COORDINATOR, NULL,
	                    e)) == 0 &&
	    (rc = staff_by_login(db, *login ? login : "demo", &me, e)) == 0)
		rc = gen_fill(db, &me, &o, NULL, NULL, NULL, e);
	staff_release(&me);
	db_close(&db);
	return rc;
}

int cmd_demo(const struct ui_options *base)
{
	struct ui_options opt = *base;
	struct tsu_err e = {0};
	char *path;
	int rc;

	if (make_dir(&e) != 0) {
		fprintf(stderr, "tsunagu: %s\n", e.msg);
		return 1;
	}
	path = xasprintf("%s/demo.db", demo_dir);
	if (make_demo_db(path, &e) != 0) {
		fprintf(stderr, "tsunagu: デモ用データベースを作れませんでした: %s\n", e.msg);
		free(path);
		demo_cleanup();
		return 1;
	}
	opt.db_path = path;
	opt.demo = true;
	rc = ui_run(&opt);
	free(path);
	demo_cleanup();
	return rc;
}
