/* csv.c: the RFC 4180 reader, the offset -> row/column locator built on its
 * structural half, decoding of whole CSV files, header mapping and the writer.
 *
 * The reader makes one pass over the buffer: each byte is looked at once and
 * copied at most once (runs between escapes go in with one memcpy) into a
 * per-record text buffer that is reused, so reading is linear in the input.
 * The same state machine, with the content checks off ("raw"), drives the
 * locator, so an offset is always placed in the row and column the reader
 * itself would name, whatever the encoding of the bytes: in UTF-8 and CP932
 * alike the bytes '"', ',', CR and LF only ever stand for themselves. */
#include "tsunagu/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/key.h"
#include "tsunagu/utf8.h"

struct csv_reader {
	const char *buf;
	size_t len, pos;
	size_t max_chars, max_fields;
	bool raw;         /* structure only: no content checks (the locator) */
	bool dead;        /* an unterminated quote ate the rest */
	size_t rows;      /* records begun */
	size_t line;      /* physical line at pos */
	size_t rec_start; /* offset of the current record */
	size_t rec_line;
	size_t fline; /* line where the current field starts */
	/* the current record */
	struct sbuf text; /* the stored fields, each followed by a NUL */
	size_t *toff;     /* [stored]: offset of each field in text */
	size_t *rawoff;   /* [stored]: offset of each field in buf */
	struct csv_field *fields;
	size_t nf; /* fields seen (stored: min(nf, max_fields)) */
	size_t cap;
	struct csv_error err; /* the record's first error */
	uint32_t what;        /* the byte or code point it is about */
};

/* ---- reader: errors --------------------------------------------------------- */

static void fail(struct csv_reader *r, enum csv_errkind kind, size_t offset, size_t line,
                 uint32_t what)
{
	if (r->err.kind != CSV_OK)
		return;
	r->err.kind = kind;
	r->err.pos.row = r->rows;
	r->err.pos.col = r->nf;
	r->err.pos.line = line;
	r->err.pos.offset = offset;
	r->what = what;
}

void csv_colname(size_t col, char out[16])
{
	char tmp[16];
	size_t n = 0, i;

	while (col > 0 && n < 15) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

static const char *problem(const struct csv_reader *r, char buf[64])
{
	switch (r->err.kind) {
	case CSV_E_UNTERMINATED:
		return "引用符 (\") で始まった値が閉じられないままファイルが終わっています";
	case CSV_E_QUOTE: return "引用符で囲まれていない値の途中に引用符 (\") があります";
	case CSV_E_AFTER_QUOTE:
		return "閉じ引用符 (\") の後に余分な文字があります (カンマか改行が必要です)";
	case CSV_E_CR: return "CR だけの改行があります (CRLF か LF にしてください)";
	case CSV_E_NUL: return "NUL バイト (0x00) があります";
	case CSV_E_LONG:
		snprintf(buf, 64, "値が長すぎます (上限 %zu 文字)", r->max_chars);
		return buf;
	case CSV_E_FIELDS:
		snprintf(buf, 64, "列が多すぎます (上限 %zu 列)", r->max_fields);
		return buf;
	case CSV_E_UTF8:
		snprintf(buf, 64, "UTF-8 として不正なバイト 0x%02X があります", (unsigned)r->what);
		return buf;
	case CSV_E_CONTROL:
		snprintf(buf, 64, "制御文字 U+%04X があります", (unsigned)r->what);
		return buf;
	case CSV_OK: break;
	}
	return "?";
}

static int error_msg(const struct csv_reader *r, struct tsu_err *e)
{
	char col[16], tmp[64];

	csv_colname(r->err.pos.col, col);
	return err_set(e, TSU_EINVAL, "%zu 行目 %zu 列目 (%s 列): %s", r->err.pos.row,
	               r->err.pos.col, col, problem(r, tmp));
}

/* ---- reader: fields ---------------------------------------------------------- */

static bool stored(const struct csv_reader *r)
{
	return r->nf <= r->max_fields;
}

static void begin_field(struct csv_reader *r)
{
	size_t i = r->nf++;

	r->fline = r->line;
	if (!stored(r)) {
		fail(r, CSV_E_FIELDS, r->pos, r->line, 0);
		return;
	}
	if (i == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->toff = xreallocarray(r->toff, r->cap, sizeof *r->toff);
		r->rawoff = xreallocarray(r->rawoff, r->cap, sizeof *r->rawoff);
		r->fields = xreallocarray(r->fields, r->cap, sizeof *r->fields);
	}
	r->toff[i] = r->text.len;
	r->rawoff[i] = r->pos;
}

/* Copy buf[from..to) into the current field. */
static void flush(struct csv_reader *r, size_t from, size_t to)
{
	if (stored(r) && !r->raw && to > from)
		sbuf_add(&r->text, r->buf + from, to - from);
}

static void end_field(struct csv_reader *r)
{
	if (!stored(r))
		return;
	r->fields[r->nf - 1].len = r->text.len - r->toff[r->nf - 1];
	sbuf_addc(&r->text, '\0');
}

/* Check the character at pos inside a field (not CR or LF outside quotes) and
 * return its length in bytes. */
static size_t content(struct csv_reader *r)
{
	unsigned char b = (unsigned char)r->buf[r->pos];
	uint32_t cp;
	bool ok;
	size_t k;

	if (b == '\n')
		r->line++;
	if ((b >= 0x20 && b < 0x7F) || r->raw)
		return 1;
	if (b < 0x80) {
		if (b != '\t' && b != '\n' && b != '\r')
			fail(r, b ? CSV_E_CONTROL : CSV_E_NUL, r->pos, r->line, b);
		return 1;
	}
	k = utf8_decode(r->buf + r->pos, r->len - r->pos, &cp, &ok);
	if (!ok)
		fail(r, CSV_E_UTF8, r->pos, r->line, b);
	else if (cp < 0xA0)
		fail(r, CSV_E_CONTROL, r->pos, r->line, cp);
	return k;
}

static void count_char(struct csv_reader *r, size_t *chars, size_t start)
{
	if (++*chars > r->max_chars)
		fail(r, CSV_E_LONG, start, r->fline, 0);
}

/* A line end at pos? Consumes it and returns true. */
static bool line_end(struct csv_reader *r)
{
	const char *b = r->buf + r->pos;

	if (*b == '\n') {
		r->pos++;
		r->line++;
		return true;
	}
	if (*b == '\r' && r->pos + 1 < r->len && b[1] == '\n') {
		r->pos += 2;
		r->line++;
		return true;
	}
	if (*b == '\r') { /* a lone CR: an error, but still a line end */
		fail(r, CSV_E_CR, r->pos, r->line, '\r');
		r->pos++;
		return true;
	}
	return false;
}

/* The unquoted part of a field, from pos; run is where uncopied text starts.
 * Returns true when the record ended. */
static bool unquoted(struct csv_reader *r, size_t run, size_t chars, size_t start)
{
	while (r->pos < r->len) {
		char c = r->buf[r->pos];

		if (c == ',' || c == '\n' || c == '\r') {
			flush(r, run, r->pos);
			end_field(r);
			if (c == ',') {
				r->pos++;
				return false;
			}
			return line_end(r);
		}
		if (c == '"') {
			fail(r, CSV_E_QUOTE, r->pos, r->line, '"');
			r->pos++;
		} else {
			r->pos += content(r);
		}
		count_char(r, &chars, start);
	}
	flush(r, run, r->pos);
	end_field(r);
	return true;
}

/* After a closing quote: a separator, a line end, the end, or garbage (which
 * is reported and then read as more of the field). */
static bool after_quote(struct csv_reader *r, size_t chars, size_t start)
{
	if (r->pos >= r->len) {
		end_field(r);
		return true;
	}
	if (r->buf[r->pos] == ',') {
		end_field(r);
		r->pos++;
		return false;
	}
	if (r->buf[r->pos] == '\n' || r->buf[r->pos] == '\r') {
		end_field(r);
		return line_end(r);
	}
	fail(r, CSV_E_AFTER_QUOTE, r->pos, r->line, (unsigned char)r->buf[r->pos]);
	return unquoted(r, r->pos, chars, start);
}

static bool quoted(struct csv_reader *r)
{
	size_t start = r->pos, line = r->line, chars = 0, run;

	run = ++r->pos;
	for (;;) {
		if (r->pos >= r->len) {
			/* fatal, so it wins over an earlier error in the record */
			r->err.kind = CSV_OK;
			fail(r, CSV_E_UNTERMINATED, start, line, '"');
			r->dead = true;
			flush(r, run, r->len);
			end_field(r);
			return true;
		}
		if (r->buf[r->pos] == '"') {
			if (r->pos + 1 >= r->len || r->buf[r->pos + 1] != '"')
				break;
			flush(r, run, r->pos + 1); /* one quote of the two */
			r->pos += 2;
			run = r->pos;
		} else {
			r->pos += content(r);
		}
		count_char(r, &chars, start);
	}
	flush(r, run, r->pos);
	r->pos++;
	return after_quote(r, chars, start);
}

/* One field from pos; returns true when the record ended. */
static bool read_field(struct csv_reader *r)
{
	begin_field(r);
	if (r->pos < r->len && r->buf[r->pos] == '"')
		return quoted(r);
	return unquoted(r, r->pos, 0, r->pos);
}

/* One whole record (pos < len): fields, errors and all. */
static void read_record(struct csv_reader *r)
{
	size_t i, n;

	r->nf = 0;
	r->err.kind = CSV_OK;
	r->rows++;
	r->rec_start = r->pos;
	r->rec_line = r->line;
	sbuf_reset(&r->text);
	while (!read_field(r))
		;
	n = r->nf < r->max_fields ? r->nf : r->max_fields;
	for (i = 0; i < n && !r->raw; i++)
		r->fields[i].s = r->text.buf + r->toff[i];
}

/* ---- reader: public ---------------------------------------------------------- */

static struct csv_reader *reader_new(const char *buf, size_t len, size_t max_chars,
                                     size_t max_fields)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);

	r->buf = len ? buf : "";
	r->len = len;
	r->max_chars = max_chars ? max_chars : CSV_DEFAULT_MAX_FIELD_CHARS;
	r->max_fields = max_fields ? max_fields : CSV_DEFAULT_MAX_FIELDS;
	r->line = 1;
	if (len >= ENC_BOM_LEN && memcmp(buf, ENC_BOM, ENC_BOM_LEN) == 0)
		r->pos = ENC_BOM_LEN;
	return r;
}

struct csv_reader *csv_reader_new(const char *buf, size_t len, const struct csv_options *opt)
{
	return reader_new(buf, len, opt ? opt->max_field_chars : 0, opt ? opt->max_fields : 0);
}

void csv_reader_free(struct csv_reader **r)
{
	if (!r || !*r)
		return;
	sbuf_release(&(*r)->text);
	free((*r)->toff);
	free((*r)->rawoff);
	free((*r)->fields);
	free(*r);
	*r = NULL;
}

int csv_next(struct csv_reader *r, struct csv_record *rec, struct tsu_err *e)
{
	if (r->dead || r->pos >= r->len) {
		r->err.kind = CSV_OK;
		return 0;
	}
	read_record(r);
	if (r->err.kind != CSV_OK)
		return error_msg(r, e);
	rec->field = r->fields;
	rec->n = r->nf;
	rec->row = r->rows;
	rec->line = r->rec_line;
	return 1;
}

const struct csv_error *csv_reader_error(const struct csv_reader *r)
{
	return &r->err;
}

size_t csv_reader_rows(const struct csv_reader *r)
{
	return r->rows;
}

/* ---- locator ----------------------------------------------------------------- */

struct csv_locator {
	struct csv_reader *r;
	size_t last;        /* the offset asked for last */
	size_t lpos, lline; /* LFs counted up to lpos */
};

struct csv_locator *csv_locator_new(const char *buf, size_t len)
{
	struct csv_locator *loc = xcalloc(1, sizeof *loc);

	loc->r = reader_new(buf, len, SIZE_MAX, SIZE_MAX);
	loc->r->raw = true;
	loc->lline = 1;
	return loc;
}

void csv_locator_free(struct csv_locator **loc)
{
	if (!loc || !*loc)
		return;
	csv_reader_free(&(*loc)->r);
	free(*loc);
	*loc = NULL;
}

static size_t field_at(const struct csv_reader *r, size_t offset)
{
	size_t lo = 0, hi = r->nf; /* the last field starting at or before offset */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->rawoff[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

static void fill_pos(struct csv_locator *loc, size_t offset, struct csv_pos *pos)
{
	struct csv_reader *r = loc->r;
	const char *nl;

	while (loc->lpos < offset &&
	       (nl = memchr(r->buf + loc->lpos, '\n', offset - loc->lpos)) != NULL) {
		loc->lline++;
		loc->lpos = (size_t)(nl - r->buf) + 1;
	}
	if (loc->lpos < offset)
		loc->lpos = offset;
	pos->offset = offset;
	pos->line = loc->lline;
	pos->row = r->rows ? r->rows : 1;
	pos->col = r->nf ? field_at(r, offset) : 1;
}

int csv_locator_find(struct csv_locator *loc, size_t offset, struct csv_pos *pos)
{
	struct csv_reader *r = loc->r;
	int rc = 0;

	if (offset < loc->last) {
		const char *buf = r->buf;
		size_t len = r->len;

		csv_reader_free(&loc->r);
		memset(loc, 0, sizeof *loc);
		loc->r = r = reader_new(buf, len, SIZE_MAX, SIZE_MAX);
		r->raw = true;
		loc->lline = 1;
		rc = TSU_EINVAL;
	}
	loc->last = offset;
	if (offset > r->len)
		offset = r->len;
	while ((r->rows == 0 || r->pos <= offset) && r->pos < r->len)
		read_record(r);
	fill_pos(loc, offset, pos);
	return rc;
}

void csv_locate(const char *buf, size_t len, size_t offset, struct csv_pos *pos)
{
	struct csv_locator *loc = csv_locator_new(buf, len);

	csv_locator_find(loc, offset, pos);
	csv_locator_free(&loc);
}

int csv_decode(const char *bytes, size_t len, struct sbuf *out, enum enc_kind *kind,
               struct csv_pos *pos, struct tsu_err *e)
{
	enum enc_kind k = ENC_UTF8;
	size_t bad = SIZE_MAX;
	struct csv_pos p;
	char col[16];
	int rc = enc_decode(bytes, len, out, &k, &bad, e);

	if (rc == 0) {
		if (kind)
			*kind = k;
		return 0;
	}
	if (bad == SIZE_MAX)
		return rc;
	csv_locate(bytes, len, bad, &p);
	if (pos)
		*pos = p;
	csv_colname(p.col, col);
	err_prefix(e, "%zu 行目 %zu 列目 (%s 列)", p.row, p.col, col);
	return rc;
}

/* ---- header ------------------------------------------------------------------ */

static char *fold_name(const char *s)
{
	while (strncmp(s, ENC_BOM, ENC_BOM_LEN) == 0)
		s += ENC_BOM_LEN;
	return key_fold(s);
}

static int duplicate(struct csv_header *h, const char *name, size_t a, size_t b, struct tsu_err *e)
{
	char ca[16], cb[16];

	csv_colname(a, ca);
	csv_colname(b, cb);
	csv_header_release(h);
	return err_set(e, TSU_EINVAL, "1 行目: 見出し「%s」が %s 列と %s 列の両方にあります", name,
	               ca, cb);
}

static void add_unknown(struct csv_header *h, size_t col, const char *name)
{
	h->unknown = xreallocarray(h->unknown, h->nunknown + 1, sizeof *h->unknown);
	h->unknown[h->nunknown].col = col;
	h->unknown[h->nunknown].name = xstrdup(name);
	h->nunknown++;
}

/* Index of the name whose fold equals key, or nnames. */
static size_t find_name(char **keys, size_t nnames, const char *key)
{
	size_t j;

	for (j = 0; j < nnames; j++)
		if (keys[j][0] && strcmp(keys[j], key) == 0)
			return j;
	return nnames;
}

static void free_keys(char **keys, size_t n)
{
	for (size_t j = 0; j < n; j++)
		free(keys[j]);
	free(keys);
}

int csv_header_map(const struct csv_record *hdr, const char *const *names, size_t nnames,
                   struct csv_header *h, struct tsu_err *e)
{
	char **keys = xcalloc(nnames ? nnames : 1, sizeof *keys);
	size_t i, j;
	int rc = 0;

	memset(h, 0, sizeof *h);
	h->nnames = nnames;
	h->index = xcalloc(nnames ? nnames : 1, sizeof *h->index);
	for (j = 0; j < nnames; j++) {
		keys[j] = fold_name(names[j]);
		h->index[j] = -1;
	}
	for (i = 0; i < hdr->n && rc == 0; i++) {
		char *k = fold_name(hdr->field[i].s);

		j = k[0] ? find_name(keys, nnames, k) : nnames;
		if (j == nnames)
			add_unknown(h, i + 1, hdr->field[i].s);
		else if (h->index[j] >= 0)
			rc = duplicate(h, names[j], (size_t)h->index[j] + 1, i + 1, e);
		else
			h->index[j] = (int)i;
		free(k);
	}
	free_keys(keys, nnames);
	return rc;
}

void csv_header_release(struct csv_header *h)
{
	for (size_t i = 0; i < h->nunknown; i++)
		free(h->unknown[i].name);
	free(h->unknown);
	free(h->index);
	memset(h, 0, sizeof *h);
}

char *csv_header_warning(const struct csv_header *h)
{
	struct sbuf sb = {0};
	char col[16];

	if (h->nunknown == 0)
		return NULL;
	sbuf_adds(&sb, "読み込まない列があります: ");
	for (size_t i = 0; i < h->nunknown; i++) {
		csv_colname(h->unknown[i].col, col);
		if (i)
			sbuf_adds(&sb, "、");
		if (h->unknown[i].name[0])
			sbuf_addf(&sb, "%s 列「%s」", col, h->unknown[i].name);
		else
			sbuf_addf(&sb, "%s 列 (見出しなし)", col);
	}
	return sbuf_detach(&sb);
}

/* ---- writer ------------------------------------------------------------------ */

void csv_writer_init(struct csv_writer *w, struct sbuf *out, unsigned flags)
{
	w->out = out;
	w->flags = flags;
	w->nfield = 0;
	if (flags & CSV_W_BOM)
		sbuf_add(out, ENC_BOM, ENC_BOM_LEN);
}

static bool needs_quotes(const char *s, size_t len)
{
	if (len >= ENC_BOM_LEN && memcmp(s, ENC_BOM, ENC_BOM_LEN) == 0)
		return true;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

void csv_writer_field(struct csv_writer *w, const char *s, size_t len)
{
	const char *q;

	if (w->nfield++)
		sbuf_addc(w->out, ',');
	if (!(w->flags & CSV_W_QUOTE_ALL) && !needs_quotes(s, len)) {
		sbuf_add(w->out, s, len);
		return;
	}
	sbuf_addc(w->out, '"');
	while (len > 0 && (q = memchr(s, '"', len)) != NULL) {
		size_t n = (size_t)(q - s) + 1;

		sbuf_add(w->out, s, n); /* up to and with the quote, */
		sbuf_addc(w->out, '"'); /* which is doubled */
		s += n;
		len -= n;
	}
	sbuf_add(w->out, s, len);
	sbuf_addc(w->out, '"');
}

void csv_writer_end_row(struct csv_writer *w)
{
	sbuf_add(w->out, "\r\n", 2);
	w->nfield = 0;
}
