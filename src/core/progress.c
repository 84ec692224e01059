/* progress.c: 経過記録 as written and read on the case list and the case
 * file: phrase templates from data/templates.tsv stamped with the time,
 * quick entry that can clear a pending safety check, restricted notes kept
 * from those who may not see them, and the disclosure copy for the family
 * that withholds third-party statements (GUIDE 1.7). */
#include "tsunagu/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "plan_area.h"
#include "sql_plan.h"
#include "tsunagu/intake.h"
#include "tsunagu/paths.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"
#include "tsv.h"

/* ---- templates ------------------------------------------------------------------ */

static bool key_ok(const char *k)
{
	size_t n = strlen(k);

	if (n < 1 || n > 16)
		return false;
	for (const char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return false;
	return true;
}

static bool kind_ok(const char *k)
{
	if (!strcmp(k, "*"))
		return true;
	if (!*k || strlen(k) > 16)
		return false;
	for (const char *p = k; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

static bool text_ok(const char *s)
{
	if (!*s)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static int template_row(const struct tsv *t, struct template_set *set, struct tsu_err *e)
{
	struct template *x;

	if (t->n != 3)
		return tsv_fail(t, e, "列の数が %d です (種類<TAB>キー<TAB>文面 の 3 列)", t->n);
	if (!kind_ok(t->field[0]))
		return tsv_fail(t, e, "種類 %s は経過記録の種類のコードか * にしてください",
				t->field[0]);
	if (!key_ok(t->field[1]))
		return tsv_fail(t, e, "キー %s は英数字・_・- の 1〜16 文字にしてください",
				t->field[1]);
	if (!text_ok(t->field[2]))
		return tsv_fail(t, e, "文面が空か、制御文字を含んでいます");
	if (template_find(set, t->field[1]))
		return tsv_fail(t, e, "キー %s が重複しています", t->field[1]);
	set->t = xreallocarray(set->t, set->n + 1, sizeof *set->t);
	x = &set->t[set->n++];
	x->kind = xstrdup(strcmp(t->field[0], "*") ? t->field[0] : "");
	x->key = xstrdup(t->field[1]);
	x->text = xstrdup(t->field[2]);
	return 0;
}

int template_load(const char *path, struct template_set *set, struct tsu_err *e)
{
	struct tsv t;
	int rc;

	memset(set, 0, sizeof *set);
	if ((rc = tsv_open(&t, path, e)) != 0)
		return rc;
	while ((rc = tsv_next(&t, e)) == 1)
		if ((rc = template_row(&t, set, e)) != 0)
			break;
	tsv_close(&t);
	if (rc != 0)
		template_set_release(set);
	return rc;
}

int template_load_default(struct template_set *set, struct tsu_err *e)
{
	char *path = paths_data_file("templates.tsv", e);
	int rc;

	memset(set, 0, sizeof *set);
	if (!path)
		return e && e->code ? e->code : TSU_EIO;
	rc = template_load(path, set, e);
	free(path);
	return rc;
}

void template_set_release(struct template_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->t[i].kind);
		free(set->t[i].key);
		free(set->t[i].text);
	}
	free(set->t);
	memset(set, 0, sizeof *set);
}

const struct template *template_find(const struct template_set *set, const char *key)
{
	for (size_t i = 0; set && key && i < set->n; i++)
		if (!strcmp(set->t[i].key, key))
			return &set->t[i];
	return NULL;
}

size_t template_for_kind(const struct template_set *set, const char *kind, size_t *idx,
			 size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; set && i < set->n; i++) {
		if (*set->t[i].kind && (!kind || strcmp(set->t[i].kind, kind) != 0))
			continue;
		if (n < cap)
			idx[n] = i;
		n++;
	}
	return n;
}

char *template_expand(const struct template *tpl, time_t now)
{
	struct tm tm;

	if (!localtime_r(&now, &tm))
		memset(&tm, 0, sizeof tm);
	return xasprintf("%02d:%02d %s", tm.tm_hour, tm.tm_min, tpl && tpl->text ? tpl->text : "");
}

/* ---- writing --------------------------------------------------------------------- */

static char *now_minute(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm))
		memset(&tm, 0, sizeof tm);
	return xasprintf("%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
			 tm.tm_mday, tm.tm_hour, tm.tm_min);
}

static int add_tx(struct db *db, const struct staff *actor, struct note *n, bool seen,
		  struct tsu_err *e)
{
	struct safety_check sc = {0};
	struct case_state cs;
	int rc;

	if ((rc = case_state_read(db, n->case_id, &cs, e)) != 0 ||
	    (rc = case_state_open(&cs, "経過記録の追加", e)) != 0 ||
	    (rc = note_create(db, actor, n, e)) != 0 || !seen)
		return rc;
	sc.case_id = n->case_id;
	sc.at = n->at;
	sc.method = strcmp(n->kind, "HOME") == 0 ? "家庭訪問" : "来所面接";
	sc.seen = true;
	sc.note = "経過記録から (子どもを目視で確認)";
	return safety_check_record(db, actor, &sc, e);
}

int progress_add(struct db *db, const struct staff *actor, struct progress_entry *entry,
		 struct tsu_err *e)
{
	struct note n = entry->note;
	char *at = NULL;
	struct sql_tx tx;
	int rc;

	if ((rc = model_perm(actor, PERM_WRITE_CASE, "経過記録の登録", e)) != 0)
		return rc;
	if (entry->child_seen && (!n.kind || (strcmp(n.kind, "HOME") && strcmp(n.kind, "VISIT"))))
		return err_set(e, TSU_EINVAL,
			       "子どもの目視確認は家庭訪問または来所面接の記録でだけ指定できます");
	if (!n.at || !*n.at)
		n.at = at = now_minute();
	if ((rc = sql_tx_begin(db, &tx, e)) != 0) {
		free(at);
		return rc;
	}
	rc = add_tx(db, actor, &n, entry->child_seen, e);
	rc = sql_tx_end(db, &tx, rc, e);
	entry->note.id = rc == 0 ? n.id : 0;
	entry->note.version = rc == 0 ? n.version : 0;
	free(at);
	return rc;
}

/* ---- reading ---------------------------------------------------------------------- */

bool progress_can_see_restricted(const struct staff *actor, int64_t lead_id)
{
	return actor && actor->active &&
	       (staff_can(actor, PERM_DECIDE) || (lead_id && actor->id == lead_id));
}

static void note_row(struct stmt *st, struct note *x)
{
	memset(x, 0, sizeof *x);
	x->id = sql_int(st, 0);
	x->case_id = sql_int(st, 1);
	x->kind = sql_dup(st, 2);
	x->at = sql_dup(st, 3);
	x->counterpart = sql_dup(st, 4);
	x->content = sql_dup(st, 5);
	x->source = sql_dup(st, 6);
	x->restricted = sql_int(st, 7) != 0;
	x->staff_id = sql_int(st, 8);
	x->staff_name = sql_dup(st, 9);
	x->version = sql_int(st, 10);
}

/* Notes the actor may see into out; the restricted others are counted. With
 * labels (may be NULL), each note's kind label is collected alongside. */
static int notes_visible(struct db *db, const struct staff *actor, int64_t case_id,
			 int64_t lead_id, struct note **out, size_t *n, char ***labels,
			 size_t *hidden, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_plan_table, PLS_NOTES, e);
	bool all = progress_can_see_restricted(actor, lead_id);
	struct note x;
	int rc;

	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, case_id);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		note_row(st, &x);
		if (x.restricted && !all && x.staff_id != actor->id) {
			(*hidden)++;
			note_release(&x);
			continue;
		}
		if (labels) {
			*labels = xreallocarray(*labels, *n + 1, sizeof **labels);
			(*labels)[*n] = sql_dup(st, 11);
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = x;
	}
	return rc;
}

static int list_tx(struct db *db, const struct staff *actor, int64_t case_id, struct note **out,
		   size_t *n, size_t *hidden, struct tsu_err *e)
{
	struct case_state cs;
	char detail[32];
	int rc;

	if ((rc = case_state_read(db, case_id, &cs, e)) != 0 ||
	    (rc = notes_visible(db, actor, case_id, cs.lead_id, out, n, NULL, hidden, e)) != 0)
		return rc;
	snprintf(detail, sizeof detail, "非表示 %zu", *hidden);
	return model_audit(db, actor, "note.list", "case", case_id, *hidden ? detail : NULL, e);
}

int progress_list(struct db *db, const struct staff *actor, int64_t case_id,
		  struct note **out, size_t *n, size_t *hidden, struct tsu_err *e)
{
	size_t h = 0;
	struct sql_tx tx;
	int rc;

	*out = NULL;
	*n = 0;
	if (hidden)
		*hidden = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "経過記録の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = list_tx(db, actor, case_id, out, n, &h, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		notes_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	if (hidden)
		*hidden = h;
	return 0;
}

/* ---- the disclosure copy ------------------------------------------------------------ */

static void copy_note(struct sbuf *sb, const struct note *x, const char *label)
{
	char *at = text_display(x->at), *lab = text_display(label);
	const char *p = x->content;

	sbuf_addf(sb, "%s  %s", at, lab);
	if (*x->counterpart) {
		char *cp = text_display(x->counterpart);

		sbuf_addf(sb, "  相手方: %s", cp);
		free(cp);
	}
	sbuf_addc(sb, '\n');
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len && p[len - 1] == '\r' ? len - 1 : len);
		char *shown = text_display(line);

		sbuf_addf(sb, "    %s\n", shown);
		free(shown);
		free(line);
		p += len + (p[len] == '\n');
	}
	free(at);
	free(lab);
}

static void copy_render(struct disclosure_copy *c, const struct case_state *cs,
			struct date today, const struct note *notes, char **labels, size_t n)
{
	struct sbuf sb = {0};
	char day[64];

	sbuf_addf(&sb, "経過記録 (開示用の写し)\nケース番号 %s    作成日 %s\n\n", cs->case_no,
		  date_format_wareki_wday(today, day, sizeof day));
	for (size_t i = 0; i < n; i++) {
		const struct note *x = &notes[i];

		if (x->restricted) {
			c->withheld_restricted++;
			continue;
		}
		/* what a named outsider (a neighbour, a school, the police) told the
		 * centre can point to the reporter: withheld like third parties */
		if (!*x->source || !strcmp(x->source, "THIRD") || !strcmp(x->source, "AGENCY")) {
			c->withheld_third++;
			continue;
		}
		copy_note(&sb, x, labels[i]);
		c->shown++;
	}
	if (!c->shown)
		sbuf_adds(&sb, "(開示できる記録はありません)\n");
	sbuf_addf(&sb, "\n不開示とした記録: 第三者からの情報等 %zu件、非公開の記録 %zu件\n",
		  c->withheld_third, c->withheld_restricted);
	c->text = sbuf_detach(&sb);
}

static int copy_tx(struct db *db, const struct staff *actor, int64_t case_id, struct date today,
		   struct disclosure_copy *out, struct tsu_err *e)
{
	struct case_state cs;
	struct note *notes = NULL;
	char **labels = NULL, detail[64];
	size_t n = 0, hidden = 0;
	int rc;

	if ((rc = case_state_read(db, case_id, &cs, e)) != 0)
		return rc;
	/* read as one who sees everything: restricted notes are counted, never shown */
	rc = notes_visible(db, actor, case_id, actor->id, &notes, &n, &labels, &hidden, e);
	if (rc == 0) {
		copy_render(out, &cs, today, notes, labels, n);
		out->withheld_restricted += hidden;
		snprintf(detail, sizeof detail, "開示用写し 記載 %zu 不開示 %zu", out->shown,
			 out->withheld_third + out->withheld_restricted);
		rc = model_audit(db, actor, "note.disclosure_copy", "case", case_id, detail, e);
	}
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	notes_free(notes, n);
	return rc;
}

int progress_disclosure_copy(struct db *db, const struct staff *actor, int64_t case_id,
			     struct date today, struct disclosure_copy *out, struct tsu_err *e)
{
	struct sql_tx tx;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = model_perm(actor, PERM_EXPORT, "開示用の写しの作成", e)) != 0)
		return rc;
	if (!today.y)
		today = date_today();
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = copy_tx(db, actor, case_id, today, out, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0)
		disclosure_copy_release(out);
	return rc;
}

void disclosure_copy_release(struct disclosure_copy *c)
{
	if (!c)
		return;
	free(c->text);
	memset(c, 0, sizeof *c);
}
