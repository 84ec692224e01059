/* input.c: keys from the terminal. Bytes come through getch() (keypad on, so
 * KEY_* codes still arrive) and go through the core's strict UTF-8 decoder:
 * get_wch is never used, because in ncursesw 6.4 one invalid byte makes it
 * stop returning for good. An invalid sequence becomes U+FFFD marked invalid,
 * and the next byte starts afresh. */
#include "ui_int.h"

/* How long the rest of a multi-byte character may take to arrive. */
#define UTF8_TAIL_MS 150

void input_init(struct ui_input *in)
{
	memset(in, 0, sizeof(*in));
	utf8_stream_init(&in->st);
}

static void enqueue(struct ui_input *in, uint32_t cp, bool bad)
{
	if (in->nq < (int)(sizeof(in->queue) / sizeof(in->queue[0]))) {
		in->queue[in->nq] = cp;
		in->queue_bad[in->nq] = bad;
		in->nq++;
	}
}

static bool dequeue(struct ui_input *in, struct ui_key *out)
{
	if (in->nq == 0)
		return false;
	out->code = (int)in->queue[0];
	out->invalid = in->queue_bad[0];
	in->nq--;
	memmove(in->queue, in->queue + 1, (size_t)in->nq * sizeof(in->queue[0]));
	memmove(in->queue_bad, in->queue_bad + 1, (size_t)in->nq * sizeof(in->queue_bad[0]));
	return true;
}

/* Code points from pushing one byte; a U+FFFD is invalid when the decoder's
 * count of replacements went up. */
static void push_byte(struct ui_input *in, unsigned char b)
{
	uint32_t cps[2];
	unsigned long before = in->st.invalid;
	int n = utf8_stream_push(&in->st, b, cps);
	unsigned long bad = in->st.invalid - before;

	for (int i = 0; i < n; i++) {
		bool is_bad = cps[i] == UTF8_REPLACEMENT && bad > 0;

		if (is_bad) {
			bad--;
			in->bad_bytes++;
		}
		enqueue(in, cps[i], is_bad);
	}
}

static void flush_pending(struct ui_input *in)
{
	uint32_t cp;

	if (utf8_stream_pending(&in->st) && utf8_stream_flush(&in->st, &cp)) {
		in->bad_bytes++;
		enqueue(in, cp, true);
	}
}

bool input_next(struct ui_input *in, int timeout_ms, struct ui_key *out)
{
	for (;;) {
		int c;

		if (dequeue(in, out))
			return true;
		if (utf8_stream_pending(&in->st) && (timeout_ms < 0 || timeout_ms < UTF8_TAIL_MS))
			timeout_ms = UTF8_TAIL_MS;
		timeout(timeout_ms);
		c = getch();
		if (c == ERR) {
			flush_pending(in);
			if (dequeue(in, out))
				return true;
			return false;
		}
		if (c >= KEY_MIN) {
			flush_pending(in);
			enqueue(in, (uint32_t)UK_FN(c), false);
			continue;
		}
		push_byte(in, (unsigned char)c);
	}
}
