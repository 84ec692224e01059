/* scr_meeting_walk.c: the walk through a meeting's cases, one screen each:
 * the case's header and its latest notes above a form for status, lead
 * agency, key person, policy, decisions and next review. PgDn/PgUp save
 * and move on; after the last case comes the free-text 会議録; Ctrl-X saves
 * and shows the minutes of the whole meeting (meeting_minutes_text), which
 * can be written to a file. A save that crosses another worker's shows
 * both and lets the worker choose. */
#include <stdio.h>
#include <stdlib.h>

#include "scr_meeting.h"
#include "scr_plan_util.h"
#include "tsunagu/agency.h"
#include "tsunagu/meeting.h"
#include "tsunagu/progress.h"
#include "tsunagu/text.h"

#define RECENT 3

enum { W_STATUS, W_AGENCY, W_KEY, W_POLICY, W_DECISION, W_NEXT, W_N };

static const struct field_def case_base[W_N] = {
    [W_STATUS] = {.kind = FK_CODE, .label = "状態 (変更時のみ)", .width = 16},
    [W_AGENCY] = {.kind = FK_TEXT, .label = "主担当機関", .width = 30, .maxlen = 200},
    [W_KEY] = {.kind = FK_TEXT, .label = "キーパーソン", .width = 30, .maxlen = 200},
    [W_POLICY] = {.kind = FK_TEXTAREA, .label = "支援方針", .height = 3, .maxlen = 8000},
    [W_DECISION] = {.kind = FK_TEXTAREA, .label = "決定事項", .height = 3, .maxlen = 8000},
    [W_NEXT] = {.kind = FK_DATE, .label = "次回見直し", .width = 14},
};

static const struct field_def minutes_def[] = {
    {.kind = FK_TEXTAREA, .label = "会議録", .height = 10, .maxlen = 40000},
};

static const char *const closing[] = {"END", "SND", "MOV", NULL};

struct walk {
	struct ui *ui;
	struct meeting m;
	char *kind_label;
	struct meeting_case *cases;
	size_t n, idx; /* idx == n: the minutes page */
	struct ui_form fm;
	struct ui_codes status;
	struct field_def defs[W_N];
	char *recent[RECENT];
	size_t nrecent, hidden;
};

static int load_cases(struct walk *w)
{
	struct tsu_err e = {0};
	struct meeting_case *mc = NULL;
	size_t n = 0;

	if (meeting_cases(w->ui->db, &w->ui->me, w->m.id, &mc, &n, &e) != 0) {
		ui_message(w->ui, MSG_ERROR, "検討ケースを読めません: %s", e.msg);
		return -1;
	}
	meeting_cases_free(w->cases, w->n);
	w->cases = mc;
	w->n = n;
	return 0;
}

static void load_recent(struct walk *w, int64_t case_id)
{
	struct tsu_err e = {0};
	struct note *notes = NULL;
	size_t n = 0;

	for (size_t i = 0; i < w->nrecent; i++)
		free(w->recent[i]);
	w->nrecent = 0;
	if (progress_list(w->ui->db, &w->ui->me, case_id, &notes, &n, &w->hidden, &e) != 0)
		return;
	for (size_t i = n > RECENT ? n - RECENT : 0; i < n; i++) {
		char *kind = codes_label(w->ui->db, "note_kind", notes[i].kind);

		w->recent[w->nrecent++] =
		    xasprintf("%s %s %s", notes[i].at, kind, notes[i].content);
		free(kind);
	}
	notes_free(notes, n);
}

static void fill_case(struct walk *w, const struct meeting_case *mc)
{
	fm_set_choice(&w->fm, W_STATUS,
	              mc->status && *mc->status ? ui_codes_find(&w->status, mc->status) : -1);
	fm_set_text(&w->fm, W_AGENCY, mc->lead_agency_name);
	fm_set_text(&w->fm, W_KEY, mc->key_person);
	fm_set_text(&w->fm, W_POLICY, mc->policy);
	fm_set_text(&w->fm, W_DECISION, mc->decision);
	fm_set_date(&w->fm, W_NEXT, mc->recorded ? mc->next_review : (struct date){0});
}

static void open_page(struct walk *w, size_t idx)
{
	form_release(&w->fm);
	w->idx = idx < w->n ? idx : w->n;
	if (w->idx < w->n) {
		form_init(&w->fm, w->defs, W_N);
		if (w->cases[w->idx].recorded)
			fill_case(w, &w->cases[w->idx]);
		load_recent(w, w->cases[w->idx].case_id);
		fm_focus(&w->fm, W_POLICY);
	} else {
		form_init(&w->fm, minutes_def, 1);
		fm_set_text(&w->fm, 0, w->m.minutes);
	}
	w->fm.dirty = false;
}

static unsigned keep_mine(struct ui *ui, void *ctx)
{
	return cmd_run(ui, CMD_SAVE);
}

static unsigned keep_theirs(struct ui *ui, void *ctx)
{
	struct walk *w = ctx;

	if (w->idx == w->n) {
		struct tsu_err e = {0};
		struct meeting m = {0};

		if (meeting_get(ui->db, &ui->me, w->m.id, &m, &e) == 0) {
			meeting_release(&w->m);
			w->m = m;
		}
	}
	open_page(w, w->idx);
	return RD_ALL;
}

static char *case_text(const struct meeting_case *mc, const char *status_label)
{
	char nr[24];

	ui_date_short(mc->next_review, nr, sizeof(nr));
	return xasprintf("状態: %s\n主担当機関: %s\nキーパーソン: %s\n支援方針: %s\n決定事項: %s\n"
	                 "次回見直し: %s\n",
	                 status_label, mc->lead_agency_name ? mc->lead_agency_name : "",
	                 mc->key_person ? mc->key_person : "", mc->policy ? mc->policy : "",
	                 mc->decision ? mc->decision : "", nr);
}

/* TSU_ECONFLICT on a case: reload (theirs gets the current version) and
 * show both. */
static void case_conflict(struct walk *w, struct meeting_case *mine)
{
	char *a = case_text(mine, mine->status && *mine->status ? mine->status : "(変更なし)");
	char *b;
	size_t idx = w->idx;

	load_cases(w);
	if (idx >= w->n) {
		free(a);
		return;
	}
	b = case_text(&w->cases[idx], w->cases[idx].status_label);
	conflict_open(w->ui, "検討ケースの記録", a, b, keep_mine, keep_theirs, w);
	free(a);
	free(b);
}

static int save_case(struct walk *w)
{
	struct ui *ui = w->ui;
	struct tsu_err e = {0};
	struct meeting_case mc = {0};
	const char *agency = form_text(&w->fm, W_AGENCY), *st;
	int rc;

	mc.case_id = w->cases[w->idx].case_id;
	mc.version = w->cases[w->idx].version;
	st = fm_code(&w->fm, W_STATUS, &w->status);
	mc.status = (char *)(st ? st : "");
	mc.key_person = (char *)form_text(&w->fm, W_KEY);
	mc.policy = (char *)form_text(&w->fm, W_POLICY);
	mc.decision = (char *)form_text(&w->fm, W_DECISION);
	mc.next_review = fm_date(&w->fm, W_NEXT);
	mc.lead_agency_name = (char *)agency;
	if (*agency &&
	    agency_find_or_create(ui->db, &ui->me, agency, NULL, &mc.lead_agency_id, &e) != 0) {
		ui_message(ui, MSG_ERROR, "関係機関「%s」を登録できません: %s", agency, e.msg);
		return -1;
	}
	rc = meeting_record_case(ui->db, &ui->me, w->m.id, &mc, &e);
	if (rc == TSU_ECONFLICT) {
		case_conflict(w, &mc);
		return -1;
	}
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "%s: %s", w->cases[w->idx].case_no, e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "%s の記録を保存しました", w->cases[w->idx].case_no);
	load_cases(w);
	return 0;
}

static int save_minutes(struct walk *w)
{
	struct ui *ui = w->ui;
	struct tsu_err e = {0};
	char *mine = xstrdup(form_text(&w->fm, 0));
	int rc;

	free(w->m.minutes);
	w->m.minutes = xstrdup(mine);
	rc = meeting_update(ui->db, &ui->me, &w->m, &e);
	if (rc == TSU_ECONFLICT) {
		struct meeting theirs = {0};

		if (meeting_get(ui->db, &ui->me, w->m.id, &theirs, &e) == 0) {
			w->m.version = theirs.version;
			conflict_open(ui, "会議録", mine, theirs.minutes, keep_mine, keep_theirs,
			              w);
			meeting_release(&theirs);
		}
	} else if (rc != 0) {
		ui_message(ui, MSG_ERROR, "会議録を保存できません: %s", e.msg);
	} else {
		ui_message(ui, MSG_INFO, "会議録を保存しました");
	}
	free(mine);
	return rc == 0 ? 0 : -1;
}

/* Save the page if anything was typed; 0 when nothing is left unsaved. */
static int save_page(struct walk *w)
{
	int rc;

	if (!w->fm.dirty)
		return 0;
	if (form_validate(&w->fm)) {
		ui_message(w->ui, MSG_ERROR,
		           "入力に誤りがあります。欄の横の説明を見て直してください");
		return -1;
	}
	rc = w->idx < w->n ? save_case(w) : save_minutes(w);
	if (rc == 0)
		w->fm.dirty = false;
	return rc;
}

static unsigned show_minutes(struct walk *w)
{
	struct tsu_err e = {0};
	char *text = NULL, *title, *file, day[16];

	if (meeting_minutes_text(w->ui->db, &w->ui->me, w->m.id, &text, &e) != 0) {
		ui_message(w->ui, MSG_ERROR, "会議録を作れません: %s", e.msg);
		return RD_STATUS;
	}
	date_format_iso(w->m.held_on, day, sizeof(day));
	title = xasprintf("会議録  %s %s (e でファイルに保存)", w->kind_label, day);
	file = xasprintf("会議録_%s_%lld.txt", day, (long long)w->m.id);
	textview_open(w->ui, title, text, file);
	free(title);
	free(file);
	free(text);
	return RD_ALL;
}

static int walk_init(struct screen *s, void *arg)
{
	struct walk *w = xcalloc(1, sizeof(*w));
	struct tsu_err e = {0};

	w->ui = s->ui;
	if (meeting_get(s->ui->db, &s->ui->me, *(int64_t *)arg, &w->m, &e) != 0) {
		ui_message(s->ui, MSG_ERROR, "会議を読めません: %s", e.msg);
		free(w);
		return -1;
	}
	w->kind_label = codes_label(s->ui->db, "meeting_kind", w->m.kind);
	ui_codes_load(s->ui, "status", closing, &w->status);
	memcpy(w->defs, case_base, sizeof(case_base));
	w->defs[W_STATUS].choices = w->status.c;
	w->defs[W_STATUS].nchoices = w->status.n;
	s->data = w;
	load_cases(w);
	form_init(&w->fm, minutes_def, 1);
	open_page(w, 0);
	return 0;
}

static void draw_case_head(struct walk *w, struct ui_rect r, int *y)
{
	const struct meeting_case *mc = &w->cases[w->idx];
	char nr[24], *line;

	ui_date_short(mc->case_next_review, nr, sizeof(nr));
	line = xasprintf("%s %s  %s  状態: %s  次回見直し: %s  %s", mc->case_no, mc->name,
	                 mc->registration_label, mc->status_label, *nr ? nr : "-",
	                 mc->recorded ? "[記録済み]" : "[未記録]");
	draw_text((*y)++, r.x, r.w, line, -1, mc->recorded ? ST_TITLE : ST_WARN);
	free(line);
	draw_text((*y)++, r.x, r.w, "最近の経過記録:", -1, ST_HEADER);
	if (!w->nrecent)
		draw_text((*y)++, r.x + 2, r.w - 2, "(記録なし)", -1, ST_DIM);
	for (size_t i = 0; i < w->nrecent; i++) {
		char *one = text_display(w->recent[i]);

		draw_text((*y)++, r.x + 2, r.w - 2, one, -1, ST_NORMAL);
		free(one);
	}
	draw_text((*y)++, r.x, r.w, "次回見直しは空欄なら開催日と見直し周期から決まります", -1,
	          ST_DIM);
}

static void walk_draw(struct screen *s, struct ui_rect r)
{
	struct walk *w = s->data;
	char day[32], *head;
	int y = r.y + 1;
	size_t done = 0;

	for (size_t i = 0; i < w->n; i++)
		done += w->cases[i].recorded;
	ui_date_short(w->m.held_on, day, sizeof(day));
	if (w->idx < w->n)
		head = xasprintf("%s %s %s  検討ケース %zu/%zu  (記録済み %zu)", w->kind_label, day,
		                 w->m.title ? w->m.title : "", w->idx + 1, w->n, done);
	else
		head = xasprintf("%s %s %s  会議録 (自由記述)  記録済み %zu/%zu 件", w->kind_label,
		                 day, w->m.title ? w->m.title : "", done, w->n);
	draw_text(r.y, r.x, r.w, head, -1, ST_TITLE);
	free(head);
	if (w->idx < w->n)
		draw_case_head(w, r, &y);
	else
		draw_text(y++, r.x, r.w, "Ctrl-X で全ケースの決定事項を含む会議録を表示します", -1,
		          ST_DIM);
	y++;
	form_draw(&w->fm, (struct ui_rect){y, r.x + 1, r.y + r.h - y, r.w - 2});
}

static unsigned walk_command(struct screen *s, enum cmd_id id)
{
	struct walk *w = s->data;

	switch (id) {
	case CMD_MT_NEXT:
		if (save_page(w) == 0 && w->idx < w->n)
			open_page(w, w->idx + 1);
		return RD_ALL;
	case CMD_MT_PREV:
		if (save_page(w) == 0 && w->idx > 0)
			open_page(w, w->idx - 1);
		return RD_ALL;
	case CMD_SAVE: save_page(w); return RD_ALL;
	case CMD_MT_MINUTES: return save_page(w) == 0 ? show_minutes(w) : RD_ALL;
	default: return form_command(&w->fm, id);
	}
}

static unsigned walk_key(struct screen *s, const struct ui_key *k)
{
	return form_key(&((struct walk *)s->data)->fm, k);
}

static unsigned walk_contexts(struct screen *s)
{
	return form_contexts(&((struct walk *)s->data)->fm) | CTX_MEETING;
}

static bool walk_unsaved(struct screen *s)
{
	return ((struct walk *)s->data)->fm.dirty;
}

static bool walk_position(struct screen *s, size_t *n, size_t *total)
{
	struct walk *w = s->data;

	*n = w->idx + 1;
	*total = w->n + 1;
	return true;
}

static bool walk_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct walk *)s->data)->fm, y, x);
}

static const char *walk_help(struct screen *s)
{
	return "会議の検討ケースを一件ずつ記録します。PgDn で保存して次のケース、PgUp で前の"
	       "ケースへ。支援方針か決定事項のどちらかは必要です。状態は変えるときだけ選びます"
	       "(終結・送致・移管はケースファイルから)。最後のページは会議録 (自由記述) です。"
	       "Ctrl-X で保存して会議録全体を表示し、e でファイルに書き出せます。";
}

static void walk_free(struct screen *s)
{
	struct walk *w = s->data;

	form_release(&w->fm);
	meeting_release(&w->m);
	meeting_cases_free(w->cases, w->n);
	ui_codes_release(&w->status);
	for (size_t i = 0; i < w->nrecent; i++)
		free(w->recent[i]);
	free(w->kind_label);
	free(w);
}

static const struct screen_ops walk_screen = {
    .title = "会議",
    .init = walk_init,
    .draw = walk_draw,
    .key = walk_key,
    .command = walk_command,
    .contexts = walk_contexts,
    .help = walk_help,
    .free = walk_free,
    .has_unsaved = walk_unsaved,
    .position = walk_position,
    .cursor = walk_cursor,
};

int meeting_walk_open(struct ui *ui, int64_t meeting_id)
{
	return screen_push(ui, &walk_screen, &meeting_id);
}
