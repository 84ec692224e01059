/* scr_intake.h: private to the intake screen's files (scr_intake.c,
 * intake_fields.c, intake_pane.c): the form's field layout built from the
 * code lists, its mapping to the core's struct intake_form, and the
 * known-person pane. */
#ifndef TSU_SCR_INTAKE_H
#define TSU_SCR_INTAKE_H

#include "tsunagu/intake_form.h"
#include "tsunagu/search.h"
#include "ui_int.h"

/* ---- the fields (intake_fields.c) --------------------------------------- */

enum intake_bind_kind {
	IB_FIELD,  /* a text or code of enum intake_field */
	IB_MEMBER, /* a member's field */
	IB_STAFF,  /* receiving worker (staff id as the choice code) */
	IB_ANON,   /* checkbox: anonymous caller */
	IB_PREG,   /* checkbox: 特定妊婦 */
	IB_URGENT, /* radio: 要 / 不要 */
	IB_ABUSE   /* checkbox: one abuse type code */
};

struct intake_bind {
	enum intake_bind_kind kind;
	int field;           /* enum intake_field (IB_FIELD) */
	int member, mfield;  /* IB_MEMBER */
	const char *code;    /* IB_ABUSE: the abuse type code */
	const char *section; /* heading drawn above this field, or NULL */
	int group;           /* search group: -1 none, 0 the child, 1.. member */
};

struct intake_layout {
	struct field_def *defs;
	struct intake_bind *bind;
	size_t n;
	char **pool; /* owned strings behind defs, choices and binds */
	size_t npool;
	struct field_choice **choices; /* owned choice arrays */
	size_t nchoices;
};

/* Build the fields from the code lists and the staff roster; false with a
 * message set on ui when a list cannot be read. */
bool intake_layout_build(struct ui *ui, struct intake_layout *L);
void intake_layout_release(struct intake_layout *L);
/* The index of a bound field; n if none. */
size_t intake_layout_find(const struct intake_layout *L, enum intake_bind_kind kind, int field,
                          int member, int mfield);
/* Form -> core form (out initialised here). */
void intake_layout_collect(const struct intake_layout *L, const struct ui_form *fm,
                           struct intake_form *out);
/* Core form -> fields (drafts, picking a known person). */
void intake_layout_apply(const struct intake_layout *L, struct ui_form *fm,
                         const struct intake_form *in);
/* Set one text field's value as if typed (dates re-parsed). */
void intake_field_set(struct ui_field *f, const char *v);
/* The search query of a group ("高橋 はる H31.4.2 0234-22"); newly allocated. */
char *intake_layout_query(const struct intake_layout *L, const struct ui_form *fm, int group,
                          bool kana_last);

/* ---- the known-person pane (intake_pane.c) -------------------------------- */

struct intake_pane {
	struct search_session sess;
	struct search_result res;
	char *query; /* last looked up, "" at first */
	int group;   /* search group of the results */
	size_t sel;
	long lookup_us;  /* cost of the last lookup */
	int64_t link_id; /* the linked person, 0 if none */
	int64_t link_household;
	char *link_lines[4]; /* what is shown about the linked person */
};

void pane_init(struct intake_pane *p);
/* Append the session's audit row (the picked person) and free. */
void pane_release(struct intake_pane *p, struct ui *ui);
/* Look up query unless it is the last one; true if the list changed. */
bool pane_lookup(struct intake_pane *p, struct ui *ui, const char *query, int group);
void pane_move(struct intake_pane *p, int dir);
const struct search_hit *pane_selected(const struct intake_pane *p);
/* Link the selected hit (contact history read, audited); its lines kept. */
void pane_link(struct intake_pane *p, struct ui *ui, const struct search_hit *h);
/* Restore a link from a draft (id and the label saved with it). */
void pane_link_restore(struct intake_pane *p, int64_t id, int64_t household, const char *label);
void pane_draw(struct intake_pane *p, struct ui_rect r, struct date today);

#endif
