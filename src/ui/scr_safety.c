/* scr_safety.c: recording a 安全確認 (safety check) from the home screen's
 * list of deadlines: who checked, when, whether the child was seen in person
 * and how, and a note. The core (safety_check_record) stores it; a check
 * with the child seen clears the deadline, so the row leaves home's list. */
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/intake.h"
#include "tsunagu/intake_form.h"
#include "tsunagu/text.h"
#include "ui_int.h"

enum { F_AT, F_WHO, F_METHOD, F_SEEN, F_NOTE, F_COUNT };

static const struct field_choice methods[] = {
    {"家庭訪問", "家庭訪問", "かていほうもん"},
    {"来所", "来所", "らいしょ"},
    {"学校等で確認", "学校等で確認", "がっこう"},
    {"保育所等で確認", "保育所等で確認", "ほいくしょ"},
    {"関係機関から聴取", "関係機関から聴取", "かんけいきかん"},
    {"電話", "電話", "でんわ"},
    {"その他", "その他", "そのた"},
};
static const struct field_choice seen_choices[] = {
    {"1", "目視で確認した", "もくし"},
    {"0", "目視していない", "もくししていない"},
};

struct safety_scr {
	struct ui *ui;
	int64_t intake_id;
	char *what;
	struct field_def defs[F_COUNT];
	struct field_choice *staff; /* owned, with their strings */
	size_t nstaff;
	struct ui_form fm;
};

struct safety_arg {
	int64_t intake_id;
	const char *what;
};

static void staff_choices(struct safety_scr *st)
{
	struct tsu_err e = {0};
	struct staff *s = NULL;
	size_t n = 0;

	if (staff_list(st->ui->db, false, &s, &n, &e) != 0)
		n = 0;
	st->staff = xcalloc(n ? n : 1, sizeof *st->staff);
	for (size_t i = 0; i < n; i++) {
		st->staff[i].code = xasprintf("%lld", (long long)s[i].id);
		st->staff[i].label = xstrdup(s[i].name);
	}
	st->nstaff = n;
	staff_list_free(s, n);
}

static void setup_defs(struct safety_scr *st)
{
	struct field_def *d = st->defs;

	d[F_AT] =
	    (struct field_def){.kind = FK_TEXT, .label = "確認日時", .required = true, .width = 20};
	d[F_WHO] = (struct field_def){.kind = FK_CODE,
	                              .label = "確認者",
	                              .width = 16,
	                              .choices = st->staff,
	                              .nchoices = st->nstaff};
	d[F_METHOD] = (struct field_def){.kind = FK_CODE,
	                                 .label = "方法",
	                                 .required = true,
	                                 .width = 20,
	                                 .choices = methods,
	                                 .nchoices = sizeof methods / sizeof methods[0]};
	d[F_SEEN] = (struct field_def){.kind = FK_RADIO,
	                               .label = "子どもを",
	                               .required = true,
	                               .choices = seen_choices,
	                               .nchoices = 2};
	d[F_NOTE] = (struct field_def){.kind = FK_TEXTAREA, .label = "備考", .height = 4};
}

static void preset(struct safety_scr *st)
{
	time_t now = time(NULL);
	struct tm tm;
	char at[24], id[32];
	struct ui_field *who = &st->fm.f[F_WHO];

	localtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M", &tm);
	edit_set(&st->fm.f[F_AT].edit, at);
	snprintf(id, sizeof id, "%lld", (long long)st->ui->me.id);
	for (size_t i = 0; i < st->nstaff; i++)
		if (!strcmp(st->staff[i].code, id)) {
			who->choice = (int)i;
			who->pick = i;
			edit_set(&who->edit, st->staff[i].label);
		}
	st->fm.dirty = false;
}

static int safety_init(struct screen *s, void *arg)
{
	const struct safety_arg *a = arg;
	struct safety_scr *st = xcalloc(1, sizeof *st);

	st->ui = s->ui;
	st->intake_id = a->intake_id;
	st->what = xstrdup(a->what ? a->what : "");
	staff_choices(st);
	setup_defs(st);
	form_init(&st->fm, st->defs, F_COUNT);
	preset(st);
	s->data = st;
	return 0;
}

static void safety_free(struct screen *s)
{
	struct safety_scr *st = s->data;

	form_release(&st->fm);
	for (size_t i = 0; i < st->nstaff; i++) {
		free((char *)st->staff[i].code);
		free((char *)st->staff[i].label);
	}
	free(st->staff);
	free(st->what);
	free(st);
}

static void safety_draw(struct screen *s, struct ui_rect r)
{
	struct safety_scr *st = s->data;
	char *title = xasprintf("安全確認の記録  %s", st->what);

	draw_text(r.y, r.x, r.w, title, -1, ST_TITLE);
	draw_text(r.y + 1, r.x + 1, r.w - 1,
	          "子どもを目視で確認すると期限が解除され、ホームの一覧から消えます。", -1,
	          ST_NORMAL);
	form_draw(&st->fm, (struct ui_rect){r.y + 3, r.x + 1, r.h - 3, r.w - 2});
	free(title);
}

static unsigned save(struct screen *s)
{
	struct safety_scr *st = s->data;
	struct ui *ui = s->ui;
	struct safety_check sc = {0};
	struct tsu_err e = {0};
	char at[20];
	int who = form_choice(&st->fm, F_WHO), method = form_choice(&st->fm, F_METHOD);
	int bad = form_validate(&st->fm);

	if (!bad && intake_form_datetime(form_text(&st->fm, F_AT), at, &e) != 0) {
		st->fm.f[F_AT].error = xstrdup(e.msg);
		bad = 1;
	}
	if (bad) {
		ui_message(ui, MSG_ERROR, "入力に誤りがあります (欄の横の説明を見てください)");
		return RD_ALL;
	}
	sc.intake_id = st->intake_id;
	sc.staff_id = who >= 0 ? atoll(st->staff[who].code) : 0;
	sc.at = at;
	sc.method = method >= 0 ? (char *)methods[method].code : NULL;
	sc.seen = form_choice(&st->fm, F_SEEN) == 0;
	sc.note = (char *)form_text(&st->fm, F_NOTE);
	if (safety_check_record(ui->db, &ui->me, &sc, &e) != 0) {
		ui_message(ui, MSG_ERROR, "安全確認を記録できません: %s", e.msg);
		return RD_ALL;
	}
	ui_message(ui, MSG_INFO,
	           sc.seen ? "安全確認を記録しました。期限を解除しました"
	                   : "記録しました。目視していないため期限は残ります");
	screen_pop(ui); /* frees st; home reloads on focus */
	return RD_ALL;
}

static unsigned safety_command(struct screen *s, enum cmd_id id)
{
	struct safety_scr *st = s->data;

	if (id == CMD_SAVE)
		return save(s);
	return form_command(&st->fm, id);
}

static unsigned safety_key(struct screen *s, const struct ui_key *k)
{
	return form_key(&((struct safety_scr *)s->data)->fm, k);
}

static unsigned safety_contexts(struct screen *s)
{
	return form_contexts(&((struct safety_scr *)s->data)->fm);
}

static bool safety_has_unsaved(struct screen *s)
{
	return ((struct safety_scr *)s->data)->fm.dirty;
}

static bool safety_position(struct screen *s, size_t *n, size_t *total)
{
	struct safety_scr *st = s->data;

	*n = st->fm.focus + 1;
	*total = st->fm.n;
	return true;
}

static bool safety_cursor(struct screen *s, int *y, int *x)
{
	return form_cursor(&((struct safety_scr *)s->data)->fm, y, x);
}

static const char *safety_help(struct screen *s)
{
	return "通告を受けた子どもの安全確認を記録します。確認日時・確認者・方法と、"
	       "子どもを目視で確認したかどうかを入力して F9 か Ctrl-S で保存します。"
	       "目視で確認した記録で、ホームの安全確認の期限が解除されます。";
}

const struct screen_ops safety_screen = {
    .title = "安全確認の記録",
    .init = safety_init,
    .draw = safety_draw,
    .key = safety_key,
    .command = safety_command,
    .contexts = safety_contexts,
    .help = safety_help,
    .free = safety_free,
    .has_unsaved = safety_has_unsaved,
    .position = safety_position,
    .cursor = safety_cursor,
};

unsigned safety_open(struct ui *ui, int64_t intake_id, const char *what)
{
	struct safety_arg a = {intake_id, what};

	if (!intake_id) {
		ui_message(ui, MSG_WARN, "この行は受付に結び付いていないため記録できません");
		return RD_STATUS;
	}
	if (!ui_can(ui, PERM_WRITE_CASE)) {
		ui_message(ui, MSG_ERROR, "安全確認の記録には記録の権限が必要です");
		return RD_STATUS;
	}
	screen_push(ui, &safety_screen, &a);
	return RD_ALL;
}
