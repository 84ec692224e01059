/* enc.h: the encodings of files exchanged with Excel: UTF-8 (with or without
 * a BOM) and CP932 (Windows-31J, the "Shift_JIS" Excel writes on Japanese
 * Windows). Inside tsunagu all text is UTF-8; this module is the only place
 * that converts, through glibc iconv ("CP932", never "SHIFT_JIS", which
 * rejects ① ～ 髙 﨑 and the other NEC/IBM extensions Excel users type).
 *
 * Detection of a file (enc_detect, enc_decode): a UTF-8 BOM wins; else the
 * bytes are UTF-8 if they are strictly valid UTF-8 (RFC 3629); else CP932 if
 * every byte sequence decodes as CP932; else an error. Pure ASCII is UTF-8.
 * A very short CP932 text made only of half-width katakana can also be valid
 * UTF-8 (ﾃｽ = C3 BD = "ý"); a whole ledger practically never is.
 *
 * What a trip through CP932 changes (glibc's tables; tested in test_enc.c):
 *   UTF-8 -> CP932 -> UTF-8 turns
 *     〜 U+301C -> ～ U+FF5E     − U+2212 -> － U+FF0D    ‖ U+2016 -> ∥ U+2225
 *     ¢ U+00A2 -> ￠ U+FFE0     £ U+00A3 -> ￡ U+FFE1    ¬ U+00AC -> ￢ U+FFE2
 *     — U+2014 -> ― U+2015     ¥ U+00A5 -> \ U+005C     ‾ U+203E -> ~ U+007E
 *   (¥ becomes the byte 0x5C, which Japanese Windows fonts draw as ¥ but which
 *   comes back as a backslash.) The NEC-selected IBM extension codes
 *   (0xED40..0xEEFC) decode to the same kanji as the IBM codes (0xFA40..) and
 *   are written back as the IBM codes: the text survives, the bytes do not.
 *   The user-defined area 0xF040..0xF9FC (外字) decodes to the Private Use
 *   Area U+E000..U+E757: valid, but meaningless without the sender's font, so
 *   the importer should warn about it (enc_find_pua).
 *   Not in CP932 at all: 𠮟 and other characters outside JIS X 0208 and the
 *   NEC/IBM extensions, accented Latin letters, emoji, and the variation
 *   selectors (葛󠄀 = 葛 + U+E0100) that pick a glyph variant.
 *
 * Thread safety: the iconv handles are opened once and shared under a mutex,
 * so conversions serialise among themselves; but the 〓 grouping of
 * enc_utf8_to_cp932 uses the text module's grapheme iterator, which is not
 * thread-safe: do not run it while another thread measures text. */
#ifndef TSU_ENC_H
#define TSU_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tsunagu/err.h"
#include "tsunagu/util.h"

#define ENC_BOM     "\xEF\xBB\xBF"
#define ENC_BOM_LEN 3
/* 〓 GETA MARK, written for a character CP932 cannot hold (0x81AC in CP932). */
#define ENC_GETA 0x3013u

enum enc_kind {
	ENC_UTF8,     /* valid UTF-8, no BOM (pure ASCII included) */
	ENC_UTF8_BOM, /* starts with EF BB BF, the rest is valid UTF-8 */
	ENC_CP932     /* not UTF-8, and decodes as CP932 without error */
};

/* A short Japanese name for messages ("UTF-8", "UTF-8 (BOM 付き)",
 * "CP932 (Shift_JIS)"); never NULL. */
const char *enc_name(enum enc_kind kind);

/* Which encoding buf[0..len) is in (buf may be NULL when len is 0). Returns 0
 * and sets *kind, or TSU_EENCODING when the bytes are neither: then *bad (may
 * be NULL) gets the 0-based offset of the first bad byte under the reading
 * that got furthest (a UTF-8 file with one broken byte is reported as UTF-8,
 * a CP932 file with one broken byte as CP932), and e names the encoding, the
 * offset (1-based, "先頭から N バイト目") and the bytes. A file with a BOM
 * must be valid UTF-8 after it. Costs a full CP932 decode when not UTF-8. */
int enc_detect(const char *buf, size_t len, enum enc_kind *kind, size_t *bad, struct tsu_err *e);

/* Detect as enc_detect and append the text, as UTF-8 without the BOM, to out
 * (which must be initialised). On failure out is untouched and *bad and
 * e are set as by enc_detect. */
int enc_decode(const char *buf, size_t len, struct sbuf *out, enum enc_kind *kind, size_t *bad,
               struct tsu_err *e);

/* Append the UTF-8 form of the CP932 bytes buf[0..len) to out. Returns 0, or
 * TSU_EENCODING with out unchanged, *bad (may be NULL) set to the 0-based
 * offset of the first byte that is not CP932 (or of a lead byte cut off by the
 * end of the buffer) and e naming it. */
int enc_cp932_to_utf8(const char *buf, size_t len, struct sbuf *out, size_t *bad,
                      struct tsu_err *e);

enum enc_mode {
	ENC_STRICT,    /* a character CP932 cannot hold fails the conversion */
	ENC_SUBSTITUTE /* ... is written as 〓 (one per grapheme cluster) */
};

enum enc_issue_kind {
	/* A character (grapheme cluster, e.g. a whole emoji ZWJ sequence) with
	 * no CP932 code: lost, or 〓 in ENC_SUBSTITUTE. */
	ENC_ISSUE_LOST,
	/* A variation selector (U+FE00..U+FE0F, U+E0100..U+E01EF) after a
	 * character that was written: the selector is dropped in both modes and
	 * the base character kept (葛󠄀飾 -> 葛飾), which is the right CP932 text
	 * but loses the glyph variant. A warning, never a failure. */
	ENC_ISSUE_SELECTOR
};

struct enc_issue {
	enum enc_issue_kind kind;
	size_t offset; /* 0-based byte offset in the UTF-8 input */
	size_t len;    /* bytes of the input concerned (the cluster or selector) */
	uint32_t cp;   /* its first code point */
};

struct enc_stats {
	size_t lost;      /* ENC_ISSUE_LOST reported */
	size_t selectors; /* ENC_ISSUE_SELECTOR reported */
};

/* Append the CP932 form of the UTF-8 text buf[0..len) to out. Every character
 * CP932 cannot hold is passed to report(ctx, issue) (report may be NULL), in
 * increasing offset order, in both modes, so that a caller can list them all
 * before anything is written and map offsets to rows and columns (csv.h:
 * csv_locator). *stats (may be NULL) gets the counts.
 * Returns 0, or TSU_EENCODING with out unchanged when mode is ENC_STRICT and a
 * character was lost (selectors alone do not fail) or when buf is not valid
 * UTF-8 (then e names the offset of the bad byte and nothing is reported).
 * The typical export: convert with ENC_SUBSTITUTE, show the issues, and write
 * out only when stats.lost == 0 or the user has agreed to the 〓s. */
int enc_utf8_to_cp932(const char *buf, size_t len, enum enc_mode mode,
                      void (*report)(void *ctx, const struct enc_issue *issue), void *ctx,
                      struct sbuf *out, struct enc_stats *stats, struct tsu_err *e);

/* True if the UTF-8 text s[0..len) contains a Private Use Area character
 * (U+E000..U+F8FF, where CP932 外字 lands); *offset (may be NULL) gets the
 * byte offset of the first one. Invalid bytes are skipped. */
bool enc_find_pua(const char *s, size_t len, size_t *offset);

#endif
