/* scr_daily.c: 本日のまとめ (F5/d), the 業務日誌 of one day on screen:
 * report_daily laid out as lines in the list widget (so it scrolls and
 * filters like every list), overdue rows in the overdue style (red with
 * bold and underline, so it survives NO_COLOR). ←/→ move a day, g takes
 * any date form, t narrows to one worker, Enter on a row about a case
 * opens it, p prints the plain-text 業務日誌 to a file (the very text
 * `tsunagu report daily` prints), e opens the CSV export. */
#include <stdio.h>
#include <stdlib.h>

#include "dlg.h"
#include "tsunagu/fileio.h"
#include "tsunagu/audit.h"
#include "tsunagu/report.h"
#include "tsunagu/text.h"

#define PRINT_WIDTH 80 /* as `tsunagu report daily` */
#define GAP         2

/* What a line of the screen is about. */
struct dline {
	int64_t case_id, intake_id;
};

struct daily {
	struct ui *ui;
	struct date day;
	int64_t staff_id; /* 0 = everyone */
	char *staff_name;
	struct report r;
	bool have;
	struct ui_table t;
	struct ui_list l;
	struct dline *dl;
	size_t ndl, cap;
	int built_w;         /* width the lines were laid out for, 0 = stale */
	struct staff *staff; /* the picker's choices */
	size_t nstaff;
};

static const struct list_col line_cols[] = {{"", 1, 0, -1, false}};

/* ---- laying the report out as lines ------------------------------------- */

static void add_line(struct daily *d, const char *text, enum ui_style st,
                     const struct report_row *row)
{
	const char *cells[1] = {text};

	table_add(&d->t, st, cells);
	if (d->ndl == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->dl = xreallocarray(d->dl, d->cap, sizeof(*d->dl));
	}
	d->dl[d->ndl++] = (struct dline){row ? row->case_id : 0, row ? row->intake_id : 0};
}

static void add_wrapped(struct daily *d, const char *s, int w, const char *first, const char *rest,
                        enum ui_style st)
{
	char **lines;
	size_t n = text_wrap(s, w - text_width(first) < 8 ? 8 : w - text_width(first), &lines);

	for (size_t i = 0; i < n; i++) {
		char *t = xasprintf("%s%s", i ? rest : first, lines[i]);

		add_line(d, t, st, NULL);
		free(t);
	}
	text_lines_free(lines, n);
}

static void clear_lines(struct daily *d)
{
	d->ndl = 0;
	table_clear(&d->t);
}

/* "受付 7件 (うち通告 2件)   受理会議の決定 3件 ...": items packed into
 * lines of w columns, never split (a sub-row stays with its parent). */
static void lay_summary(struct daily *d, const struct report_section *s, int w)
{
	struct sbuf line = {0}, item = {0};

	sbuf_adds(&line, "");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *row = &s->rows[i];

		sbuf_reset(&item);
		sbuf_addf(&item, "%s %ld件", row->label, row->counts[0]);
		while (i + 1 < s->nrows && s->rows[i + 1].level > 0) {
			i++;
			sbuf_addf(&item, " (%s %ld件)", s->rows[i].label, s->rows[i].counts[0]);
		}
		if (line.len && text_width(line.buf) + 3 + text_width(item.buf) > w) {
			add_line(d, line.buf, ST_NORMAL, NULL);
			sbuf_reset(&line);
		}
		sbuf_adds(&line, line.len ? "   " : "");
		sbuf_adds(&line, item.buf);
	}
	if (line.len)
		add_line(d, line.buf, ST_NORMAL, NULL);
	sbuf_release(&line);
	sbuf_release(&item);
}

/* Column widths of a list section, shrunk from the widest until it fits w. */
static int *list_widths(const struct report_section *s, int w)
{
	int *cw = xcalloc(s->ncols ? s->ncols : 1, sizeof(int));
	int total = 0;

	for (size_t c = 0; c < s->ncols; c++) {
		cw[c] = text_width(s->cols[c]);
		for (size_t i = 0; i < s->nrows; i++)
			if (text_width(s->rows[i].cells[c]) > cw[c])
				cw[c] = text_width(s->rows[i].cells[c]);
		total += cw[c] + (c ? GAP : 0);
	}
	while (total > w) {
		size_t widest = 0;

		for (size_t c = 1; c < s->ncols; c++)
			if (cw[c] > cw[widest])
				widest = c;
		if (cw[widest] <= 4)
			break;
		cw[widest]--;
		total--;
	}
	return cw;
}

static char *list_text(const struct report_section *s, const char *const *cells, const int *cw)
{
	struct sbuf sb = {0};

	sbuf_adds(&sb, "  ");
	for (size_t c = 0; c < s->ncols; c++) {
		/* a cell of a column shrunk to fit ends in ".." */
		char *cut = text_cut(cells[c], cw[c], true, NULL);
		char *p = text_pad(cut, cw[c], -1);

		sbuf_adds(&sb, c ? "  " : "");
		sbuf_adds(&sb, p);
		free(p);
		free(cut);
	}
	return sbuf_detach(&sb);
}

static void lay_list(struct daily *d, const struct report_section *s, int w)
{
	int *cw = list_widths(s, w - 2);
	char *t = list_text(s, (const char *const *)s->cols, cw);

	add_line(d, t, ST_HEADER, NULL);
	free(t);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct report_row *row = &s->rows[i];

		t = list_text(s, (const char *const *)row->cells, cw);
		add_line(d, t, row->alert ? ST_OVERDUE : ST_NORMAL, row);
		free(t);
		if (row->detail && *row->detail)
			add_wrapped(d, row->detail, w, "      ", "      ", ST_DIM);
	}
	free(cw);
}

/* A table of counts (経過記録 per worker and kind). */
static void lay_counts(struct daily *d, const struct report_section *s)
{
	int lw = text_width(s->corner), *cw = xcalloc(s->ncols ? s->ncols : 1, sizeof(int));
	struct sbuf sb = {0};
	char num[32];

	for (size_t i = 0; i < s->nrows; i++)
		if (2 * s->rows[i].level + text_width(s->rows[i].label) > lw)
			lw = 2 * s->rows[i].level + text_width(s->rows[i].label);
	for (size_t c = 0; c < s->ncols; c++)
		cw[c] = text_width(s->cols[c]) > 5 ? text_width(s->cols[c]) : 5;
	for (size_t i = 0; i <= s->nrows; i++) {
		const struct report_row *row = i ? &s->rows[i - 1] : NULL;
		char *label =
		    row ? xasprintf("%*s%s", 2 * row->level, "", row->label) : xstrdup(s->corner);
		char *p = text_pad(label, lw, -1);

		sbuf_reset(&sb);
		sbuf_adds(&sb, "  ");
		sbuf_adds(&sb, p);
		free(p);
		for (size_t c = 0; c < s->ncols; c++) {
			snprintf(num, sizeof(num), "%ld", row ? row->counts[c] : 0);
			p = text_pad(row ? num : s->cols[c], cw[c], 1);
			sbuf_addf(&sb, "  %s", p);
			free(p);
		}
		add_line(d, sb.buf, row ? (row->total ? ST_TITLE : ST_NORMAL) : ST_HEADER, NULL);
		free(label);
	}
	sbuf_release(&sb);
	free(cw);
}

static void lay_section(struct daily *d, const struct report_section *s, int w)
{
	char *head = s->kind == REPORT_LIST ? xasprintf("【%s】 %zu件", s->title, s->nrows)
	                                    : xasprintf("【%s】", s->title);

	if (d->ndl)
		add_line(d, "", ST_NORMAL, NULL);
	add_line(d, head, ST_TITLE, NULL);
	free(head);
	if (strcmp(s->key, "summary") == 0)
		lay_summary(d, s, w);
	else if (s->nrows == 0)
		add_wrapped(d, s->empty ? s->empty : "なし", w, "  ", "  ", ST_DIM);
	else if (s->kind == REPORT_LIST)
		lay_list(d, s, w);
	else if (s->kind == REPORT_COUNTS)
		lay_counts(d, s);
	else
		for (size_t i = 0; i < s->nrows; i++)
			add_wrapped(d, s->rows[i].cells[0], w, "  ", "    ", ST_NORMAL);
	for (size_t i = 0; i < s->nnotes; i++)
		add_wrapped(d, s->notes[i], w, "注: ", "    ", ST_DIM);
}

static void lay_out(struct daily *d, int w)
{
	clear_lines(d);
	/* the header lines (the day, whose items) are on the title row */
	for (size_t i = 0; d->have && i < d->r.nsections; i++)
		lay_section(d, &d->r.sections[i], w);
	d->built_w = w;
	list_reload(&d->l);
}

/* ---- loading ------------------------------------------------------------ */

static void daily_load(struct daily *d)
{
	struct tsu_err e = {0};
	char day[64];

	report_release(&d->r);
	d->have = report_daily(d->ui->db, &d->ui->me, d->day, d->staff_id, &d->r, &e) == 0;
	if (!d->have)
		ui_message(d->ui, MSG_ERROR, "%s の業務日誌を作れません: %s",
		           date_format_wareki(d->day, day, sizeof(day)), e.msg);
	d->built_w = 0;
}

static unsigned daily_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct daily *d = t->owner;
	const struct dline *dl = row < d->ndl ? &d->dl[row] : NULL;

	if (dl && dl->case_id)
		return ui_push_casefile(d->ui, dl->case_id) == 0 ? RD_ALL : RD_STATUS;
	if (dl && dl->intake_id) {
		ui_message(d->ui, MSG_INFO, "この受付はまだケースになっていません");
		return RD_STATUS;
	}
	ui_message(d->ui, MSG_INFO, "ケースの行で Enter を押すと、そのケースを開きます");
	return RD_STATUS;
}

static const struct list_ops daily_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = daily_activate,
    .style = table_style,
};

static int daily_init(struct screen *s, void *arg)
{
	struct daily *d = xcalloc(1, sizeof(*d));

	(void)arg;
	d->ui = s->ui;
	d->day = ui_today(s->ui);
	table_init(&d->t, 1, d);
	list_init(&d->l, line_cols, 1, &daily_list_ops, &d->t, "");
	d->l.header = false;
	s->data = d;
	daily_load(d);
	return 0;
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_title(struct daily *d, struct ui_rect r)
{
	char day[64];
	char *left, *right;
	bool today = date_cmp(d->day, date_today()) == 0;
	int rw;

	date_format_wareki_wday(d->day, day, sizeof(day));
	left = xasprintf("本日のまとめ  %s%s  対象: %s", day, today ? " (今日)" : "",
	                 d->staff_id ? d->staff_name : "全員");
	right = xstrdup("印刷: p   出力: e ");
	rw = text_width(right);
	draw_text(r.y, r.x, r.w, left, -1, ST_TITLE);
	if (text_width(left) + rw + 2 <= r.w)
		draw_text(r.y, r.x + r.w - rw, rw, right, 1, ST_DIM);
	free(left);
	free(right);
}

static void daily_draw(struct screen *s, struct ui_rect r)
{
	struct daily *d = s->data;

	if (d->built_w != r.w - 1)
		lay_out(d, r.w - 1);
	draw_title(d, r);
	list_draw(&d->l, (struct ui_rect){r.y + 1, r.x, r.h - 1, r.w}, true);
}

/* ---- commands ----------------------------------------------------------- */

static unsigned set_day(struct daily *d, struct date day)
{
	d->day = day;
	d->l.sel = d->l.top = 0;
	daily_load(d);
	return RD_ALL;
}

/* The prompt and the picker call back while they are still on top; the
 * focus callback reloads when they close. */
static int day_ok(struct ui *ui, void *ctx, const char *text, struct date day)
{
	struct daily *d = ctx;

	(void)ui;
	(void)text;
	d->day = day;
	d->l.sel = d->l.top = 0;
	return 0;
}

static unsigned ask_day(struct daily *d)
{
	char iso[16];
	struct prompt_arg a = {
	    .title = "日付",
	    .intro = "表示する日を入力してください (R8.11.24、令和8年11月24日、2026-11-24 など)。",
	    .label = "日付",
	    .date = true,
	    .initial = date_format_iso(d->day, iso, sizeof(iso)),
	    .on_ok = day_ok,
	    .ctx = d,
	};

	prompt_open(d->ui, &a);
	return RD_ALL;
}

static unsigned staff_picked(struct ui *ui, void *ctx, size_t i)
{
	struct daily *d = ctx;

	(void)ui;
	free(d->staff_name);
	d->staff_name = NULL;
	d->staff_id = 0;
	if (i > 0 && i <= d->nstaff) {
		d->staff_id = d->staff[i - 1].id;
		d->staff_name = xstrdup(d->staff[i - 1].name);
	}
	d->l.sel = d->l.top = 0;
	return RD_ALL;
}

static unsigned pick_staff(struct daily *d)
{
	struct tsu_err e = {0};
	const char **items;
	size_t sel = 0;

	staff_list_free(d->staff, d->nstaff);
	d->staff = NULL;
	d->nstaff = 0;
	if (staff_list(d->ui->db, false, &d->staff, &d->nstaff, &e) != 0) {
		ui_message(d->ui, MSG_ERROR, "職員の一覧を読めません: %s", e.msg);
		return RD_STATUS;
	}
	items = xcalloc(d->nstaff + 1, sizeof(*items));
	items[0] = "全員";
	for (size_t i = 0; i < d->nstaff; i++) {
		items[i + 1] =
		    xasprintf("%s (%s)", d->staff[i].name, staff_role_label(d->staff[i].role));
		if (d->staff[i].id == d->staff_id)
			sel = i + 1;
	}
	pick_open(d->ui, "対象の職員", items, d->nstaff + 1, sel, staff_picked, d);
	for (size_t i = 1; i <= d->nstaff; i++)
		free((char *)items[i]);
	free(items);
	return RD_ALL;
}

static int print_ok(struct ui *ui, void *ctx, const char *text, struct date day)
{
	struct daily *d = ctx;
	struct sbuf out = {0};
	struct tsu_err e = {0};
	char iso[16], *path = file_expand(text), *detail;
	int rc;

	(void)day;
	if (!d->have) {
		ui_message(ui, MSG_ERROR, "業務日誌を作れなかったため印刷できません");
		free(path);
		return -1;
	}
	detail =
	    xasprintf("業務日誌 %s%s をファイルに出力", date_format_iso(d->day, iso, sizeof(iso)),
	              d->staff_id ? " (職員を限定)" : "");
	rc = audit_append(ui->db, &ui->me, "report.print", "report", d->staff_id, detail, &e);
	if (rc == 0) {
		report_render_text(&d->r, PRINT_WIDTH, &out);
		rc = fileio_write_atomic(path, out.buf ? out.buf : "", out.len, &e);
	}
	if (rc == 0)
		ui_message(ui, MSG_INFO, "業務日誌を書き出しました: %s", path);
	else
		ui_message(ui, MSG_ERROR, "印刷できません: %s", e.msg);
	sbuf_release(&out);
	free(detail);
	free(path);
	return rc == 0 ? 0 : -1;
}

static unsigned ask_print(struct daily *d)
{
	char *initial =
	    xasprintf("~/tsunagu-業務日誌-%04d%02d%02d.txt", d->day.y, d->day.m, d->day.d);
	struct prompt_arg a = {
	    .title = "印刷 (業務日誌をファイルに書き出す)",
	    .intro = "書き出すファイルを確かめて Enter を押してください (~ はホームディレクトリ)。",
	    .label = "ファイル",
	    .initial = initial,
	    .on_ok = print_ok,
	    .ctx = d,
	};

	prompt_open(d->ui, &a);
	free(initial);
	return RD_ALL;
}

static unsigned daily_command(struct screen *s, enum cmd_id id)
{
	struct daily *d = s->data;
	struct export_dialog_arg ex = {LEDGER_EXPORT_INTAKES, date_fiscal_year(d->day)};

	switch (id) {
	case CMD_DAY_PREV: return set_day(d, date_from_days(date_to_days(d->day) - 1));
	case CMD_DAY_NEXT: return set_day(d, date_from_days(date_to_days(d->day) + 1));
	case CMD_DAY_SET: return ask_day(d);
	case CMD_DAY_STAFF: return pick_staff(d);
	case CMD_PRINT: return ask_print(d);
	case CMD_EXPORT: export_dialog_open(s->ui, &ex); return RD_ALL;
	default: return list_command(&d->l, id);
	}
}

static unsigned daily_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct daily *)s->data)->l, k);
}

static unsigned daily_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_DAILY | list_contexts(&((struct daily *)s->data)->l);
}

static bool daily_position(struct screen *s, size_t *n, size_t *total)
{
	struct daily *d = s->data;

	*n = d->l.nvis ? d->l.sel + 1 : 0;
	*total = d->l.nvis;
	return true;
}

static bool daily_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct daily *)s->data)->l, y, x);
}

static unsigned daily_focus(struct screen *s)
{
	daily_load(s->data);
	return RD_ALL;
}

static void daily_resize(struct screen *s, struct ui_rect r)
{
	((struct daily *)s->data)->built_w = 0;
}

static const char *daily_help(struct screen *s)
{
	return "その日の受付、受理会議の決定、安全確認、経過記録、支援計画、見直し、"
	       "支援措置の期限、申し送りをまとめた業務日誌です。期限を過ぎたものは強調して"
	       "表示します。←→ で前日・翌日、g で日付を入力 (和暦でも可)、t で職員を限定、"
	       "p で業務日誌をテキストファイルに印刷、e で CSV に出力します。"
	       "ケースの行で Enter を押すとそのケースを開きます。";
}

static void daily_free(struct screen *s)
{
	struct daily *d = s->data;

	clear_lines(d);
	free(d->dl);
	list_release(&d->l);
	table_release(&d->t);
	report_release(&d->r);
	staff_list_free(d->staff, d->nstaff);
	free(d->staff_name);
	free(d);
}

const struct screen_ops daily_screen = {
    .title = "本日のまとめ",
    .init = daily_init,
    .draw = daily_draw,
    .key = daily_key,
    .command = daily_command,
    .contexts = daily_contexts,
    .help = daily_help,
    .free = daily_free,
    .position = daily_position,
    .cursor = daily_cursor,
    .focus = daily_focus,
    .resize = daily_resize,
};
