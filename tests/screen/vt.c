/* vt.c: the screen-test terminal: forkpty + libvterm (see vt.h). */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tsunagu/text.h"
#include "tsunagu/utf8.h"

struct vt {
	int fd;
	pid_t pid;
	int status; /* valid once exited */
	bool exited;
	VTerm *term;
	VTermScreen *screen;
	bool altscreen;
	bool cursor_visible;
	bool amb_wide;
	bool answer_cpr;
	bool sending_key;
	/* output parser for the ambiguous-wide emulation */
	int esc; /* 0 text, 1 after ESC, 2 CSI, 3 string (OSC/DCS) */
	unsigned char u8[4];
	size_t u8n, u8need;
	long last_output_ms;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && (errno == EINTR || errno == EAGAIN)) {
			struct pollfd p = {.fd = fd, .events = POLLOUT};

			poll(&p, 1, 100);
			continue;
		}
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* What libvterm sends back: key encodings and answers to queries. */
static void on_output(const char *s, size_t len, void *user)
{
	struct vt *v = user;

	if (!v->sending_key && !v->answer_cpr && len > 2 && s[0] == '\033' && s[len - 1] == 'R')
		return;
	write_all(v->fd, s, len);
}

static int on_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *v = user;

	if (prop == VTERM_PROP_ALTSCREEN)
		v->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		v->cursor_visible = val->boolean;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {.settermprop = on_prop};

static void child(const struct vt_opts *o)
{
	const char *bin = getenv("TSUNAGU_BIN");
	const char *argv[32];
	int n = 0;

	setenv("TERM", o->term ? o->term : "xterm-256color", 1);
	setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
	unsetenv("NO_COLOR");
	unsetenv("TSUNAGU_AMBIGUOUS");
	for (const char *const *e = o->env; e && *e; e++)
		putenv((char *)*e);
	argv[n++] = bin;
	argv[n++] = "--db";
	argv[n++] = o->db;
	for (const char *const *a = o->args; a && *a && n < 30; a++)
		argv[n++] = *a;
	argv[n] = NULL;
	execv(bin, (char *const *)argv);
	_exit(127);
}

struct vt *vt_start(const struct vt_opts *o)
{
	struct vt *v = calloc(1, sizeof(*v));
	struct winsize ws = {.ws_row = o->rows ? o->rows : 24, .ws_col = o->cols ? o->cols : 80};

	if (!getenv("TSUNAGU_BIN")) {
		fprintf(stderr, "vt: TSUNAGU_BIN is not set\n");
		free(v);
		return NULL;
	}
	v->term = vterm_new(ws.ws_row, ws.ws_col);
	vterm_set_utf8(v->term, 1);
	vterm_output_set_callback(v->term, on_output, v);
	v->screen = vterm_obtain_screen(v->term);
	vterm_screen_enable_altscreen(v->screen, 1);
	vterm_screen_set_callbacks(v->screen, &screen_cbs, v);
	vterm_screen_reset(v->screen, 1);
	v->cursor_visible = true;
	v->amb_wide = o->ambiguous_wide;
	v->answer_cpr = !o->no_cursor_reply;
	v->pid = forkpty(&v->fd, NULL, NULL, &ws);
	if (v->pid < 0) {
		perror("forkpty");
		vterm_free(v->term);
		free(v);
		return NULL;
	}
	if (v->pid == 0)
		child(o);
	fcntl(v->fd, F_SETFL, fcntl(v->fd, F_GETFL) | O_NONBLOCK);
	return v;
}

void vt_free(struct vt *v)
{
	if (!v)
		return;
	if (getenv("TSU_VT_DUMP")) /* see the last screen of every test */
		vt_dump(v, stderr);
	if (!v->exited && v->pid > 0) {
		kill(v->pid, SIGKILL);
		waitpid(v->pid, NULL, 0);
	}
	close(v->fd);
	vterm_free(v->term);
	free(v);
}

/* ---- output from the child ---------------------------------------------- */

static void emit(struct vt *v, const unsigned char *s, size_t n)
{
	vterm_input_write(v->term, (const char *)s, n);
}

static size_t utf8_need(unsigned char b)
{
	return b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
}

/* One complete character in text state: draw it, then advance once more if
 * the emulated terminal draws it two columns wide. */
static void text_char(struct vt *v)
{
	uint32_t cp;

	emit(v, v->u8, v->u8n);
	utf8_decode((const char *)v->u8, v->u8n, &cp, NULL);
	if (cp >= 0x80 && text_is_ambiguous(cp))
		emit(v, (const unsigned char *)"\033[C", 3);
	v->u8n = v->u8need = 0;
}

static void feed_byte(struct vt *v, unsigned char b)
{
	if (v->u8n > 0) {
		v->u8[v->u8n++] = b;
		if (v->u8n > v->u8need)
			text_char(v);
		return;
	}
	switch (v->esc) {
	case 1: v->esc = b == '[' ? 2 : (b == ']' || b == 'P' || b == '_') ? 3 : 0; break;
	case 2:
		if (b >= 0x40 && b <= 0x7e)
			v->esc = 0;
		break;
	case 3:
		if (b == 0x07 || b == '\\')
			v->esc = 0;
		break;
	default:
		if (b == 0x1b) {
			v->esc = 1;
		} else if (b >= 0xc0) {
			v->u8[0] = b;
			v->u8n = 1;
			v->u8need = utf8_need(b);
			return;
		}
	}
	emit(v, &b, 1);
}

static void feed(struct vt *v, const unsigned char *s, size_t n)
{
	if (!v->amb_wide) {
		emit(v, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		feed_byte(v, s[i]);
}

static void reap(struct vt *v)
{
	int st;

	if (!v->exited && waitpid(v->pid, &st, WNOHANG) == v->pid) {
		v->exited = true;
		v->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
}

/* Read once, waiting up to ms; true if anything came. */
static bool read_once(struct vt *v, int ms)
{
	unsigned char buf[8192];
	struct pollfd p = {.fd = v->fd, .events = POLLIN};
	ssize_t r;

	if (poll(&p, 1, ms) <= 0)
		return false;
	r = read(v->fd, buf, sizeof(buf));
	if (r <= 0) {
		reap(v);
		if (r < 0 && errno != EAGAIN && errno != EINTR)
			usleep(10000); /* EIO: the child closed the pty */
		return false;
	}
	feed(v, buf, (size_t)r);
	v->last_output_ms = now_ms();
	return true;
}

void vt_pump(struct vt *v, int ms)
{
	long deadline = now_ms() + ms;

	do {
		long left = deadline - now_ms();

		read_once(v, left > 0 ? (int)left : 0);
	} while (now_ms() < deadline);
}

void vt_settle(struct vt *v, int quiet_ms)
{
	long start = now_ms();

	v->last_output_ms = now_ms();
	while (now_ms() - v->last_output_ms < quiet_ms && now_ms() - start < VT_TIMEOUT)
		read_once(v, 20);
}

/* ---- input to the child -------------------------------------------------- */

void vt_send(struct vt *v, const char *bytes, size_t n)
{
	write_all(v->fd, bytes, n);
}

void vt_type(struct vt *v, const char *s)
{
	vt_send(v, s, strlen(s));
}

void vt_key(struct vt *v, int vterm_key, int mod)
{
	v->sending_key = true;
	vterm_keyboard_key(v->term, (VTermKey)vterm_key, (VTermModifier)mod);
	v->sending_key = false;
}

void vt_fkey(struct vt *v, int n)
{
	vt_key(v, VTERM_KEY_FUNCTION(n), VTERM_MOD_NONE);
}

void vt_resize(struct vt *v, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};

	vterm_set_size(v->term, rows, cols);
	ioctl(v->fd, TIOCSWINSZ, &ws);
}

/* ---- reading the screen ---------------------------------------------------- */

int vt_rows(struct vt *v)
{
	int r, c;

	vterm_get_size(v->term, &r, &c);
	return r;
}

int vt_cols(struct vt *v)
{
	int r, c;

	vterm_get_size(v->term, &r, &c);
	return c;
}

bool vt_cell(struct vt *v, int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = {.row = row, .col = col};

	if (row < 0 || col < 0 || row >= vt_rows(v) || col >= vt_cols(v))
		return false;
	return vterm_screen_get_cell(v->screen, pos, cell) != 0;
}

uint32_t vt_char(struct vt *v, int row, int col)
{
	VTermScreenCell c;

	if (!vt_cell(v, row, col, &c) || c.chars[0] == (uint32_t)-1)
		return 0;
	return c.chars[0];
}

/* Row text; cols_at (may be NULL) gets, per byte, the cell column it came from. */
static char *row_text(struct vt *v, int row, int **cols_at)
{
	int cols = vt_cols(v);
	size_t cap = (size_t)cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1, n = 0;
	char *s = malloc(cap);
	int *at = malloc(cap * sizeof(int));

	for (int c = 0; c < cols; c++) {
		VTermScreenCell cell;
		char u[4];

		if (!vt_cell(v, row, c, &cell) || cell.chars[0] == (uint32_t)-1)
			continue;
		if (cell.chars[0] == 0) {
			at[n] = c;
			s[n++] = ' ';
			continue;
		}
		for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && cell.chars[k]; k++) {
			size_t len = utf8_encode(cell.chars[k], u);

			for (size_t j = 0; j < len; j++) {
				at[n] = c;
				s[n++] = u[j];
			}
		}
		if (cell.width == 2)
			c++;
	}
	s[n] = '\0';
	if (cols_at)
		*cols_at = at;
	else
		free(at);
	return s;
}

char *vt_row(struct vt *v, int row)
{
	return row_text(v, row, NULL);
}

bool vt_find(struct vt *v, const char *text, int *row, int *col)
{
	for (int r = 0; r < vt_rows(v); r++) {
		int *at;
		char *s = row_text(v, r, &at);
		char *hit = strstr(s, text);

		if (hit) {
			if (row)
				*row = r;
			if (col)
				*col = at[hit - s];
		}
		free(s);
		free(at);
		if (hit)
			return true;
	}
	return false;
}

void vt_cursor(struct vt *v, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(v->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

bool vt_altscreen(struct vt *v)
{
	return v->altscreen;
}

bool vt_cursor_visible(struct vt *v)
{
	return v->cursor_visible;
}

bool vt_termios(struct vt *v, struct termios *t)
{
	return tcgetattr(v->fd, t) == 0;
}

void vt_dump(struct vt *v, FILE *out)
{
	int r, c;

	vt_cursor(v, &r, &c);
	fprintf(out, "---- screen %dx%d, cursor %d,%d%s ----\n", vt_cols(v), vt_rows(v), r, c,
	        v->exited ? " (exited)" : "");
	for (int i = 0; i < vt_rows(v); i++) {
		char *s = vt_row(v, i);

		fprintf(out, "%2d|%s|\n", i, s);
		free(s);
	}
}

/* ---- waiting -------------------------------------------------------------- */

typedef bool (*vt_pred)(struct vt *v, const void *arg, int row);

static bool wait_for(struct vt *v, vt_pred pred, const void *arg, int row, int timeout_ms,
                     const char *what)
{
	long deadline = now_ms() + timeout_ms;

	for (;;) {
		if (pred(v, arg, row))
			return true;
		if (now_ms() >= deadline)
			break;
		read_once(v, 20);
	}
	fprintf(stderr, "vt: timed out waiting for %s\n", what);
	vt_dump(v, stderr);
	return false;
}

static bool has_text(struct vt *v, const void *arg, int row)
{
	char *s;
	bool ok;

	if (row < 0)
		return vt_find(v, arg, NULL, NULL);
	s = vt_row(v, row);
	ok = strstr(s, arg) != NULL;
	free(s);
	return ok;
}

static bool no_text(struct vt *v, const void *arg, int row)
{
	return !vt_find(v, arg, NULL, NULL);
}

bool vt_wait_text(struct vt *v, const char *text, int timeout_ms)
{
	return wait_for(v, has_text, text, -1, timeout_ms, text);
}

bool vt_wait_row(struct vt *v, int row, const char *text, int timeout_ms)
{
	return wait_for(v, has_text, text, row, timeout_ms, text);
}

bool vt_wait_gone(struct vt *v, const char *text, int timeout_ms)
{
	return wait_for(v, no_text, text, -1, timeout_ms, text);
}

void vt_signal(struct vt *v, int sig)
{
	if (!v->exited)
		kill(v->pid, sig);
}

int vt_wait_exit(struct vt *v, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;

	while (!v->exited && now_ms() < deadline) {
		read_once(v, 20);
		reap(v);
	}
	if (!v->exited) {
		fprintf(stderr, "vt: the program did not exit; killing it\n");
		vt_dump(v, stderr);
		kill(v->pid, SIGKILL);
		waitpid(v->pid, NULL, 0);
		v->exited = true;
		return -1;
	}
	while (read_once(v, 0))
		;
	return v->status;
}

/* ---- helpers -------------------------------------------------------------- */

char *vt_tmp_db(void)
{
	char dir[] = "/tmp/tsu-screen-XXXXXX";
	char *db;

	if (!mkdtemp(dir))
		return NULL;
	db = malloc(strlen(dir) + 8);
	memcpy(db, dir, strlen(dir));
	memcpy(db + strlen(dir), "/t.db", 6);
	return db;
}

void vt_tmp_remove(char *db)
{
	char *slash;
	const char *sfx[] = {"", "-wal", "-shm", "-journal"};

	if (!db)
		return;
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		char path[4200];

		snprintf(path, sizeof(path), "%s%s", db, sfx[i]);
		unlink(path);
	}
	slash = strrchr(db, '/');
	if (slash) {
		*slash = '\0';
		rmdir(db);
	}
	free(db);
}

int vt_run_cli(const char *db, const char *const *args)
{
	const char *bin = getenv("TSUNAGU_BIN");
	pid_t pid;
	int st;

	if (!bin)
		return -1;
	pid = fork();
	if (pid == 0) {
		const char *argv[32];
		int n = 0;
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
		argv[n++] = bin;
		argv[n++] = "--db";
		argv[n++] = db;
		for (; args && *args && n < 31; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
