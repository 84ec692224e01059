/* scr_firstrun.c: the first start on a new database. Nobody is registered
 * yet, so the person starting the program registers themselves (their Unix
 * login) with a name and a role; the core lets exactly this first one in
 * without an actor. Then the home screen opens. */
#include <stdlib.h>

#include "ui_int.h"

enum { F_NAME, F_ROLE };

static const struct field_def fields[] = {
    [F_NAME] = {.kind = FK_TEXT, .label = "氏名", .required = true, .width = 24, .maxlen = 200},
    [F_ROLE] = {.kind = FK_RADIO,
                .label = "役割",
                .required = true,
                .choices = ui_role_choices,
                .nchoices = UI_ROLE_COUNT},
};

static char *intro(struct ui *ui)
{
	return xasprintf("このデータベースにはまだ職員が登録されていません。最初の職員として、"
	                 "あなた (ログイン名 %s) を登録します。最初の職員は センター長 か "
	                 "統括支援員 にすると、ほかの職員を登録できます。",
	                 staff_current_login());
}

static void setup(struct ui *ui, struct ui_form *fm)
{
	fm->f[F_ROLE].choice = 1; /* 統括支援員 */
}

static int save(struct ui *ui, struct ui_form *fm)
{
	struct tsu_err e = {0};
	const char *login = staff_current_login();
	int role = form_choice(fm, F_ROLE);
	int64_t id;

	if (staff_add(ui->db, NULL, login, form_text(fm, F_NAME),
	              staff_role_parse(ui_role_choices[role].code), &id, &e) != 0 ||
	    staff_by_login(ui->db, login, &ui->me, &e) != 0) {
		ui_message(ui, MSG_ERROR, "登録できません: %s", e.msg);
		return -1;
	}
	ui->have_me = true;
	ui_message(ui, MSG_INFO, "%s さんを %s として登録しました", ui->me.name,
	           staff_role_label(ui->me.role));
	return 0;
}

static void closed(struct ui *ui)
{
	screen_push(ui, &home_screen, NULL);
}

static const struct fscreen_def def = {
    .title = "初回登録",
    .help = "最初の職員としてあなたを登録します。氏名を入力し、役割を選んで "
            "F9 または Ctrl-S で登録してください。",
    .intro = intro,
    .defs = fields,
    .n = sizeof(fields) / sizeof(fields[0]),
    .setup = setup,
    .save = save,
    .closed = closed,
};

static int init(struct screen *s, void *arg)
{
	return fscreen_init(s, &def);
}

const struct screen_ops firstrun_screen = FSCREEN_OPS("初回登録", init);
