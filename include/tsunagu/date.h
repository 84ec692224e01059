/* date.h: calendar dates as a Japanese office writes them.
 * Dates are proleptic Gregorian, stored as ISO "YYYY-MM-DD". 和暦 eras come
 * from data/eras.tsv (name, short name, Latin letter, start date).
 * Parsing accepts: 2024-04-01, 2024/4/1, 2024.4.1, 20240401, R6.4.1, R06.04.01,
 * r6.4.1, R6/4/1, 令和6年4月1日, 令6.4.1, 令和元年5月1日, H31.4.30, with
 * full-width digits and letters, surrounding spaces. Impossible dates are
 * rejected with a Japanese message naming the problem (令和1年4月30日 is
 * before 令和 began; 平成31年5月1日 is after 平成 ended; 2月30日; 平成0年).
 * Also accepted: 2024年4月1日, R元.5.1, 令和6.4.1, a trailing weekday that
 * must be right (令和6年4月1日(月)), ㋿/㍻-style ligatures, IME hyphens
 * (ー −). Two-digit Gregorian years (24-4-1, 240401) are rejected: which
 * century is meant cannot be known.
 * Without eras (no date_load_* succeeded): 和暦 input fails with a message
 * saying the era table is missing, and every 和暦 output falls back to the
 * Gregorian calendar (ISO date, "2024年度", "2026") so nothing shows blank.
 * Not thread-safe while date_load_eras runs. */
#ifndef TSU_DATE_H
#define TSU_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/err.h"

struct date {
	int y, m, d;
};

/* Load eras from a TSV file; replaces any loaded before, but only when the
 * whole file is good (on failure the old table stays). Errors: TSU_EIO if the
 * file cannot be read, TSU_EINVAL with "path:line: reason" for a bad line
 * (wrong column count, bad letter, bad or out-of-order date, duplicate). */
int date_load_eras(const char *path, struct tsu_err *e);
/* Load data/eras.tsv from the data directory (paths_data_file). */
int date_load_default(struct tsu_err *e);
/* True once an era table has been loaded. */
bool date_eras_loaded(void);

/* True if y-m-d is a real date in 1..9999. */
bool date_valid(int y, int m, int d);
/* Parse s; 0 on success, TSU_EINVAL with a message in e otherwise. */
int date_parse(const char *s, struct date *out, struct tsu_err *e);
/* Days since 1970-01-01 (may be negative) and back. Exact for 0001..9999;
 * date_from_days clamps to 0001-01-01..9999-12-31. */
long date_to_days(struct date d);
struct date date_from_days(long days);
/* Compare: <0, 0, >0. */
int date_cmp(struct date a, struct date b);
/* Day of week, 0 = Sunday. */
int date_weekday(struct date d);
/* Today in local time (localtime_r). */
struct date date_today(void);

/* Formatting into buf (size n); return buf. "" if the date is before the
 * first era (for the 和暦 forms); ISO if no eras are loaded. Output that does
 * not fit is cut at a character boundary; n == 0 writes nothing. Year 1 is
 * 元 in the long forms and 1 in the short one (R1.5.1). */
char *date_format_iso(struct date d, char *buf, size_t n);       /* 2024-04-01 */
char *date_format_wareki(struct date d, char *buf, size_t n);    /* 令和6年4月1日, 令和元年5月1日 */
char *date_format_short(struct date d, char *buf, size_t n);     /* R6.4.1 */
/* 令和6年4月1日(月) */
char *date_format_wareki_wday(struct date d, char *buf, size_t n);

/* 年度 (fiscal year April..March) of a date, as the Gregorian year it starts in. */
int date_fiscal_year(struct date d);
/* 和暦 label of a fiscal year: 令和6年度, 令和元年度, 平成30年度. A fiscal
 * year is named by the era in force on 31 December of the year it starts in
 * (the era of the calendar year, newest era for a year with a change):
 * FY2019 = 令和元年度, FY2018 = 平成30年度, FY1988 = 昭和63年度, FY1989 =
 * 平成元年度. (The era in force on the FY's last day would give 平成0年度
 * for FY1988, since 平成 began on 1989-01-08.) "" before the first era. */
char *date_format_fiscal_year(int fy, char *buf, size_t n);
/* Short 和暦 year prefix for case numbers: "R8" for FY2026, "R1" for FY2019
 * (same era rule as date_format_fiscal_year). */
char *date_era_short_year(int fy, char *buf, size_t n);

/* Age in whole years at the start of date `on`. The legal rule (a year is
 * added at the end of the day before the birthday) gives the ordinary age on
 * every day, and makes one born on 2月29日 a year older from 3月1日 in common
 * years. -1 if on < birth. */
int date_age(struct date birth, struct date on);
/* School grade in fiscal year fy: -2 年少, -1 年中, 0 年長, 1..6 小1..小6,
 * 7..9 中1..中3, 10..12 高1..高3; values outside are below/above school age. */
int date_school_grade(struct date birth, int fy);
/* Label of a grade ("小1", "年長", ...) or "" when outside -2..12. */
const char *date_grade_label(int grade);

/* Statistical age bands for an age at receipt.
 * Scheme 1 (current): 0 0〜2歳, 1 3〜6歳, 2 7〜12歳, 3 13〜15歳, 4 16〜18歳;
 * -1 for a negative age or one over 18.
 * Scheme 2 (older): 0 0〜3歳未満, 1 3歳〜学齢前, 2 小学生, 3 中学生, 4 高校生・その他;
 * scheme 2 needs the birth date and the receipt date (school stage): the
 * grade in the fiscal year of `on` decides 小学生 (1..6), 中学生 (7..9) and
 * 高校生・その他 (10 and over, whatever the child does); before school, age
 * under 3 is band 0, else band 1. -1 if on < birth.
 * date_age_band_label(scheme 1 or 2, band): "" when out of range. */
int date_age_band1(int age);
int date_age_band2(struct date birth, struct date on);
const char *date_age_band_label(int scheme, int band);

#endif

