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

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Stdout,
    Email,
    Webhook,
    Command,
}

/// How long a channel waits for its server or program, by default.
const CHANNEL_TIMEOUT_SECS: u64 = 10;

fn channel_timeout() -> u64 {
    CHANNEL_TIMEOUT_SECS
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    pub host: String,
    /// By default 587 (starttls), 465 (tls) or 25 (none).
    pub port: Option<u16>,
    #[serde(default)]
    pub security: EmailSecurity,
    pub from: String,
    /// One address, or several separated by commas.
    pub to: String,
    pub username: Option<String>,
    /// The environment variable that holds the password (never the password itself).
    pub password_env: Option<String>,
    #[serde(default = "channel_timeout")]
    pub timeout_secs: u64,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EmailSecurity {
    #[default]
    Starttls,
    Tls,
    /// Plain text: to a loopback host only (a local relay).
    None,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    pub url: String,
    /// The environment variable that holds the signing key.
    pub secret_env: String,
    #[serde(default = "channel_timeout")]
    pub timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CommandConfig {
    /// An absolute path: run directly, never through a shell.
    pub program: PathBuf,
    #[serde(default)]
    pub args: Vec<String>,
    #[serde(default = "channel_timeout")]
    pub timeout_secs: u64,
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
channels = ["stdout"]           # and "email", "webhook", "command", each with its table:
# [alerts.email]
# host = "smtp.example.org"
# security = "starttls"         # or "tls"; "none" only to a loopback host
# from = "hcpay <hcpay@example.org>"
# to = "jo@example.org"
# username = "hcpay@example.org"
# password_env = "HCPAY_SMTP_PASSWORD"   # the variable that holds the password
# [alerts.webhook]
# url = "https://cases.example.org/hooks/hcpay"   # https, or http to a loopback host
# secret_env = "HCPAY_WEBHOOK_SECRET"   # the HMAC-SHA256 key of X-Hcpay-Signature
# [alerts.command]
# program = "/usr/local/bin/hcpay-notify"   # run directly, the alert as JSON on stdin
# args = ["--to", "+16175550123"]

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
        if let Err(problem) = config.alerts.validate() {
            let line = find_key(text, &problem.table, problem.key).or_else(|| find_table(text, &problem.table));
            let key = if problem.key.is_empty() { problem.table } else { format!("{}.{}", problem.table, problem.key) };
            return Err(located(path, line, Some(&key), &problem.message));
        }
        Ok(config)
    }
}

/// The furthest ahead a due-date reminder may come (two months).
const MAX_REMIND_DAYS: u32 = 60;
/// The furthest ahead a card's expiry may be told (a year).
const MAX_CARD_EXPIRY_DAYS: u32 = 366;

/// A channel setting that cannot work: its table, its key (empty: the
/// table itself) and why.
#[derive(Debug)]
struct ChannelProblem {
    table: String,
    key: &'static str,
    message: String,
}

impl AlertsConfig {
    /// Every listed channel has its table, and every table can work: a
    /// misconfigured channel is found when the config is read, not at 3 a.m.
    fn validate(&self) -> Result<(), ChannelProblem> {
        let problem = |table: &str, key: &'static str, message: String| ChannelProblem {
            table: format!("alerts{}{table}", if table.is_empty() { "" } else { "." }),
            key,
            message,
        };
        // Reminders count days back from a date: bounded, so every day they name exists.
        if let Some(days) = self.remind_days_before_due.iter().find(|&&d| d > MAX_REMIND_DAYS) {
            let message = format!("{days} days is too far ahead: at most {MAX_REMIND_DAYS} days before a due date");
            return Err(problem("", "remind_days_before_due", message));
        }
        if self.card_expiry_days > MAX_CARD_EXPIRY_DAYS {
            let message = format!(
                "{} days is too far ahead: at most {MAX_CARD_EXPIRY_DAYS} days before a card expires",
                self.card_expiry_days
            );
            return Err(problem("", "card_expiry_days", message));
        }
        for &channel in &self.channels {
            let name = crate::alerts::channel_name(channel);
            let has_table = match channel {
                Channel::Stdout => true,
                Channel::Email => self.email.is_some(),
                Channel::Webhook => self.webhook.is_some(),
                Channel::Command => self.command.is_some(),
            };
            if !has_table {
                let message = format!("channel \"{name}\" is listed but there is no [alerts.{name}] table");
                return Err(problem("", "channels", message));
            }
        }
        if let Some(email) = &self.email {
            for (key, value) in [("from", &email.from), ("to", &email.to)] {
                let parsed = if key == "from" {
                    value.parse::<lettre::message::Mailbox>().map(|_| ())
                } else {
                    value.parse::<lettre::message::Mailboxes>().map(|_| ())
                };
                if parsed.is_err() {
                    return Err(problem("email", key, format!("{value:?} is not an email address")));
                }
            }
            if email.host.trim().is_empty() {
                return Err(problem("email", "host", "the SMTP host is empty".into()));
            }
            if email.security == EmailSecurity::None && !crate::alerts::is_loopback(&email.host) {
                let message = format!(
                    "security \"none\" sends the mail (and any password) in plain text: only to a loopback host, not {}; use \"starttls\" or \"tls\"",
                    email.host
                );
                return Err(problem("email", "security", message));
            }
            if email.username.is_some() != email.password_env.is_some() {
                let key = if email.username.is_some() { "username" } else { "password_env" };
                return Err(problem("email", key, "username and password_env go together".into()));
            }
        }
        if let Some(webhook) = &self.webhook {
            webhook_url(&webhook.url).map_err(|message| problem("webhook", "url", message))?;
            if webhook.secret_env.trim().is_empty() {
                return Err(problem(
                    "webhook",
                    "secret_env",
                    "name the environment variable that holds the key".into(),
                ));
            }
        }
        if let Some(command) = &self.command {
            let program = &command.program;
            if !program.is_absolute() {
                let message = format!(
                    "{} is not an absolute path (the program is run directly, never through a shell)",
                    program.display()
                );
                return Err(problem("command", "program", message));
            }
            if !program.is_file() {
                return Err(problem("command", "program", format!("{} is not a file", program.display())));
            }
        }
        Ok(())
    }
}

/// A webhook URL is https, or http to this machine.
fn webhook_url(url: &str) -> Result<(), String> {
    let uri: ureq::http::Uri = url.parse().map_err(|_| format!("{url:?} is not a URL"))?;
    let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(|| format!("{url:?} has no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(()),
        Some("http") if crate::alerts::is_loopback(host) => Ok(()),
        Some("http") => Err(format!("http sends alerts in plain text: only to a loopback host, not {host}; use https")),
        _ => Err(format!("{url:?} is not an https URL")),
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

/// The 1-based line of the `[table]` header.
fn find_table(text: &str, table: &str) -> Option<usize> {
    text.lines()
        .position(|raw| {
            let trimmed = raw.trim();
            trimmed.starts_with('[') && trimmed.trim_matches(|c| c == '[' || c == ']').trim() == table
        })
        .map(|i| i + 1)
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
    fn the_templates_channel_examples_load_uncommented() {
        let program = std::env::current_exe().unwrap();
        let text = TEMPLATE
            .lines()
            .map(|l| l.strip_prefix("# [").map_or_else(|| l.to_string(), |rest| format!("[{rest}")))
            .map(|l| if l.starts_with("# ") && l.contains(" = ") { l[2..].to_string() } else { l })
            .collect::<Vec<_>>()
            .join("\n")
            .replace("/usr/local/bin/hcpay-notify", &program.display().to_string());
        let config = parse(&text).unwrap();
        assert_eq!(config.alerts.email.unwrap().security, EmailSecurity::Starttls);
        assert_eq!(config.alerts.webhook.unwrap().timeout_secs, 10);
        assert_eq!(config.alerts.command.unwrap().args, ["--to", "+16175550123"]);
    }

    #[test]
    fn a_webhook_url_is_https_or_http_to_loopback() {
        assert!(webhook_url("https://hooks.example.com/x?t=1").is_ok());
        assert!(webhook_url("http://127.0.0.1:8080/x").is_ok());
        assert!(webhook_url("http://[::1]/x").is_ok());
        assert!(webhook_url("http://localhost/x").is_ok());
        assert!(webhook_url("http://hooks.example.com/x").unwrap_err().contains("only to a loopback host"));
        assert!(webhook_url("http://127.0.0.1.example.com/x").is_err());
        assert!(webhook_url("hooks.example.com/x").is_err());
        assert!(webhook_url("https://").is_err());
    }

    #[test]
    fn alert_day_counts_are_bounded_and_named() {
        let err = parse("[alerts]\nremind_days_before_due = [7, 4000000000]\n").unwrap_err();
        assert!(err.contains("line 2, key `alerts.remind_days_before_due`"), "{err}");
        assert!(err.contains("at most 60 days"), "{err}");
        let err = parse("[alerts]\ncard_expiry_days = 400\n").unwrap_err();
        assert!(err.contains("line 2, key `alerts.card_expiry_days`"), "{err}");
        assert_eq!(
            parse("[alerts]\nremind_days_before_due = [60, 0]\ncard_expiry_days = 366\n")
                .unwrap()
                .alerts
                .card_expiry_days,
            366
        );
    }

    #[test]
    fn settings_are_read() {
        let c = parse("[policy]\ngrace_months_unsubsidized = 2\naccepted_methods = [\"bank\"]\n").unwrap();
        assert_eq!(c.policy.grace_months_unsubsidized, 2);
        assert_eq!(c.policy.accepted_methods.len(), 1);
    }
}
