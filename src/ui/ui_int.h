/* ui_int.h: what the modules of the full-screen UI share: the key event, the
 * screen callbacks table and stack, the command and key tables, drawing
 * helpers and the two widgets (list, form). Curses comes in through
 * tsu_curses.h only; nothing outside src/ui includes this header. */
#ifndef TSU_UI_INT_H
#define TSU_UI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "tsu_curses.h"
#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/err.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"
#include "tsunagu/utf8.h"
#include "ui/ui.h"

/* Smallest terminal the screens are laid out for. */
#define UI_MIN_COLS  60
#define UI_MIN_LINES 16
#define UI_STACK_MAX 16

/* ---- input events (input.c) -------------------------------------------- */

/* A key code: a Unicode code point (control characters included), or a
 * curses KEY_* code shifted above Unicode so the two never collide. */
#define UK_FN(k)    (0x1000000 + (k))
#define UK_IS_FN(c) ((c) >= 0x1000000)
#define UK_CTRL(ch) ((ch)&0x1f)
#define UK_ESC      27
#define UK_DEL      127

struct ui_key {
	int code;     /* UK_FN(KEY_*) or a code point */
	bool invalid; /* U+FFFD standing for bytes that were not UTF-8 */
};

/* True for a code point that is text (not a control character). */
static inline bool uk_is_text(int code)
{
	return !UK_IS_FN(code) && code >= 0x20 && code != UK_DEL && !(code >= 0x80 && code < 0xa0);
}

struct ui_input {
	struct utf8_stream st;
	uint32_t queue[4];
	bool queue_bad[4];
	int nq;
	unsigned long bad_bytes; /* invalid sequences seen since start */
};

void input_init(struct ui_input *in);
/* Next event within timeout_ms (-1 blocks). False on timeout. Bytes go through
 * the strict UTF-8 decoder; an incomplete sequence at a timeout becomes U+FFFD. */
bool input_next(struct ui_input *in, int timeout_ms, struct ui_key *out);

/* ---- redraw flags: what a handler changed ------------------------------ */

enum {
	RD_NONE = 0,
	RD_SCREEN = 1 << 0,   /* the top screen's area */
	RD_STATUS = 1 << 1,   /* status line and legend */
	RD_CLEAR = 1 << 2,    /* repaint the terminal from scratch (Ctrl-L) */
	RD_UNHANDLED = 1 << 8 /* the key meant nothing here */
};
#define RD_ALL (RD_SCREEN | RD_STATUS)

/* ---- contexts and commands (cmd.c, keys.c) ----------------------------- */

/* Contexts a screen is in; a command applies where its contexts meet these. */
enum {
	CTX_GLOBAL = 1 << 0,
	CTX_LIST = 1 << 1,   /* a list widget has focus */
	CTX_FILTER = 1 << 2, /* the list's filter line is being typed */
	CTX_FORM = 1 << 3,   /* a form has focus */
	CTX_TEXT = 1 << 4,   /* printable keys are text, not commands */
	CTX_HOME = 1 << 5,
	CTX_STAFF = 1 << 6,
	CTX_CONFIRM = 1 << 7,
	CTX_SMALL = 1 << 8, /* the terminal is too small */
	CTX_CASEFILE = 1 << 16, /* ケースファイル (scr_casefile.c) */
	CTX_CONFLICT = 1 << 17, /* both versions after a conflicting save */
	CTX_DAILY = 1 << 9, /* 本日のまとめ */
	CTX_STATS = 1 << 10, /* 統計 */
	CTX_SEARCH = 1 << 12, /* 検索 (scr_search.c): the query line has the keys */
	CTX_CASELIST = 1 << 20, /* ケース一覧 (scr_caselist.c) */
	CTX_PLAN = 1 << 21,     /* 支援計画 (scr_plan*.c) */
	CTX_NOTE = 1 << 22,     /* 経過記録の入力 (scr_note.c) */
	CTX_MEETING = 1 << 23,  /* 会議の検討ケース (scr_meeting*.c) */
	CTX_PICKMANY = 1 << 24, /* a list where several rows are marked */
	CTX_TEXTVIEW = 1 << 25, /* a text shown for reading (会議録, an earlier plan) */
	CTX_INTAKE = 1 << 26,   /* 新規受付 (scr_intake*.c) */
	CTX_DRAFTS = 1 << 27    /* the intake drafts to resume */
};

/* Preconditions the dispatcher checks before a handler runs. */
enum {
	PRE_SELECTION = 1 << 0, /* a row must be selected */
	PRE_WRITE = 1 << 1,     /* PERM_WRITE_CASE */
	PRE_ADMIN = 1 << 2,     /* PERM_ADMIN */
	PRE_FULLSIZE = 1 << 3   /* not while the terminal is too small */
};

enum cmd_id {
	CMD_NONE = 0,
	CMD_HELP,
	CMD_INTAKE,
	CMD_SEARCH,
	CMD_CASES,
	CMD_TODAY,
	CMD_STATS,
	CMD_STAFF_LIST,
	CMD_BACK,
	CMD_CANCEL,
	CMD_REDRAW,
	CMD_UP,
	CMD_DOWN,
	CMD_PGUP,
	CMD_PGDN,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_OPEN,
	CMD_FILTER,
	CMD_FILTER_END,
	CMD_FILTER_CLEAR,
	CMD_NEXT_FIELD,
	CMD_PREV_FIELD,
	CMD_LEFT,
	CMD_RIGHT,
	CMD_BOL,
	CMD_EOL,
	CMD_KILL_EOL,
	CMD_KILL_BOL,
	CMD_BACKSPACE,
	CMD_DELETE,
	CMD_ENTER,
	CMD_TOGGLE,
	CMD_SAVE,
	CMD_NEXT_PANE,
	CMD_HOME_DATE,
	CMD_STAFF_ADD,
	CMD_YES,
	CMD_NO,
	CMD_PENDING,   /* 未受理の受付, ケースファイル (scr_pending.c, scr_casefile*.c) */
	CMD_CF_KIND_NEXT,
	CMD_CF_KIND_PREV,
	CMD_CF_STATUS,
	CMD_CF_REGISTRATION,
	CMD_CF_TAG,
	CMD_CF_REVEAL,
	CMD_CF_ASSESS,
	CMD_CF_EDIT,
	CMD_CF_NOTE,
	CMD_CF_PLAN,
	CMD_CF_TRANSFER,
	CMD_KEEP_MINE,
	CMD_KEEP_THEIRS,
	CMD_DAY_PREV,   /* 本日のまとめ / 統計 (scr_daily.c, scr_stats.c) */
	CMD_DAY_NEXT,
	CMD_DAY_SET,
	CMD_DAY_STAFF,
	CMD_PRINT,
	CMD_EXPORT,
	CMD_FY_PREV,
	CMD_FY_NEXT,
	CMD_TABLE_PICK,
	CMD_AREA_NEXT,
	CMD_AREA_PREV,
	CMD_STATS_LEFT,
	CMD_STATS_RIGHT,
	CMD_CL_MINE, /* ケース一覧, 経過記録, 支援計画, 会議 (scr_caselist.c ...) */
	CMD_CL_REG,
	CMD_CL_OVERDUE,
	CMD_CL_STALE,
	CMD_CL_TAG,
	CMD_CL_SORT,
	CMD_CL_REVIEW,
	CMD_NOTE_QUICK,
	CMD_PLAN,
	CMD_MEETING,
	CMD_TRANSFER,
	CMD_TEMPLATE,
	CMD_PLAN_EDIT,
	CMD_ITEM_ADD,
	CMD_ITEM_DEL,
	CMD_PLAN_REVISE,
	CMD_PLAN_APPROVE,
	CMD_PLAN_VERSIONS,
	CMD_MT_NEXT,
	CMD_MT_PREV,
	CMD_MT_MINUTES,
	CMD_PICK_MARK,
	CMD_TEXT_EXPORT,
	CMD_CAND_PICK, /* 新規受付 (scr_intake*.c): link the highlighted known person */
	CMD_CAND_NEXT,
	CMD_CAND_PREV,
	CMD_SUSPEND,   /* leave the intake, keeping its draft */
	CMD_DRAFT_DELETE,
	CMD_COUNT
};

struct ui;
struct screen;

struct ui_command {
	enum cmd_id id;
	const char *name;  /* ASCII name (man page, future key settings) */
	const char *label; /* short Japanese label for the legend */
	const char *help;  /* Japanese help text */
	const char *help_en;
	unsigned ctx;    /* contexts where it applies */
	unsigned legend; /* contexts whose legend shows it (0: never) */
	int prio;        /* legend priority when space is short, 1 highest */
	unsigned pre;    /* PRE_* */
	/* Global handler; NULL means "the screen's command callback". */
	unsigned (*fn)(struct ui *ui, struct screen *s, enum cmd_id id);
};

struct ui_keybind {
	int key;
	enum cmd_id cmd;
};

const struct ui_command *cmd_get(enum cmd_id id);
size_t cmd_count(void);
const struct ui_command *cmd_at(size_t i);
/* Contexts of the top screen now. */
unsigned cmd_contexts(struct ui *ui);
/* Run the command bound to key in the top screen; RD_UNHANDLED if none. */
unsigned cmd_dispatch_key(struct ui *ui, const struct ui_key *k);
/* Run a command (precondition checks included). */
unsigned cmd_run(struct ui *ui, enum cmd_id id);

/* keys.c: the default key table. */
size_t keys_count(void);
const struct ui_keybind *keys_at(size_t i);
/* The command for key in contexts ctx, or CMD_NONE. */
enum cmd_id keys_lookup(int key, unsigned ctx);
/* Printable name of a key ("F1", "Ctrl-L", "?", "Tab"); static storage
 * for this call's result, valid until the next call. */
const char *keys_name(int key);
/* The keys of a command joined by sep ("F1/?"); only keys that reach it in
 * ctx, and no printable keys when fn_only (text fields take those).
 * Newly allocated; "" if none. */
char *keys_for_command(enum cmd_id id, unsigned ctx, bool fn_only, const char *sep);
/* Help sections for the help screen and the man page. */
struct keys_section {
	unsigned ctx;
	const char *title;
	const char *title_en;
};
size_t keys_sections(const struct keys_section **out);

/* ---- screens (screen.c) ------------------------------------------------ */

struct ui_rect {
	int y, x, h, w;
};

struct screen_ops {
	const char *title;
	/* Allocate the screen's state in s->data; arg as given to screen_push.
	 * Returns 0, or -1 with a message set on ui (the screen is not pushed). */
	int (*init)(struct screen *s, void *arg);
	void (*draw)(struct screen *s, struct ui_rect r);
	/* A key no command took (text typed into a field, Space on a checkbox). */
	unsigned (*key)(struct screen *s, const struct ui_key *k);
	/* A command aimed at the screen (list moves, field editing, save). */
	unsigned (*command)(struct screen *s, enum cmd_id id);
	void (*resize)(struct screen *s, struct ui_rect r);
	/* Contexts the screen is in now (CTX_* besides CTX_GLOBAL). */
	unsigned (*contexts)(struct screen *s);
	const char *(*help)(struct screen *s);
	void (*free)(struct screen *s);
	bool (*has_unsaved)(struct screen *s);
	/* Position n/N for the status line; false if none. */
	bool (*position)(struct screen *s, size_t *n, size_t *total);
	/* Where the terminal cursor belongs; false to hide it. */
	bool (*cursor)(struct screen *s, int *y, int *x);
	/* Called when the screen becomes the top again (reload data). */
	unsigned (*focus)(struct screen *s);
	/* Deferred work when input has drained (after each batch of keys and at
	 * least once a second): a lookup skipped while keys were pending, an
	 * autosave, a ticking clock. Called for every screen of the stack. */
	unsigned (*idle)(struct screen *s, time_t now);
	/* The program is ending without the worker's say-so (SIGHUP, SIGTERM,
	 * a lost terminal): keep what was typed. Called from the main loop,
	 * never from a signal handler, before the screens are freed. */
	void (*rescue)(struct screen *s);
	bool overlay; /* drawn over the screen below (dialogs) */
};

struct screen {
	const struct screen_ops *ops;
	struct ui *ui;
	void *data;
	struct ui_rect rect;
};

enum msg_level { MSG_INFO, MSG_WARN, MSG_ERROR };

struct ui {
	const struct ui_options *opt;
	struct db *db;
	time_t call_started; /* call mode: an intake form is open (0: none) */
	struct staff me;
	bool have_me;
	struct screen *stack[UI_STACK_MAX];
	int depth;
	struct ui_input in;
	char msg[512];
	enum msg_level msg_level;
	time_t msg_time;
	unsigned redraw;
	bool quit;
	int exit_code;
	bool too_small;
	bool ambiguous_wide;
	struct date today_override; /* home's 基準日, y == 0 when today */
	unsigned long bad_bytes_seen;
	const char *db_label; /* file name of the database */
};

/* Push a new screen on top; returns 0 or -1 (message set). */
int screen_push(struct ui *ui, const struct screen_ops *ops, void *arg);
/* Pop and free the top screen without asking. */
void screen_pop(struct ui *ui);
/* Leave the top screen, asking first if it has unsaved changes; quits the
 * program when it is the last one. */
unsigned screen_leave(struct ui *ui);
struct screen *screen_top(struct ui *ui);
struct ui_rect screen_area(void);
void screen_resize_all(struct ui *ui);
bool screen_any_unsaved(struct ui *ui);

/* The screens. */
extern const struct screen_ops home_screen;
extern const struct screen_ops help_screen;
extern const struct screen_ops staff_screen;
extern const struct screen_ops staff_form_screen;
extern const struct screen_ops firstrun_screen;
extern const struct screen_ops confirm_screen;
extern const struct screen_ops date_form_screen;
/* 新規受付 (scr_intake*.c, scr_safety.c). */
extern const struct screen_ops intake_screen;        /* arg: const int64_t *draft id, or NULL */
extern const struct screen_ops intake_drafts_screen; /* arg: (void *)1 to offer a new form */
extern const struct screen_ops safety_screen;
/* F2: the drafts to resume first if the worker has any, else a new intake
 * form; at_startup offers only the drafts (nothing when there are none). */
unsigned intake_start(struct ui *ui, bool at_startup);
/* Record the safety check of an intake; what names it ("R8-0231 髙橋 陽翔"). */
unsigned safety_open(struct ui *ui, int64_t intake_id, const char *what);
/* 受理会議 and the case file (scr_pending.c, scr_juri.c, scr_assess.c,
 * scr_casefile*.c). The push functions open the screen on top and return 0,
 * or -1 with the reason on the status line (nothing pushed). */
extern const struct screen_ops pending_screen; /* arg: NULL */
int ui_push_juri(struct ui *ui, int64_t intake_id);
/* The 緊急度アセスメント of a case (intake_id 0 if not about one intake). */
int ui_push_assess(struct ui *ui, int64_t case_id, int64_t intake_id);
int ui_push_casefile(struct ui *ui, int64_t case_id);
extern const struct screen_ops daily_screen; /* arg: NULL */
extern const struct screen_ops stats_screen; /* arg: NULL */
/* 検索 (scr_search.c); arg: const char *query to start with, or NULL. */
extern const struct screen_ops search_screen;
/* 進行管理 (scr_caselist.c, scr_note.c, scr_plan*.c, scr_meeting*.c,
 * scr_transfer.c). The push functions open the screen on top and return 0,
 * or -1 with the reason on the status line (nothing pushed). */
extern const struct screen_ops caselist_screen; /* arg: NULL */
/* The 経過記録 form for a case (quick entry or from the case file). */
int ui_push_note_form(struct ui *ui, int64_t case_id);
/* The case's 支援計画: its newest version, editable while a draft. */
int ui_push_plan(struct ui *ui, int64_t case_id);
/* 送致・援助依頼・移管 and 情報提供 of a case. */
int ui_push_transfer(struct ui *ui, int64_t case_id);
/* 会議: create a 実務者会議 or 個別ケース検討会議 and walk through its cases. */
int ui_push_meeting(struct ui *ui);

/* confirm.c: a yes/no question; on yes, on_yes(ui, arg) runs. */
struct confirm_arg {
	const char *question;
	const char *yes_label;
	const char *no_label;
	unsigned (*on_yes)(struct ui *ui, void *arg);
	void *arg;
};

/* ---- messages and the bottom lines (status.c) -------------------------- */

void ui_message(struct ui *ui, enum msg_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_message_clear(struct ui *ui);
/* Expire an old message; true if the status line changed. */
bool status_tick(struct ui *ui, time_t now);
void status_draw(struct ui *ui);
void legend_draw(struct ui *ui);

/* ---- terminal (term.c) ------------------------------------------------- */

/* Locale, TERM and tty checks before curses; prints the reason and returns
 * false when the full screen cannot run. */
bool term_preflight(void);
/* Ask the terminal how wide it draws ① (ESC[6n) and return the mode; bytes
 * the user typed meanwhile are kept for term_unread_pending(). */
bool term_probe_ambiguous(int timeout_ms);
void term_set_ambiguous(bool wide);
/* Start curses (newterm, raw, keypad, colors); false with a message printed. */
bool term_start(bool no_color);
void term_unread_pending(void);
/* endwin if curses is active; safe to call twice (fatal hook). */
void term_stop(void);
bool term_active(void);
/* After term_stop at a normal exit: free what curses can free. */
void term_free(void);

/* ---- drawing (draw.c) -------------------------------------------------- */

/* Meanings, drawn with colour when allowed and always with an attribute. */
enum ui_style {
	ST_NORMAL,
	ST_TITLE,
	ST_FRAME,
	ST_HEADER,
	ST_SELECTED,
	ST_FIELD,
	ST_FIELD_FOCUS,
	ST_ERROR,
	ST_WARN,
	ST_STATUS,
	ST_LEGEND_KEY,
	ST_LEGEND,
	ST_MARK,
	ST_DIM,
	ST_OVERDUE,
	ST_COUNT
};
void draw_init_styles(bool color);
attr_t draw_attr(enum ui_style st);
/* Write s at (y, x) cut or padded to exactly cols columns (align -1/0/1). */
void draw_text(int y, int x, int cols, const char *s, int align, enum ui_style st);
/* Write s at (y, x), at most cols columns, no padding; returns columns used. */
int draw_text_cut(int y, int x, int cols, const char *s, enum ui_style st);
/* Fill a rectangle with spaces. */
void draw_clear(struct ui_rect r);
/* ASCII frame "+- title ---+" around r. */
void draw_box(struct ui_rect r, const char *title, enum ui_style st);
/* The rectangle inside a frame. */
struct ui_rect rect_inner(struct ui_rect r);

/* ---- list widget (list.c) ---------------------------------------------- */

struct list_col {
	const char *title;
	int min, max; /* display columns; max 0 means no limit */
	int align;    /* -1 left, 1 right */
	bool keep;    /* a name: ignores max, and other columns shrink first */
};

struct list_ops {
	size_t (*count)(void *ctx);
	/* Text of a cell; the list does not keep the pointer past the call. */
	const char *(*cell)(void *ctx, size_t row, int col);
	/* Text searched by the filter (folded by key_variant); NULL: all cells. */
	char *(*search_text)(void *ctx, size_t row);
	/* Enter on a row. */
	unsigned (*activate)(void *ctx, size_t row);
	/* Style of a row (ST_NORMAL when NULL). */
	enum ui_style (*style)(void *ctx, size_t row);
};

struct ui_list {
	const struct list_col *cols;
	int ncols;
	const struct list_ops *ops;
	void *ctx;
	const char *empty_text;
	bool header;
	size_t *vis; /* rows passing the filter */
	size_t nvis;
	char **keys; /* folded search keys, per row, built lazily */
	size_t nkeys;
	size_t sel, top;
	int *width; /* column widths */
	int page;   /* rows shown at the last draw */
	bool filtering;
	struct sbuf filter;
	size_t fcur; /* cursor in the filter, byte offset */
	struct ui_rect last;
};

void list_init(struct ui_list *l, const struct list_col *cols, int ncols,
               const struct list_ops *ops, void *ctx, const char *empty_text);
void list_release(struct ui_list *l);
/* The rows changed: rebuild keys, filter and widths, keep the selection. */
void list_reload(struct ui_list *l);
void list_draw(struct ui_list *l, struct ui_rect r, bool focused);
unsigned list_command(struct ui_list *l, enum cmd_id id);
unsigned list_key(struct ui_list *l, const struct ui_key *k);
unsigned list_contexts(const struct ui_list *l);
/* The selected row index (in the callbacks' numbering); false if none. */
bool list_selected(const struct ui_list *l, size_t *row);
bool list_cursor(const struct ui_list *l, int *y, int *x);

/* ---- text editing (edit.c) --------------------------------------------- */

struct ui_edit {
	struct sbuf s;
	size_t cur; /* byte offset, always at a grapheme boundary */
	bool multiline;
	size_t maxlen; /* bytes; 0 no limit */
	int scroll;    /* first display row (multi-line) or column (single) */
};

void edit_init(struct ui_edit *e, bool multiline, size_t maxlen);
void edit_release(struct ui_edit *e);
void edit_set(struct ui_edit *e, const char *text);
const char *edit_text(const struct ui_edit *e);
bool edit_insert_cp(struct ui_edit *e, uint32_t cp);
/* Editing commands (CMD_LEFT ... CMD_DELETE); true if the text or cursor moved. */
bool edit_command(struct ui_edit *e, enum cmd_id id, bool *changed);
/* Up/down by display row in a multi-line field; false at the edge. */
bool edit_vertical(struct ui_edit *e, int cols, int dir);
/* Draw into r (one row if single-line); the cursor cell goes to cy, cx. */
void edit_draw(struct ui_edit *e, struct ui_rect r, enum ui_style st, int *cy, int *cx);

/* ---- form widget (form.c, field_*.c) ----------------------------------- */

enum field_kind { FK_TEXT, FK_TEXTAREA, FK_DATE, FK_CODE, FK_CHECK, FK_RADIO };

struct field_choice {
	const char *code;
	const char *label;
	const char *kana; /* reading, so a code field finds it by kana (may be NULL) */
};

struct field_def {
	enum field_kind kind;
	const char *label;
	bool required;
	int width;  /* input columns (0: to the right edge) */
	int height; /* text area rows */
	size_t maxlen;
	const struct field_choice *choices;
	size_t nchoices;
	bool birth; /* date fields: show age and school grade */
	/* Extra check; returns a Japanese message or NULL. */
	const char *(*validate)(const char *value);
};

struct ui_field {
	const struct field_def *def;
	struct ui_edit edit;
	int choice;   /* radio/code: index into choices, -1 none */
	bool checked; /* checkbox */
	size_t pick;  /* code picker: highlighted match */
	bool picking; /* code picker open */
	char *error;  /* validation message shown beside the field */
	struct date date;
	bool date_ok;
	int row, rows;  /* layout, relative to the form's first row */
	int in_x, in_w; /* input column and width at the last draw */
};

struct ui_form {
	struct ui_field *f;
	size_t n;
	size_t focus;
	bool dirty;
	int label_w;
	int top;    /* first form row shown */
	int cy, cx; /* cursor cell after the last draw, -1 if none */
	struct ui_rect last;
};

void form_init(struct ui_form *fm, const struct field_def *defs, size_t n);
void form_release(struct ui_form *fm);
void form_draw(struct ui_form *fm, struct ui_rect r);
unsigned form_command(struct ui_form *fm, enum cmd_id id);
unsigned form_key(struct ui_form *fm, const struct ui_key *k);
unsigned form_contexts(const struct ui_form *fm);
/* Check every field; focus the first wrong one. Returns the number of errors. */
int form_validate(struct ui_form *fm);
const char *form_text(const struct ui_form *fm, size_t i);
int form_choice(const struct ui_form *fm, size_t i);
bool form_cursor(const struct ui_form *fm, int *y, int *x);

/* field.c: per-kind behaviour used by form.c. */
void field_init(struct ui_field *f, const struct field_def *def);
void field_release(struct ui_field *f);
/* Rows the field needs at input width w. */
int field_rows(const struct ui_field *f, int w);
bool field_is_text(const struct ui_field *f);
/* A key or editing command for the field; *changed when the value changed. */
unsigned field_key(struct ui_field *f, const struct ui_key *k, bool *changed);
unsigned field_command(struct ui_field *f, enum cmd_id id, int w, bool *changed, bool *consumed);
/* The field lost focus: finish a pick, validate. */
void field_blur(struct ui_field *f);
/* Check the value (required fields only when submitting); sets or clears
 * f->error; true if fine. */
bool field_check(struct ui_field *f, bool submit);
/* The field got focus. */
void field_focus(struct ui_field *f);
void field_draw(struct ui_field *f, struct ui_rect r, bool focused, int *cy, int *cx);
/* The code picker below the field at input row y, column x, inside area. */
void field_draw_picker(struct ui_field *f, int y, int x, struct ui_rect area);
/* field_date.c: parse after each change; the note beside the field
 * (和暦, age and school grade); the parser's message, newly allocated. */
void field_date_update(struct ui_field *f);
void field_date_note(const struct ui_field *f, char *buf, size_t n);
char *field_date_error(const struct ui_field *f);
/* field_code.c */
size_t field_code_matches(const struct ui_field *f, size_t *out, size_t max);
unsigned field_code_key(struct ui_field *f, const struct ui_key *k, bool *changed);
unsigned field_code_command(struct ui_field *f, enum cmd_id id, bool *changed, bool *consumed);
/* Leaving a code field: take the highlighted candidate if text was typed. */
void field_code_blur(struct ui_field *f);

/* ---- a table of strings behind a list (table.c) ------------------------ */

struct ui_table {
	int ncols;
	size_t n, cap;
	char **cells;          /* n * ncols strings */
	enum ui_style *styles; /* per row */
	void *owner;           /* the screen, for activate callbacks */
};

void table_init(struct ui_table *t, int ncols, void *owner);
void table_clear(struct ui_table *t);
void table_release(struct ui_table *t);
/* Add a row of ncols strings (copied; NULL as ""). Returns its index. */
size_t table_add(struct ui_table *t, enum ui_style st, const char *const *cells);
size_t table_count(void *t);
const char *table_cell(void *t, size_t row, int col);
enum ui_style table_style(void *t, size_t row);

/* ---- screens made of one form (fscreen.c) ------------------------------ */

struct fscreen_def {
	const char *title;
	const char *help;
	/* Text above the form, newly allocated; NULL for none. */
	char *(*intro)(struct ui *ui);
	const struct field_def *defs;
	size_t n;
	/* Fill in starting values (may be NULL). */
	void (*setup)(struct ui *ui, struct ui_form *fm);
	/* Save a form that passed validation: 0 closes the screen, else it stays
	 * (with a message set on ui). */
	int (*save)(struct ui *ui, struct ui_form *fm);
	/* After the screen closed on a save (may be NULL). */
	void (*closed)(struct ui *ui);
};

/* The callbacks a form screen's ops table uses; its init calls
 * fscreen_init with its definition. */
int fscreen_init(struct screen *s, const struct fscreen_def *def);
void fscreen_draw(struct screen *s, struct ui_rect r);
unsigned fscreen_key(struct screen *s, const struct ui_key *k);
unsigned fscreen_command(struct screen *s, enum cmd_id id);
unsigned fscreen_contexts(struct screen *s);
const char *fscreen_help(struct screen *s);
void fscreen_free(struct screen *s);
bool fscreen_has_unsaved(struct screen *s);
bool fscreen_position(struct screen *s, size_t *n, size_t *total);
bool fscreen_cursor(struct screen *s, int *y, int *x);
#define FSCREEN_OPS(t, initfn)                                                                     \
	{                                                                                          \
		.title = (t), .init = (initfn), .draw = fscreen_draw, .key = fscreen_key,          \
		.command = fscreen_command, .contexts = fscreen_contexts, .help = fscreen_help,    \
		.free = fscreen_free, .has_unsaved = fscreen_has_unsaved,                          \
		.position = fscreen_position, .cursor = fscreen_cursor                             \
	}

/* ---- the program (ui.c) ------------------------------------------------ */

/* scr_staff.c: the roles as choices (code = the core's ASCII role name). */
#define UI_ROLE_COUNT 9
extern const struct field_choice ui_role_choices[UI_ROLE_COUNT];
/* scr_staff.c: true when no staff member is registered yet (first run). */
bool ui_staff_table_empty(struct db *db);

/* The date home works with: today, or the chosen 基準日. */
struct date ui_today(const struct ui *ui);
bool ui_can(const struct ui *ui, enum perm p);

#endif
