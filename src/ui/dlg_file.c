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

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *bytes, size_t len, struct tsu_err *e)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp), rc = 0;

	if (fd < 0) {
		rc = err_set(e, TSU_EIO, "%s に書き込めません (一時ファイルを作れません: %s)", path,
		             strerror(errno));
		free(tmp);
		return rc;
	}
	if (write_all(fd, bytes, len) != 0 || fsync(fd) != 0)
		rc = err_set(e, TSU_EIO, "%s に書き込めません: %s", path, strerror(errno));
	if (close(fd) != 0 && rc == 0)
		rc = err_set(e, TSU_EIO, "%s に書き込めません: %s", path, strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(e, TSU_EIO, "%s に書き込めません: %s", path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
