/* ledger_rows.c: reading and checking the rows of a ledger (ledger.h): the
 * header, every cell against its code list, date, length and the case
 * rules, collecting every problem with its row and column and never
 * stopping at the first. Nothing here touches personal data in the
 * database; matching is ledger_plan.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_priv.h"
#include "tsunagu/case.h"
#include "tsunagu/csv.h"
#include "tsunagu/key.h"
#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

const char *const ledger_col_names[LC__COUNT] = {
	"受付日", "受付方法", "相談経路", "児童氏名", "児童ふりがな", "生年月日", "性別", "住所",
	"電話", "保護者氏名", "保護者ふりがな", "続柄", "相談種別", "虐待種別", "主たる虐待者",
	"主訴", "登録区分", "主担当", "状態", "終結日", "終結理由"};

/* Longest cell, in characters. */
static size_t limit_of(enum lcol c)
{
	switch (c) {
	case LC_NAME: case LC_KANA: case LC_GNAME: case LC_GKANA: return 100;
	case LC_ADDRESS: return 200;
	case LC_PHONE: return 40;
	case LC_COMPLAINT: return 4000;
	default: return 100;
	}
}

struct rctx {
	const struct lcodes *codes;
	struct lissues *err, *warn;
	const struct csv_record *rec;
	const struct csv_header *hdr;
	size_t row;
	bool bad; /* this row has an error */
};

static void row_err(struct rctx *x, enum lcol c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void row_err(struct rctx *x, enum lcol c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	lissue_add(x->err, x->row, (size_t)x->hdr->index[c] + 1, ledger_col_names[c], "%s", msg);
	free(msg);
	x->bad = true;
}

/* Length of a separator-like space at s (ASCII blank, CR, LF, U+3000), or 0. */
static size_t space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		return 1;
	return strncmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

/* The trimmed cell of column c, newly allocated; NULL when absent or empty. */
static char *cell(const struct rctx *x, enum lcol c)
{
	int i = x->hdr->index[c];
	const char *s, *end;
	size_t n;

	if (i < 0 || (size_t)i >= x->rec->n)
		return NULL;
	s = x->rec->field[i].s;
	end = s + x->rec->field[i].len;
	while (s < end && (n = space_at(s)) > 0)
		s += n;
	while (end > s) {
		if (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')
			end--;
		else if (end - s >= 3 && strncmp(end - 3, "\xE3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	return end > s ? xstrndup(s, (size_t)(end - s)) : NULL;
}

static bool present(const struct rctx *x, enum lcol c);

static void pua_check(struct rctx *x, enum lcol c, const char *s)
{
	size_t off;
	uint32_t cp;

	if (!enc_find_pua(s, strlen(s), &off))
		return;
	utf8_decode(s + off, strlen(s + off), &cp, NULL);
	lissue_add(x->warn, x->row, (size_t)x->hdr->index[c] + 1, ledger_col_names[c],
		   "外字 (U+%04X) が含まれています。送り元の外字フォントがないと正しく表示されません",
		   (unsigned)cp);
}

/* The cell, checked for length and 外字; NULL if empty or too long. */
static char *text_cell(struct rctx *x, enum lcol c)
{
	char *s = cell(x, c);
	size_t n;

	if (!s)
		return NULL;
	if ((n = utf8_count(s, strlen(s))) > limit_of(c)) {
		row_err(x, c, "長すぎます (%zu 文字、上限 %zu 文字)", n, limit_of(c));
		free(s);
		return NULL;
	}
	pua_check(x, c, s);
	return s;
}

static char *hint(const struct lcodes *codes, enum lcl l)
{
	struct sbuf sb = {0};

	if (codes->n[l] > 12)
		return xstrdup("");
	sbuf_adds(&sb, " (使える値: ");
	for (size_t i = 0; i < codes->n[l]; i++)
		sbuf_addf(&sb, "%s%s", i ? "、" : "", codes->codes[l][i].label);
	sbuf_adds(&sb, ")");
	return sbuf_detach(&sb);
}

static const struct lcode *code_cell(struct rctx *x, enum lcol c, enum lcl l)
{
	char *s = text_cell(x, c), *h;
	const struct lcode *k;

	if (!s)
		return NULL;
	if (!(k = lcodes_find(x->codes, l, s))) {
		h = hint(x->codes, l);
		row_err(x, c, "「%s」は%sの一覧にありません%s", s, lcodes_list_name(l), h);
		free(h);
	}
	free(s);
	return k;
}

static const char *code_str(const struct lcode *k)
{
	return k ? k->code : NULL;
}

static void date_cell(struct rctx *x, enum lcol c, struct date *d)
{
	char *s = text_cell(x, c);
	struct tsu_err e = {0};

	d->y = d->m = d->d = 0;
	if (s && date_parse(s, d, &e) != 0) {
		row_err(x, c, "%s", e.msg);
		d->y = d->m = d->d = 0;
	}
	free(s);
}

/* Digits at *p (at most max), their value in *v; the count read. */
static int digits(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* "H:MM" or "H:MM:SS" at the end of s after a blank: cut it off s and put
 * "HH:MM" into hm. 0 if there is none; -1 if malformed. */
static int split_time(char *s, char hm[6])
{
	char *sp = strrchr(s, ' ');
	const char *p;
	int h, m, sec = 0;

	if (!sp || !strchr(sp, ':'))
		return 0;
	p = sp + 1;
	if (digits(&p, 2, &h) < 1 || *p++ != ':' || digits(&p, 2, &m) != 2)
		return -1;
	if (*p == ':' && (p++, digits(&p, 2, &sec) != 2))
		return -1;
	if (*p || h > 23 || m > 59 || sec > 59)
		return -1;
	hm[0] = (char)('0' + h / 10);
	hm[1] = (char)('0' + h % 10);
	hm[2] = ':';
	hm[3] = (char)('0' + m / 10);
	hm[4] = (char)('0' + m % 10);
	hm[5] = '\0';
	*sp = '\0';
	return 1;
}

static void received_cell(struct rctx *x, struct lrow *r)
{
	char *s = text_cell(x, LC_RECEIVED), hm[6] = "00:00";
	struct tsu_err e = {0};
	int t;

	if (!s) {
		if (!present(x, LC_RECEIVED))
			row_err(x, LC_RECEIVED, "受付日がありません (必須)");
		return;
	}
	if ((t = split_time(s, hm)) < 0)
		row_err(x, LC_RECEIVED, "時刻「%s」が正しくありません", strrchr(s, ' ') + 1);
	else if (date_parse(s, &r->received, &e) != 0)
		row_err(x, LC_RECEIVED, "%s", e.msg);
	else
		snprintf(r->received_at, sizeof r->received_at, "%04d-%02d-%02d %s",
			 r->received.y, r->received.m, r->received.d, hm);
	if (x->bad)
		r->received.y = 0;
	free(s);
}

static void route_cell(struct rctx *x, struct lrow *r)
{
	const struct lcode *k = code_cell(x, LC_ROUTE, LCL_ROUTE);

	if (!k)
		return;
	if (*k->parent) {
		r->route1 = k->parent;
		r->route2 = k->code;
	} else {
		r->route1 = k->code;
	}
}

/* Length of an abuse-type separator at s, or 0. */
static size_t sep_at(const char *s)
{
	static const char *const seps[] = {"、", "・", "／", "，", "､", "･", "/", ","};

	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strncmp(s, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

static void abuse_add(struct lrow *r, const char *code)
{
	for (size_t i = 0; i < r->nabuse; i++)
		if (!strcmp(r->abuse[i], code))
			return;
	if (r->nabuse < LEDGER_MAX_ABUSE)
		r->abuse[r->nabuse++] = code;
}

/* Several types: split at the separators, then take at each part the
 * longest run of parts that names a type (so 保護の怠慢・拒否 stays one). */
static void abuse_cell(struct rctx *x, struct lrow *r)
{
	char *s = text_cell(x, LC_ABUSE), *parts[32];
	size_t n = 0, i = 0;

	if (!s)
		return;
	for (char *p = s, *start = s; n < 32; p++) {
		size_t k = *p ? sep_at(p) : 1;

		if (!k)
			continue;
		parts[n++] = xstrndup(start, (size_t)(p - start));
		if (!*p)
			break;
		start = p + k;
		p += k - 1;
	}
	while (i < n) {
		const struct lcode *found = NULL;
		size_t j;

		for (j = n; j-- > i && !found;) {
			struct sbuf sb = {0};

			for (size_t t = i; t <= j; t++)
				sbuf_addf(&sb, "%s%s", t > i ? "・" : "", parts[t]);
			found = sb.len ? lcodes_find(x->codes, LCL_ABUSE, sb.buf) : NULL;
			sbuf_release(&sb);
			if (found)
				i = j + 1;
		}
		if (found)
			abuse_add(r, found->code);
		else if (*parts[i] && !space_at(parts[i]))
			row_err(x, LC_ABUSE, "「%s」は虐待種別の一覧にありません", parts[i++]);
		else
			i++;
	}
	for (i = 0; i < n; i++)
		free(parts[i]);
	free(s);
}

static void lead_cell(struct rctx *x, struct lrow *r)
{
	char *s = text_cell(x, LC_LEAD);
	int64_t id;

	if (!s)
		return;
	id = lcodes_staff(x->codes, s);
	if (id == 0)
		row_err(x, LC_LEAD, "職員「%s」が登録されていません (氏名かログイン名で書いてください)", s);
	else if (id < 0)
		row_err(x, LC_LEAD, "「%s」という職員が複数います。ログイン名で書いてください", s);
	else
		r->lead_id = id;
	free(s);
}

static bool present(const struct rctx *x, enum lcol c)
{
	char *s = cell(x, c);
	bool p = s != NULL;

	free(s);
	return p;
}

/* 状態, 終結日 and 終結理由 together (ledger.h). */
static void case_rules(struct rctx *x, struct lrow *r, const struct lcode *status)
{
	bool closes;

	if (!status && present(x, LC_STATUS))
		return; /* unknown status: already reported */
	r->status = status ? status->code : r->closed.y ? "END" : NULL;
	closes = case_status_closes(r->status);
	if (closes && !r->closed.y && !present(x, LC_CLOSED))
		row_err(x, x->hdr->index[LC_STATUS] >= 0 ? LC_STATUS : LC_CLOSED,
			"状態が終結・送致・移管のときは終結日が必要です");
	if (closes && !r->closure && !present(x, LC_CLOSURE))
		row_err(x, x->hdr->index[LC_STATUS] >= 0 ? LC_STATUS : LC_CLOSED,
			"状態が終結・送致・移管のときは終結理由が必要です");
	if (!closes && r->closed.y)
		row_err(x, LC_CLOSED, "終結日がありますが、状態「%s」は終結ではありません",
			status ? status->label : "");
	if (!closes && r->closure)
		row_err(x, LC_CLOSURE, "終結理由は状態が終結・送致・移管のときだけ書けます");
	if (r->closed.y && r->received.y && date_cmp(r->closed, r->received) < 0)
		row_err(x, LC_CLOSED, "終結日が受付日より前です");
}

static void dates_and_case(struct rctx *x, struct lrow *r)
{
	const struct lcode *status;

	date_cell(x, LC_BIRTH, &r->birth);
	if (r->birth.y && r->received.y && date_cmp(r->birth, r->received) > 0)
		row_err(x, LC_BIRTH, "生年月日が受付日より後です");
	r->registration = code_str(code_cell(x, LC_REGISTRATION, LCL_REGISTRATION));
	lead_cell(x, r);
	status = code_cell(x, LC_STATUS, LCL_STATUS);
	date_cell(x, LC_CLOSED, &r->closed);
	r->closure = code_str(code_cell(x, LC_CLOSURE, LCL_CLOSURE));
	r->has_case = r->registration || r->lead_id || status || r->closed.y || r->closure;
	if (r->has_case)
		case_rules(x, r, status);
}

static bool is_report(const struct lrow *r, const struct lcode *consult)
{
	return r->nabuse > 0 ||
	       (consult && (!strcmp(consult->code, "YG1") || !strcmp(consult->national, "YG1")));
}

static void check_row(struct rctx *x, struct lrow *r)
{
	const struct lcode *consult;

	r->row = x->row;
	r->child = r->guardian = r->hh_new = -1;
	received_cell(x, r);
	if (!(r->name = text_cell(x, LC_NAME)) && !present(x, LC_NAME))
		row_err(x, LC_NAME, "児童氏名がありません (必須)");
	r->kana = text_cell(x, LC_KANA);
	r->sex = code_str(code_cell(x, LC_SEX, LCL_SEX));
	r->address = text_cell(x, LC_ADDRESS);
	r->phone = text_cell(x, LC_PHONE);
	r->gname = text_cell(x, LC_GNAME);
	r->gkana = text_cell(x, LC_GKANA);
	r->grel = code_str(code_cell(x, LC_GREL, LCL_RELATION));
	r->channel = code_str(code_cell(x, LC_CHANNEL, LCL_CHANNEL));
	route_cell(x, r);
	consult = code_cell(x, LC_CONSULT, LCL_CONSULT);
	r->consult = code_str(consult);
	abuse_cell(x, r);
	r->abuser = code_str(code_cell(x, LC_ABUSER, LCL_ABUSER));
	r->complaint = text_cell(x, LC_COMPLAINT);
	dates_and_case(x, r);
	r->is_report = is_report(r, consult);
	if (r->name)
		r->key = key_variant(r->name);
	if (r->gname)
		r->gkey = key_variant(r->gname);
}

static bool all_empty(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		for (const char *s = rec->field[i].s; *s;) {
			size_t n = space_at(s);

			if (!n)
				return false;
			s += n;
		}
	return true;
}

/* The problem text of a CSV error, without the reader's position prefix. */
static const char *csv_problem(const char *msg)
{
	const char *p = strstr(msg, "): ");

	return p ? p + 3 : msg;
}

static const char *column_at(const struct csv_header *hdr, size_t col)
{
	for (int c = 0; c < LC__COUNT; c++)
		if (hdr->index[c] >= 0 && (size_t)hdr->index[c] + 1 == col)
			return ledger_col_names[c];
	return NULL;
}

/* The header: 0 and hdr filled, or 1 when the file cannot be read on
 * (problems reported). */
static int header(struct csv_reader *r, struct csv_header *hdr, struct lissues *err,
		  struct lissues *warn)
{
	struct csv_record rec;
	struct tsu_err e = {0};
	char *w;
	int rc = csv_next(r, &rec, &e);

	if (rc <= 0) {
		const struct csv_error *ce = csv_reader_error(r);

		if (rc == 0)
			lissue_add(err, 0, 0, NULL, "空のファイルです (見出しの行がありません)");
		else
			lissue_add(err, ce->pos.row, ce->pos.col, NULL, "%s", csv_problem(e.msg));
		return 1;
	}
	if (csv_header_map(&rec, ledger_col_names, LC__COUNT, hdr, &e) != 0) {
		lissue_add(err, 1, 0, NULL, "%s", strncmp(e.msg, "1 行目: ", 10) ? e.msg : e.msg + 10);
		return 1;
	}
	if ((w = csv_header_warning(hdr))) {
		lissue_add(warn, 1, 0, NULL, "%s", w);
		free(w);
	}
	static const enum lcol required[] = {LC_RECEIVED, LC_NAME};
	for (size_t i = 0; i < 2; i++)
		if (hdr->index[required[i]] < 0)
			lissue_add(err, 1, 0, NULL, "必須の列「%s」がありません",
				   ledger_col_names[required[i]]);
	return hdr->index[LC_RECEIVED] < 0 || hdr->index[LC_NAME] < 0;
}

struct rows {
	struct lrow *v;
	size_t n, cap;
};

static struct lrow *row_new(struct rows *rs)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 256;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof *rs->v);
	}
	memset(&rs->v[rs->n], 0, sizeof rs->v[0]);
	return &rs->v[rs->n++];
}

static void progress(const struct ledger_import_opts *opt, size_t done, size_t total)
{
	if (opt->progress)
		opt->progress(opt->progress_ctx, LEDGER_PHASE_CHECK, done, total);
}

static void read_rows(struct csv_reader *r, const struct csv_header *hdr, size_t total,
		      struct rctx *x, const struct ledger_import_opts *opt, struct rows *rs)
{
	struct csv_record rec;
	struct tsu_err e = {0};
	int rc;

	while ((rc = csv_next(r, &rec, &e)) != 0) {
		size_t done = csv_reader_rows(r) - 1;

		if (done % 1000 == 0)
			progress(opt, done, total);
		if (rc < 0) {
			const struct csv_error *ce = csv_reader_error(r);

			lissue_add(x->err, ce->pos.row, ce->pos.col, column_at(hdr, ce->pos.col),
				   "%s", csv_problem(e.msg));
			continue;
		}
		if (all_empty(&rec))
			continue;
		x->rec = &rec;
		x->row = rec.row;
		x->bad = false;
		check_row(x, row_new(rs));
	}
	progress(opt, total, total);
}

int ledger_check_rows(const char *text, size_t len, size_t total, const struct lcodes *codes,
		      const struct ledger_import_opts *opt, struct lrow **rows, size_t *nrows,
		      struct lissues *err, struct lissues *warn)
{
	struct csv_reader *r = csv_reader_new(text, len, NULL);
	struct csv_header hdr = {0};
	struct rctx x = {codes, err, warn, NULL, &hdr, 0, false};
	struct rows rs = {0};

	if (header(r, &hdr, err, warn) == 0)
		read_rows(r, &hdr, total > 0 ? total - 1 : 0, &x, opt, &rs);
	csv_header_release(&hdr);
	csv_reader_free(&r);
	*rows = rs.v;
	*nrows = rs.n;
	return 0;
}

void ledger_rows_free(struct lrow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct lrow *r = &rows[i];

		free(r->name);
		free(r->kana);
		free(r->gname);
		free(r->gkana);
		free(r->address);
		free(r->phone);
		free(r->complaint);
		free(r->key);
		free(r->gkey);
	}
	free(rows);
}
