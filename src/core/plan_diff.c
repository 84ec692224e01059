/* plan_diff.c: the differences between two versions of a support plan, for
 * the revision screen: plan fields by label, items matched through the
 * origin each copied item keeps. Pure: no database. */
#include "tsunagu/plan.h"

#include <stdlib.h>
#include <string.h>

#include "tsunagu/util.h"

struct changes {
	struct plan_change *c;
	size_t n;
};

static void add(struct changes *ch, const char *field, int item, char kind, const char *before,
		const char *after)
{
	struct plan_change *x;

	ch->c = xreallocarray(ch->c, ch->n + 1, sizeof *ch->c);
	x = &ch->c[ch->n++];
	x->field = field;
	x->item = item;
	x->kind = kind;
	x->before = xstrdup(before ? before : "");
	x->after = xstrdup(after ? after : "");
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void text_field(struct changes *ch, const char *field, int item, const char *a,
		       const char *b)
{
	if (strcmp(nz(a), nz(b)) != 0)
		add(ch, field, item, '~', a, b);
}

static void date_field(struct changes *ch, const char *field, int item, struct date a,
		       struct date b)
{
	char x[16] = "", y[16] = "";

	if (date_cmp(a, b) == 0)
		return;
	if (a.y)
		date_format_iso(a, x, sizeof x);
	if (b.y)
		date_format_iso(b, y, sizeof y);
	add(ch, field, item, '~', x, y);
}

/* "佐藤 花子・青空小学校・養育支援訪問事業" */
static char *provider(const struct plan_item *it)
{
	struct sbuf sb = {0};
	const char *parts[] = {it->provider_staff_name, it->provider_agency_name,
			       it->provider_service};

	sbuf_adds(&sb, "");
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (sb.len)
			sbuf_adds(&sb, "・");
		sbuf_adds(&sb, parts[i]);
	}
	return sbuf_detach(&sb);
}

static char *period(const struct plan_item *it)
{
	char a[16] = "", b[16] = "";

	if (it->from.y)
		date_format_iso(it->from, a, sizeof a);
	if (it->to.y)
		date_format_iso(it->to, b, sizeof b);
	return *a || *b ? xasprintf("%s〜%s", a, b) : xstrdup("");
}

static void item_fields(struct changes *ch, int idx, const struct plan_item *a,
			const struct plan_item *b)
{
	char *pa = provider(a), *pb = provider(b), *da = period(a), *db = period(b);

	text_field(ch, "支援内容", idx, a->what, b->what);
	text_field(ch, "提供者", idx, pa, pb);
	text_field(ch, "頻度", idx, a->frequency, b->frequency);
	text_field(ch, "期間", idx, da, db);
	text_field(ch, "結果", idx, a->result, b->result);
	free(pa);
	free(pb);
	free(da);
	free(db);
}

/* Same item: the one it was copied from, or itself (comparing a version with
 * a later read of the same version). */
static bool same_item(const struct plan_item *old, const struct plan_item *it)
{
	return old->id && (old->id == it->origin_id || old->id == it->id);
}

static const struct plan_item *origin_of(const struct plan *older, const struct plan_item *it)
{
	for (size_t i = 0; i < older->n_items; i++)
		if (same_item(&older->items[i], it))
			return &older->items[i];
	return NULL;
}

static void items(struct changes *ch, const struct plan *older, const struct plan *newer)
{
	for (size_t i = 0; i < newer->n_items; i++) {
		const struct plan_item *it = &newer->items[i];
		const struct plan_item *o = origin_of(older, it);

		if (o)
			item_fields(ch, (int)i, o, it);
		else
			add(ch, "支援内容", (int)i, '+', "", it->what);
	}
	for (size_t j = 0; j < older->n_items; j++) {
		bool kept = false;

		for (size_t i = 0; i < newer->n_items && !kept; i++)
			kept = same_item(&older->items[j], &newer->items[i]);
		if (!kept)
			add(ch, "支援内容", (int)j, '-', older->items[j].what, "");
	}
}

size_t plan_diff(const struct plan *older, const struct plan *newer, struct plan_change **out)
{
	struct changes ch = {NULL, 0};

	text_field(&ch, "ニーズ・課題", -1, older->needs, newer->needs);
	text_field(&ch, "強み", -1, older->strengths, newer->strengths);
	text_field(&ch, "長期目標", -1, older->long_goal, newer->long_goal);
	text_field(&ch, "短期目標", -1, older->short_goal, newer->short_goal);
	text_field(&ch, "本人・家族の意向", -1, older->family_wishes, newer->family_wishes);
	date_field(&ch, "次回見直し", -1, older->next_review, newer->next_review);
	items(&ch, older, newer);
	*out = ch.c;
	return ch.n;
}

void plan_changes_free(struct plan_change *c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].before);
		free(c[i].after);
	}
	free(c);
}
