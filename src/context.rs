//! What every command needs: resolved paths, the config, the clock, the format.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Format, GlobalArgs};
use crate::clock::Clock;
use crate::config::Config;
use crate::core::policy::Policy;
use crate::ledger::Ledger;

#[derive(Clone)]
pub struct Context {
    pub ledger_path: PathBuf,
    /// The ledger was named (--ledger or HCPAY_LEDGER), not the default.
    pub ledger_named: bool,
    pub config_path: PathBuf,
    pub config: Config,
    /// The clock: every rule sees only this date.
    pub as_of: NaiveDate,
    pub account: Option<String>,
    pub format: Format,
    pub yes: bool,
    pub quiet: bool,
    pub color: bool,
    /// `HCPAY_SANDBOX_FAULT`: a failure for the sandbox to make, for fault tests.
    pub sandbox_fault: Option<String>,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let ledger_path =
            global.ledger.clone().unwrap_or_else(|| xdg_dir("XDG_DATA_HOME", ".local/share").join("ledger.db"));
        let config_path =
            global.config.clone().unwrap_or_else(|| xdg_dir("XDG_CONFIG_HOME", ".config").join("config.toml"));
        let config = Config::load(&config_path)?;
        crate::ledger::set_wait_limit(std::time::Duration::from_secs(config.ledger.lock_wait_secs));
        let format = if global.json { Format::Json } else { global.format.unwrap_or(Format::Table) };
        let color = !global.no_color
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && format == Format::Table
            && std::io::stdout().is_terminal();
        Ok(Context {
            ledger_path,
            ledger_named: global.ledger.is_some(),
            config_path,
            config,
            as_of: global.as_of.unwrap_or_else(Clock::local_today),
            account: global.account.clone(),
            format,
            yes: global.yes,
            quiet: global.quiet,
            color,
            sandbox_fault: std::env::var("HCPAY_SANDBOX_FAULT").ok().filter(|v| !v.is_empty()),
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.config.policy
    }

    /// The ledger for a command that only reads: it must exist, and is
    /// opened read-only (never created, never migrated).
    pub fn ledger_read_only(&self) -> Result<Ledger> {
        Ledger::open_read_only(&self.ledger_path)
    }

    /// The ledger for a command that writes to a ledger already there.
    pub fn ledger(&self) -> Result<Ledger> {
        Ledger::open(&self.ledger_path)
    }

    /// The ledger for a command that writes: created if absent.
    pub fn ledger_for_write(&self) -> Result<Ledger> {
        Ledger::open_or_create(&self.ledger_path)
    }

    /// The clock this command runs by.
    pub fn clock(&self) -> Clock {
        Clock::on(self.as_of)
    }

    /// The gateway the config names, for this ledger.
    pub fn gateway(&self, ledger: &Ledger) -> Result<Box<dyn crate::gateway::Gateway>> {
        crate::gateway::from_config(&self.config.gateway, ledger.path(), self.sandbox_fault.as_deref())
    }

    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }
}

/// `$XDG_…/hcpay`, else `~/<fallback>/hcpay`.
fn xdg_dir(var: &str, fallback: &str) -> PathBuf {
    let base = std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(fallback)))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("hcpay")
}
