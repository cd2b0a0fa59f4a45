//! Progress for long work, shown on a terminal only: never in cron or CI,
//! where stderr is not a terminal, nor with `--quiet`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::context::Context;

/// Whether a person watches this command's stderr.
pub fn watched(ctx: &Context) -> bool {
    std::io::stderr().is_terminal() && !ctx.quiet
}

/// A count of rows that shows itself once it passes a few thousand (a small
/// import is over before a bar would help).
pub struct RowCount {
    watched: bool,
    count: u64,
    what: &'static str,
    bar: Option<ProgressBar>,
}

/// Rows before the count shows.
const SHOW_AFTER: u64 = 5_000;

impl RowCount {
    pub fn new(ctx: &Context, what: &'static str) -> RowCount {
        RowCount { watched: watched(ctx), count: 0, what, bar: None }
    }

    pub fn inc(&mut self) {
        self.count += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        } else if self.watched && self.count >= SHOW_AFTER {
            let bar = ProgressBar::new_spinner();
            let template = format!("{{spinner}} {{pos}} {} so far", self.what);
            bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_spinner()));
            bar.set_position(self.count);
            self.bar = Some(bar);
        }
    }
}

impl Drop for RowCount {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
