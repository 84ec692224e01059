/* intake_form_draft.c: the intake form's fields (keys, labels, accessors)
 * and its draft text format. A draft must come back exactly as typed after a
 * dropped connection, so the format is line-based text with the four
 * characters that would break a line escaped, a version on the first line,
 * and a reader that skips what it does not know rather than failing. */
#include "tsunagu/intake_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/utf8.h"
#include "tsunagu/util.h"

#define MAGIC "tsunagu-intake-draft"

static const struct {
	const char *key;
	const char *label;
} fields[IF__COUNT] = {
    [IF_RECEIVED_AT] = {"received_at", "受付日時"},
    [IF_CHANNEL] = {"channel", "受付方法"},
    [IF_ROUTE] = {"route", "相談経路"},
    [IF_CALLER_NAME] = {"caller_name", "相談者の氏名"},
    [IF_CALLER_RELATION] = {"caller_relation", "相談者の続柄・立場"},
    [IF_CALLER_CONTACT] = {"caller_contact", "相談者の連絡先"},
    [IF_CALLER_INTENT] = {"caller_intent", "相談意図"},
    [IF_CHILD_NAME] = {"child_name", "子どもの氏名"},
    [IF_CHILD_KANA] = {"child_kana", "子どものふりがな"},
    [IF_CHILD_BIRTH] = {"child_birth", "子どもの生年月日"},
    [IF_CHILD_SEX] = {"child_sex", "子どもの性別"},
    [IF_CHILD_ADDRESS] = {"child_address", "住所"},
    [IF_CHILD_PHONE] = {"child_phone", "電話"},
    [IF_CHILD_SCHOOL] = {"child_school", "所属 (学校・保育所)"},
    [IF_EXPECTED_DELIVERY] = {"expected_delivery", "出産予定日"},
    [IF_CONSULT_TYPE] = {"consult_type", "相談種別"},
    [IF_ABUSE_TYPES] = {"abuse_types", "虐待種別"},
    [IF_MAIN_ABUSER] = {"main_abuser", "主たる虐待者"},
    [IF_COMPLAINT] = {"complaint", "主訴"},
    [IF_NARRATIVE] = {"narrative", "内容"},
    [IF_CHILD_SITUATION] = {"child_situation", "子どもの状況"},
    [IF_FAMILY_SITUATION] = {"family_situation", "家族の状況"},
    [IF_LIVING_SITUATION] = {"living_situation", "生活の状況"},
    [IF_PAST] = {"past", "過去の相談歴"},
    [IF_CHILD_WISHES] = {"child_wishes", "子どもの希望"},
    [IF_GUARDIAN_WISHES] = {"guardian_wishes", "保護者の希望"},
    [IF_LINK_LABEL] = {"link_label", "該当者"},
    [IF_STARTED_AT] = {"started_at", "入力開始"},
};

static const struct {
	const char *key;
	const char *label;
} mfields[IM__COUNT] = {
    [IM_RELATION] = {"relation", "続柄"},     [IM_NAME] = {"name", "氏名"},
    [IM_KANA] = {"kana", "ふりがな"},         [IM_BIRTH] = {"birth", "生年月日・年齢"},
    [IM_OCCUPATION] = {"occupation", "職業"},
};

const char *intake_field_key(enum intake_field f)
{
	return (unsigned)f < IF__COUNT ? fields[f].key : "";
}

const char *intake_field_label(enum intake_field f)
{
	return (unsigned)f < IF__COUNT ? fields[f].label : "";
}

const char *intake_member_key(enum intake_member_field f)
{
	return (unsigned)f < IM__COUNT ? mfields[f].key : "";
}

const char *intake_member_label(enum intake_member_field f)
{
	return (unsigned)f < IM__COUNT ? mfields[f].label : "";
}

void intake_form_init(struct intake_form *f)
{
	memset(f, 0, sizeof *f);
	f->urgent = -1;
}

void intake_form_release(struct intake_form *f)
{
	if (!f)
		return;
	for (int i = 0; i < IF__COUNT; i++)
		free(f->s[i]);
	for (int i = 0; i < INTAKE_FORM_MEMBERS; i++)
		for (int k = 0; k < IM__COUNT; k++)
			free(f->m[i][k]);
	intake_form_init(f);
}

static void replace(char **slot, const char *v)
{
	free(*slot);
	*slot = v && *v ? xstrdup(v) : NULL;
}

void intake_form_set(struct intake_form *f, enum intake_field k, const char *v)
{
	if ((unsigned)k < IF__COUNT)
		replace(&f->s[k], v);
}

void intake_form_set_member(struct intake_form *f, int i, enum intake_member_field k, const char *v)
{
	if (i >= 0 && i < INTAKE_FORM_MEMBERS && (unsigned)k < IM__COUNT)
		replace(&f->m[i][k], v);
}

const char *intake_form_get(const struct intake_form *f, enum intake_field k)
{
	return (unsigned)k < IF__COUNT && f->s[k] ? f->s[k] : "";
}

const char *intake_form_member(const struct intake_form *f, int i, enum intake_member_field k)
{
	if (i < 0 || i >= INTAKE_FORM_MEMBERS || (unsigned)k >= IM__COUNT || !f->m[i][k])
		return "";
	return f->m[i][k];
}

/* ---- writing ------------------------------------------------------------ */

static void put_escaped(struct sbuf *sb, const char *v)
{
	for (; *v; v++) {
		switch (*v) {
		case '\\': sbuf_adds(sb, "\\\\"); break;
		case '\n': sbuf_adds(sb, "\\n"); break;
		case '\t': sbuf_adds(sb, "\\t"); break;
		case '\r': sbuf_adds(sb, "\\r"); break;
		default: sbuf_addc(sb, *v); break;
		}
	}
}

static void put(struct sbuf *sb, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	sbuf_adds(sb, key);
	sbuf_addc(sb, '\t');
	put_escaped(sb, v);
	sbuf_addc(sb, '\n');
}

static void put_int(struct sbuf *sb, const char *key, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	put(sb, key, buf);
}

char *intake_form_serialize(const struct intake_form *f)
{
	struct sbuf sb = {0};

	sbuf_addf(&sb, "%s %d\n", MAGIC, INTAKE_DRAFT_VERSION);
	for (int i = 0; i < IF__COUNT; i++)
		put(&sb, fields[i].key, f->s[i]);
	for (int i = 0; i < INTAKE_FORM_MEMBERS; i++)
		for (int k = 0; k < IM__COUNT; k++) {
			char key[48];

			snprintf(key, sizeof key, "member%d.%s", i + 1, mfields[k].key);
			put(&sb, key, f->m[i][k]);
		}
	if (f->staff_id)
		put_int(&sb, "staff_id", f->staff_id);
	if (f->person_id)
		put_int(&sb, "person_id", f->person_id);
	if (f->household_id)
		put_int(&sb, "household_id", f->household_id);
	if (f->anonymous)
		put(&sb, "anonymous", "1");
	if (f->pregnant)
		put(&sb, "pregnant", "1");
	if (f->urgent >= 0)
		put_int(&sb, "urgent", f->urgent);
	return sbuf_detach(&sb);
}

/* ---- reading ------------------------------------------------------------ */

/* The value of one line, unescaped and made valid UTF-8; newly allocated. */
static char *unescape(const char *s, size_t n)
{
	struct sbuf sb = {0};
	char *out;

	sbuf_adds(&sb, "");
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		}
		sbuf_addc(&sb, c);
	}
	out = utf8_sanitize(sb.buf, sb.len, NULL);
	sbuf_release(&sb);
	return out;
}

static long long to_int(const char *v)
{
	char *end;
	long long x = strtoll(v, &end, 10);

	return *end ? 0 : x;
}

static bool set_member(struct intake_form *f, const char *key, size_t klen, char *v)
{
	int i;

	if (klen < 8 || strncmp(key, "member", 6) != 0 || key[6] < '1' ||
	    key[6] > '0' + INTAKE_FORM_MEMBERS || key[7] != '.')
		return false;
	i = key[6] - '1';
	for (int k = 0; k < IM__COUNT; k++)
		if (strlen(mfields[k].key) == klen - 8 &&
		    strncmp(key + 8, mfields[k].key, klen - 8) == 0) {
			free(f->m[i][k]);
			f->m[i][k] = v;
			return true;
		}
	return false;
}

static bool is_key(const char *key, size_t klen, const char *name)
{
	return strlen(name) == klen && strncmp(key, name, klen) == 0;
}

static bool set_scalar(struct intake_form *f, const char *key, size_t klen, const char *v)
{
	if (is_key(key, klen, "staff_id"))
		f->staff_id = to_int(v);
	else if (is_key(key, klen, "person_id"))
		f->person_id = to_int(v);
	else if (is_key(key, klen, "household_id"))
		f->household_id = to_int(v);
	else if (is_key(key, klen, "anonymous"))
		f->anonymous = to_int(v) != 0;
	else if (is_key(key, klen, "pregnant"))
		f->pregnant = to_int(v) != 0;
	else if (is_key(key, klen, "urgent"))
		f->urgent = to_int(v) > 0 ? 1 : to_int(v) == 0 ? 0 : -1;
	else
		return false;
	return true;
}

/* One "key<TAB>value" line; lines that do not fit are skipped. */
static void read_line(struct intake_form *f, const char *line, size_t n)
{
	const char *tab = memchr(line, '\t', n);
	size_t klen;
	char *v;

	if (!tab)
		return;
	klen = (size_t)(tab - line);
	v = unescape(tab + 1, n - klen - 1);
	for (int i = 0; i < IF__COUNT; i++)
		if (is_key(line, klen, fields[i].key)) {
			free(f->s[i]);
			f->s[i] = *v ? v : (free(v), NULL);
			return;
		}
	if (!set_member(f, line, klen, v)) {
		set_scalar(f, line, klen, v);
		free(v);
	}
}

static int read_header(const char *p, size_t n, struct tsu_err *e)
{
	size_t ml = strlen(MAGIC);
	char num[16];
	long v;

	if (n <= ml + 1 || strncmp(p, MAGIC, ml) != 0 || p[ml] != ' ' || n - ml - 1 >= sizeof num)
		return err_set(e, TSU_EINVAL, "受付の下書きとして読めません (形式が違います)");
	memcpy(num, p + ml + 1, n - ml - 1);
	num[n - ml - 1] = '\0';
	v = (long)to_int(num);
	if (v < 1)
		return err_set(e, TSU_EINVAL, "受付の下書きの版「%s」が読めません", num);
	if (v > INTAKE_DRAFT_VERSION)
		return err_set(e, TSU_EINVAL,
		               "この下書きは新しい版 (%ld) の tsunagu で保存されています。"
		               "このプログラムは版 %d までしか読めません",
		               v, INTAKE_DRAFT_VERSION);
	return 0;
}

int intake_form_parse(const char *payload, struct intake_form *out, struct tsu_err *e)
{
	const char *p = payload ? payload : "", *nl;
	int rc;

	intake_form_init(out);
	nl = strchr(p, '\n');
	if ((rc = read_header(p, nl ? (size_t)(nl - p) : strlen(p), e)) != 0)
		return rc;
	while (nl) {
		p = nl + 1;
		nl = strchr(p, '\n');
		read_line(out, p, nl ? (size_t)(nl - p) : strlen(p));
	}
	return 0;
}
