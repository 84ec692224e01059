/* scr_staff.c: 職員一覧, the staff members with their roles, and the form to
 * register one (needs PERM_ADMIN; the core checks it again). The list is the
 * list widget over real rows: names line up by display width whatever they
 * are written with (髙橋, 𠮷田, ｶﾞｸｾｲ, 葛󠄀飾), and the filter folds kana, width
 * and variant kanji. */
#include <stdlib.h>

#include "ui_int.h"

enum { C_NAME, C_LOGIN, C_ROLE, C_STATE, C_COUNT };

struct staff_scr {
	struct ui *ui;
	struct ui_table t;
	struct ui_list l;
};

static const struct list_col cols[C_COUNT] = {
    {"氏名", 8, 24, -1, true},
    {"ログイン名", 8, 16, -1, false},
    {"役割", 4, 18, -1, false},
    {"状態", 4, 0, -1, false},
};


bool ui_staff_table_empty(struct db *db)
{
	struct tsu_err e = {0};
	struct staff *rows = NULL;
	size_t n = 0;

	if (staff_list(db, true, &rows, &n, &e) != 0)
		return false;
	staff_list_free(rows, n);
	return n == 0;
}

static unsigned staff_activate(void *ctx, size_t row)
{
	struct ui_table *t = ctx;
	struct staff_scr *st = t->owner;

	ui_message(st->ui, MSG_INFO, "%s (%s) %s", table_cell(t, row, C_NAME),
	           table_cell(t, row, C_LOGIN), table_cell(t, row, C_ROLE));
	return RD_STATUS;
}

static const struct list_ops staff_list_ops = {
    .count = table_count,
    .cell = table_cell,
    .activate = staff_activate,
    .style = table_style,
};

static void staff_reload(struct staff_scr *st)
{
	struct tsu_err e = {0};
	struct staff *rows = NULL;
	size_t n = 0;

	table_clear(&st->t);
	if (staff_list(st->ui->db, true, &rows, &n, &e) != 0) {
		ui_message(st->ui, MSG_ERROR, "職員の一覧を読めません: %s", e.msg);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		const char *cells[C_COUNT] = {rows[i].name, rows[i].login,
		                              staff_role_label(rows[i].role),
		                              rows[i].active ? "有効" : "無効"};

		table_add(&st->t, rows[i].active ? ST_NORMAL : ST_DIM, cells);
	}
	staff_list_free(rows, n);
	list_reload(&st->l);
}

static int staff_init(struct screen *s, void *arg)
{
	struct staff_scr *st = xcalloc(1, sizeof(*st));

	st->ui = s->ui;
	table_init(&st->t, C_COUNT, st);
	list_init(&st->l, cols, C_COUNT, &staff_list_ops, &st->t, "職員が登録されていません");
	s->data = st;
	staff_reload(st);
	return 0;
}

static void staff_draw(struct screen *s, struct ui_rect r)
{
	struct staff_scr *st = s->data;
	char *title = xasprintf("職員一覧 (%zu 人)", st->t.n);

	draw_text(r.y, r.x, r.w, title, -1, ST_TITLE);
	list_draw(&st->l, (struct ui_rect){r.y + 1, r.x, r.h - 1, r.w}, true);
	free(title);
}

static unsigned staff_command(struct screen *s, enum cmd_id id)
{
	struct staff_scr *st = s->data;

	if (id == CMD_STAFF_ADD) {
		screen_push(s->ui, &staff_form_screen, NULL);
		return RD_ALL;
	}
	return list_command(&st->l, id);
}

static unsigned staff_key(struct screen *s, const struct ui_key *k)
{
	return list_key(&((struct staff_scr *)s->data)->l, k);
}

static unsigned staff_contexts(struct screen *s)
{
	return CTX_GLOBAL | CTX_STAFF | list_contexts(&((struct staff_scr *)s->data)->l);
}

static bool staff_position(struct screen *s, size_t *n, size_t *total)
{
	struct staff_scr *st = s->data;

	*n = st->l.nvis ? st->l.sel + 1 : 0;
	*total = st->l.nvis;
	return true;
}

static bool staff_cursor(struct screen *s, int *y, int *x)
{
	return list_cursor(&((struct staff_scr *)s->data)->l, y, x);
}

static unsigned staff_focus(struct screen *s)
{
	staff_reload(s->data);
	return RD_ALL;
}

static const char *staff_help(struct screen *s)
{
	return "登録されている職員の一覧です。f で絞り込み (ひらがな・カタカナ・半角・"
	       "異体字を区別しません)、a で職員を追加します (センター長・統括支援員のみ)。";
}

static void staff_free(struct screen *s)
{
	struct staff_scr *st = s->data;

	list_release(&st->l);
	table_release(&st->t);
	free(st);
}

const struct screen_ops staff_screen = {
    .title = "職員一覧",
    .init = staff_init,
    .draw = staff_draw,
    .key = staff_key,
    .command = staff_command,
    .contexts = staff_contexts,
    .help = staff_help,
    .free = staff_free,
    .position = staff_position,
    .cursor = staff_cursor,
    .focus = staff_focus,
};

/* ---- 職員の追加 ----------------------------------------------------------- */

const struct field_choice ui_role_choices[UI_ROLE_COUNT] = {
    {"director", "センター長", "せんたーちょう"},
    {"coordinator", "統括支援員", "とうかつしえんいん"},
    {"support", "子ども家庭支援員", "こどもかていしえんいん"},
    {"abuse", "虐待対応専門員", "ぎゃくたいたいおうせんもんいん"},
    {"psych", "心理担当支援員", "しんりたんとうしえんいん"},
    {"nurse", "保健師", "ほけんし"},
    {"yotaikyo", "要対協調整担当者", "ようたいきょうちょうせいたんとうしゃ"},
    {"clerk", "事務", "じむ"},
    {"auditor", "監査", "かんさ"},
};
_Static_assert(ROLE_AUDITOR == UI_ROLE_COUNT, "one choice per role");

enum { F_NAME, F_LOGIN, F_ROLE };

static const char *check_login(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
			return "ログイン名は半角英数字で入力してください";
	return NULL;
}

static const struct field_def form_fields[] = {
    [F_NAME] = {.kind = FK_TEXT, .label = "氏名", .required = true, .width = 24, .maxlen = 200},
    [F_LOGIN] = {.kind = FK_TEXT,
                 .label = "ログイン名",
                 .required = true,
                 .width = 16,
                 .maxlen = 64,
                 .validate = check_login},
    [F_ROLE] = {.kind = FK_CODE,
                .label = "役割",
                .required = true,
                .width = 20,
                .choices = ui_role_choices,
                .nchoices = UI_ROLE_COUNT},
};

static int save_staff(struct ui *ui, struct ui_form *fm)
{
	struct tsu_err e = {0};
	int role = form_choice(fm, F_ROLE);
	int64_t id;

	if (staff_add(ui->db, &ui->me, form_text(fm, F_LOGIN), form_text(fm, F_NAME),
	              staff_role_parse(ui_role_choices[role].code), &id, &e) != 0) {
		ui_message(ui, MSG_ERROR, "登録できません: %s", e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "%s さんを登録しました", form_text(fm, F_NAME));
	return 0;
}

static const struct fscreen_def form_def = {
    .title = "職員の追加",
    .help = "職員を登録します。役割は文字を入力すると候補が絞り込まれます "
            "(例: ほけん)。F9 または Ctrl-S で登録します。",
    .defs = form_fields,
    .n = sizeof(form_fields) / sizeof(form_fields[0]),
    .save = save_staff,
};

static int form_init_cb(struct screen *s, void *arg)
{
	return fscreen_init(s, &form_def);
}

const struct screen_ops staff_form_screen = FSCREEN_OPS("職員の追加", form_init_cb);
