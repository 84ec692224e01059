/* triage_pending.c: the intakes awaiting their 受理会議 (未受理の受付), the
 * work queue the 受理会議 screen starts from. One audited read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sql_triage.h"
#include "tsunagu/triage.h"
#include "tsunagu/util.h"

static void read_row(struct stmt *st, struct juri_pending *p)
{
	memset(p, 0, sizeof *p);
	p->intake_id = sql_int(st, 0);
	snprintf(p->received_at, sizeof p->received_at, "%s", sql_text(st, 1));
	p->person_id = sql_int(st, 2);
	p->name = sql_dup(st, 3);
	p->kana = sql_dup(st, 4);
	p->birth = sql_date(st, 5);
	p->consult_label = sql_dup(st, 6);
	p->abuse_labels = sql_dup(st, 7);
	p->channel_label = sql_dup(st, 8);
	p->urgent = sql_int(st, 9) != 0;
	p->is_report = sql_int(st, 10) != 0;
	p->safety_due = sql_dup(st, 11);
	p->staff_name = sql_dup(st, 12);
	p->complaint = sql_dup(st, 13);
}

static int read_all(struct db *db, struct juri_pending **out, size_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_triage_table, TRI_PENDING, e);
	size_t cap = 0;
	int rc;

	if (!st)
		return TSU_EDB;
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		read_row(st, &(*out)[(*n)++]);
	}
	return rc < 0 ? rc : 0;
}

int juri_pending_list(struct db *db, const struct staff *actor, struct juri_pending **out,
                      size_t *n, struct tsu_err *e)
{
	struct sql_tx tx;
	char detail[32];
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = model_perm(actor, PERM_READ_CASE, "未受理の受付の閲覧", e)) != 0 ||
	    (rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = read_all(db, out, n, e);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "%zu 件", *n);
		rc = model_audit(db, actor, "intake.pending", "intake", 0, detail, e);
	}
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc != 0) {
		juri_pending_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void juri_pending_free(struct juri_pending *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].name);
		free(p[i].kana);
		free(p[i].consult_label);
		free(p[i].abuse_labels);
		free(p[i].channel_label);
		free(p[i].safety_due);
		free(p[i].staff_name);
		free(p[i].complaint);
	}
	free(p);
}
