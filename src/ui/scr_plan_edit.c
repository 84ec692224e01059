/* scr_plan_edit.c: the forms of the 支援計画: its fields (creating version
 * 1 when there is none), the delivery dates of an approved version, and one
 * support item. Each save goes through the core with the version read when
 * the form opened, so a save that crosses another worker's gets
 * TSU_ECONFLICT: both versions are shown and the worker chooses (keep mine
 * saves over theirs; keep theirs drops the typed text; Esc goes back to it). */
#include <stdio.h>
#include <stdlib.h>

#include "scr_plan.h"
#include "scr_plan_util.h"
#include "tsunagu/agency.h"
#include "tsunagu/staff.h"

/* ---- the plan's fields -------------------------------------------------------- */

enum { P_NEEDS, P_STRENGTHS, P_LONG, P_SHORT, P_WISHES, P_REVIEW, P_EXPLAINED, P_HANDED, P_N };

static const struct field_def plan_defs[P_N] = {
    [P_NEEDS] = {.kind = FK_TEXTAREA, .label = "ニーズ・課題", .height = 3, .maxlen = 8000},
    [P_STRENGTHS] = {.kind = FK_TEXTAREA, .label = "強み", .height = 2, .maxlen = 8000},
    [P_LONG] = {.kind = FK_TEXTAREA, .label = "長期目標", .height = 2, .maxlen = 8000},
    [P_SHORT] = {.kind = FK_TEXTAREA, .label = "短期目標", .height = 2, .maxlen = 8000},
    [P_WISHES] = {.kind = FK_TEXTAREA, .label = "本人・家族の意向", .height = 2, .maxlen = 8000},
    [P_REVIEW] = {.kind = FK_DATE, .label = "次回見直し", .width = 14},
    [P_EXPLAINED] = {.kind = FK_DATE, .label = "説明日", .width = 14},
    [P_HANDED] = {.kind = FK_DATE, .label = "交付日", .width = 14},
};

/* On an approved version: the delivery dates only. */
enum { D_EXPLAINED, D_HANDED, D_N };
static const struct field_def delivery_defs[D_N] = {
    [D_EXPLAINED] = {.kind = FK_DATE, .label = "説明日", .width = 14},
    [D_HANDED] = {.kind = FK_DATE, .label = "交付日", .width = 14},
};

struct plan_edit {
	int64_t case_id;
	int64_t plan_id; /* 0: create */
	int64_t version; /* as read when the form opened; moved on by keep mine */
	bool delivery;   /* approved version: dates only */
	struct date explained, handed;
};

static void set_text(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

static void fields_to_plan(struct ui_form *fm, struct plan *p)
{
	set_text(&p->needs, form_text(fm, P_NEEDS));
	set_text(&p->strengths, form_text(fm, P_STRENGTHS));
	set_text(&p->long_goal, form_text(fm, P_LONG));
	set_text(&p->short_goal, form_text(fm, P_SHORT));
	set_text(&p->family_wishes, form_text(fm, P_WISHES));
	p->next_review = fm_date(fm, P_REVIEW);
}

static void plan_fields_text(const struct plan *p, struct sbuf *out)
{
	char nr[24];

	ui_date_short(p->next_review, nr, sizeof(nr));
	sbuf_addf(out,
	          "ニーズ・課題: %s\n強み: %s\n長期目標: %s\n短期目標: %s\n"
	          "本人・家族の意向: %s\n次回見直し: %s\n",
	          p->needs ? p->needs : "", p->strengths ? p->strengths : "",
	          p->long_goal ? p->long_goal : "", p->short_goal ? p->short_goal : "",
	          p->family_wishes ? p->family_wishes : "", nr);
}

static unsigned keep_mine(struct ui *ui, void *ctx)
{
	/* the form is on top again with the newer version noted: save once more */
	return cmd_run(ui, CMD_SAVE);
}

static unsigned keep_theirs(struct ui *ui, void *ctx)
{
	screen_pop(ui); /* the form, typed text dropped as chosen */
	ui_message(ui, MSG_INFO, "ほかの職員が保存した内容を表示しています");
	return RD_ALL;
}

/* After TSU_ECONFLICT: read theirs, note its version, show both. */
static int plan_conflict(struct ui *ui, struct plan_edit *pe, const struct plan *mine,
                         const char *what)
{
	struct tsu_err e = {0};
	struct plan theirs = {0};
	struct sbuf a = {0}, b = {0};

	if (plan_get(ui->db, &ui->me, pe->plan_id, &theirs, &e) != 0) {
		ui_message(ui, MSG_ERROR, "保存済みの計画を読めません: %s", e.msg);
		return -1;
	}
	pe->version = theirs.version;
	plan_fields_text(mine, &a);
	plan_render(&theirs, &b);
	conflict_open(ui, what, a.buf, b.buf, keep_mine, keep_theirs, pe);
	sbuf_release(&a);
	sbuf_release(&b);
	plan_release(&theirs);
	return -1;
}

static int save_delivery(struct ui *ui, struct plan_edit *pe, struct plan *p, struct date explained,
                         struct date handed)
{
	struct tsu_err e = {0};
	int rc;

	if (date_cmp(explained, p->explained_on) == 0 && date_cmp(handed, p->handed_on) == 0)
		return 0;
	rc = plan_set_delivery(ui->db, &ui->me, p, explained, handed, &e);
	if (rc == TSU_ECONFLICT)
		return plan_conflict(ui, pe, p, "支援計画の説明日・交付日");
	if (rc != 0)
		ui_message(ui, MSG_ERROR, "説明日・交付日を保存できません: %s", e.msg);
	return rc;
}

static int create_plan(struct ui *ui, struct plan_edit *pe, struct ui_form *fm)
{
	struct tsu_err e = {0};
	struct plan p = {0};
	int rc;

	fields_to_plan(fm, &p);
	if (plan_create(ui->db, &ui->me, pe->case_id, &p, &e) != 0) {
		ui_message(ui, MSG_ERROR, "支援計画を作成できません: %s", e.msg);
		plan_release(&p);
		return -1;
	}
	pe->plan_id = p.id;
	pe->version = p.version;
	rc = save_delivery(ui, pe, &p, fm_date(fm, P_EXPLAINED), fm_date(fm, P_HANDED));
	if (rc == 0)
		ui_message(ui, MSG_INFO, "支援計画 第%d版 (下書き) を作成しました", p.plan_no);
	plan_release(&p);
	return rc;
}

static int plan_save(struct screen *s, void *ctx, struct ui_form *fm)
{
	struct plan_edit *pe = ctx;
	struct ui *ui = s->ui;
	struct tsu_err e = {0};
	struct plan p = {0};
	int rc;

	if (!pe->plan_id)
		return create_plan(ui, pe, fm);
	if (plan_get(ui->db, &ui->me, pe->plan_id, &p, &e) != 0) {
		ui_message(ui, MSG_ERROR, "支援計画を読めません: %s", e.msg);
		return -1;
	}
	p.version = pe->version;
	if (pe->delivery) {
		rc = save_delivery(ui, pe, &p, fm_date(fm, D_EXPLAINED), fm_date(fm, D_HANDED));
	} else {
		fields_to_plan(fm, &p);
		rc = plan_update(ui->db, &ui->me, &p, &e);
		if (rc == TSU_ECONFLICT)
			rc = plan_conflict(ui, pe, &p, "支援計画");
		else if (rc != 0)
			ui_message(ui, MSG_ERROR, "支援計画を保存できません: %s", e.msg);
		else
			rc = save_delivery(ui, pe, &p, fm_date(fm, P_EXPLAINED),
			                   fm_date(fm, P_HANDED));
	}
	if (rc == 0)
		ui_message(ui, MSG_INFO, "支援計画 第%d版を保存しました", p.plan_no);
	plan_release(&p);
	return rc == 0 ? 0 : -1;
}

static const struct pform_def plan_form = {
    .help = "支援計画の内容を編集します。文章欄では Enter で改行、Tab で次の欄へ。"
            "日付は R8.7.1 や 2026-07-01 の形で入力できます。F9 または Ctrl-S で保存します。",
    .save = plan_save,
    .free = free,
};

int plan_edit_open(struct ui *ui, int64_t case_id, const char *title, const struct plan *cur)
{
	struct plan_edit *pe = xcalloc(1, sizeof(*pe));
	bool delivery = cur && cur->approved_by;
	char *t = xasprintf("%s  %s", delivery ? "支援計画の説明・交付" : "支援計画の編集", title);
	struct ui_form *fm;

	pe->case_id = case_id;
	pe->delivery = delivery;
	if (cur) {
		pe->plan_id = cur->id;
		pe->version = cur->version;
	}
	fm = pform_push(ui, &plan_form, pe, t, delivery ? delivery_defs : plan_defs,
	                delivery ? D_N : P_N);
	free(t);
	if (!fm)
		return -1;
	if (delivery) {
		fm_set_date(fm, D_EXPLAINED, cur->explained_on);
		fm_set_date(fm, D_HANDED, cur->handed_on);
	} else if (cur) {
		fm_set_text(fm, P_NEEDS, cur->needs);
		fm_set_text(fm, P_STRENGTHS, cur->strengths);
		fm_set_text(fm, P_LONG, cur->long_goal);
		fm_set_text(fm, P_SHORT, cur->short_goal);
		fm_set_text(fm, P_WISHES, cur->family_wishes);
		fm_set_date(fm, P_REVIEW, cur->next_review);
		fm_set_date(fm, P_EXPLAINED, cur->explained_on);
		fm_set_date(fm, P_HANDED, cur->handed_on);
	}
	pform_clean(ui);
	return 0;
}

/* ---- one support item ---------------------------------------------------------- */

enum { T_WHAT, T_STAFF, T_AGENCY, T_SERVICE, T_FREQ, T_FROM, T_TO, T_RESULT, T_N };

static const struct field_def item_base[T_N] = {
    [T_WHAT] = {.kind = FK_TEXT, .label = "支援内容", .required = true, .maxlen = 2000},
    [T_STAFF] = {.kind = FK_CODE, .label = "担当職員", .width = 20},
    [T_AGENCY] = {.kind = FK_TEXT, .label = "関係機関", .width = 30, .maxlen = 200},
    [T_SERVICE] = {.kind = FK_TEXT, .label = "サービス", .width = 30, .maxlen = 200},
    [T_FREQ] = {.kind = FK_TEXT, .label = "頻度", .width = 16, .maxlen = 100},
    [T_FROM] = {.kind = FK_DATE, .label = "開始", .width = 14},
    [T_TO] = {.kind = FK_DATE, .label = "終了", .width = 14},
    [T_RESULT] = {.kind = FK_TEXTAREA, .label = "結果・評価", .height = 2, .maxlen = 8000},
};

struct item_edit {
	struct plan_edit pe; /* first: keep_mine and plan_conflict use it */
	int64_t item_id;
	struct staff *staff;
	size_t nstaff;
	struct field_choice *choices;
	struct field_def defs[T_N];
};

static void item_free(void *p)
{
	struct item_edit *ie = p;

	staff_list_free(ie->staff, ie->nstaff);
	free(ie->choices);
	free(ie);
}

static void item_text(const struct plan_item *it, struct sbuf *out)
{
	char *who = plan_provider(it), *period = plan_period(it);

	sbuf_addf(out, "支援内容: %s\n提供者: %s\n頻度: %s\n期間: %s\n結果・評価: %s\n",
	          it->what ? it->what : "", who, it->frequency ? it->frequency : "", period,
	          it->result ? it->result : "");
	free(who);
	free(period);
}

static int item_conflict(struct ui *ui, struct item_edit *ie, const struct plan_item *mine)
{
	struct tsu_err e = {0};
	struct plan theirs = {0};
	struct sbuf a = {0}, b = {0};

	if (plan_get(ui->db, &ui->me, ie->pe.plan_id, &theirs, &e) != 0) {
		ui_message(ui, MSG_ERROR, "保存済みの計画を読めません: %s", e.msg);
		return -1;
	}
	ie->pe.version = theirs.version;
	item_text(mine, &a);
	plan_render(&theirs, &b);
	conflict_open(ui, "支援内容", a.buf, b.buf, keep_mine, keep_theirs, ie);
	sbuf_release(&a);
	sbuf_release(&b);
	plan_release(&theirs);
	return -1;
}

static int item_fill(struct ui *ui, struct item_edit *ie, struct ui_form *fm, struct plan_item *it)
{
	struct tsu_err e = {0};
	int k = form_choice(fm, T_STAFF);
	const char *agency = form_text(fm, T_AGENCY);

	it->id = ie->item_id;
	it->what = xstrdup(form_text(fm, T_WHAT));
	it->provider_staff = k >= 0 && (size_t)k < ie->nstaff ? ie->staff[k].id : 0;
	it->provider_service = xstrdup(form_text(fm, T_SERVICE));
	it->frequency = xstrdup(form_text(fm, T_FREQ));
	it->from = fm_date(fm, T_FROM);
	it->to = fm_date(fm, T_TO);
	it->result = xstrdup(form_text(fm, T_RESULT));
	if (*agency &&
	    agency_find_or_create(ui->db, &ui->me, agency, NULL, &it->provider_agency, &e) != 0) {
		ui_message(ui, MSG_ERROR, "関係機関「%s」を登録できません: %s", agency, e.msg);
		return -1;
	}
	return 0;
}

static int item_save(struct screen *s, void *ctx, struct ui_form *fm)
{
	struct item_edit *ie = ctx;
	struct ui *ui = s->ui;
	struct tsu_err e = {0};
	struct plan p = {0};
	struct plan_item it = {0};
	int rc = -1;

	if (plan_get(ui->db, &ui->me, ie->pe.plan_id, &p, &e) != 0) {
		ui_message(ui, MSG_ERROR, "支援計画を読めません: %s", e.msg);
		return -1;
	}
	p.version = ie->pe.version;
	if (item_fill(ui, ie, fm, &it) == 0) {
		rc = plan_item_save(ui->db, &ui->me, &p, &it, &e);
		if (rc == TSU_ECONFLICT)
			rc = item_conflict(ui, ie, &it);
		else if (rc != 0)
			ui_message(ui, MSG_ERROR, "支援内容を保存できません: %s", e.msg);
		else
			ui_message(ui, MSG_INFO, "支援内容「%s」を保存しました", it.what);
	}
	plan_item_release(&it);
	plan_release(&p);
	return rc == 0 ? 0 : -1;
}

static const struct pform_def item_form = {
    .help = "支援内容の項目です。何を、誰が (職員・関係機関・サービス)、どのくらいの頻度で、"
            "いつからいつまで、その結果を記録します。担当職員は名前の一部で絞り込めます。"
            "F9 または Ctrl-S で保存します。",
    .save = item_save,
    .free = item_free,
};

static void item_setup(struct ui_form *fm, const struct item_edit *ie, const struct plan_item *it)
{
	fm_set_text(fm, T_WHAT, it->what);
	for (size_t i = 0; i < ie->nstaff; i++)
		if (ie->staff[i].id == it->provider_staff)
			fm_set_choice(fm, T_STAFF, (int)i);
	fm_set_text(fm, T_AGENCY, it->provider_agency_name);
	fm_set_text(fm, T_SERVICE, it->provider_service);
	fm_set_text(fm, T_FREQ, it->frequency);
	fm_set_date(fm, T_FROM, it->from);
	fm_set_date(fm, T_TO, it->to);
	fm_set_text(fm, T_RESULT, it->result);
}

int plan_item_open(struct ui *ui, const char *title, const struct plan *cur,
                   const struct plan_item *it)
{
	struct item_edit *ie = xcalloc(1, sizeof(*ie));
	struct tsu_err e = {0};
	struct ui_form *fm;
	char *t;

	ie->pe.plan_id = cur->id;
	ie->pe.version = cur->version;
	ie->item_id = it ? it->id : 0;
	if (staff_list(ui->db, false, &ie->staff, &ie->nstaff, &e) != 0)
		ie->staff = NULL, ie->nstaff = 0;
	ie->choices = xcalloc(ie->nstaff ? ie->nstaff : 1, sizeof(*ie->choices));
	for (size_t i = 0; i < ie->nstaff; i++)
		ie->choices[i] = (struct field_choice){ie->staff[i].login, ie->staff[i].name, NULL};
	memcpy(ie->defs, item_base, sizeof(item_base));
	ie->defs[T_STAFF].choices = ie->choices;
	ie->defs[T_STAFF].nchoices = ie->nstaff;
	t = xasprintf("%s  %s 第%d版", it ? "支援内容の編集" : "支援内容の追加", title,
	              cur->plan_no);
	fm = pform_push(ui, &item_form, ie, t, ie->defs, T_N);
	free(t);
	if (!fm)
		return -1;
	if (it)
		item_setup(fm, ie, it);
	pform_clean(ui);
	return 0;
}
