/* fuzz_csv.c: libFuzzer target for the import path: arbitrary bytes through
 * encoding detection and conversion, then the CSV reader to the end (going
 * on after every error), then the writer and the reader again.
 * The first byte picks the reader limits and the writer flags; the rest is
 * the file. Invariants: detect and decode agree; decoded text is valid UTF-8;
 * text decoded from CP932 encodes back to CP932 without loss and decodes to
 * the same text again; fields are valid UTF-8 without NUL or control
 * characters; every error's row and column lie within the input and are the
 * ones the locator gives for its offset; what the writer writes reads back as
 * the same records; UTF-8 -> CP932 with 〓 never fails on valid text and
 * reports issues in order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/csv.h"
#include "tsunagu/enc.h"
#include "tsunagu/text.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() with the failed invariant's line, so a crash report names it */
#define check(cond) check_at((cond), __LINE__)

static void check_at(int cond, int line)
{
	if (!cond) {
		fprintf(stderr, "%s:%d: invariant failed\n", __FILE__, line);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	check(text_init() == 0);
	return 0;
}

/* Rows can only start after a line end; columns only after a comma. */
struct bounds {
	size_t rows, cols;
};

static struct bounds bounds_of(const char *s, size_t len)
{
	struct bounds b = {1, 1};

	for (size_t i = 0; i < len; i++) {
		b.rows += s[i] == '\n' || s[i] == '\r';
		b.cols += s[i] == ',';
	}
	return b;
}

static void check_pos(const struct csv_pos *p, const struct bounds *b, size_t len)
{
	check(p->row >= 1 && p->row <= b->rows);
	check(p->col >= 1 && p->col <= b->cols);
	check(p->line >= 1 && p->line <= b->rows);
	check(p->offset <= len);
}

static void check_field(const struct csv_field *f)
{
	size_t i = 0;

	check(strlen(f->s) == f->len);
	check(utf8_valid(f->s, f->len));
	while (i < f->len) {
		uint32_t cp;

		i += utf8_decode(f->s + i, f->len - i, &cp, NULL);
		check(cp >= 0x20 || cp == '\t' || cp == '\r' || cp == '\n');
		check(cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
	}
}

/* The records read, kept to compare with the writer's round trip. */
struct kept {
	char **s;
	size_t *len, *nf; /* per field; per record */
	size_t nfields, nrecs;
};

static void keep(struct kept *k, const struct csv_record *rec)
{
	k->nf = xreallocarray(k->nf, k->nrecs + 1, sizeof *k->nf);
	k->nf[k->nrecs++] = rec->n;
	k->s = xreallocarray(k->s, k->nfields + rec->n, sizeof *k->s);
	k->len = xreallocarray(k->len, k->nfields + rec->n, sizeof *k->len);
	for (size_t i = 0; i < rec->n; i++) {
		k->s[k->nfields] = xstrndup(rec->field[i].s, rec->field[i].len);
		k->len[k->nfields++] = rec->field[i].len;
	}
}

static void kept_free(struct kept *k)
{
	for (size_t i = 0; i < k->nfields; i++)
		free(k->s[i]);
	free(k->s);
	free(k->len);
	free(k->nf);
}

static void write_back(const struct kept *k, unsigned flags, struct sbuf *out)
{
	struct csv_writer w;
	size_t f = 0;

	csv_writer_init(&w, out, flags);
	for (size_t r = 0; r < k->nrecs; r++) {
		for (size_t i = 0; i < k->nf[r]; i++, f++)
			csv_writer_field(&w, k->s[f], k->len[f]);
		csv_writer_end_row(&w);
	}
}

static void round_trip(const struct kept *k, const struct csv_options *o, unsigned flags)
{
	struct sbuf out = {0};
	struct csv_reader *r;
	struct csv_record rec;
	size_t n = 0, f = 0;

	write_back(k, flags, &out);
	r = csv_reader_new(out.buf, out.len, o);
	while (csv_next(r, &rec, NULL) == 1) {
		check(n < k->nrecs && rec.n == k->nf[n]);
		for (size_t i = 0; i < rec.n; i++, f++)
			check(rec.field[i].len == k->len[f] &&
			      memcmp(rec.field[i].s, k->s[f], k->len[f]) == 0);
		n++;
	}
	check(n == k->nrecs && csv_reader_error(r)->kind == CSV_OK);
	csv_reader_free(&r);
	sbuf_release(&out);
}

static void read_all(const char *text, size_t len, const struct csv_options *o, unsigned flags)
{
	struct csv_reader *r = csv_reader_new(text, len, o);
	struct csv_locator *loc = csv_locator_new(text, len);
	struct bounds b = bounds_of(text, len);
	struct tsu_err e = {0};
	struct kept k = {0};
	struct csv_record rec;
	size_t rows = 0;
	int rc;

	while ((rc = csv_next(r, &rec, &e)) != 0) {
		rows++;
		check(csv_reader_rows(r) == rows);
		if (rc == 1) {
			check(rec.row == rows && rec.n >= 1);
			for (size_t i = 0; i < rec.n; i++)
				check_field(&rec.field[i]);
			keep(&k, &rec);
		} else {
			const struct csv_error *ce = csv_reader_error(r);
			struct csv_pos p;

			check(rc == TSU_EINVAL && ce->kind != CSV_OK && ce->pos.row == rows);
			check_pos(&ce->pos, &b, len);
			/* only an empty extra field can start at the very end */
			check(ce->pos.offset < len || ce->kind == CSV_E_FIELDS);
			check(csv_locator_find(loc, ce->pos.offset, &p) == 0);
			check(p.row == ce->pos.row && p.col == ce->pos.col &&
			      p.line == ce->pos.line);
		}
		check(rows <= b.rows);
	}
	round_trip(&k, o, flags);
	kept_free(&k);
	csv_locator_free(&loc);
	csv_reader_free(&r);
}

static void last_offset(void *ctx, const struct enc_issue *is)
{
	size_t *last = ctx;

	check(is->offset >= *last && is->len >= 1);
	*last = is->offset + is->len;
}

/* UTF-8 -> CP932 (with 〓) -> UTF-8; text decoded from CP932 must survive. */
static void cp932_trip(const char *text, size_t len, bool from_cp932)
{
	struct sbuf cp = {0}, back = {0}, again = {0};
	struct enc_stats st;
	size_t last = 0;

	check(enc_utf8_to_cp932(text, len, ENC_SUBSTITUTE, last_offset, &last, &cp, &st, NULL) ==
	      0);
	check(last <= len);
	check(enc_cp932_to_utf8(cp.buf ? cp.buf : "", cp.len, &back, NULL, NULL) == 0);
	check(utf8_valid(back.buf ? back.buf : "", back.len));
	if (from_cp932) {
		check(st.lost == 0 && st.selectors == 0);
		check(enc_utf8_to_cp932(back.buf ? back.buf : "", back.len, ENC_STRICT, NULL, NULL,
		                        &again, NULL, NULL) == 0);
		check(again.len == cp.len && memcmp(again.buf, cp.buf, cp.len) == 0);
	}
	sbuf_release(&cp);
	sbuf_release(&back);
	sbuf_release(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t limits[4] = {0, 1, 3, 40};
	struct sbuf text = {0};
	struct csv_options o;
	enum enc_kind k1 = ENC_UTF8, k2 = ENC_UTF8;
	size_t bad1 = 0, bad2 = 0;
	struct csv_pos pos;
	const char *in;
	int rc1, rc2;

	if (size < 1 || size > 65536)
		return 0;
	o.max_fields = limits[data[0] & 3];
	o.max_field_chars = limits[(data[0] >> 2) & 3];
	in = (const char *)data + 1;
	size--;
	rc1 = enc_detect(in, size, &k1, &bad1, NULL);
	rc2 = csv_decode(in, size, &text, &k2, &pos, NULL);
	check(rc1 == rc2);
	if (rc1 != 0) {
		struct bounds b = bounds_of(in, size);

		check(enc_decode(in, size, &text, &k2, &bad2, NULL) == rc1 && bad2 == bad1);
		check(bad1 < size && pos.offset == bad1 && text.len == 0 && !text.buf);
		check_pos(&pos, &b, size);
		return 0;
	}
	check(k1 == k2);
	check(utf8_valid(text.buf ? text.buf : "", text.len));
	read_all(text.buf ? text.buf : "", text.len, &o, (data[0] >> 4) & 3);
	cp932_trip(text.buf ? text.buf : "", text.len, k1 == ENC_CP932);
	sbuf_release(&text);
	return 0;
}
