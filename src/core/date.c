/* date.c: calendar dates as a Japanese office writes them.
 * Day arithmetic uses Howard Hinnant's exact civil/days algorithms (never
 * time_t or mktime), so every date in 0001..9999 converts the same on every
 * machine. 和暦 eras come from data/eras.tsv; nothing here knows their names.
 * Also formatting, fiscal years, ages, school grades and age bands; the
 * parser is in date_parse.c. */
#include "tsunagu/date.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "date_priv.h"
#include "tsunagu/paths.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

/* Days since 1970-01-01 of 0001-01-01 and 9999-12-31. */
#define DAYS_MIN (-719162L)
#define DAYS_MAX 2932896L

struct era date_eras[ERA_MAX];
int date_n_eras;

const char *const date_wday_names[7] = { "日", "月", "火", "水", "木", "金", "土" };

/* ---- calendar arithmetic ------------------------------------------------ */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_month_days(y, m);
}

long date_to_days(struct date d)
{
	long y = (long)d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = ((long)d.m + 9) % 12; /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
	long z, era, doe, yoe, doy, mp;
	struct date r;

	if (days < DAYS_MIN)
		days = DAYS_MIN;
	if (days > DAYS_MAX)
		days = DAYS_MAX;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int date_weekday(struct date d)
{
	long w = (date_to_days(d) + 4) % 7; /* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w);
}

struct date date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct date d = { 1970, 1, 1 };

	if (localtime_r(&now, &tm)) {
		d.y = tm.tm_year + 1900;
		d.m = tm.tm_mon + 1;
		d.d = tm.tm_mday;
	}
	return d;
}

/* ---- formatting helpers ------------------------------------------------- */

/* Format into buf of size n, cut at a character boundary; returns buf. */
__attribute__((format(printf, 3, 4))) static char *put(char *buf, size_t n, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;

	if (n == 0)
		return buf;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	strlcpy_utf8(buf, tmp, n);
	return buf;
}

/* "元" for year 1, else the number: into a small buffer. */
static const char *era_year_str(int ey, char buf[16])
{
	if (ey == 1)
		return "元";
	snprintf(buf, 16, "%d", ey);
	return buf;
}

/* ---- the era table ------------------------------------------------------ */

/* The era in force on days, or NULL before the first one. */
static const struct era *era_at(long days)
{
	int i;

	for (i = date_n_eras - 1; i >= 0; i--)
		if (date_eras[i].start_days <= days)
			return &date_eras[i];
	return NULL;
}

static const struct era *era_of(struct date d)
{
	return era_at(date_to_days(d));
}

bool date_eras_loaded(void)
{
	return date_n_eras > 0;
}

/* Exactly "YYYY-MM-DD" naming a real date. */
static bool parse_iso_strict(const char *s, struct date *out)
{
	int i, v[3] = { 0, 0, 0 }, k = 0;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		v[k] = v[k] * 10 + (s[i] - '0');
	}
	if (!date_valid(v[0], v[1], v[2]))
		return false;
	*out = (struct date){ v[0], v[1], v[2] };
	return true;
}

/* Check one name field (era name or short name): kanji, no ASCII. */
static int check_era_name(const char *what, const char *s, struct tsu_err *e)
{
	const char *p;

	if (!*s)
		return err_set(e, TSU_EINVAL, "%sが空です", what);
	if (strlen(s) >= ERA_NAME_MAX)
		return err_set(e, TSU_EINVAL, "%s「%s」が長すぎます", what, s);
	if (!utf8_valid(s, strlen(s)))
		return err_set(e, TSU_EINVAL, "%sが UTF-8 ではありません", what);
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x80)
			return err_set(e, TSU_EINVAL, "%s「%s」に半角文字があります", what, s);
	return 0;
}

/* Is the new era's name, short name or letter already used by tab[0..n)? */
static int check_era_unique(const struct era *x, const struct era *tab, int n, struct tsu_err *e)
{
	int i;

	for (i = 0; i < n; i++) {
		if (tab[i].letter == x->letter)
			return err_set(e, TSU_EINVAL, "英字「%c」が%sと重複しています", x->letter,
				       tab[i].name);
		if (!strcmp(tab[i].name, x->name) || !strcmp(tab[i].abbr, x->abbr) ||
		    !strcmp(tab[i].name, x->abbr) || !strcmp(tab[i].abbr, x->name))
			return err_set(e, TSU_EINVAL, "元号名「%s」「%s」が%sと重複しています",
				       x->name, x->abbr, tab[i].name);
	}
	if (n > 0 && x->start_days <= tab[n - 1].start_days)
		return err_set(e, TSU_EINVAL, "%sの開始日が前の元号 (%s) より後ではありません",
			       x->name, tab[n - 1].name);
	return 0;
}

/* Split a line into exactly four tab-separated fields. */
static int split_fields(char *line, char *f[4], struct tsu_err *e)
{
	int n = 0;
	char *p = line, *tab;

	for (;;) {
		tab = strchr(p, '\t');
		if (n < 4)
			f[n] = p;
		n++;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	if (n != 4)
		return err_set(e, TSU_EINVAL,
			       "列が%d個あります (名前・略称・英字・開始日の4列をタブで区切ります)", n);
	return 0;
}

/* Parse one data line of eras.tsv into x, checking it against tab[0..n). */
static int parse_era_line(char *line, struct era *x, const struct era *tab, int n,
			  struct tsu_err *e)
{
	char *f[4];
	int rc;

	if ((rc = split_fields(line, f, e)) < 0)
		return rc;
	if ((rc = check_era_name("元号名", f[0], e)) < 0 ||
	    (rc = check_era_name("略称", f[1], e)) < 0)
		return rc;
	if (!((f[2][0] >= 'A' && f[2][0] <= 'Z') || (f[2][0] >= 'a' && f[2][0] <= 'z')) ||
	    f[2][1] != '\0')
		return err_set(e, TSU_EINVAL, "英字「%s」は半角英字1文字ではありません", f[2]);
	if (!parse_iso_strict(f[3], &x->start))
		return err_set(e, TSU_EINVAL, "開始日「%s」が YYYY-MM-DD の正しい日付ではありません",
			       f[3]);
	memcpy(x->name, f[0], strlen(f[0]) + 1);
	memcpy(x->abbr, f[1], strlen(f[1]) + 1);
	x->letter = (char)(f[2][0] & ~0x20);
	x->start_days = date_to_days(x->start);
	return check_era_unique(x, tab, n, e);
}

/* Strip the line end (LF, CRLF) and, on the first line, a UTF-8 BOM. */
static char *clean_line(char *line, ssize_t len, int lineno)
{
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
		line += 3;
	return line;
}

/* Read all data lines of f into tab; *n receives the count. */
static int read_eras(FILE *f, const char *path, struct era *tab, int *n, struct tsu_err *e)
{
	char *buf = NULL, *line;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, rc = 0;

	while ((len = getline(&buf, &cap, f)) != -1) {
		line = clean_line(buf, len, ++lineno);
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		if (*n == ERA_MAX)
			rc = err_set(e, TSU_EINVAL, "元号が多すぎます (最大%d)", ERA_MAX);
		else
			rc = parse_era_line(line, &tab[*n], tab, *n, e);
		if (rc < 0) {
			err_prefix(e, "%s:%d", path, lineno);
			goto cleanup;
		}
		(*n)++;
	}
	if (ferror(f))
		rc = err_set(e, TSU_EIO, "%s: 読み込みに失敗しました: %s", path, strerror(errno));
	else if (*n == 0)
		rc = err_set(e, TSU_EINVAL, "%s: 元号が1つもありません", path);
cleanup:
	free(buf);
	return rc;
}

int date_load_eras(const char *path, struct tsu_err *e)
{
	struct era tab[ERA_MAX];
	int n = 0, rc;
	FILE *f = fopen(path, "r");

	if (!f)
		return err_set(e, TSU_EIO, "元号ファイル「%s」を開けません: %s", path,
			       strerror(errno));
	rc = read_eras(f, path, tab, &n, e);
	fclose(f);
	if (rc < 0)
		return rc;
	memcpy(date_eras, tab, sizeof tab[0] * (size_t)n);
	date_n_eras = n;
	return 0;
}

int date_load_default(struct tsu_err *e)
{
	char *path = paths_data_file("eras.tsv", e);
	int rc;

	if (!path)
		return e && e->code ? e->code : TSU_ENOTFOUND;
	rc = date_load_eras(path, e);
	free(path);
	return rc;
}

/* ---- formatting --------------------------------------------------------- */

char *date_format_iso(struct date d, char *buf, size_t n)
{
	return put(buf, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}

char *date_format_wareki(struct date d, char *buf, size_t n)
{
	const struct era *x = era_of(d);
	char yb[16];

	if (date_n_eras == 0)
		return date_format_iso(d, buf, n);
	if (!x)
		return put(buf, n, "%s", "");
	return put(buf, n, "%s%s年%d月%d日", x->name, era_year_str(d.y - x->start.y + 1, yb), d.m,
		   d.d);
}

char *date_format_short(struct date d, char *buf, size_t n)
{
	const struct era *x = era_of(d);

	if (date_n_eras == 0)
		return date_format_iso(d, buf, n);
	if (!x)
		return put(buf, n, "%s", "");
	return put(buf, n, "%c%d.%d.%d", x->letter, d.y - x->start.y + 1, d.m, d.d);
}

char *date_format_wareki_wday(struct date d, char *buf, size_t n)
{
	char tmp[128];

	date_format_wareki(d, tmp, sizeof tmp);
	if (!tmp[0])
		return put(buf, n, "%s", "");
	return put(buf, n, "%s(%s)", tmp, date_wday_names[date_weekday(d)]);
}

int date_fiscal_year(struct date d)
{
	return d.m >= 4 ? d.y : d.y - 1;
}

/* The era that names fiscal year fy: the one in force on 31 December of fy. */
static const struct era *era_of_fy(int fy)
{
	return era_of((struct date){ fy, 12, 31 });
}

char *date_format_fiscal_year(int fy, char *buf, size_t n)
{
	const struct era *x = era_of_fy(fy);
	char yb[16];

	if (date_n_eras == 0)
		return put(buf, n, "%d年度", fy);
	if (!x)
		return put(buf, n, "%s", "");
	return put(buf, n, "%s%s年度", x->name, era_year_str(fy - x->start.y + 1, yb));
}

char *date_era_short_year(int fy, char *buf, size_t n)
{
	const struct era *x = era_of_fy(fy);

	if (date_n_eras == 0)
		return put(buf, n, "%d", fy);
	if (!x)
		return put(buf, n, "%s", "");
	return put(buf, n, "%c%d", x->letter, fy - x->start.y + 1);
}

/* ---- ages and school years ---------------------------------------------- */

int date_age(struct date birth, struct date on)
{
	int age;

	if (date_cmp(on, birth) < 0)
		return -1;
	age = on.y - birth.y;
	if (on.m < birth.m || (on.m == birth.m && on.d < birth.d))
		age--;
	return age;
}

int date_school_grade(struct date birth, int fy)
{
	int cohort = birth.m > 4 || (birth.m == 4 && birth.d >= 2) ? birth.y : birth.y - 1;

	return fy - cohort - 6;
}

const char *date_grade_label(int grade)
{
	static const char *const labels[] = { "年少", "年中", "年長", "小1", "小2",
					      "小3",  "小4",  "小5",  "小6", "中1",
					      "中2",  "中3",  "高1",  "高2", "高3" };

	if (grade < -2 || grade > 12)
		return "";
	return labels[grade + 2];
}

int date_age_band1(int age)
{
	static const int upper[] = { 2, 6, 12, 15, 18 };
	int i;

	if (age < 0)
		return -1;
	for (i = 0; i < 5; i++)
		if (age <= upper[i])
			return i;
	return -1;
}

int date_age_band2(struct date birth, struct date on)
{
	int age = date_age(birth, on);
	int grade = date_school_grade(birth, date_fiscal_year(on));

	if (age < 0)
		return -1;
	if (grade >= 10)
		return 4;
	if (grade >= 7)
		return 3;
	if (grade >= 1)
		return 2;
	return age < 3 ? 0 : 1;
}

const char *date_age_band_label(int scheme, int band)
{
	static const char *const labels[2][5] = {
		{ "0〜2歳", "3〜6歳", "7〜12歳", "13〜15歳", "16〜18歳" },
		{ "0〜3歳未満", "3歳〜学齢前", "小学生", "中学生", "高校生・その他" },
	};

	if (scheme < 1 || scheme > 2 || band < 0 || band > 4)
		return "";
	return labels[scheme - 1][band];
}
