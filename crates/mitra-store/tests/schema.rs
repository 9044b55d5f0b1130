//! The two schemas stay in step: migrations/sqlite and migrations/postgres,
//! each applied to a fresh database, must make the same tables with the
//! same columns (name, kind, NOT NULL, in order), the same primary keys,
//! unique constraints and indexes (named indexes by name, with their
//! columns, uniqueness and whether they are partial), the same foreign
//! keys (with their ON DELETE / ON UPDATE actions) and the same triggers.
//! A column, key or index added on one side only fails this test.
//!
//! Not compared: CHECK constraints and defaults (neither database lists
//! them in a form the other can match); the tests of behaviour cover them.

use mitra_store::testing::fresh_store;
use mitra_store::{Backend, Store};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

/// A table as both databases can describe it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// Name, kind (`integer`, `flag`, `text`, `real`), NOT NULL; in order.
    columns: Vec<(String, String, bool)>,
    /// `PRIMARY KEY (a, b)`, `UNIQUE (a, b)`, `UNIQUE INDEX name (a, <expr>) WHERE …`,
    /// `INDEX name (a)`.
    keys_and_indexes: BTreeSet<String>,
    /// `(a, b) -> table (x, y) ON DELETE … ON UPDATE …`.
    foreign_keys: BTreeSet<String>,
    triggers: BTreeSet<String>,
}

type Schema = BTreeMap<String, Shape>;

/// A SQLite foreign key, gathered from its rows in `pragma_foreign_key_list`.
#[derive(Default)]
struct ForeignKey {
    from: Vec<String>,
    target: String,
    to: Vec<String>,
    on_delete: String,
    on_update: String,
}

fn index_line(name: Option<&str>, unique: bool, columns: &str, partial: bool) -> String {
    let kind = match (unique, name) {
        (true, Some(name)) => format!("UNIQUE INDEX {name}"),
        (true, None) => "UNIQUE".to_string(),
        (false, Some(name)) => format!("INDEX {name}"),
        (false, None) => "INDEX".to_string(),
    };
    let partial = if partial { " WHERE …" } else { "" };
    format!("{kind} ({columns}){partial}")
}

async fn sqlite_schema(store: &Store) -> Schema {
    let pool = store.pool();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for (table, sql) in tables {
        let mut shape = Shape::default();
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\" AS not_null, pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut primary: Vec<(i64, String)> = Vec::new();
        for c in &columns {
            let name: String = c.get("name");
            let pk: i64 = c.get("pk");
            let kind = match c.get::<String, _>("type").as_str() {
                // SQLite has no booleans: a flag is an integer held to 0/1.
                "INTEGER" if sql.contains(&format!("CHECK ({name} IN (0, 1))")) => "flag",
                "INTEGER" => "integer",
                "TEXT" => "text",
                "REAL" => "real",
                other => panic!("{table}.{name}: unexpected SQLite type {other}"),
            };
            // A primary key column is never NULL in PostgreSQL; SQLite
            // allows it for keys that are not INTEGER, but Mitra never
            // writes one.
            let not_null = c.get::<i64, _>("not_null") == 1 || pk > 0;
            shape
                .columns
                .push((name.clone(), kind.to_string(), not_null));
            if pk > 0 {
                primary.push((pk, name));
            }
        }
        primary.sort();
        if !primary.is_empty() {
            let names: Vec<String> = primary.into_iter().map(|(_, n)| n).collect();
            shape
                .keys_and_indexes
                .insert(format!("PRIMARY KEY ({})", names.join(", ")));
        }
        let indexes = sqlx::query(
            "SELECT name, \"unique\" AS is_unique, origin, partial FROM pragma_index_list($1)",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for i in &indexes {
            let origin: String = i.get("origin");
            if origin == "pk" {
                continue; // the primary key, from table_info above
            }
            let name: String = i.get("name");
            let columns: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&name)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            let columns: Vec<String> = columns
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "<expr>".into()))
                .collect();
            let explicit = origin == "c";
            shape.keys_and_indexes.insert(index_line(
                explicit.then_some(name.as_str()),
                i.get::<i64, _>("is_unique") == 1,
                &columns.join(", "),
                i.get::<i64, _>("partial") == 1,
            ));
        }
        let keys = sqlx::query(
            "SELECT id, \"table\" AS target, \"from\" AS source, \"to\" AS target_column, on_update, on_delete
             FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        // One row per column of a key: gather them by key.
        let mut by_id: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for k in &keys {
            let key = by_id.entry(k.get("id")).or_insert_with(|| ForeignKey {
                target: k.get("target"),
                on_delete: k.get("on_delete"),
                on_update: k.get("on_update"),
                ..ForeignKey::default()
            });
            key.from.push(k.get("source"));
            key.to.push(k.get("target_column"));
        }
        for key in by_id.into_values() {
            shape.foreign_keys.insert(format!(
                "({}) -> {} ({}) ON DELETE {} ON UPDATE {}",
                key.from.join(", "),
                key.target,
                key.to.join(", "),
                key.on_delete,
                key.on_update
            ));
        }
        let triggers: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        shape.triggers = triggers.into_iter().collect();
        schema.insert(table, shape);
    }
    schema
}

fn pg_action(code: &str) -> &'static str {
    match code {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        other => panic!("unknown foreign key action {other}"),
    }
}

async fn postgres_schema(store: &Store) -> Schema {
    let pool = store.pool();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_sqlx_migrations'
         ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for table in tables {
        let mut shape = Shape::default();
        let columns = sqlx::query(
            "SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
                    a.attnotnull AS not_null, COALESCE(co.collname::text, '') AS collation
             FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = a.attcollation
             WHERE a.attrelid = (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = current_schema() AND c.relname = $1)
               AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for c in &columns {
            let name: String = c.get("name");
            let ty: String = c.get("type");
            let collation: String = c.get("collation");
            let kind = match (ty.as_str(), collation.as_str()) {
                ("bigint", _) => "integer".to_string(),
                ("boolean", _) => "flag".to_string(),
                ("double precision", _) => "real".to_string(),
                // Sorted by code point, as SQLite's BINARY collation does.
                ("text", "C") => "text".to_string(),
                (ty, collation) => format!("{ty} (collation {collation:?})"),
            };
            shape.columns.push((name, kind, c.get("not_null")));
        }
        let indexes = sqlx::query(
            "SELECT ic.relname::text AS name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
                    i.indpred IS NOT NULL AS partial,
                    EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS constraint_backed,
                    array_to_string(ARRAY(
                        SELECT COALESCE(a.attname::text, '<expr>')
                        FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                        ORDER BY k.ord), ', ') AS columns
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = current_schema() AND t.relname = $1",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for i in &indexes {
            let columns: String = i.get("columns");
            if i.get::<bool, _>("is_primary") {
                shape
                    .keys_and_indexes
                    .insert(format!("PRIMARY KEY ({columns})"));
                continue;
            }
            let name: String = i.get("name");
            let explicit = !i.get::<bool, _>("constraint_backed");
            shape.keys_and_indexes.insert(index_line(
                explicit.then_some(name.as_str()),
                i.get("is_unique"),
                &columns,
                i.get("partial"),
            ));
        }
        let keys = sqlx::query(
            "SELECT r.relname::text AS target, k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update,
                    array_to_string(ARRAY(
                        SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS c(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum ORDER BY c.ord), ', ') AS source,
                    array_to_string(ARRAY(
                        SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS c(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.attnum ORDER BY c.ord), ', ') AS target_columns
             FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             JOIN pg_class r ON r.oid = k.confrelid
             WHERE k.contype = 'f' AND n.nspname = current_schema() AND t.relname = $1",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for k in &keys {
            let target: String = k.get("target");
            let source: String = k.get("source");
            let target_columns: String = k.get("target_columns");
            shape.foreign_keys.insert(format!(
                "({source}) -> {target} ({target_columns}) ON DELETE {} ON UPDATE {}",
                pg_action(&k.get::<String, _>("on_delete")),
                pg_action(&k.get::<String, _>("on_update")),
            ));
        }
        let triggers: Vec<String> = sqlx::query_scalar(
            "SELECT g.tgname::text FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE NOT g.tgisinternal AND n.nspname = current_schema() AND t.relname = $1",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        shape.triggers = triggers.into_iter().collect();
        schema.insert(table, shape);
    }
    schema
}

/// Where the two schemas differ, table by table; empty when they agree.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    for name in names {
        match (sqlite.get(name), postgres.get(name)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => out.push(format!(
                "table {name}:\n  sqlite:   {a:?}\n  postgres: {b:?}"
            )),
            (Some(_), None) => out.push(format!("table {name} is in SQLite only")),
            (None, Some(_)) => out.push(format!("table {name} is in PostgreSQL only")),
            (None, None) => unreachable!(),
        }
    }
    out
}

#[tokio::test]
async fn both_migrations_make_the_same_schema() {
    let sqlite_store = fresh_store(Backend::Sqlite).await;
    let postgres_store = fresh_store(Backend::Postgres).await;
    let sqlite = sqlite_schema(&sqlite_store).await;
    let postgres = postgres_schema(&postgres_store).await;
    assert!(
        sqlite.contains_key("meeting") && sqlite.contains_key("attendance"),
        "the description reads the tables: {:?}",
        sqlite.keys()
    );
    assert!(
        sqlite["attendance"]
            .keys_and_indexes
            .contains("UNIQUE INDEX attendance_org_once_per_slot (slot_id, org_id) WHERE …"),
        "{:?}",
        sqlite["attendance"]
    );
    let found = differences(&sqlite, &postgres);
    assert!(
        found.is_empty(),
        "migrations/sqlite and migrations/postgres disagree:\n{}",
        found.join("\n")
    );

    // The comparison notices a column or a key on one side only.
    sqlx::query("ALTER TABLE meeting ADD COLUMN note TEXT COLLATE \"C\"")
        .execute(postgres_store.pool())
        .await
        .unwrap();
    sqlx::query("DROP INDEX meeting_table_once_per_slot")
        .execute(sqlite_store.pool())
        .await
        .unwrap();
    let found = differences(
        &sqlite_schema(&sqlite_store).await,
        &postgres_schema(&postgres_store).await,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("note") && found[0].contains("meeting_table_once_per_slot"),
        "{found:?}"
    );
}
