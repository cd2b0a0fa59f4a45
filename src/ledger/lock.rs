//! The scheduler's lock: a file next to the ledger, locked (flock) for the
//! whole of a `scheduler run`, so two runs never work at once, and released
//! by the kernel when the run ends, even by kill -9. The standard library's
//! file locks (Rust 1.89) do it; no crate is needed.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::error::unavailable;

/// Held while alive.
#[derive(Debug)]
pub struct SchedulerLock {
    _file: File,
}

/// `ledger.db` → `ledger.db.scheduler-lock`.
pub fn path(ledger: &Path) -> PathBuf {
    let mut name = ledger.as_os_str().to_owned();
    name.push(".scheduler-lock");
    PathBuf::from(name)
}

fn open(ledger: &Path) -> Result<File> {
    let path = path(ledger);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot open the scheduler lock {}", path.display()))
}

impl SchedulerLock {
    /// Takes the lock; when another run holds it, waits up to `wait`, then
    /// gives up with a try-again-later error (exit 75).
    pub fn acquire(ledger: &Path, wait: Duration) -> Result<SchedulerLock> {
        let file = open(ledger)?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(SchedulerLock { _file: file }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    let waited = if wait.is_zero() { String::new() } else { format!(" (waited {}s)", wait.as_secs()) };
                    return Err(unavailable(format!("another scheduler run holds the lock on this ledger{waited}"))
                        .hint("it will catch up every day it covers; try again later, or pass --wait SECS")
                        .into());
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path(ledger).display()))
                }
            }
        }
    }

    /// Whether a run holds the lock now (taken and let go at once when free).
    pub fn held(ledger: &Path) -> Result<bool> {
        if !path(ledger).exists() {
            return Ok(false);
        }
        let file = open(ledger)?;
        match file.try_lock() {
            Ok(()) => Ok(false),
            Err(TryLockError::WouldBlock) => Ok(true),
            Err(TryLockError::Error(e)) => Err(e).context("cannot test the scheduler lock"),
        }
    }
}
