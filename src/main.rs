//! hcpay: parse, run, turn the result into an exit code. Nothing else.

mod alerts;
mod cli;
mod clock;
mod commands;
mod config;
mod context;
mod core;
mod error;
mod gateway;
mod ledger;
mod ops;
mod progress;
mod prompt;
mod render;

use std::io::Write;

use crate::core::text::escape;
use crate::error::ExitCode;

fn main() {
    let cli = cli::Cli::parse_args();
    let verbose = cli.global.verbose;
    let code = match commands::run(cli) {
        Ok((code, None)) => code,
        Ok((code, Some(problem))) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {}", escape(&problem, false));
            code
        }
        Err(err) => report(&err, verbose),
    };
    std::process::exit(code as i32);
}

/// The error and its causes on one line, each cause once: a library error
/// that already quotes its source (rusqlite's conversion errors do) is not
/// followed by that source again.
fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !parts.last().is_some_and(|last| last.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
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
    // An error may quote a name or a path: its control characters are shown, not acted on.
    let mut stderr = std::io::stderr().lock();
    if verbose {
        let _ = writeln!(stderr, "error: {}", escape(&format!("{err:?}"), true));
    } else {
        let _ = writeln!(stderr, "error: {}", escape(&one_line(err), false));
    }
    if let Some(hint) = error::user_error(err).and_then(|e| e.hint.as_deref()) {
        let _ = writeln!(stderr, "hint: {}", escape(hint, false));
    }
    error::exit_code(err)
}
