/* paths.c: locating the data directory and the database file. */
#include "tsunagu/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tsu_config.h"
#include "tsunagu/util.h"

static char *data_dir;

static bool has_data(const char *dir)
{
	char *p = xasprintf("%s/eras.tsv", dir);
	bool ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

/* Directory of the running executable, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

static char *find_data_dir(void)
{
	const char *env = getenv("TSUNAGU_DATA_DIR");
	char *exe = exe_dir();
	char *cand = NULL;

	if (env && *env && has_data(env)) {
		free(exe);
		return xstrdup(env);
	}
	if (exe) {
		char *real_build = realpath(TSU_BUILD_DIR, NULL);
		/* run from the build tree (or a subdirectory of it): the source data/ */
		if (real_build && strncmp(exe, real_build, strlen(real_build)) == 0 &&
		    has_data(TSU_SOURCE_DATA_DIR))
			cand = xstrdup(TSU_SOURCE_DATA_DIR);
		free(real_build);
		if (!cand) {
			cand = xasprintf("%s/../share/tsunagu", exe);
			if (!has_data(cand)) {
				free(cand);
				cand = NULL;
			}
		}
		free(exe);
	}
	if (!cand && has_data(TSU_INSTALL_DATA_DIR))
		cand = xstrdup(TSU_INSTALL_DATA_DIR);
	if (!cand && has_data(TSU_SOURCE_DATA_DIR))
		cand = xstrdup(TSU_SOURCE_DATA_DIR);
	return cand;
}

const char *paths_data_dir(struct tsu_err *e)
{
	if (!data_dir)
		data_dir = find_data_dir();
	if (!data_dir)
		err_set(e, TSU_ENOTFOUND,
			"データファイル (eras.tsv) が見つかりません。TSUNAGU_DATA_DIR で data/ "
			"の場所を指定してください (探した場所: %s, %s)",
			TSU_INSTALL_DATA_DIR, TSU_SOURCE_DATA_DIR);
	return data_dir;
}

char *paths_data_file(const char *name, struct tsu_err *e)
{
	const char *dir = paths_data_dir(e);

	return dir ? xasprintf("%s/%s", dir, name) : NULL;
}

char *paths_db(const char *cli_path)
{
	const char *env = getenv("TSUNAGU_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (cli_path && *cli_path)
		return xstrdup(cli_path);
	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		return xasprintf("%s/tsunagu/tsunagu.db", xdg);
	return xasprintf("%s/.local/share/tsunagu/tsunagu.db", home && *home ? home : ".");
}

int paths_make_parent(const char *path, struct tsu_err *e)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;

	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			break;
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		rc = err_set(e, TSU_EIO, "ディレクトリ %s を作成できません: %s", dir,
			     strerror(errno));
	free(dir);
	return rc;
}
