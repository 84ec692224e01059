/* settings.c: site settings with built-in defaults. */
#include "tsunagu/settings.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tsunagu/util.h"

static const struct {
	const char *key, *value;
} defaults[] = {
	{"safety_check_hours", "48"}, /* 安全確認: 受付から 48 時間以内が原則 */
	{"stale_days", "60"},         /* 記録が途絶えたケースの警告 */
	{"review_cycle_months", "3"}, /* 進行管理の周期 */
	{"secrecy_warn_days", "30"},  /* 支援措置の期限の予告 */
	{"retention_age", "25"},      /* 児童記録の保存: 25 歳まで */
};

static const char *default_of(const char *key)
{
	for (size_t i = 0; key && i < sizeof defaults / sizeof defaults[0]; i++)
		if (!strcmp(key, defaults[i].key))
			return defaults[i].value;
	return NULL;
}

char *settings_get(struct db *db, const char *key)
{
	struct stmt *st = key ? sql_get(db, SQL_SETTING_GET, NULL) : NULL;
	const char *def = default_of(key);
	char *v = NULL;

	if (st) {
		sql_bind_text(st, 1, key);
		if (sql_step(db, st, NULL) == SQL_ROW) {
			v = sql_dup(st, 0);
			sql_reset(st);
		}
	}
	return v ? v : def ? xstrdup(def) : NULL;
}

long settings_get_int(struct db *db, const char *key, long def)
{
	char *v = settings_get(db, key);
	char *end;
	long n;

	if (!v)
		return def;
	n = strtol(v, &end, 10);
	if (!*v || *end)
		n = def;
	free(v);
	return n;
}

int settings_set(struct db *db, const struct staff *actor, const char *key, const char *value,
		 struct tsu_err *e)
{
	struct sql_tx tx;
	struct stmt *st;
	int rc;

	if ((rc = model_perm(actor, PERM_ADMIN, "設定の変更", e)) != 0)
		return rc;
	if (!key || !*key || !value || !*value)
		return err_set(e, TSU_EINVAL, "設定の名前と値を指定してください");
	if ((rc = sql_tx_begin(db, &tx, e)) != 0)
		return rc;
	if (!(st = sql_get(db, SQL_SETTING_SET, e))) {
		rc = TSU_EDB;
	} else {
		sql_bind_text(st, 1, key);
		sql_bind_text(st, 2, value);
		sql_bind_id(st, 3, actor->id);
		rc = sql_run(db, st, e);
	}
	if (rc == 0) {
		char *detail = xasprintf("%s=%s", key, value);
		rc = model_audit(db, actor, "setting.set", "setting", 0, detail, e);
		free(detail);
	}
	return sql_tx_end(db, &tx, rc, e);
}
