/* key.h: search keys for Japanese names, addresses and phone numbers.
 * Names are stored exactly as typed; keys are derived from them and can be
 * rebuilt at any time.
 *
 * key_fold: ICU NFKC_Casefold, katakana -> hiragana (U+30A1..U+30F6 minus
 * 0x60; ヽヾ too), half-width kana folded (by NFKC), all white space removed,
 * 〜/～/〰/~ folded to "~", dash-like characters (- − － ‐ – — ― ─ ー ｰ ...)
 * folded to "-", except right after kana (in the folded output, spaces
 * ignored) where they become the long-vowel mark ー: "ラーメン", "ﾗｰﾒﾝ" and
 * "ラ-メン" all give "らーめん", "2ー3" gives "2-3"; middle dots (・･·)
 * removed. The result is normalized again if that pass un-normalized it
 * ("か゛" gives "が"), so key_fold(key_fold(s)) == key_fold(s).
 * Thread-safe once the variant table is loaded; loading is not. Invalid UTF-8
 * becomes U+FFFD.
 * key_variant: key_fold, then every character mapped through the curated
 * name-variant table (data/variants.tsv: 髙→高, 﨑→崎, 齋/齊→斎, 邊/邉→辺, ...).
 * key_digits: only the ASCII digits after NFKC (phone numbers with or without
 * hyphens, full-width digits). */
#ifndef TSU_KEY_H
#define TSU_KEY_H

#include "tsunagu/err.h"

/* Load the variant table from a TSV file (variant<TAB>canonical[<TAB># note]
 * per line, '#' comment lines, optional BOM, CRLF accepted). Both columns are
 * one code point, keyed after key_fold (a compatibility ideograph that NFKC
 * already folds to its canonical is skipped). Chains (A→B, B→C) resolve to
 * A→C; a cycle, a variant mapped to two canonicals or the same line twice is
 * an error. Replaces any table loaded before; on error the old one stays.
 * Returns 0 or TSU_E* with e set naming the file and line. */
int key_load_variants(const char *path, struct tsu_err *e);
/* Load data/variants.tsv from the data directory (paths.h). */
int key_load_default(struct tsu_err *e);
/* Number of pairs in effect (after skipping and merging). */
size_t key_variant_count(void);
/* Free the table. */
void key_unload(void);

/* Newly allocated keys; never NULL (an empty string for empty input). */
char *key_fold(const char *s);
char *key_variant(const char *s);
char *key_digits(const char *s);

#endif
