/* fileio.c: whole-file reads and atomic writes (temporary file + rename). */
#include "tsunagu/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fileio_read_all(const char *path, struct sbuf *out, struct tsu_err *e)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return err_set(e, TSU_EIO, "%s を開けません: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(out, buf, n);
	if (ferror(f)) {
		fclose(f);
		return err_set(e, TSU_EIO, "%s を読めません: %s", path, strerror(errno));
	}
	fclose(f);
	return 0;
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

int fileio_write_atomic(const char *path, const char *bytes, size_t len, struct tsu_err *e)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp), rc = 0; /* mkstemp creates with mode 0600 */

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
