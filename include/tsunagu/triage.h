/* triage.h: the 受理会議 (intake meeting). Conventions as in person.h.
 *
 * One call records what the meeting decided about one intake, in one
 * transaction: the meeting (kind JURI, date, attendees), the decision row,
 * and then either
 * - not accepted: the intake is closed (accepted = 0, its pending safety
 *   deadline cleared: the centre is not taking the case) with the outcome
 *   from code list "intake_outcome" (ADVICE 助言終了, REFER 他機関紹介,
 *   OTHER) and, for a referral, the agency it was referred to; or
 * - accepted: the child's open case is joined if there is one (its status
 *   is left as it is: a new report on a case in 支援中 does not send it back
 *   to 受理), else a case is created. A new case opens on the day of the
 *   meeting, so its number is of the 年度 of the 受理 date, not of the
 *   receipt: an intake received on 3月31日 and accepted on 4月1日 gets the
 *   new year's number. A new case is created as 受付 and moved to 受理 with a
 *   history row (who, when, 「受理会議で受理」). Then: the intake is linked;
 *   registration (history row when it changes), lead, team and consultation
 *   type are set; the safety check's method and deadline recorded (the
 *   intake's deadline moves to the one decided); each agency of the
 *   investigation plan is picked by name or created (agency.h) and recorded;
 *   a 送致 or 援助依頼 to the 児童相談所 is recorded as a transfer (closing the
 *   case as 送致 is a separate step, once the 児童相談所 has taken it).
 *
 * Permission: PERM_DECIDE (センター長, 統括支援員, 要対協調整担当者 in
 * staff.c's matrix: the meeting decides; the one who records its decision
 * must be allowed to). The lead must be an active staff member. */
#ifndef TSU_TRIAGE_H
#define TSU_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct juri_decision {
	int64_t intake_id;        /* required; the intake must be undecided */
	const char *held_at;      /* "YYYY-MM-DD HH:MM"; required */
	const int64_t *attendees; /* staff ids present (the actor is added) */
	size_t n_attendees;
	const char *const *guests; /* others present, free text ("青空小 教頭") */
	size_t n_guests;
	bool accepted;
	/* not accepted */
	const char *outcome;     /* "intake_outcome": required when not accepted */
	const char *referred_to; /* REFER: agency name, required for REFER */
	/* accepted */
	const char *consult_type; /* NULL: the intake's */
	const char *urgency;      /* "AA", "A", "B", "C" or NULL/"" */
	int64_t lead_id;          /* 主担当者: required when accepted */
	const char *team;
	const char *safety_method;      /* 家庭訪問, 学校で確認, ... */
	const char *safety_due;         /* "YYYY-MM-DD HH:MM"; NULL keeps the intake's */
	const char *const *investigate; /* agency names to ask (調査計画) */
	size_t n_investigate;
	const char *cgc;      /* "transfer_kind": SOUCHI 送致, ENJO 援助依頼, or NULL */
	const char *cgc_name; /* the 児童相談所's agency name; NULL: 「児童相談所」 */
	const char *cgc_reason;
	const char *registration; /* "registration"; NULL: N for a new case, unchanged
	                           * for a joined one */
	const char *policy;       /* 方針, free text */
	const char *minutes;      /* 会議の記録, free text */
};

struct juri_result {
	int64_t meeting_id;
	int64_t decision_id;
	int64_t case_id;  /* 0 when not accepted */
	char case_no[16]; /* "" when not accepted */
	bool joined;      /* accepted into an open case of the same child */
};

/* Record the decision; on success *out is filled. On failure nothing is
 * written (no meeting, case, link or audit row) and e names what failed:
 * TSU_EPERM, TSU_ENOTFOUND (intake, lead), TSU_EINVAL (already decided, no
 * child on the intake, missing lead/outcome/referral, bad code or date),
 * TSU_ECONFLICT (the intake or the case was changed meanwhile). */
int juri_decide(struct db *db, const struct staff *actor, const struct juri_decision *d,
                struct juri_result *out, struct tsu_err *e);

/* An intake awaiting its 受理会議 (accepted still undecided); strings owned,
 * never NULL ("" for none). */
struct juri_pending {
	int64_t intake_id;
	char received_at[20]; /* "YYYY-MM-DD HH:MM" */
	int64_t person_id;    /* 0: no child recorded (cannot be accepted yet) */
	char *name, *kana;    /* the child, as typed */
	struct date birth;
	char *consult_label;
	char *abuse_labels; /* "身体的虐待・心理的虐待" */
	char *channel_label;
	bool urgent, is_report;
	char *safety_due; /* "YYYY-MM-DD HH:MM..." or "" */
	char *staff_name; /* the receiving worker */
	char *complaint;  /* 主訴 */
};

/* The intakes awaiting 受理, oldest receipt first (PERM_READ_CASE; one
 * audit row intake.pending with the count). *out newly allocated (NULL when
 * *n is 0); free with juri_pending_free. */
int juri_pending_list(struct db *db, const struct staff *actor, struct juri_pending **out,
                      size_t *n, struct tsu_err *e);
void juri_pending_free(struct juri_pending *p, size_t n);

#endif
