/* scr_date.c: the home screen's 基準日 (the day its counts are for), and an
 * age and school-grade check from a birth date, which is asked for often
 * during calls. Both fields take every form the date module parses. */
#include <stdlib.h>

#include "ui_int.h"

enum { F_DAY, F_BIRTH };

static const struct field_def fields[] = {
    [F_DAY] = {.kind = FK_DATE, .label = "基準日", .width = 16, .maxlen = 64},
    [F_BIRTH] =
        {.kind = FK_DATE, .label = "生年月日 (確認用)", .width = 16, .maxlen = 64, .birth = true},
};

static char *intro(struct ui *ui)
{
	return xstrdup("ホームの集計の基準日を入力してください (空欄なら今日)。"
	               "R6.4.1、令和6年4月1日、2024-04-01 などの形で入力できます。"
	               "生年月日を入れると、今日の年齢と学年を確かめられます (保存はされません)。");
}

static void setup(struct ui *ui, struct ui_form *fm)
{
	char iso[16];

	if (ui->today_override.y) {
		edit_set(&fm->f[F_DAY].edit, date_format_iso(ui->today_override, iso, sizeof(iso)));
		field_date_update(&fm->f[F_DAY]);
	}
}

static int save(struct ui *ui, struct ui_form *fm)
{
	const struct ui_field *f = &fm->f[F_DAY];
	char buf[64];

	if (!f->date_ok) {
		ui->today_override = (struct date){0, 0, 0};
		ui_message(ui, MSG_INFO, "基準日を今日に戻しました");
		return 0;
	}
	ui->today_override = f->date;
	ui_message(ui, MSG_INFO, "基準日を %s にしました",
	           date_format_wareki(f->date, buf, sizeof(buf)));
	return 0;
}

static const struct fscreen_def def = {
    .title = "基準日の変更・年齢の確認",
    .help = "ホームの集計の基準日を変えます。F9 または Ctrl-S で決定、Esc で中断します。",
    .intro = intro,
    .defs = fields,
    .n = sizeof(fields) / sizeof(fields[0]),
    .setup = setup,
    .save = save,
};

static int init(struct screen *s, void *arg)
{
	return fscreen_init(s, &def);
}

const struct screen_ops date_form_screen = FSCREEN_OPS("基準日", init);
