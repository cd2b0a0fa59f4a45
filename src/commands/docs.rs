//! `completions SHELL` and `man`: generated from the clap tree, the same
//! files that are committed under completions/ and man/.

use std::path::Path;

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hcpay", &mut out);
    out
}

/// The top-level page, hcpay(1). Its SUBCOMMANDS section points at the
/// pages that `man_pages` writes.
pub fn man_page() -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command().disable_help_subcommand(true)).render(&mut out)?;
    Ok(out)
}

/// Every page: hcpay.1 and one per command (hcpay-plan-set.1, ...), written to `dir`.
pub fn man_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    clap_mangen::generate_to(Cli::command(), dir)
        .with_context(|| format!("cannot write man pages to {}", dir.display()))
}

pub fn completions(shell: Shell) -> Result<()> {
    crate::render::raw(&completion_script(shell))
}

pub fn man(dir: Option<&Path>) -> Result<()> {
    match dir {
        Some(dir) => man_pages(dir),
        None => crate::render::raw(&man_page()?),
    }
}
