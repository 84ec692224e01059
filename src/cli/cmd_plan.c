/* cmd_plan.c: tsunagu cases (the 進行管理台帳), tsunagu note (quick entry of a
 * progress note, the disclosure copy) and tsunagu meeting minutes (the 会議録
 * as text). Thin: parse arguments, call the core, print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "tsunagu/case.h"
#include "tsunagu/caselist.h"
#include "tsunagu/codes.h"
#include "tsunagu/meeting.h"
#include "tsunagu/progress.h"
#include "tsunagu/util.h"

/* A code of list given as its code or its label ("P" or "要保護児童"),
 * newly allocated; NULL with ctx->err set if unknown. */
static char *code_arg(struct cli_ctx *ctx, const char *list, const char *what, const char *arg)
{
	struct code *codes = NULL;
	size_t n = 0;
	char *found = NULL;

	if (codes_list(ctx->db, list, false, &codes, &n, &ctx->err) != 0)
		return NULL;
	for (size_t i = 0; i < n && !found; i++)
		if (!strcmp(arg, codes[i].code) || !strcmp(arg, codes[i].label))
			found = xstrdup(codes[i].code);
	codes_free(codes, n);
	if (!found)
		err_set(&ctx->err, TSU_EINVAL, "%s「%s」はコード表にありません", what, arg);
	return found;
}

static int positive(const char *s, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* ---- tsunagu cases ---------------------------------------------------------------- */

struct cases_args {
	struct caselist_filter f;
	enum caselist_sort sort;
	const char *reg, *tag, *today;
};

static int cases_parse(int argc, char **argv, struct cases_args *a)
{
	long v;

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		bool val = i + 1 < argc;

		if (!strcmp(o, "--mine")) {
			a->f.mine = true;
		} else if (!strcmp(o, "--overdue")) {
			a->f.overdue = true;
		} else if (!strcmp(o, "--all")) {
			a->f.include_closed = true;
		} else if (!strcmp(o, "--stale") && val && argv[i + 1][0] != '-') {
			if (positive(argv[++i], 36500, &v) != 0)
				return cli_usage("cases", "--stale には日数 (1 以上) を指定してください");
			a->f.stale_days = (int)v;
		} else if (!strcmp(o, "--stale")) {
			a->f.stale_days = -1;
		} else if (!strcmp(o, "--registration") && val) {
			a->reg = argv[++i];
		} else if (!strcmp(o, "--tag") && val) {
			a->tag = argv[++i];
		} else if (!strcmp(o, "--search") && val) {
			a->f.query = argv[++i];
		} else if (!strcmp(o, "--today") && val) {
			a->today = argv[++i];
		} else if (!strcmp(o, "--sort") && val) {
			const char *s = argv[++i];

			if (!strcmp(s, "kana"))
				a->sort = CASELIST_SORT_KANA;
			else if (!strcmp(s, "review"))
				a->sort = CASELIST_SORT_REVIEW;
			else if (!strcmp(s, "last"))
				a->sort = CASELIST_SORT_LAST;
			else if (!strcmp(s, "no"))
				a->sort = CASELIST_SORT_NO;
			else
				return cli_usage("cases", "--sort は kana, review, last, no のいずれかです");
		} else {
			return cli_usage("cases", "不明なオプションか値のないオプションです: %s", o);
		}
	}
	return 0;
}

int cmd_cases(struct cli_ctx *ctx, int argc, char **argv)
{
	struct cases_args a = {.sort = CASELIST_SORT_KANA};
	struct caselist_row *rows = NULL;
	struct date today = date_today();
	struct sbuf out = {0};
	char *reg = NULL, *tag = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cases_parse(argc, argv, &a)) != 0)
		return rc;
	if (a.today && date_parse(a.today, &today, &ctx->err) != 0)
		return cli_usage("cases", "--today: %s", ctx->err.msg);
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if ((a.reg && !(reg = code_arg(ctx, "registration", "登録区分", a.reg))) ||
	    (a.tag && !(tag = code_arg(ctx, "tag", "タグ", a.tag)))) {
		free(reg);
		return cli_fail(ctx, NULL);
	}
	a.f.registration = reg;
	a.f.tag = tag;
	rc = caselist_query(ctx->db, &ctx->actor, &a.f, a.sort, today, &rows, &n, &ctx->err);
	free(reg);
	free(tag);
	if (rc != 0)
		return cli_fail(ctx, NULL);
	caselist_render(rows, n, today, &out);
	fputs(out.buf, stdout);
	sbuf_release(&out);
	caselist_rows_free(rows, n);
	return 0;
}

/* ---- tsunagu note ------------------------------------------------------------------ */

struct note_args {
	const char *case_no, *kind, *tpl, *source, *at, *counterpart;
	bool restricted, seen;
	struct sbuf text;
};

static int note_parse(int argc, char **argv, struct note_args *a)
{
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		bool val = i + 1 < argc;

		if (!strcmp(o, "--kind") && val)
			a->kind = argv[++i];
		else if (!strcmp(o, "--template") && val)
			a->tpl = argv[++i];
		else if (!strcmp(o, "--source") && val)
			a->source = argv[++i];
		else if (!strcmp(o, "--at") && val)
			a->at = argv[++i];
		else if (!strcmp(o, "--counterpart") && val)
			a->counterpart = argv[++i];
		else if (!strcmp(o, "--restricted"))
			a->restricted = true;
		else if (!strcmp(o, "--seen"))
			a->seen = true;
		else if (o[0] == '-' && o[1] == '-')
			return cli_usage("note add", "不明なオプションか値のないオプションです: %s", o);
		else if (!a->case_no)
			a->case_no = o;
		else
			sbuf_addf(&a->text, "%s%s", a->text.len ? " " : "", o);
	}
	if (!a->case_no)
		return cli_usage("note add", "ケース番号を指定してください (例: R8-0123)");
	if (!a->kind)
		return cli_usage("note add", "--kind で種類 (電話, 家庭訪問, 来所面接 ...) を指定してください");
	if (!a->tpl && !a->text.len)
		return cli_usage("note add", "記録の内容 (または --template キー) を指定してください");
	return 0;
}

/* The template stamped with the note's time (--at, else now), then the text. */
static char *note_content(struct cli_ctx *ctx, const struct note_args *a)
{
	struct template_set set;
	const struct template *t;
	struct tm tm = {0};
	time_t when = time(NULL);
	char *stamped, *all;

	if (!a->tpl)
		return xstrdup(a->text.buf);
	if (template_load_default(&set, &ctx->err) != 0)
		return NULL;
	if (!(t = template_find(&set, a->tpl))) {
		err_set(&ctx->err, TSU_EINVAL, "定型文のキー %s は data/templates.tsv にありません",
			a->tpl);
		template_set_release(&set);
		return NULL;
	}
	if (a->at && sscanf(a->at, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			    &tm.tm_hour, &tm.tm_min) == 5) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_isdst = -1;
		when = mktime(&tm);
	}
	stamped = template_expand(t, when);
	all = a->text.len ? xasprintf("%s%s", stamped, a->text.buf) : xstrdup(stamped);
	free(stamped);
	template_set_release(&set);
	return all;
}

static int note_add(struct cli_ctx *ctx, struct note_args *a)
{
	struct progress_entry pe = {0};
	struct case_rec c = {0};
	char *kind = NULL, *source = NULL, *content = NULL;
	int rc = 1;

	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (!(kind = code_arg(ctx, "note_kind", "経過記録の種類", a->kind)) ||
	    (a->source && !(source = code_arg(ctx, "source", "情報源", a->source))) ||
	    !(content = note_content(ctx, a)) ||
	    case_get_by_no(ctx->db, &ctx->actor, a->case_no, &c, &ctx->err) != 0)
		goto done;
	pe.note.case_id = c.id;
	pe.note.kind = kind;
	pe.note.source = source;
	pe.note.at = (char *)a->at;
	pe.note.counterpart = (char *)a->counterpart;
	pe.note.content = content;
	pe.note.restricted = a->restricted;
	pe.child_seen = a->seen;
	if (progress_add(ctx->db, &ctx->actor, &pe, &ctx->err) != 0)
		goto done;
	printf("%s に経過記録を追加しました (番号 %lld%s)。\n", c.case_no, (long long)pe.note.id,
	       a->seen ? "、安全確認を記録" : "");
	rc = 0;
done:
	if (rc != 0)
		cli_fail(ctx, NULL);
	free(kind);
	free(source);
	free(content);
	case_release(&c);
	return rc;
}

static int note_copy(struct cli_ctx *ctx, int argc, char **argv)
{
	struct disclosure_copy copy;
	struct case_rec c;

	if (argc != 3)
		return cli_usage("note copy", "ケース番号を一つ指定してください (例: R8-0123)");
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (case_get_by_no(ctx->db, &ctx->actor, argv[2], &c, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	if (progress_disclosure_copy(ctx->db, &ctx->actor, c.id, date_today(), &copy,
				     &ctx->err) != 0) {
		case_release(&c);
		return cli_fail(ctx, NULL);
	}
	fputs(copy.text, stdout);
	disclosure_copy_release(&copy);
	case_release(&c);
	return 0;
}

int cmd_note(struct cli_ctx *ctx, int argc, char **argv)
{
	struct note_args a = {0};
	int rc;

	if (argc >= 2 && !strcmp(argv[1], "copy"))
		return note_copy(ctx, argc, argv);
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return cli_usage("note", "note add ケース番号 --kind 種類 内容... または"
					 " note copy ケース番号 の形で指定してください");
	rc = note_parse(argc, argv, &a);
	if (rc == 0)
		rc = note_add(ctx, &a);
	sbuf_release(&a.text);
	return rc;
}

/* ---- tsunagu meeting minutes ----------------------------------------------------------- */

int cmd_meeting(struct cli_ctx *ctx, int argc, char **argv)
{
	char *text = NULL;
	long id;

	if (argc != 3 || strcmp(argv[1], "minutes") != 0)
		return cli_usage("meeting", "meeting minutes 会議番号 の形で指定してください");
	if (positive(argv[2], 0x7fffffffL, &id) != 0)
		return cli_usage("meeting minutes", "会議番号 (1 以上の数字) を指定してください");
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (meeting_minutes_text(ctx->db, &ctx->actor, id, &text, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	fputs(text, stdout);
	free(text);
	return 0;
}
