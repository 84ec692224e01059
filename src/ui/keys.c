/* keys.c: the default key table (STYLE rule 5) and key names. Every F-key
 * has a letter alias because some SSH clients swallow F-keys. Order matters:
 * the first binding whose command applies in the screen's contexts wins, so
 * the more specific contexts come first. */
#include <stdio.h>
#include <stdlib.h>

#include "ui_int.h"

#define FN(k) UK_FN(k)

static const struct ui_keybind keymap[] = {
    /* questions */
    {'y', CMD_YES},
    {'Y', CMD_YES},
    {'n', CMD_NO},
    {'N', CMD_NO},
    {UK_ESC, CMD_NO},
    /* the filter line of a list */
    {'\r', CMD_FILTER_END},
    {FN(KEY_ENTER), CMD_FILTER_END},
    {'\n', CMD_FILTER_END},
    {UK_ESC, CMD_FILTER_CLEAR},
    /* editing a line */
    {FN(KEY_LEFT), CMD_LEFT},
    {UK_CTRL('B'), CMD_LEFT},
    {FN(KEY_RIGHT), CMD_RIGHT},
    {UK_CTRL('F'), CMD_RIGHT},
    {FN(KEY_HOME), CMD_BOL},
    {UK_CTRL('A'), CMD_BOL},
    {FN(KEY_END), CMD_EOL},
    {UK_CTRL('E'), CMD_EOL},
    {UK_CTRL('K'), CMD_KILL_EOL},
    {UK_CTRL('U'), CMD_KILL_BOL},
    {FN(KEY_BACKSPACE), CMD_BACKSPACE},
    {UK_DEL, CMD_BACKSPACE},
    {UK_CTRL('H'), CMD_BACKSPACE},
    {FN(KEY_DC), CMD_DELETE},
    {UK_CTRL('D'), CMD_DELETE},
    /* forms */
    {'\t', CMD_NEXT_FIELD},
    {FN(KEY_BTAB), CMD_PREV_FIELD},
    {'\r', CMD_ENTER},
    {FN(KEY_ENTER), CMD_ENTER},
    {'\n', CMD_ENTER},
    {' ', CMD_TOGGLE},
    {FN(KEY_F(9)), CMD_SAVE},
    {UK_CTRL('S'), CMD_SAVE},
    /* the intake form and its drafts (F4, F10 and Esc mean more there) */
    {FN(KEY_F(4)), CMD_CAND_PICK},
    {UK_CTRL('O'), CMD_CAND_PICK},
    {FN(KEY_NPAGE), CMD_CAND_NEXT},
    {FN(KEY_PPAGE), CMD_CAND_PREV},
    {UK_ESC, CMD_SUSPEND},
    {FN(KEY_F(10)), CMD_SUSPEND},
    {'q', CMD_SUSPEND}, /* on a checkbox or radio field: leave, the draft kept */
    {FN(KEY_DC), CMD_DRAFT_DELETE},
    /* the case file and the choice after a conflicting save */
    {'m', CMD_KEEP_MINE},
    {'t', CMD_KEEP_THEIRS},
    {'k', CMD_CF_KIND_NEXT},
    {FN(KEY_RIGHT), CMD_CF_KIND_NEXT},
    {'K', CMD_CF_KIND_PREV},
    {FN(KEY_LEFT), CMD_CF_KIND_PREV},
    {'c', CMD_CF_STATUS},
    {'r', CMD_CF_REGISTRATION},
    {'t', CMD_CF_TAG},
    {'v', CMD_CF_REVEAL},
    {'a', CMD_CF_ASSESS},
    {'e', CMD_CF_EDIT},
    {'m', CMD_CF_NOTE},
    {'p', CMD_CF_PLAN},
    {'x', CMD_CF_TRANSFER},
    /* 進行管理: the case list, notes, plans, meetings, marking rows, texts */
    {'m', CMD_CL_MINE},
    {'r', CMD_CL_REG},
    {'o', CMD_CL_OVERDUE},
    {'t', CMD_CL_STALE},
    {'g', CMD_CL_TAG},
    {'k', CMD_CL_SORT},
    {'v', CMD_CL_REVIEW},
    {'a', CMD_NOTE_QUICK},
    {'p', CMD_PLAN},
    {'x', CMD_TRANSFER},
    {'c', CMD_MEETING},
    {UK_CTRL('T'), CMD_TEMPLATE},
    {'e', CMD_PLAN_EDIT},
    {'a', CMD_ITEM_ADD},
    {'D', CMD_ITEM_DEL},
    {FN(KEY_DC), CMD_ITEM_DEL},
    {'r', CMD_PLAN_REVISE},
    {'A', CMD_PLAN_APPROVE},
    {'h', CMD_PLAN_VERSIONS},
    {FN(KEY_NPAGE), CMD_MT_NEXT},
    {FN(KEY_PPAGE), CMD_MT_PREV},
    {UK_CTRL('X'), CMD_MT_MINUTES},
    {' ', CMD_PICK_MARK},
    {'e', CMD_TEXT_EXPORT},
    /* 本日のまとめ and 統計 (after the line editing keys, which win in a filter) */
    {FN(KEY_LEFT), CMD_DAY_PREV},
    {'[', CMD_DAY_PREV},
    {FN(KEY_RIGHT), CMD_DAY_NEXT},
    {']', CMD_DAY_NEXT},
    {'g', CMD_DAY_SET},
    {'t', CMD_DAY_STAFF},
    {'p', CMD_PRINT},
    {'e', CMD_EXPORT},
    {'[', CMD_FY_PREV},
    {']', CMD_FY_NEXT},
    {'t', CMD_TABLE_PICK},
    {'\t', CMD_AREA_NEXT},
    {FN(KEY_BTAB), CMD_AREA_PREV},
    {FN(KEY_LEFT), CMD_STATS_LEFT},
    {FN(KEY_RIGHT), CMD_STATS_RIGHT},
    /* home and staff */
    {'\t', CMD_NEXT_PANE},
    {FN(KEY_BTAB), CMD_NEXT_PANE},
    {'g', CMD_HOME_DATE},
    {'a', CMD_STAFF_ADD},
    /* lists (and Up/Down between fields) */
    {FN(KEY_UP), CMD_UP},
    {UK_CTRL('P'), CMD_UP},
    {FN(KEY_DOWN), CMD_DOWN},
    {UK_CTRL('N'), CMD_DOWN},
    {FN(KEY_PPAGE), CMD_PGUP},
    {FN(KEY_NPAGE), CMD_PGDN},
    {FN(KEY_HOME), CMD_TOP},
    {FN(KEY_END), CMD_BOTTOM},
    {'\r', CMD_OPEN},
    {FN(KEY_ENTER), CMD_OPEN},
    {'\n', CMD_OPEN},
    {'f', CMD_FILTER},
    {UK_CTRL('F'), CMD_FILTER},
    /* everywhere */
    {FN(KEY_F(1)), CMD_HELP},
    {'?', CMD_HELP},
    {FN(KEY_F(2)), CMD_INTAKE},
    {'n', CMD_INTAKE},
    {FN(KEY_F(3)), CMD_SEARCH},
    {'/', CMD_SEARCH},
    {FN(KEY_F(4)), CMD_CASES},
    {'l', CMD_CASES},
    {FN(KEY_F(5)), CMD_TODAY},
    {'d', CMD_TODAY},
    {FN(KEY_F(6)), CMD_STATS},
    {'s', CMD_STATS},
    {FN(KEY_F(7)), CMD_STAFF_LIST},
    {'w', CMD_STAFF_LIST},
    {FN(KEY_F(8)), CMD_PENDING},
    {'j', CMD_PENDING},
    {FN(KEY_F(10)), CMD_BACK},
    {'q', CMD_BACK},
    {UK_ESC, CMD_CANCEL},
    {UK_CTRL('L'), CMD_REDRAW},
};

static const struct keys_section sections[] = {
    {CTX_GLOBAL, "全体", "Everywhere"}, {CTX_HOME, "ホーム", "Home screen"},
    {CTX_LIST, "一覧", "Lists"},        {CTX_FILTER, "一覧の絞り込み", "Filtering a list"},
    {CTX_FORM, "入力画面", "Forms"},    {CTX_STAFF, "職員一覧", "Staff list"},
    {CTX_CONFIRM, "確認", "Questions"},
    {CTX_INTAKE, "新規受付", "Intake"},
    {CTX_DRAFTS, "受付の下書き", "Intake drafts"},
    {CTX_DAILY, "本日のまとめ", "End of day"},
    {CTX_STATS, "統計", "Statistics"},
    {CTX_SEARCH, "検索", "Search"},
    {CTX_CASEFILE, "ケースファイル", "Case file"},
    {CTX_CONFLICT, "同時に保存されたとき", "After a conflicting save"},
    {CTX_CASELIST, "ケース一覧", "Case list"},
    {CTX_NOTE, "経過記録の入力", "Writing a progress note"},
    {CTX_PLAN, "支援計画", "Support plan"},
    {CTX_MEETING, "会議の検討ケース", "Cases in a meeting"},
    {CTX_PICKMANY, "複数の選択", "Choosing several rows"},
    {CTX_TEXTVIEW, "文章の表示", "Reading a text"},
};

size_t keys_count(void)
{
	return sizeof(keymap) / sizeof(keymap[0]);
}

const struct ui_keybind *keys_at(size_t i)
{
	return i < keys_count() ? &keymap[i] : NULL;
}

size_t keys_sections(const struct keys_section **out)
{
	*out = sections;
	return sizeof(sections) / sizeof(sections[0]);
}

enum cmd_id keys_lookup(int key, unsigned ctx)
{
	for (size_t i = 0; i < keys_count(); i++) {
		const struct ui_command *c;

		if (keymap[i].key != key)
			continue;
		c = cmd_get(keymap[i].cmd);
		if (c && (c->ctx & ctx))
			return c->id;
	}
	return CMD_NONE;
}

static const struct {
	int key;
	const char *name;
} names[] = {
    {FN(KEY_UP), "Up"},
    {FN(KEY_DOWN), "Down"},
    {FN(KEY_LEFT), "Left"},
    {FN(KEY_RIGHT), "Right"},
    {FN(KEY_PPAGE), "PgUp"},
    {FN(KEY_NPAGE), "PgDn"},
    {FN(KEY_HOME), "Home"},
    {FN(KEY_END), "End"},
    {FN(KEY_BACKSPACE), "BS"},
    {FN(KEY_DC), "Del"},
    {FN(KEY_BTAB), "Shift-Tab"},
    {FN(KEY_ENTER), "Enter"},
    {'\t', "Tab"},
    {'\r', "Enter"},
    {'\n', "Enter"},
    {UK_ESC, "Esc"},
    {UK_DEL, "BS"},
    {' ', "Space"},
};

const char *keys_name(int key)
{
	static char buf[32];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key)
			return names[i].name;
	if (UK_IS_FN(key) && key - UK_FN(0) >= KEY_F(1) && key - UK_FN(0) <= KEY_F(63)) {
		snprintf(buf, sizeof(buf), "F%d", key - UK_FN(KEY_F(0)));
	} else if (key > 0 && key < 0x20) {
		snprintf(buf, sizeof(buf), "Ctrl-%c", '@' + key);
	} else if (!UK_IS_FN(key) && key < 0x80) {
		snprintf(buf, sizeof(buf), "%c", key);
	} else {
		char u[5] = {0};

		utf8_encode((uint32_t)key, u);
		snprintf(buf, sizeof(buf), "%s", u);
	}
	return buf;
}

/* Whether name is already one of the '\x1f'-separated names in sb. */
static bool has_name(const struct sbuf *sb, const char *name)
{
	const char *p = sb->buf;
	size_t n = strlen(name);

	while (p && *p) {
		const char *e = strchr(p, '\x1f');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && memcmp(p, name, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

char *keys_for_command(enum cmd_id id, unsigned ctx, bool fn_only, const char *sep)
{
	struct sbuf seen = {0}, out = {0};

	sbuf_adds(&out, "");
	for (size_t i = 0; i < keys_count(); i++) {
		const char *name;

		if (keymap[i].cmd != id || (fn_only && uk_is_text(keymap[i].key)))
			continue;
		if (ctx && keys_lookup(keymap[i].key, ctx) != id)
			continue;
		name = keys_name(keymap[i].key);
		if (has_name(&seen, name))
			continue;
		if (seen.len)
			sbuf_addc(&seen, '\x1f');
		sbuf_adds(&seen, name);
		if (out.len)
			sbuf_adds(&out, sep);
		sbuf_adds(&out, name);
	}
	sbuf_release(&seen);
	return sbuf_detach(&out);
}
