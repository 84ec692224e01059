/* scr_note.c: 経過記録 form, used for quick entry from the case list and
 * from the case file: kind, date and time (now by default), counterpart,
 * source, restricted, 本児を目視で確認 (which also records the safety
 * check), and the content. Ctrl-T offers the phrase templates of the chosen
 * kind (data/templates.tsv) and inserts one at the cursor with the note's
 * time stamped in front. Saving goes through progress_add. */
#include <stdio.h>
#include <stdlib.h>

#include "dlg.h"
#include "scr_plan_util.h"
#include "tsunagu/progress.h"

enum { F_KIND, F_DATE, F_TIME, F_COUNTER, F_SOURCE, F_RESTRICTED, F_SEEN, F_CONTENT, F_COUNT };

static const char *check_time(const char *s)
{
	int h, m;
	char extra;

	if (sscanf(s, "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
		return "時刻は 14:05 のように入力してください";
	return NULL;
}

static const struct field_def base_defs[F_COUNT] = {
    [F_KIND] = {.kind = FK_CODE, .label = "種類", .required = true, .width = 16},
    [F_DATE] = {.kind = FK_DATE, .label = "日付", .required = true, .width = 14},
    [F_TIME] = {.kind = FK_TEXT,
                .label = "時刻",
                .required = true,
                .width = 6,
                .maxlen = 5,
                .validate = check_time},
    [F_COUNTER] = {.kind = FK_TEXT, .label = "相手方", .width = 30, .maxlen = 200},
    [F_SOURCE] = {.kind = FK_CODE, .label = "情報源", .width = 12},
    [F_RESTRICTED] = {.kind = FK_CHECK, .label = "閲覧制限"},
    [F_SEEN] = {.kind = FK_CHECK, .label = "本児を目視で確認"},
    [F_CONTENT] =
        {.kind = FK_TEXTAREA, .label = "内容", .required = true, .height = 6, .maxlen = 20000},
};

struct note_form {
	int64_t case_id;
	char *title;
	struct ui_codes kinds, sources;
	struct field_def defs[F_COUNT];
	struct template_set tpl;
	bool have_tpl;
	size_t *offered; /* template indexes in the open picker */
	struct ui_form *fm;
};

static void note_free(void *p)
{
	struct note_form *n = p;

	ui_codes_release(&n->kinds);
	ui_codes_release(&n->sources);
	if (n->have_tpl)
		template_set_release(&n->tpl);
	free(n->offered);
	free(n->title);
	free(n);
}

static char *note_intro(void *p)
{
	return xstrdup("Ctrl-T で定型文 (選んだ種類のもの) を時刻付きで挿入します。"
	               "本児を目視で確認した家庭訪問・来所面接では「本児を目視で確認」を"
	               "付けると、安全確認も記録されます。");
}

/* The moment of the note as typed, for the template's stamp; now if the
 * fields do not hold one yet. */
static time_t note_when(const struct ui_form *fm)
{
	struct date d = fm_date(fm, F_DATE);
	struct tm tm = {0};
	int h, m;

	if (!d.y || check_time(form_text(fm, F_TIME)) ||
	    sscanf(form_text(fm, F_TIME), "%d:%d", &h, &m) != 2)
		return time(NULL);
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static unsigned insert_template(struct ui *ui, void *ctx, size_t index)
{
	struct note_form *n = ctx;
	const struct template *t = &n->tpl.t[n->offered[index]];
	char *text = template_expand(t, note_when(n->fm));
	const char *cur = form_text(n->fm, F_CONTENT);
	size_t at = n->fm->f[F_CONTENT].edit.cur;

	if (at > 0 && cur[at - 1] != '\n')
		fm_insert(n->fm, F_CONTENT, "\n");
	fm_insert(n->fm, F_CONTENT, text);
	fm_focus(n->fm, F_CONTENT);
	free(text);
	return RD_ALL;
}

static unsigned open_templates(struct screen *s, struct note_form *n, struct ui_form *fm)
{
	struct tsu_err e = {0};
	const char *kind = fm_code(fm, F_KIND, &n->kinds);
	size_t count, *idx;
	const char **items;

	if (!n->have_tpl) {
		if (template_load_default(&n->tpl, &e) != 0) {
			ui_message(s->ui, MSG_ERROR, "定型文を読めません: %s", e.msg);
			return RD_STATUS;
		}
		n->have_tpl = true;
	}
	count = template_for_kind(&n->tpl, kind ? kind : "", NULL, 0);
	if (count == 0) {
		ui_message(s->ui, MSG_WARN, "この種類の定型文はありません (data/templates.tsv)");
		return RD_STATUS;
	}
	idx = xcalloc(count, sizeof(size_t));
	template_for_kind(&n->tpl, kind ? kind : "", idx, count);
	items = xcalloc(count, sizeof(char *));
	for (size_t i = 0; i < count; i++)
		items[i] = n->tpl.t[idx[i]].text;
	free(n->offered);
	n->offered = idx;
	pick_open(s->ui, kind ? "定型文" : "定型文 (種類を選ぶとその種類のものも出ます)", items,
	          count, 0, insert_template, n);
	free(items);
	return RD_ALL;
}

static unsigned note_command(struct screen *s, void *ctx, struct ui_form *fm, enum cmd_id id)
{
	if (id == CMD_TEMPLATE)
		return open_templates(s, ctx, fm);
	return RD_UNHANDLED;
}

static int note_save(struct screen *s, void *ctx, struct ui_form *fm)
{
	struct note_form *n = ctx;
	struct ui *ui = s->ui;
	struct progress_entry pe = {0};
	struct tsu_err e = {0};
	char day[16], *at;
	int h = 0, m = 0;

	date_format_iso(fm_date(fm, F_DATE), day, sizeof(day));
	sscanf(form_text(fm, F_TIME), "%d:%d", &h, &m);
	at = xasprintf("%s %02d:%02d", day, h, m);
	pe.note.case_id = n->case_id;
	pe.note.kind = (char *)fm_code(fm, F_KIND, &n->kinds);
	pe.note.at = at;
	pe.note.counterpart = (char *)form_text(fm, F_COUNTER);
	pe.note.source = (char *)fm_code(fm, F_SOURCE, &n->sources);
	pe.note.restricted = form_choice(fm, F_RESTRICTED) == 1;
	pe.note.content = (char *)form_text(fm, F_CONTENT);
	pe.child_seen = form_choice(fm, F_SEEN) == 1;
	if (progress_add(ui->db, &ui->me, &pe, &e) != 0) {
		ui_message(ui, MSG_ERROR, "経過記録を保存できません: %s", e.msg);
		free(at);
		return -1;
	}
	ui_message(ui, MSG_INFO, "%s に経過記録を保存しました%s", n->title,
	           pe.child_seen ? " (安全確認を記録)" : "");
	free(at);
	return 0;
}

static const struct pform_def note_def = {
    .help = "経過記録を入力します。種類は文字を入力すると候補が絞り込まれます (例: かてい)。"
            "Ctrl-T で定型文を時刻付きで挿入、F9 または Ctrl-S で保存します。"
            "閲覧制限を付けた記録は、作成者・主担当・統括以上の職員だけが読めます。",
    .ctx = CTX_NOTE,
    .save = note_save,
    .command = note_command,
    .intro = note_intro,
    .free = note_free,
};

int ui_push_note_form(struct ui *ui, int64_t case_id)
{
	struct note_form *n = xcalloc(1, sizeof(*n));
	struct ui_form *fm;
	char *title, hm[8];
	time_t now = time(NULL);
	struct tm tm;

	if (!(n->title = ui_case_title(ui, case_id, NULL))) {
		free(n);
		return -1;
	}
	n->case_id = case_id;
	ui_codes_load(ui, "note_kind", NULL, &n->kinds);
	ui_codes_load(ui, "source", NULL, &n->sources);
	memcpy(n->defs, base_defs, sizeof(base_defs));
	n->defs[F_KIND].choices = n->kinds.c;
	n->defs[F_KIND].nchoices = n->kinds.n;
	n->defs[F_SOURCE].choices = n->sources.c;
	n->defs[F_SOURCE].nchoices = n->sources.n;
	title = xasprintf("経過記録  %s", n->title);
	fm = pform_push(ui, &note_def, n, title, n->defs, F_COUNT);
	free(title);
	if (!fm)
		return -1;
	n->fm = fm;
	localtime_r(&now, &tm);
	snprintf(hm, sizeof(hm), "%02d:%02d", tm.tm_hour, tm.tm_min);
	fm_set_date(fm, F_DATE, date_today());
	fm_set_text(fm, F_TIME, hm);
	pform_clean(ui);
	return 0;
}
