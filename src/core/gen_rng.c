/* gen_rng.c: the seedable PRNG behind synthetic data: xoshiro256** seeded by
 * splitmix64 (Blackman and Vigna), with unbiased ranges, exact Bernoulli
 * draws, an integer-only bell curve and weighted choice. Integer arithmetic
 * only, so a seed gives the same numbers on every machine. */
#include "tsunagu/gen.h"

#define NORMAL_TRIES 8
#define TWO_POW_53 9007199254740992.0

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	/* splitmix64 is a bijection of its counter, so four outputs in a row
	 * are never all zero; keep the guard for the reader anyway */
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;
}

void gen_rng_seed_stream(struct gen_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t a = seed, b = stream ^ UINT64_C(0x6a09e667f3bcc909);

	/* both mixes are bijections: one seed, distinct streams, distinct states */
	gen_rng_seed(r, splitmix64(&a) ^ rotl(splitmix64(&b), 17));
}

uint64_t gen_rng_next(struct gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Lemire's multiply-and-shift with rejection, for n < 2^32. */
static uint64_t below32(struct gen_rng *r, uint32_t n)
{
	uint64_t m = (gen_rng_next(r) >> 32) * n;
	uint32_t low = (uint32_t)m;

	if (low < n) {
		uint32_t t = (0u - n) % n; /* 2^32 mod n */
		while (low < t) {
			m = (gen_rng_next(r) >> 32) * n;
			low = (uint32_t)m;
		}
	}
	return m >> 32;
}

uint64_t gen_rng_below(struct gen_rng *r, uint64_t n)
{
	uint64_t t, x;

	if (n == 0)
		return 0;
	if (n <= UINT32_MAX)
		return below32(r, (uint32_t)n);
	/* drop the 2^64 mod n lowest values: what is left is a multiple of n */
	t = -n % n;
	do
		x = gen_rng_next(r);
	while (x < t);
	return x % n;
}

int gen_rng_range(struct gen_rng *r, int lo, int hi)
{
	uint64_t span;

	if (lo >= hi)
		return lo;
	span = (uint64_t)((int64_t)hi - lo) + 1;
	return (int)((int64_t)lo + (int64_t)gen_rng_below(r, span));
}

bool gen_rng_chance(struct gen_rng *r, double p)
{
	uint64_t u;

	if (!(p > 0))
		return false;
	if (p >= 1)
		return true;
	u = gen_rng_next(r) >> 11;
	/* both sides are exact: u < 2^53 and p * 2^53 only shifts the exponent */
	return (double)u < p * TWO_POW_53;
}

/* Sum of 12 uniforms of 21 bits minus its mean: mean 0, sd 2^21. */
static int64_t irwin_hall(struct gen_rng *r)
{
	int64_t sum = 0;

	for (int i = 0; i < 4; i++) {
		uint64_t x = gen_rng_next(r);
		for (int j = 0; j < 3; j++, x >>= 21)
			sum += (int64_t)(x & 0x1fffff);
	}
	return sum - (INT64_C(6) << 21);
}

long gen_rng_normal(struct gen_rng *r, long mean, long sd, long lo, long hi)
{
	long v = mean;

	if (lo > hi)
		return lo;
	if (sd < 0)
		sd = -sd;
	if (sd > (1L << 30))
		sd = 1L << 30; /* keeps sd * z inside int64 */
	for (int i = 0; i < NORMAL_TRIES; i++) {
		v = mean + (long)((int64_t)sd * irwin_hall(r) / (INT64_C(1) << 21));
		if (v >= lo && v <= hi)
			return v;
	}
	return v < lo ? lo : v > hi ? hi : v;
}

size_t gen_rng_pick(struct gen_rng *r, const uint64_t *cum, size_t n)
{
	uint64_t x = gen_rng_below(r, cum[n - 1]);
	size_t lo = 0, hi = n - 1;

	/* smallest i with cum[i] > x */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}
