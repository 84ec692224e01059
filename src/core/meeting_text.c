/* meeting_text.c: the 会議録 of a review meeting as plain text: labels padded
 * to one display width so every value starts in the same column, values of
 * several lines continued under their first line, user text in display form
 * (no control characters reach a terminal or a printer). */
#include <stdlib.h>
#include <string.h>

#include "meeting_priv.h"
#include "model.h"
#include "tsunagu/codes.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

enum { LABEL_COLS = 12 }; /* キーパーソン, the widest label */

/* "<indent><label padded><value>", more lines of value under the first. */
static void field(struct sbuf *sb, int indent, const char *label, const char *value)
{
	char *pad = text_pad(label, LABEL_COLS, -1), *blank = text_pad("", LABEL_COLS, -1);
	const char *p = value && *value ? value : "-";
	bool first = true;

	while (first || *p) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len && p[len - 1] == '\r' ? len - 1 : len);
		char *shown = text_display(line);

		sbuf_addf(sb, "%*s%s  %s\n", indent, "", first ? pad : blank, shown);
		free(shown);
		free(line);
		p += len + (p[len] == '\n');
		first = false;
	}
	free(pad);
	free(blank);
}

static char *wareki(struct date d)
{
	char buf[64];

	return xstrdup(d.y ? date_format_wareki_wday(d, buf, sizeof buf) : "");
}

static void attendees(struct sbuf *sb, const struct meeting_attendee *a, size_t n)
{
	struct sbuf all = {0};

	sbuf_adds(&all, "");
	for (size_t i = 0; i < n; i++) {
		const char *who = *a[i].staff_name ? a[i].staff_name : a[i].agency_name;

		if (i)
			sbuf_addc(&all, '\n');
		sbuf_adds(&all, who);
		if (*a[i].name && *who)
			sbuf_addc(&all, ' ');
		if (*a[i].name)
			sbuf_adds(&all, a[i].name);
	}
	field(sb, 0, "出席者", all.buf);
	sbuf_release(&all);
}

static void one_case(struct sbuf *sb, const struct meeting_case *mc)
{
	char *name = text_display(mc->name), *next = wareki(mc->next_review);

	sbuf_addf(sb, "%d. %s  %s  %s\n", mc->sort, mc->case_no, name, mc->registration_label);
	if (!mc->recorded) {
		sbuf_adds(sb, "   (未記録)\n");
	} else {
		field(sb, 3, "状態", mc->status_label);
		field(sb, 3, "主担当機関", mc->lead_agency_name);
		field(sb, 3, "キーパーソン", mc->key_person);
		field(sb, 3, "支援方針", mc->policy);
		field(sb, 3, "決定事項", mc->decision);
		field(sb, 3, "次回見直し", next);
	}
	free(name);
	free(next);
}

static void render(struct db *db, struct sbuf *sb, const struct meeting *m,
		   const struct meeting_attendee *a, size_t na, const struct meeting_case *mc,
		   size_t nc)
{
	char *kind = codes_label(db, "meeting_kind", m->kind), *held = wareki(m->held_on);

	sbuf_adds(sb, "会議録\n");
	field(sb, 0, "会議", kind);
	field(sb, 0, "開催日", held);
	field(sb, 0, "件名", m->title);
	attendees(sb, a, na);
	sbuf_addf(sb, "\n検討ケース %zu件\n", nc);
	for (size_t i = 0; i < nc; i++)
		one_case(sb, &mc[i]);
	sbuf_adds(sb, "\n");
	field(sb, 0, "議事録", m->minutes);
	free(kind);
	free(held);
}

static int text_tx(struct db *db, const struct staff *actor, int64_t id, char **text,
		   struct tsu_err *e)
{
	struct meeting m;
	struct meeting_attendee *a = NULL;
	struct meeting_case *mc = NULL;
	size_t na = 0, nc = 0;
	struct sbuf sb = {0};
	int rc;

	if ((rc = meeting_read(db, id, &m, e)) != 0)
		return rc;
	if ((rc = meeting_attendees_read(db, id, &a, &na, e)) == 0 &&
	    (rc = meeting_cases_read(db, id, &mc, &nc, e)) == 0) {
		render(db, &sb, &m, a, na, mc, nc);
		*text = sbuf_detach(&sb);
		rc = model_audit(db, actor, "meeting.export", "meeting", id, NULL, e);
	}
	meeting_attendees_free(a, na);
	meeting_cases_free(mc, nc);
	meeting_release(&m);
	return rc;
}

int meeting_minutes_text(struct db *db, const struct staff *actor, int64_t meeting_id,
			 char **text, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	*text = NULL;
	if ((rc = model_perm(actor, PERM_EXPORT, "会議録の出力", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = text_tx(db, actor, meeting_id, text, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		free(*text);
		*text = NULL;
	}
	return rc;
}
