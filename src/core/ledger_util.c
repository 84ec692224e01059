/* ledger_util.c: helpers of the ledger import and export: a string-keyed
 * hash multimap (the in-memory index of known persons: one pass over the
 * database instead of a query per row), SHA-256 of the imported file for the
 * audit row, and the issue lists with their "12 行目 D 列 (生年月日)" form. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_priv.h"
#include "tsunagu/csv.h"
#include "tsunagu/util.h"

/* ---- hash multimap ------------------------------------------------------------ */

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void lmap_init(struct lmap *m)
{
	memset(m, 0, sizeof *m);
}

void lmap_release(struct lmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->ent[i].key);
	free(m->ent);
	free(m->bucket);
	memset(m, 0, sizeof *m);
}

static void rehash(struct lmap *m, size_t nbucket)
{
	free(m->bucket);
	m->bucket = xreallocarray(NULL, nbucket, sizeof *m->bucket);
	m->nbucket = nbucket;
	for (size_t i = 0; i < nbucket; i++)
		m->bucket[i] = -1;
	for (size_t i = m->n; i-- > 0;) {
		size_t b = m->ent[i].hash & (nbucket - 1);

		m->ent[i].next = m->bucket[b];
		m->bucket[b] = (int32_t)i;
	}
}

void lmap_add(struct lmap *m, const char *key, int64_t val)
{
	struct lmap_ent *en;

	if (m->n >= INT32_MAX)
		util_fatal("内部エラー: 索引が大きすぎます");
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->ent = xreallocarray(m->ent, m->cap, sizeof *m->ent);
	}
	en = &m->ent[m->n++];
	en->key = xstrdup(key);
	en->hash = hash_str(key);
	en->val = val;
	if (m->n > m->nbucket) {
		rehash(m, m->nbucket ? m->nbucket * 4 : 256);
		return;
	}
	size_t b = en->hash & (m->nbucket - 1);
	en->next = m->bucket[b];
	m->bucket[b] = (int32_t)(m->n - 1);
}

/* The order of a key's entries is unspecified: callers that care (the
 * oldest person first) compare the values themselves. */
int32_t lmap_first(const struct lmap *m, const char *key)
{
	uint32_t h;

	if (!m->nbucket)
		return -1;
	h = hash_str(key);
	for (int32_t i = m->bucket[h & (m->nbucket - 1)]; i >= 0; i = m->ent[i].next)
		if (m->ent[i].hash == h && strcmp(m->ent[i].key, key) == 0)
			return i;
	return -1;
}

int32_t lmap_next(const struct lmap *m, int32_t i, const char *key)
{
	uint32_t h = m->ent[i].hash;

	for (i = m->ent[i].next; i >= 0; i = m->ent[i].next)
		if (m->ent[i].hash == h && strcmp(m->ent[i].key, key) == 0)
			return i;
	return -1;
}

size_t lmap_count(const struct lmap *m, const char *key)
{
	size_t n = 0;

	for (int32_t i = lmap_first(m, key); i >= 0; i = lmap_next(m, i, key))
		n++;
	return n;
}

/* ---- SHA-256 (FIPS 180-4) ----------------------------------------------------- */

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2};

static uint32_t ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha_block(uint32_t s[8], const unsigned char *p)
{
	uint32_t w[64], v[8];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, s, sizeof v);
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) +
			      ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
		uint32_t t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
			      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));

		memmove(v + 1, v, 7 * sizeof v[0]);
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		s[i] += v[i];
}

void ledger_sha256_hex(const void *buf, size_t len, char out[65])
{
	uint32_t s[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = buf;
	unsigned char tail[128] = {0};
	size_t full = len / 64 * 64, rest = len - full, nt;
	uint64_t bits = (uint64_t)len * 8;

	for (size_t i = 0; i < full; i += 64)
		sha_block(s, p + i);
	if (rest)
		memcpy(tail, p + full, rest);
	tail[rest] = 0x80;
	nt = rest + 1 + 8 <= 64 ? 64 : 128;
	for (int i = 0; i < 8; i++)
		tail[nt - 1 - i] = (unsigned char)(bits >> (8 * i));
	for (size_t i = 0; i < nt; i += 64)
		sha_block(s, tail + i);
	for (int i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", s[i]);
}

/* ---- issues ------------------------------------------------------------------- */

void lissue_add(struct lissues *l, size_t row, size_t col, const char *column,
		const char *fmt, ...)
{
	struct ledger_issue *is;
	va_list ap;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	is = &l->v[l->n++];
	is->row = row;
	is->col = col;
	is->column = xstrdup(column ? column : "");
	va_start(ap, fmt);
	is->message = xvasprintf(fmt, ap);
	va_end(ap);
}

void lissues_free(struct ledger_issue *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].column);
		free(v[i].message);
	}
	free(v);
}

char *ledger_issue_format(const struct ledger_issue *is)
{
	char col[16];

	if (!is->row)
		return xstrdup(is->message);
	if (!is->col)
		return xasprintf("%zu 行目: %s", is->row, is->message);
	csv_colname(is->col, col);
	if (is->column && *is->column)
		return xasprintf("%zu 行目 %s 列 (%s): %s", is->row, col, is->column, is->message);
	return xasprintf("%zu 行目 %s 列: %s", is->row, col, is->message);
}

void ledger_result_release(struct ledger_result *res)
{
	if (!res)
		return;
	lissues_free(res->warnings, res->nwarnings);
	lissues_free(res->errors, res->nerrors);
	memset(res, 0, sizeof *res);
}
