/* test_key.c: search keys (fold, variant, digits) and the variant table
 * loader. Bad input and bad table files first. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/key.h"
#include "tsunagu/text.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

static int load_default(void)
{
	struct tsu_err e = { 0 };

	if (key_load_default(&e) != 0) {
		fprintf(stderr, "key_load_default: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	if (text_init() != 0)
		return -1;
	return load_default();
}

static int teardown(void **state)
{
	key_unload();
	return 0;
}

typedef char *(*keyfn)(const char *);

static void expect_key(keyfn f, const char *s, const char *want)
{
	char *k = f(s);

	assert_string_equal(k, want);
	free(k);
}

static void expect_same(keyfn f, const char *a, const char *b)
{
	char *ka = f(a), *kb = f(b);

	assert_string_equal(ka, kb);
	free(ka);
	free(kb);
}

static void expect_differ(keyfn f, const char *a, const char *b)
{
	char *ka = f(a), *kb = f(b);

	assert_string_not_equal(ka, kb);
	free(ka);
	free(kb);
}

/* A table file in the test's temporary directory. */
static char *table(const char *name, const char *content)
{
	char *path = testutil_path(name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	return path;
}

/* Loading content must fail with an error that names the file and line. */
static void expect_load_error(const char *content, int code, const char *line_tag)
{
	struct tsu_err e = { 0 };
	char *path = table("bad.tsv", content);

	assert_int_equal(key_load_variants(path, &e), code);
	assert_int_equal(e.code, code);
	assert_non_null(strstr(e.msg, path));
	if (line_tag)
		assert_non_null(strstr(e.msg, line_tag));
	free(path);
}

static void test_load_bad_files(void **state)
{
	struct tsu_err e = { 0 };
	size_t before = key_variant_count();

	assert_int_equal(key_load_variants("/nonexistent/variants.tsv", &e), TSU_EIO);
	assert_non_null(strstr(e.msg, "/nonexistent/variants.tsv"));
	expect_load_error("髙 高\n", TSU_EINVAL, ":1:");                 /* no tab */
	expect_load_error("# c\n髙高\t高\n", TSU_EINVAL, ":2:");         /* two chars */
	expect_load_error("髙\t\n", TSU_EINVAL, ":1:");                  /* empty canonical */
	expect_load_error("高\t高\n", TSU_EINVAL, ":1:");                /* same */
	expect_load_error("髙\t高\tnote\n", TSU_EINVAL, ":1:");          /* 3rd column not # */
	expect_load_error("髙\t高\n\xFF\t高\n", TSU_EENCODING, ":2:");   /* not UTF-8 */
	expect_load_error("髙\t高\n澤\t沢\n髙\t稿\n", TSU_EINVAL, ":3:"); /* conflict */
	expect_load_error("髙\t高\n髙\t高\n", TSU_EINVAL, ":2:");        /* duplicate */
	expect_load_error("澤\t沢\n沢\t澤\n", TSU_EINVAL, NULL);         /* cycle */
	expect_load_error("㍻\t平\n", TSU_EINVAL, ":1:"); /* folds to two characters */
	/* a failed load keeps the table that was there */
	assert_int_equal(key_variant_count(), before);
	expect_same(key_variant, "髙橋", "高橋");
}

static void test_load_chains_and_compat(void **state)
{
	struct tsu_err e = { 0 };
	char *path = table("chain.tsv",
			   "\xEF\xBB\xBF# BOM, CRLF, comments\r\n"
			   "齊\t齋\t# a chain: 齊 -> 齋 -> 斎\r\n"
			   "\r\n"
			   "齋\t斎\r\n"
			   "\xEF\xA8\x90\t塚\t# U+FA10: NFKC already folds it\r\n"
			   "\xEF\xA8\x91\t崎\r\n");

	assert_int_equal(key_load_variants(path, &e), 0);
	assert_int_equal(key_variant_count(), 3);
	expect_key(key_variant, "齊藤", "斎藤");
	expect_key(key_variant, "齋藤", "斎藤");
	expect_key(key_variant, "\xEF\xA8\x90", "塚");
	expect_key(key_variant, "\xEF\xA8\x91", "崎");
	free(path);
	/* unload: key_variant is key_fold */
	key_unload();
	assert_int_equal(key_variant_count(), 0);
	expect_key(key_variant, "髙橋", "髙橋");
	assert_int_equal(load_default(), 0);
}

static void test_default_table(void **state)
{
	assert_true(key_variant_count() >= 150);
}

static void test_empty_and_invalid(void **state)
{
	expect_key(key_fold, "", "");
	expect_key(key_fold, NULL, "");
	expect_key(key_variant, NULL, "");
	expect_key(key_digits, NULL, "");
	expect_key(key_fold, "   \t　", "");
	expect_key(key_fold, "\xFF" "ア", "\xEF\xBF\xBD" "あ");
	expect_key(key_digits, "\xFF" "１", "1");
}

static void test_kana(void **state)
{
	expect_key(key_fold, "ﾀｶﾊｼ", "たかはし");
	expect_key(key_fold, "タカハシ", "たかはし");
	expect_key(key_fold, "たかはし", "たかはし");
	expect_same(key_fold, "ｶﾞｸｾｲ", "がくせい");
	expect_same(key_fold, "か\u3099", "が");
	expect_same(key_fold, "か゛", "が"); /* spacing dakuten: NFKC gives " " + U+3099 */
	expect_same(key_fold, "ヴァイオリン", "ゔぁいおりん");
	expect_key(key_fold, "ヽヾ", "ゝゞ");
	expect_key(key_fold, "ヷ", "ヷ"); /* no hiragana form: kept */
}

static void test_spaces_and_latin(void **state)
{
	expect_same(key_fold, "山田 太郎", "山田　太郎");
	expect_same(key_fold, "山田 太郎", "山田太郎");
	expect_same(key_fold, " 山田\t太郎 ", "山田太郎");
	expect_key(key_fold, "ＡＢＣ", "abc");
	expect_key(key_fold, "ABC def", "abcdef");
	expect_key(key_fold, "①", "1");
	expect_key(key_fold, "ジョン・スミス", "じょんすみす");
	expect_key(key_fold, "ｼﾞｮﾝ･ｽﾐｽ", "じょんすみす");
}

static void test_waves_and_dashes(void **state)
{
	expect_key(key_fold, "0〜2歳", "0~2歳");
	expect_same(key_fold, "0〜2歳", "0～2歳");
	expect_same(key_fold, "0〜2歳", "0~2歳");
	expect_key(key_fold, "ラーメン", "らーめん");
	expect_key(key_fold, "ﾗｰﾒﾝ", "らーめん");
	expect_key(key_fold, "ラ-メン", "らーめん");
	expect_key(key_fold, "1丁目2−3", "1丁目2-3");
	expect_same(key_fold, "1丁目2−3", "１丁目２－３");
	expect_same(key_fold, "1丁目2−3", "1丁目2ー3");
	expect_same(key_fold, "1丁目2−3", "1丁目2‐3");
}

static void test_ivs(void **state)
{
	expect_same(key_fold, "葛\U000E0100飾", "葛飾");
	expect_same(key_fold, "\U0001F468\u200D\U0001F469", "\U0001F468\U0001F469");
}

static void test_variants(void **state)
{
	expect_same(key_variant, "髙橋", "高橋");
	expect_differ(key_fold, "髙橋", "高橋");
	expect_same(key_variant, "齋藤", "斎藤");
	expect_same(key_variant, "斉藤", "斎藤");
	expect_same(key_variant, "齊藤", "斎藤");
	expect_same(key_variant, "渡邊", "渡辺");
	expect_same(key_variant, "渡邉", "渡辺");
	expect_same(key_variant, "﨑山", "崎山");
	expect_same(key_variant, "𠮷田", "吉田");
	expect_same(key_variant, "澤田", "沢田");
	expect_same(key_variant, "ﾀｶﾊｼ", "たかはし");
	expect_differ(key_variant, "崎", "埼");
	expect_differ(key_variant, "宮崎", "宮埼");
	expect_differ(key_variant, "岩", "巌");
	expect_key(key_variant, "髙橋 ﾀﾛｳ", "高橋たろう");
}

static void test_digits(void **state)
{
	expect_same(key_digits, "03-1234-5678", "０３１２３４５６７８");
	expect_key(key_digits, "03-1234-5678", "0312345678");
	expect_key(key_digits, "（０３）１２３４−５６７８", "0312345678");
	expect_key(key_digits, "電話なし", "");
	expect_key(key_digits, "①②", "12");
}

/* fold is idempotent, and its ASCII fast path agrees with the ICU path. */
static void test_idempotent_and_ascii(void **state)
{
	static const char *const s[] = {
		"ﾀｶﾊｼ", "か゛ -", "ア -〜", "ＡＢＣ－１", "ｼﾞｮﾝ･ｽﾐｽ", "a ゛゛", "ヴ", "1丁目2ー3",
	};
	size_t i;

	for (i = 0; i < sizeof s / sizeof s[0]; i++) {
		char *a = key_fold(s[i]), *b = key_fold(a), *v = key_variant(s[i]);
		char *vv = key_variant(v);

		assert_string_equal(a, b);
		assert_string_equal(v, vv);
		assert_true(utf8_valid(a, strlen(a)));
		free(a);
		free(b);
		free(v);
		free(vv);
	}
	for (int c = 1; c < 128; c++) {
		char in[8] = "漢", *a, *b;

		in[3] = (char)c;
		a = key_fold(in + 3);
		b = key_fold(in);
		assert_int_equal(strncmp(b, "漢", 3), 0);
		assert_string_equal(a, b + 3);
		free(a);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_bad_files),
		cmocka_unit_test(test_load_chains_and_compat),
		cmocka_unit_test(test_default_table),
		cmocka_unit_test(test_empty_and_invalid),
		cmocka_unit_test(test_kana),
		cmocka_unit_test(test_spaces_and_latin),
		cmocka_unit_test(test_waves_and_dashes),
		cmocka_unit_test(test_ivs),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_idempotent_and_ascii),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
