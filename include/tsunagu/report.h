/* report.h: the end-of-day summary (業務日誌), the actor's own due items
 * (`tsunagu today`) and the fiscal-year statistics, as structured data (a
 * report = sections, each a table of labelled counts, a list of text rows or
 * plain lines) plus renderers to aligned text and to CSV. The full-screen
 * screens (F5 本日のまとめ, F6 統計) show the same structures.
 *
 * Every report takes the acting staff member, needs PERM_READ_CASE and
 * appends one audit row ("report.daily", "report.today", "report.annual",
 * entity "report", detail = date or 年度) in the same transaction as its
 * reads. No report reads or shows an address: households under a DV等支援措置
 * appear only through their case numbers and the measure's end date.
 *
 * ---- What the annual statistics count (report_annual) --------------------
 * Population: every intake (受付) whose received_at falls in the 年度
 * (YEAR-04-01 00:00 to YEAR+1-03-31 24:00), whatever the 受理会議 decided
 * (accepted, not accepted or undecided), as 福祉行政報告例 counts 受付. The
 * same population feeds every table; the header says how many were accepted.
 * 延件数 = intakes. 実件数 = distinct children in that cell (an intake
 * without a child counts as one child of its own). A child therefore counts
 * once per cell, and may count in several cells of one table (two intakes of
 * different types); a group row counts each child once.
 * 相談種別 is the intake's consult_type; a local code (養育力不足) counts in
 * its own row, in the national code it rolls up to (codes.national) and in
 * that code's group (codes.parent of the national code).
 * Abuse tables (type x age band, main abuser, route) cover the intakes whose
 * type rolls up to 児童虐待相談 (YG1); each child counts once, through its
 * first such intake of the year (its types, age at receipt, main abuser and
 * route). An intake with several abuse types counts under each type (the
 * schema has no "main type"); the reports say so in a footnote, and the
 * 児童虐待 小計 of the Izumo table is the sum of its types.
 * Ages are at the date of receipt (date_age, date_age_band1/2); no birth date
 * (or out of the scheme's range) counts under 不明・その他.
 * The Izumo-shaped table (養護相談の推移) has one row per 年度 for the three
 * years ending with YEAR, the city's own records only (the 児童相談所 rows of
 * the source do not exist here): 養護相談 = 児童虐待 小計 + each other 養護
 * code (養育力不足 ...) shown, as in the source; その他の相談 = children with an
 * intake of any type outside 養護相談. Local 養護 columns all zero in the three
 * years are left out.
 *
 * ---- The daily report (report_daily) -------------------------------------
 * For a date D, as of the end of D: intakes received on D; 受理会議 decisions
 * of meetings held on D; safety checks recorded on D and those pending at the
 * end of D (overdue when the deadline fell before the end of D); notes
 * written on D per worker and note kind; support plans created, approved or
 * changed on D; open cases whose next review is on or before D (超過) or on
 * D+1 (明日); DV等支援措置 ending within setting secrecy_warn_days from D;
 * 申し送り = notes of kind HANDOVER written on D. With a staff filter every
 * section keeps only that worker's items: intakes they received, notes and
 * checks they wrote, and for case items the cases they lead (an intake
 * without a lead counts for the worker who received it). */
#ifndef TSU_REPORT_H
#define TSU_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tsunagu/date.h"
#include "tsunagu/db.h"
#include "tsunagu/staff.h"
#include "tsunagu/util.h"

enum report_kind {
	REPORT_COUNTS, /* rows x cols of counts */
	REPORT_LIST,   /* rows of text cells under column headings */
	REPORT_LINES   /* plain lines (rows with cells[0] only) */
};

struct report_row {
	char *label;      /* COUNTS: the row label ("養育力不足", "令和8年度") */
	int level;        /* COUNTS: 0 top, 1 sub-type, 2 local code (indentation) */
	bool total;       /* a total or subtotal row */
	long *counts;     /* COUNTS: ncols counts */
	char **cells;     /* LIST: ncols strings; LINES: cells[0] */
	char *detail;     /* LIST: free text shown wrapped under the row, or NULL */
	int64_t case_id;  /* LIST: what the row is about (0 = none), for the screens */
	int64_t intake_id;
	bool alert;       /* LIST: overdue or otherwise to be highlighted */
};

struct report_section {
	const char *key;  /* stable id ("consult", "abuse_age1", "intakes", ...) */
	enum report_kind kind;
	char *title;      /* Japanese heading; also the 表 column of the CSV */
	char *corner;     /* heading of the row-label column ("相談種別"), may be "" */
	char **cols;      /* column headings (COUNTS, LIST) */
	size_t ncols;
	struct report_row *rows;
	size_t nrows;
	char **notes;     /* footnotes */
	size_t nnotes;
	char *empty;      /* LIST/LINES with no rows: what to say ("なし") */
};

struct report {
	char *title;      /* "業務日誌", "年度統計", ... */
	char **header;    /* lines under the title (date, scope) */
	size_t nheader;
	struct report_section *sections;
	size_t nsections;
};

/* ---- producing ---------------------------------------------------------- */

/* The 業務日誌 of date `day` (y == 0: today). staff_id 0 = everyone, else
 * only that staff member's items (see the top of this file); TSU_ENOTFOUND if
 * no such staff member. *out is filled (report_release) on success and
 * zeroed on failure. */
int report_daily(struct db *db, const struct staff *actor, struct date day, int64_t staff_id,
		 struct report *out, struct tsu_err *e);

/* The actor's own due items at `now` (local time), in the way `calcurse -a`
 * lists the day's appointments: pending safety checks of intakes and cases
 * the actor leads (or received, while no lead is set) with the time left or
 * overdue; reviews of the actor's open cases due within 7 days or overdue;
 * DV等支援措置 of their cases ending within secrecy_warn_days; their open
 * cases with no note for stale_days or more (counted from the opening date
 * if there is none). Sections with nothing in them are left out, so a report
 * without sections means nothing is due. */
int report_today(struct db *db, const struct staff *actor, time_t now, struct report *out,
		 struct tsu_err *e);

/* The statistics of 年度 fy (fy-04-01 .. fy+1-03-31): see the top of this
 * file. TSU_EINVAL for a year outside 1900..9998. */
int report_annual(struct db *db, const struct staff *actor, int fy, struct report *out,
		  struct tsu_err *e);

/* Free everything and zero r; NULL-safe. */
void report_release(struct report *r);

/* ---- reading ------------------------------------------------------------ */

/* The section with this key, or NULL. */
const struct report_section *report_section_find(const struct report *r, const char *key);
/* The count at (row label, column heading) of a COUNTS section: 0 and *out
 * set, or TSU_ENOTFOUND (no such row or column, or not a COUNTS section). */
int report_count(const struct report_section *s, const char *row, const char *col, long *out);

/* ---- rendering ---------------------------------------------------------- */

/* Plain text appended to out: the title, header lines, then each section with
 * its heading, columns aligned by display width (text_pad: Japanese labels
 * never misalign; counts right-aligned; a column heading wider than 12
 * columns is split after "・" and before "(" (else at characters) onto
 * several lines, bottom-aligned), footnotes after "注:". width (0 = 80)
 * is where details, lines and footnotes wrap; tables are never cut, so a wide
 * table may exceed it. Stored text is shown in display form (control
 * characters visible). Ends with a newline. */
void report_render_text(const struct report *r, int width, struct sbuf *out);

/* CSV (RFC 4180, CRLF) appended to out: the header row 表,行,列,件数, then one
 * row per count of every COUNTS section (section title, row label, column
 * heading, count), in display order. LIST and LINES sections are not
 * written (they hold no counts). bom: start with a UTF-8 BOM for Excel. */
void report_render_csv(const struct report *r, bool bom, struct sbuf *out);

#endif
