//! Questions to a person at a terminal. Prompts appear only when stdin and
//! stderr are terminals; otherwise a missing answer is a usage error, never a hang.

use std::io::{BufRead, IsTerminal};

use anyhow::Result;

use crate::error::invalid;

pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks to go ahead; `--yes` answers for the user.
pub fn confirm(yes: bool, question: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !interactive() {
        return Err(invalid(format!("{question} — this needs a confirmation"))
            .hint("pass --yes to go ahead without a prompt")
            .into());
    }
    // The question may quote a nickname from an older ledger: shown, not acted on.
    let question = crate::core::text::escape(question, false);
    Ok(dialoguer::Confirm::new().with_prompt(question).default(false).interact()?)
}

/// A secret number (card, bank account): from the flag, from stdin with `-`,
/// or from a hidden prompt. It is never echoed.
pub fn secret(value: Option<String>, flag: &str, label: &str) -> Result<String> {
    match value.as_deref() {
        Some("-") => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            let line = line.trim().to_string();
            if line.is_empty() {
                return Err(invalid(format!("{flag} -: nothing on standard input")).into());
            }
            Ok(line)
        }
        Some(text) => Ok(text.to_string()),
        None if interactive() => Ok(dialoguer::Password::new().with_prompt(label).interact()?),
        None => Err(invalid(format!("{flag} is required"))
            .hint(format!("pass `{flag} -` to read it from standard input, so it stays out of shell history"))
            .into()),
    }
}
