/* triage_priv.h: private to the core: reads shared by assess.c and
 * casefile.c that run inside the caller's transaction and write no audit
 * row (the caller appends the one audit row of its read). */
#ifndef TSU_TRIAGE_PRIV_H
#define TSU_TRIAGE_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "tsunagu/assess.h"
#include "tsunagu/db.h"

/* The case's assessments, newest first, appended to *out / *n. */
int assess_read_case(struct db *db, int64_t case_id, struct assessment **out, size_t *n,
                     struct tsu_err *e);

#endif
