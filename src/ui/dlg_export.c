/* dlg_export.c: the CSV export dialog (出力) shared by 本日のまとめ, 統計
 * and, later, the case lists: what to export (受付, ケース, 経過記録,
 * 統計), the 年度, the encoding and the file. UTF-8 with a BOM is the
 * default (Excel opens it); for CP932 every character it cannot hold is
 * listed with its row, column, the character and its code point BEFORE
 * anything is written, and the file is written with 〓 in their place only
 * when the worker answers yes. The core masks addresses under a DV等支援措置
 * and audits every call (also a refused one); the file is written
 * atomically. */
#include <stdio.h>
#include <stdlib.h>

#include "dlg.h"
#include "tsunagu/fileio.h"
#include "tsunagu/text.h"

enum { F_KIND, F_FY, F_ENC, F_PATH, F_COUNT };

static const struct field_choice kind_choices[] = {
    [LEDGER_EXPORT_INTAKES] = {"intakes", "受付", "うけつけ"},
    [LEDGER_EXPORT_CASES] = {"cases", "ケース", "けーす"},
    [LEDGER_EXPORT_NOTES] = {"notes", "経過記録", "けいかきろく"},
    [LEDGER_EXPORT_STATS] = {"stats", "統計", "とうけい"},
};
static const struct field_choice enc_choices[] = {
    [LEDGER_OUT_UTF8_BOM] = {"utf-8-bom", "UTF-8 (BOM付き・Excel で開けます)", NULL},
    [LEDGER_OUT_CP932] = {"cp932", "CP932 (Shift_JIS)", NULL},
};

static const char *check_fy(const char *s);
static const struct screen_ops export_dialog_screen;

static const struct field_def fields[F_COUNT] = {
    [F_KIND] = {.kind = FK_RADIO,
                .label = "種類",
                .required = true,
                .choices = kind_choices,
                .nchoices = 4},
    [F_FY] = {.kind = FK_TEXT, .label = "年度", .width = 16, .maxlen = 40, .validate = check_fy},
    [F_ENC] = {.kind = FK_RADIO,
               .label = "文字コード",
               .required = true,
               .choices = enc_choices,
               .nchoices = 2},
    [F_PATH] = {.kind = FK_TEXT, .label = "出力先", .required = true, .maxlen = 1024},
};

struct export_dlg {
	struct ui *ui;
	struct ui_form fm;
	char *auto_path; /* the default path last put in the field */
};

/* ---- 年度 --------------------------------------------------------------- */

/* "2026", "R8", "令和8", "令和8年度", "令和元年度" -> 2026; "" -> 0 (all).
 * An era year goes through the date module: its 4月1日, or its 12月31日 for
 * a first year that began after April. -1 if unreadable. */
static int parse_fy(const char *s)
{
	static const char *const suffix[] = {"年度", "年"};
	static const char *const day[] = {".4.1", ".12.31"};
	char *base;
	size_t n;
	int fy = -1;

	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	base = xstrdup(s);
	n = strlen(base);
	while (n > 0 && base[n - 1] == ' ')
		base[--n] = '\0';
	for (size_t i = 0; i < 2; i++) {
		size_t k = strlen(suffix[i]);

		if (n > k && strcmp(base + n - k, suffix[i]) == 0) {
			base[n - k] = '\0';
			break;
		}
	}
	for (size_t i = 0; i < 2 && fy < 0; i++) {
		char *t = xasprintf("%s%s", base, day[i]);
		struct date d;

		if (date_parse(t, &d, NULL) == 0)
			fy = d.y;
		free(t);
	}
	free(base);
	return fy;
}

static const char *check_fy(const char *s)
{
	return parse_fy(s) < 0 ? "年度を読めません (例: 2026, R8, 令和8年度。空欄は全期間)" : NULL;
}

static int dlg_kind(const struct export_dlg *d)
{
	int k = form_choice(&d->fm, F_KIND);

	return k < 0 ? LEDGER_EXPORT_INTAKES : k;
}

/* "~/tsunagu-intakes-2026.csv", "~/tsunagu-cases-all.csv" */
static char *default_path(const struct export_dlg *d)
{
	int fy = parse_fy(form_text(&d->fm, F_FY));

	if (fy > 0)
		return xasprintf("~/tsunagu-%s-%d.csv", kind_choices[dlg_kind(d)].code, fy);
	return xasprintf("~/tsunagu-%s-all.csv", kind_choices[dlg_kind(d)].code);
}

/* The path follows kind and 年度 until the worker edits it. */
static void follow_path(struct export_dlg *d)
{
	struct ui_edit *pe = &d->fm.f[F_PATH].edit;
	char *want;

	if (d->auto_path && strcmp(edit_text(pe), d->auto_path) != 0)
		return;
	want = default_path(d);
	if (!d->auto_path || strcmp(want, d->auto_path) != 0)
		edit_set(pe, want);
	free(d->auto_path);
	d->auto_path = want;
}

static int dlg_init(struct screen *s, void *arg)
{
	const struct export_dialog_arg *a = arg;
	struct export_dlg *d = xcalloc(1, sizeof(*d));
	char fy[64];

	d->ui = s->ui;
	form_init(&d->fm, fields, F_COUNT);
	d->fm.f[F_KIND].choice = (int)a->kind;
	d->fm.f[F_ENC].choice = LEDGER_OUT_UTF8_BOM;
	if (a->fy > 0)
		edit_set(&d->fm.f[F_FY].edit, date_format_fiscal_year(a->fy, fy, sizeof(fy)));
	follow_path(d);
	d->fm.dirty = false;
	s->data = d;
	return 0;
}

/* "受付 令和8年度 (2026年4月〜2027年3月) を CP932 で" */
static char *summary(const struct export_dlg *d)
{
	int fy = parse_fy(form_text(&d->fm, F_FY));
	int enc = form_choice(&d->fm, F_ENC);
	char label[64];

	if (fy < 0)
		return xstrdup("");
	if (fy == 0)
		return xasprintf("%s (全期間) を %s で書き出します",
		                 kind_choices[dlg_kind(d)].label,
		                 enc == LEDGER_OUT_CP932 ? "CP932" : "UTF-8 (BOM付き)");
	return xasprintf("%s %s (%d年4月〜%d年3月) を %s で書き出します",
	                 kind_choices[dlg_kind(d)].label,
	                 date_format_fiscal_year(fy, label, sizeof(label)), fy, fy + 1,
	                 enc == LEDGER_OUT_CP932 ? "CP932" : "UTF-8 (BOM付き)");
}

static void dlg_draw(struct screen *s, struct ui_rect r)
{
	struct export_dlg *d = s->data;
	char *sum = summary(d);
	char *keys = keys_for_command(CMD_SAVE, CTX_FORM, true, "/");
	char *hint = xasprintf("%s: 書き出す   Esc: 戻る   種類と文字コードは ←→ で選びます", keys);
	char **lines;
	size_t n = text_wrap("Excel で開ける CSV (CRLF・各欄を引用符で囲む) を書き出します。"
	                     "支援措置中の世帯の住所・電話は伏せて書き出し、出力は記録に残ります。",
	                     r.w - 2, &lines);
	const struct ui_field *last = &d->fm.f[F_COUNT - 1];
	int y = r.y + 2;

	draw_text(r.y, r.x, r.w, "CSV 出力", -1, ST_TITLE);
	for (size_t i = 0; i < n; i++)
		draw_text(y++, r.x + 1, r.w - 1, lines[i], -1, ST_NORMAL);
	y++;
	form_draw(&d->fm, (struct ui_rect){y, r.x + 1, 2 * F_COUNT, r.w - 2});
	y += last->row + last->rows - d->fm.top + 1; /* rows the form used */
	draw_text(y, r.x + 1, r.w - 1, sum, -1, ST_NORMAL);
	draw_text(y + 2, r.x + 1, r.w - 1, hint, -1, ST_DIM);
	text_lines_free(lines, n);
	free(sum);
	free(keys);
	free(hint);
}

/* ---- writing ------------------------------------------------------------ */

struct job {
	struct ledger_export_opts opt;
	char *path; /* expanded */
};

static void job_free(struct job *j)
{
	if (j) {
		free(j->path);
		free(j);
	}
}

/* Write x to the job's file; 0 with the result message set, else -1 with
 * the error message set. */
static int write_out(struct ui *ui, const struct job *j, const struct ledger_export *x)
{
	struct tsu_err e = {0};
	size_t dropped = x->nissues > x->lost ? x->nissues - x->lost : 0;

	if (fileio_write_atomic(j->path, x->bytes, x->len, &e) != 0) {
		ui_message(ui, MSG_ERROR, "書き出せませんでした: %s", e.msg);
		return -1;
	}
	if (x->lost)
		ui_message(ui, MSG_INFO, "%zu 行を書き出しました (%zu 文字を 〓 に置き換え): %s",
		           x->rows, x->lost, j->path);
	else if (dropped)
		ui_message(ui, MSG_INFO, "%zu 行を書き出しました (異体字セレクタ %zu 個を除去): %s",
		           x->rows, dropped, j->path);
	else
		ui_message(ui, MSG_INFO, "%zu 行を書き出しました: %s", x->rows, j->path);
	return 0;
}

/* Run the export; *x filled (release it). */
static int run_export(struct ui *ui, const struct job *j, struct ledger_export *x,
                      struct tsu_err *e)
{
	return ledger_export(ui->db, &ui->me, &j->opt, x, e);
}

static int issues_open(struct ui *ui, struct job *j, const struct ledger_export *x);

/* Pop the dialog (the top screen) after a successful write. */
static void close_dialog(struct ui *ui, const struct screen_ops *ops)
{
	struct screen *top = screen_top(ui);

	if (top && top->ops == ops)
		screen_pop(ui);
}

static unsigned start(struct screen *s)
{
	struct export_dlg *d = s->data;
	struct ui *ui = s->ui;
	struct job *j;
	struct ledger_export x;
	struct tsu_err e = {0};
	int fy, rc;

	if (form_validate(&d->fm) != 0) {
		ui_message(ui, MSG_ERROR, "入力に誤りがあります。欄の横の説明を見て直してください");
		return RD_ALL;
	}
	fy = parse_fy(form_text(&d->fm, F_FY));
	if (dlg_kind(d) == LEDGER_EXPORT_STATS && fy == 0) {
		free(d->fm.f[F_FY].error);
		d->fm.f[F_FY].error = xstrdup("統計には年度が必要です (例: 令和8年度)");
		d->fm.focus = F_FY;
		ui_message(ui, MSG_ERROR, "統計を書き出すには年度を入力してください");
		return RD_ALL;
	}
	j = xcalloc(1, sizeof(*j));
	j->opt = (struct ledger_export_opts){
	    .kind = (enum ledger_export_kind)dlg_kind(d),
	    .fy = fy,
	    .encoding = form_choice(&d->fm, F_ENC) == LEDGER_OUT_CP932 ? LEDGER_OUT_CP932
	                                                               : LEDGER_OUT_UTF8_BOM};
	j->path = file_expand(form_text(&d->fm, F_PATH));
	rc = run_export(ui, j, &x, &e);
	if (rc == TSU_EENCODING) {
		issues_open(ui, j, &x); /* takes j */
		ledger_export_release(&x);
		return RD_ALL;
	}
	if (rc != 0)
		ui_message(ui, MSG_ERROR, "書き出せませんでした: %s", e.msg);
	else if (write_out(ui, j, &x) == 0)
		close_dialog(ui, &export_dialog_screen);
	ledger_export_release(&x);
	job_free(j);
	return RD_ALL;
}

static unsigned dlg_command(struct screen *s, enum cmd_id id)
{
	struct export_dlg *d = s->data;
	unsigned rd;

	if (id == CMD_SAVE || (id == CMD_ENTER && d->fm.focus == F_PATH))
		return start(s);
	rd = form_command(&d->fm, id);
	follow_path(d);
	return rd;
}

static unsigned dlg_key(struct screen *s, const struct ui_key *k)
{
	struct export_dlg *d = s->data;
	unsigned rd = form_key(&d->fm, k);

	follow_path(d);
	return rd;
}

static unsigned dlg_contexts(struct screen *s)
{
	return form_contexts(&((struct export_dlg *)s->data)->fm);
}

static bool dlg_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct export_dlg *)s->data)->fm, y, x);
}

static bool dlg_position(struct screen *s, size_t *n, size_t *total)
{
	struct export_dlg *d = s->data;

	*n = d->fm.focus + 1;
	*total = d->fm.n;
	return true;
}

static const char *dlg_help(struct screen *s)
{
	return "CSV を書き出します。種類と文字コードは ←→ (または数字) で選び、年度は 2026・R8・"
	       "令和8年度 の形で入力します (空欄は全期間。統計には年度が要ります)。"
	       "出力先の ~ はホームディレクトリです。CP932 で表せない文字があるときは、"
	       "書き出す前に行・列・文字をすべて表示し、〓 に置き換えてよいかを確かめます。"
	       "F9 または Ctrl-S (出力先の欄では Enter) で書き出します。";
}

static void dlg_free(struct screen *s)
{
	struct export_dlg *d = s->data;

	form_release(&d->fm);
	free(d->auto_path);
	free(d);
}

static const struct screen_ops export_dialog_screen = {
    .title = "CSV 出力",
    .init = dlg_init,
    .draw = dlg_draw,
    .key = dlg_key,
    .command = dlg_command,
    .contexts = dlg_contexts,
    .help = dlg_help,
    .free = dlg_free,
    .position = dlg_position,
    .cursor = dlg_cursor,
};

int export_dialog_open(struct ui *ui, const struct export_dialog_arg *arg)
{
	if (!ui_can(ui, PERM_EXPORT)) {
		ui_message(ui, MSG_ERROR, "CSV 出力には出力の権限が必要です (あなたの役割: %s)",
		           ui->have_me ? staff_role_label(ui->me.role) : "未登録");
		return -1;
	}
	return screen_push(ui, &export_dialog_screen, (void *)arg);
}

/* ---- the characters CP932 cannot hold ----------------------------------- */

enum { I_ROW, I_COL, I_NAME, I_MSG, I_COUNT };

static const struct list_col issue_cols[I_COUNT] = {
    {"行", 2, 8, 1, false},
    {"列", 2, 4, -1, false},
    {"項目", 4, 16, -1, false},
    {"内容", 10, 0, -1, false},
};

struct issues {
	struct job *job;
	size_t lost, n;
	struct ui_table t;
	struct ui_list l;
};

static const struct list_ops issue_ops = {
    .count = table_count,
    .cell = table_cell,
    .style = table_style,
};

/* Excel's column letters: 1 -> A, 27 -> AA. */
static void col_letters(size_t col, char *buf, size_t n)
{
	char tmp[16];
	size_t k = 0;

	while (col > 0 && k < sizeof(tmp) - 1) {
		tmp[k++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < k && i + 1 < n; i++)
		buf[i] = tmp[k - 1 - i];
	buf[k < n ? k : n - 1] = '\0';
}

struct issues_init {
	struct job *job;
	const struct ledger_export *x;
};

static int issues_init(struct screen *s, void *arg)
{
	const struct issues_init *in = arg;
	struct issues *is = xcalloc(1, sizeof(*is));

	is->job = in->job;
	is->lost = in->x->lost;
	is->n = in->x->nissues;
	table_init(&is->t, I_COUNT, is);
	for (size_t i = 0; i < in->x->nissues; i++) {
		const struct ledger_issue *li = &in->x->issues[i];
		char row[24], col[16];
		const char *cells[I_COUNT] = {row, col, li->column ? li->column : "", li->message};

		snprintf(row, sizeof(row), "%zu", li->row);
		col_letters(li->col, col, sizeof(col));
		table_add(&is->t, ST_NORMAL, cells);
	}
	list_init(&is->l, issue_cols, I_COUNT, &issue_ops, &is->t, "");
	s->data = is;
	return 0;
}

static void issues_draw(struct screen *s, struct ui_rect r)
{
	struct issues *is = s->data;
	char *head = xasprintf("CP932 で表せない文字が %zu 文字あります (全 %zu 件)。"
	                       "このままでは書き出せません。",
	                       is->lost, is->n);
	char *ask = xstrdup("〓 に置き換えて書き出しますか   y: 置き換えて書き出す   "
	                    "n: 書き出さない");

	draw_text(r.y, r.x, r.w, "CP932 で表せない文字", -1, ST_TITLE);
	draw_text(r.y + 1, r.x + 1, r.w - 1, head, -1, ST_WARN);
	draw_text(r.y + 2, r.x + 1, r.w - 1, is->job->path, -1, ST_DIM);
	list_draw(&is->l, (struct ui_rect){r.y + 3, r.x + 1, r.h - 5, r.w - 2}, true);
	draw_text(r.y + r.h - 1, r.x + 1, r.w - 1, ask, -1, ST_TITLE);
	free(head);
	free(ask);
}

static unsigned issues_yes(struct screen *s)
{
	struct issues *is = s->data;
	struct ui *ui = s->ui;
	struct job *j = is->job;
	struct ledger_export x;
	struct tsu_err e = {0};
	int rc;

	j->opt.substitute = true;
	rc = run_export(ui, j, &x, &e);
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "書き出せませんでした: %s", e.msg);
	} else if (write_out(ui, j, &x) == 0) {
		screen_pop(ui); /* this list; frees is and j */
		close_dialog(ui, &export_dialog_screen);
	}
	ledger_export_release(&x);
	return RD_ALL;
}

static unsigned issues_command(struct screen *s, enum cmd_id id)
{
	struct issues *is = s->data;

	if (id == CMD_YES)
		return issues_yes(s);
	if (id == CMD_NO) {
		ui_message(s->ui, MSG_INFO, "書き出しませんでした (CP932 で表せない文字 %zu 文字)",
		           is->lost);
		screen_pop(s->ui);
		return RD_ALL;
	}
	return list_command(&is->l, id);
}

static unsigned issues_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct issues *)s->data)->l, k);
}

static unsigned issues_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_CONFIRM | list_contexts(&((struct issues *)s->data)->l);
}

static bool issues_position(struct screen *s, size_t *n, size_t *total)
{
	struct issues *is = s->data;

	*n = is->l.nvis ? is->l.sel + 1 : 0;
	*total = is->l.nvis;
	return true;
}

static bool issues_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct issues *)s->data)->l, y, x);
}

static const char *issues_help(struct screen *s)
{
	return "CP932 (Shift_JIS) で表せない文字の一覧です (行・列は Excel で開いたときの位置)。"
	       "y で 〓 に置き換えて書き出し、n で何も書き出さずに戻ります。"
	       "UTF-8 (BOM付き) で書き出せば、どの文字もそのまま残ります。";
}

static void issues_free(struct screen *s)
{
	struct issues *is = s->data;

	list_release(&is->l);
	table_release(&is->t);
	job_free(is->job);
	free(is);
}

static const struct screen_ops issues_screen = {
    .title = "CP932 で表せない文字",
    .init = issues_init,
    .draw = issues_draw,
    .key = issues_key,
    .command = issues_command,
    .contexts = issues_contexts,
    .help = issues_help,
    .free = issues_free,
    .position = issues_position,
    .cursor = issues_cursor,
};

static int issues_open(struct ui *ui, struct job *j, const struct ledger_export *x)
{
	struct issues_init in = {j, x};

	if (screen_push(ui, &issues_screen, &in) != 0) {
		job_free(j);
		return -1;
	}
	return 0;
}
