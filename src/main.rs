//! hcpay: parse, run, turn the result into an exit code. Nothing else.

mod alerts;
mod cli;
mod commands;
mod config;
mod context;
mod core;
mod error;
mod gateway;
mod ledger;
mod ops;
mod prompt;
mod render;

use std::io::Write;

use clap::Parser;

use crate::error::ExitCode;

fn main() {
    let cli = cli::Cli::parse();
    let verbose = cli.global.verbose;
    let code = match commands::run(cli) {
        Ok((code, None)) => code,
        Ok((code, Some(problem))) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {problem}");
            code
        }
        Err(err) => report(&err, verbose),
    };
    std::process::exit(code as i32);
}

/// Prints an error as one line (and a hint), and picks its exit code.
fn report(err: &anyhow::Error, verbose: bool) -> ExitCode {
    // `hcpay history | head` closes the pipe early: that is not an error.
    if err
        .chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
    {
        return ExitCode::Done;
    }
    let mut stderr = std::io::stderr().lock();
    if verbose {
        let _ = writeln!(stderr, "error: {err:?}");
    } else {
        let _ = writeln!(stderr, "error: {err:#}");
    }
    if let Some(hint) = error::user_error(err).and_then(|e| e.hint.as_deref()) {
        let _ = writeln!(stderr, "hint: {hint}");
    }
    error::exit_code(err)
}
