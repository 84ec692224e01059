/* scr_plan_hist.c: the versions of a support plan. A revision keeps the
 * earlier version readable: the list shows every version with its state,
 * and picking one shows it read-only as text with what the next version
 * changed (plan_diff: fields changed, items added, changed or removed). */
#include <stdio.h>
#include <stdlib.h>

#include "dlg.h"
#include "scr_plan.h"
#include "scr_plan_util.h"

char *plan_provider(const struct plan_item *it)
{
	struct sbuf sb = {0};
	const char *parts[3] = {it->provider_staff_name, it->provider_agency_name,
	                        it->provider_service};

	sbuf_adds(&sb, "");
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (sb.len)
			sbuf_adds(&sb, " / ");
		sbuf_adds(&sb, parts[i]);
	}
	return sbuf_detach(&sb);
}

char *plan_period(const struct plan_item *it)
{
	char a[24], b[24];

	if (!it->from.y && !it->to.y)
		return xstrdup("");
	ui_date_short(it->from, a, sizeof(a));
	ui_date_short(it->to, b, sizeof(b));
	return xasprintf("%s-%s", a, b);
}

char *plan_state_label(const struct plan *p)
{
	if (!p->approved_by)
		return xasprintf("第%d版 下書き", p->plan_no);
	return xasprintf("第%d版 承認済 (%s %.10s)", p->plan_no, p->approved_by_name,
	                 p->approved_at);
}

static const char *nz(const char *s)
{
	return s && *s ? s : "-";
}

void plan_render(const struct plan *p, struct sbuf *out)
{
	char ex[24], ha[24], nr[24], *state = plan_state_label(p);

	ui_date_short(p->explained_on, ex, sizeof(ex));
	ui_date_short(p->handed_on, ha, sizeof(ha));
	ui_date_short(p->next_review, nr, sizeof(nr));
	sbuf_addf(out,
	          "%s\n\nニーズ・課題: %s\n強み: %s\n長期目標: %s\n短期目標: %s\n"
	          "本人・家族の意向: %s\n説明日: %s  交付日: %s  次回見直し: %s\n\n支援内容:\n",
	          state, nz(p->needs), nz(p->strengths), nz(p->long_goal), nz(p->short_goal),
	          nz(p->family_wishes), nz(ex), nz(ha), nz(nr));
	for (size_t i = 0; i < p->n_items; i++) {
		const struct plan_item *it = &p->items[i];
		char *who = plan_provider(it), *period = plan_period(it);

		sbuf_addf(out, "  %zu. %s  提供者: %s  頻度: %s  期間: %s  結果: %s\n", i + 1,
		          it->what, nz(who), nz(it->frequency), nz(period), nz(it->result));
		free(who);
		free(period);
	}
	if (!p->n_items)
		sbuf_adds(out, "  (なし)\n");
	free(state);
}

static void render_changes(const struct plan *older, const struct plan *newer, struct sbuf *out)
{
	struct plan_change *c = NULL;
	size_t n = plan_diff(older, newer, &c);

	sbuf_addf(out, "\n第%d版から第%d版への変更 (%zu 件):\n", older->plan_no, newer->plan_no, n);
	for (size_t i = 0; i < n; i++) {
		const char *what = c[i].kind == '+' ? "追加" : c[i].kind == '-' ? "削除" : "変更";

		if (c[i].item >= 0)
			sbuf_addf(out, "  [%s] %s %d: ", what, c[i].field, c[i].item + 1);
		else
			sbuf_addf(out, "  [%s] %s: ", what, c[i].field);
		sbuf_addf(out, "「%s」 -> 「%s」\n", c[i].before, c[i].after);
	}
	plan_changes_free(c, n);
}

void plan_versions_release(struct plan_versions *pv)
{
	free(pv->ids);
	free(pv->title);
	memset(pv, 0, sizeof(*pv));
}

/* The version read-only, with the changes its successor made. */
static unsigned show_version(struct ui *ui, void *ctx, size_t index)
{
	struct plan_versions *v = ctx;
	struct tsu_err e = {0};
	struct plan p = {0}, next = {0};
	struct sbuf sb = {0};
	char *title;

	if (index >= v->n || plan_get(ui->db, &ui->me, v->ids[index], &p, &e) != 0) {
		ui_message(ui, MSG_ERROR, "支援計画の版を読めません: %s", e.msg);
		return RD_ALL;
	}
	plan_render(&p, &sb);
	if (p.superseded_by && plan_get(ui->db, &ui->me, p.superseded_by, &next, &e) == 0)
		render_changes(&p, &next, &sb);
	else if (p.superseded_by)
		sbuf_addf(&sb, "\n(次の版を読めません: %s)\n", e.msg);
	else
		sbuf_adds(&sb, "\n(最新の版です)\n");
	title = xasprintf("支援計画 第%d版 (閲覧のみ)  %s", p.plan_no, v->title);
	textview_open(ui, title, sb.buf, NULL);
	free(title);
	sbuf_release(&sb);
	plan_release(&p);
	plan_release(&next);
	return RD_ALL;
}

int plan_versions_open(struct ui *ui, int64_t case_id, const char *title, struct plan_versions *v)
{
	struct tsu_err e = {0};
	struct plan *vs = NULL;
	size_t n = 0;
	char **items;
	int rc;

	if (plan_versions(ui->db, &ui->me, case_id, &vs, &n, &e) != 0) {
		ui_message(ui, MSG_ERROR, "支援計画の版を読めません: %s", e.msg);
		return -1;
	}
	plan_versions_release(v);
	v->ids = xcalloc(n ? n : 1, sizeof(int64_t));
	v->n = n;
	v->title = xstrdup(title);
	items = xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		char *state = plan_state_label(&vs[i]);

		v->ids[i] = vs[i].id;
		items[i] = xasprintf("%s  作成 %.10s%s", state, vs[i].created_at,
		                     vs[i].superseded_by ? "  (改訂済み)" : "  (最新)");
		free(state);
	}
	plans_free(vs, n);
	rc = pick_open(ui, "支援計画の版 (Enter で表示)", (const char *const *)items, n, 0,
	               show_version, v);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	return rc;
}
