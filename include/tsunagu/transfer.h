/* transfer.h: cases leaving or shared with another body, and every
 * disclosure of information under 守秘義務 (児童福祉法 25条の5): who received
 * what, when, why and on what legal basis. Conventions as in person.h;
 * PERM_WRITE_CASE to record, PERM_READ_CASE to list; everything audited.
 *
 * Kinds (code list transfer_kind):
 * - SOUCHI 児相送致: the case is closed with status SND, closure SENT;
 * - ENJO   援助依頼: the case stays open, status unchanged;
 * - IKAN   ケース移管 (the family moved): closed with status MOV, closure
 *   MOVED.
 * The status change goes through case_set_status (history with the reason)
 * in the same transaction as the transfer row. */
#ifndef TSU_TRANSFER_H
#define TSU_TRANSFER_H

#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct transfer {
	int64_t id;
	int64_t case_id;     /* required */
	char *kind;          /* SOUCHI, ENJO, IKAN; required */
	int64_t agency_id;   /* receiving agency, or */
	char *to_name;       /* its name: found or created as an agency */
	struct date on;      /* none -> today */
	char *reason;        /* required */
	int64_t staff_id;    /* filled by reads */
	char *staff_name;    /* filled by reads */
	char *agency_name;   /* filled by reads */
};

/* Record the transfer and apply its status change to the case, in one
 * transaction. t->id set (and t->agency_id when found or created from
 * to_name, t->on when defaulted). A closed case is TSU_EINVAL. */
int transfer_record(struct db *db, const struct staff *actor, struct transfer *t,
		    struct tsu_err *e);
/* The case's transfers, oldest first. */
int transfer_list(struct db *db, const struct staff *actor, int64_t case_id,
		  struct transfer **out, size_t *n, struct tsu_err *e);
void transfer_release(struct transfer *t);
void transfers_free(struct transfer *t, size_t n);

struct disclosure {
	int64_t id;
	int64_t case_id;     /* the case, and/or */
	int64_t person_id;   /* the person the information is about */
	int64_t agency_id;   /* recipient agency, or */
	char *recipient;     /* a recipient's name (an agency is found or created
			      * from it when agency_id is 0 and as_agency) */
	bool as_agency;
	char *at;            /* "YYYY-MM-DD HH:MM"; "" -> now */
	char *what;          /* required: what was given (経過の概要, 生年月日 ...) */
	char *why;           /* required: the purpose */
	char *legal_basis;   /* 児童福祉法25条の3, 要対協の情報共有 ... */
	int64_t staff_id;    /* filled by reads */
	char *staff_name;
	char *agency_name;
};

/* Record information given to someone outside the centre. d->id set. */
int disclosure_record(struct db *db, const struct staff *actor, struct disclosure *d,
		      struct tsu_err *e);
/* Disclosures about a case, oldest first. */
int disclosure_list(struct db *db, const struct staff *actor, int64_t case_id,
		    struct disclosure **out, size_t *n, struct tsu_err *e);
void disclosure_release(struct disclosure *d);
void disclosures_free(struct disclosure *d, size_t n);

#endif
