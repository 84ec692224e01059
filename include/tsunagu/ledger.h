/* ledger.h: import of the legacy Excel ledgers (受付台帳, 進行管理台帳)
 * saved as CSV, and CSV export of intakes, cases, notes and the annual
 * statistics for Excel.
 *
 * ---- Import -----------------------------------------------------------------
 * The file: a header row, then one row per intake. Recognised columns, in any
 * order, matched after key_fold (full/half width, kana, spaces do not
 * matter): 受付日, 受付方法, 相談経路, 児童氏名, 児童ふりがな, 生年月日, 性別,
 * 住所, 電話, 保護者氏名, 保護者ふりがな, 続柄, 相談種別, 虐待種別,
 * 主たる虐待者, 主訴, 登録区分, 主担当, 状態, 終結日, 終結理由. 受付日 and
 * 児童氏名 are required; any other column is named in a warning and ignored.
 * Rows whose cells are all empty are skipped (Excel leaves them at the end).
 * - Encoding (LEDGER_ENC_AUTO): a UTF-8 BOM, else strict UTF-8, else CP932.
 * - Codes are given by their labels (codes.h); the code itself and the part
 *   of a label before or inside its parentheses are accepted too
 *   ("ネグレクト", "その他" for その他 (匿名を含む)). 相談経路 may name a
 *   level-2 item (虐待者本人): its parent becomes the level 1. 虐待種別 may
 *   hold several types separated by 、 ・ / , (保護の怠慢・拒否(ネグレクト)
 *   keeps its own ・). 続柄 is the guardian's relation to the child (母, 実父).
 * - Dates in any form date_parse reads; 受付日 may carry a time
 *   ("2024/4/1 9:30"), else the intake is received at 00:00.
 * - 主担当: a staff member's name (spaces ignored) or login; unknown or
 *   ambiguous is a row error.
 * - Limits (characters): names and readings 100, 住所 200, 電話 40, 主訴
 *   4000, any other cell 100.
 *
 * What a row creates:
 * - the child, unless matched (below); a new child's household when the row
 *   has 住所, 電話 or 保護者氏名 (the guardian is its HEAD, the child CH); the
 *   guardian, unless a member of the child's household has the same name key;
 *   the relation guardian -> child (続柄) when given;
 * - one intake (staff = the importing actor; no safety-check deadline is set:
 *   ledgers are history, and a deadline computed for an old report would show
 *   as overdue on every home screen);
 * - one case when any of 登録区分, 主担当, 状態, 終結日, 終結理由 is given,
 *   opened on 受付日 and linked to the intake (accepted). 状態 defaults to
 *   受理, or 終結 when 終結日 is given; a closing 状態 (終結, 送致, 移管) needs
 *   終結日 and 終結理由, which are errors otherwise. An open case's next review
 *   is the first cycle date (setting review_cycle_months) from the opening
 *   that is today or later; a closed one gets its retention date as
 *   case_set_status computes it. Case numbers follow the existing ones of
 *   each 年度.
 *
 * Person matching (children): the name key is key_variant(氏名) (variant
 *   kanji, kana forms and spaces do not matter).
 *   - with 生年月日: a known person with the same key and the same birth date
 *     is the child (several such: the oldest record, with a warning). A
 *     person with the same key and no birth date is not assumed to be the
 *     same child: a new person is made, with a warning naming the row.
 *   - without 生年月日: exactly one person with the same key is the child;
 *     none: a new person; several: a new person, with a warning.
 *   Persons created by earlier rows of the same file count as known, so a
 *   child with several intakes in the ledger is created once.
 * Duplicate intakes: a row whose child, 受付日 (the date) and 主訴 equal an
 *   existing intake, or an earlier row of the file, is skipped with a warning
 *   (nothing of it is written, not even its case). Importing the same file
 *   twice therefore creates nothing the second time.
 *
 * All or nothing: every row is checked first and every problem collected
 * (CSV structure, invalid bytes, unknown codes, impossible dates, fields too
 * long, missing required values), each with its row and column. Any error:
 * nothing is written. Else everything is written in ONE write transaction
 * through bulk statements, with ONE audit row (action "ledger.import",
 * entity "import"), whose detail holds the file name, its SHA-256, the
 * counts and the id ranges of the rows created, so that "who created person
 * 123" is answered by the import row whose person range holds 123 (single
 * model calls would have written an audit row per record: 500,000 rows for a
 * 100,000-row ledger). A dry run does all the checks and the matching in a
 * read transaction and writes nothing, not even an audit row: it shows only
 * counts and problems.
 *
 * ---- Export -----------------------------------------------------------------
 * CSV with CRLF, every field quoted; UTF-8 with a BOM (Excel opens it), or
 * CP932. In CP932 every character it cannot hold is reported with its row
 * and column, and the export fails (TSU_EENCODING, no bytes) unless
 * `substitute` is set, when each is written as 〓. Addresses and phone
 * numbers of households under a DV等支援措置 (secrecy flag set, whatever the
 * end date: the flag is what a worker clears) are written as (支援措置中).
 * Needs PERM_EXPORT. Every call appends an audit row ("ledger.export",
 * entity "export") in the transaction that read the data, also when a CP932
 * export was refused (the detail says so). */
#ifndef TSU_LEDGER_H
#define TSU_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/db.h"
#include "tsunagu/enc.h"
#include "tsunagu/err.h"
#include "tsunagu/staff.h"

#define LEDGER_MASK "(支援措置中)"

/* A problem at a place in a file: row and column 1-based as Excel shows them
 * (the header is row 1); 0 means the file as a whole / the row as a whole. */
struct ledger_issue {
	size_t row;
	size_t col;
	char *column;  /* header name ("生年月日"), "" if none */
	char *message; /* Japanese */
};

/* "12 行目 D 列 (生年月日): message", "12 行目: message", "message" —
 * newly allocated. */
char *ledger_issue_format(const struct ledger_issue *is);

enum ledger_encoding {
	LEDGER_ENC_AUTO,  /* BOM, else strict UTF-8, else CP932 */
	LEDGER_ENC_UTF8,  /* UTF-8, a BOM allowed */
	LEDGER_ENC_CP932
};

enum ledger_phase {
	LEDGER_PHASE_CHECK, /* rows checked and matched */
	LEDGER_PHASE_WRITE  /* rows written */
};

struct ledger_import_opts {
	enum ledger_encoding encoding;
	bool dry_run;
	const char *name; /* the file's name for the audit row; may be NULL */
	/* Called every 1,000 rows and at the end of each phase; may be NULL. */
	void (*progress)(void *ctx, enum ledger_phase phase, size_t done, size_t total);
	void *progress_ctx;
};

struct ledger_result {
	enum enc_kind encoding; /* as read */
	size_t rows;            /* data rows (header and empty rows excluded) */
	size_t persons_created, persons_matched; /* children */
	size_t guardians_created, guardians_matched;
	size_t households;      /* created */
	size_t intakes, cases;  /* created (or, in a dry run, to be created) */
	size_t duplicates;      /* rows skipped as intakes already present */
	char sha256[65];        /* of the file's bytes, hex */
	struct ledger_issue *warnings;
	size_t nwarnings;
	struct ledger_issue *errors;
	size_t nerrors;
};

/* Import bytes[0..len) (the file as read from disk). opt may be NULL
 * (auto encoding, real import). *res is filled in every case (release with
 * ledger_result_release). Needs PERM_WRITE_CASE. Returns 0 (written, or
 * checked in a dry run); TSU_EINVAL when res->errors is not empty (nothing
 * written; e says how many); TSU_EPERM, TSU_EDB, TSU_EBUSY with nothing
 * written. */
int ledger_import(struct db *db, const struct staff *actor, const char *bytes, size_t len,
		  const struct ledger_import_opts *opt, struct ledger_result *res,
		  struct tsu_err *e);
void ledger_result_release(struct ledger_result *res);

enum ledger_export_kind {
	LEDGER_EXPORT_INTAKES, /* one row per intake, the import's columns */
	LEDGER_EXPORT_CASES,
	LEDGER_EXPORT_NOTES,   /* restricted notes only for their author, the
				* case's lead and staff with PERM_DECIDE */
	LEDGER_EXPORT_STATS    /* report_annual rendered as CSV; needs fy */
};

enum ledger_out_encoding {
	LEDGER_OUT_UTF8_BOM,
	LEDGER_OUT_CP932
};

struct ledger_export_opts {
	enum ledger_export_kind kind;
	int fy;              /* 年度 (intakes by 受付日, cases by opening, notes
			      * by date); 0 = all (not for stats) */
	enum ledger_out_encoding encoding;
	bool substitute;     /* CP932: write 〓 for what it cannot hold */
};

struct ledger_export {
	char *bytes;         /* the file; NULL when refused */
	size_t len;
	size_t rows;         /* data rows */
	struct ledger_issue *issues; /* CP932: characters lost (and variation
				      * selectors dropped), by row and column */
	size_t nissues;
	size_t lost;         /* characters CP932 cannot hold */
};

/* Export as described at the top. *out is filled in every case (release
 * with ledger_export_release). Returns 0 with out->bytes; TSU_EENCODING
 * (CP932 without substitute and out->lost > 0: out->issues lists them, no
 * bytes); TSU_EINVAL (stats without fy, a year outside 1900..9998);
 * TSU_EPERM; TSU_EDB. */
int ledger_export(struct db *db, const struct staff *actor, const struct ledger_export_opts *opt,
		  struct ledger_export *out, struct tsu_err *e);
void ledger_export_release(struct ledger_export *out);

/* "intakes", "cases", "notes", "stats" -> kind: 0 or TSU_EINVAL. */
int ledger_export_kind_parse(const char *s, enum ledger_export_kind *kind);

#endif
