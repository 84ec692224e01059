/* utf8.c: strict UTF-8 decoding and encoding (RFC 3629, Unicode table 3-7)
 * with one U+FFFD per maximal invalid subpart, and the byte-at-a-time
 * decoder that turns raw terminal input into code points. */
#include "tsunagu/utf8.h"

#include <string.h>

#include "tsunagu/util.h"

/* Bytes that follow a lead byte (0 for bytes that cannot start a sequence). */
static unsigned trail_count(unsigned char b)
{
	if (b >= 0xC2 && b <= 0xDF)
		return 1;
	if (b >= 0xE0 && b <= 0xEF)
		return 2;
	if (b >= 0xF0 && b <= 0xF4)
		return 3;
	return 0;
}

/* Table 3-7: the second byte's range depends on the lead byte; this is what
 * rules out overlongs, surrogates and code points above U+10FFFF. */
static bool second_ok(unsigned char lead, unsigned char b)
{
	switch (lead) {
	case 0xE0:
		return b >= 0xA0 && b <= 0xBF;
	case 0xED:
		return b >= 0x80 && b <= 0x9F;
	case 0xF0:
		return b >= 0x90 && b <= 0xBF;
	case 0xF4:
		return b >= 0x80 && b <= 0x8F;
	default:
		return b >= 0x80 && b <= 0xBF;
	}
}

static bool is_cont(unsigned char b)
{
	return (b & 0xC0) == 0x80;
}

static uint32_t lead_bits(unsigned char lead, unsigned trail)
{
	static const unsigned char mask[4] = { 0x7F, 0x1F, 0x0F, 0x07 };

	return lead & mask[trail];
}

static size_t set_result(uint32_t *cp, bool *valid, uint32_t c, bool ok, size_t n)
{
	if (cp)
		*cp = ok ? c : UTF8_REPLACEMENT;
	if (valid)
		*valid = ok;
	return n;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp, bool *valid)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned trail, i;
	uint32_t c;

	if (len == 0)
		return set_result(cp, valid, 0, false, 0);
	if (u[0] < 0x80)
		return set_result(cp, valid, u[0], true, 1);
	trail = trail_count(u[0]);
	if (trail == 0)
		return set_result(cp, valid, 0, false, 1);
	if (len < 2 || !second_ok(u[0], u[1]))
		return set_result(cp, valid, 0, false, 1);
	c = (lead_bits(u[0], trail) << 6) | (u[1] & 0x3F);
	for (i = 2; i <= trail; i++) {
		if (i >= len || !is_cont(u[i]))
			return set_result(cp, valid, 0, false, i);
		c = (c << 6) | (u[i] & 0x3F);
	}
	return set_result(cp, valid, c, true, trail + 1);
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		bool ok;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, NULL, &ok);
		if (!ok)
			return false;
	}
	return true;
}

char *utf8_sanitize(const char *s, size_t len, size_t *nbad)
{
	struct sbuf sb = { 0 };
	size_t i = 0, bad = 0;

	if (nbad)
		*nbad = 0;
	sbuf_init(&sb);
	if (utf8_valid(s, len)) {
		/* not xstrndup: an embedded NUL must not cut the copy short */
		sbuf_add(&sb, len ? s : "", len);
		return sbuf_detach(&sb);
	}
	while (i < len) {
		bool ok;
		size_t n = utf8_decode(s + i, len - i, NULL, &ok);

		if (ok) {
			sbuf_add(&sb, s + i, n);
		} else {
			sbuf_add(&sb, "\xEF\xBF\xBD", 3);
			bad++;
		}
		i += n;
	}
	if (nbad)
		*nbad = bad;
	return sbuf_detach(&sb);
}

size_t utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		i += (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, len - i, NULL, NULL);
		n++;
	}
	return n;
}

void utf8_stream_init(struct utf8_stream *st)
{
	memset(st, 0, sizeof *st);
}

static void stream_reset(struct utf8_stream *st)
{
	st->cp = 0;
	st->need = 0;
	st->seen = 0;
	st->lead = 0;
}

/* A byte with no sequence pending: emits 0 or 1 code points. */
static int stream_start(struct utf8_stream *st, unsigned char byte, uint32_t *out)
{
	unsigned trail;

	if (byte < 0x80) {
		*out = byte;
		return 1;
	}
	trail = trail_count(byte);
	if (trail == 0) {
		st->invalid++;
		*out = UTF8_REPLACEMENT;
		return 1;
	}
	st->lead = byte;
	st->need = trail;
	st->seen = 0;
	st->cp = lead_bits(byte, trail);
	return 0;
}

int utf8_stream_push(struct utf8_stream *st, unsigned char byte, uint32_t out[2])
{
	bool ok;

	if (st->need == 0)
		return stream_start(st, byte, out);
	ok = st->seen == 0 ? second_ok(st->lead, byte) : is_cont(byte);
	if (!ok) {
		/* the pending prefix is one maximal subpart; byte starts afresh */
		stream_reset(st);
		st->invalid++;
		out[0] = UTF8_REPLACEMENT;
		return 1 + stream_start(st, byte, out + 1);
	}
	st->cp = (st->cp << 6) | (byte & 0x3F);
	st->seen++;
	if (st->seen < st->need)
		return 0;
	out[0] = st->cp;
	stream_reset(st);
	return 1;
}

bool utf8_stream_pending(const struct utf8_stream *st)
{
	return st->need != 0;
}

int utf8_stream_flush(struct utf8_stream *st, uint32_t *out)
{
	if (st->need == 0)
		return 0;
	stream_reset(st);
	st->invalid++;
	*out = UTF8_REPLACEMENT;
	return 1;
}
