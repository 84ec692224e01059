/* dlg_file.c: where the screens write files (the printable 業務日誌, CSV
 * exports): paths under the user's home directory, and an atomic write, so
 * that Excel or a printer spooler never picks up half a file. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dlg.h"

static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h && *h)
		return h;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : ".";
}

char *file_home_path(const char *name)
{
	const char *h = home_dir();
	size_t n = strlen(h);

	return xasprintf("%s%s%s", h, n && h[n - 1] == '/' ? "" : "/", name);
}

char *file_expand(const char *path)
{
	if (strcmp(path, "~") == 0)
		return xstrdup(home_dir());
	if (strncmp(path, "~/", 2) == 0)
		return file_home_path(path + 2);
	return xstrdup(path);
}

