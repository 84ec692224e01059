/* cmd.c: the command table and its dispatcher (STYLE rule 5). Every action a
 * key can start is a row here: its name, Japanese help, where it applies,
 * what it needs (a selection, write permission), and its handler. The
 * dispatcher checks the preconditions once; the legend, the help screen and
 * the man page's key list are generated from this table and keys.c. */
#include "tsunagu/staff.h"
#include "ui_int.h"

static unsigned do_help(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (s->ops == &help_screen)
		return RD_NONE;
	screen_push(ui, &help_screen, s);
	return RD_ALL;
}

static unsigned do_not_yet(struct ui *ui, struct screen *s, enum cmd_id id)
{
	ui_message(ui, MSG_INFO, "%s: この画面は準備中です", cmd_get(id)->label);
	return RD_STATUS;
}

static unsigned do_staff_list(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (s->ops == &staff_screen)
		return RD_NONE;
	screen_push(ui, &staff_screen, NULL);
	return RD_ALL;
}

static unsigned do_back(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (id == CMD_CANCEL && ui->depth <= 1)
		return RD_NONE;
	return screen_leave(ui);
}

static unsigned do_redraw(struct ui *ui, struct screen *s, enum cmd_id id)
{
	return RD_CLEAR | RD_ALL;
}

#define ALL_CTX  (~0u)
#define EDIT_CTX (CTX_FORM | CTX_FILTER)
#define MOVE_CTX (CTX_LIST | CTX_FORM)

static const struct ui_command commands[] = {
    {CMD_YES, "yes", "はい", "確認に「はい」と答えます", "answer yes", CTX_CONFIRM, CTX_CONFIRM, 1,
     0, NULL},
    {CMD_NO, "no", "いいえ", "確認に「いいえ」と答えます", "answer no", CTX_CONFIRM, CTX_CONFIRM, 1,
     0, NULL},
    {CMD_FILTER_END, "filter-done", "確定", "絞り込みを確定して一覧に戻ります",
     "keep the filter and return to the list", CTX_FILTER, CTX_FILTER, 2, 0, NULL},
    {CMD_FILTER_CLEAR, "filter-clear", "解除", "絞り込みを解除します", "clear the filter",
     CTX_FILTER, CTX_FILTER, 2, 0, NULL},
    {CMD_NEXT_FIELD, "next-field", "次へ", "次の入力欄へ移ります", "next field", CTX_FORM, CTX_FORM,
     2, 0, NULL},
    {CMD_SAVE, "save", "保存", "入力内容を確認して保存します", "check and save the form", CTX_FORM,
     CTX_FORM, 1, PRE_FULLSIZE, NULL},
    {CMD_STAFF_ADD, "staff-add", "職員を追加", "職員を登録します (管理権限が必要です)",
     "register a staff member (needs admin)", CTX_STAFF, CTX_STAFF, 2, PRE_FULLSIZE | PRE_ADMIN,
     NULL},
    {CMD_HELP, "help", "ヘルプ", "この画面の説明とキーの一覧を表示します",
     "show this screen's help and keys", CTX_GLOBAL, ALL_CTX, 1, PRE_FULLSIZE, do_help},
    {CMD_INTAKE, "intake", "新規受付", "新しい相談・通告を受け付けます",
     "take a new report or consultation", CTX_GLOBAL, CTX_HOME | CTX_LIST, 3,
     PRE_FULLSIZE | PRE_WRITE, do_not_yet},
    {CMD_SEARCH, "search", "検索", "人とケースを検索します", "search people and cases", CTX_GLOBAL,
     CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_not_yet},
    {CMD_CASES, "cases", "ケース一覧", "ケースの一覧を表示します", "list cases", CTX_GLOBAL,
     CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_not_yet},
    {CMD_TODAY, "today", "本日のまとめ", "本日の受付と記録をまとめて表示します", "summary of today",
     CTX_GLOBAL, CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_not_yet},
    {CMD_STATS, "stats", "統計", "統計と報告を表示します", "statistics and reports", CTX_GLOBAL,
     CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_not_yet},
    {CMD_STAFF_LIST, "staff", "職員一覧", "職員の一覧を表示します", "list staff members",
     CTX_GLOBAL, CTX_HOME, 4, PRE_FULLSIZE, do_staff_list},
    {CMD_BACK, "back", "戻る",
     "前の画面に戻ります。ホームでは終了します。未保存の変更があれば確認します",
     "go back; quit from the home screen; asks before losing changes", CTX_GLOBAL, ALL_CTX, 1,
     PRE_FULLSIZE, do_back},
    {CMD_CANCEL, "cancel", "中断", "入力を中断して前の画面に戻ります (未保存なら確認します)",
     "leave this screen (asks before losing changes)", CTX_GLOBAL, CTX_FORM, 2, PRE_FULLSIZE,
     do_back},
    {CMD_REDRAW, "redraw", "再描画", "画面を描き直します", "redraw the screen", ALL_CTX, 0, 9, 0,
     do_redraw},
    {CMD_UP, "up", "上へ", "一つ上の行・項目へ移ります", "previous row or field", MOVE_CTX, 0, 9, 0,
     NULL},
    {CMD_DOWN, "down", "下へ", "一つ下の行・項目へ移ります", "next row or field", MOVE_CTX, 0, 9, 0,
     NULL},
    {CMD_PGUP, "page-up", "前のページ", "一覧の前のページへ", "previous page", CTX_LIST, 0, 9, 0,
     NULL},
    {CMD_PGDN, "page-down", "次のページ", "一覧の次のページへ", "next page", CTX_LIST, 0, 9, 0,
     NULL},
    {CMD_TOP, "top", "先頭", "一覧の先頭へ", "first row", CTX_LIST, 0, 9, 0, NULL},
    {CMD_BOTTOM, "bottom", "末尾", "一覧の末尾へ", "last row", CTX_LIST, 0, 9, 0, NULL},
    {CMD_OPEN, "open", "開く", "選択した行を開きます", "open the selected row", CTX_LIST, CTX_LIST,
     5, PRE_FULLSIZE | PRE_SELECTION, NULL},
    {CMD_FILTER, "filter", "絞り込み",
     "文字を入力して一覧を絞り込みます (かな・カナ・半角・異体字を区別しません)",
     "filter the list as you type (kana, width and variant kanji folded)", CTX_LIST, CTX_LIST, 5,
     PRE_FULLSIZE, NULL},
    {CMD_PREV_FIELD, "prev-field", "前へ", "前の入力欄へ戻ります", "previous field", CTX_FORM, 0, 9,
     0, NULL},
    {CMD_LEFT, "left", "左へ", "カーソルを1文字左へ", "cursor left one character", EDIT_CTX, 0, 9,
     0, NULL},
    {CMD_RIGHT, "right", "右へ", "カーソルを1文字右へ", "cursor right one character", EDIT_CTX, 0,
     9, 0, NULL},
    {CMD_BOL, "line-start", "行頭", "行の先頭へ", "start of line", EDIT_CTX, 0, 9, 0, NULL},
    {CMD_EOL, "line-end", "行末", "行の末尾へ", "end of line", EDIT_CTX, 0, 9, 0, NULL},
    {CMD_KILL_EOL, "kill-to-end", "行末まで削除", "カーソルから行末までを削除します",
     "delete to the end of the line", EDIT_CTX, 0, 9, 0, NULL},
    {CMD_KILL_BOL, "kill-to-start", "行頭まで削除", "行頭からカーソルまでを削除します",
     "delete to the start of the line", EDIT_CTX, 0, 9, 0, NULL},
    {CMD_BACKSPACE, "backspace", "前の文字を削除", "カーソルの前の1文字を削除します",
     "delete the character before the cursor", EDIT_CTX, 0, 9, 0, NULL},
    {CMD_DELETE, "delete", "文字を削除", "カーソル位置の1文字を削除します",
     "delete the character under the cursor", EDIT_CTX, 0, 9, 0, NULL},
    {CMD_ENTER, "enter", "決定", "候補を選びます。文章欄では改行、それ以外では次の入力欄へ移ります",
     "pick a candidate; newline in a text area; else next field", CTX_FORM, 0, 9, 0, NULL},
    {CMD_TOGGLE, "toggle", "切替", "チェックや選択肢を切り替えます",
     "toggle a checkbox or choose an option", CTX_FORM, 0, 9, 0, NULL},
    {CMD_NEXT_PANE, "next-pane", "次の一覧", "ホームの次の一覧へ移ります",
     "next list on the home screen", CTX_HOME, 0, 9, 0, NULL},
    {CMD_HOME_DATE, "home-date", "基準日", "ホームの集計の基準日を変えます (和暦でも入力できます)",
     "change the date the home screen counts", CTX_HOME, 0, 9, PRE_FULLSIZE, NULL},
};

const struct ui_command *cmd_get(enum cmd_id id)
{
	for (size_t i = 0; i < cmd_count(); i++)
		if (commands[i].id == id)
			return &commands[i];
	return NULL;
}

size_t cmd_count(void)
{
	return sizeof(commands) / sizeof(commands[0]);
}

const struct ui_command *cmd_at(size_t i)
{
	return i < cmd_count() ? &commands[i] : NULL;
}

unsigned cmd_contexts(struct ui *ui)
{
	struct screen *s = screen_top(ui);
	unsigned ctx;

	if (!s)
		return CTX_GLOBAL;
	ctx = s->ops->contexts ? s->ops->contexts(s) : CTX_GLOBAL;
	return ui->too_small ? ctx | CTX_SMALL : ctx;
}

/* Precondition check; false with the reason on the status line. */
static bool allowed(struct ui *ui, struct screen *s, const struct ui_command *c)
{
	size_t n, total;

	if ((c->pre & PRE_FULLSIZE) && ui->too_small) {
		ui_message(ui, MSG_WARN, "端末が小さすぎるため「%s」は使えません", c->label);
		return false;
	}
	if ((c->pre & PRE_SELECTION) &&
	    !(s->ops->position && s->ops->position(s, &n, &total) && total > 0)) {
		ui_message(ui, MSG_WARN, "選択できる行がありません");
		return false;
	}
	if ((c->pre & PRE_WRITE) && !ui_can(ui, PERM_WRITE_CASE)) {
		ui_message(ui, MSG_ERROR, "「%s」には記録の権限が必要です (あなたの役割: %s)",
		           c->label, staff_role_label(ui->me.role));
		return false;
	}
	if ((c->pre & PRE_ADMIN) && !ui_can(ui, PERM_ADMIN)) {
		ui_message(ui, MSG_ERROR, "「%s」には職員管理の権限が必要です (あなたの役割: %s)",
		           c->label, staff_role_label(ui->me.role));
		return false;
	}
	return true;
}

unsigned cmd_run(struct ui *ui, enum cmd_id id)
{
	struct screen *s = screen_top(ui);
	const struct ui_command *c = cmd_get(id);

	if (!s || !c)
		return RD_UNHANDLED;
	if (!allowed(ui, s, c))
		return RD_STATUS;
	if (c->fn)
		return c->fn(ui, s, id);
	return s->ops->command ? s->ops->command(s, id) : RD_UNHANDLED;
}

unsigned cmd_dispatch_key(struct ui *ui, const struct ui_key *k)
{
	struct screen *s = screen_top(ui);
	unsigned ctx;
	enum cmd_id id;

	if (!s)
		return RD_UNHANDLED;
	ctx = cmd_contexts(ui);
	if (!((ctx & CTX_TEXT) && uk_is_text(k->code))) {
		id = keys_lookup(k->code, ctx);
		if (id != CMD_NONE)
			return cmd_run(ui, id);
	}
	return s->ops->key ? s->ops->key(s, k) : RD_UNHANDLED;
}
