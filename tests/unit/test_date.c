/* test_date.c: the date module: parsing what an office types, 和暦 round
 * trips, fiscal years, ages, school grades, age bands, the era loader.
 * Bad input first, as everywhere. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/date.h"
#include "tsunagu/util.h"

static void load_eras(void)
{
	struct tsu_err e;

	err_clear(&e);
	if (date_load_default(&e) != 0)
		fail_msg("date_load_default: %s", e.msg);
}

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* Parse s and require success with the given date. */
static void ok(const char *s, int y, int m, int d)
{
	struct tsu_err e;
	struct date out = { 0, 0, 0 };
	int rc;

	err_clear(&e);
	rc = date_parse(s, &out, &e);
	if (rc != 0)
		fail_msg("date_parse(\"%s\") failed: %s", s, e.msg);
	if (out.y != y || out.m != m || out.d != d)
		fail_msg("date_parse(\"%s\") = %d-%d-%d, want %d-%d-%d", s, out.y, out.m, out.d, y,
			 m, d);
}

/* Parse s and require TSU_EINVAL with a message containing want. */
static void bad(const char *s, const char *want)
{
	struct tsu_err e;
	struct date out = { 7, 7, 7 };
	int rc;

	err_clear(&e);
	rc = date_parse(s, &out, &e);
	if (rc != TSU_EINVAL)
		fail_msg("date_parse(\"%s\") = %d, want TSU_EINVAL", s, rc);
	if (e.code != TSU_EINVAL || e.msg[0] == '\0')
		fail_msg("date_parse(\"%s\"): no message", s);
	if (want && !strstr(e.msg, want))
		fail_msg("date_parse(\"%s\"): message \"%s\" does not mention \"%s\"", s, e.msg,
			 want);
	if (out.y != 7 || out.m != 7 || out.d != 7)
		fail_msg("date_parse(\"%s\") wrote *out on failure", s);
}

static void fmt_is(char *(*f)(struct date, char *, size_t), struct date d, const char *want)
{
	char buf[64];

	f(d, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fail_msg("format %d-%d-%d = \"%s\", want \"%s\"", d.y, d.m, d.d, buf, want);
}

/* ---- before any eras are loaded (must run first) ------------------------ */

static void test_no_eras(void **state)
{
	char buf[64];

	assert_false(date_eras_loaded());
	bad("R6.4.1", "元号");
	bad("令和6年4月1日", "元号");
	ok("2024-04-01", 2024, 4, 1);
	ok("2024年4月1日", 2024, 4, 1);
	fmt_is(date_format_wareki, D(2024, 4, 1), "2024-04-01");
	fmt_is(date_format_short, D(2024, 4, 1), "2024-04-01");
	assert_string_equal(date_format_fiscal_year(2024, buf, sizeof buf), "2024年度");
	assert_string_equal(date_era_short_year(2026, buf, sizeof buf), "2026");
	load_eras();
	assert_true(date_eras_loaded());
}

/* ---- the era loader ------------------------------------------------------ */

/* Write text to a temp file, load it, expect failure mentioning want. */
static void bad_eras(const char *name, const char *text, const char *want)
{
	char *path = testutil_path(name);
	char *where;
	struct tsu_err e;
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	err_clear(&e);
	assert_int_equal(date_load_eras(path, &e), TSU_EINVAL);
	where = xasprintf("%s:%s", path, want);
	if (!strstr(e.msg, where))
		fail_msg("eras file %s: message \"%s\" lacks \"%s\"", name, e.msg, where);
	free(where);
	free(path);
}

static void test_eras_loader_rejects(void **state)
{
	struct tsu_err e;
	char buf[64];

	load_eras();
	err_clear(&e);
	assert_int_equal(date_load_eras("/nonexistent/eras.tsv", &e), TSU_EIO);
	assert_non_null(strstr(e.msg, "/nonexistent/eras.tsv"));
	bad_eras("cols.tsv", "# c\n平成\t平\tH\n", "2: ");
	bad_eras("cols5.tsv", "平成\t平\tH\t1989-01-08\tx\n", "1: 列が5個");
	bad_eras("date.tsv", "昭和\t昭\tS\t1926-12-25\n平成\t平\tH\t1989-02-30\n", "2: 開始日");
	bad_eras("iso.tsv", "平成\t平\tH\t1989/01/08\n", "1: 開始日");
	bad_eras("order.tsv", "平成\t平\tH\t1989-01-08\n昭和\t昭\tS\t1926-12-25\n", "2: ");
	bad_eras("letter.tsv", "平成\t平\tHH\t1989-01-08\n", "1: 英字");
	bad_eras("digit.tsv", "平成\t平\t1\t1989-01-08\n", "1: 英字");
	bad_eras("dup.tsv", "平成\t平\tH\t1989-01-08\n令和\t令\th\t2019-05-01\n", "2: 英字");
	bad_eras("empty.tsv", "\t平\tH\t1989-01-08\n", "1: 元号名");
	bad_eras("ascii.tsv", "Heisei\t平\tH\t1989-01-08\n", "1: 元号名");
	bad_eras("utf8.tsv", "平\xff\t平\tH\t1989-01-08\n", "1: 元号名");
	bad_eras("none.tsv", "# nothing here\n\n", " 元号が1つもありません");
	/* the good table survived every failure */
	assert_string_equal(date_format_wareki(D(2024, 4, 1), buf, sizeof buf), "令和6年4月1日");
}

static void test_eras_loader_accepts(void **state)
{
	char *path = testutil_path("crlf.tsv");
	struct tsu_err e;
	char buf[64];
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("\xEF\xBB\xBF# BOM and CRLF\r\n平成\t平\th\t1989-01-08\r\n\r\n"
	      "令和\t令\tR\t2019-05-01\r\n", f);
	fclose(f);
	err_clear(&e);
	assert_int_equal(date_load_eras(path, &e), 0);
	assert_string_equal(date_format_short(D(2019, 4, 30), buf, sizeof buf), "H31.4.30");
	assert_string_equal(date_format_wareki(D(1989, 1, 7), buf, sizeof buf), "");
	bad("S63.12.31", "元号の略字");
	free(path);
	load_eras();
}

/* ---- parsing: rejections ------------------------------------------------- */

static void test_parse_rejects(void **state)
{
	struct tsu_err e;
	struct date out;

	load_eras();
	assert_int_equal(date_parse(NULL, &out, &e), TSU_EINVAL);
	bad("", "入力されていません");
	bad(" \xE3\x80\x80 ", "入力されていません");
	bad("令和1年4月30日", "令和は2019年5月1日から");
	bad("R1.4.30", "令和は2019年5月1日から");
	bad("平成31年5月1日", "平成は2019年4月30日まで");
	bad("H31.5.1", "平成は2019年4月30日まで");
	bad("S64.1.8", "昭和は1989年1月7日まで");
	bad("明治1年1月24日", "明治は1868年1月25日から");
	bad("令和6年2月30日", "令和6年2月30日という日付はありません");
	bad("2023-02-29", "2023年2月29日という日付はありません");
	bad("2023/4/31", "日付はありません");
	bad("2024-04-00", "日付はありません");
	bad("平成0年1月1日", "平成0年はありません");
	bad("H0.1.1", "平成0年はありません");
	bad("2024-13-01", "13月はありません");
	bad("令和6年13月1日", "13月はありません");
	bad("2024-00-01", "0月はありません");
	bad("garbage", "garbage");
	bad("abc", "abc");
	bad("2024-04-01x", "余分な文字「x」");
	bad("2024-04-01 10:00", "余分な文字「10:00」");
	bad("令和6年4月1日です", "余分な文字「です」");
	bad("20240401!", "余分な文字「!」");
	bad("X6.4.1", "「X」という元号の略字はありません");
	bad("Q6.4.1", "「Q」という元号の略字はありません");
	bad("99999999999999", "数字「99999999999999」が長すぎます");
	bad("2024-04-99999999999", "長すぎます");
	bad("24-4-1", "2桁の年");
	bad("24/04/01", "2桁の年");
	bad("240401", "2桁の年");
	bad("202441", "2桁の年");
	bad("2024041", "8桁");
	bad("024-4-1", "4桁");
	bad("12024-4-1", "4桁");
	bad("0000-01-01", "0年はありません");
	bad("2024-004-01", "月「004」は2桁まで");
	bad("2024-04-001", "日「001」は2桁まで");
	bad("2024-04/01", "そろっていません");
	bad("2024-04", "途中で終わっています");
	bad("令和6年4月", "途中で終わっています");
	bad("2024年4/1", "読めません");
	bad("2024 04 01", "読めません");
	bad("4月1日", "年が書かれていません");
	bad("令和6年4月1日(火)", "月曜日です");
	bad("2024-04-01()", "余分な文字");
	bad("2024\x01-04-01", "制御文字");
	bad("2024-04-01\xff", "UTF-8");
	bad("\xe3\x81", "UTF-8");
	bad("令和", "途中で終わっています");
	bad("令和元年", "途中で終わっています");
	bad("令和12345年1月1日", "大きすぎます");
	bad("令和9999年1月1日", "9999年まで");
	bad("〒2024-04-01", "使えない文字");
}

static void test_parse_rejects_long(void **state)
{
	char buf[400];

	memset(buf, '1', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	bad(buf, "長すぎます");
	/* many short tokens */
	bad("1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1", "長すぎます");
}

/* ---- parsing: accepted forms -------------------------------------------- */

static void test_parse_gregorian(void **state)
{
	load_eras();
	ok("2024-04-01", 2024, 4, 1);
	ok("2024/4/1", 2024, 4, 1);
	ok("2024.4.1", 2024, 4, 1);
	ok("20240401", 2024, 4, 1);
	ok("2024年4月1日", 2024, 4, 1);
	ok("2024年04月01日", 2024, 4, 1);
	ok("0001-01-01", 1, 1, 1);
	ok("9999-12-31", 9999, 12, 31);
	ok("2000-02-29", 2000, 2, 29);
	ok("  2024-04-01  ", 2024, 4, 1);
	ok("\t2024-04-01\t", 2024, 4, 1);
	ok("\xE3\x80\x80" "2024-04-01" "\xE3\x80\x80", 2024, 4, 1); /* U+3000 */
	ok("２０２４／４／１", 2024, 4, 1);
	ok("２０２４－０４－０１", 2024, 4, 1);
	ok("２０２４．４．１", 2024, 4, 1);
	ok("２０２４０４０１", 2024, 4, 1);
	ok("２０２４年４月１日", 2024, 4, 1);
	ok("2024ー04ー01", 2024, 4, 1); /* IME long vowel mark as hyphen */
	ok("2024−04−01", 2024, 4, 1);  /* U+2212 minus */
	ok("2024‐04‐01", 2024, 4, 1);  /* U+2010 hyphen */
	ok("2024-04-01(月)", 2024, 4, 1);
	ok("2024年4月7日（日）", 2024, 4, 7);
}

static void test_parse_wareki(void **state)
{
	load_eras();
	ok("R6.4.1", 2024, 4, 1);
	ok("R06.04.01", 2024, 4, 1);
	ok("r6.4.1", 2024, 4, 1);
	ok("R6/4/1", 2024, 4, 1);
	ok("R6-4-1", 2024, 4, 1);
	ok("令和6年4月1日", 2024, 4, 1);
	ok("令6.4.1", 2024, 4, 1);
	ok("令和6.4.1", 2024, 4, 1);
	ok("R6年4月1日", 2024, 4, 1);
	ok("令和元年5月1日", 2019, 5, 1);
	ok("令和1年5月1日", 2019, 5, 1);
	ok("令和元年５月１日", 2019, 5, 1);
	ok("R元.5.1", 2019, 5, 1);
	ok("R01.05.01", 2019, 5, 1);
	ok("H31.4.30", 2019, 4, 30);
	ok("h31.4.30", 2019, 4, 30);
	ok("S63.12.31", 1988, 12, 31);
	ok("S64.1.7", 1989, 1, 7);
	ok("昭和64年1月7日", 1989, 1, 7);
	ok("平成元年1月8日", 1989, 1, 8);
	ok("平成31年4月30日", 2019, 4, 30);
	ok("昭和元年12月25日", 1926, 12, 25);
	ok("大正15年12月24日", 1926, 12, 24);
	ok("大正元年7月30日", 1912, 7, 30);
	ok("T1.7.30", 1912, 7, 30);
	ok("明治45年7月29日", 1912, 7, 29);
	ok("明治元年1月25日", 1868, 1, 25);
	ok("M45.7.29", 1912, 7, 29);
	ok("明45.7.29", 1912, 7, 29);
	ok("Ｒ６．４．１", 2024, 4, 1);
	ok("ｒ６．４．１", 2024, 4, 1);
	ok("　令和６年４月１日　", 2024, 4, 1);
	ok("令和 6年 4月 1日", 2024, 4, 1);
	ok("\xE3\x8B\xBF" "6年4月1日", 2024, 4, 1); /* U+32FF ㋿ */
	ok("\xE3\x8D\xBB" "31年4月30日", 2019, 4, 30); /* U+337B ㍻ */
	ok("令和6年4月1日(月)", 2024, 4, 1);
	ok("令和6年4月1日（月）", 2024, 4, 1);
	ok("R6.4.7(日)", 2024, 4, 7);
	ok("R6.4.5(金)", 2024, 4, 5);
	ok("令和82年12月31日", 2100, 12, 31);
}

/* ---- 和暦 formatting and round trips ----------------------------------- */

static void test_format(void **state)
{
	char buf[64], small[8];

	load_eras();
	fmt_is(date_format_iso, D(2024, 4, 1), "2024-04-01");
	fmt_is(date_format_iso, D(1, 1, 1), "0001-01-01");
	fmt_is(date_format_wareki, D(2024, 4, 1), "令和6年4月1日");
	fmt_is(date_format_wareki, D(2019, 5, 1), "令和元年5月1日");
	fmt_is(date_format_short, D(2024, 4, 1), "R6.4.1");
	fmt_is(date_format_short, D(2019, 5, 1), "R1.5.1");
	fmt_is(date_format_wareki_wday, D(2024, 4, 1), "令和6年4月1日(月)");
	fmt_is(date_format_wareki_wday, D(2019, 5, 1), "令和元年5月1日(水)");
	fmt_is(date_format_wareki, D(1868, 1, 24), "");
	fmt_is(date_format_short, D(1868, 1, 24), "");
	fmt_is(date_format_wareki_wday, D(1868, 1, 24), "");
	fmt_is(date_format_wareki, D(1868, 1, 25), "明治元年1月25日");
	/* cut at a character boundary, never mid-character */
	date_format_wareki(D(2024, 4, 1), small, sizeof small);
	assert_string_equal(small, "令和6");
	assert_ptr_equal(date_format_iso(D(2024, 4, 1), buf, 0), buf);
}

static void test_era_boundaries(void **state)
{
	load_eras();
	fmt_is(date_format_wareki, D(1989, 1, 7), "昭和64年1月7日");
	fmt_is(date_format_wareki, D(1989, 1, 8), "平成元年1月8日");
	fmt_is(date_format_wareki, D(2019, 4, 30), "平成31年4月30日");
	fmt_is(date_format_wareki, D(2019, 5, 1), "令和元年5月1日");
	fmt_is(date_format_wareki, D(1926, 12, 24), "大正15年12月24日");
	fmt_is(date_format_wareki, D(1926, 12, 25), "昭和元年12月25日");
	fmt_is(date_format_wareki, D(1912, 7, 29), "明治45年7月29日");
	fmt_is(date_format_wareki, D(1912, 7, 30), "大正元年7月30日");
	fmt_is(date_format_short, D(1989, 1, 7), "S64.1.7");
	fmt_is(date_format_short, D(1989, 1, 8), "H1.1.8");
	fmt_is(date_format_short, D(2019, 4, 30), "H31.4.30");
	fmt_is(date_format_short, D(2019, 5, 1), "R1.5.1");
}

static void round_trip(char *(*f)(struct date, char *, size_t), struct date d)
{
	char buf[64];
	struct date back;
	struct tsu_err e;

	f(d, buf, sizeof buf);
	err_clear(&e);
	if (date_parse(buf, &back, &e) != 0)
		fail_msg("round trip of %d-%d-%d: \"%s\" did not parse: %s", d.y, d.m, d.d, buf,
			 e.msg);
	if (date_cmp(back, d) != 0)
		fail_msg("round trip of %d-%d-%d: \"%s\" gave %d-%d-%d", d.y, d.m, d.d, buf, back.y,
			 back.m, back.d);
}

static void test_round_trip_every_day(void **state)
{
	long first = date_to_days(D(1926, 12, 25));
	long last = date_to_days(D(2100, 12, 31));
	long day, count = 0;

	load_eras();
	for (day = first; day <= last; day++) {
		struct date d = date_from_days(day);
		round_trip(date_format_wareki, d);
		round_trip(date_format_short, d);
		round_trip(date_format_wareki_wday, d);
		round_trip(date_format_iso, d);
		count++;
	}
	assert_int_equal(count, last - first + 1);
}

/* ---- calendar arithmetic ------------------------------------------------- */

static void test_valid_and_leap(void **state)
{
	assert_false(date_valid(0, 1, 1));
	assert_false(date_valid(10000, 1, 1));
	assert_false(date_valid(2024, 0, 1));
	assert_false(date_valid(2024, 13, 1));
	assert_false(date_valid(2024, 1, 0));
	assert_false(date_valid(2024, 1, 32));
	assert_false(date_valid(2024, 4, 31));
	assert_false(date_valid(1900, 2, 29));
	assert_false(date_valid(2100, 2, 29));
	assert_false(date_valid(2023, 2, 29));
	assert_true(date_valid(2000, 2, 29));
	assert_true(date_valid(2024, 2, 29));
	assert_true(date_valid(1, 1, 1));
	assert_true(date_valid(9999, 12, 31));
	bad("1900-02-29", "日付はありません");
	bad("2100-02-29", "日付はありません");
	ok("2000-02-29", 2000, 2, 29);
}

static void test_days(void **state)
{
	long day;
	struct date prev, cur;

	assert_int_equal(date_to_days(D(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(D(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(D(2000, 3, 1)), 11017);
	assert_int_equal(date_to_days(D(1, 1, 1)), -719162);
	assert_int_equal(date_to_days(D(9999, 12, 31)), 2932896);
	/* out of range clamps */
	assert_int_equal(date_cmp(date_from_days(-100000000L), D(1, 1, 1)), 0);
	assert_int_equal(date_cmp(date_from_days(100000000L), D(9999, 12, 31)), 0);
	/* every day of 0001..9999 is valid, consecutive and round-trips */
	prev = date_from_days(-719162);
	assert_int_equal(date_cmp(prev, D(1, 1, 1)), 0);
	for (day = -719161; day <= 2932896; day++) {
		cur = date_from_days(day);
		if (!date_valid(cur.y, cur.m, cur.d) || date_cmp(prev, cur) >= 0 ||
		    date_to_days(cur) != day)
			fail_msg("day %ld: %d-%d-%d", day, cur.y, cur.m, cur.d);
		prev = cur;
	}
	assert_true(date_cmp(D(2024, 4, 1), D(2024, 3, 31)) > 0);
	assert_true(date_cmp(D(2023, 12, 31), D(2024, 1, 1)) < 0);
	assert_int_equal(date_cmp(D(2024, 4, 1), D(2024, 4, 1)), 0);
}

static void test_weekday(void **state)
{
	assert_int_equal(date_weekday(D(1970, 1, 1)), 4);  /* Thursday */
	assert_int_equal(date_weekday(D(2024, 4, 1)), 1);  /* Monday */
	assert_int_equal(date_weekday(D(2019, 5, 1)), 3);  /* Wednesday */
	assert_int_equal(date_weekday(D(1989, 1, 8)), 0);  /* Sunday */
	assert_int_equal(date_weekday(D(2000, 2, 29)), 2); /* Tuesday */
	assert_int_equal(date_weekday(D(1, 1, 1)), 1);     /* Monday (proleptic) */
	assert_int_equal(date_weekday(D(1926, 12, 25)), 6); /* Saturday */
}

static void test_today(void **state)
{
	struct date t = date_today();

	assert_true(date_valid(t.y, t.m, t.d));
	assert_true(t.y >= 2024);
}

/* ---- fiscal years ---------------------------------------------------------- */

static void test_fiscal_year(void **state)
{
	char buf[64];

	load_eras();
	assert_int_equal(date_fiscal_year(D(2024, 3, 31)), 2023);
	assert_int_equal(date_fiscal_year(D(2024, 4, 1)), 2024);
	assert_int_equal(date_fiscal_year(D(2024, 1, 1)), 2023);
	assert_int_equal(date_fiscal_year(D(2024, 12, 31)), 2024);
	assert_string_equal(date_format_fiscal_year(2024, buf, sizeof buf), "令和6年度");
	assert_string_equal(date_format_fiscal_year(2019, buf, sizeof buf), "令和元年度");
	assert_string_equal(date_format_fiscal_year(2018, buf, sizeof buf), "平成30年度");
	assert_string_equal(date_format_fiscal_year(1989, buf, sizeof buf), "平成元年度");
	assert_string_equal(date_format_fiscal_year(1988, buf, sizeof buf), "昭和63年度");
	assert_string_equal(date_format_fiscal_year(1867, buf, sizeof buf), "");
	assert_string_equal(date_era_short_year(2026, buf, sizeof buf), "R8");
	assert_string_equal(date_era_short_year(2019, buf, sizeof buf), "R1");
	assert_string_equal(date_era_short_year(2018, buf, sizeof buf), "H30");
	assert_string_equal(date_era_short_year(1988, buf, sizeof buf), "S63");
	/* the label of the FY of 3/31 vs 4/1 */
	date_format_fiscal_year(date_fiscal_year(D(2019, 3, 31)), buf, sizeof buf);
	assert_string_equal(buf, "平成30年度");
	date_format_fiscal_year(date_fiscal_year(D(2019, 4, 1)), buf, sizeof buf);
	assert_string_equal(buf, "令和元年度");
	date_format_fiscal_year(date_fiscal_year(D(2020, 3, 31)), buf, sizeof buf);
	assert_string_equal(buf, "令和元年度");
}

/* ---- ages ------------------------------------------------------------------ */

static void test_age(void **state)
{
	struct date b = D(2010, 6, 15);
	struct date leap = D(2012, 2, 29);

	assert_int_equal(date_age(b, D(2010, 6, 14)), -1);
	assert_int_equal(date_age(b, b), 0);
	assert_int_equal(date_age(b, D(2011, 6, 14)), 0);
	assert_int_equal(date_age(b, D(2011, 6, 15)), 1);
	assert_int_equal(date_age(b, D(2024, 6, 14)), 13);
	assert_int_equal(date_age(b, D(2024, 6, 15)), 14);
	assert_int_equal(date_age(b, D(2024, 12, 31)), 14);
	/* 2/29 births: older from 3/1 in common years, from 2/29 in leap years */
	assert_int_equal(date_age(leap, D(2013, 2, 28)), 0);
	assert_int_equal(date_age(leap, D(2013, 3, 1)), 1);
	assert_int_equal(date_age(leap, D(2015, 2, 28)), 2);
	assert_int_equal(date_age(leap, D(2015, 3, 1)), 3);
	assert_int_equal(date_age(leap, D(2016, 2, 28)), 3);
	assert_int_equal(date_age(leap, D(2016, 2, 29)), 4);
	/* born 4/1 is older from 3/31's end: 6 on 4/1 */
	assert_int_equal(date_age(D(2018, 4, 1), D(2024, 3, 31)), 5);
	assert_int_equal(date_age(D(2018, 4, 1), D(2024, 4, 1)), 6);
}

/* ---- school grades --------------------------------------------------------- */

static void test_school_grade(void **state)
{
	int g;

	/* the 4/1 vs 4/2 boundary */
	assert_int_equal(date_school_grade(D(2018, 4, 2), 2025), 1);
	assert_int_equal(date_school_grade(D(2019, 4, 1), 2025), 1);
	assert_int_equal(date_school_grade(D(2019, 4, 2), 2025), 0);
	assert_int_equal(date_school_grade(D(2018, 4, 1), 2025), 2);
	assert_int_equal(date_school_grade(D(2018, 12, 31), 2025), 1);
	assert_int_equal(date_school_grade(D(2019, 1, 1), 2025), 1);
	/* leap days: born 2/29 belongs with the previous year's April cohort */
	assert_int_equal(date_school_grade(D(2020, 2, 29), 2026), 1);
	assert_int_equal(date_school_grade(D(2020, 2, 29), 2025), 0);
	/* 年少 through 高3 for one child, and outside */
	for (g = -4; g <= 14; g++)
		assert_int_equal(date_school_grade(D(2012, 5, 10), 2018 + g), g);
	assert_string_equal(date_grade_label(-3), "");
	assert_string_equal(date_grade_label(-2), "年少");
	assert_string_equal(date_grade_label(-1), "年中");
	assert_string_equal(date_grade_label(0), "年長");
	assert_string_equal(date_grade_label(1), "小1");
	assert_string_equal(date_grade_label(6), "小6");
	assert_string_equal(date_grade_label(7), "中1");
	assert_string_equal(date_grade_label(9), "中3");
	assert_string_equal(date_grade_label(10), "高1");
	assert_string_equal(date_grade_label(12), "高3");
	assert_string_equal(date_grade_label(13), "");
}

/* ---- age bands --------------------------------------------------------------- */

static void test_age_band1(void **state)
{
	static const int want[20] = { 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, -1 };
	int a;

	assert_int_equal(date_age_band1(-1), -1);
	for (a = 0; a < 20; a++)
		assert_int_equal(date_age_band1(a), want[a]);
	assert_string_equal(date_age_band_label(1, 0), "0〜2歳");
	assert_string_equal(date_age_band_label(1, 4), "16〜18歳");
	assert_string_equal(date_age_band_label(1, 5), "");
	assert_string_equal(date_age_band_label(1, -1), "");
	assert_string_equal(date_age_band_label(3, 0), "");
	assert_string_equal(date_age_band_label(0, 0), "");
}

static void test_age_band2(void **state)
{
	struct date b = D(2015, 6, 10); /* cohort 2015: 小1 in FY2022 */

	assert_int_equal(date_age_band2(b, D(2015, 6, 9)), -1);
	assert_int_equal(date_age_band2(b, b), 0);
	assert_int_equal(date_age_band2(b, D(2018, 6, 9)), 0);  /* 2 years old */
	assert_int_equal(date_age_band2(b, D(2018, 6, 10)), 1); /* 3 */
	assert_int_equal(date_age_band2(b, D(2022, 3, 31)), 1); /* 年長 */
	assert_int_equal(date_age_band2(b, D(2022, 4, 1)), 2);  /* 小1 */
	assert_int_equal(date_age_band2(b, D(2028, 3, 31)), 2); /* 小6 */
	assert_int_equal(date_age_band2(b, D(2028, 4, 1)), 3);  /* 中1 */
	assert_int_equal(date_age_band2(b, D(2031, 3, 31)), 3); /* 中3 */
	assert_int_equal(date_age_band2(b, D(2031, 4, 1)), 4);  /* 高1 */
	assert_int_equal(date_age_band2(b, D(2040, 1, 1)), 4);  /* その他 */
	/* born 4/1: 小1 at 6, a year ahead of a 4/2 birth */
	assert_int_equal(date_age_band2(D(2018, 4, 1), D(2024, 4, 1)), 2);
	assert_int_equal(date_age_band2(D(2018, 4, 2), D(2024, 4, 2)), 1);
	assert_string_equal(date_age_band_label(2, 0), "0〜3歳未満");
	assert_string_equal(date_age_band_label(2, 1), "3歳〜学齢前");
	assert_string_equal(date_age_band_label(2, 2), "小学生");
	assert_string_equal(date_age_band_label(2, 3), "中学生");
	assert_string_equal(date_age_band_label(2, 4), "高校生・その他");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_eras),
		cmocka_unit_test(test_eras_loader_rejects),
		cmocka_unit_test(test_eras_loader_accepts),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_rejects_long),
		cmocka_unit_test(test_parse_gregorian),
		cmocka_unit_test(test_parse_wareki),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_era_boundaries),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_valid_and_leap),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_fiscal_year),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_school_grade),
		cmocka_unit_test(test_age_band1),
		cmocka_unit_test(test_age_band2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
