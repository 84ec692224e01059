/* scr_meeting.c: 会議, opening a 要対協 meeting: 実務者会議 or 個別ケース検討
 * 会議, its date and title, who attended (staff chosen from the staff list,
 * agencies by name), and which cases it reviews: every open case whose
 * review is due by a date, or cases marked on the list. Then the
 * walk-through (scr_meeting_walk.c) records each case. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_meeting.h"
#include "scr_plan_util.h"
#include "tsunagu/caselist.h"
#include "tsunagu/meeting.h"
#include "tsunagu/staff.h"

enum { M_KIND, M_DATE, M_TITLE, M_STAFF, M_AGENCIES, M_CASES, M_DUE, M_N };
enum { PICK_DUE, PICK_LIST };

static const struct field_choice kinds[] = {
    {"JITSUMU", "実務者会議", "じつむしゃかいぎ"},
    {"KOBETSU", "個別ケース検討会議", "こべつけーすけんとうかいぎ"},
};
static const struct field_choice case_modes[] = {
    {"DUE", "見直し期限が来たケースすべて", NULL},
    {"LIST", "一覧から選ぶ", NULL},
};

static const struct field_def defs[M_N] = {
    [M_KIND] =
        {.kind = FK_RADIO, .label = "会議", .required = true, .choices = kinds, .nchoices = 2},
    [M_DATE] = {.kind = FK_DATE, .label = "開催日", .required = true, .width = 14},
    [M_TITLE] = {.kind = FK_TEXT, .label = "件名", .maxlen = 400},
    [M_STAFF] = {.kind = FK_TEXT, .label = "出席職員", .maxlen = 2000},
    [M_AGENCIES] = {.kind = FK_TEXT, .label = "出席機関", .maxlen = 2000},
    [M_CASES] = {.kind = FK_RADIO,
                 .label = "検討ケース",
                 .required = true,
                 .choices = case_modes,
                 .nchoices = 2},
    [M_DUE] = {.kind = FK_DATE, .label = "見直し期限", .width = 14},
};

/* What the form holds, kept apart from it so the case list can outlive it. */
struct mt_setup {
	struct meeting m;
	int64_t *staff_ids;
	size_t nstaff;
	char **agencies;
	size_t nagencies;
	struct date due;
	int mode;
	int64_t meeting_id; /* once created */
	struct staff *all;  /* the staff list, for names */
	size_t nall;
	struct caselist_row *rows; /* the list to pick from */
	size_t nrows;
};

static void setup_free(void *p)
{
	struct mt_setup *st = p;

	if (!st)
		return;
	meeting_release(&st->m);
	free(st->staff_ids);
	for (size_t i = 0; i < st->nagencies; i++)
		free(st->agencies[i]);
	free(st->agencies);
	staff_list_free(st->all, st->nall);
	caselist_rows_free(st->rows, st->nrows);
	free(st);
}

/* Split "a、b, c" into trimmed parts; returns how many. */
static size_t split_names(const char *s, char ***out)
{
	struct sbuf cur = {0};
	char **v = NULL;
	size_t n = 0;

	sbuf_adds(&cur, "");
	for (const char *p = s;; p++) {
		bool sep = !*p || *p == ',' || !strncmp(p, "、", 3) || !strncmp(p, "，", 3);

		if (!sep) {
			if (*p != ' ' || cur.len)
				sbuf_addc(&cur, *p);
			continue;
		}
		while (cur.len && cur.buf[cur.len - 1] == ' ')
			cur.buf[--cur.len] = '\0';
		if (cur.len) {
			v = xreallocarray(v, n + 1, sizeof(char *));
			v[n++] = xstrdup(cur.buf);
		}
		sbuf_reset(&cur);
		if (!*p)
			break;
		if (*p != ',')
			p += 2;
	}
	sbuf_release(&cur);
	*out = v;
	return n;
}

/* Staff names typed (or chosen) to ids; false with a message for a name
 * that is no one's. */
static bool resolve_staff(struct ui *ui, struct mt_setup *st, const char *text)
{
	char **names;
	size_t n = split_names(text, &names);
	bool ok = true;

	st->staff_ids = xcalloc(n ? n : 1, sizeof(int64_t));
	for (size_t i = 0; i < n; i++) {
		int64_t id = 0;

		for (size_t k = 0; k < st->nall && !id; k++)
			if (!strcmp(st->all[k].name, names[i]) ||
			    !strcmp(st->all[k].login, names[i]))
				id = st->all[k].id;
		if (!id && ok) {
			ui_message(ui, MSG_ERROR,
			           "出席職員「%s」は職員一覧にいません (Enter で選べます)",
			           names[i]);
			ok = false;
		}
		if (id)
			st->staff_ids[st->nstaff++] = id;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ok;
}

static struct mt_setup *setup_from_form(struct ui *ui, struct ui_form *fm)
{
	struct mt_setup *st = xcalloc(1, sizeof(*st));
	struct tsu_err e = {0};

	if (staff_list(ui->db, false, &st->all, &st->nall, &e) != 0)
		st->all = NULL, st->nall = 0;
	st->m.kind = xstrdup(kinds[form_choice(fm, M_KIND)].code);
	st->m.held_on = fm_date(fm, M_DATE);
	st->m.title = xstrdup(form_text(fm, M_TITLE));
	st->nagencies = split_names(form_text(fm, M_AGENCIES), &st->agencies);
	st->mode = form_choice(fm, M_CASES);
	st->due = fm_date(fm, M_DUE).y ? fm_date(fm, M_DUE) : st->m.held_on;
	if (!resolve_staff(ui, st, form_text(fm, M_STAFF))) {
		setup_free(st);
		return NULL;
	}
	return st;
}

/* Create the meeting with its attendees; the cases come after. */
static int create_meeting(struct ui *ui, struct mt_setup *st)
{
	struct tsu_err e = {0};

	if (meeting_create(ui->db, &ui->me, &st->m, &e) != 0) {
		ui_message(ui, MSG_ERROR, "会議を登録できません: %s", e.msg);
		return -1;
	}
	st->meeting_id = st->m.id;
	for (size_t i = 0; i < st->nstaff + st->nagencies; i++) {
		struct meeting_attendee a = {0};

		if (i < st->nstaff)
			a.staff_id = st->staff_ids[i];
		else
			a.agency_name = st->agencies[i - st->nstaff];
		if (meeting_add_attendee(ui->db, &ui->me, st->meeting_id, &a, &e) != 0) {
			ui_message(ui, MSG_ERROR, "出席者を登録できません: %s", e.msg);
			return -1;
		}
	}
	return 0;
}

static unsigned cases_picked(struct ui *ui, void *ctx, const size_t *rows, size_t n)
{
	struct mt_setup *st = ctx;
	struct tsu_err e = {0};
	int64_t *ids = xcalloc(n ? n : 1, sizeof(int64_t));
	size_t added = 0;

	if (n == 0) {
		ui_message(ui, MSG_WARN, "検討ケースが選ばれていません");
		free(ids);
		return RD_ALL;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = st->rows[rows[i]].case_id;
	if (create_meeting(ui, st) == 0 &&
	    meeting_add_cases(ui->db, &ui->me, st->meeting_id, ids, n, &added, &e) != 0)
		ui_message(ui, MSG_ERROR, "検討ケースを登録できません: %s", e.msg);
	free(ids);
	if (!st->meeting_id)
		return RD_ALL; /* the form stays, as typed */
	if (screen_top(ui)->ops == &pform_screen)
		screen_pop(ui); /* the setup form: its work is done */
	meeting_walk_open(ui, st->meeting_id);
	return RD_ALL;
}

static int open_case_picker(struct ui *ui, struct mt_setup *st)
{
	struct caselist_filter f = {0};
	struct tsu_err e = {0};
	const char **items;
	char **owned;
	int rc;

	if (caselist_query(ui->db, &ui->me, &f, CASELIST_SORT_REVIEW, ui_today(ui), &st->rows,
	                   &st->nrows, &e) != 0) {
		ui_message(ui, MSG_ERROR, "ケース一覧を読めません: %s", e.msg);
		setup_free(st);
		return -1;
	}
	owned = xcalloc(st->nrows ? st->nrows : 1, sizeof(char *));
	for (size_t i = 0; i < st->nrows; i++) {
		const struct caselist_row *r = &st->rows[i];
		char nr[24];

		ui_date_short(r->next_review, nr, sizeof(nr));
		owned[i] =
		    xasprintf("%s  %s  %s  次回見直し %s%s", r->case_no, r->name,
		              r->registration_label, *nr ? nr : "-", r->overdue ? " (超過)" : "");
	}
	items = (const char **)owned;
	rc =
	    many_open(ui, "検討ケースを選ぶ", items, st->nrows, NULL, cases_picked, st, setup_free);
	for (size_t i = 0; i < st->nrows; i++)
		free(owned[i]);
	free(owned);
	return rc;
}

struct mt_form {
	struct mt_setup *made; /* due mode: created by save, walked by closed */
};

static int mt_save(struct screen *s, void *ctx, struct ui_form *fm)
{
	struct mt_form *mf = ctx;
	struct ui *ui = s->ui;
	struct mt_setup *st = setup_from_form(ui, fm);
	struct tsu_err e = {0};
	size_t added = 0;

	if (!st)
		return -1;
	if (st->mode == PICK_LIST) {
		open_case_picker(ui, st);
		return -1; /* the form stays under the list until cases are chosen */
	}
	if (create_meeting(ui, st) != 0 ||
	    meeting_add_due(ui->db, &ui->me, st->meeting_id, st->due, false, &added, &e) != 0) {
		if (e.msg[0])
			ui_message(ui, MSG_ERROR, "検討ケースを登録できません: %s", e.msg);
		if (!st->meeting_id) {
			setup_free(st);
			return -1;
		}
	}
	mf->made = st;
	return 0;
}

static void mt_closed(struct ui *ui, void *ctx)
{
	struct mt_form *mf = ctx;

	if (mf->made)
		meeting_walk_open(ui, mf->made->meeting_id);
}

static void mt_free(void *ctx)
{
	struct mt_form *mf = ctx;

	if (!mf)
		return;
	setup_free(mf->made);
	free(mf);
}

static unsigned staff_picked(struct ui *ui, void *ctx, const size_t *rows, size_t n)
{
	struct ui_form *fm = ctx;
	struct tsu_err e = {0};
	struct staff *all = NULL;
	size_t nall = 0;
	struct sbuf sb = {0};

	if (staff_list(ui->db, false, &all, &nall, &e) != 0)
		return RD_ALL;
	sbuf_adds(&sb, "");
	for (size_t i = 0; i < n; i++)
		if (rows[i] < nall)
			sbuf_addf(&sb, "%s%s", sb.len ? "、" : "", all[rows[i]].name);
	fm_set_text(fm, M_STAFF, sb.buf);
	fm->dirty = true;
	sbuf_release(&sb);
	staff_list_free(all, nall);
	return RD_ALL;
}

/* Enter on 出席職員 opens the staff list with those already named marked. */
static unsigned mt_command(struct screen *s, void *ctx, struct ui_form *fm, enum cmd_id id)
{
	struct tsu_err e = {0};
	struct staff *all = NULL;
	size_t nall = 0;
	const char **items;
	bool *marked;
	char **names;
	size_t nn;

	if (id != CMD_ENTER || fm->focus != M_STAFF)
		return RD_UNHANDLED;
	if (staff_list(s->ui->db, false, &all, &nall, &e) != 0) {
		ui_message(s->ui, MSG_ERROR, "職員の一覧を読めません: %s", e.msg);
		return RD_STATUS;
	}
	nn = split_names(form_text(fm, M_STAFF), &names);
	items = xcalloc(nall ? nall : 1, sizeof(char *));
	marked = xcalloc(nall ? nall : 1, sizeof(bool));
	for (size_t i = 0; i < nall; i++) {
		items[i] = all[i].name;
		for (size_t k = 0; k < nn; k++)
			marked[i] |= !strcmp(names[k], all[i].name);
	}
	many_open(s->ui, "出席した職員を選ぶ", items, nall, marked, staff_picked, fm, NULL);
	for (size_t k = 0; k < nn; k++)
		free(names[k]);
	free(names);
	free(items);
	free(marked);
	staff_list_free(all, nall);
	return RD_ALL;
}

static char *mt_intro(void *ctx)
{
	return xstrdup("出席職員の欄で Enter を押すと職員の一覧から選べます。出席機関は"
	               "「、」で区切って入力します (初めての機関は登録されます)。F9 または "
	               "Ctrl-S で会議を登録し、検討ケースを一件ずつ記録します。");
}

static const struct pform_def mt_def = {
    .help = "要対協の実務者会議・個別ケース検討会議を登録します。検討ケースは、見直し期限が"
            "来たケースすべてか、一覧から選んだケースです。",
    .save = mt_save,
    .command = mt_command,
    .intro = mt_intro,
    .closed = mt_closed,
    .free = mt_free,
};

int ui_push_meeting(struct ui *ui)
{
	struct ui_form *fm;

	if (!ui_can(ui, PERM_DECIDE)) {
		ui_message(ui, MSG_ERROR, "会議の記録には決定の権限が必要です (あなたの役割: %s)",
		           staff_role_label(ui->me.role));
		return -1;
	}
	fm = pform_push(ui, &mt_def, xcalloc(1, sizeof(struct mt_form)), "会議の登録", defs, M_N);
	if (!fm)
		return -1;
	fm_set_choice(fm, M_KIND, 0);
	fm_set_date(fm, M_DATE, ui_today(ui));
	fm_set_text(fm, M_STAFF, ui->me.name);
	fm_set_choice(fm, M_CASES, PICK_DUE);
	fm_set_date(fm, M_DUE, ui_today(ui));
	pform_clean(ui);
	return 0;
}
