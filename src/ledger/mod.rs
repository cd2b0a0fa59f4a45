//! The ledger: one SQLite file. The only module that writes SQL.

pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod autopay;
pub mod backup;
pub mod lock;
pub mod methods;
pub mod payments;
pub mod plans;
pub mod reminders;
pub mod sandbox;
pub mod scheduler;
pub mod stream;

use std::fs::{self, File};
use std::io::{ErrorKind as IoErrorKind, IsTerminal, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{invalid, unavailable};

/// Schema steps, applied in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/001_initial.sql"),
    include_str!("../../migrations/002_methods_gateways.sql"),
    include_str!("../../migrations/003_refund_attempts.sql"),
    include_str!("../../migrations/004_autopay_scheduler.sql"),
    include_str!("../../migrations/005_alert_delivery.sql"),
    include_str!("../../migrations/006_drafts_state_check.sql"),
    include_str!("../../migrations/007_alert_deliveries_state_check.sql"),
];

/// SQLite's `application_id` of an hcpay ledger ("hcpy"): a file without it
/// is not opened, unless it is a ledger from before it was set (DESIGN §8),
/// which the first command that writes to it marks.
pub const APPLICATION_ID: i32 = 0x6863_7079;

/// The tables every hcpay ledger has had since its first version: how a
/// ledger from before `APPLICATION_ID` is told from another program's file.
const FIRST_TABLES: &[&str] = &["accounts", "rate_periods", "payments", "audit"];

pub struct Ledger {
    conn: Connection,
    path: PathBuf,
}

/// What the file at the ledger's path is, read from its header without
/// SQLite: a file that is not ours is never handed to SQLite to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// Zero bytes: a new ledger for a command that may create one.
    Empty,
    /// Marked with our `application_id`.
    Ours,
    /// A SQLite file with no `application_id`: an hcpay ledger from before
    /// it was set, or another program's database.
    Unmarked,
    /// Another program's SQLite database.
    Foreign,
    NotSqlite,
}

impl Ledger {
    /// Opens an existing ledger for a command that only reads: read-only,
    /// never created, never migrated.
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        let (ledger, version) = Ledger::open_reading(path)?;
        refuse_newer(version, path)?;
        if version < MIGRATIONS.len() {
            return Err(invalid(format!(
                "ledger {} has schema version {version}, older than this hcpay's ({}); reading commands do not upgrade it",
                path.display(),
                MIGRATIONS.len()
            ))
            .hint("run `hcpay init` once to upgrade it (a backup copy is kept next to it)")
            .into());
        }
        Ok(ledger)
    }

    /// Opens an existing ledger read-only whatever its schema version: a
    /// backup copies an older or a newer ledger as it is.
    pub fn open_to_copy(path: &Path) -> Result<Ledger> {
        Ok(Ledger::open_reading(path)?.0)
    }

    /// An existing ledger, read-only, and its schema version.
    fn open_reading(path: &Path) -> Result<(Ledger, usize)> {
        if identify_existing(path)? == Found::Unmarked {
            check_unmarked(path)?;
        }
        let (conn, version) = connect_read_only(path)?;
        Ok((Ledger { conn, path: path.to_path_buf() }, version))
    }

    /// Opens an existing ledger for a command that writes; an older one is
    /// migrated (after a backup copy).
    pub fn open(path: &Path) -> Result<Ledger> {
        let found = identify_existing(path)?;
        Ledger::connect(path, found)
    }

    /// Opens the ledger for a command that writes, creating it (0600, in a
    /// 0700 directory) if it does not exist yet or is an empty file.
    pub fn open_or_create(path: &Path) -> Result<Ledger> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
        }
        match fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == IoErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("cannot create ledger {}", path.display())),
        }
        let found = identify(path)?;
        if found == Found::Empty {
            // An empty file someone made for it becomes a ledger: owner-only, as every ledger.
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot make ledger {} private", path.display()))?;
        }
        Ledger::connect(path, found)
    }

    fn connect(path: &Path, found: Found) -> Result<Ledger> {
        refuse_foreign(found, path)?;
        if found == Found::Unmarked {
            check_unmarked(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("cannot open ledger {}", path.display()))?;
        // The first statements read the file: one that is not SQLite fails here, so name it.
        let mut setup = || -> rusqlite::Result<()> {
            wait_for_writers(&mut conn)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            // FULL: in WAL mode each commit then survives a power loss, not only a crash.
            conn.pragma_update(None, "synchronous", "full")
        };
        setup().map_err(|e| explain(e, path)).with_context(|| format!("cannot open ledger {}", path.display()))?;
        let mut ledger = Ledger { conn, path: path.to_path_buf() };
        ledger.migrate()?;
        if found == Found::Unmarked {
            // A ledger from before the mark: it gets it now (a header field; nothing else changes).
            let conn = &ledger.conn;
            conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(|e| explain(e, path))?;
        }
        Ok(ledger)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: it takes the write lock at once
    /// (so two writers queue instead of failing) and commits only if `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| explain(e, &self.path))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| explain(e, &self.path)).context("cannot commit to the ledger")?;
        Ok(value)
    }

    /// Like `write`, for a change that a power loss may undo because the next
    /// command redoes it (a gateway's answer, recovered by looking its key up):
    /// it skips the fsync that `write` pays for. Never for a change that must
    /// be on disk before money moves.
    pub fn write_recoverable<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "normal")?;
        let result = self.write(f);
        self.conn.pragma_update(None, "synchronous", "full")?;
        result
    }

    /// Query plans that do not depend on bound values, for a long command that
    /// binds the same statements thousands of times (a scheduler run):
    /// otherwise SQLite re-prepares a cached statement each time it is bound
    /// again, once it has weighed a parameter against a partial index.
    pub fn stable_plans(&mut self) -> Result<()> {
        self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(())
    }

    /// A bigger page cache for one command that writes many rows (an import).
    pub fn bulk(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version = schema_version(&self.conn, &self.path)?;
        refuse_newer(version, &self.path)?;
        if version == MIGRATIONS.len() {
            return Ok(());
        }
        if version == 0 {
            // A new ledger, marked first, in the file's header itself (before
            // WAL): from its first byte on, it says it is an hcpay ledger.
            let mark = || -> rusqlite::Result<()> {
                self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
                // WAL lets readers run while a writer works.
                self.conn.pragma_update(None, "journal_mode", "wal")
            };
            mark().map_err(|e| explain(e, &self.path))?;
        } else {
            self.backup_before_migration(version)?;
        }
        for (step, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| explain(e, &self.path))?;
            // Another process may have migrated while we waited for the lock.
            let now: usize = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if now > step {
                continue;
            }
            tx.execute_batch(sql).with_context(|| format!("migration {} failed", step + 1))?;
            tx.pragma_update(None, "user_version", step + 1)?;
            tx.commit().map_err(|e| explain(e, &self.path))?;
        }
        Ok(())
    }

    fn backup_before_migration(&self, version: usize) -> Result<()> {
        let copy = self.path.with_extension(format!("v{version}.bak"));
        self.conn
            .backup(rusqlite::MAIN_DB, &copy, None::<fn(_)>)
            .with_context(|| format!("cannot back up the ledger to {} before migrating", copy.display()))?;
        Ok(())
    }
}

/// What is at `path`, from its first 100 bytes (SQLite's file header).
fn identify(path: &Path) -> Result<Found> {
    let cannot = || format!("cannot open ledger {}", path.display());
    let mut header = Vec::with_capacity(100);
    File::open(path).with_context(cannot)?.take(100).read_to_end(&mut header).with_context(cannot)?;
    if header.is_empty() {
        return Ok(Found::Empty);
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Ok(Found::NotSqlite);
    }
    let id = i32::from_be_bytes(header[68..72].try_into().expect("four bytes"));
    Ok(match id {
        APPLICATION_ID => Found::Ours,
        0 => Found::Unmarked,
        _ => Found::Foreign,
    })
}

/// `identify` for a command that needs a ledger already there.
fn identify_existing(path: &Path) -> Result<Found> {
    if !path.exists() {
        return Err(invalid(format!("no ledger at {}", path.display()))
            .hint("run `hcpay init`, or add an account with `hcpay account add`")
            .into());
    }
    let found = identify(path)?;
    if found == Found::Empty {
        return Err(invalid(format!("the ledger {} is an empty file", path.display()))
            .hint("run `hcpay init`, or add an account with `hcpay account add`")
            .into());
    }
    refuse_foreign(found, path)?;
    Ok(found)
}

fn not_ours(path: &Path, what: &str) -> anyhow::Error {
    invalid(format!("{} is not an hcpay ledger ({what}); it was left untouched", path.display()))
        .hint("name the ledger with --ledger or HCPAY_LEDGER; a new path gets a new ledger")
        .into()
}

fn refuse_foreign(found: Found, path: &Path) -> Result<()> {
    match found {
        Found::NotSqlite => Err(not_ours(path, "not a SQLite database")),
        Found::Foreign => Err(not_ours(path, "another application's SQLite database")),
        Found::Empty | Found::Ours | Found::Unmarked => Ok(()),
    }
}

/// Refuses an unmarked file that is not an hcpay ledger from before the
/// mark. It is read without writing anything: with no `-wal` beside it,
/// nothing is writing to it, and it is read as an immutable file (so no
/// `-wal`/`-shm` appears beside another program's database, and no journal of
/// its is rolled back).
fn check_unmarked(path: &Path) -> Result<()> {
    let (conn, _) = if wal_of(path).exists() {
        connect_read_only(path)?
    } else {
        sqlite_read_only(path, true).with_context(|| format!("cannot open ledger {}", path.display()))?
    };
    require_hcpay(&conn, path)
}

fn wal_of(path: &Path) -> PathBuf {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

/// An unmarked file is taken only as an hcpay ledger from before the mark:
/// a schema version and hcpay's first tables (or the mark, set since in its WAL).
fn require_hcpay(conn: &Connection, path: &Path) -> Result<()> {
    let check = || -> rusqlite::Result<bool> {
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut tables = 0;
        for table in FIRST_TABLES {
            tables += conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get::<_, i64>(0),
            )?;
        }
        Ok(id == APPLICATION_ID || (version > 0 && tables == FIRST_TABLES.len() as i64))
    };
    match check() {
        Ok(true) => Ok(()),
        Ok(false) => Err(not_ours(path, "another application's SQLite database")),
        Err(e) => Err(explain(e, path)).with_context(|| format!("cannot open ledger {}", path.display())),
    }
}

fn schema_version(conn: &Connection, path: &Path) -> Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| explain(e, path))
        .with_context(|| format!("cannot open ledger {}", path.display()))
}

fn refuse_newer(version: usize, path: &Path) -> Result<()> {
    if version > MIGRATIONS.len() {
        return Err(invalid(format!(
            "ledger {} has schema version {version}, newer than this hcpay knows ({})",
            path.display(),
            MIGRATIONS.len()
        ))
        .hint("upgrade hcpay; the ledger was left untouched")
        .into());
    }
    Ok(())
}

/// A read-only connection. In WAL mode even a reader needs the `-shm` and
/// `-wal` files beside the ledger; in a directory where they cannot be
/// created (and so where no other command can be writing) the ledger is
/// read as an immutable file instead. With the schema version.
fn connect_read_only(path: &Path) -> Result<(Connection, usize)> {
    let cannot = || format!("cannot open ledger {}", path.display());
    match sqlite_read_only(path, false) {
        Ok(opened) => Ok(opened),
        Err(e) if cannot_share(&e) => {
            let wal = wal_of(path);
            if wal.exists() {
                return Err(invalid(format!(
                    "cannot read ledger {}: it has changes in {} that this user cannot open",
                    path.display(),
                    wal.display()
                ))
                .hint("run any hcpay command that writes, as the ledger's owner, to fold them in")
                .into());
            }
            sqlite_read_only(path, true).map_err(|e| explain(e, path)).with_context(cannot)
        }
        Err(e) => Err(explain(e, path)).with_context(cannot),
    }
}

/// A read-only connection that has read the file once (which is when SQLite
/// opens the `-wal` and `-shm` files) and its schema, and the schema version
/// it read with them; `immutable` reads the file alone.
fn sqlite_read_only(path: &Path, immutable: bool) -> rusqlite::Result<(Connection, usize)> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = format!("file:{}?mode=ro", uri_path(path));
    if immutable {
        uri.push_str("&immutable=1");
    }
    let mut conn = Connection::open_with_flags(uri, flags)?;
    wait_for_writers(&mut conn)?;
    // One statement: naming a table (this pragma's) makes SQLite read the schema.
    let version = conn.query_row("SELECT user_version FROM pragma_user_version", [], |r| r.get(0))?;
    Ok((conn, version))
}

/// SQLite could not open or create the `-shm`/`-wal` files of a read-only connection.
fn cannot_share(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen))
}

/// `path` for a `file:` URI: every byte but the plain ones percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// How long a command waits for another that is writing, before giving up.
static WAIT_LIMIT_SECS: AtomicU64 = AtomicU64::new(60);
static WAITING_SINCE: Mutex<Option<Instant>> = Mutex::new(None);
static SAID_WAITING: AtomicBool = AtomicBool::new(false);

/// Sets how long commands wait for another that is writing (the config's
/// `[ledger] lock_wait_secs`).
pub fn set_wait_limit(limit: Duration) {
    WAIT_LIMIT_SECS.store(limit.as_secs(), Ordering::Relaxed);
}

/// Installs the wait for another command's write lock on `conn`.
pub(crate) fn wait_for_writers(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(wait_once_more))
}

/// SQLite's busy handler: `tries` counts the calls for this one lock. Says
/// once (on a terminal) that it waits; gives up after the limit.
fn wait_once_more(tries: i32) -> bool {
    let now = Instant::now();
    let since = {
        let mut since = WAITING_SINCE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if tries == 0 || since.is_none() {
            *since = Some(now);
        }
        since.expect("set above")
    };
    if now.duration_since(since) >= Duration::from_secs(WAIT_LIMIT_SECS.load(Ordering::Relaxed)) {
        return false;
    }
    if !SAID_WAITING.swap(true, Ordering::Relaxed) && std::io::stderr().is_terminal() {
        let _ = writeln!(std::io::stderr().lock(), "waiting for another hcpay command to finish writing…");
    }
    std::thread::sleep(Duration::from_millis(if tries < 20 { 5 } else { 50 }));
    true
}

/// SQLite's errors that a user can act on, said in words: a lock held past
/// the wait is "try again", never a raw "database is locked".
fn explain(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) => {
            unavailable(format!("another hcpay command is writing to {}; try again", path.display()))
                .hint("a command waits `lock_wait_secs` (under [ledger] in the config) before it gives up")
                .into()
        }
        Some(ErrorCode::ReadOnly) => anyhow::Error::new(e)
            .context("the ledger or its directory is read-only here, and this command writes to the ledger"),
        _ => e.into(),
    }
}

/// Reads a `YYYY-MM-DD` column.
pub(crate) fn date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<chrono::NaiveDate> {
    opt_date_col(row, idx)?.ok_or(rusqlite::Error::InvalidColumnType(idx, String::new(), rusqlite::types::Type::Null))
}

/// Read in place, not copied into a String first: a scheduler run reads
/// one from every payment row of the accounts it drafts.
pub(crate) fn opt_date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    let bad = |e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e)
    };
    match row.get_ref(idx)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        value => {
            let text = value.as_str().map_err(|e| bad(Box::new(e)))?;
            crate::core::dates::parse_date(text).map(Some).map_err(|e| bad(Box::new(e)))
        }
    }
}

/// Reads a column that holds one of an enum's names (or another value read
/// by its `FromStr`, like a card's expiry). A value this hcpay does not know
/// is an error that says so, never a silent default.
pub(crate) fn choice_col<T: std::str::FromStr>(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse_choice_col(row, idx, &text)
}

pub(crate) fn opt_choice_col<T: std::str::FromStr>(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_choice_col(row, idx, &t)).transpose()
}

fn parse_choice_col<T: std::str::FromStr>(row: &rusqlite::Row, idx: usize, text: &str) -> rusqlite::Result<T> {
    text.parse().map_err(|_| {
        let column = row.as_ref().column_name(idx).unwrap_or("?").to_string();
        let message = format!("unknown value `{}` in column {column}", crate::core::text::excerpt(text));
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, message.into())
    })
}

/// Which rows a query reads, by id: one, or many (bound as a JSON array).
#[derive(Clone, Copy)]
pub(crate) enum Ids<'a> {
    One(i64),
    Many(&'a [i64]),
}

impl Ids<'_> {
    /// The condition on `column`, with the ids bound as ?1.
    pub(crate) fn condition(&self, column: &str) -> String {
        match self {
            Ids::One(_) => format!("{column} = ?1"),
            Ids::Many(_) => format!("{column} IN (SELECT value FROM json_each(?1))"),
        }
    }

    pub(crate) fn param(&self) -> rusqlite::types::Value {
        match self {
            Ids::One(id) => (*id).into(),
            Ids::Many(ids) => {
                let list: Vec<String> = ids.iter().map(i64::to_string).collect();
                format!("[{}]", list.join(",")).into()
            }
        }
    }
}

/// The rows of `table` whose id is in `ids` (each as `from_row` reads it), by id.
pub(crate) fn rows_by_id<T>(
    conn: &Connection,
    table: &str,
    columns: &str,
    ids: &[i64],
    from_row: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    id_of: fn(&T) -> i64,
) -> anyhow::Result<std::collections::HashMap<i64, T>> {
    let ids = Ids::Many(ids);
    let mut stmt = conn.prepare_cached(&format!("SELECT {columns} FROM {table} WHERE {}", ids.condition("id")))?;
    let rows = stmt.query_map([ids.param()], from_row)?;
    rows.map(|r| Ok(r.map(|row| (id_of(&row), row))?)).collect()
}

/// Rows read as `(account id, value)`, in query order, gathered by account
/// (a scheduler chunk's rate periods or payments).
pub(crate) fn by_account<T>(
    rows: impl Iterator<Item = rusqlite::Result<(i64, T)>>,
) -> anyhow::Result<std::collections::HashMap<i64, Vec<T>>> {
    let mut out: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    for row in rows {
        let (account_id, value) = row?;
        out.entry(account_id).or_default().push(value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_percent_encoded_for_a_uri() {
        assert_eq!(uri_path(Path::new("/tmp/a b?#%é.db")), "/tmp/a%20b%3F%23%25%C3%A9.db");
    }

    #[test]
    fn any_path_opens_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("my ledger?#%.db");
        drop(Ledger::open_or_create(&path).unwrap());
        let ledger = Ledger::open_read_only(&path).unwrap();
        assert!(ledger.conn().is_readonly(rusqlite::MAIN_DB).unwrap());
        assert!(!dir.path().join("my ledger").exists(), "the URI named another file");
    }

    #[test]
    fn the_header_says_whose_file_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            identify(&path).unwrap()
        };
        assert_eq!(file("empty", b""), Found::Empty);
        assert_eq!(file("text", &[b'x'; 200]), Found::NotSqlite);
        let mut header = b"SQLite format 3\0".to_vec();
        header.resize(100, 0);
        assert_eq!(file("unmarked", &header), Found::Unmarked);
        header[68..72].copy_from_slice(&APPLICATION_ID.to_be_bytes());
        assert_eq!(file("ours", &header), Found::Ours);
        header[68..72].copy_from_slice(&7_i32.to_be_bytes());
        assert_eq!(file("theirs", &header), Found::Foreign);
        assert_eq!(file("short", &header[..50]), Found::NotSqlite);
    }
}
