/* field_date.c: date fields. Whatever the date module parses is accepted
 * (2024-04-01, R6.4.1, 令和6年4月1日, H31.4.30, full-width digits ...); beside
 * the field the date is shown in 和暦, and for a birth date with the age and
 * school grade today, so a misheard year shows at once during a call. */
#include <stdio.h>
#include <stdlib.h>

#include "ui_int.h"

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return false;
	return true;
}

void field_date_update(struct ui_field *f)
{
	const char *t = edit_text(&f->edit);
	struct tsu_err e = {0};
	struct date d;

	f->date_ok = !blank(t) && date_parse(t, &d, &e) == 0;
	if (f->date_ok) {
		f->date = d;
		free(f->error);
		f->error = NULL;
	}
}

char *field_date_error(const struct ui_field *f)
{
	struct tsu_err e = {0};
	struct date d;

	if (date_parse(edit_text(&f->edit), &d, &e) == 0)
		return xstrdup("");
	return xstrdup(e.msg[0] ? e.msg : "日付として読めません (例: R6.4.1, 2024-04-01)");
}

void field_date_note(const struct ui_field *f, char *buf, size_t n)
{
	char wareki[64];
	struct date today = date_today();
	int age, grade;
	const char *g;

	buf[0] = '\0';
	if (!f->date_ok)
		return;
	if (!f->def->birth) {
		date_format_wareki_wday(f->date, wareki, sizeof(wareki));
		snprintf(buf, n, "%s", wareki);
		return;
	}
	date_format_wareki(f->date, wareki, sizeof(wareki));
	age = date_age(f->date, today);
	if (age < 0) {
		snprintf(buf, n, "%s (今日より後の日付です)", wareki);
		return;
	}
	grade = date_school_grade(f->date, date_fiscal_year(today));
	g = date_grade_label(grade);
	snprintf(buf, n, "%s %d歳%s%s", wareki, age, *g ? " " : "", g);
}
