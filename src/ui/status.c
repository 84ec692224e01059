/* status.c: the two bottom lines. The status line (second to last) shows the
 * acting staff member, the database file, messages, the unsaved-changes mark,
 * the position n/N and the clock; the legend (last line) is generated from
 * the command and key tables for the top screen's contexts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/text.h"
#include "ui_int.h"

/* Seconds a message stays when nothing replaces it. */
#define MSG_SECONDS 10

void ui_message(struct ui *ui, enum msg_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_level = level;
	ui->msg_time = time(NULL);
	ui->redraw |= RD_STATUS;
}

void ui_message_clear(struct ui *ui)
{
	if (ui->msg[0]) {
		ui->msg[0] = '\0';
		ui->redraw |= RD_STATUS;
	}
}

bool status_tick(struct ui *ui, time_t now)
{
	if (ui->msg[0] && now - ui->msg_time >= MSG_SECONDS) {
		ui->msg[0] = '\0';
		return true;
	}
	return false;
}

/* "[未保存]  3/12  14:05" */
static char *status_right(struct ui *ui, bool *unsaved)
{
	struct screen *s = screen_top(ui);
	struct sbuf sb = {0};
	size_t n, total;
	time_t now = time(NULL);
	struct tm tm;

	*unsaved = screen_any_unsaved(ui);
	sbuf_adds(&sb, "");
	if (s && s->ops->position && s->ops->position(s, &n, &total) && total > 0)
		sbuf_addf(&sb, "%zu/%zu  ", n, total);
	if (ui->call_started) {
		long secs = now > ui->call_started ? (long)(now - ui->call_started) : 0;

		if (secs >= 3600)
			sbuf_addf(&sb, "通話 %ld:%02ld:%02ld  ", secs / 3600, secs / 60 % 60, secs % 60);
		else
			sbuf_addf(&sb, "通話 %02ld:%02ld  ", secs / 60, secs % 60);
	}
	localtime_r(&now, &tm);
	sbuf_addf(&sb, "%02d:%02d ", tm.tm_hour, tm.tm_min);
	return sbuf_detach(&sb);
}

static enum ui_style msg_style(enum msg_level l)
{
	return l == MSG_ERROR ? ST_ERROR : l == MSG_WARN ? ST_WARN : ST_STATUS;
}

void status_draw(struct ui *ui)
{
	int y = LINES - 2, x = 0, rw;
	bool unsaved;
	char *right = status_right(ui, &unsaved);
	char *who = xasprintf(" %s%s (%s)  %s  ", ui->opt->demo ? "[デモ] " : "",
	                      ui->have_me ? ui->me.name : "未登録",
	                      ui->have_me ? staff_role_label(ui->me.role) : "-", ui->db_label);
	const char *mark = unsaved ? "[未保存] " : "";

	if (y < 0)
		goto out;
	rw = text_width(right) + text_width(mark);
	draw_text(y, 0, COLS, "", -1, ST_STATUS);
	if (!ui->msg[0] || text_width(who) + 20 <= COLS - rw)
		x += draw_text_cut(y, x, COLS - rw, who, ST_STATUS);
	if (ui->msg[0])
		x += draw_text_cut(y, x, COLS - rw - x, ui->msg, msg_style(ui->msg_level));
	if (COLS - rw > 0) {
		draw_text_cut(y, COLS - rw, text_width(mark), mark, ST_MARK);
		draw_text_cut(y, COLS - rw + text_width(mark), rw, right, ST_STATUS);
	}
out:
	free(right);
	free(who);
}

struct legend_item {
	char *keys;
	const char *label;
	int width;
	int prio;
	bool shown;
};

static size_t legend_items(struct ui *ui, struct legend_item *it, size_t max)
{
	unsigned ctx = cmd_contexts(ui);
	size_t n = 0;

	for (size_t i = 0; i < cmd_count() && n < max; i++) {
		const struct ui_command *c = cmd_at(i);
		char *k;

		if (!(c->legend & ctx) || !(c->ctx & ctx))
			continue;
		k = keys_for_command(c->id, ctx, ctx & CTX_TEXT, "/");
		if (!*k) {
			free(k);
			continue;
		}
		it[n].keys = k;
		it[n].label = c->id == CMD_BACK && ui->depth <= 1 ? "終了" : c->label;
		it[n].width = text_width(k) + text_width(it[n].label) + 1;
		it[n].prio = c->prio;
		it[n].shown = false;
		n++;
	}
	return n;
}

/* Choose items by priority while they fit; they are drawn in table order. */
static void legend_choose(struct legend_item *it, size_t n, int cols)
{
	int used = 0;

	for (int prio = 1; prio <= 9; prio++)
		for (size_t i = 0; i < n; i++)
			if (it[i].prio == prio && used + it[i].width <= cols) {
				it[i].shown = true;
				used += it[i].width;
			}
}

void legend_draw(struct ui *ui)
{
	struct legend_item it[CMD_COUNT];
	size_t n = legend_items(ui, it, CMD_COUNT);
	int y = LINES - 1, x = 0;

	legend_choose(it, n, COLS);
	if (y >= 0)
		draw_text(y, 0, COLS, "", -1, ST_LEGEND);
	for (size_t i = 0; i < n; i++) {
		if (it[i].shown && y >= 0) {
			x += draw_text_cut(y, x, COLS - x, it[i].keys, ST_LEGEND_KEY);
			x += draw_text_cut(y, x, COLS - x, it[i].label, ST_LEGEND);
			x += draw_text_cut(y, x, COLS - x, " ", ST_LEGEND);
		}
		free(it[i].keys);
	}
}
