/* csv.h: CSV as Excel reads and writes it (RFC 4180): a strict reader over
 * UTF-8 text, a header mapper for the ledgers' Japanese column names, a
 * writer, and the position finder that turns a byte offset into the row and
 * column a caseworker sees in Excel.
 *
 * Rows and columns are 1-based and count as Excel does: row = record (the
 * header is row 1; a quoted value with line breaks is still one row), column =
 * field. Messages name them as "5 行目 3 列目 (C 列)".
 *
 * Grammar accepted: records end with CRLF or LF (mixed is fine), the last one
 * optionally; fields are separated by ','; a field that starts with '"' is
 * quoted: '""' inside stands for '"', and CR, LF and ',' are data. A leading
 * UTF-8 BOM is skipped. An empty line is a record with one empty field (Excel
 * shows an empty row there); an empty input has no records. Field text is
 * kept as written (embedded line ends are not normalised).
 * Errors, each with its row and column: an unterminated quoted field, a '"'
 * inside an unquoted field, anything but ',' or a line end after a closing
 * quote, a lone CR outside quotes, a field longer than the limit, more fields
 * than the limit, a NUL byte, invalid UTF-8, and control characters other
 * than TAB, CR and LF (C0, DEL, C1): reported, never stripped. */
#ifndef TSU_CSV_H
#define TSU_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/enc.h"
#include "tsunagu/err.h"
#include "tsunagu/util.h"

#define CSV_DEFAULT_MAX_FIELD_CHARS 32768
#define CSV_DEFAULT_MAX_FIELDS      256

/* ---- positions -------------------------------------------------------------- */

struct csv_pos {
	size_t row;    /* 1-based record */
	size_t col;    /* 1-based field */
	size_t line;   /* 1-based physical line (LF count + 1), for text editors */
	size_t offset; /* 0-based byte offset in the buffer (the length of the
	                * buffer for an empty extra field at its very end) */
};

/* Excel's name for a 1-based column: 1 -> "A", 27 -> "AA". out gets at most
 * 15 characters and a NUL. */
void csv_colname(size_t col, char out[16]);

/* Finds positions in buf[0..len) (CSV in UTF-8, or in CP932: its multi-byte
 * characters never contain the bytes '"', ',', CR or LF) for offsets given in
 * non-decreasing order, in one pass over the buffer altogether. Structure
 * only: content errors do not matter, and after a quoting error the reader's
 * recovery is followed. The buffer must outlive the locator. */
struct csv_locator;
struct csv_locator *csv_locator_new(const char *buf, size_t len);
/* Position of the byte at offset (an offset at or past the end gives the
 * last field of the last record). Returns 0, or TSU_EINVAL if offset is
 * smaller than the one before (pos is then still filled, by a fresh scan). */
int csv_locator_find(struct csv_locator *loc, size_t offset, struct csv_pos *pos);
void csv_locator_free(struct csv_locator **loc);
/* One-off: csv_locator_find on a fresh locator. */
void csv_locate(const char *buf, size_t len, size_t offset, struct csv_pos *pos);

/* ---- reading ---------------------------------------------------------------- */

/* The bytes of a CSV file, as read from disk, to UTF-8 text (no BOM) appended
 * to out (enc_decode: BOM, else strict UTF-8, else CP932). *kind (may be NULL)
 * gets the encoding. Returns 0, or TSU_EENCODING with out unchanged, *pos
 * (may be NULL) and e naming the row and column of the first bad byte. */
int csv_decode(const char *bytes, size_t len, struct sbuf *out, enum enc_kind *kind,
               struct csv_pos *pos, struct tsu_err *e);

struct csv_options {
	size_t max_field_chars; /* code points per field; 0: the default */
	size_t max_fields;      /* fields per record; 0: the default */
};

struct csv_field {
	const char *s; /* NUL-terminated, valid UTF-8, no NUL inside */
	size_t len;    /* bytes */
};

struct csv_record {
	const struct csv_field *field; /* valid until the next csv_next/free */
	size_t n;                      /* >= 1 */
	size_t row;                    /* 1-based */
	size_t line;                   /* physical line where the record starts */
};

enum csv_errkind {
	CSV_OK,
	CSV_E_UNTERMINATED, /* at the opening quote; fatal, reading stops */
	CSV_E_QUOTE,        /* '"' in an unquoted field */
	CSV_E_AFTER_QUOTE,  /* not ',' or a line end after a closing quote */
	CSV_E_CR,           /* a lone CR outside quotes */
	CSV_E_LONG,         /* field over max_field_chars (at its start) */
	CSV_E_FIELDS,       /* more fields than max_fields (at the first extra) */
	CSV_E_NUL,
	CSV_E_UTF8,
	CSV_E_CONTROL
};

struct csv_error {
	enum csv_errkind kind;
	struct csv_pos pos; /* where: the offending byte, or as said above */
};

/* A reader over buf[0..len) (UTF-8; buf may be NULL if len is 0), which must
 * outlive it; opt may be NULL for the defaults. Never NULL. */
struct csv_reader *csv_reader_new(const char *buf, size_t len, const struct csv_options *opt);
void csv_reader_free(struct csv_reader **r);

/* The next record: returns 1 and fills rec, 0 at the end of the input, or
 * TSU_EINVAL for a bad record (e gets "<row> 行目 <col> 列目 (<C> 列): what",
 * csv_reader_error the details). After an error reading can go on with the
 * next record, so that every bad row can be listed in one pass; the record in
 * error is skipped whole (only its first error is reported). An unterminated
 * quote swallows the rest of the input: the next call returns 0. */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct tsu_err *e);
/* The last error returned by csv_next (kind CSV_OK if none). Never NULL. */
const struct csv_error *csv_reader_error(const struct csv_reader *r);
/* Records returned or skipped so far (= the row of the last one). */
size_t csv_reader_rows(const struct csv_reader *r);

/* ---- header ----------------------------------------------------------------- */

struct csv_unknown {
	size_t col; /* 1-based */
	char *name; /* as written (may be empty) */
};

struct csv_header {
	int *index; /* [nnames]: 0-based field of names[i], or -1 if absent */
	size_t nnames;
	struct csv_unknown *unknown; /* fields matching no name, in order */
	size_t nunknown;
};

/* Map the header record onto names[0..nnames) (the recognised column names,
 * e.g. "受付日", "児童氏名"). A header cell matches a name when both are equal
 * after key_fold (NFKC, so full/half width are one; katakana = hiragana; all
 * white space removed) and the removal of a BOM. h is filled (release with csv_header_release) and 0 returned, or
 * TSU_EINVAL if a name appears in two columns (e names both; h is then empty).
 * Unknown columns are listed for a warning (csv_header_warning), not an error. */
int csv_header_map(const struct csv_record *hdr, const char *const *names, size_t nnames,
                   struct csv_header *h, struct tsu_err *e);
void csv_header_release(struct csv_header *h);
/* "読み込まない列があります: F 列「備考2」、G 列 (見出しなし)" newly allocated,
 * or NULL when every column is known. */
char *csv_header_warning(const struct csv_header *h);

/* ---- writing ---------------------------------------------------------------- */

enum {
	CSV_W_BOM = 1,      /* start with EF BB BF (UTF-8 output for Excel) */
	CSV_W_QUOTE_ALL = 2 /* quote every field, not only those that need it */
};

/* Appends CSV to an sbuf: CRLF line ends, '"' doubled inside quotes; a field
 * is quoted when it contains ',', '"', CR or LF, starts with a BOM, or always
 * with CSV_W_QUOTE_ALL. Convert the finished text with enc_utf8_to_cp932 for
 * CP932 output. The members are private. */
struct csv_writer {
	struct sbuf *out;
	unsigned flags;
	size_t nfield; /* fields in the current row */
};

/* Start writing to out (initialised by the caller; appended to). */
void csv_writer_init(struct csv_writer *w, struct sbuf *out, unsigned flags);
/* One field s[0..len) (s may be NULL if len is 0). */
void csv_writer_field(struct csv_writer *w, const char *s, size_t len);
/* End the row with CRLF. A row without fields reads back as one empty field. */
void csv_writer_end_row(struct csv_writer *w);

#endif
