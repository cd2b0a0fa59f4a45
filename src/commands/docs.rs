//! `completions SHELL` and `man`: generated from the clap tree, the same
//! files that are committed under completions/ and man/.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hcpay", &mut out);
    out
}

pub fn man_page() -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

pub fn completions(shell: Shell) -> Result<()> {
    std::io::stdout().lock().write_all(&completion_script(shell))?;
    Ok(())
}

pub fn man() -> Result<()> {
    std::io::stdout().lock().write_all(&man_page()?)?;
    Ok(())
}
