/* sql_search.c: the statements of the known-person search. Each lookup
 * first picks at most ?2 persons (the CTE "hits": id, rank, sort key) by
 * the one index that suits the query, then reads what the pane shows for
 * just those rows (name as typed, household members, open case, counts,
 * last contact, last closure), so the work per keystroke stays bounded
 * whatever the size of the file.
 *
 * Ranks: 0 the whole name or reading (or family name + given reading, as
 * typed while the IME has not converted the given name yet: 高橋 はる)
 * equals the query, 1 one of those, the given name or its reading starts
 * with it, 2 contains it (3+ characters
 * only), 3 found by birth date or phone alone.
 *
 * Prefix ranges: key >= ?1 AND key < ?1 || U+10FFFF walks the B-tree from
 * the query onward; rows equal to the query come first, so "ORDER BY key
 * LIMIT n" reads exactly n index entries. The FTS5 query string is built
 * here from the bound key as one FTS5 string ("..." with " doubled), so no
 * input can be read as FTS5 syntax. Never LIKE on the trigram table (SQLite
 * 3.40 silently returns no rows). */
#include "sql_search.h"

#define UPPER(col) col " >= ?1 AND " col " < ?1 || char(1114111)"
#define PREFIX(col, rank)                                                               \
	"SELECT * FROM (SELECT person_id, " rank ", " col " FROM person_key WHERE " UPPER(col) \
	" ORDER BY " col " LIMIT ?2)"
#define PFX(col) "substr(" col ", 1, length(?1)) = ?1"
#define ANY_PFX(k)                                                                     \
	"(" PFX(k "name_key") " OR " PFX(k "kana_key") " OR " PFX(k "given_key") " OR "     \
	PFX(k "given_kana_key") " OR " PFX(k "mixed_key") ")"
/* the text narrowing of the birth and phone lookups: the same semantics as
 * the text lookups (prefix for 1-2 characters, also substring for 3+) */
#define TEXT_FILTER(k)                                                                 \
	"(?1 IS NULL OR " ANY_PFX(k) " OR (?5 AND (instr(" k "name_key, ?1) > 0"             \
	" OR instr(" k "kana_key, ?1) > 0)))"
#define TEXT_RANK(k)                                                                   \
	"CASE WHEN ?1 IS NULL THEN 3 WHEN " k "name_key = ?1 OR " k "kana_key = ?1"            \
	" OR " k "mixed_key = ?1 THEN 0"                                                      \
	" WHEN " ANY_PFX(k) " THEN 1 ELSE 2 END"
#define LABEL(list, expr) "(SELECT label FROM code WHERE list = '" list "' AND code = " expr ")"
#define LAST_NOTE(col)                                                                 \
	"(SELECT " col " FROM cases c2 JOIN note n ON n.case_id = c2.id"                    \
	" WHERE c2.subject_id = p.id ORDER BY n.at DESC, n.id DESC LIMIT 1)"
#define MEMBERS                                                                        \
	"(SELECT group_concat(nm, ' ') FROM (SELECT q.family_name"                          \
	" || coalesce(' ' || q.given_name, '') || coalesce('(' || " LABEL("relation", "m2.relation") \
	" || ')', '') AS nm FROM household_member m2 JOIN person q ON q.id = m2.person_id"    \
	" WHERE m2.household_id = m.household_id AND m2.left_on IS NULL"                      \
	" AND m2.person_id <> p.id ORDER BY m2.id LIMIT 8))"
/* columns in the order of enum search_col */
#define DETAIL                                                                         \
	" SELECT h.pid, h.rnk, p.family_name, coalesce(p.given_name, ''),"                  \
	" coalesce(p.family_kana, ''), coalesce(p.given_kana, ''), p.birth_date,"            \
	" m.household_id, " MEMBERS ", c.id, c.case_no, " LABEL("status", "c.status") ","     \
	" " LABEL("registration", "c.registration") ", s.name,"                               \
	" (SELECT count(*) FROM intake WHERE person_id = p.id),"                              \
	" (SELECT count(*) FROM cases WHERE subject_id = p.id),"                              \
	" " LAST_NOTE("n.at") ", " LABEL("note_kind", LAST_NOTE("n.kind")) ","                \
	" (SELECT max(received_at) FROM intake WHERE person_id = p.id),"                      \
	" (SELECT max(closed_on) FROM cases WHERE subject_id = p.id AND closed_on IS NOT NULL)" \
	" FROM hits h JOIN person p ON p.id = h.pid"                                          \
	" LEFT JOIN household_member m ON m.id = (SELECT max(id) FROM household_member"        \
	" WHERE person_id = p.id AND left_on IS NULL)"                                         \
	" LEFT JOIN cases c ON c.id = (SELECT max(id) FROM cases WHERE subject_id = p.id"      \
	" AND closed_on IS NULL)"                                                              \
	" LEFT JOIN staff s ON s.id = c.lead_id ORDER BY h.rnk, h.sk, h.pid"
#define PREFIXES                                                                       \
	PREFIX("name_key", "(name_key <> ?1)") " UNION ALL "                                 \
	PREFIX("kana_key", "(kana_key <> ?1)") " UNION ALL "                                 \
	PREFIX("given_key", "1") " UNION ALL " PREFIX("given_kana_key", "1") " UNION ALL "     \
	PREFIX("mixed_key", "(mixed_key <> ?1)")
#define TRIGRAM                                                                        \
	"SELECT * FROM (SELECT rowid, 2, '' FROM person_key_fts WHERE person_key_fts MATCH"   \
	" '{name_key kana_key} : \"' || replace(?1, '\"', '\"\"') || '\"' LIMIT ?2)"
#define HITS_OF(raw)                                                                   \
	"WITH raw (pid, rnk, sk) AS (" raw "), hits (pid, rnk, sk) AS (SELECT pid, min(rnk),"  \
	" sk FROM raw GROUP BY pid ORDER BY 2, 3, 1 LIMIT ?2)"

/* Keep in step with SK_UPSERT in schema.c (the triggers' upsert); this one
 * writes only the keys that changed, so a rebuild after editing
 * data/variants.tsv touches the trigram index only where it must. */
#define SK_COLS                                                                       \
	"person_id, name_key, kana_key, given_key, given_kana_key, mixed_key, birth, digits"
#define CHANGED(col) "person_key." col " IS NOT excluded." col

static const struct sql_def defs[SEARCH_SQL__COUNT] = {
	[SEARCH_SQL_SHORT] = {"人物の検索 (1〜2 文字)", HITS_OF(PREFIXES) DETAIL},
	[SEARCH_SQL_LONG] = {"人物の検索", HITS_OF(PREFIXES " UNION ALL " TRIGRAM) DETAIL},
	[SEARCH_SQL_BIRTH] = {"生年月日による人物の検索",
		"WITH hits (pid, rnk, sk) AS (SELECT person_id, " TEXT_RANK("") ", name_key"
		" FROM person_key WHERE birth = ?3 AND " TEXT_FILTER("")
		" AND (?4 IS NULL OR instr(digits, ?4) > 0) ORDER BY 2, 3, 1 LIMIT ?2)" DETAIL},
	[SEARCH_SQL_PHONE] = {"電話番号による人物の検索",
		"WITH hits (pid, rnk, sk) AS (SELECT k.person_id, CASE"
		" WHEN instr(' ' || k.digits || ' ', ' ' || ?4 || ' ') > 0 THEN 0"
		" WHEN instr(' ' || k.digits, ' ' || ?4) > 0 THEN 1 ELSE 2 END, k.name_key"
		" FROM person_key_fts JOIN person_key k ON k.person_id = person_key_fts.rowid"
		" WHERE person_key_fts MATCH 'digits : \"' || replace(?4, '\"', '\"\"') || '\"'"
		" AND " TEXT_FILTER("k.") " LIMIT ?2)" DETAIL},
	[SEARCH_SQL_REBUILD_KEYS] = {"検索キーの再計算",
		"INSERT INTO person_key (" SK_COLS ") SELECT " SK_COLS " FROM person_key_src"
		" WHERE true ON CONFLICT (person_id) DO UPDATE SET name_key = excluded.name_key,"
		" kana_key = excluded.kana_key, given_key = excluded.given_key,"
		" given_kana_key = excluded.given_kana_key, mixed_key = excluded.mixed_key,"
		" birth = excluded.birth, digits = excluded.digits WHERE " CHANGED("name_key")
		" OR " CHANGED("kana_key") " OR " CHANGED("given_key") " OR "
		CHANGED("given_kana_key") " OR " CHANGED("mixed_key") " OR " CHANGED("birth")
		" OR " CHANGED("digits")},
	[SEARCH_SQL_REBUILD_ORPHANS] = {"検索キーの整理",
		"DELETE FROM person_key WHERE person_id NOT IN (SELECT id FROM person)"},
	[SEARCH_SQL_REBUILD_FTS] = {"全文検索索引の再構築",
		"INSERT INTO person_key_fts (person_key_fts) VALUES ('rebuild')"},
	[SEARCH_SQL_KEY_COUNT] = {"検索キーの数の読み取り", "SELECT count(*) FROM person_key"},
};

const struct sql_table sql_search_table = {SQLT_SEARCH, defs, SEARCH_SQL__COUNT};
