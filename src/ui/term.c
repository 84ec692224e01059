/* term.c: the terminal around curses: checks before starting, the ambiguous
 * width probe (before curses owns the input), starting curses in raw mode and
 * restoring the terminal on every way out, fatal ones included. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#define TSU_CURSES_TERMINFO 1
#include "ui_int.h"

static SCREEN *term_screen;
static bool active;
/* Keys typed while the probe waited for its answer, given back to curses. */
static unsigned char pending[256];
static size_t npending;

bool term_preflight(void)
{
	const char *t = getenv("TERM");
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("tsunagu: 全画面表示には端末が必要です。"
		      "スクリプトからはサブコマンドを使ってください (tsunagu --help)。\n",
		      stderr);
		return false;
	}
	if (!t || !*t || strcmp(t, "dumb") == 0) {
		fprintf(stderr,
		        "tsunagu: この端末 (TERM=%s) では全画面表示ができません。"
		        "TERM を xterm-256color などに設定してから起動してください。\n",
		        t && *t ? t : "未設定");
		return false;
	}
	/* an unknown TERM: say so before anything is sent to the terminal */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr,
		        "tsunagu: 端末の種類 TERM=%s が分かりません。"
		        "TERM を xterm-256color などに設定してください。\n",
		        t);
		return false;
	}
	del_curterm(cur_term);
	return true;
}

static void write_all(const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t w = write(STDOUT_FILENO, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Find "ESC [ row ; col R" in buf; the column, or 0. The reply's bytes are cut
 * out of buf so the rest can be given back as typed keys. */
static int take_reply(unsigned char *buf, size_t *n)
{
	for (size_t i = 0; i + 1 < *n; i++) {
		size_t j = i + 2;
		int row = 0, col = 0;

		if (buf[i] != 0x1b || buf[i + 1] != '[')
			continue;
		while (j < *n && buf[j] >= '0' && buf[j] <= '9')
			row = row * 10 + (buf[j++] - '0');
		if (j >= *n || buf[j++] != ';')
			continue;
		while (j < *n && buf[j] >= '0' && buf[j] <= '9')
			col = col * 10 + (buf[j++] - '0');
		if (j >= *n || buf[j] != 'R' || row == 0 || col == 0)
			continue;
		memmove(buf + i, buf + j + 1, *n - j - 1);
		*n -= j + 1 - i;
		return col;
	}
	return 0;
}

static int read_reply(int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	int col = 0;

	while (col == 0) {
		long left = deadline - now_ms();
		struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
		ssize_t r;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		r = read(STDIN_FILENO, pending + npending, sizeof(pending) - npending);
		if (r <= 0)
			break;
		npending += (size_t)r;
		col = take_reply(pending, &npending);
		if (npending == sizeof(pending))
			break;
	}
	return col;
}

bool term_probe_ambiguous(int timeout_ms)
{
	struct termios old, raw;
	int col;

	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return false;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	/* U+2460 ① from column 1: the cursor lands on 3 if the terminal draws it wide. */
	write_all("\r\xe2\x91\xa0\033[6n");
	col = read_reply(timeout_ms);
	write_all("\r\033[K");
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	return col == 3;
}

void term_unread_pending(void)
{
	while (npending > 0)
		ungetch(pending[--npending]);
}

bool term_start(bool no_color)
{
	bool color;

	term_screen = newterm(NULL, stdout, stdin);
	if (!term_screen) {
		fprintf(stderr,
		        "tsunagu: 端末 (TERM=%s) を初期化できません。"
		        "TERM を xterm-256color などに設定してください。\n",
		        getenv("TERM"));
		return false;
	}
	active = true;
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(100);
	curs_set(0);
	color = !no_color && getenv("NO_COLOR") == NULL && has_colors() && start_color() == OK;
	if (color)
		use_default_colors();
	draw_init_styles(color);
	return true;
}

bool term_active(void)
{
	return active;
}

void term_stop(void)
{
	if (!active)
		return;
	active = false;
	curs_set(1);
	endwin();
	fflush(stdout);
}

void term_free(void)
{
	if (term_screen && !active) {
		delscreen(term_screen);
		term_screen = NULL;
	}
}
