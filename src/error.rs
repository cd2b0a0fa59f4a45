//! Errors a user can act on, and the one place that maps errors to exit codes.

use std::fmt;

/// Exit codes of DESIGN §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Done = 0,
    Failed = 1,
    Usage = 2,
    Declined = 3,
    Attention = 4,
    Unavailable = 75,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input, an unknown id, a duplicate: nothing was changed (exit 2).
    Invalid,
    /// Try again later: a lock is held, or a gateway timed out (exit 75).
    Unavailable,
}

/// An error whose message is meant for the user as it is.
#[derive(Debug)]
pub struct UserError {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

impl UserError {
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Bad input: exits 2.
pub fn invalid(message: impl Into<String>) -> UserError {
    UserError { kind: ErrorKind::Invalid, message: message.into(), hint: None }
}

/// Try again later (a lock, a gateway that did not answer): exits 75.
pub fn unavailable(message: impl Into<String>) -> UserError {
    UserError { kind: ErrorKind::Unavailable, message: message.into(), hint: None }
}

/// Shorthand for returning an invalid-input error from an anyhow function.
macro_rules! bail_invalid {
    ($($arg:tt)*) => {
        return Err($crate::error::invalid(format!($($arg)*)).into())
    };
}
pub(crate) use bail_invalid;

/// The exit code for an error: the first `UserError` in its chain decides.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    match user_error(err).map(|e| e.kind) {
        Some(ErrorKind::Invalid) => ExitCode::Usage,
        Some(ErrorKind::Unavailable) => ExitCode::Unavailable,
        None => ExitCode::Failed,
    }
}

pub fn user_error(err: &anyhow::Error) -> Option<&UserError> {
    err.chain().find_map(|e| e.downcast_ref::<UserError>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_first_user_error_in_the_chain_sets_the_code() {
        let err = anyhow::Error::from(invalid("bad amount")).context("while paying");
        assert_eq!(exit_code(&err), ExitCode::Usage);
        let err: anyhow::Error = Err::<(), _>(std::io::Error::other("disk")).context("x").unwrap_err();
        assert_eq!(exit_code(&err), ExitCode::Failed);
    }
}
