/* cmd_case.c: tsunagu case (show, assess, tag) and tsunagu intake (accept,
 * decline): the case file as text and a non-interactive way to record a
 * 受理会議 and an assessment from scripts. Thin: parse, call the core, print. */
#define _XOPEN_SOURCE 700
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "tsunagu/assess.h"
#include "tsunagu/casefile.h"
#include "tsunagu/codes.h"
#include "tsunagu/text.h"
#include "tsunagu/triage.h"
#include "tsunagu/util.h"

/* A code of list given as its code or its label ("P" or "要保護児童");
 * borrowed from *buf (caller frees). NULL with a usage message if unknown. */
static const char *code_arg(struct cli_ctx *ctx, const char *list, const char *what,
                            const char *arg, char **buf)
{
	struct code *codes = NULL;
	size_t n = 0;

	*buf = NULL;
	if (codes_list(ctx->db, list, false, &codes, &n, &ctx->err) != 0)
		return NULL;
	for (size_t i = 0; i < n && !*buf; i++)
		if (!strcmp(arg, codes[i].code) || !strcmp(arg, codes[i].label))
			*buf = xstrdup(codes[i].code);
	codes_free(codes, n);
	if (!*buf)
		err_set(&ctx->err, TSU_EINVAL, "%s「%s」はコード表にありません", what, arg);
	return *buf;
}

static int staff_arg(struct cli_ctx *ctx, const char *login, int64_t *id)
{
	struct staff s;

	if (staff_by_login(ctx->db, login, &s, &ctx->err) != 0)
		return -1;
	*id = s.id;
	staff_release(&s);
	return 0;
}

static void now_text(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

/* ---- tsunagu intake accept | decline --------------------------------------- */

struct juri_args {
	struct juri_decision d;
	int64_t attendees[16];
	const char *guests[16], *investigate[16];
	char *owned[8]; /* codes resolved from labels */
	int n_owned;
	char at[20];
};

/* One option of intake accept/decline; returns the number of argv items
 * used (2), 0 if unknown, -1 on a bad value (message in ctx->err). */
static int juri_opt(struct cli_ctx *ctx, struct juri_args *a, const char *opt, const char *v)
{
	static const struct {
		const char *opt, *list, *what;
		size_t off;
	} coded[] = {
	    {"--type", "consult_type", "相談種別", offsetof(struct juri_decision, consult_type)},
	    {"--registration", "registration", "登録区分",
	     offsetof(struct juri_decision, registration)},
	    {"--send", "transfer_kind", "児童相談所への依頼", offsetof(struct juri_decision, cgc)},
	    {"--outcome", "intake_outcome", "受理しない場合の結果",
	     offsetof(struct juri_decision, outcome)},
	};
	struct juri_decision *d = &a->d;

	for (size_t i = 0; i < sizeof coded / sizeof coded[0]; i++) {
		if (strcmp(opt, coded[i].opt) || a->n_owned >= 8)
			continue;
		if (!code_arg(ctx, coded[i].list, coded[i].what, v, &a->owned[a->n_owned]))
			return -1;
		*(const char **)((char *)d + coded[i].off) = a->owned[a->n_owned++];
		return 2;
	}
	if (!strcmp(opt, "--lead"))
		return staff_arg(ctx, v, &d->lead_id) ? -1 : 2;
	if (!strcmp(opt, "--attend") && d->n_attendees < 16)
		return staff_arg(ctx, v, &a->attendees[d->n_attendees++]) ? -1 : 2;
	if (!strcmp(opt, "--guest") && d->n_guests < 16)
		return a->guests[d->n_guests++] = v, 2;
	if (!strcmp(opt, "--investigate") && d->n_investigate < 16)
		return a->investigate[d->n_investigate++] = v, 2;
	if (!strcmp(opt, "--at"))
		return d->held_at = v, 2;
	if (!strcmp(opt, "--urgency"))
		return d->urgency = v, 2;
	if (!strcmp(opt, "--team"))
		return d->team = v, 2;
	if (!strcmp(opt, "--safety-method"))
		return d->safety_method = v, 2;
	if (!strcmp(opt, "--safety-due"))
		return d->safety_due = v, 2;
	if (!strcmp(opt, "--referred-to"))
		return d->referred_to = v, 2;
	if (!strcmp(opt, "--policy"))
		return d->policy = v, 2;
	if (!strcmp(opt, "--reason"))
		return d->cgc_reason = v, 2;
	return 0;
}

static int intake_decide(struct cli_ctx *ctx, int argc, char **argv, bool accept)
{
	const char *cmd = accept ? "intake accept" : "intake decline";
	struct juri_args a = {0};
	struct juri_result r;
	int rc = 1, used;

	if (argc < 3 || parse_id(argv[2], &a.d.intake_id) != 0)
		return cli_usage(cmd, "受付番号 (数字) を指定してください");
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	a.d.accepted = accept;
	a.d.attendees = a.attendees;
	a.d.guests = a.guests;
	a.d.investigate = a.investigate;
	for (int i = 3; i < argc; i += used) {
		if (i + 1 >= argc || (used = juri_opt(ctx, &a, argv[i], argv[i + 1])) == 0) {
			rc =
			    cli_usage(cmd, "不明なオプションか値のないオプションです: %s", argv[i]);
			goto done;
		}
		if (used < 0)
			goto fail;
	}
	if (!a.d.held_at) {
		now_text(a.at, sizeof a.at);
		a.d.held_at = a.at;
	}
	if (juri_decide(ctx->db, &ctx->actor, &a.d, &r, &ctx->err) != 0)
		goto fail;
	if (accept)
		printf("受付 %lld を受理しました: ケース %s%s\n", (long long)a.d.intake_id,
		       r.case_no, r.joined ? " (継続中のケースに追加)" : " (新規)");
	else
		printf("受付 %lld を受理しないと記録しました。\n", (long long)a.d.intake_id);
	rc = 0;
	goto done;
fail:
	rc = cli_fail(ctx, NULL);
done:
	for (int i = 0; i < a.n_owned; i++)
		free(a.owned[i]);
	return rc;
}

int cmd_intake(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "accept"))
		return intake_decide(ctx, argc, argv, true);
	if (argc >= 2 && !strcmp(argv[1], "decline"))
		return intake_decide(ctx, argc, argv, false);
	return cli_usage("intake",
	                 "intake accept 受付番号 --lead LOGIN ... または"
	                 " intake decline 受付番号 --outcome 結果 ... の形で指定してください");
}

/* ---- tsunagu case show ----------------------------------------------------- */

/* Print s padded to cols (display form), then a separator. */
static void col(const char *s, int cols)
{
	char *p = text_pad(s, cols, -1);

	fputs(p, stdout);
	fputs("  ", stdout);
	free(p);
}

/* Print a display-safe line with trailing spaces trimmed. */
static void line(const char *s)
{
	char *d = text_display(s);
	size_t n = strlen(d);

	while (n && d[n - 1] == ' ')
		d[--n] = '\0';
	puts(d);
	free(d);
}

static void show_header(const struct casefile *cf)
{
	const struct cf_member *s = cf->subject;
	char d1[64], d2[64];
	struct sbuf sb = {0};

	sbuf_addf(&sb, "%s %s", cf->c.case_no, s->name);
	if (s->age >= 0)
		sbuf_addf(&sb, " (%d歳%s%s)", s->age, *s->grade ? " " : "", s->grade);
	sbuf_addf(&sb, "  %s  %s  主担当 %s", cf->registration_label, cf->status_label,
	          *cf->lead_name ? cf->lead_name : "未定");
	line(sb.buf);
	sbuf_reset(&sb);
	sbuf_addf(&sb, "相談種別 %s  開始 %s", *cf->consult_label ? cf->consult_label : "未設定",
	          date_format_wareki(cf->c.opened, d1, sizeof d1));
	if (cf->c.closed.y)
		sbuf_addf(&sb, "  終結 %s (%s)", date_format_wareki(cf->c.closed, d2, sizeof d2),
		          cf->closure_label);
	else if (cf->c.next_review.y)
		sbuf_addf(&sb, "  見直し %s", date_format_wareki(cf->c.next_review, d2, sizeof d2));
	if (*cf->c.team)
		sbuf_addf(&sb, "  チーム %s", cf->c.team);
	line(sb.buf);
	sbuf_reset(&sb);
	sbuf_adds(&sb, "タグ:");
	for (size_t i = 0; i < cf->n_tags; i++)
		sbuf_addf(&sb, " %s", cf->tags[i].label);
	if (!cf->n_tags)
		sbuf_adds(&sb, " なし");
	line(sb.buf);
	sbuf_reset(&sb);
	sbuf_addf(&sb, "住所: %s", *cf->address ? cf->address : "未登録");
	if (*cf->phone)
		sbuf_addf(&sb, "  電話: %s", cf->phone);
	if (cf->secrecy && cf->secrecy_end.y)
		sbuf_addf(&sb, "  支援措置 %sまで",
		          date_format_wareki(cf->secrecy_end, d1, sizeof d1));
	line(sb.buf);
	sbuf_release(&sb);
}

static void show_family(const struct casefile *cf, int width)
{
	char **lines;
	size_t n;

	puts("\n家族");
	genogram_render(cf, width, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", stdout);
		line(lines[i]);
	}
	text_lines_free(lines, n);
	for (size_t i = 0; i < cf->n_members; i++) {
		const struct cf_member *m = &cf->members[i];
		char age[16] = "";

		if (m->age >= 0)
			snprintf(age, sizeof age, "%d歳", m->age);
		fputs("  ", stdout);
		col(*m->relation_label ? m->relation_label : "続柄未登録", 12);
		col(m->name, 16);
		col(m->deceased ? "故" : age, 5);
		col(m->grade, 4);
		line(m->in_household ? "同居" : "");
	}
}

static void show_history(const struct casefile *cf)
{
	puts("\n状態・登録の履歴");
	for (size_t i = 0; i < cf->n_history; i++) {
		const struct cf_history *h = &cf->history[i];
		char *s = xasprintf(
		    "%s %s -> %s%s%s%s%s  (%s)", !strcmp(h->field, "status") ? "状態" : "登録",
		    *h->old_label ? h->old_label : "(なし)", h->new_label, *h->reason ? " " : "",
		    h->reason, *h->why ? "  " : "", h->why, h->staff);

		fputs("  ", stdout);
		col(h->at, 16);
		line(s);
		free(s);
	}
}

static void show_assessment(const struct assessment *a)
{
	char d[16];
	struct sbuf sb = {0};

	sbuf_addf(&sb, "判定 %s  判定案 %s", *a->decided ? a->decided : "なし",
	          *a->suggested ? a->suggested : "なし");
	if (*a->suggested_reason)
		sbuf_addf(&sb, " (%s)", a->suggested_reason);
	if (*a->severity_label)
		sbuf_addf(&sb, "  重症度 %s -> %s", a->severity_label, a->handler_label);
	sbuf_addf(&sb, "  (%s)", a->staff_name);
	fputs("  ", stdout);
	col(date_format_iso(a->on, d, sizeof d), 10);
	line(sb.buf);
	if (*a->reason) {
		sbuf_reset(&sb);
		sbuf_addf(&sb, "    理由: %s", a->reason);
		line(sb.buf);
	}
	sbuf_reset(&sb);
	sbuf_adds(&sb, "    回答:");
	for (int q = 0; q < URGENCY_QUESTIONS; q++)
		sbuf_addf(&sb, " %d %s", q + 1, assess_answer_label(a->answers[q]));
	line(sb.buf);
	for (int q = 0; q < URGENCY_QUESTIONS; q++) {
		if (!*a->notes[q])
			continue;
		sbuf_reset(&sb);
		sbuf_addf(&sb, "      %d: %s", q + 1, a->notes[q]);
		line(sb.buf);
	}
	sbuf_release(&sb);
}

static void show_timeline(const struct casefile *cf, unsigned mask)
{
	size_t *idx, n = casefile_filter(cf, mask, &idx);
	struct sbuf head = {0};

	sbuf_adds(&head, "\n経過 (新しい順");
	if (mask != CF_ALL)
		for (int k = 0, first = 1; k < CF_KIND_COUNT; k++)
			if (mask & (1u << k)) {
				sbuf_addf(&head, "%s%s", first ? ": " : "・",
				          casefile_kind_label(k));
				first = 0;
			}
	sbuf_adds(&head, ")");
	puts(head.buf);
	sbuf_release(&head);
	for (size_t i = 0; i < n; i++) {
		const struct cf_event *ev = &cf->events[idx[i]];
		char *s = *ev->staff ? xasprintf("%s  (%s)", ev->summary, ev->staff)
		                     : xstrdup(ev->summary);

		fputs("  ", stdout);
		col(ev->at, 16);
		col(casefile_kind_label(ev->kind), 12);
		line(s);
		free(s);
	}
	if (!n)
		puts("  (なし)");
	free(idx);
}

static void show(const struct casefile *cf, unsigned mask, int width)
{
	show_header(cf);
	show_family(cf, width);
	show_history(cf);
	puts("\n緊急度アセスメント");
	for (size_t i = 0; i < cf->n_assessments; i++)
		show_assessment(&cf->assessments[i]);
	if (!cf->n_assessments)
		puts("  (なし)");
	if (cf->n_invest) {
		puts("\n調査計画");
		for (size_t i = 0; i < cf->n_invest; i++) {
			char *s = xasprintf("%s  %s", cf->invest[i].agency, cf->invest[i].what);

			fputs("  ", stdout);
			line(s);
			free(s);
		}
	}
	show_timeline(cf, mask);
}

/* --kind 受付,会議 or intake,meeting */
static int kind_mask(const char *arg, unsigned *mask)
{
	char *copy = xstrdup(arg), *p = copy, *comma;
	int rc = 0;

	*mask = 0;
	do {
		int k;

		if ((comma = strchr(p, ',')))
			*comma = '\0';
		if ((k = casefile_kind_parse(p)) < 0)
			rc = -1;
		else
			*mask |= 1u << k;
		p = comma + 1;
	} while (comma && rc == 0);
	free(copy);
	return rc;
}

static int case_show(struct cli_ctx *ctx, int argc, char **argv)
{
	struct date as_of = {0, 0, 0};
	unsigned mask = CF_ALL;
	struct casefile cf;
	int width = 40;

	if (argc < 3)
		return cli_usage("case show", "ケース番号を指定してください (例: R8-0123)");
	for (int i = 3; i < argc; i += 2) {
		if (i + 1 >= argc)
			return cli_usage("case show", "%s には値が必要です", argv[i]);
		if (!strcmp(argv[i], "--kind")) {
			if (kind_mask(argv[i + 1], &mask) != 0)
				return cli_usage("case show",
				                 "種類「%s」は不明です (受付, 会議, "
				                 "アセスメント, 安全確認, 記録, 状態, 送致, 計画)",
				                 argv[i + 1]);
		} else if (!strcmp(argv[i], "--as-of")) {
			if (date_parse(argv[i + 1], &as_of, &ctx->err) != 0)
				return cli_usage("case show", "--as-of: %s", ctx->err.msg);
		} else if (!strcmp(argv[i], "--width")) {
			width = atoi(argv[i + 1]);
			if (width < 16 || width > 200)
				return cli_usage("case show", "--width は 16〜200 にしてください");
		} else {
			return cli_usage("case show", "不明なオプションです: %s", argv[i]);
		}
	}
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (casefile_load_no(ctx->db, &ctx->actor, argv[2], as_of, &cf, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	show(&cf, mask, width);
	casefile_release(&cf);
	return 0;
}

/* ---- tsunagu case assess ----------------------------------------------------- */

static int answers_arg(const char *arg, struct assess_input *in)
{
	char *copy = xstrdup(arg), *p = copy, *comma;
	int q = 0, a;

	for (; q < URGENCY_QUESTIONS; q++) {
		if ((comma = strchr(p, ',')))
			*comma = '\0';
		if ((a = assess_parse_answer(p)) < 0)
			break;
		in->answers[q] = (enum urgency_answer)a;
		if (!comma)
			break;
		p = comma + 1;
	}
	free(copy);
	return q == URGENCY_QUESTIONS - 1 && !comma ? 0 : -1;
}

/* --note 3=顔面打撲 */
static int note_arg(const char *arg, struct assess_input *in)
{
	char *end;
	long q = strtol(arg, &end, 10);

	if (end == arg || *end != '=' || q < 1 || q > URGENCY_QUESTIONS)
		return -1;
	in->notes[q - 1] = end + 1;
	return 0;
}

static int assess_opts(struct cli_ctx *ctx, int argc, char **argv, struct assess_input *in,
                       char **sev, bool *have_answers)
{
	for (int i = 3; i < argc; i += 2) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			return cli_usage("case assess", "%s には値が必要です", o);
		if (!strcmp(o, "--answers")) {
			if (answers_arg(v, in) != 0)
				return cli_usage(
				    "case assess",
				    "--answers には 8 問の回答を yes,no,unknown"
				    " (はい,いいえ,不明) でカンマ区切りで指定してください");
			*have_answers = true;
		} else if (!strcmp(o, "--note")) {
			if (note_arg(v, in) != 0)
				return cli_usage("case assess",
				                 "--note は 設問番号=内容 の形にしてください");
		} else if (!strcmp(o, "--grade")) {
			in->decided = v;
		} else if (!strcmp(o, "--reason")) {
			in->reason = v;
		} else if (!strcmp(o, "--severity")) {
			if (!ctx->db && cli_open_as_staff(ctx, 0) != 0)
				return 1;
			free(*sev);
			if (!code_arg(ctx, "severity", "重症度", v, sev))
				return cli_fail(ctx, NULL);
			in->severity = *sev;
		} else if (!strcmp(o, "--date")) {
			if (date_parse(v, &in->on, &ctx->err) != 0)
				return cli_usage("case assess", "--date: %s", ctx->err.msg);
		} else {
			return cli_usage("case assess", "不明なオプションです: %s", o);
		}
	}
	return 0;
}

static int case_assess(struct cli_ctx *ctx, int argc, char **argv)
{
	struct assess_input in = {0};
	struct assessment a;
	struct case_rec c;
	bool have = false;
	char *sev = NULL;
	int rc;

	if (argc < 3)
		return cli_usage("case assess", "ケース番号を指定してください");
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if ((rc = assess_opts(ctx, argc, argv, &in, &sev, &have)) != 0)
		goto done;
	if (!have) {
		rc = cli_usage("case assess", "--answers で 8 問の回答を指定してください");
		goto done;
	}
	rc = 1;
	if (case_get_by_no(ctx->db, &ctx->actor, argv[2], &c, &ctx->err) != 0) {
		cli_fail(ctx, NULL);
		goto done;
	}
	in.case_id = c.id;
	case_release(&c);
	if (assess_save(ctx->db, &ctx->actor, &in, &a, &ctx->err) != 0) {
		cli_fail(ctx, NULL);
		goto done;
	}
	printf("%s: 判定 %s (判定案 %s: %s)", argv[2], *a.decided ? a.decided : "なし",
	       *a.suggested ? a.suggested : "なし", a.suggested_reason);
	if (*a.handler_label)
		printf("  対応機関の目安 %s", a.handler_label);
	putchar('\n');
	assess_release(&a);
	rc = 0;
done:
	free(sev);
	return rc;
}

/* ---- tsunagu case tag ------------------------------------------------------ */

static int case_tag(struct cli_ctx *ctx, int argc, char **argv)
{
	struct case_rec c;
	int rc = 0;

	if (argc < 4)
		return cli_usage("case tag",
		                 "case tag ケース番号 +タグ -タグ ... の形で指定してください");
	for (int i = 3; i < argc; i++)
		if (argv[i][0] != '+' && argv[i][0] != '-')
			return cli_usage("case tag",
			                 "タグの前に + (追加) か - (削除) を付けてください: %s",
			                 argv[i]);
	if (cli_open_as_staff(ctx, 0) != 0)
		return 1;
	if (case_get_by_no(ctx->db, &ctx->actor, argv[2], &c, &ctx->err) != 0)
		return cli_fail(ctx, NULL);
	for (int i = 3; i < argc && rc == 0; i++) {
		char *code = NULL;

		if (!code_arg(ctx, "tag", "タグ", argv[i] + 1, &code))
			rc = cli_fail(ctx, NULL);
		else if ((argv[i][0] == '+' ? casefile_tag_add : casefile_tag_remove)(
		             ctx->db, &ctx->actor, c.id, code, &ctx->err) != 0)
			rc = cli_fail(ctx, NULL);
		free(code);
	}
	case_release(&c);
	return rc;
}

int cmd_case(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "show"))
		return case_show(ctx, argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "assess"))
		return case_assess(ctx, argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "tag"))
		return case_tag(ctx, argc, argv);
	return cli_usage("case", "case show ケース番号 / case assess ケース番号 --answers ... /"
	                         " case tag ケース番号 +タグ の形で指定してください");
}
