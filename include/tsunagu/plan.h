/* plan.h: 支援計画 (サポートプラン), versioned. Conventions as in person.h
 * (actor, permission, audit in the same transaction, owned strings,
 * optimistic locking).
 *
 * A case has a chain of plan versions 1, 2, ...; each revision is a new row
 * whose `supersedes` names the one before, which stays readable unchanged.
 * Only the newest version of a case can be edited or approved, and only
 * while it is not approved (a draft): an approved version is frozen, and
 * changing it takes plan_revise, which copies its fields and items into a
 * new draft version (each copied item remembers its origin, for diffs).
 * The exception is delivery: when the plan was explained to and handed to
 * the family is recorded on any version with plan_set_delivery.
 *
 * Approval: only センター長 and 統括支援員 (plan_can_approve), a dedicated
 * check rather than PERM_DECIDE, which 要対協調整担当者 also holds for
 * meeting decisions but who does not approve the centre's plans.
 * Writing needs PERM_WRITE_CASE; reading PERM_READ_CASE.
 *
 * Locking: every change to a version (its fields or any of its items) checks
 * and bumps the plan row's version, so two people editing one draft get
 * TSU_ECONFLICT instead of overwriting each other; on success the caller's
 * struct plan has the new version.
 * Saving a version with a next review date sets the case's next_review to
 * it (audited on the case). */
#ifndef TSU_PLAN_H
#define TSU_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"

struct plan_item {
	int64_t id;
	int64_t plan_id;
	char *what;               /* required: 家庭訪問による養育支援 */
	int64_t provider_staff;   /* provider: a staff member, an agency, and/or */
	int64_t provider_agency;  /* a named service; 0 = none */
	char *provider_service;   /* 養育支援訪問事業, ショートステイ ... */
	char *frequency;          /* 月2回 */
	struct date from, to;     /* to must not be before from */
	char *result;             /* 実施結果・評価 */
	int sort;                 /* order on the plan (set by plan_item_save) */
	int64_t origin_id;        /* item of the previous version it was copied from */
	char *provider_staff_name;  /* filled by reads */
	char *provider_agency_name; /* filled by reads */
};

struct plan {
	int64_t id;
	int64_t case_id;
	int plan_no;              /* 1, 2, ... per case */
	char *needs;              /* ニーズ・課題 */
	char *strengths;          /* 強み */
	char *long_goal;          /* 長期目標 */
	char *short_goal;         /* 短期目標 */
	char *family_wishes;      /* 本人・家族の意向 */
	struct date explained_on; /* 説明日 */
	struct date handed_on;    /* 交付日 */
	struct date next_review;  /* 次回見直し */
	int64_t approved_by;      /* 0 = draft */
	char *approved_by_name;
	char *approved_at;        /* "" for a draft */
	int64_t supersedes;       /* the previous version, 0 for the first */
	int64_t superseded_by;    /* filled by reads: the next version, 0 if newest */
	struct plan_item *items;  /* in order; n_items of them */
	size_t n_items;
	int64_t version;
	char *created_at, *updated_at;
};

/* True if who may approve plans (active センター長 or 統括支援員). */
bool plan_can_approve(const struct staff *who);

/* Create version 1 of the case's plan from p's fields and items (p->items
 * may be NULL); TSU_EINVAL if the case already has a plan (revise it
 * instead) or is closed. On success p is the stored row (id, plan_no,
 * version, item ids and sorts set; strings kept). */
int plan_create(struct db *db, const struct staff *actor, int64_t case_id, struct plan *p,
		struct tsu_err *e);
/* Read one version with its items (audited as plan.read). */
int plan_get(struct db *db, const struct staff *actor, int64_t plan_id, struct plan *out,
	     struct tsu_err *e);
/* The newest version of the case's plan; TSU_ENOTFOUND if it has none. */
int plan_current(struct db *db, const struct staff *actor, int64_t case_id, struct plan *out,
		 struct tsu_err *e);
/* Every version of the case's plan, newest first, without items
 * (n_items 0); *out newly allocated (plans_free). Audited as plan.list. */
int plan_versions(struct db *db, const struct staff *actor, int64_t case_id, struct plan **out,
		  size_t *n, struct tsu_err *e);
/* Save the text fields and next review of a draft version (items are
 * saved with plan_item_save). TSU_EINVAL if approved or superseded. */
int plan_update(struct db *db, const struct staff *actor, struct plan *p, struct tsu_err *e);
/* Record when the plan was explained and handed to the family (either may
 * be none); allowed on approved versions. Neither may be in the future
 * relative to today, and handed_on not before explained_on. */
int plan_set_delivery(struct db *db, const struct staff *actor, struct plan *p,
		      struct date explained_on, struct date handed_on, struct tsu_err *e);
/* Approve the newest, draft version: needs plan_can_approve (TSU_EPERM),
 * a goal (long or short) and at least one item (TSU_EINVAL). p gets
 * approved_by, approved_at and the new version. */
int plan_approve(struct db *db, const struct staff *actor, struct plan *p, struct tsu_err *e);
/* Start a new draft version from the newest one p (which must be approved:
 * a draft is edited in place), copying its fields (not approval or
 * delivery dates) and items; p->version must be current (TSU_ECONFLICT).
 * *out is the new version, read back (plan_release). */
int plan_revise(struct db *db, const struct staff *actor, const struct plan *p,
		struct plan *out, struct tsu_err *e);

/* Add (it->id == 0, appended last) or change an item of draft version p;
 * it->plan_id is set; p->version checked and bumped. */
int plan_item_save(struct db *db, const struct staff *actor, struct plan *p,
		   struct plan_item *it, struct tsu_err *e);
/* Remove an item of a draft version (it was never in force); p->version
 * checked and bumped. TSU_ENOTFOUND if the item is not on p. */
int plan_item_delete(struct db *db, const struct staff *actor, struct plan *p, int64_t item_id,
		     struct tsu_err *e);

/* One difference between two versions, for the revision screen. */
struct plan_change {
	const char *field;  /* label: 長期目標, 支援内容, ... (static) */
	int item;           /* -1 for a plan field, else the index in the newer plan's
			     * items (or in the older one's for a removed item) */
	char kind;          /* '~' changed, '+' item added, '-' item removed */
	char *before, *after; /* newly allocated; "" for none */
};
/* Field and item differences from older to newer (items matched by
 * origin_id). *out newly allocated (plan_changes_free); 0 changes if equal. */
size_t plan_diff(const struct plan *older, const struct plan *newer, struct plan_change **out);
void plan_changes_free(struct plan_change *c, size_t n);

void plan_item_release(struct plan_item *it);
void plan_release(struct plan *p);
void plans_free(struct plan *p, size_t n);

#endif
