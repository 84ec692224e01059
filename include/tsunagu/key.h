/* key.h: search keys for Japanese names, addresses and phone numbers.
 * Names are stored exactly as typed; keys are derived from them and can be
 * rebuilt at any time.
 *
 * key_fold: ICU NFKC_Casefold, katakana -> hiragana (U+30A1..U+30F6 minus
 * 0x60; ヽヾ too), half-width kana folded (by NFKC), all white space removed,
 * 〜/～/~ folded to one form, −/－/‐/ー-like dashes in non-kana context folded
 * (the long-vowel mark ー between kana is kept: it is part of a reading),
 * middle dots removed.
 * key_variant: key_fold, then every character mapped through the curated
 * name-variant table (data/variants.tsv: 髙→高, 﨑→崎, 齋/齊→斎, 邊/邉→辺, ...).
 * key_digits: only the ASCII digits after NFKC (phone numbers with or without
 * hyphens, full-width digits). */
#ifndef TSU_KEY_H
#define TSU_KEY_H

#include "tsunagu/err.h"

/* Load the variant table from a TSV file (variant<TAB>canonical per line, '#'
 * comments). Replaces any table loaded before. Returns 0 or TSU_E* with e set
 * naming the file and line. */
int key_load_variants(const char *path, struct tsu_err *e);
/* Load data/variants.tsv from the data directory (paths.h). */
int key_load_default(struct tsu_err *e);
/* Number of pairs loaded. */
size_t key_variant_count(void);
/* Free the table. */
void key_unload(void);

/* Newly allocated keys; never NULL (an empty string for empty input). */
char *key_fold(const char *s);
char *key_variant(const char *s);
char *key_digits(const char *s);

#endif
