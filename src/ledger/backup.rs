//! A consistent copy of the ledger while other commands write to it, made
//! with SQLite's online backup API.

use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::{wal_of, Ledger};
use crate::error::invalid;

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub bytes: u64,
}

/// Copies the ledger to `dest`: a new owner-only (0600) file, or with
/// `replace` one put in place of the file there. The copy is made in one
/// read transaction (a snapshot: commands go on writing meanwhile), into a
/// file beside `dest` that becomes `dest` only once whole.
pub fn copy(ledger: &Ledger, dest: &Path, replace: bool) -> Result<Copied> {
    check_destination(ledger.path(), dest, replace)?;
    let name = dest.file_name().expect("checked: a file name").to_string_lossy();
    let partial = dest.with_file_name(format!(".{name}.hcpay-backup-{}", std::process::id()));
    let result = write_copy(ledger.conn(), &partial).and_then(|bytes| {
        put_in_place(&partial, dest, replace)?;
        Ok(Copied { bytes })
    });
    if result.is_err() {
        let _ = fs::remove_file(&partial);
        let _ = fs::remove_file(wal_of(&partial));
    }
    result
}

/// Refuses a destination that is the ledger itself, an existing file
/// without `replace`, or a file some database is using (a `-wal` beside it).
fn check_destination(ledger: &Path, dest: &Path, replace: bool) -> Result<()> {
    let shown = dest.display();
    if dest.file_name().is_none() {
        return Err(invalid(format!("{shown} is not a file name")).into());
    }
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(invalid(format!("cannot back up to {shown}: no directory {}", dir.display())).into());
    }
    let same_file = |a: &Path, b: &Path| match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    };
    let beside = [ledger.to_path_buf(), wal_of(ledger), with_suffix(ledger, "-shm")];
    if beside.iter().any(|f| same_file(f, dest) || f == dest) {
        return Err(invalid(format!("{shown} is the ledger itself (or one of its files)")).into());
    }
    match fs::symlink_metadata(dest) {
        Ok(meta) if meta.is_dir() => Err(invalid(format!("{shown} is a directory")).into()),
        Ok(_) if !replace => Err(invalid(format!("{shown} already exists")).hint("add --force to replace it").into()),
        Ok(_) if wal_of(dest).exists() => Err(invalid(format!(
            "{shown} has a {} file beside it: a database in use, not replaced",
            wal_of(dest).display()
        ))
        .into()),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot back up to {shown}")),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The whole ledger into `partial` (created 0600), in one step: one read
/// transaction, so the copy is the ledger at one moment. Gives its size.
fn write_copy(source: &Connection, partial: &Path) -> Result<u64> {
    let cannot = || format!("cannot write the backup {}", partial.display());
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(partial).with_context(cannot)?;
    let mut copy = Connection::open(partial).with_context(cannot)?;
    {
        let backup = Backup::new(source, &mut copy).with_context(cannot)?;
        // -1: every page in one step. Smaller steps would let a writer's
        // commit restart the copy, over and over under a busy scheduler.
        // Busy or locked: a writer holds the source for a moment (a checkpoint).
        while backup.step(-1).with_context(cannot)? != StepResult::Done {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
    // Closing the copy folds its own -wal (it keeps WAL mode, as the ledger)
    // into the file: the file alone is the backup.
    copy.close().map_err(|(_, e)| e).with_context(cannot)?;
    let file = fs::File::open(partial).with_context(cannot)?;
    file.sync_all().with_context(cannot)?;
    Ok(file.metadata().with_context(cannot)?.len())
}

/// `partial` becomes `dest`: replacing it at once with `replace`, else only
/// if no file appeared there meanwhile.
fn put_in_place(partial: &Path, dest: &Path, replace: bool) -> Result<()> {
    let cannot = || format!("cannot write the backup {}", dest.display());
    if replace {
        fs::rename(partial, dest).with_context(cannot)?;
    } else {
        let exists = || -> anyhow::Error {
            invalid(format!("{} already exists", dest.display())).hint("add --force to replace it").into()
        };
        // A link fails if a file appeared there meanwhile; a file system
        // without links (a FAT stick) gets a check, then a rename.
        match fs::hard_link(partial, dest) {
            Ok(()) => fs::remove_file(partial).with_context(cannot)?,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(exists()),
            Err(_) if dest.exists() => return Err(exists()),
            Err(_) => fs::rename(partial, dest).with_context(cannot)?,
        }
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The new name itself on disk, not only the file's bytes.
        fs::File::open(dir).and_then(|d| d.sync_all()).with_context(cannot)?;
    }
    Ok(())
}
