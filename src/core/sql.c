/* sql.c: the one table of SQL statements (DML, checks, transactions; the DDL
 * lives with the migrations in schema.c), prepared lazily once per
 * connection, plus the bind/step/column helpers that keep sqlite3.h out of
 * the model files. Values are always bound; the only text ever inserted into
 * SQL is a table name read from sqlite_schema, quoted with %w. */
#include "sql.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "db_priv.h"
#include "tsunagu/util.h"

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
#define BUMP "version = version + 1, updated_at = " NOW


#define PERSON_COLS                                                                   \
	"id, family_name, given_name, family_kana, given_kana, birth_date,"            \
	" expected_delivery, sex, phone, school, deceased, moved, note, version,"      \
	" created_at, updated_at"
#define CASE_COLS                                                                     \
	"id, case_no, fiscal_year, seq, subject_id, household_id, consult_type,"       \
	" registration, status, lead_id, team, review_cycle_months, next_review,"      \
	" opened_on, closed_on, closure_reason, dispose_from, special_adoption,"       \
	" version, created_at, updated_at"
#define INTAKE_COLS                                                                   \
	"id, received_at, staff_id, channel, route1, route2, person_id, household_id," \
	" consult_type, main_abuser, complaint, narrative, situation, wishes, past,"   \
	" urgent, is_report, case_id, accepted, safety_due, safety_done_at, version,"  \
	" created_at, updated_at"
#define LABEL(list, expr) "(SELECT label FROM code WHERE list = '" list "' AND code = " expr ")"
#define DAYS_SINCE_NOTE(today)                                                        \
	"coalesce(CAST(julianday(" today ") - julianday(substr((SELECT max(at) FROM note" \
	" WHERE case_id = c.id), 1, 10)) AS INTEGER), -1)"
/* home rows: case_id, intake_id, case_no, name, kana, birth, registration,
 * status, detail, lead, due, seconds left, days since the last note */
#define HOME_CASE_ROW                                                                 \
	"SELECT c.id, 0, c.case_no, p.family_name || coalesce(' ' || p.given_name, ''),"  \
	" trim(coalesce(p.family_kana, '') || ' ' || coalesce(p.given_kana, '')),"       \
	" p.birth_date, " LABEL("registration", "c.registration") ","                     \
	" " LABEL("status", "c.status") ", " LABEL("consult_type", "c.consult_type") ","  \
	" s.name, c.next_review, NULL, " DAYS_SINCE_NOTE("?1")                           \
	" FROM cases c JOIN person p ON p.id = c.subject_id"                             \
	" LEFT JOIN staff s ON s.id = c.lead_id WHERE c.closed_on IS NULL"

static const struct sql_def defs[SQL__COUNT] = {
	[SQL_BEGIN] = {"読み取りの開始", "BEGIN"},
	[SQL_BEGIN_IMMEDIATE] = {"書き込みの開始", "BEGIN IMMEDIATE"},
	[SQL_COMMIT] = {"保存の確定", "COMMIT"},
	[SQL_ROLLBACK] = {"取り消し", "ROLLBACK"},
	[SQL_SAVEPOINT] = {"書き込みの開始", "SAVEPOINT tsu_model"},
	[SQL_RELEASE] = {"保存の確定", "RELEASE tsu_model"},
	[SQL_ROLLBACK_TO] = {"取り消し", "ROLLBACK TO tsu_model"},
	[SQL_DATA_VERSION] = {"変更の確認", "PRAGMA data_version"},
	[SQL_CHANGE_SEQ] = {"変更の確認", "SELECT n FROM change_seq WHERE id = 1"},
	[SQL_QUICK_CHECK] = {"簡易検査", "PRAGMA quick_check"},
	[SQL_INTEGRITY_CHECK] = {"完全検査", "PRAGMA integrity_check"},
	[SQL_FK_CHECK] = {"参照の検査", "PRAGMA foreign_key_check"},
	[SQL_FTS_TABLES] = {"全文検索表の一覧",
		"SELECT name FROM sqlite_schema WHERE type = 'table'"
		" AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name"},

	[SQL_SNAPSHOT] = {"読み取りの開始", "SELECT count(*) FROM sqlite_schema"},

	[SQL_CODE_DEACTIVATE] = {"コード表の更新", "UPDATE code SET active = 0 WHERE list = ?1"},
	[SQL_CODE_UPSERT] = {"コード表の更新",
		"INSERT INTO code (list, code, label, parent, national, sort, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1) ON CONFLICT (list, code) DO UPDATE SET"
		" label = excluded.label, parent = excluded.parent, national = excluded.national,"
		" sort = excluded.sort, active = 1"},
	[SQL_CODE_LIST] = {"コード表の読み取り",
		"SELECT list, code, label, parent, national, sort, active FROM code"
		" WHERE list = ?1 AND (active = 1 OR ?2) ORDER BY sort, code"},
	[SQL_CODE_GET] = {"コードの読み取り",
		"SELECT list, code, label, parent, national, sort, active FROM code"
		" WHERE list = ?1 AND code = ?2"},
	[SQL_UQ_UPSERT] = {"緊急度の設問の更新",
		"INSERT INTO urgency_question (no, text, examples) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (no) DO UPDATE SET text = excluded.text, examples = excluded.examples"},
	[SQL_UQ_LIST] = {"緊急度の設問の読み取り",
		"SELECT no, text, examples FROM urgency_question ORDER BY no"},
	[SQL_URULE_CLEAR] = {"緊急度の判定規則の更新", "DELETE FROM urgency_rule"},
	[SQL_URULE_INSERT] = {"緊急度の判定規則の更新",
		"INSERT INTO urgency_rule (ord, question, grade, reason) VALUES (?1, ?2, ?3, ?4)"},
	[SQL_URULE_LIST] = {"緊急度の判定規則の読み取り",
		"SELECT question, grade, reason FROM urgency_rule ORDER BY ord"},
	[SQL_SEVH_CLEAR] = {"重症度の対応機関の更新", "DELETE FROM severity_handler"},
	[SQL_SEVH_INSERT] = {"重症度の対応機関の更新",
		"INSERT INTO severity_handler (severity, handler, note) VALUES (?1, ?2, ?3)"},
	[SQL_SEVH_GET] = {"重症度の対応機関の読み取り",
		"SELECT handler, note FROM severity_handler WHERE severity = ?1"},

	[SQL_AUDIT_INSERT] = {"監査ログの記録",
		"INSERT INTO audit (staff_id, login, action, entity, entity_id, detail)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
	[SQL_AUDIT_LIST] = {"監査ログの読み取り",
		"SELECT id, at, staff_id, login, action, entity, entity_id, detail FROM audit"
		" WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < date(?2, '+1 day'))"
		" AND (?3 IS NULL OR staff_id = ?3) AND (?4 IS NULL OR entity = ?4)"
		" AND (?5 IS NULL OR entity_id = ?5) ORDER BY id DESC LIMIT ?6"},
	[SQL_STAFF_BY_LOGIN] = {"職員の読み取り",
		"SELECT id, login, name, role, active FROM staff WHERE login = ?1"},
	[SQL_STAFF_COUNT] = {"職員の数の読み取り", "SELECT count(*) FROM staff"},
	[SQL_STAFF_LIST] = {"職員の一覧の読み取り",
		"SELECT id, login, name, role, active FROM staff WHERE active OR ?1"
		" ORDER BY active DESC, id"},
	[SQL_STAFF_INSERT] = {"職員の登録",
		"INSERT INTO staff (login, name, role, active) VALUES (?1, ?2, ?3, 1)"},
	[SQL_SETTING_GET] = {"設定の読み取り", "SELECT value FROM setting WHERE key = ?1"},
	[SQL_SETTING_SET] = {"設定の保存",
		"INSERT INTO setting (key, value, updated_by) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
		" updated_by = excluded.updated_by, updated_at = " NOW},

	[SQL_HH_INSERT] = {"世帯の登録",
		"INSERT INTO household (address, phone, secrecy, secrecy_start, secrecy_end,"
		" secrecy_counterparty, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
	[SQL_HH_GET] = {"世帯の読み取り",
		"SELECT id, address, phone, secrecy, secrecy_start, secrecy_end,"
		" secrecy_counterparty, note, version FROM household WHERE id = ?1"},
	[SQL_HH_UPDATE] = {"世帯の保存",
		"UPDATE household SET address = ?1, phone = ?2, secrecy = ?3, secrecy_start = ?4,"
		" secrecy_end = ?5, secrecy_counterparty = ?6, note = ?7, " BUMP
		" WHERE id = ?8 AND version = ?9"},
	[SQL_HM_INSERT] = {"世帯員の登録",
		"INSERT INTO household_member (household_id, person_id, relation, joined_on)"
		" VALUES (?1, ?2, ?3, date('now', 'localtime'))"},
	[SQL_HM_LIST] = {"世帯員の読み取り",
		"SELECT person_id FROM household_member WHERE household_id = ?1"
		" AND left_on IS NULL ORDER BY id"},
	[SQL_PERSON_INSERT] = {"人物の登録",
		"INSERT INTO person (family_name, given_name, family_kana, given_kana, birth_date,"
		" expected_delivery, sex, phone, school, deceased, moved, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
	[SQL_PERSON_GET] = {"人物の読み取り", "SELECT " PERSON_COLS " FROM person WHERE id = ?1"},
	[SQL_PERSON_UPDATE] = {"人物の保存",
		"UPDATE person SET family_name = ?1, given_name = ?2, family_kana = ?3,"
		" given_kana = ?4, birth_date = ?5, expected_delivery = ?6, sex = ?7, phone = ?8,"
		" school = ?9, deceased = ?10, moved = ?11, note = ?12, " BUMP
		" WHERE id = ?13 AND version = ?14"},
	[SQL_PERSON_BIRTH] = {"生年月日の読み取り", "SELECT birth_date FROM person WHERE id = ?1"},
	[SQL_REL_INSERT] = {"続柄の登録",
		"INSERT INTO relation (person_a, person_b, relation, note) VALUES (?1, ?2, ?3, ?4)"},
	[SQL_REL_LIST] = {"続柄の読み取り",
		"SELECT id, person_a, person_b, relation, note FROM relation"
		" WHERE person_a = ?1 OR person_b = ?1 ORDER BY id"},

	[SQL_CASE_NEXT_SEQ] = {"ケース番号の採番",
		"SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE fiscal_year = ?1"},
	[SQL_CASE_INSERT] = {"ケースの登録",
		"INSERT INTO cases (case_no, fiscal_year, seq, subject_id, household_id,"
		" consult_type, registration, status, lead_id, team, review_cycle_months,"
		" next_review, opened_on, special_adoption)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
	[SQL_CASE_GET] = {"ケースの読み取り", "SELECT " CASE_COLS " FROM cases WHERE id = ?1"},
	[SQL_CASE_GET_NO] = {"ケースの読み取り",
		"SELECT " CASE_COLS " FROM cases WHERE case_no = ?1"},
	[SQL_CASE_UPDATE] = {"ケースの保存",
		"UPDATE cases SET household_id = ?1, consult_type = ?2, lead_id = ?3, team = ?4,"
		" review_cycle_months = ?5, next_review = ?6, special_adoption = ?7, " BUMP
		" WHERE id = ?8 AND version = ?9"},
	[SQL_CASE_SET_STATUS] = {"ケースの状態の変更",
		"UPDATE cases SET status = ?1, closed_on = ?2, closure_reason = ?3,"
		" dispose_from = ?4, " BUMP " WHERE id = ?5 AND version = ?6"},
	[SQL_CASE_SET_REG] = {"登録区分の変更",
		"UPDATE cases SET registration = ?1, " BUMP " WHERE id = ?2 AND version = ?3"},
	[SQL_CASE_HIST_INSERT] = {"ケースの履歴の記録",
		"INSERT INTO case_history (case_id, staff_id, field, old_value, new_value, reason,"
		" why) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
	[SQL_CASE_HIST_LIST] = {"ケースの履歴の読み取り",
		"SELECT h.id, h.at, h.staff_id, coalesce(s.name, ''), h.field, h.old_value,"
		" h.new_value, h.reason, h.why FROM case_history h"
		" LEFT JOIN staff s ON s.id = h.staff_id WHERE h.case_id = ?1 ORDER BY h.id"},

	[SQL_INTAKE_INSERT] = {"受付の登録",
		"INSERT INTO intake (received_at, staff_id, channel, route1, route2, person_id,"
		" household_id, consult_type, main_abuser, complaint, narrative, situation, wishes,"
		" past, urgent, is_report, case_id, safety_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"},
	[SQL_INTAKE_ABUSE_INSERT] = {"虐待種別の登録",
		"INSERT INTO intake_abuse (intake_id, abuse_type) VALUES (?1, ?2)"},
	[SQL_INTAKE_CALLER_INSERT] = {"通告者情報の登録",
		"INSERT INTO intake_caller (intake_id, name, relation, contact, anonymous, intent)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
	[SQL_INTAKE_GET] = {"受付の読み取り", "SELECT " INTAKE_COLS " FROM intake WHERE id = ?1"},
	[SQL_INTAKE_ABUSE_LIST] = {"虐待種別の読み取り",
		"SELECT abuse_type FROM intake_abuse WHERE intake_id = ?1 ORDER BY abuse_type"},
	[SQL_INTAKE_CALLER_GET] = {"通告者情報の読み取り",
		"SELECT name, relation, contact, anonymous, intent FROM intake_caller"
		" WHERE intake_id = ?1"},
	[SQL_INTAKE_LINK] = {"受付とケースの関連付け",
		"UPDATE intake SET case_id = ?1, accepted = ?2, " BUMP
		" WHERE id = ?3 AND version = ?4"},
	[SQL_INTAKE_SAFETY_DONE] = {"安全確認の完了の記録",
		"UPDATE intake SET safety_done_at = ?2, " BUMP
		" WHERE id = ?1 AND safety_done_at IS NULL"},
	[SQL_INTAKE_SAFETY_DONE_CASE] = {"安全確認の完了の記録",
		"UPDATE intake SET safety_done_at = ?2, " BUMP " WHERE case_id = ?1"
		" AND safety_due IS NOT NULL AND safety_done_at IS NULL"},
	[SQL_DEADLINE] = {"日時の計算",
		"SELECT strftime('%Y-%m-%d %H:%M:%S', ?1, printf('%+d hours', ?2))"},
	[SQL_SAFETY_INSERT] = {"安全確認の記録",
		"INSERT INTO safety_check (intake_id, case_id, staff_id, at, method, seen, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},

	[SQL_NOTE_INSERT] = {"経過記録の登録",
		"INSERT INTO note (case_id, kind, at, counterpart, content, source, restricted,"
		" staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
	[SQL_NOTE_LIST] = {"経過記録の読み取り",
		"SELECT n.id, n.case_id, n.kind, n.at, n.counterpart, n.content, n.source,"
		" n.restricted, n.staff_id, coalesce(s.name, ''), n.version FROM note n"
		" LEFT JOIN staff s ON s.id = n.staff_id WHERE n.case_id = ?1 ORDER BY n.at, n.id"},
	[SQL_DRAFT_INSERT] = {"下書きの保存",
		"INSERT INTO draft (owner_id, kind, payload) VALUES (?1, ?2, ?3)"},
	[SQL_DRAFT_UPDATE] = {"下書きの保存",
		"UPDATE draft SET kind = ?1, payload = ?2, " BUMP " WHERE id = ?3 AND owner_id = ?4"},
	[SQL_DRAFT_GET] = {"下書きの読み取り",
		"SELECT id, kind, payload, updated_at FROM draft WHERE id = ?1 AND owner_id = ?2"},
	[SQL_DRAFT_LIST] = {"下書きの一覧",
		"SELECT id, kind, payload, updated_at FROM draft WHERE owner_id = ?1"
		" AND (?2 IS NULL OR kind = ?2) ORDER BY updated_at DESC, id DESC"},
	[SQL_DRAFT_DELETE] = {"下書きの削除", "DELETE FROM draft WHERE id = ?1 AND owner_id = ?2"},

	[SQL_HOME_COUNTS] = {"本日の件数の集計",
		"SELECT (SELECT count(*) FROM intake WHERE received_at >= ?1"
		" AND received_at < date(?1, '+1 day')),"
		" (SELECT count(*) FROM intake WHERE is_report = 1 AND received_at >= ?1"
		" AND received_at < date(?1, '+1 day')),"
		" (SELECT count(*) FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id"
		" WHERE m.kind = 'JURI' AND m.held_on = ?1),"
		" (SELECT count(*) FROM note WHERE at >= ?1 AND at < date(?1, '+1 day')),"
		" (SELECT count(*) FROM intake WHERE safety_due IS NOT NULL"
		" AND safety_done_at IS NULL),"
		" (SELECT count(*) FROM intake WHERE safety_due IS NOT NULL"
		" AND safety_done_at IS NULL AND safety_due < " NOW "),"
		" (SELECT count(*) FROM cases WHERE closed_on IS NULL AND next_review < ?1),"
		" (SELECT count(*) FROM household WHERE secrecy = 1 AND secrecy_end >= ?1"
		" AND secrecy_end <= date(?1, printf('+%d days', ?3))),"
		" (SELECT count(*) FROM cases WHERE closed_on IS NULL AND lead_id = ?2)"},
	[SQL_HOME_SAFETY] = {"安全確認の一覧",
		"SELECT coalesce(i.case_id, 0), i.id, coalesce(c.case_no, ''),"
		" coalesce(p.family_name || coalesce(' ' || p.given_name, ''), ''),"
		" trim(coalesce(p.family_kana, '') || ' ' || coalesce(p.given_kana, '')),"
		" p.birth_date, " LABEL("registration", "c.registration") ","
		" coalesce(" LABEL("status", "c.status") ", " LABEL("status", "'RCV'") "),"
		" (SELECT group_concat(k.label, '・') FROM intake_abuse a JOIN code k"
		" ON k.list = 'abuse_type' AND k.code = a.abuse_type WHERE a.intake_id = i.id),"
		" coalesce(ls.name, rs.name), substr(i.safety_due, 1, 16),"
		" CAST(strftime('%s', i.safety_due, 'utc') AS INTEGER) - ?1,"
		" coalesce(CAST(julianday('now', 'localtime') - julianday(substr((SELECT max(at)"
		" FROM note WHERE case_id = i.case_id), 1, 10)) AS INTEGER), -1)"
		" FROM intake i LEFT JOIN person p ON p.id = i.person_id"
		" LEFT JOIN cases c ON c.id = i.case_id LEFT JOIN staff ls ON ls.id = c.lead_id"
		" LEFT JOIN staff rs ON rs.id = i.staff_id"
		" WHERE i.safety_due IS NOT NULL AND i.safety_done_at IS NULL"
		" ORDER BY i.safety_due, i.id"},
	[SQL_HOME_REVIEWS] = {"見直し予定の一覧",
		HOME_CASE_ROW " AND c.next_review IS NOT NULL"
		" AND c.next_review <= date(?1, printf('%+d days', ?2))"
		" ORDER BY c.next_review, c.fiscal_year, c.seq"},
	[SQL_HOME_MY] = {"担当ケースの一覧",
		HOME_CASE_ROW " AND c.lead_id = ?2"
		" ORDER BY c.next_review IS NULL, c.next_review, c.fiscal_year, c.seq"},
};

static sqlite3_stmt *raw(struct stmt *st)
{
	return (sqlite3_stmt *)st;
}

static const struct sql_table core_table = {SQLT_CORE, defs, SQL__COUNT};
/* Size of each slot's cache array: a slot always holds the same table. */
static int slot_count[SQLT__COUNT];

struct stmt *sql_get(struct db *db, enum sql_id id, struct tsu_err *e)
{
	return sql_get_in(db, &core_table, (int)id, e);
}

struct stmt *sql_get_in(struct db *db, const struct sql_table *t, int id, struct tsu_err *e)
{
	sqlite3_stmt **cache;
	sqlite3_stmt *st;
	int rc;

	if (t->slot < 0 || t->slot >= SQLT__COUNT || id < 0 || id >= t->count ||
	    !t->defs[id].text)
		util_fatal("内部エラー: SQL 文 %d/%d がありません", (int)t->slot, id);
	if (!db->stmts[t->slot]) {
		db->stmts[t->slot] = xcalloc((size_t)t->count, sizeof(sqlite3_stmt *));
		slot_count[t->slot] = t->count;
	}
	cache = db->stmts[t->slot];
	st = cache[id];
	if (!st) {
		rc = sqlite3_prepare_v3(db->h, t->defs[id].text, -1, SQLITE_PREPARE_PERSISTENT,
					&st, NULL);
		if (rc != SQLITE_OK) {
			sql_fail(db, rc, t->defs[id].what, e);
			return NULL;
		}
		cache[id] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (struct stmt *)st;
}

void sql_cache_release(struct db *db)
{
	for (int t = 0; t < SQLT__COUNT; t++) {
		sqlite3_stmt **cache = db->stmts[t];

		if (!cache)
			continue;
		/* only our own statements: FTS5 keeps statements of its own on the
		 * connection and finalizes them when the table is disconnected, so
		 * walking sqlite3_next_stmt here would free them twice */
		for (int i = 0; i < slot_count[t]; i++)
			sqlite3_finalize(cache[i]);
		free(cache);
		db->stmts[t] = NULL;
	}
}

static void bound(struct stmt *st, int i, int rc)
{
	if (rc != SQLITE_OK)
		util_fatal("内部エラー: SQL の値 %d を設定できません (%s): %s", i,
			   sqlite3_errstr(rc), sqlite3_sql(raw(st)));
}

void sql_bind_text(struct stmt *st, int i, const char *s)
{
	if (!s || !*s)
		bound(st, i, sqlite3_bind_null(raw(st), i));
	else
		bound(st, i, sqlite3_bind_text(raw(st), i, s, -1, SQLITE_TRANSIENT));
}

void sql_bind_str(struct stmt *st, int i, const char *s)
{
	if (!s)
		bound(st, i, sqlite3_bind_null(raw(st), i));
	else
		bound(st, i, sqlite3_bind_text(raw(st), i, s, -1, SQLITE_TRANSIENT));
}

void sql_bind_int(struct stmt *st, int i, int64_t v)
{
	bound(st, i, sqlite3_bind_int64(raw(st), i, v));
}

void sql_bind_id(struct stmt *st, int i, int64_t v)
{
	if (v == 0)
		bound(st, i, sqlite3_bind_null(raw(st), i));
	else
		sql_bind_int(st, i, v);
}

void sql_bind_null(struct stmt *st, int i)
{
	bound(st, i, sqlite3_bind_null(raw(st), i));
}

void sql_bind_date(struct stmt *st, int i, struct date d)
{
	char buf[16];

	if (d.y == 0)
		sql_bind_null(st, i);
	else
		sql_bind_text(st, i, date_format_iso(d, buf, sizeof buf));
}

int sql_step(struct db *db, struct stmt *st, struct tsu_err *e)
{
	int rc = sqlite3_step(raw(st));
	const char *text;

	if (rc == SQLITE_ROW)
		return SQL_ROW;
	sqlite3_reset(raw(st));
	if (rc == SQLITE_DONE)
		return SQL_DONE;
	text = sqlite3_sql(raw(st));
	for (int i = 0; i < SQL__COUNT; i++) {
		if (defs[i].text == text || (defs[i].text && text && !strcmp(defs[i].text, text)))
			return sql_fail(db, rc, defs[i].what, e);
	}
	return sql_fail(db, rc, "データベースの操作", e);
}

int sql_run(struct db *db, struct stmt *st, struct tsu_err *e)
{
	int rc = sql_step(db, st, e);

	if (rc == SQL_ROW) {
		sqlite3_reset(raw(st));
		rc = 0;
	}
	return rc;
}

void sql_reset(struct stmt *st)
{
	if (st)
		sqlite3_reset(raw(st));
}

int64_t sql_int(struct stmt *st, int col)
{
	return sqlite3_column_int64(raw(st), col);
}

bool sql_null(struct stmt *st, int col)
{
	return sqlite3_column_type(raw(st), col) == SQLITE_NULL;
}

const char *sql_text(struct stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(raw(st), col);

	return s ? (const char *)s : "";
}

char *sql_dup(struct stmt *st, int col)
{
	return xstrdup(sql_text(st, col));
}

struct date sql_date(struct stmt *st, int col)
{
	struct date d = {0, 0, 0};
	const char *s = sql_text(st, col);
	char buf[11];

	if (strlen(s) < 10)
		return d;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	if (date_parse(buf, &d, NULL) != 0)
		d = (struct date){0, 0, 0};
	return d;
}

int64_t sql_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int sql_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

static const char *reason(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "他の職員の処理でデータベースが使用中です。しばらくしてからやり直してください";
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return "参照先 (コード・人物・ケースなど) が存在しません";
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return "同じものがすでに登録されています";
		return "入力が条件を満たしていません";
	case SQLITE_READONLY: return "読み取り専用で開いています";
	case SQLITE_FULL: return "ディスクの空きがありません";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return "データベースファイルが壊れているか、データベースではありません";
	case SQLITE_CANTOPEN: return "ファイルを開けません";
	case SQLITE_IOERR: return "ディスクの読み書きに失敗しました";
	case SQLITE_PERM: return "ファイルの権限がありません";
	default: return "データベースのエラーです";
	}
}

int sql_fail(struct db *db, int rc, const char *what, struct tsu_err *e)
{
	int code = TSU_EDB;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: code = TSU_EBUSY; break;
	case SQLITE_CONSTRAINT: code = TSU_EINVAL; break;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_PERM: code = TSU_EIO; break;
	default: break;
	}
	return err_set(e, code, "%sに失敗しました: %s (%s)", what, reason(rc),
		       db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
}

/* FTS5 'integrity-check' is an INSERT, refused on a read-only connection
 * (tsunagu check opens read-only) although it writes nothing: run it there
 * on a second, read-write connection inside a transaction rolled back. */
static int fts_check_on(sqlite3 *h, const char *q, struct tsu_err *e)
{
	int rc = sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(h, q, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			err_set(e, TSU_EDB, "全文検索表の検査に失敗しました: %s", sqlite3_errmsg(h));
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}

int sql_fts_check(struct db *db, const char *table, struct tsu_err *e)
{
	/* rank = 1: an external-content table is also compared with its
	 * content table (without it, SQLite checks only the index itself) */
	char *q = sqlite3_mprintf("INSERT INTO \"%w\" (\"%w\", rank) VALUES ('integrity-check', 1)",
				  table, table);
	sqlite3 *rw = NULL;
	int rc;

	if (!q)
		util_fatal("メモリが足りません (SQL 文)");
	if (!(db->flags & DB_READONLY)) {
		rc = sqlite3_exec(db->h, q, NULL, NULL, NULL);
	} else {
		rc = sqlite3_open_v2(db->path, &rw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(rw, 5000);
			rc = fts_check_on(rw, q, e);
		}
	}
	sqlite3_free(q);
	if (rc != SQLITE_OK) {
		if (!rw || !e || !e->code)
			err_set(e, TSU_EDB, "全文検索表の検査に失敗しました: %s",
				sqlite3_errmsg(rw ? rw : db->h));
		err_prefix(e, "%s", table);
	}
	sqlite3_close(rw);
	return rc == SQLITE_OK ? 0 : TSU_EDB;
}
