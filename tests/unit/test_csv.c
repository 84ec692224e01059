/* test_csv.c: the CSV reader (every error with its exact row and column),
 * the locator, decoding of UTF-8/BOM/CP932 files, header mapping, the writer
 * and the export path to CP932; a 100,000-row file for scale. Bad input first. */
#include "testutil.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsunagu/csv.h"
#include "tsunagu/enc.h"
#include "tsunagu/text.h"
#include "tsunagu/util.h"

static int setup(void **state)
{
	return text_init();
}

/* Read buf[0..len) to the first error: it must be kind at row/col/offset. */
static void expect_error(const char *buf, size_t len, const struct csv_options *opt,
                         enum csv_errkind kind, size_t row, size_t col, size_t offset)
{
	struct csv_reader *r = csv_reader_new(buf, len, opt);
	struct tsu_err e = {0};
	struct csv_record rec;
	const struct csv_error *ce;
	int rc;

	while ((rc = csv_next(r, &rec, &e)) == 1)
		;
	assert_int_equal(rc, TSU_EINVAL);
	ce = csv_reader_error(r);
	assert_int_equal(ce->kind, kind);
	assert_int_equal(ce->pos.row, row);
	assert_int_equal(ce->pos.col, col);
	assert_int_equal(ce->pos.offset, offset);
	assert_int_equal(e.code, TSU_EINVAL);
	csv_reader_free(&r);
	assert_null(r);
}

static void expect_msg(const char *buf, const char *want)
{
	struct csv_reader *r = csv_reader_new(buf, strlen(buf), NULL);
	struct tsu_err e = {0};
	struct csv_record rec;

	while (csv_next(r, &rec, &e) == 1)
		;
	assert_string_equal(e.msg, want);
	csv_reader_free(&r);
}

/* ---- reader errors --------------------------------------------------------------- */

static void test_err_unterminated(void **state)
{
	const char *s = "a,b\r\nc,\"de\r\nf\n";
	struct csv_reader *r = csv_reader_new(s, strlen(s), NULL);
	struct tsu_err e = {0};
	struct csv_record rec;

	expect_error(s, strlen(s), NULL, CSV_E_UNTERMINATED, 2, 2, 7);
	assert_int_equal(csv_next(r, &rec, &e), 1);
	assert_int_equal(csv_next(r, &rec, &e), TSU_EINVAL);
	assert_int_equal(csv_reader_error(r)->pos.line, 2);
	assert_int_equal(csv_next(r, &rec, &e), 0); /* the rest was swallowed */
	assert_int_equal(csv_next(r, &rec, &e), 0);
	csv_reader_free(&r);
	expect_msg("\"", "1 行目 1 列目 (A 列): 引用符 (\") "
	                 "で始まった値が閉じられないままファイルが終わっています");
	/* fatal: wins over an earlier error in the same record */
	expect_error("a\x01,\"b", 5, NULL, CSV_E_UNTERMINATED, 1, 2, 3);
}

static void test_err_quote_in_field(void **state)
{
	const char *s = "id,name\nx,ab\"c\n";

	expect_error(s, strlen(s), NULL, CSV_E_QUOTE, 2, 2, 12);
	expect_msg(s,
	           "2 行目 2 列目 (B 列): 引用符で囲まれていない値の途中に引用符 (\") があります");
	expect_error("a\"", 2, NULL, CSV_E_QUOTE, 1, 1, 1);
}

static void test_err_after_quote(void **state)
{
	expect_error("\"ab\"x,c\n", 8, NULL, CSV_E_AFTER_QUOTE, 1, 1, 4);
	expect_error("h\r\n1,\"ok\" ,3\r\n", 14, NULL, CSV_E_AFTER_QUOTE, 2, 2, 9);
	expect_msg("\"a\"\"\"b", "1 行目 1 列目 (A 列): 閉じ引用符 (\") の後に余分な文字があります "
	                         "(カンマか改行が必要です)");
}

static void test_err_lone_cr(void **state)
{
	expect_error("a\rb\n", 4, NULL, CSV_E_CR, 1, 1, 1);
	expect_error("a,b\r\nc,d\r", 9, NULL, CSV_E_CR, 2, 2, 8);
	/* inside quotes a CR is data */
	expect_error("\"a\rb\",\x7f", 7, NULL, CSV_E_CONTROL, 1, 2, 6);
}

static void test_err_too_long(void **state)
{
	struct csv_options o = {.max_field_chars = 3};
	struct csv_reader *r;
	struct tsu_err e = {0};
	struct csv_record rec;
	const char *ok = "abc,あいう,\"a\"\"\"\n";

	expect_error("abc,ありがとう\n", strlen("abc,ありがとう\n"), &o, CSV_E_LONG, 1, 2, 4);
	expect_error("h\n\"abcd\"\n", 9, &o, CSV_E_LONG, 2, 1, 2);
	/* exactly at the limit (characters, not bytes; "" counts one) is fine */
	r = csv_reader_new(ok, strlen(ok), &o);
	assert_int_equal(csv_next(r, &rec, &e), 1);
	assert_int_equal(rec.n, 3);
	assert_string_equal(rec.field[2].s, "a\"");
	csv_reader_free(&r);
}

static void test_err_too_many(void **state)
{
	struct csv_options o = {.max_fields = 2};
	struct csv_pos p;

	expect_error("a,b\nc,d,e,f\n", 12, &o, CSV_E_FIELDS, 2, 3, 8);
	expect_error("a,b,\n", 5, &o, CSV_E_FIELDS, 1, 3, 4);
	/* an empty extra field at the very end starts at the end (fuzz find) */
	expect_error("a,b,", 4, &o, CSV_E_FIELDS, 1, 3, 4);
	csv_locate("a,b,", 4, 4, &p);
	assert_int_equal(p.col, 3);
}

static void test_err_nul(void **state)
{
	expect_error("a,b\0c\n", 6, NULL, CSV_E_NUL, 1, 2, 3);
	expect_error("\"\0\"", 3, NULL, CSV_E_NUL, 1, 1, 1);
}

static void test_err_utf8(void **state)
{
	expect_error("a\n\"x\xFFy\"\n", 9, NULL, CSV_E_UTF8, 2, 1, 4);
	expect_error("a,\xE3\x81", 4, NULL, CSV_E_UTF8, 1, 2, 2);
	/* CP932 given to the reader directly */
	expect_error("id,\x8E\x52\n", 6, NULL, CSV_E_UTF8, 1, 2, 3);
	expect_msg("a,\xC0\xAF", "1 行目 2 列目 (B 列): UTF-8 として不正なバイト 0xC0 があります");
}

static void test_err_control(void **state)
{
	expect_error("a,\x07\n", 4, NULL, CSV_E_CONTROL, 1, 2, 2);
	expect_error("x\n\"a\nb\x1B[31m\"\n", 13, NULL, CSV_E_CONTROL, 2, 1, 6);
	expect_error("a\x7F", 2, NULL, CSV_E_CONTROL, 1, 1, 1);
	expect_error("ab,c\xC2\x85", 6, NULL, CSV_E_CONTROL, 1, 2, 4); /* C1 NEL */
	expect_msg("a,b\n\x1B", "2 行目 1 列目 (A 列): 制御文字 U+001B があります");
}

/* Every bad row in one pass; good rows in between still come through. */
static void test_err_recovery(void **state)
{
	const char *s = "h1,h2\nok,1\nbad\"x,2\n\"a\nb\",3\n\"q\"z,4\nc,\x01\nlast,5";
	struct csv_reader *r = csv_reader_new(s, strlen(s), NULL);
	struct tsu_err e = {0};
	struct csv_record rec;
	size_t good[8], bad[8], ng = 0, nb = 0;
	int rc;

	while ((rc = csv_next(r, &rec, &e)) != 0) {
		if (rc == 1)
			good[ng++] = rec.row;
		else
			bad[nb++] = csv_reader_error(r)->pos.row;
	}
	assert_int_equal(ng, 4);
	assert_int_equal(good[0], 1);
	assert_int_equal(good[1], 2);
	assert_int_equal(good[2], 4);
	assert_int_equal(good[3], 7);
	assert_int_equal(nb, 3);
	assert_int_equal(bad[0], 3);
	assert_int_equal(bad[1], 5);
	assert_int_equal(bad[2], 6);
	assert_int_equal(csv_reader_rows(r), 7);
	csv_reader_free(&r);
}

/* ---- reader: good input ---------------------------------------------------------- */

struct rows {
	char text[16][8][32];
	size_t nf[16], row[16], line[16];
	size_t n;
};

static void read_all(const char *s, size_t len, struct rows *out)
{
	struct csv_reader *r = csv_reader_new(s, len, NULL);
	struct tsu_err e = {0};
	struct csv_record rec;
	int rc;

	memset(out, 0, sizeof *out);
	while ((rc = csv_next(r, &rec, &e)) == 1) {
		assert_true(out->n < 16 && rec.n <= 8);
		for (size_t i = 0; i < rec.n; i++) {
			assert_int_equal(strlen(rec.field[i].s), rec.field[i].len);
			assert_true(rec.field[i].len < 32);
			memcpy(out->text[out->n][i], rec.field[i].s, rec.field[i].len + 1);
		}
		out->nf[out->n] = rec.n;
		out->row[out->n] = rec.row;
		out->line[out->n++] = rec.line;
	}
	if (rc != 0)
		fail_msg("unexpected error: %s", e.msg);
	csv_reader_free(&r);
}

static void test_crlf_and_lf(void **state)
{
	struct rows a, b, c, d;

	read_all("id,name\r\n1,山田\r\n", strlen("id,name\r\n1,山田\r\n"), &a);
	read_all("id,name\n1,山田\n", strlen("id,name\n1,山田\n"), &b);
	read_all("id,name\n1,山田\r\n", strlen("id,name\n1,山田\r\n"), &c); /* mixed */
	read_all("id,name\r\n1,山田", strlen("id,name\r\n1,山田"), &d);     /* no final line end */
	assert_int_equal(a.n, 2);
	assert_int_equal(b.n, 2);
	assert_int_equal(c.n, 2);
	assert_int_equal(d.n, 2);
	for (size_t i = 0; i < 2; i++)
		for (size_t j = 0; j < 2; j++) {
			assert_string_equal(a.text[i][j], b.text[i][j]);
			assert_string_equal(a.text[i][j], c.text[i][j]);
			assert_string_equal(a.text[i][j], d.text[i][j]);
		}
	assert_string_equal(a.text[1][1], "山田");
}

static void test_quoted_newlines_count_rows(void **state)
{
	const char *s = "h1,h2\r\n\"a\r\nb\",c\r\n\"x\ny\nz\",\"\"\r\nd,e\r\n";
	struct rows r;

	read_all(s, strlen(s), &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.text[1][0], "a\r\nb"); /* kept as written */
	assert_string_equal(r.text[2][0], "x\ny\nz");
	assert_string_equal(r.text[2][1], "");
	assert_int_equal(r.row[3], 4);
	assert_int_equal(r.line[1], 2);
	assert_int_equal(r.line[2], 4);
	assert_int_equal(r.line[3], 7);
	/* an error after them is named by row, and its line is the physical one */
	expect_error("h\n\"x\ny\"\nbad\"q\n", 14, NULL, CSV_E_QUOTE, 3, 1, 11);
}

static void test_quotes_and_empties(void **state)
{
	const char *s = "\"a\"\"b\",\"\",,\"c,d\"\n,\n\n\"\"\"\"\n";
	struct rows r;

	read_all(s, strlen(s), &r);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.nf[0], 4);
	assert_string_equal(r.text[0][0], "a\"b");
	assert_string_equal(r.text[0][1], "");
	assert_string_equal(r.text[0][2], "");
	assert_string_equal(r.text[0][3], "c,d");
	assert_int_equal(r.nf[1], 2);
	assert_int_equal(r.nf[2], 1); /* an empty line: one empty field */
	assert_string_equal(r.text[2][0], "");
	assert_string_equal(r.text[3][0], "\"");
	read_all("", 0, &r);
	assert_int_equal(r.n, 0);
	read_all(ENC_BOM, 3, &r);
	assert_int_equal(r.n, 0);
	read_all("a,b\n\n", 5, &r);
	assert_int_equal(r.n, 2);
	read_all("x\t y ,", 6, &r); /* TAB and spaces are data */
	assert_string_equal(r.text[0][0], "x\t y ");
	assert_int_equal(r.nf[0], 2);
}

static void test_bom(void **state)
{
	struct rows r;

	read_all(ENC_BOM "受付日,氏名\n", strlen(ENC_BOM "受付日,氏名\n"), &r);
	assert_string_equal(r.text[0][0], "受付日");
	/* only a leading BOM is skipped */
	read_all("a," ENC_BOM "b", 6, &r);
	assert_string_equal(r.text[0][1], ENC_BOM "b");
}

static void test_colname(void **state)
{
	static const struct {
		size_t col;
		const char *name;
	} t[] = {{1, "A"},   {3, "C"},    {26, "Z"},    {27, "AA"},     {52, "AZ"},
	         {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}, {0, ""}};
	char buf[16];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		csv_colname(t[i].col, buf);
		assert_string_equal(buf, t[i].name);
	}
}

/* ---- locator and decoding -------------------------------------------------------- */

static void expect_pos(struct csv_locator *loc, size_t off, size_t row, size_t col, size_t line)
{
	struct csv_pos p;

	assert_int_equal(csv_locator_find(loc, off, &p), 0);
	assert_int_equal(p.row, row);
	assert_int_equal(p.col, col);
	assert_int_equal(p.line, line);
	assert_int_equal(p.offset, off);
}

static void test_locator(void **state)
{
	/* offsets: a0 ,1 b2 CR3 LF4 "5 x6 LF7 y8 "9 ,10 z11 z12 CR13 LF14 q15 */
	const char *s = "a,b\r\n\"x\ny\",zz\r\nq";
	struct csv_locator *loc = csv_locator_new(s, strlen(s));
	struct csv_pos p;

	expect_pos(loc, 0, 1, 1, 1);
	expect_pos(loc, 2, 1, 2, 1);
	expect_pos(loc, 3, 1, 2, 1); /* the CR belongs to the last field */
	expect_pos(loc, 5, 2, 1, 2);
	expect_pos(loc, 8, 2, 1, 3);
	expect_pos(loc, 12, 2, 2, 3);
	expect_pos(loc, 15, 3, 1, 4);
	assert_int_equal(csv_locator_find(loc, 2, &p), TSU_EINVAL); /* backwards: rescans */
	assert_int_equal(p.row, 1);
	assert_int_equal(p.col, 2);
	csv_locator_free(&loc);
	assert_null(loc);
	csv_locate("", 0, 0, &p);
	assert_int_equal(p.row, 1);
	assert_int_equal(p.col, 1);
	csv_locate(s, strlen(s), 999, &p); /* past the end: the last field */
	assert_int_equal(p.row, 3);
	assert_int_equal(p.col, 1);
}

/* Test-side iconv, independent of enc.c. */
static char *to_cp932(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	size_t left = strlen(utf8), room = left * 2 + 16;
	char *out = xmalloc(room), *in = (char *)utf8, *o = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &left, &o, &room) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
}

static void test_decode_cp932_bad_byte(void **state)
{
	const char *text = "受付日,児童氏名\r\n2024/4/1,髙橋 ①\r\n2024/4/2,\"﨑\r\nｶﾞ\",X\r\n";
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct csv_pos p;
	size_t n;
	char *b = to_cp932(text, &n);
	char *x = memchr(b, 'X', n);

	*x = '\xFF'; /* row 3, column 3, after a quoted line break */
	assert_int_equal(csv_decode(b, n, &out, NULL, &p, &e), TSU_EENCODING);
	assert_int_equal(p.row, 3);
	assert_int_equal(p.col, 3);
	assert_int_equal(p.line, 4);
	assert_int_equal(p.offset, (size_t)(x - b));
	assert_int_equal(out.len, 0);
	assert_true(
	    strncmp(
	        e.msg,
	        "3 行目 3 列目 (C 列): UTF-8 としても CP932 (Shift_JIS) としても読めません: CP932",
	        strlen("3 行目 3 列目 (C 列): UTF-8 としても CP932 (Shift_JIS) としても読めません: "
	               "CP932")) == 0);
	sbuf_release(&out);
	free(b);
}

static void test_decode_kinds(void **state)
{
	const char *text = "受付日,児童氏名\r\n2024/4/1,髙橋 ① ～ 﨑 ｶﾞ\r\n";
	struct tsu_err e = {0};
	struct sbuf out = {0};
	enum enc_kind k = ENC_UTF8;
	struct rows r;
	size_t n;
	char *b = to_cp932(text, &n);

	assert_int_equal(csv_decode(b, n, &out, &k, NULL, &e), 0);
	assert_int_equal(k, ENC_CP932);
	assert_string_equal(out.buf, text);
	read_all(out.buf, out.len, &r);
	assert_string_equal(r.text[1][1], "髙橋 ① ～ 﨑 ｶﾞ");
	sbuf_reset(&out);
	assert_int_equal(csv_decode(ENC_BOM "a,b\r\n", 8, &out, &k, NULL, &e), 0);
	assert_int_equal(k, ENC_UTF8_BOM);
	assert_string_equal(out.buf, "a,b\r\n");
	sbuf_reset(&out);
	assert_int_equal(csv_decode(text, strlen(text), &out, &k, NULL, &e), 0);
	assert_int_equal(k, ENC_UTF8);
	free(b);
	sbuf_release(&out);
}

/* ---- header ------------------------------------------------------------------------ */

static const char *const names[] = {"受付日", "児童氏名", "フリガナ", "ID", "生年月日"};
#define NNAMES (sizeof names / sizeof names[0])

static int map_header(const char *line, struct csv_header *h, struct tsu_err *e)
{
	struct csv_reader *r = csv_reader_new(line, strlen(line), NULL);
	struct csv_record rec;
	int rc;

	assert_int_equal(csv_next(r, &rec, e), 1);
	rc = csv_header_map(&rec, names, NNAMES, h, e);
	csv_reader_free(&r);
	return rc;
}

static void test_header_duplicate(void **state)
{
	struct tsu_err e = {0};
	struct csv_header h;

	assert_int_equal(map_header("受付日,児童氏名,受付日　\r\n", &h, &e), TSU_EINVAL);
	assert_string_equal(e.msg, "1 行目: 見出し「受付日」が A 列と C 列の両方にあります");
	assert_null(h.index);
	assert_int_equal(map_header("ﾌﾘｶﾞﾅ,ふりがな", &h, &e), TSU_EINVAL);
}

static void test_header_map(void **state)
{
	struct tsu_err e = {0};
	struct csv_header h;
	char *w;

	assert_int_equal(map_header(ENC_BOM " 受付日 ,児童 氏名,ＩＤ,備考2,,ﾌﾘｶﾞﾅ\r\n", &h, &e), 0);
	assert_int_equal(h.nnames, NNAMES);
	assert_int_equal(h.index[0], 0);
	assert_int_equal(h.index[1], 1);
	assert_int_equal(h.index[2], 5);
	assert_int_equal(h.index[3], 2);
	assert_int_equal(h.index[4], -1);
	assert_int_equal(h.nunknown, 2);
	assert_int_equal(h.unknown[0].col, 4);
	assert_string_equal(h.unknown[0].name, "備考2");
	assert_int_equal(h.unknown[1].col, 5);
	w = csv_header_warning(&h);
	assert_string_equal(w, "読み込まない列があります: D 列「備考2」、E 列 (見出しなし)");
	free(w);
	csv_header_release(&h);
	assert_int_equal(map_header("受付日,id", &h, &e), 0);
	assert_int_equal(h.index[3], 1); /* case folded too */
	assert_null(csv_header_warning(&h));
	csv_header_release(&h);
}

/* ---- writer ------------------------------------------------------------------------ */

static void test_writer(void **state)
{
	struct sbuf out = {0};
	struct csv_writer w;

	csv_writer_init(&w, &out, 0);
	csv_writer_field(&w, "plain", 5);
	csv_writer_field(&w, "a,b", 3);
	csv_writer_field(&w, "say \"hi\"", 8);
	csv_writer_field(&w, "two\nlines", 9);
	csv_writer_field(&w, NULL, 0);
	csv_writer_end_row(&w);
	csv_writer_field(&w, "山田", 6);
	csv_writer_end_row(&w);
	assert_string_equal(out.buf,
	                    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n山田\r\n");
	sbuf_reset(&out);
	csv_writer_init(&w, &out, CSV_W_BOM | CSV_W_QUOTE_ALL);
	csv_writer_field(&w, "1", 1);
	csv_writer_field(&w, "", 0);
	csv_writer_field(&w, "\"", 1);
	csv_writer_end_row(&w);
	assert_memory_equal(out.buf, "\xEF\xBB\xBF", 3);
	assert_string_equal(out.buf + 3, "\"1\",\"\",\"\"\"\"\r\n");
	sbuf_reset(&out);
	csv_writer_init(&w, &out, 0);
	csv_writer_field(&w, ENC_BOM "x", 4); /* would be taken for a BOM */
	csv_writer_end_row(&w);
	assert_string_equal(out.buf, "\"" ENC_BOM "x\"\r\n");
	sbuf_release(&out);
}

static void test_writer_round_trip(void **state)
{
	static const char *const f[] = {"",    "\"",   "a\r\nb", "\r",   ",",
	                                " x ", "髙橋", "\"\"",   "=1+1", "a\"b"};
	const size_t nf = sizeof f / sizeof f[0];
	struct tsu_err e = {0};
	struct sbuf out = {0};
	struct csv_writer w;
	struct csv_record rec;
	struct csv_reader *r;

	for (unsigned flags = 0; flags < 4; flags++) {
		sbuf_reset(&out);
		csv_writer_init(&w, &out, flags);
		for (size_t i = 0; i < nf; i++)
			csv_writer_field(&w, f[i], strlen(f[i]));
		csv_writer_end_row(&w);
		csv_writer_field(&w, "", 0);
		csv_writer_end_row(&w);
		r = csv_reader_new(out.buf, out.len, NULL);
		assert_int_equal(csv_next(r, &rec, &e), 1);
		assert_int_equal(rec.n, nf);
		for (size_t i = 0; i < nf; i++)
			assert_string_equal(rec.field[i].s, f[i]);
		assert_int_equal(csv_next(r, &rec, &e), 1);
		assert_int_equal(rec.n, 1);
		assert_int_equal(csv_next(r, &rec, &e), 0);
		csv_reader_free(&r);
	}
	sbuf_release(&out);
}

/* ---- export to CP932: every unencodable character by row and column ------------ */

struct found {
	struct csv_locator *loc;
	size_t row[8], col[8];
	enum enc_issue_kind kind[8];
	size_t n;
};

static void locate_issue(void *ctx, const struct enc_issue *is)
{
	struct found *f = ctx;
	struct csv_pos p;

	assert_true(f->n < 8);
	assert_int_equal(csv_locator_find(f->loc, is->offset, &p), 0);
	f->row[f->n] = p.row;
	f->col[f->n] = p.col;
	f->kind[f->n++] = is->kind;
}

static void test_export_cp932(void **state)
{
	static const char *const rows[3][3] = {
	    {"受付日", "児童氏名", "住所"},
	    {"2024/4/1", "𠮟田 太郎", "葛󠄀飾区"},
	    {"2024/4/2", "山田 😀", "〜町"},
	};
	struct tsu_err e = {0};
	struct sbuf csv = {0}, cp = {0};
	struct csv_writer w;
	struct enc_stats st;
	struct found f = {0};
	size_t i, j;

	csv_writer_init(&w, &csv, CSV_W_QUOTE_ALL);
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++)
			csv_writer_field(&w, rows[i][j], strlen(rows[i][j]));
		csv_writer_end_row(&w);
	}
	f.loc = csv_locator_new(csv.buf, csv.len);
	assert_int_equal(
	    enc_utf8_to_cp932(csv.buf, csv.len, ENC_STRICT, locate_issue, &f, &cp, &st, &e),
	    TSU_EENCODING);
	assert_int_equal(cp.len, 0); /* nothing to write */
	assert_int_equal(f.n, 3);
	assert_int_equal(f.row[0], 2);
	assert_int_equal(f.col[0], 2);
	assert_int_equal(f.kind[0], ENC_ISSUE_LOST);
	assert_int_equal(f.row[1], 2);
	assert_int_equal(f.col[1], 3);
	assert_int_equal(f.kind[1], ENC_ISSUE_SELECTOR);
	assert_int_equal(f.row[2], 3);
	assert_int_equal(f.col[2], 2);
	assert_int_equal(f.kind[2], ENC_ISSUE_LOST);
	csv_locator_free(&f.loc);
	/* confirmed: 〓 in their place, and the file reads back */
	f.loc = csv_locator_new(csv.buf, csv.len);
	f.n = 0;
	assert_int_equal(
	    enc_utf8_to_cp932(csv.buf, csv.len, ENC_SUBSTITUTE, locate_issue, &f, &cp, &st, &e), 0);
	assert_int_equal(f.n, 3);
	csv_locator_free(&f.loc);
	sbuf_reset(&csv);
	assert_int_equal(csv_decode(cp.buf, cp.len, &csv, NULL, NULL, &e), 0);
	assert_non_null(strstr(csv.buf, "\"〓田 太郎\",\"葛飾区\""));
	assert_non_null(strstr(csv.buf, "\"山田 〓\",\"～町\""));
	sbuf_release(&csv);
	sbuf_release(&cp);
}

/* ---- scale ----------------------------------------------------------------------- */

static double seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* A synthetic 受付台帳 of nrows rows under a header, 20 columns, as Excel
 * users fill them: kanji, kana, dates, empty cells, and a free-text column
 * with commas, quotes and line breaks now and then. */
static void make_ledger(struct sbuf *sb, unsigned flags, size_t nrows)
{
	static const char *const fam[] = {"髙橋", "山田", "佐藤", "﨑村", "渡邊", "鈴木"};
	static const char *const given[] = {"太郎", "花子", "ｶﾞｸ", "① 号", "みらい"};
	static const char *const note[] = {"", "電話で相談。", "母より、\"至急\"との連絡",
	                                   "経過観察\r\n次回 4/10 訪問", "保育所から通告"};
	struct csv_writer w;
	char tmp[64];
	size_t i, j;

	csv_writer_init(&w, sb, flags);
	for (j = 0; j < 20; j++) {
		snprintf(tmp, sizeof tmp, "項目%zu", j + 1);
		csv_writer_field(&w, tmp, strlen(tmp));
	}
	csv_writer_end_row(&w);
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < 20; j++) {
			const char *v = tmp;

			switch (j % 5) {
			case 0: snprintf(tmp, sizeof tmp, "%zu", i * 20 + j); break;
			case 1: snprintf(tmp, sizeof tmp, "2024/%zu/%zu", i % 12 + 1, j + 1); break;
			case 2: snprintf(tmp, sizeof tmp, "%s %s", fam[i % 6], given[j % 5]); break;
			case 3: v = note[(i + j) % 5]; break;
			default: v = j == 19 ? "" : "ｶﾀｶﾅ ～ 〇〇町1-2-3"; break;
			}
			csv_writer_field(&w, v, strlen(v));
		}
		csv_writer_end_row(&w);
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Write to a file, read it back, decode, parse everything; returns rows. */
static size_t parse_file(const char *name, const struct sbuf *content, const char *label)
{
	struct sbuf text = {0};
	struct tsu_err e = {0};
	struct csv_record rec;
	struct csv_reader *r;
	struct timespec t0, t1, t2;
	char *path = testutil_path(name), *bytes;
	size_t len, rows = 0, fields = 0;
	FILE *f = fopen(path, "wb");
	int rc;

	assert_non_null(f);
	assert_int_equal(fwrite(content->buf, 1, content->len, f), content->len);
	assert_int_equal(fclose(f), 0);
	bytes = slurp(path, &len);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (csv_decode(bytes, len, &text, NULL, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r = csv_reader_new(text.buf, text.len, NULL);
	while ((rc = csv_next(r, &rec, &e)) == 1) {
		rows++;
		fields += rec.n;
	}
	clock_gettime(CLOCK_MONOTONIC, &t2);
	if (rc != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(fields, rows * 20);
	fprintf(stderr, "info: %s, %zu bytes: decode %.3f s, parse %zu rows x 20 columns %.3f s\n",
	        label, len, seconds(&t0, &t1), rows, seconds(&t1, &t2));
	csv_reader_free(&r);
	sbuf_release(&text);
	free(bytes);
	free(path);
	return rows;
}

static void test_100k_rows(void **state)
{
	struct sbuf sb = {0}, cp = {0};
	struct tsu_err e = {0};
	struct timespec t0, t1;
	struct enc_stats st;

	make_ledger(&sb, CSV_W_BOM | CSV_W_QUOTE_ALL, 100000);
	assert_int_equal(parse_file("ledger-utf8.csv", &sb, "UTF-8 (BOM)"), 100001);
	sbuf_reset(&sb);
	make_ledger(&sb, 0, 100000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(enc_utf8_to_cp932(sb.buf, sb.len, ENC_STRICT, NULL, NULL, &cp, &st, &e),
	                 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "info: UTF-8 -> CP932 of %zu bytes %.3f s\n", sb.len, seconds(&t0, &t1));
	assert_int_equal(parse_file("ledger-cp932.csv", &cp, "CP932"), 100001);
	sbuf_release(&sb);
	sbuf_release(&cp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_err_unterminated),
	    cmocka_unit_test(test_err_quote_in_field),
	    cmocka_unit_test(test_err_after_quote),
	    cmocka_unit_test(test_err_lone_cr),
	    cmocka_unit_test(test_err_too_long),
	    cmocka_unit_test(test_err_too_many),
	    cmocka_unit_test(test_err_nul),
	    cmocka_unit_test(test_err_utf8),
	    cmocka_unit_test(test_err_control),
	    cmocka_unit_test(test_err_recovery),
	    cmocka_unit_test(test_crlf_and_lf),
	    cmocka_unit_test(test_quoted_newlines_count_rows),
	    cmocka_unit_test(test_quotes_and_empties),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_colname),
	    cmocka_unit_test(test_locator),
	    cmocka_unit_test(test_decode_cp932_bad_byte),
	    cmocka_unit_test(test_decode_kinds),
	    cmocka_unit_test(test_header_duplicate),
	    cmocka_unit_test(test_header_map),
	    cmocka_unit_test(test_writer),
	    cmocka_unit_test(test_writer_round_trip),
	    cmocka_unit_test(test_export_cp932),
	    cmocka_unit_test(test_100k_rows),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
