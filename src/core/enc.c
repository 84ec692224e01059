/* enc.c: encoding detection and CP932 <-> UTF-8 conversion through glibc
 * iconv. glibc stops at every byte or character it cannot convert (//IGNORE
 * still fails at the end), so both directions drive iconv themselves: on
 * EILSEQ/EINVAL they know the exact offset, report it, and either fail or
 * substitute and carry on. The two iconv handles are opened once; a mutex
 * makes sharing them safe. */
#include "tsunagu/enc.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "tsunagu/text.h"
#include "tsunagu/utf8.h"

#define CHUNK 16384
/* a grapheme cluster longer than this is cut (only for the 〓 grouping) */
#define MAX_CLUSTER 256

enum dir { TO_UTF8, TO_CP932 };

static struct {
	pthread_mutex_t lock;
	iconv_t cd[2];
	bool opened[2];
} conv = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* The handle for one direction, opened on first use; the lock is held. */
static iconv_t handle(enum dir d, struct tsu_err *e)
{
	if (!conv.opened[d]) {
		conv.cd[d] =
		    d == TO_UTF8 ? iconv_open("UTF-8", "CP932") : iconv_open("CP932", "UTF-8");
		if (conv.cd[d] == (iconv_t)-1) {
			err_set(e, TSU_EENCODING, "文字コード変換 (CP932) を準備できません: %s",
			        strerror(errno));
			return (iconv_t)-1;
		}
		conv.opened[d] = true;
	}
	iconv(conv.cd[d], NULL, NULL, NULL, NULL);
	return conv.cd[d];
}

const char *enc_name(enum enc_kind kind)
{
	switch (kind) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 (BOM 付き)";
	case ENC_CP932: return "CP932 (Shift_JIS)";
	}
	return "?";
}

static bool has_bom(const char *buf, size_t len)
{
	return len >= ENC_BOM_LEN && memcmp(buf, ENC_BOM, ENC_BOM_LEN) == 0;
}

/* Offset of the first byte that is not strict UTF-8, or len. */
static size_t utf8_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		bool ok;
		size_t k;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, len - i, NULL, &ok);
		if (!ok)
			return i;
		i += k;
	}
	return len;
}

/* "0x81 0x7F": the bad byte and, if it is a lead byte, the one after it. */
static void describe_bytes(const char *buf, size_t len, size_t off, char out[16])
{
	unsigned a = (unsigned char)buf[off];

	if (off + 1 < len && a >= 0x80)
		snprintf(out, 16, "0x%02X 0x%02X", a, (unsigned char)buf[off + 1]);
	else
		snprintf(out, 16, "0x%02X", a);
}

static int bad_bytes(struct tsu_err *e, const char *what, const char *buf, size_t len, size_t off)
{
	char bytes[16];

	if (off >= len)
		return err_set(e, TSU_EENCODING, "%s として読むと末尾の文字が途中で切れています",
		               what);
	describe_bytes(buf, len, off, bytes);
	return err_set(e, TSU_EENCODING,
	               "%s として読むと先頭から %zu バイト目に不正なバイト %s があります", what,
	               off + 1, bytes);
}

/* ---- CP932 -> UTF-8 -------------------------------------------------------- */

/* Convert with the lock held; out gets the text up to a failure. Returns 0,
 * or TSU_EENCODING with *bad set. */
static int cp932_run(iconv_t cd, const char *buf, size_t len, struct sbuf *out, size_t *bad)
{
	char chunk[CHUNK];
	char *in = (char *)buf;
	size_t left = len;

	while (left > 0) {
		char *o = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		int err = errno;

		sbuf_add(out, chunk, (size_t)(o - chunk));
		if (r != (size_t)-1)
			continue;
		if (err == E2BIG)
			continue;
		*bad = (size_t)(in - buf);
		return TSU_EENCODING;
	}
	return 0;
}

/* Append tmp to out and release tmp; when out is empty the buffer just
 * changes hands (no copy of a large file). */
static void hand_over(struct sbuf *out, struct sbuf *tmp)
{
	if (out->len == 0) {
		sbuf_release(out);
		*out = *tmp;
		sbuf_init(tmp);
		return;
	}
	sbuf_add(out, tmp->buf ? tmp->buf : "", tmp->len);
	sbuf_release(tmp);
}

/* Decode and append to out; on failure out is untouched and *bad set. No
 * message: the callers word it. */
static int cp932_decode(const char *buf, size_t len, struct sbuf *out, size_t *bad,
                        struct tsu_err *e)
{
	struct sbuf tmp = {0};
	iconv_t cd;
	int rc;

	pthread_mutex_lock(&conv.lock);
	cd = handle(TO_UTF8, e);
	rc = cd == (iconv_t)-1 ? TSU_EENCODING : cp932_run(cd, buf, len, &tmp, bad);
	pthread_mutex_unlock(&conv.lock);
	if (rc == 0)
		hand_over(out, &tmp);
	sbuf_release(&tmp);
	if (cd == (iconv_t)-1)
		*bad = SIZE_MAX;
	return rc;
}

int enc_cp932_to_utf8(const char *buf, size_t len, struct sbuf *out, size_t *bad, struct tsu_err *e)
{
	size_t off = 0;
	int rc = cp932_decode(buf, len, out, &off, e);

	if (rc == 0 || off == SIZE_MAX)
		return rc;
	if (bad)
		*bad = off;
	return bad_bytes(e, "CP932", buf, len, off);
}

/* ---- detection ------------------------------------------------------------- */

/* Not UTF-8 (utf8_bad is where it broke): decode as CP932 into out, or fail
 * naming whichever reading got further. */
static int try_cp932(const char *buf, size_t len, size_t utf8_bad, struct sbuf *out, size_t *bad,
                     struct tsu_err *e)
{
	size_t off = 0;
	int rc = cp932_decode(buf, len, out, &off, e);

	if (rc == 0 || off == SIZE_MAX)
		return rc;
	if (utf8_bad >= off) {
		if (bad)
			*bad = utf8_bad;
		bad_bytes(e, "UTF-8", buf, len, utf8_bad);
	} else {
		if (bad)
			*bad = off;
		bad_bytes(e, "CP932 (Shift_JIS)", buf, len, off);
	}
	err_prefix(e, "UTF-8 としても CP932 (Shift_JIS) としても読めません");
	return TSU_EENCODING;
}

/* out may be NULL (detection only: the CP932 text goes to a scratch buffer). */
static int detect(const char *buf, size_t len, struct sbuf *out, enum enc_kind *kind, size_t *bad,
                  struct tsu_err *e)
{
	struct sbuf scratch = {0};
	size_t start = has_bom(buf, len) ? ENC_BOM_LEN : 0;
	size_t stop = utf8_prefix(buf + start, len - start) + start;
	int rc;

	if (stop == len) {
		*kind = start ? ENC_UTF8_BOM : ENC_UTF8;
		if (out)
			sbuf_add(out, buf + start, len - start);
		return 0;
	}
	if (start) {
		if (bad)
			*bad = stop;
		bad_bytes(e, "UTF-8", buf, len, stop);
		err_prefix(e, "BOM 付きの UTF-8 ファイルですが");
		return TSU_EENCODING;
	}
	rc = try_cp932(buf, len, stop, out ? out : &scratch, bad, e);
	sbuf_release(&scratch);
	if (rc == 0)
		*kind = ENC_CP932;
	return rc;
}

int enc_detect(const char *buf, size_t len, enum enc_kind *kind, size_t *bad, struct tsu_err *e)
{
	return detect(len ? buf : "", len, NULL, kind, bad, e);
}

int enc_decode(const char *buf, size_t len, struct sbuf *out, enum enc_kind *kind, size_t *bad,
               struct tsu_err *e)
{
	return detect(len ? buf : "", len, out, kind, bad, e);
}

/* ---- UTF-8 -> CP932 -------------------------------------------------------- */

static bool is_selector(uint32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

struct to_cp932 {
	const char *buf;
	size_t len;
	enum enc_mode mode;
	void (*report)(void *ctx, const struct enc_issue *issue);
	void *ctx;
	struct sbuf *out;
	struct enc_stats st;
};

static void issue(struct to_cp932 *c, enum enc_issue_kind kind, size_t off, size_t n, uint32_t cp)
{
	struct enc_issue is = {.kind = kind, .offset = off, .len = n, .cp = cp};

	if (kind == ENC_ISSUE_LOST)
		c->st.lost++;
	else
		c->st.selectors++;
	if (c->report)
		c->report(c->ctx, &is);
}

/* Bytes of the grapheme cluster at s[0..rem), never less than the first code
 * point's n bytes; the window given to the break iterator is cut at a code
 * point boundary so that the cluster never ends inside a character. */
static size_t cluster_len(const char *s, size_t rem, size_t n)
{
	size_t win = rem < MAX_CLUSTER ? rem : MAX_CLUSTER, end;

	while (win > n && win < rem && ((unsigned char)s[win] & 0xC0) == 0x80)
		win--;
	end = text_next_grapheme(s, win, 0);
	return end > n ? end : n;
}

/* iconv stopped at off, a valid character it cannot encode: report it and
 * return how many input bytes to skip. */
static size_t unencodable(struct to_cp932 *c, size_t off)
{
	uint32_t cp;
	size_t n = utf8_decode(c->buf + off, c->len - off, &cp, NULL);

	if (is_selector(cp)) {
		issue(c, ENC_ISSUE_SELECTOR, off, n, cp);
		return n;
	}
	/* the rest of the cluster goes with it: one 〓 for 👨‍👩‍👧, not five */
	n = cluster_len(c->buf + off, c->len - off, n);
	issue(c, ENC_ISSUE_LOST, off, n, cp);
	if (c->mode == ENC_SUBSTITUTE)
		sbuf_add(c->out, "\x81\xAC", 2);
	return n;
}

static void utf8_run(struct to_cp932 *c, iconv_t cd)
{
	char chunk[CHUNK];
	char *in = (char *)c->buf;
	size_t left = c->len;

	while (left > 0) {
		char *o = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		int err = errno;
		size_t skip;

		sbuf_add(c->out, chunk, (size_t)(o - chunk));
		if (r != (size_t)-1 || err == E2BIG)
			continue;
		/* EILSEQ (or EINVAL, impossible on validated input) */
		skip = unencodable(c, (size_t)(in - c->buf));
		in += skip;
		left -= skip;
	}
}

int enc_utf8_to_cp932(const char *buf, size_t len, enum enc_mode mode,
                      void (*report)(void *ctx, const struct enc_issue *issue), void *ctx,
                      struct sbuf *out, struct enc_stats *stats, struct tsu_err *e)
{
	struct sbuf tmp = {0};
	struct to_cp932 c = {.buf = len ? buf : "",
	                     .len = len,
	                     .mode = mode,
	                     .report = report,
	                     .ctx = ctx,
	                     .out = &tmp};
	size_t stop = utf8_prefix(c.buf, len);
	iconv_t cd;
	int rc = 0;

	if (stats)
		*stats = c.st;
	if (stop < len)
		return bad_bytes(e, "UTF-8", c.buf, len, stop);
	pthread_mutex_lock(&conv.lock);
	cd = handle(TO_CP932, e);
	if (cd != (iconv_t)-1)
		utf8_run(&c, cd);
	pthread_mutex_unlock(&conv.lock);
	if (stats)
		*stats = c.st;
	if (cd == (iconv_t)-1)
		rc = TSU_EENCODING;
	else if (mode == ENC_STRICT && c.st.lost > 0)
		rc = err_set(e, TSU_EENCODING, "CP932 (Shift_JIS) で書けない文字が %zu 個あります",
		             c.st.lost);
	else
		hand_over(out, &tmp);
	sbuf_release(&tmp);
	return rc;
}

bool enc_find_pua(const char *s, size_t len, size_t *offset)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t k;

		if ((unsigned char)s[i] < 0xEE) { /* U+E000 starts with EE */
			i++;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp, NULL);
		if (cp >= 0xE000 && cp <= 0xF8FF) {
			if (offset)
				*offset = i;
			return true;
		}
		i += k;
	}
	return false;
}
