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

static unsigned do_search(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (s->ops == &search_screen)
		return RD_NONE;
	screen_push(ui, &search_screen, NULL);
	return RD_ALL;
}

static unsigned do_staff_list(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (s->ops == &staff_screen)
		return RD_NONE;
	screen_push(ui, &staff_screen, NULL);
	return RD_ALL;
}

static unsigned do_pending(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (s->ops == &pending_screen)
		return RD_NONE;
	screen_push(ui, &pending_screen, NULL);
	return RD_ALL;
}

static unsigned do_cases(struct ui *ui, struct screen *s, enum cmd_id id)
{
	if (s->ops == &caselist_screen)
		return RD_NONE;
	screen_push(ui, &caselist_screen, NULL);
	return RD_ALL;
}

static unsigned do_meeting(struct ui *ui, struct screen *s, enum cmd_id id)
{
	ui_push_meeting(ui);
	return RD_ALL;
}

/* 本日のまとめ and 統計 (scr_daily.c, scr_stats.c) */
static unsigned do_report(struct ui *ui, struct screen *s, enum cmd_id id)
{
	const struct screen_ops *ops = id == CMD_TODAY ? &daily_screen : &stats_screen;

	if (s->ops == ops)
		return RD_NONE;
	screen_push(ui, ops, NULL);
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

static unsigned do_intake(struct ui *ui, struct screen *s, enum cmd_id id)
{
	return intake_start(ui, false);
}

#define ALL_CTX  (~0u)
#define EDIT_CTX (CTX_FORM | CTX_FILTER | CTX_SEARCH)
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
     PRE_FULLSIZE | PRE_WRITE, do_intake},
    {CMD_SEARCH, "search", "検索", "人とケースを検索します", "search people and cases", CTX_GLOBAL,
     CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_search},
    {CMD_CASES, "cases", "ケース一覧", "ケースの一覧 (進行管理台帳) を表示します",
     "list open cases (the progress ledger)", CTX_GLOBAL, CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE,
     do_cases},
    {CMD_TODAY, "today", "本日のまとめ", "本日の受付と記録をまとめて表示します", "summary of today",
     CTX_GLOBAL, CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_report},
    {CMD_STATS, "stats", "統計", "統計と報告を表示します", "statistics and reports", CTX_GLOBAL,
     CTX_HOME | CTX_LIST, 3, PRE_FULLSIZE, do_report},
    {CMD_STAFF_LIST, "staff", "職員一覧", "職員の一覧を表示します", "list staff members",
     CTX_GLOBAL, CTX_HOME, 4, PRE_FULLSIZE, do_staff_list},
    {CMD_PENDING, "pending", "未受理", "受理会議を待っている受付の一覧を表示します",
     "list intakes awaiting the intake meeting", CTX_GLOBAL, CTX_HOME, 3, PRE_FULLSIZE,
     do_pending},
    {CMD_CF_KIND_NEXT, "kind-next", "種類", "経過の表示を次の種類に切り替えます",
     "show the next kind of time-line entry", CTX_CASEFILE, CTX_CASEFILE, 4, 0, NULL},
    {CMD_CF_KIND_PREV, "kind-prev", "前の種類", "経過の表示を前の種類に切り替えます",
     "show the previous kind of time-line entry", CTX_CASEFILE, 0, 9, 0, NULL},
    {CMD_CF_STATUS, "case-status", "状態", "ケースの状態を変えます (終結には理由が必要です)",
     "change the case's status (closing needs a reason)", CTX_CASEFILE, CTX_CASEFILE, 2,
     PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_CF_REGISTRATION, "case-registration", "登録", "要対協の登録区分を変えます",
     "change the case's registration", CTX_CASEFILE, CTX_CASEFILE, 3, PRE_FULLSIZE | PRE_WRITE,
     NULL},
    {CMD_CF_TAG, "case-tag", "タグ", "タグを付けたり外したりします", "add or remove a tag",
     CTX_CASEFILE, CTX_CASEFILE, 3, PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_CF_REVEAL, "reveal-address", "住所表示",
     "支援措置で非表示の住所を、理由を記録して表示します (権限が必要です)",
     "show an address withheld under a secrecy measure, recording why", CTX_CASEFILE,
     CTX_CASEFILE, 4, PRE_FULLSIZE, NULL},
    {CMD_CF_ASSESS, "assess", "アセスメント", "緊急度アセスメントの画面を開きます",
     "open the urgency assessment", CTX_CASEFILE, CTX_CASEFILE, 2, PRE_FULLSIZE | PRE_WRITE,
     NULL},
    {CMD_CF_EDIT, "case-edit", "編集", "主担当・チーム・見直し周期・次回見直しを変えます",
     "edit the lead, team, review cycle and next review", CTX_CASEFILE, CTX_CASEFILE, 2,
     PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_CF_NOTE, "case-note", "経過記録", "このケースの経過記録を書きます (Ctrl-T で定型文)",
     "write a progress note for this case (Ctrl-T inserts a template)", CTX_CASEFILE,
     CTX_CASEFILE, 3, PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_CF_PLAN, "case-plan", "支援計画", "このケースの支援計画を開きます",
     "open this case's support plan", CTX_CASEFILE, CTX_CASEFILE, 5, PRE_FULLSIZE, NULL},
    {CMD_CF_TRANSFER, "case-transfer", "送致・情報提供",
     "送致・援助依頼・移管と関係機関への情報提供を記録します",
     "record a referral, transfer or information given to an agency", CTX_CASEFILE,
     CTX_CASEFILE, 6, PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_KEEP_MINE, "keep-mine", "自分の入力で保存",
     "表示した保存済みの版を、自分の入力で上書きして保存します",
     "save my version over the stored one shown", CTX_CONFLICT, CTX_CONFLICT, 1, PRE_FULLSIZE,
     NULL},
    {CMD_KEEP_THEIRS, "keep-theirs", "保存済みを採用",
     "自分の入力を捨て、ほかの職員が保存した版を読み直します",
     "drop my changes and reload the stored version", CTX_CONFLICT, CTX_CONFLICT, 1,
     PRE_FULLSIZE, NULL},
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
    /* 本日のまとめ and 統計 (scr_daily.c, scr_stats.c, dlg_export.c) */
    {CMD_DAY_PREV, "day-prev", "前日", "前の日の業務日誌を表示します", "show the previous day",
     CTX_DAILY, CTX_DAILY, 3, 0, NULL},
    {CMD_DAY_NEXT, "day-next", "翌日", "次の日の業務日誌を表示します", "show the next day",
     CTX_DAILY, CTX_DAILY, 3, 0, NULL},
    {CMD_DAY_SET, "day", "日付", "表示する日付を入力します (和暦でも入力できます)",
     "type the day to show (any date form)", CTX_DAILY, CTX_DAILY, 4, PRE_FULLSIZE, NULL},
    {CMD_DAY_STAFF, "day-staff", "職員", "業務日誌を一人の職員の担当分に限ります (全員にも戻せます)",
     "narrow the day to one worker (or everyone)", CTX_DAILY, CTX_DAILY, 4, PRE_FULLSIZE, NULL},
    {CMD_PRINT, "print", "印刷", "業務日誌をテキストファイルに書き出します (印刷用)",
     "write the 業務日誌 as a plain-text file for printing", CTX_DAILY, CTX_DAILY, 2,
     PRE_FULLSIZE, NULL},
    {CMD_EXPORT, "export", "出力",
     "受付・ケース・経過記録・統計を CSV に書き出します (UTF-8 BOM付き または CP932)",
     "export intakes, cases, notes or statistics as CSV (UTF-8 with BOM or CP932)",
     CTX_DAILY | CTX_STATS, CTX_DAILY | CTX_STATS, 2, PRE_FULLSIZE, NULL},
    {CMD_FY_PREV, "fy-prev", "前年度", "前の年度の統計を表示します", "show the previous fiscal year",
     CTX_STATS, 0, 9, 0, NULL},
    {CMD_FY_NEXT, "fy-next", "翌年度", "次の年度の統計を表示します", "show the next fiscal year",
     CTX_STATS, 0, 9, 0, NULL},
    {CMD_TABLE_PICK, "table", "表", "表示する表を一覧から選びます", "choose the table to show",
     CTX_STATS, CTX_STATS, 3, PRE_FULLSIZE, NULL},
    {CMD_AREA_NEXT, "area-next", "切替", "年度・表・表の中 の順に操作する欄を切り替えます",
     "move between the year, the table choice and the table", CTX_STATS, CTX_STATS, 3, 0, NULL},
    {CMD_AREA_PREV, "area-prev", "逆順に切替", "操作する欄を逆の順に切り替えます",
     "move between the areas backwards", CTX_STATS, 0, 9, 0, NULL},
    {CMD_STATS_LEFT, "stats-left", "左",
     "年度の欄では前年度、表の欄では前の表、表の中では列を左へ動かします",
     "previous year / previous table / scroll the columns left", CTX_STATS, CTX_STATS, 4, 0,
     NULL},
    {CMD_STATS_RIGHT, "stats-right", "右",
     "年度の欄では翌年度、表の欄では次の表、表の中では列を右へ動かします (行の見出しは動きません)",
     "next year / next table / scroll the columns right (row labels stay)", CTX_STATS,
     CTX_STATS, 4, 0, NULL},
    /* 進行管理: ケース一覧, 経過記録, 支援計画, 会議 (scr_caselist.c ...) */
    {CMD_CL_MINE, "cases-mine", "担当", "自分が主担当のケースだけを表示します (もう一度で解除)",
     "show only my cases (again to undo)", CTX_CASELIST, CTX_CASELIST, 4, 0, NULL},
    {CMD_CL_REG, "cases-registration", "登録区分",
     "登録区分で絞り込みます (押すたびに 要保護、要支援、特定妊婦、未登録、すべての順)",
     "filter by registration (each press: next one, then all)", CTX_CASELIST, CTX_CASELIST, 5,
     0, NULL},
    {CMD_CL_OVERDUE, "cases-overdue", "見直し超過", "次回見直し日を過ぎたケースだけを表示します",
     "show only cases past their next review", CTX_CASELIST, CTX_CASELIST, 4, 0, NULL},
    {CMD_CL_STALE, "cases-stale", "記録なし",
     "設定の日数 (既定 60 日) 以上なにも記録されていないケースだけを表示します",
     "show only cases with nothing recorded for the set number of days", CTX_CASELIST,
     CTX_CASELIST, 5, 0, NULL},
    {CMD_CL_TAG, "cases-tag", "タグ", "タグを選んで絞り込みます", "filter by a tag",
     CTX_CASELIST, CTX_CASELIST, 6, PRE_FULLSIZE, NULL},
    {CMD_CL_SORT, "cases-sort", "並び順",
     "並び順を切り替えます (ふりがな、次回見直し、最終記録の順)",
     "cycle the order (reading, next review, last record)", CTX_CASELIST, CTX_CASELIST, 5, 0,
     NULL},
    {CMD_CL_REVIEW, "case-review", "見直し記録",
     "選んだケースの見直しを本日付で記録し、次回見直し日を周期から決めます",
     "record a review of the selected case today; the next one follows its cycle",
     CTX_CASELIST, CTX_CASELIST, 4, PRE_FULLSIZE | PRE_SELECTION | PRE_WRITE, NULL},
    {CMD_NOTE_QUICK, "note-quick", "経過記録",
     "ケースファイルを開かずに、選んだケースの経過記録を入力します",
     "write a progress note for the selected case without opening its file", CTX_CASELIST,
     CTX_CASELIST, 2, PRE_FULLSIZE | PRE_SELECTION | PRE_WRITE, NULL},
    {CMD_PLAN, "plan", "支援計画", "選んだケースの支援計画を開きます",
     "open the selected case's support plan", CTX_CASELIST, CTX_CASELIST, 3,
     PRE_FULLSIZE | PRE_SELECTION, NULL},
    {CMD_TRANSFER, "transfer", "送致・情報提供",
     "選んだケースの送致・援助依頼・移管、または関係機関への情報提供を記録します",
     "record a transfer of the selected case or information given to an agency",
     CTX_CASELIST, 0, 9, PRE_FULLSIZE | PRE_SELECTION | PRE_WRITE, NULL},
    {CMD_MEETING, "meeting", "会議",
     "実務者会議・個別ケース検討会議を開き、検討ケースを一件ずつ記録します",
     "hold a council meeting and record its cases one by one", CTX_HOME | CTX_CASELIST,
     CTX_CASELIST, 6, PRE_FULLSIZE, do_meeting},
    {CMD_TEMPLATE, "template", "定型文",
     "選んだ種類の定型文を選び、時刻を付けて内容のカーソル位置に挿入します",
     "insert a phrase template for the kind, stamped with the time, at the cursor", CTX_NOTE,
     CTX_NOTE, 2, PRE_FULLSIZE, NULL},
    {CMD_PLAN_EDIT, "plan-edit", "編集",
     "支援計画の内容を編集します (承認済みの版では説明日・交付日のみ)",
     "edit the plan (on an approved version only the delivery dates)", CTX_PLAN, CTX_PLAN, 2,
     PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_ITEM_ADD, "plan-item-add", "項目追加", "支援内容の項目を追加します",
     "add a support item", CTX_PLAN, CTX_PLAN, 2, PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_ITEM_DEL, "plan-item-delete", "項目削除", "選んだ支援内容の項目を削除します (下書きのみ)",
     "delete the selected support item (drafts only)", CTX_PLAN, CTX_PLAN, 5,
     PRE_FULLSIZE | PRE_SELECTION | PRE_WRITE, NULL},
    {CMD_PLAN_REVISE, "plan-revise", "改訂",
     "承認済みの計画から新しい版 (下書き) を作ります。前の版はそのまま残ります",
     "start a new draft version; the earlier one stays readable", CTX_PLAN, CTX_PLAN, 3,
     PRE_FULLSIZE | PRE_WRITE, NULL},
    {CMD_PLAN_APPROVE, "plan-approve", "承認",
     "下書きの計画を承認します (センター長・統括支援員のみ)",
     "approve the draft (director and coordinator only)", CTX_PLAN, CTX_PLAN, 3,
     PRE_FULLSIZE, NULL},
    {CMD_PLAN_VERSIONS, "plan-versions", "版の一覧",
     "計画の版の一覧から、前の版を変更点とともに表示します",
     "list the plan's versions; view an earlier one with its changes", CTX_PLAN, CTX_PLAN, 4,
     PRE_FULLSIZE, NULL},
    {CMD_MT_NEXT, "meeting-next", "次のケース", "記録を保存して次の検討ケースへ進みます",
     "save and go to the next case", CTX_MEETING, CTX_MEETING, 2, PRE_FULLSIZE, NULL},
    {CMD_MT_PREV, "meeting-prev", "前のケース", "記録を保存して前の検討ケースへ戻ります",
     "save and go back to the previous case", CTX_MEETING, CTX_MEETING, 3, PRE_FULLSIZE, NULL},
    {CMD_MT_MINUTES, "meeting-minutes", "会議録",
     "記録を保存し、会議録 (全ケースの決定事項) を表示します",
     "save and show the minutes with every case's decisions", CTX_MEETING, CTX_MEETING, 2,
     PRE_FULLSIZE, NULL},
    {CMD_PICK_MARK, "mark", "選択", "行の選択を切り替えます (Enter で確定)",
     "mark or unmark the row (Enter to finish)", CTX_PICKMANY, CTX_PICKMANY, 1, 0, NULL},
    {CMD_TEXT_EXPORT, "text-export", "ファイルに保存", "表示している文章をファイルに書き出します",
     "write the text shown to a file", CTX_TEXTVIEW, CTX_TEXTVIEW, 2, PRE_FULLSIZE, NULL},
    {CMD_CAND_PICK, "pick-person", "候補を採用",
     "「該当しそうな人」で選んでいる人を採用し、受付をその人と世帯に関連付けます",
     "link the intake to the highlighted known person and household", CTX_INTAKE, CTX_INTAKE,
     1, 0, NULL},
    {CMD_CAND_NEXT, "next-candidate", "次の候補", "「該当しそうな人」の次の候補を選びます",
     "highlight the next known person", CTX_INTAKE, CTX_INTAKE, 5, 0, NULL},
    {CMD_CAND_PREV, "prev-candidate", "前の候補", "「該当しそうな人」の前の候補を選びます",
     "highlight the previous known person", CTX_INTAKE, 0, 9, 0, NULL},
    {CMD_SUSPEND, "suspend", "中断(下書き保持)",
     "入力を下書きとして残して受付を中断します (F2 や次回の起動時に再開できます)",
     "leave the intake keeping a draft (resume with F2 or at the next start)", CTX_INTAKE,
     CTX_INTAKE, 1, 0, NULL},
    {CMD_DRAFT_DELETE, "discard-draft", "下書きを破棄", "選んだ受付の下書きを破棄します",
     "discard the selected intake draft", CTX_DRAFTS, CTX_DRAFTS, 2, PRE_SELECTION, NULL},
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
	/* Esc first closes whatever is open inside the screen (a code field's
	 * picker); only then does it leave the screen. */
	if (id == CMD_CANCEL && c->fn && s->ops->command) {
		unsigned rd = s->ops->command(s, id);

		if (rd != RD_UNHANDLED)
			return rd;
	}
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
