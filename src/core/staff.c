/* staff.c: staff members, their roles (GUIDE section 5) and the permission
 * matrix. The matrix is the one place that says who may do what. */
#include "tsunagu/staff.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "tsunagu/util.h"

struct role_def {
	enum staff_role role;
	const char *name;  /* stored in staff.role */
	const char *label;
	unsigned perms;    /* bit per enum perm */
};

#define P(x) (1u << (x))
#define CASEWORK (P(PERM_READ_CASE) | P(PERM_WRITE_CASE) | P(PERM_REVEAL_ADDRESS))
#define ALL                                                                       \
	(CASEWORK | P(PERM_DECIDE) | P(PERM_EXPORT) | P(PERM_ADMIN) | P(PERM_READ_AUDIT))

static const struct role_def roles[] = {
	{ROLE_DIRECTOR, "director", "センター長", ALL},
	{ROLE_COORDINATOR, "coordinator", "統括支援員", ALL},
	{ROLE_SUPPORT, "support", "子ども家庭支援員", CASEWORK},
	{ROLE_ABUSE, "abuse", "虐待対応専門員", CASEWORK},
	{ROLE_PSYCH, "psych", "心理担当支援員", CASEWORK},
	{ROLE_NURSE, "nurse", "保健師", CASEWORK},
	{ROLE_YOTAIKYO, "yotaikyo", "要対協調整担当者", CASEWORK | P(PERM_DECIDE) | P(PERM_EXPORT)},
	/* 事務: reads case files for clerical work, never writes them */
	{ROLE_CLERK, "clerk", "事務", P(PERM_READ_CASE)},
	/* 監査: reviews the audit log only */
	{ROLE_AUDITOR, "auditor", "監査", P(PERM_READ_AUDIT)},
};

static const struct role_def *role_def(enum staff_role role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role)
			return &roles[i];
	return NULL;
}

const char *staff_role_label(enum staff_role role)
{
	const struct role_def *r = role_def(role);

	return r ? r->label : "不明な役割";
}

enum staff_role staff_role_parse(const char *s)
{
	if (!s)
		return 0;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (!strcmp(s, roles[i].name) || !strcmp(s, roles[i].label))
			return roles[i].role;
	return 0;
}

bool staff_can(const struct staff *who, enum perm p)
{
	const struct role_def *r = who ? role_def(who->role) : NULL;

	return r && who->active && (r->perms & P(p));
}

static void read_staff(struct stmt *st, struct staff *out)
{
	out->id = sql_int(st, 0);
	out->login = sql_dup(st, 1);
	out->name = sql_dup(st, 2);
	out->role = staff_role_parse(sql_text(st, 3));
	out->active = sql_int(st, 4) != 0;
}

int staff_by_login(struct db *db, const char *login, struct staff *out, struct tsu_err *e)
{
	struct stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (!login || !*login)
		return err_set(e, TSU_EINVAL, "ログイン名がありません");
	if (!(st = sql_get(db, SQL_STAFF_BY_LOGIN, e)))
		return TSU_EDB;
	sql_bind_text(st, 1, login);
	rc = sql_step(db, st, e);
	if (rc != SQL_ROW)
		return rc < 0 ? rc
			      : err_set(e, TSU_ENOTFOUND,
					"ログイン名 %s は職員として登録されていません。管理者が "
					"tsunagu staff add %s 氏名 役割 で登録してください",
					login, login);
	read_staff(st, out);
	sql_reset(st);
	if (!out->active) {
		staff_release(out);
		return err_set(e, TSU_ENOTFOUND, "職員 %s は無効になっています", login);
	}
	return 0;
}

int staff_list(struct db *db, bool include_inactive, struct staff **out, size_t *n,
	       struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_STAFF_LIST, e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return TSU_EDB;
	sql_bind_int(st, 1, include_inactive);
	while ((rc = sql_step(db, st, e)) == SQL_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		read_staff(st, &(*out)[(*n)++]);
	}
	if (rc < 0) {
		staff_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

void staff_list_free(struct staff *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		staff_release(&s[i]);
	free(s);
}

const char *staff_current_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *user = getenv("USER");

	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	return user && *user ? user : "";
}

static int count_staff(struct db *db, int64_t *n, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_STAFF_COUNT, e);
	int rc;

	if (!st)
		return TSU_EDB;
	rc = sql_step(db, st, e);
	if (rc != SQL_ROW)
		return rc < 0 ? rc : TSU_EDB;
	*n = sql_int(st, 0);
	sql_reset(st);
	return 0;
}

static int check_new_staff(const char *login, const char *name, enum staff_role role,
			   struct tsu_err *e)
{
	if (!login || !*login)
		return err_set(e, TSU_EINVAL, "職員のログイン名が入力されていません");
	for (const char *p = login; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return err_set(e, TSU_EINVAL, "ログイン名 %s に空白や制御文字は使えません",
				       login);
	if (!name || !*name)
		return err_set(e, TSU_EINVAL, "職員 %s の氏名が入力されていません", login);
	if (!role_def(role))
		return err_set(e, TSU_EINVAL, "職員 %s の役割が正しくありません", login);
	return 0;
}

static int insert_staff(struct db *db, const struct staff *actor, const char *login,
			const char *name, enum staff_role role, int64_t *id, struct tsu_err *e)
{
	struct stmt *st = sql_get(db, SQL_STAFF_INSERT, e);
	struct staff self = {0};
	int64_t n = 0;
	int rc;

	if ((rc = count_staff(db, &n, e)) != 0)
		return rc;
	if (!actor && n > 0)
		return err_set(e, TSU_EPERM, "職員の登録には登録済みの管理者 (センター長・統括支援員) "
					     "としての操作が必要です");
	if (actor && (rc = model_perm(actor, PERM_ADMIN, "職員の登録", e)) != 0)
		return rc;
	if (!st)
		return TSU_EDB;
	sql_bind_text(st, 1, login);
	sql_bind_text(st, 2, name);
	sql_bind_text(st, 3, role_def(role)->name);
	if ((rc = sql_run(db, st, e)) != 0) {
		err_prefix(e, "職員 %s", login);
		return rc;
	}
	*id = sql_last_id(db);
	/* the first one registers itself */
	self = (struct staff){*id, (char *)login, (char *)name, role, true};
	return model_audit(db, actor ? actor : &self, actor ? "staff.add" : "staff.bootstrap",
			   "staff", *id, role_def(role)->name, e);
}

int staff_add(struct db *db, const struct staff *actor, const char *login, const char *name,
	      enum staff_role role, int64_t *id_out, struct tsu_err *e)
{
	struct sql_tx tx;
	int64_t id = 0;
	int rc;

	if ((rc = check_new_staff(login, name, role, e)) != 0)
		return rc;
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	rc = insert_staff(db, actor, login, name, role, &id, e);
	rc = sql_tx_end(db, &tx, rc, e);
	if (rc == 0 && id_out)
		*id_out = id;
	return rc;
}

void staff_release(struct staff *s)
{
	if (!s)
		return;
	free(s->login);
	free(s->name);
	memset(s, 0, sizeof *s);
}
