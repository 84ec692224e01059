/* utf8.h: strict UTF-8 decoding (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF). Invalid input becomes U+FFFD, one replacement per maximal
 * invalid subpart (the Unicode "substitution of maximal subparts" practice),
 * so a decoder never stalls and never swallows the valid byte that follows. */
#ifndef TSU_UTF8_H
#define TSU_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode one code point from s[0..len). Stores it in *cp (U+FFFD if invalid)
 * and returns the bytes consumed (>= 1 when len > 0, 0 when len == 0).
 * *valid (may be NULL) tells whether the bytes were valid. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp, bool *valid);
/* Encode cp (U+FFFD if not a scalar value) into out; returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* True if s[0..len) is entirely valid UTF-8. */
bool utf8_valid(const char *s, size_t len);
/* A newly allocated valid UTF-8 copy with invalid parts replaced by U+FFFD;
 * *nbad (may be NULL) receives the number of replacements. */
char *utf8_sanitize(const char *s, size_t len, size_t *nbad);
/* Number of code points (invalid subparts count one each). */
size_t utf8_count(const char *s, size_t len);

/* Byte-at-a-time decoder for terminal input. Feed each byte; it emits 0, 1 or
 * 2 code points (2 when a byte ends an invalid sequence and starts or is a new
 * character). Emitted invalid sequences are U+FFFD. */
struct utf8_stream {
	uint32_t cp;
	unsigned need;      /* continuation bytes still expected */
	unsigned seen;      /* continuation bytes seen so far */
	unsigned char lead; /* the lead byte, for second-byte range checks */
	unsigned long invalid; /* count of U+FFFD emitted so far */
};
void utf8_stream_init(struct utf8_stream *st);
/* Returns the number of code points written to out (0..2). */
int utf8_stream_push(struct utf8_stream *st, unsigned char byte, uint32_t out[2]);
/* True while a multi-byte sequence is incomplete. */
bool utf8_stream_pending(const struct utf8_stream *st);
/* Flush an incomplete sequence (e.g. on a read timeout): returns 1 and stores
 * U+FFFD if one was pending, else 0. */
int utf8_stream_flush(struct utf8_stream *st, uint32_t *out);

#endif
