/* scr_casefile.h: what the case-file screen (scr_casefile.c) shares with
 * its dialogs and the conflict screen (scr_casefile_dlg.c). Private to
 * src/ui. */
#ifndef TSU_SCR_CASEFILE_H
#define TSU_SCR_CASEFILE_H

#include "cf_ui.h"
#include "tsunagu/casefile.h"

struct cf_scr {
	struct ui *ui;
	int64_t case_id;
	struct casefile cf;
	bool loaded;
	char *revealed; /* the address as revealed (kept across reloads), or NULL */
	int kind;       /* index into the time line's kind filter */
	struct ui_table t;
	struct ui_list l;
	/* choices for the dialogs */
	struct cf_choices status, closure, regs, staff, tags;
	struct field_choice *tag_choices; /* "DV (外す)" ...; rebuilt per dialog */
	char **tag_labels;
	size_t n_tag_choices;
	/* the version a status or registration change applies to: the loaded
	 * one, or the stored one after the worker was shown a conflict */
	struct case_rec base;
	bool have_base;
};

/* Reload the case file (one audited read); keeps a revealed address. */
void cf_scr_reload(struct cf_scr *c);
/* Deep copy of a case record (release dst with case_release). */
void cf_case_copy(struct case_rec *dst, const struct case_rec *src);

/* scr_casefile_dlg.c: the dialogs behind the case file's commands. Each
 * returns RD_* flags (the dialog pushed, or a message set). */
unsigned cf_dlg_status(struct cf_scr *c);
unsigned cf_dlg_registration(struct cf_scr *c);
unsigned cf_dlg_tag(struct cf_scr *c);
unsigned cf_dlg_reveal(struct cf_scr *c);
unsigned cf_dlg_edit(struct cf_scr *c);
void cf_dlg_release(struct cf_scr *c);

#endif
