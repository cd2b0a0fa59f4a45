//! config.toml: optional, every key defaulting to the Massachusetts rules.
//! An unknown key or a bad value names the file, the line and the key.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::core::policy::Policy;
use crate::error::{invalid, UserError};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub policy: Policy,
    pub alerts: AlertsConfig,
    pub gateway: GatewayConfig,
    pub ledger: LedgerConfig,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LedgerConfig {
    /// How long a command waits while another is writing, before it gives up (exit 75).
    pub lock_wait_secs: u64,
}

impl Default for LedgerConfig {
    fn default() -> Self {
        LedgerConfig { lock_wait_secs: 60 }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AlertsConfig {
    pub remind_days_before_due: Vec<u32>,
    pub card_expiry_days: u32,
    pub channels: Vec<Channel>,
    pub email: Option<EmailConfig>,
    pub webhook: Option<WebhookConfig>,
    pub command: Option<CommandConfig>,
}

impl Default for AlertsConfig {
    fn default() -> Self {
        AlertsConfig {
            remind_days_before_due: vec![7, 2],
            card_expiry_days: 30,
            channels: vec![Channel::Stdout],
            email: None,
            webhook: None,
            command: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Stdout,
    Email,
    Webhook,
    Command,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    pub host: String,
    pub port: u16,
    pub security: EmailSecurity,
    pub from: String,
    pub to: String,
    pub username: Option<String>,
    pub password_env: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EmailSecurity {
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    pub url: String,
    pub secret_env: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CommandConfig {
    pub program: PathBuf,
    #[serde(default)]
    pub args: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct GatewayConfig {
    pub kind: GatewayKind,
    pub program: Option<PathBuf>,
    pub timeout_secs: u64,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig { kind: GatewayKind::Sandbox, program: None, timeout_secs: 30 }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum GatewayKind {
    Sandbox,
    Exec,
}

/// The default config file, written by `init`: every key at its default.
pub const TEMPLATE: &str = r#"# hcpay configuration. Every key is optional; these are the defaults
# (the Massachusetts Health Connector's rules).

[policy]
statement_day = 10            # the bill for month M is issued on this day of month M-1
due_day = 23                  # ... and due on this day of month M-1
autopay_draft_day = 22        # autopay drafts on this day of month M-1
change_cutoff_day = 23        # a change reported by this day applies from next month
accepted_methods = ["bank", "card"]
grace_months_subsidized = 3   # APTC / ConnectorCare
grace_months_unsubsidized = 1
reinstatement_days = 35       # after a termination
retry_days = [3, 7]           # a soft-declined draft is retried this many days later
mandate_gap_months = 3        # a longer lapse risks the individual-mandate penalty

[alerts]
remind_days_before_due = [7, 2]
card_expiry_days = 30
channels = ["stdout"]

[gateway]
kind = "sandbox"
timeout_secs = 30

[ledger]
lock_wait_secs = 60           # how long a command waits while another one writes
"#;

impl Config {
    /// Reads `path`; a file that does not exist means every default.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot read config {}", path.display()))),
        };
        Ok(Config::parse(&text, path)?)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, UserError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let key = line.and_then(|l| key_at(text, l));
            located(path, line, key.as_deref(), e.message())
        })?;
        if let Err(problem) = config.policy.validate() {
            // A rule between two days (autopay by the due day) may be broken by
            // the one key the file sets: point at that one.
            let key = [problem.key, "due_day"]
                .into_iter()
                .find(|k| find_key(text, "policy", k).is_some())
                .unwrap_or(problem.key);
            let line = find_key(text, "policy", key);
            let message = if key == problem.key {
                problem.message
            } else {
                format!("{} (policy.{} is {})", problem.message, problem.key, problem.value(&config.policy))
            };
            return Err(located(path, line, Some(&format!("policy.{key}")), &message));
        }
        Ok(config)
    }
}

fn located(path: &Path, line: Option<usize>, key: Option<&str>, message: &str) -> UserError {
    let mut text = format!("config {}", path.display());
    if let Some(line) = line {
        text.push_str(&format!(", line {line}"));
    }
    if let Some(key) = key {
        text.push_str(&format!(", key `{key}`"));
    }
    let message = message.trim().replace('\n', " ");
    invalid(format!("{text}: {message}"))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The dotted key defined on a 1-based line: `[table]` header plus `key =`.
fn key_at(text: &str, line: usize) -> Option<String> {
    let mut table = String::new();
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.starts_with('[') {
            table = trimmed.trim_matches(|c| c == '[' || c == ']').trim().to_string();
        }
        if i + 1 == line {
            let key = trimmed.split('=').next()?.trim();
            if trimmed.starts_with('[') || key.is_empty() {
                return Some(table);
            }
            return Some(if table.is_empty() { key.to_string() } else { format!("{table}.{key}") });
        }
    }
    None
}

/// The 1-based line that sets `key` in `[table]`.
fn find_key(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.starts_with('[') {
            current = trimmed.trim_matches(|c| c == '[' || c == ']').trim().to_string();
        } else if current == table && trimmed.split('=').next().map(str::trim) == Some(key) {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("/c/config.toml")).map_err(|e| e.message)
    }

    #[test]
    fn the_template_is_the_defaults() {
        assert_eq!(parse(TEMPLATE).unwrap(), Config::default());
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn an_unknown_key_names_file_line_and_key() {
        let err = parse("[policy]\ndue_day = 20\nstatment_day = 5\n").unwrap_err();
        assert!(err.starts_with("config /c/config.toml, line 3, key `policy.statment_day`"), "{err}");
        assert!(err.contains("unknown field"), "{err}");
    }

    #[test]
    fn a_bad_value_names_file_line_and_key() {
        let err = parse("[policy]\n\ndue_day = 31\n").unwrap_err();
        assert!(err.starts_with("config /c/config.toml, line 3, key `policy.due_day`"), "{err}");
        let err = parse("[policy]\ngrace_months_subsidized = \"three\"\n").unwrap_err();
        assert!(err.contains("line 2, key `policy.grace_months_subsidized`"), "{err}");
        let err = parse("[gateway]\nkind = \"paypal\"\n").unwrap_err();
        assert!(err.contains("line 2, key `gateway.kind`"), "{err}");
    }

    #[test]
    fn a_rule_broken_by_the_one_key_set_points_at_it() {
        let err = parse("[policy]\ndue_day = 15\n").unwrap_err();
        assert!(err.contains("line 2, key `policy.due_day`"), "{err}");
        assert!(err.contains("autopay_draft_day is 22"), "{err}");
    }

    #[test]
    fn settings_are_read() {
        let c = parse("[policy]\ngrace_months_unsubsidized = 2\naccepted_methods = [\"bank\"]\n").unwrap();
        assert_eq!(c.policy.grace_months_unsubsidized, 2);
        assert_eq!(c.policy.accepted_methods.len(), 1);
    }
}
