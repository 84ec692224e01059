/* intake_pane.c: 該当しそうな人, the known-person pane beside the intake
 * form. It follows what is typed into a name, reading, birth date or phone
 * field through the core's search (one search session per form: plain
 * reads per keystroke, one audit row at the end), shows each match with
 * household, open case and history, and keeps what is known about the
 * person the worker links the intake to. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

#include "scr_intake.h"
#include "tsunagu/caselist.h"
#include "tsunagu/text.h"

#define PANE_LIMIT 20

void pane_init(struct intake_pane *p)
{
	memset(p, 0, sizeof *p);
	search_session_begin(&p->sess);
	p->query = xstrdup("");
	p->group = -1;
}

static void link_clear(struct intake_pane *p)
{
	for (int i = 0; i < 4; i++) {
		free(p->link_lines[i]);
		p->link_lines[i] = NULL;
	}
}

void pane_release(struct intake_pane *p, struct ui *ui)
{
	struct tsu_err e = {0};

	if (ui->have_me && search_session_end(ui->db, &ui->me, &p->sess, p->link_id, &e) != 0)
		ui_message(ui, MSG_WARN, "検索の記録を残せませんでした: %s", e.msg);
	search_result_release(&p->res);
	free(p->query);
	link_clear(p);
	memset(p, 0, sizeof *p);
}

static long now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long)tv.tv_sec * 1000000L + tv.tv_usec;
}

bool pane_lookup(struct intake_pane *p, struct ui *ui, const char *query, int group)
{
	struct tsu_err e = {0};
	long t0;

	if (!strcmp(query, p->query) && group == p->group)
		return false;
	free(p->query);
	p->query = xstrdup(query);
	p->group = group;
	p->sel = 0;
	t0 = now_us();
	if (search_persons(ui->db, &ui->me, query, PANE_LIMIT, &p->sess, &p->res, &e) != 0)
		ui_message(ui, MSG_ERROR, "該当者を検索できません: %s", e.msg);
	p->lookup_us = now_us() - t0;
	return true;
}

void pane_move(struct intake_pane *p, int dir)
{
	if (p->res.n == 0)
		return;
	if (dir < 0 && p->sel > 0)
		p->sel--;
	else if (dir > 0 && p->sel + 1 < p->res.n)
		p->sel++;
}

const struct search_hit *pane_selected(const struct intake_pane *p)
{
	return p->sel < p->res.n ? &p->res.hits[p->sel] : NULL;
}

static char *case_line(const struct search_hit *h)
{
	if (h->case_id)
		return xasprintf("%s %s %s 担当 %s", h->case_no, h->registration, h->status,
		                 *h->lead ? h->lead : "未定");
	if (h->years_since_closed >= 0)
		return xasprintf("%d年前に相談歴あり (ケース %d 件, 受付 %d 件)",
		                 h->years_since_closed, h->cases, h->intakes);
	if (h->intakes > 0)
		return xasprintf("受付 %d 件 (ケースなし)", h->intakes);
	return xstrdup("相談歴なし");
}

static char *last_line(const struct search_hit *h)
{
	char d[40];

	if (!h->last_contact.y)
		return xstrdup("最終記録なし");
	date_format_wareki(h->last_contact, d, sizeof d);
	return xasprintf("最終 %s %s", d, h->last_contact_kind);
}

void pane_link(struct intake_pane *p, struct ui *ui, const struct search_hit *h)
{
	struct contact_history ch;
	struct tsu_err e = {0};

	link_clear(p);
	p->link_id = h->person_id;
	p->link_household = h->household_id;
	p->link_lines[0] = xasprintf("関連付け: %s  %s", h->name, h->kana);
	p->link_lines[1] = case_line(h);
	p->link_lines[2] = last_line(h);
	if (person_contact_history(ui->db, &ui->me, h->person_id, ui_today(ui), &ch, &e) == 0) {
		if (ch.summary && strcmp(ch.summary, p->link_lines[1]) != 0)
			p->link_lines[3] = xstrdup(ch.summary);
		contact_history_release(&ch);
	} else {
		p->link_lines[3] = xasprintf("相談歴を読めません: %s", e.msg);
	}
}

void pane_link_restore(struct intake_pane *p, int64_t id, int64_t household, const char *label)
{
	link_clear(p);
	p->link_id = id;
	p->link_household = household;
	if (id)
		p->link_lines[0] = xasprintf("関連付け: %s", *label ? label : "(下書きから)");
}

/* "H31.4.2 (7)" */
static void birth_text(const struct search_hit *h, char *buf, size_t n)
{
	char d[24];

	if (!h->birth.y) {
		snprintf(buf, n, "生年月日不明");
		return;
	}
	date_format_short(h->birth, d, sizeof d);
	if (h->age >= 0)
		snprintf(buf, n, "%s (%d)", d, h->age);
	else
		snprintf(buf, n, "%s", d);
}

/* One hit in three rows; returns the rows used. */
static int draw_hit(const struct search_hit *h, bool sel, int y, int x, int w, int rows)
{
	char birth[48], *head, *hh, *cl;

	birth_text(h, birth, sizeof birth);
	head = xasprintf("%s %s  %s  %s", sel ? ">" : " ", h->name, h->kana, birth);
	hh = xasprintf("   世帯: %s", *h->members ? h->members : "(ほかの世帯員なし)");
	cl = case_line(h);
	draw_text(y, x, w, head, -1, sel ? ST_SELECTED : ST_TITLE);
	if (rows > 1)
		draw_text(y + 1, x, w, hh, -1, ST_NORMAL);
	if (rows > 2) {
		char *line = xasprintf("   %s", cl);

		draw_text(y + 2, x, w, line, -1, h->case_id ? ST_WARN : ST_DIM);
		free(line);
	}
	free(head);
	free(hh);
	free(cl);
	return rows < 3 ? rows : 3;
}

static int draw_link(const struct intake_pane *p, struct ui_rect in)
{
	int y = in.y;

	for (int i = 0; i < 4 && y < in.y + in.h; i++)
		if (p->link_lines[i])
			draw_text(y++, in.x, in.w, p->link_lines[i], -1,
			          i == 0 ? ST_MARK : ST_NORMAL);
	if (y > in.y && y < in.y + in.h)
		draw_text(y++, in.x, in.w, "", -1, ST_NORMAL);
	return y - in.y;
}

void pane_draw(struct intake_pane *p, struct ui_rect r, struct date today)
{
	struct ui_rect in = rect_inner(r);
	char *title = xasprintf("該当しそうな人 (%zu)", p->res.n);
	size_t first = 0;
	int y, per;

	(void)today;
	draw_box(r, title, ST_FRAME);
	free(title);
	y = in.y + draw_link(p, in);
	if (p->res.n == 0) {
		draw_text(y, in.x, in.w,
		          *p->query ? "該当する人は見つかりません"
		                    : "氏名・ふりがな・生年月日・電話を入力すると表示します",
		          -1, ST_DIM);
		return;
	}
	per = (in.y + in.h - y) / 3;
	if (per < 1)
		per = 1;
	if (p->sel >= (size_t)per)
		first = p->sel - (size_t)per + 1;
	for (size_t i = first; i < p->res.n && y < in.y + in.h; i++)
		y += draw_hit(&p->res.hits[i], i == p->sel, y, in.x, in.w, in.y + in.h - y);
}
