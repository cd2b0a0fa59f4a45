//! Alerts: raised into the ledger's outbox by any command (once per cause),
//! delivered by `scheduler run` on each configured channel. A channel is a
//! `Channel`; stdout is the one this version delivers on, and email,
//! webhook and command slot in beside it: each alert has one delivery row
//! per channel, with its state and attempts, retried until delivered.

pub mod stdout;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

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
    let channels: Vec<&str> = config.channels.iter().map(|&c| channel_name(c)).collect();
    alerts::raise(conn, account_id, alert, today, &channels)
}

/// A way to tell the user: it delivers one alert or says why it could not.
pub trait Channel {
    /// The name delivery rows carry.
    fn name(&self) -> &'static str;
    fn deliver(&mut self, alert: &Alert) -> Result<(), String>;
}

/// What delivering found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub delivered: u32,
    pub failed: u32,
}

/// Alerts delivered per transaction: one commit per chunk, not per alert.
const CHUNK: usize = 500;

/// Delivers every alert waiting on `channel`, oldest first, recording each
/// attempt; a failure is kept for a later run, never lost.
pub fn deliver(ledger: &mut Ledger, channel: &mut dyn Channel) -> Result<Delivered> {
    let mut found = Delivered::default();
    let mut after = 0;
    loop {
        let batch = alerts::waiting(ledger.conn(), channel.name(), after, CHUNK)?;
        let Some(last) = batch.last() else {
            return Ok(found);
        };
        after = last.id;
        let outcomes: Vec<(i64, Result<(), String>)> =
            batch.iter().map(|alert| (alert.id, channel.deliver(alert))).collect();
        ledger.write(|tx| {
            for (id, outcome) in &outcomes {
                alerts::delivered(tx, *id, channel.name(), outcome.as_ref().map(|_| ()).map_err(String::as_str))?;
            }
            Ok(())
        })?;
        for (_, outcome) in outcomes {
            match outcome {
                Ok(()) => found.delivered += 1,
                Err(_) => found.failed += 1,
            }
        }
    }
}
