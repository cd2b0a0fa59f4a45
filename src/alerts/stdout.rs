//! The stdout channel: each alert becomes a line of `scheduler run`'s
//! output (so cron mails it): an alert is marked delivered only once its
//! line is out (its batch's lines written out by `flush`).

use super::{AlertView, Channel};

/// Where the lines go (render.rs does the printing).
pub trait Sink {
    /// Writes one alert's line (it may be buffered until `flush`).
    fn alert(&mut self, alert: &AlertView) -> anyhow::Result<()>;
    fn flush(&mut self) -> anyhow::Result<()>;
}

/// A closure that takes each line as it comes (`alerts test`): nothing to flush.
impl<F: FnMut(&AlertView) -> anyhow::Result<()>> Sink for F {
    fn alert(&mut self, alert: &AlertView) -> anyhow::Result<()> {
        self(alert)
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

pub struct Stdout<'a> {
    pub sink: &'a mut dyn Sink,
}

impl Channel for Stdout<'_> {
    fn name(&self) -> &'static str {
        "stdout"
    }

    fn deliver(&mut self, alert: &AlertView) -> Result<(), String> {
        self.sink.alert(alert).map_err(|e| format!("{e:#}"))
    }

    fn flush(&mut self) -> Result<(), String> {
        self.sink.flush().map_err(|e| format!("{e:#}"))
    }

    /// A line reprinted after a crash is cheap: record many per
    /// transaction (a month at 100k accounts raises 200k alerts).
    fn batch(&self) -> usize {
        5000
    }
}
