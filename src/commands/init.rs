//! `init`: create the config file and the ledger if absent, say where they are.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

use anyhow::{Context as _, Result};
use serde::Serialize;

use super::Outcome;
use crate::config::TEMPLATE;
use crate::context::Context;
use crate::render::Output;

pub fn run(ctx: &Context) -> Result<Outcome> {
    // An empty file made for it is a ledger still to create.
    let ledger_existed = std::fs::metadata(&ctx.ledger_path).is_ok_and(|m| m.len() > 0);
    // The ledger first: a file that is not one is refused before anything is written.
    let mut ledger = ctx.ledger_for_write()?;
    let config_created = write_config_template(ctx)?;
    if !ledger_existed {
        ledger.write(|tx| crate::ledger::audit::append(tx, ctx.clock(), None, "init", "created the ledger"))?;
    }
    let said = |created: bool| if created { "created" } else { "exists" };
    let text = format!(
        "config  {} ({})\nledger  {} ({})",
        ctx.config_path.display(),
        said(config_created),
        ctx.ledger_path.display(),
        said(!ledger_existed)
    );
    let view = InitView {
        config: ctx.config_path.display().to_string(),
        config_created,
        ledger: ctx.ledger_path.display().to_string(),
        ledger_created: !ledger_existed,
    };
    Ok(Output::done(text, &view).into())
}

/// What `init --json` prints.
#[derive(Debug, Serialize)]
struct InitView {
    config: String,
    config_created: bool,
    ledger: String,
    ledger_created: bool,
}

/// Writes the commented default config (0600, in a 0700 directory) unless one exists.
fn write_config_template(ctx: &Context) -> Result<bool> {
    let path = &ctx.config_path;
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(TEMPLATE.as_bytes())?;
    Ok(true)
}
