/* ledger_codes.c: how a ledger names codes and staff. A cell holds a label
 * (身体的虐待), the code itself (PH), the part of a label before or inside
 * its parentheses (その他 for その他 (匿名を含む), ネグレクト for
 * 保護の怠慢・拒否(ネグレクト)) or one of a few words offices use (母, 男性,
 * 面前DV); all compared after key_fold. 主担当 is a staff name or login. */
#include <stdlib.h>
#include <string.h>

#include "ledger_priv.h"
#include "sql_ledger.h"
#include "tsunagu/codes.h"
#include "tsunagu/key.h"
#include "tsunagu/util.h"

static const char *const list_ids[LCL__COUNT] = {
	[LCL_CHANNEL] = "channel", [LCL_ROUTE] = "route", [LCL_SEX] = "sex",
	[LCL_RELATION] = "relation", [LCL_CONSULT] = "consult_type",
	[LCL_ABUSE] = "abuse_type", [LCL_ABUSER] = "abuser",
	[LCL_REGISTRATION] = "registration", [LCL_STATUS] = "status",
	[LCL_CLOSURE] = "closure"};

static const char *const list_names[LCL__COUNT] = {
	[LCL_CHANNEL] = "受付方法", [LCL_ROUTE] = "相談経路", [LCL_SEX] = "性別",
	[LCL_RELATION] = "続柄", [LCL_CONSULT] = "相談種別", [LCL_ABUSE] = "虐待種別",
	[LCL_ABUSER] = "主たる虐待者", [LCL_REGISTRATION] = "登録区分", [LCL_STATUS] = "状態",
	[LCL_CLOSURE] = "終結理由"};

/* Words in use that are neither a label nor part of one. */
static const struct {
	enum lcl list;
	const char *word, *code;
} extra[] = {
	{LCL_SEX, "男性", "M"}, {LCL_SEX, "女性", "F"}, {LCL_SEX, "男児", "M"},
	{LCL_SEX, "女児", "F"}, {LCL_SEX, "不明", "U"},
	{LCL_RELATION, "母", "MO"}, {LCL_RELATION, "父", "FA"},
	{LCL_ABUSE, "身体的", "PH"}, {LCL_ABUSE, "性的", "SX"}, {LCL_ABUSE, "心理的", "PS"},
	{LCL_ABUSE, "面前DV", "PS"}, {LCL_ABUSE, "ネグレクト", "NG"},
	{LCL_ABUSER, "父", "F"}, {LCL_ABUSER, "母", "M"},
};

const char *lcodes_list_name(enum lcl list)
{
	return list_names[list];
}

/* Add alias -> index unless the alias is taken already (first wins). */
static void alias(struct lmap *m, const char *text, size_t idx)
{
	char *k = key_fold(text);

	if (*k && lmap_first(m, k) < 0)
		lmap_add(m, k, (int64_t)idx);
	free(k);
}

/* The parts of a folded label "X(Y)": X and Y. */
static void alias_parts(struct lmap *m, const char *label, size_t idx)
{
	char *k = key_fold(label), *open = strchr(k, '('), *close;

	if (open && (close = strrchr(open, ')')) && close[1] == '\0') {
		*close = '\0';
		alias(m, open + 1, idx);
		*open = '\0';
		alias(m, k, idx);
	}
	free(k);
}

static int load_list(struct db *db, struct lcodes *c, enum lcl l, struct tsu_err *e)
{
	struct code *codes = NULL;
	size_t n = 0;
	int rc = codes_list(db, list_ids[l], true, &codes, &n, e);

	if (rc != 0)
		return rc;
	c->codes[l] = xcalloc(n ? n : 1, sizeof *c->codes[l]);
	c->n[l] = n;
	lmap_init(&c->alias[l]);
	for (size_t i = 0; i < n; i++) {
		struct lcode *lc = &c->codes[l][i];

		lc->code = xstrdup(codes[i].code);
		lc->label = xstrdup(codes[i].label);
		lc->parent = xstrdup(codes[i].parent);
		lc->national = xstrdup(codes[i].national);
		if (codes[i].active)
			alias(&c->alias[l], codes[i].label, i);
	}
	for (size_t i = 0; i < n; i++)
		if (codes[i].active)
			alias(&c->alias[l], codes[i].code, i);
	for (size_t i = 0; i < n; i++)
		if (codes[i].active)
			alias_parts(&c->alias[l], codes[i].label, i);
	codes_free(codes, n);
	return 0;
}

static void load_extra(struct lcodes *c)
{
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		for (size_t j = 0; j < c->n[extra[i].list]; j++)
			if (!strcmp(c->codes[extra[i].list][j].code, extra[i].code))
				alias(&c->alias[extra[i].list], extra[i].word, j);
}

static int load_staff(struct db *db, struct lcodes *c, struct tsu_err *e)
{
	struct stmt *st = sql_get_in(db, &sql_ledger_table, LEDGER_SQL_STAFF, e);
	int rc;

	if (!st)
		return TSU_EDB;
	lmap_init(&c->staff);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		int64_t id = sql_int(st, 0);
		char *login = key_fold(sql_text(st, 1)), *name = key_fold(sql_text(st, 2));

		lmap_add(&c->staff, login, id);
		if (strcmp(login, name) != 0)
			lmap_add(&c->staff, name, id);
		free(login);
		free(name);
	}
	return rc;
}

int lcodes_load(struct db *db, struct lcodes *c, struct tsu_err *e)
{
	int rc = 0;

	memset(c, 0, sizeof *c);
	for (int l = 0; l < LCL__COUNT && rc == 0; l++)
		rc = load_list(db, c, (enum lcl)l, e);
	if (rc == 0) {
		load_extra(c);
		rc = load_staff(db, c, e);
	}
	if (rc != 0)
		lcodes_release(c);
	return rc;
}

void lcodes_release(struct lcodes *c)
{
	for (int l = 0; l < LCL__COUNT; l++) {
		for (size_t i = 0; i < c->n[l]; i++) {
			free(c->codes[l][i].code);
			free(c->codes[l][i].label);
			free(c->codes[l][i].parent);
			free(c->codes[l][i].national);
		}
		free(c->codes[l]);
		lmap_release(&c->alias[l]);
	}
	lmap_release(&c->staff);
	memset(c, 0, sizeof *c);
}

const struct lcode *lcodes_find(const struct lcodes *c, enum lcl list, const char *text)
{
	char *k = key_fold(text);
	int32_t i = lmap_first(&c->alias[list], k);

	free(k);
	return i < 0 ? NULL : &c->codes[list][c->alias[list].ent[i].val];
}

int64_t lcodes_staff(const struct lcodes *c, const char *text)
{
	char *k = key_fold(text);
	int64_t id = 0;

	for (int32_t i = lmap_first(&c->staff, k); i >= 0; i = lmap_next(&c->staff, i, k)) {
		if (id && id != c->staff.ent[i].val) {
			id = -1;
			break;
		}
		id = c->staff.ent[i].val;
	}
	free(k);
	return id;
}
