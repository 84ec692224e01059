/* agency.h: 関係機関 (schools, nurseries, health centres, police, the
 * 児童相談所, other towns, ...): the counterparties of meetings, plan items,
 * transfers and disclosures. Agencies are master-like data, not personal
 * data: reading them writes no audit row; creating or changing one is
 * audited. Conventions otherwise as in person.h.
 *
 * Names are matched by their search key (key_fold: full/half-width forms,
 * katakana/hiragana and spaces are folded: "ｱｵｿﾞﾗ 保育園" finds "あおぞら保育園"),
 * so that typing an agency's name twice does not create it twice. */
#ifndef TSU_AGENCY_H
#define TSU_AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct agency {
	int64_t id;
	char *name;       /* required: 青空小学校, 中央児童相談所 */
	char *kind;       /* free text: 学校, 保育所, 医療機関, 警察, 児童相談所 ... */
	char *department; /* 教頭, 地域支援課 ... */
	char *contact;    /* the person usually talked to */
	char *phone;
	char *note;
	bool inactive;
	int64_t version;
};

/* The id of the active agency whose name has the same key_fold as name, or
 * of a new agency with that name and kind (kind may be NULL). Needs
 * PERM_WRITE_CASE; creation is audited (agency.create). Joins the caller's
 * write transaction. TSU_EINVAL for an empty name. */
int agency_find_or_create(struct db *db, const struct staff *actor, const char *name,
			  const char *kind, int64_t *id_out, struct tsu_err *e);
/* Look up without creating: *id_out = 0 (and 0 returned) when none matches. */
int agency_find(struct db *db, const char *name, int64_t *id_out, struct tsu_err *e);
/* Create from a (name required); sets a->id and a->version. PERM_WRITE_CASE. */
int agency_create(struct db *db, const struct staff *actor, struct agency *a,
		  struct tsu_err *e);
int agency_get(struct db *db, int64_t id, struct agency *out, struct tsu_err *e);
/* Save the fields; optimistic locking on a->version. PERM_WRITE_CASE. */
int agency_update(struct db *db, const struct staff *actor, struct agency *a,
		  struct tsu_err *e);
/* All agencies by name (inactive ones only if asked); *out newly allocated. */
int agency_list(struct db *db, bool include_inactive, struct agency **out, size_t *n,
		struct tsu_err *e);
void agency_release(struct agency *a);
void agencies_free(struct agency *a, size_t n);

#endif
