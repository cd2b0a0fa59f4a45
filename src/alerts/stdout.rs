//! The stdout channel: each alert becomes a line of `scheduler run`'s
//! output (so cron mails it), written as it is delivered: an alert is
//! marked delivered only once its line is out.

use super::{AlertView, Channel};

pub struct Stdout<'a> {
    /// Writes one alert (render.rs does the printing).
    pub sink: &'a mut dyn FnMut(&AlertView) -> anyhow::Result<()>,
}

impl Channel for Stdout<'_> {
    fn name(&self) -> &'static str {
        "stdout"
    }

    fn deliver(&mut self, alert: &AlertView) -> Result<(), String> {
        (self.sink)(alert).map_err(|e| format!("{e:#}"))
    }

    /// A line reprinted after a crash is cheap: record many per
    /// transaction (a month at 100k accounts raises 200k alerts).
    fn batch(&self) -> usize {
        5000
    }
}
