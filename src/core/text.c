/* text.c: display width, grapheme clusters, safe display form, cutting,
 * padding and wrapping of UTF-8 text for the terminal. Everything that lays
 * text out on screen goes through here (STYLE rule 8).
 *
 * Widths are glibc wcwidth() per code point (what ncursesw uses), with the
 * substitutes of the display form counted instead of the raw characters:
 * C0 controls and DEL as "^X" (2), C1 controls as "<U+XXXX>" (8), characters
 * wcwidth cannot measure as 〓 (2); ZWJ and VS16 are dropped (0). Each code
 * point maps to its display form on its own, so the display form of a prefix
 * is a prefix of the display form: cut and wrap rely on that. */
#include "tsunagu/text.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

#define GETA "\xE3\x80\x93" /* 〓 U+3013, for what wcwidth cannot measure */
#define ZWJ 0x200Du
#define VS16 0xFE0Fu

static bool ambiguous_wide;

/* One break iterator per thread, opened on first use and re-pointed at each
 * string with ubrk_setUText (no UTF-16 copy). */
struct gbrk {
	UBreakIterator *bi;
	UText *ut;
	bool failed; /* ICU could not open one: use the fallback clustering */
};
static _Thread_local struct gbrk gbrk;

static bool codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int text_init(void)
{
	static const char *const fallbacks[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	size_t i;

	if (!setlocale(LC_CTYPE, "") || !codeset_is_utf8()) {
		for (i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
			if (setlocale(LC_CTYPE, fallbacks[i]) && codeset_is_utf8())
				break;
	}
	return codeset_is_utf8() ? 0 : -1;
}

void text_set_ambiguous_wide(bool on)
{
	ambiguous_wide = on;
}

bool text_ambiguous_wide(void)
{
	return ambiguous_wide;
}

bool text_is_ambiguous(uint32_t cp)
{
	if (cp < 0xA1 || cp > 0x10FFFF)
		return false;
	return u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS;
}

int text_cp_width(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp < 0x20 || cp == 0x7F)
		return 2; /* ^X */
	if (cp < 0xA0)
		return 8; /* <U+0080> .. <U+009F> */
	if (cp == ZWJ || cp == VS16)
		return 0;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 2; /* 〓 */
	if (w == 1 && ambiguous_wide && text_is_ambiguous(cp))
		return 2;
	return w;
}

/* Append the display form of one decoded code point whose bytes are src[0..n). */
static void display_cp(struct sbuf *sb, uint32_t cp, bool valid, const char *src, size_t n)
{
	if (!valid) {
		sbuf_add(sb, "\xEF\xBF\xBD", 3);
	} else if (cp < 0x20) {
		sbuf_addc(sb, '^');
		sbuf_addc(sb, (char)(cp + 0x40));
	} else if (cp == 0x7F) {
		sbuf_add(sb, "^?", 2);
	} else if (cp >= 0x80 && cp < 0xA0) {
		sbuf_addf(sb, "<U+%04X>", (unsigned)cp);
	} else if (cp == ZWJ || cp == VS16) {
		/* dropped: terminals disagree on joined emoji */
	} else if (cp >= 0x80 && wcwidth((wchar_t)cp) < 0) {
		sbuf_add(sb, GETA, 3);
	} else {
		sbuf_add(sb, src, n);
	}
}

static bool ascii_printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7F;
}

int text_width_n(const char *s, size_t len)
{
	size_t i = 0, w = 0;

	if (!s)
		return 0;
	while (i < len) {
		uint32_t cp;

		if (ascii_printable((unsigned char)s[i])) {
			w++;
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp, NULL);
		w += (size_t)text_cp_width(cp);
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

int text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

/* Width of s[0..len) while appending its display form to sb (may be NULL). */
static int add_display(struct sbuf *sb, const char *s, size_t len)
{
	size_t i = 0, w = 0;

	while (i < len) {
		size_t run = i, n;
		uint32_t cp;
		bool ok;

		while (run < len && ascii_printable((unsigned char)s[run]))
			run++;
		if (run > i) {
			if (sb)
				sbuf_add(sb, s + i, run - i);
			w += run - i;
			i = run;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp, &ok);
		if (sb)
			display_cp(sb, cp, ok, s + i, n);
		w += (size_t)text_cp_width(cp);
		i += n;
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

char *text_display(const char *s)
{
	struct sbuf sb;

	sbuf_init(&sb);
	if (s)
		add_display(&sb, s, strlen(s));
	return sbuf_detach(&sb);
}

/* ---- grapheme clusters ----------------------------------------------------- */

/* The break iterator set on s[0..len), or NULL if ICU is unavailable or the
 * string is too long for its 32-bit offsets. */
static UBreakIterator *brk_for(const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;

	if (gbrk.failed || len > INT32_MAX)
		return NULL;
	if (!gbrk.bi) {
		gbrk.bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &st);
		if (U_FAILURE(st)) {
			gbrk.bi = NULL;
			gbrk.failed = true;
			return NULL;
		}
	}
	gbrk.ut = utext_openUTF8(gbrk.ut, s, (int64_t)len, &st);
	if (U_FAILURE(st))
		return NULL;
	ubrk_setUText(gbrk.bi, gbrk.ut, &st);
	return U_FAILURE(st) ? NULL : gbrk.bi;
}

/* Move b back to the start of the code point (as utf8_decode splits the bytes)
 * that contains it, so ICU's view of ill-formed bytes can never make us cut
 * inside what we measure as one character. */
static size_t snap(const char *s, size_t len, size_t b)
{
	size_t p, k;

	if (b == 0 || b >= len || ((unsigned char)s[b] & 0xC0) != 0x80)
		return b;
	for (k = 1; k <= 3 && k <= b; k++) {
		p = b - k;
		if (((unsigned char)s[p] & 0xC0) != 0x80)
			return p + utf8_decode(s + p, len - p, NULL, NULL) > b ? p : b;
	}
	return b;
}

static size_t cp_len(const char *s, size_t len, size_t pos)
{
	return utf8_decode(s + pos, len - pos, NULL, NULL);
}

/* Without ICU: a code point plus the zero-width ones that follow it. */
static size_t fallback_next(const char *s, size_t len, size_t pos)
{
	uint32_t cp;

	pos += cp_len(s, len, pos);
	while (pos < len) {
		size_t n = utf8_decode(s + pos, len - pos, &cp, NULL);

		if (cp < 0xA0 || wcwidth((wchar_t)cp) != 0)
			break;
		pos += n;
	}
	return pos;
}

/* ASCII followed by ASCII always breaks (except CR LF): no ICU needed. */
static bool ascii_pair(const char *s, size_t len, size_t i)
{
	unsigned char a = (unsigned char)s[i];

	if (a >= 0x80)
		return false;
	if (i + 1 >= len)
		return true;
	if ((unsigned char)s[i + 1] >= 0x80)
		return false;
	return !(a == '\r' && s[i + 1] == '\n');
}

static size_t gnext(UBreakIterator *bi, const char *s, size_t len, size_t pos)
{
	int32_t b;
	size_t r;

	if (pos >= len)
		return len;
	if (ascii_pair(s, len, pos))
		return pos + 1;
	if (!bi)
		return fallback_next(s, len, pos);
	b = ubrk_following(bi, (int32_t)pos);
	r = b == UBRK_DONE || (size_t)b > len ? len : snap(s, len, (size_t)b);
	if (r <= pos)
		r = pos + cp_len(s, len, pos);
	return r;
}

size_t text_next_grapheme(const char *s, size_t len, size_t pos)
{
	if (!s || pos >= len)
		return len;
	if (ascii_pair(s, len, pos))
		return pos + 1;
	return gnext(brk_for(s, len), s, len, pos);
}

static size_t fallback_prev(const char *s, size_t len, size_t pos)
{
	size_t p = 0, last = 0;

	/* forward from the start: only without ICU, so simplicity wins */
	while (p < pos) {
		last = p;
		p = fallback_next(s, len, p);
	}
	return last;
}

size_t text_prev_grapheme(const char *s, size_t len, size_t pos)
{
	UBreakIterator *bi;
	int32_t b;

	if (!s || pos == 0)
		return 0;
	if (pos > len)
		pos = len;
	if (pos == 1)
		return 0;
	if (ascii_pair(s, len, pos - 2))
		return pos - 1; /* s[pos-2] s[pos-1] is an ASCII pair: a break */
	bi = brk_for(s, len);
	if (!bi)
		return fallback_prev(s, len, pos);
	b = ubrk_preceding(bi, (int32_t)pos);
	if (b == UBRK_DONE || b < 0)
		return 0;
	return snap(s, len, (size_t)b < pos ? (size_t)b : pos - 1);
}

/* ---- cut and pad -------------------------------------------------------------- */

/* Printable ASCII of at most cols bytes: already its own display form. */
static bool short_ascii(const char *s, int cols)
{
	int i;

	for (i = 0; i <= cols; i++) {
		if (s[i] == '\0')
			return true;
		if (!ascii_printable((unsigned char)s[i]))
			return false;
	}
	return false;
}

static void sbuf_truncate(struct sbuf *sb, size_t len)
{
	if (sb->buf && len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

char *text_cut(const char *s, int cols, bool ellipsis, int *width)
{
	struct sbuf sb;
	UBreakIterator *bi;
	size_t len, pos = 0, mark = 0;
	int w = 0, mark_w = 0, room;
	bool cut = false;

	if (!s)
		s = "";
	if (cols <= 0 || short_ascii(s, cols)) {
		char *r = cols <= 0 ? xstrdup("") : xstrdup(s);

		if (width)
			*width = (int)strlen(r);
		return r;
	}
	room = ellipsis ? (cols > 2 ? cols - 2 : 0) : cols;
	len = strlen(s);
	bi = brk_for(s, len);
	sbuf_init(&sb);
	while (pos < len) {
		size_t end = gnext(bi, s, len, pos), before = sb.len;
		int cw = add_display(&sb, s + pos, end - pos);

		if (cw > cols - w) {
			sbuf_truncate(&sb, before);
			cut = true;
			break;
		}
		w += cw;
		pos = end;
		if (w <= room) {
			mark = sb.len;
			mark_w = w;
		}
	}
	if (cut && ellipsis) {
		sbuf_truncate(&sb, mark);
		sbuf_add(&sb, "..", cols >= 2 ? 2 : 1);
		w = mark_w + (cols >= 2 ? 2 : 1);
	}
	if (width)
		*width = w;
	return sbuf_detach(&sb);
}

static void add_spaces(struct sbuf *sb, int n)
{
	while (n-- > 0)
		sbuf_addc(sb, ' ');
}

char *text_pad(const char *s, int cols, int align)
{
	struct sbuf sb;
	char *cut;
	int w, gap, left;

	if (cols <= 0)
		return xstrdup("");
	cut = text_cut(s, cols, false, &w);
	gap = cols - w;
	left = align < 0 ? 0 : align > 0 ? gap : gap / 2;
	sbuf_init(&sb);
	add_spaces(&sb, left);
	sbuf_adds(&sb, cut);
	add_spaces(&sb, gap - left);
	free(cut);
	return sbuf_detach(&sb);
}

/* ---- wrap ---------------------------------------------------------------------- */

struct wrap {
	int cols;
	char **v;     /* the lines so far */
	size_t n, cap;
	struct sbuf line;
	int w;        /* width of line */
	size_t sp;    /* bytes of line up to and including its last space, or 0 */
	int sp_w;     /* width up to and including that space */
	bool word_narrow; /* everything since that space is narrow (Latin-like) */
};

static void wrap_emit_n(struct wrap *wr, const char *s, size_t n)
{
	if (wr->n == wr->cap) {
		wr->cap = wr->cap ? wr->cap * 2 : 8;
		wr->v = xreallocarray(wr->v, wr->cap, sizeof *wr->v);
	}
	wr->v[wr->n++] = xstrndup(s ? s : "", s ? n : 0);
}

static void wrap_reset(struct wrap *wr)
{
	sbuf_truncate(&wr->line, 0);
	wr->w = 0;
	wr->sp = 0;
	wr->sp_w = 0;
	wr->word_narrow = true;
}

static void wrap_flush(struct wrap *wr)
{
	wrap_emit_n(wr, wr->line.buf, wr->line.len);
	wrap_reset(wr);
}

/* Break at the line's last space: the text after it starts the next line. */
static void wrap_at_space(struct wrap *wr)
{
	size_t tail = wr->line.len - wr->sp;
	int tail_w = wr->w - wr->sp_w;
	char *rest = xstrndup(wr->line.buf + wr->sp, tail);

	wrap_emit_n(wr, wr->line.buf, wr->sp - 1);
	wrap_reset(wr);
	sbuf_add(&wr->line, rest, tail);
	wr->w = tail_w;
	free(rest);
}

static void wrap_append(struct wrap *wr, const char *c, size_t n, int cw, bool space, bool narrow)
{
	sbuf_add(&wr->line, c, n);
	wr->w += cw;
	if (space) {
		wr->sp = wr->line.len;
		wr->sp_w = wr->w;
		wr->word_narrow = true;
	} else if (!narrow) {
		wr->word_narrow = false;
	}
}

/* A cluster wider than a whole line (only when cols is tiny): split it into
 * code points; a code point wider than the line shows as '?'. */
static void wrap_split(struct wrap *wr, const char *c, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(c + i, n - i, &cp, NULL);
		int w = text_cp_width(cp);

		if (wr->w + w > wr->cols && wr->line.len > 0)
			wrap_flush(wr);
		if (w > wr->cols)
			wrap_append(wr, "?", 1, 1, false, false);
		else
			wrap_append(wr, c + i, k, w, false, false);
		i += k;
	}
}

static void wrap_cluster(struct wrap *wr, const char *c, size_t n)
{
	int cw = text_width_n(c, n);
	bool space = n == 1 && c[0] == ' ';
	bool narrow = !space && cw <= 1;

	for (;;) {
		if (cw <= wr->cols - wr->w) {
			wrap_append(wr, c, n, cw, space, narrow);
			return;
		}
		if (space) {
			wrap_flush(wr); /* the space itself is the break */
			return;
		}
		if (wr->sp > 1 && narrow && wr->word_narrow) {
			wrap_at_space(wr);
		} else if (wr->line.len > 0) {
			wrap_flush(wr);
		} else {
			wrap_split(wr, c, n);
			return;
		}
	}
}

static void wrap_paragraph(struct wrap *wr, const char *s, size_t len)
{
	struct sbuf d;
	UBreakIterator *bi;
	size_t pos = 0;

	sbuf_init(&d);
	add_display(&d, s, len);
	bi = brk_for(d.buf ? d.buf : "", d.len);
	while (pos < d.len) {
		size_t end = gnext(bi, d.buf, d.len, pos);

		wrap_cluster(wr, d.buf + pos, end - pos);
		pos = end;
	}
	wrap_flush(wr);
	sbuf_release(&d);
}

size_t text_wrap(const char *s, int cols, char ***lines)
{
	struct wrap wr = { .cols = cols, .word_narrow = true };
	const char *p = s ? s : "";

	*lines = NULL;
	if (cols <= 0)
		return 0;
	sbuf_init(&wr.line);
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (nl && n > 0 && p[n - 1] == '\r')
			n--; /* CR LF from imported text */
		wrap_paragraph(&wr, p, n);
		if (!nl)
			break;
		p = nl + 1;
	}
	sbuf_release(&wr.line);
	*lines = wr.v;
	return wr.n;
}

void text_lines_free(char **lines, size_t n)
{
	size_t i;

	if (!lines)
		return;
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
