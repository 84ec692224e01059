/* scr_plan.h: the parts of the 支援計画 screens (scr_plan.c: the plan of a
 * case; scr_plan_edit.c: its forms; scr_plan_hist.c: earlier versions).
 * Private to src/ui. */
#ifndef TSU_UI_SCR_PLAN_H
#define TSU_UI_SCR_PLAN_H

#include "tsunagu/plan.h"
#include "tsunagu/util.h"
#include "ui_int.h"

/* The plan's fields (cur NULL: create version 1 of case_id's plan). On an
 * approved version only the delivery dates (説明日, 交付日). title names the
 * case. 0, or -1 with a message set. */
int plan_edit_open(struct ui *ui, int64_t case_id, const char *title, const struct plan *cur);
/* One support item of draft cur: it NULL adds one. */
int plan_item_open(struct ui *ui, const char *title, const struct plan *cur,
                   const struct plan_item *it);
/* The versions of the case's plan; picking one shows it read-only with the
 * changes the next version made (plan_diff). The list stays under the text
 * so another version can be picked; pv (owned by the plan screen below,
 * released with plan_versions_release) holds what it needs. */
struct plan_versions {
	int64_t *ids;
	size_t n;
	char *title;
};
int plan_versions_open(struct ui *ui, int64_t case_id, const char *title, struct plan_versions *pv);
void plan_versions_release(struct plan_versions *pv);

/* "佐藤 (家庭訪問) / 青空保育園 / 養育支援訪問事業", newly allocated. */
char *plan_provider(const struct plan_item *it);
/* "R8.7.1-R8.12.31", newly allocated ("" when neither is set). */
char *plan_period(const struct plan_item *it);
/* The whole version as text (fields, items, approval), appended to out. */
void plan_render(const struct plan *p, struct sbuf *out);
/* "第2版 下書き" / "第1版 承認済 (所長 花子 2026-07-01)", newly allocated. */
char *plan_state_label(const struct plan *p);

#endif
