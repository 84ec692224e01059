/* scr_transfer.c: a case leaving or shared: 児相送致, 援助依頼, ケース移管
 * (the family moved), and 情報提供 (information given to an agency) with
 * what, why and the legal basis, so every disclosure under 守秘義務 can be
 * traced. One form; the kind chooses which core call records it. 送致 and
 * 移管 close the case (the core changes its status in the same
 * transaction). */
#include <stdio.h>
#include <stdlib.h>

#include "scr_plan_util.h"
#include "tsunagu/transfer.h"

enum { F_KIND, F_TO, F_DATE, F_TIME, F_WHY, F_WHAT, F_BASIS, F_N };
enum { K_SOUCHI, K_ENJO, K_IKAN, K_INFO };

static const struct field_choice kinds[] = {
    {"SOUCHI", "児相送致", "じそうそうち"},
    {"ENJO", "援助依頼", "えんじょいらい"},
    {"IKAN", "ケース移管", "けーすいかん"},
    {"INFO", "情報提供", "じょうほうていきょう"},
};

static const char *check_time(const char *s)
{
	int h, m;
	char extra;

	if (sscanf(s, "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
		return "時刻は 14:05 のように入力してください";
	return NULL;
}

static const struct field_def defs[F_N] = {
    [F_KIND] =
        {.kind = FK_RADIO, .label = "種別", .required = true, .choices = kinds, .nchoices = 4},
    [F_TO] =
        {.kind = FK_TEXT, .label = "相手先 (機関)", .required = true, .width = 30, .maxlen = 200},
    [F_DATE] = {.kind = FK_DATE, .label = "日付", .required = true, .width = 14},
    [F_TIME] = {.kind = FK_TEXT, .label = "時刻", .width = 6, .maxlen = 5, .validate = check_time},
    [F_WHY] =
        {.kind = FK_TEXTAREA, .label = "理由・目的", .required = true, .height = 3, .maxlen = 4000},
    [F_WHAT] = {.kind = FK_TEXTAREA, .label = "提供した情報", .height = 2, .maxlen = 4000},
    [F_BASIS] = {.kind = FK_TEXT, .label = "法的根拠", .maxlen = 400},
};

struct transfer_form {
	int64_t case_id;
	char *title;
};

static void tf_free(void *p)
{
	struct transfer_form *t = p;

	free(t->title);
	free(t);
}

static char *tf_intro(void *p)
{
	return xstrdup("児相送致とケース移管はケースを終結させます (状態の履歴に残ります)。"
	               "情報提供では、何を・なぜ・どの根拠で提供したかを記録します "
	               "(例: 児童福祉法25条の3、要対協の情報共有)。");
}

static int save_transfer(struct ui *ui, struct transfer_form *t, struct ui_form *fm)
{
	struct tsu_err e = {0};
	struct transfer tr = {0};
	int k = form_choice(fm, F_KIND);

	tr.case_id = t->case_id;
	tr.kind = (char *)kinds[k].code;
	tr.to_name = (char *)form_text(fm, F_TO);
	tr.on = fm_date(fm, F_DATE);
	tr.reason = (char *)form_text(fm, F_WHY);
	if (transfer_record(ui->db, &ui->me, &tr, &e) != 0) {
		ui_message(ui, MSG_ERROR, "%sを記録できません: %s", kinds[k].label, e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "%s の%s (%s) を記録しました%s", t->title, kinds[k].label,
	           form_text(fm, F_TO), k == K_ENJO ? "" : "。ケースは終結しました");
	return 0;
}

static int save_disclosure(struct ui *ui, struct transfer_form *t, struct ui_form *fm)
{
	struct tsu_err e = {0};
	struct disclosure d = {0};
	char day[16];
	char *at;
	int h = 0, m = 0, rc;

	date_format_iso(fm_date(fm, F_DATE), day, sizeof(day));
	if (sscanf(form_text(fm, F_TIME), "%d:%d", &h, &m) == 2)
		at = xasprintf("%s %02d:%02d", day, h, m);
	else
		at = xasprintf("%s 00:00", day);
	d.case_id = t->case_id;
	d.recipient = (char *)form_text(fm, F_TO);
	d.as_agency = true;
	d.at = at;
	d.what = (char *)form_text(fm, F_WHAT);
	d.why = (char *)form_text(fm, F_WHY);
	d.legal_basis = (char *)form_text(fm, F_BASIS);
	rc = disclosure_record(ui->db, &ui->me, &d, &e);
	free(at);
	if (rc != 0) {
		ui_message(ui, MSG_ERROR, "情報提供を記録できません: %s", e.msg);
		return -1;
	}
	ui_message(ui, MSG_INFO, "%s への情報提供を記録しました", form_text(fm, F_TO));
	return 0;
}

static int tf_save(struct screen *s, void *ctx, struct ui_form *fm)
{
	if (form_choice(fm, F_KIND) == K_INFO)
		return save_disclosure(s->ui, ctx, fm);
	return save_transfer(s->ui, ctx, fm);
}

static const struct pform_def tf_def = {
    .help = "送致・援助依頼・移管、または関係機関への情報提供を記録します。種別は左右キーか"
            "数字で選びます。F9 または Ctrl-S で記録します。",
    .save = tf_save,
    .intro = tf_intro,
    .free = tf_free,
};

int ui_push_transfer(struct ui *ui, int64_t case_id)
{
	struct transfer_form *t = xcalloc(1, sizeof(*t));
	struct ui_form *fm;
	char *title, hm[8];
	time_t now = time(NULL);
	struct tm tm;

	if (!ui_can(ui, PERM_WRITE_CASE)) {
		ui_message(ui, MSG_ERROR, "送致・情報提供の記録には記録の権限が必要です");
		free(t);
		return -1;
	}
	if (!(t->title = ui_case_title(ui, case_id, NULL))) {
		free(t);
		return -1;
	}
	t->case_id = case_id;
	title = xasprintf("送致・情報提供  %s", t->title);
	fm = pform_push(ui, &tf_def, t, title, defs, F_N);
	free(title);
	if (!fm)
		return -1;
	localtime_r(&now, &tm);
	snprintf(hm, sizeof(hm), "%02d:%02d", tm.tm_hour, tm.tm_min);
	fm_set_choice(fm, F_KIND, K_INFO);
	fm_set_date(fm, F_DATE, date_today());
	fm_set_text(fm, F_TIME, hm);
	pform_clean(ui);
	return 0;
}
