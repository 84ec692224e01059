/* ui.c: ui_run: start-up (locale, database, acting staff member, ambiguous
 * width, curses), the main loop and the way out. The loop reads a batch of
 * input, lets the top screen's commands change state, then draws once with
 * wnoutrefresh + doupdate (STYLE rule 6). KEY_RESIZE is handled here and
 * nowhere else; our signal handlers only set a flag (rule 7). */
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tsunagu/key.h"
#include "tsunagu/settings.h"
#include "tsunagu/text.h"
#include "ui_int.h"

#define PROBE_MS 300

static volatile sig_atomic_t got_signal;
static bool term_lost; /* stdin hung up or failed: the worker's terminal is gone */

static void on_signal(int sig)
{
	got_signal = sig;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void fatal_hook(void)
{
	term_stop();
}

struct date ui_today(const struct ui *ui)
{
	return ui->today_override.y ? ui->today_override : date_today();
}

bool ui_can(const struct ui *ui, enum perm p)
{
	return ui->have_me && staff_can(&ui->me, p);
}

static int parse_ambiguous(const char *s)
{
	if (!s)
		return UI_AMBIGUOUS_AUTO;
	if (strcmp(s, "wide") == 0 || strcmp(s, "2") == 0)
		return UI_AMBIGUOUS_WIDE;
	if (strcmp(s, "narrow") == 0 || strcmp(s, "1") == 0)
		return UI_AMBIGUOUS_NARROW;
	return UI_AMBIGUOUS_AUTO;
}

/* The option wins, then $TSUNAGU_AMBIGUOUS, then the site setting, then the
 * terminal's own answer to the probe. */
static bool decide_ambiguous(struct ui *ui)
{
	int m = ui->opt->ambiguous;
	char *site;

	if (m == UI_AMBIGUOUS_AUTO)
		m = parse_ambiguous(getenv("TSUNAGU_AMBIGUOUS"));
	if (m == UI_AMBIGUOUS_AUTO && (site = settings_get(ui->db, "ambiguous_width"))) {
		m = parse_ambiguous(site);
		free(site);
	}
	if (m == UI_AMBIGUOUS_AUTO)
		return term_probe_ambiguous(PROBE_MS);
	return m == UI_AMBIGUOUS_WIDE;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Open the database and find who is working. 0: go on (first run when
 * !ui->have_me), else the exit status, the reason printed. */
static int open_and_identify(struct ui *ui)
{
	struct tsu_err e = {0};
	const char *login = staff_current_login();
	int rc;

	if (db_open(ui->opt->db_path, DB_CREATE, &ui->db, &e) != 0) {
		fprintf(stderr, "tsunagu: データベース %s を開けません: %s\n", ui->opt->db_path,
		        e.msg);
		return 1;
	}
	ui->db_label = base_name(db_path(ui->db));
	rc = staff_by_login(ui->db, login, &ui->me, &e);
	if (rc == 0) {
		ui->have_me = true;
		return 0;
	}
	if (rc == TSU_ENOTFOUND && ui_staff_table_empty(ui->db))
		return 0;
	fprintf(stderr,
	        "tsunagu: %s\n"
	        "  ログイン名 %s はこのデータベース (%s) の職員として登録されていません。\n"
	        "  センター長か統括支援員に、次のように登録を依頼してください:\n"
	        "    tsunagu staff add %s 氏名 役割\n",
	        e.msg, login, ui->opt->db_path, login);
	return 1;
}

static void check_size(struct ui *ui)
{
	ui->too_small = LINES < UI_MIN_LINES || COLS < UI_MIN_COLS;
}

static void on_resize(struct ui *ui)
{
	check_size(ui);
	screen_resize_all(ui);
	ui->redraw |= RD_ALL;
}

static void draw_small(void)
{
	char *now =
	    xasprintf("現在 %dx%d / 必要 %dx%d 以上", COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
	int y = LINES / 2 - 1;

	draw_text(y, 0, COLS, "端末が小さすぎます", 0, ST_WARN);
	draw_text(y + 1, 0, COLS, now, 0, ST_NORMAL);
	draw_text(y + 2, 0, COLS, "広げると元の画面に戻ります (入力内容は保たれています)", 0,
	          ST_DIM);
	free(now);
}

static void draw_screens(struct ui *ui)
{
	int first = ui->depth - 1;
	struct ui_rect area = screen_area();

	while (first > 0 && ui->stack[first]->ops->overlay)
		first--;
	for (int i = first; i < ui->depth; i++)
		if (ui->stack[i]->ops->draw)
			ui->stack[i]->ops->draw(ui->stack[i], area);
}

static void place_cursor(struct ui *ui)
{
	struct screen *s = screen_top(ui);
	int y, x;

	if (!ui->too_small && s && s->ops->cursor && s->ops->cursor(s, &y, &x) && y >= 0 &&
	    x >= 0 && y < LINES && x < COLS) {
		move(y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

static void draw(struct ui *ui)
{
	if (!ui->redraw)
		return;
	if (ui->redraw & RD_CLEAR)
		clearok(curscr, TRUE);
	if (ui->too_small) {
		erase();
		draw_small();
	} else {
		if (ui->redraw & (RD_SCREEN | RD_CLEAR)) {
			erase();
			draw_screens(ui);
		}
		status_draw(ui);
		legend_draw(ui);
	}
	place_cursor(ui);
	wnoutrefresh(stdscr);
	doupdate();
	ui->redraw = 0;
}

static void handle_key(struct ui *ui, const struct ui_key *k)
{
	unsigned rd;

	if (k->code == UK_FN(KEY_RESIZE)) {
		on_resize(ui);
		return;
	}
	if (k->invalid && ui->in.bad_bytes != ui->bad_bytes_seen) {
		ui->bad_bytes_seen = ui->in.bad_bytes;
		ui_message(ui, MSG_WARN,
		           "UTF-8 ではない文字を受信しました (U+FFFD で表示)。"
		           "端末の文字コードを UTF-8 に設定してください");
	}
	rd = cmd_dispatch_key(ui, k);
	if (rd & RD_UNHANDLED)
		rd = RD_NONE;
	ui->redraw |= rd;
	if (ui->too_small)
		ui->redraw |= RD_SCREEN;
}

/* Once a second without input: clock, message expiry, other users' saves. */
static void tick(struct ui *ui)
{
	static int last_min = -1;
	time_t now = time(NULL);
	struct tm tm;
	struct screen *s = screen_top(ui);

	localtime_r(&now, &tm);
	if (tm.tm_min != last_min || ui->call_started) { /* the call timer ticks by the second */
		last_min = tm.tm_min;
		ui->redraw |= RD_STATUS;
	}
	if (status_tick(ui, now))
		ui->redraw |= RD_STATUS;
	if (ui->db && db_changed(ui->db) && s && s->ops->focus)
		ui->redraw |= s->ops->focus(s);
}

/* Input has drained: deferred work of every screen (a lookup skipped while
 * keys were pending, autosave, a ticking clock). */
static void idle(struct ui *ui)
{
	time_t now = time(NULL);

	for (int i = 0; i < ui->depth; i++) {
		struct screen *s = ui->stack[i];

		if (s->ops->idle)
			ui->redraw |= s->ops->idle(s, now);
	}
}

/* A read that returned nothing: was it a timeout, or is the terminal gone
 * (closed window, dropped SSH connection without SIGHUP: EOF or EIO)? */
static bool lost_terminal(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* A key typed ahead: in our queue or readable on the terminal. */
static bool input_waiting(const struct ui *ui)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	return ui->in.nq > 0 || (poll(&p, 1, 0) > 0 && (p.revents & POLLIN));
}

static void run_loop(struct ui *ui)
{
	struct ui_key k;

	check_size(ui);
	ui->redraw = RD_ALL;
	while (!ui->quit && ui->depth > 0 && !got_signal) {
		draw(ui);
		if (!input_next(&ui->in, 1000, &k)) {
			if ((term_lost = lost_terminal()))
				break;
			tick(ui);
			idle(ui);
			continue;
		}
		handle_key(ui, &k);
		while (!ui->quit && !got_signal && input_next(&ui->in, 0, &k))
			handle_key(ui, &k);
		if (ui->quit || ui->depth == 0 || got_signal)
			break;
		/* show what was typed at once; deferred work (a lookup) only
		 * when no key is waiting, so typing never waits for it */
		draw(ui);
		if (!input_waiting(ui))
			idle(ui);
	}
}

/* Stopped by a signal or a lost terminal: what was already typed is handled
 * (not on a dead terminal), then every screen keeps its work (drafts). */
static void rescue(struct ui *ui)
{
	struct ui_key k;

	for (int n = 0; !term_lost && n < 4096 && ui->depth > 0 && input_next(&ui->in, 0, &k); n++)
		handle_key(ui, &k);
	for (int i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i]->ops->rescue)
			ui->stack[i]->ops->rescue(ui->stack[i]);
}

static void teardown(struct ui *ui)
{
	while (ui->depth > 0) {
		struct screen *s = ui->stack[--ui->depth];

		if (s->ops->free)
			s->ops->free(s);
		free(s);
	}
	term_stop();
	util_set_fatal_hook(NULL);
	term_free();
	if (ui->have_me)
		staff_release(&ui->me);
	db_close(&ui->db);
}

static int start_terminal(struct ui *ui)
{
	ui->ambiguous_wide = decide_ambiguous(ui);
	term_set_ambiguous(ui->ambiguous_wide);
	util_set_fatal_hook(fatal_hook);
	if (!term_start(ui->opt->no_color))
		return 1;
	term_unread_pending();
	install_signals();
	input_init(&ui->in);
	return 0;
}

int ui_run(const struct ui_options *opt)
{
	struct ui ui;
	int rc;

	memset(&ui, 0, sizeof(ui));
	ui.opt = opt;
	setlocale(LC_ALL, "");
	if (text_init() != 0) {
		fputs("tsunagu: UTF-8 のロケールを設定できません (C.UTF-8 もありません)\n", stderr);
		return 1;
	}
	if (!term_preflight())
		return 1;
	if ((rc = open_and_identify(&ui)) != 0 || (rc = start_terminal(&ui)) != 0) {
		teardown(&ui);
		return rc;
	}
	if (screen_push(&ui, ui.have_me ? &home_screen : &firstrun_screen, NULL) == 0) {
		intake_start(&ui, true);
		run_loop(&ui);
		if (got_signal || term_lost)
			rescue(&ui);
	}
	teardown(&ui);
	if (got_signal == SIGHUP || got_signal == SIGTERM || got_signal == SIGINT) {
		fprintf(stderr, "tsunagu: シグナル %d を受けて終了しました\n", (int)got_signal);
		return 1;
	}
	return ui.exit_code;
}
