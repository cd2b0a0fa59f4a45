//! Alerts: raised into the ledger's outbox by any command (once per cause),
//! delivered by `scheduler run` on each configured channel (stdout, email,
//! webhook, command). Each alert has one delivery row per channel: it is
//! sent once, retried by each later run while it fails, and given up after
//! 7 days of failures. A crash between sending and recording may send one
//! alert twice; its `id` is stable, so a receiver can drop the duplicate.

pub mod command;
pub mod email;
pub mod stdout;
pub mod webhook;

use std::net::IpAddr;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::config::{AlertsConfig, Channel as ChannelKind};
use crate::core::alert::NewAlert;
use crate::ledger::alerts::{self, Alert};
use crate::ledger::Ledger;

/// How the ledger names a channel.
pub fn channel_name(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Stdout => "stdout",
        ChannelKind::Email => "email",
        ChannelKind::Webhook => "webhook",
        ChannelKind::Command => "command",
    }
}

/// Raises an alert with a delivery row for each configured channel; gives
/// its id when its cause is new.
pub fn raise(
    conn: &Connection,
    config: &AlertsConfig,
    account_id: Option<i64>,
    alert: &NewAlert,
    today: NaiveDate,
) -> Result<Option<i64>> {
    alerts::raise(conn, account_id, alert, today, config.channels.iter().map(|&c| channel_name(c)))
}

/// Raises many alerts at once (a scheduler page), as `raise` does each:
/// their delivery rows in one statement. Gives how many were new.
pub fn raise_all<'a>(
    conn: &Connection,
    config: &AlertsConfig,
    raised: impl IntoIterator<Item = (Option<i64>, &'a NewAlert)>,
    today: NaiveDate,
) -> Result<u32> {
    let mut ids = Vec::new();
    for (account_id, alert) in raised {
        ids.extend(alerts::insert(conn, account_id, alert, today)?);
    }
    alerts::pending(conn, &ids, config.channels.iter().map(|&c| channel_name(c)))?;
    Ok(ids.len() as u32)
}

/// An alert as `alerts` rows show it (DESIGN §3), and as the webhook and
/// command channels send it: the JSON is the same document.
#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    /// Stable: a receiver drops an alert whose id it has seen (0: a test).
    pub id: i64,
    pub account: Option<String>,
    /// An alert kind (DESIGN §7), or `test` for `alerts test`.
    pub kind: &'static str,
    pub created: NaiveDate,
    pub message: String,
    pub acked: bool,
    pub deliveries: Vec<DeliveryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliveryView {
    pub channel: String,
    /// `pending` (waiting, or failed and retried next run), `delivered`, or
    /// `failed` (given up after 7 days of failures).
    pub state: String,
    pub attempts: u32,
    /// Why the last attempt failed (never a secret).
    pub last_error: Option<String>,
}

impl From<&Alert> for AlertView {
    fn from(a: &Alert) -> AlertView {
        AlertView::from(a.clone())
    }
}

impl From<Alert> for AlertView {
    fn from(a: Alert) -> AlertView {
        AlertView {
            id: a.id,
            account: a.account,
            kind: a.kind.as_str(),
            created: a.created_on,
            message: a.message,
            acked: a.acked,
            deliveries: a
                .deliveries
                .into_iter()
                .map(|d| DeliveryView {
                    channel: d.channel,
                    state: d.state,
                    attempts: d.attempts,
                    last_error: d.last_error,
                })
                .collect(),
        }
    }
}

impl AlertView {
    /// The alert `alerts test` sends: id 0, kind `test`, never stored.
    pub fn test(account: Option<String>, today: NaiveDate) -> AlertView {
        AlertView {
            id: 0,
            account,
            kind: "test",
            created: today,
            message: "hcpay test alert: this channel works (id 0, nothing to do)".to_string(),
            acked: false,
            deliveries: Vec::new(),
        }
    }

    /// The JSON document the webhook posts and the command reads.
    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("views serialize")
    }

    /// A one-line title: `hcpay past_due: smith`.
    pub fn subject(&self) -> String {
        match &self.account {
            Some(account) => format!("hcpay {}: {account}", self.kind),
            None => format!("hcpay {}", self.kind),
        }
    }
}

/// A way to tell the user: it delivers one alert or says why it could not
/// (never with a secret in the reason).
pub trait Channel {
    /// The name delivery rows carry.
    fn name(&self) -> &'static str;
    fn deliver(&mut self, alert: &AlertView) -> Result<(), String>;
    /// Writes out what `deliver` buffered: the batch counts as delivered
    /// only after this.
    fn flush(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// Alerts recorded per transaction. 1 for a channel that reaches
    /// another machine, so that a crash resends one alert at most; more
    /// (recorded without a full sync) for one where a resend is harmless.
    fn batch(&self) -> usize {
        1
    }
}

/// A configured channel that cannot send (its secret is not in the
/// environment): every alert on it fails with the reason.
struct Unusable {
    name: &'static str,
    why: String,
}

impl Channel for Unusable {
    fn name(&self) -> &'static str {
        self.name
    }

    fn deliver(&mut self, _: &AlertView) -> Result<(), String> {
        Err(self.why.clone())
    }
}

/// The channel `kind` as configured (not stdout, which writes where its
/// caller says). Config load has checked its table; a missing secret makes
/// it a channel that fails with the reason.
pub fn open(kind: ChannelKind, config: &AlertsConfig) -> Box<dyn Channel> {
    let name = channel_name(kind);
    let opened: Result<Box<dyn Channel>, String> = match kind {
        ChannelKind::Email => config.email.as_ref().ok_or_else(|| missing(name)).and_then(|c| {
            let channel = email::Email::new(c)?;
            Ok(Box::new(channel) as Box<dyn Channel>)
        }),
        ChannelKind::Webhook => config.webhook.as_ref().ok_or_else(|| missing(name)).and_then(|c| {
            let channel = webhook::Webhook::new(c)?;
            Ok(Box::new(channel) as Box<dyn Channel>)
        }),
        ChannelKind::Command => config
            .command
            .as_ref()
            .ok_or_else(|| missing(name))
            .map(|c| Box::new(command::Command::new(c)) as Box<dyn Channel>),
        ChannelKind::Stdout => Err("stdout is written by its caller".to_string()),
    };
    opened.unwrap_or_else(|why| Box::new(Unusable { name, why }))
}

fn missing(name: &str) -> String {
    format!("no [alerts.{name}] table in the config")
}

/// The secret in the environment variable `var` (a config's `password_env`
/// or `secret_env`): never stored, logged or printed.
pub fn secret_from_env(var: &str, key: &str) -> Result<Secret, String> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(Secret(value)),
        _ => Err(format!("the environment variable {var} (named by {key}) is not set")),
    }
}

/// A password or signing key: no `Display`, no `Serialize`, a masked `Debug`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with this secret masked, for an error from a library that
    /// might quote what it was given.
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.0, "***")
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Whether `host` (a name or an address, IPv6 with or without brackets)
/// is this machine: where plain text (SMTP without TLS, http) may go.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Failed attempts in a row after which a run stops trying a channel: the
/// rest of its alerts count as failed for this run without a wait each.
const GIVE_UP_RUN_AFTER: u32 = 3;

/// What delivering on one channel found.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Delivered {
    pub channel: &'static str,
    pub delivered: u32,
    /// Failed this run, to be retried by the next.
    pub retrying: u32,
    /// Alerts given up on this run, after 7 days of failures.
    pub given_up: Vec<i64>,
    /// The last failure's reason.
    pub error: Option<String>,
}

impl Delivered {
    /// Alerts not delivered this run.
    pub fn failed(&self) -> u32 {
        self.retrying + self.given_up.len() as u32
    }
}

/// Delivers every alert waiting on `channel`, oldest first, recording each
/// outcome on `today` (the hcpay clock, which the 7 days count by): a
/// failure is kept for a later run, never lost, and never sent again once
/// delivered.
pub fn deliver(ledger: &mut Ledger, channel: &mut dyn Channel, today: NaiveDate) -> Result<Delivered> {
    let name = channel.name();
    let mut found = Delivered { channel: name, ..Delivered::default() };
    let mut in_a_row = 0;
    let mut after = 0;
    loop {
        let batch = alerts::waiting(ledger.conn(), name, after, channel.batch())?;
        let Some(last) = batch.last() else {
            return Ok(found);
        };
        after = last.id;
        let mut outcomes = Vec::with_capacity(batch.len());
        for alert in batch {
            let id = alert.id;
            let (outcome, tried) = if in_a_row >= GIVE_UP_RUN_AFTER {
                let last = found.error.as_deref().unwrap_or("");
                (Err(format!("not tried: {in_a_row} failures in a row this run (last: {last})")), false)
            } else {
                (channel.deliver(&AlertView::from(alert)), true)
            };
            match &outcome {
                Ok(()) => in_a_row = 0,
                Err(e) if tried => {
                    in_a_row += 1;
                    found.error = Some(e.clone());
                }
                Err(_) => {}
            }
            outcomes.push((id, outcome, tried));
        }
        // What the channel buffered must be out before the batch counts as delivered.
        if let Err(e) = channel.flush() {
            for (_, outcome, _) in outcomes.iter_mut().filter(|(_, o, _)| o.is_ok()) {
                *outcome = Err(e.clone());
            }
            found.error = Some(e);
        }
        let record = |tx: &rusqlite::Transaction| {
            // The batch's successes in one statement, each failure on its own.
            let sent: Vec<i64> = outcomes.iter().filter(|(_, o, _)| o.is_ok()).map(|(id, _, _)| *id).collect();
            alerts::delivered(tx, &sent, name)?;
            let failed =
                outcomes.iter().filter_map(|(id, outcome, tried)| Some((*id, outcome.as_ref().err()?, *tried)));
            failed
                .map(|(id, e, tried)| Ok((id, alerts::attempted(tx, id, name, Err(e.as_str()), tried, today)?)))
                .collect::<Result<Vec<(i64, String)>>>()
        };
        // A batch that a crash (or a power cut) may only reprint needs no full sync.
        let failed = if channel.batch() > 1 { ledger.write_recoverable(record)? } else { ledger.write(record)? };
        found.delivered += (outcomes.len() - failed.len()) as u32;
        for (id, state) in failed {
            match state.as_str() {
                "failed" => found.given_up.push(id),
                _ => found.retrying += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_this_machine_only() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.1", "::1", "[::1]"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["example.com", "10.0.0.1", "0.0.0.0", "localhost.example.com", "[::2]", "", "127.0.0.1.nip.io"] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn a_secret_never_shows() {
        let secret = Secret("hunter2".into());
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(secret.redact("auth hunter2 refused"), "auth *** refused");
    }

    #[test]
    fn the_test_alert_is_a_row_with_id_0() {
        let view = AlertView::test(None, chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
        let json: serde_json::Value = serde_json::from_str(&view.json()).unwrap();
        assert_eq!(json["id"], 0);
        assert_eq!(json["kind"], "test");
        assert_eq!(json["created"], "2027-01-02");
        assert_eq!(view.subject(), "hcpay test");
    }
}
