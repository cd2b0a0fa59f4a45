//! The ledger: one SQLite file. The only module that writes SQL.

pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod autopay;
pub mod lock;
pub mod methods;
pub mod payments;
pub mod plans;
pub mod sandbox;
pub mod scheduler;

use std::fs;
use std::io::ErrorKind as IoErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::invalid;

/// Schema steps, applied in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/001_initial.sql"),
    include_str!("../../migrations/002_methods_gateways.sql"),
    include_str!("../../migrations/003_refund_attempts.sql"),
    include_str!("../../migrations/004_autopay_scheduler.sql"),
];

/// Two commands at once wait for each other this long rather than fail.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Ledger {
    conn: Connection,
    path: PathBuf,
}

impl Ledger {
    /// Opens an existing ledger for a reading command.
    pub fn open(path: &Path) -> Result<Ledger> {
        if !path.exists() {
            return Err(invalid(format!("no ledger at {}", path.display()))
                .hint("run `hcpay init`, or add an account with `hcpay account add`")
                .into());
        }
        Ledger::connect(path)
    }

    /// Opens the ledger for a command that writes, creating it (0600, in a
    /// 0700 directory) if it does not exist yet.
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
        Ledger::connect(path)
    }

    fn connect(path: &Path) -> Result<Ledger> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("cannot open ledger {}", path.display()))?;
        // The first statements read the file: one that is not SQLite fails here, so name it.
        let setup = || -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            // FULL: in WAL mode each commit then survives a power loss, not only a crash.
            conn.pragma_update(None, "synchronous", "full")
        };
        setup().with_context(|| format!("cannot open ledger {}", path.display()))?;
        let mut ledger = Ledger { conn, path: path.to_path_buf() };
        ledger.migrate()?;
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
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit().context("cannot commit to the ledger")?;
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

    /// A bigger page cache for one command that writes many rows (an import).
    pub fn bulk(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version: usize = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > MIGRATIONS.len() {
            return Err(invalid(format!(
                "ledger {} has schema version {version}, newer than this hcpay knows ({})",
                self.path.display(),
                MIGRATIONS.len()
            ))
            .hint("upgrade hcpay; the ledger was left untouched")
            .into());
        }
        if version == MIGRATIONS.len() {
            return Ok(());
        }
        if version == 0 {
            // A new file: WAL lets readers run while a writer works.
            self.conn.pragma_update(None, "journal_mode", "wal")?;
        } else {
            self.backup_before_migration(version)?;
        }
        for (step, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process may have migrated while we waited for the lock.
            let now: usize = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if now > step {
                continue;
            }
            tx.execute_batch(sql).with_context(|| format!("migration {} failed", step + 1))?;
            tx.pragma_update(None, "user_version", step + 1)?;
            tx.commit()?;
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

/// Reads a `YYYY-MM-DD` column.
pub(crate) fn date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<chrono::NaiveDate> {
    let text: String = row.get(idx)?;
    crate::core::dates::parse_date(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn opt_date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        crate::core::dates::parse_date(&t)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
}

/// Reads a column that holds one of an enum's names. A value this hcpay does
/// not know is an error that says so, never a silent default.
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
        let message = format!("unknown value `{}` in column {column}", crate::core::method::echo_safe(text));
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, message.into())
    })
}
