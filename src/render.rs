//! The only place that prints results: tables for people, JSON and CSV for
//! scripts. Commands return an `Output`; `emit` writes it in the chosen format.

use std::io::{self, Write};

use comfy_table::{presets, CellAlignment, Color, ContentArrangement, Table};
use serde_json::{Map, Value};

use crate::cli::Format;
use crate::core::money::Money;
use crate::error::invalid;

/// One value in a listing, typed so each format can show it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A state word in its colour; the table styles the cell, so the codes
    /// do not count toward the column width.
    Painted(String, Color),
    Money(Money),
    Int(i64),
    Bool(bool),
    Null,
}

impl Cell {
    pub fn opt<T: ToString>(value: Option<T>) -> Cell {
        value.map_or(Cell::Null, |v| Cell::Text(v.to_string()))
    }

    pub fn money(value: Option<Money>) -> Cell {
        value.map_or(Cell::Null, Cell::Money)
    }

    /// A state word, in its colour when colors are on.
    pub fn painted(word: &str, color: bool) -> Cell {
        match tone(word) {
            Some((fg, _)) if color => Cell::Painted(word.to_string(), fg),
            _ => Cell::from(word),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(t) | Cell::Painted(t, _) => Value::String(t.clone()),
            Cell::Money(m) => Value::String(m.to_string()),
            Cell::Int(i) => Value::from(*i),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Null => Value::Null,
        }
    }

    fn plain(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Painted(t, _) => t.clone(),
            Cell::Money(m) => m.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Null => String::new(),
        }
    }

    fn human(&self) -> String {
        match self {
            Cell::Money(m) => m.dollars(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Cell::Null => "-".to_string(),
            other => other.plain(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<Money> for Cell {
    fn from(m: Money) -> Cell {
        Cell::Money(m)
    }
}

/// Rows with named columns: a table, a JSON array of objects, or CSV.
#[derive(Debug, Clone)]
pub struct Listing {
    /// (JSON/CSV key, table header)
    pub columns: Vec<(&'static str, &'static str)>,
    pub rows: Vec<Vec<Cell>>,
    /// What a person sees when there are no rows.
    pub empty: String,
}

impl Listing {
    pub fn new(columns: &[(&'static str, &'static str)], empty: impl Into<String>) -> Listing {
        Listing { columns: columns.to_vec(), rows: Vec::new(), empty: empty.into() }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    let object: Map<String, Value> =
                        self.columns.iter().zip(row).map(|((key, _), cell)| (key.to_string(), cell.json())).collect();
                    Value::Object(object)
                })
                .collect(),
        )
    }

    pub fn table(&self) -> String {
        let headers: Vec<&str> = self.columns.iter().map(|(_, h)| *h).collect();
        let mut table = new_table(&headers);
        for row in &self.rows {
            table.add_row(row.iter().map(|c| {
                let cell = comfy_table::Cell::new(c.human());
                match c {
                    Cell::Money(_) => cell.set_alignment(CellAlignment::Right),
                    Cell::Painted(_, fg) => cell.fg(*fg),
                    _ => cell,
                }
            }));
        }
        table.to_string()
    }

    fn to_csv(&self) -> io::Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(self.columns.iter().map(|(key, _)| *key))?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::plain))?;
        }
        let bytes = writer.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A table for people, in the house style.
pub fn new_table(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    // Whether to colour is the context's decision (`Cell::painted`), not the table's.
    table.force_no_tty().enforce_styling();
    table.set_header(headers.iter().copied());
    table
}

/// What a command has to show.
#[derive(Debug, Clone)]
pub enum Output {
    /// A confirmation of a change: hidden by --quiet in table form.
    Done {
        text: String,
        json: Value,
    },
    /// A result: a text for people, its JSON document for scripts.
    Doc {
        text: String,
        json: Value,
    },
    List(Listing),
    /// Rows for people and CSV whose JSON document holds more than the
    /// cells (nested objects, such as an alert's deliveries).
    Rows {
        listing: Listing,
        json: Value,
    },
}

/// Writes `output` on stdout in `format`.
pub fn emit(output: &Output, format: Format, quiet: bool) -> anyhow::Result<()> {
    let text = match (output, format) {
        (Output::Done { json, .. } | Output::Doc { json, .. }, Format::Json) => pretty(json),
        (Output::List(list), Format::Json) => pretty(&list.to_json()),
        (Output::Rows { json, .. }, Format::Json) => pretty(json),
        (Output::List(list) | Output::Rows { listing: list, .. }, Format::Csv) => list.to_csv()?,
        (Output::Done { .. } | Output::Doc { .. }, Format::Csv) => {
            return Err(invalid("csv is for list commands; use --format json here").into());
        }
        (Output::Done { .. }, Format::Table) if quiet => return Ok(()),
        // Nothing to say (a scheduler run that did nothing): not even a newline, so cron mails nothing.
        (Output::Done { text, .. } | Output::Doc { text, .. }, Format::Table) if text.is_empty() => return Ok(()),
        (Output::Done { text, .. } | Output::Doc { text, .. }, Format::Table) => text.clone(),
        (Output::List(list) | Output::Rows { listing: list, .. }, Format::Table) if list.rows.is_empty() => {
            list.empty.clone()
        }
        (Output::List(list) | Output::Rows { listing: list, .. }, Format::Table) => list.table(),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// One line on stdout at once, for a long command that reports as it goes
/// (`scheduler run`): what it printed stays printed if it dies later.
pub fn line(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(printable(text).as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// `text` with control characters (a terminal's escapes) shown as `?`:
/// messages may carry what a gateway program said.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { '?' } else { c }).collect()
}

/// Bytes as they are (a completion script, a man page).
pub fn raw(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("JSON values always serialize")
}

/// The colour of a state word, for a table cell and as an ANSI code:
/// green good, yellow watch, red act.
fn tone(word: &str) -> Option<(Color, u8)> {
    match word {
        "active" | "paid" => Some((Color::DarkGreen, 32)),
        "pending" | "grace" | "partial" => Some((Color::DarkYellow, 33)),
        "terminated" | "not_effective" | "open" => Some((Color::DarkRed, 31)),
        _ => None,
    }
}

/// A word in color when colors are on, for text outside a table
/// (in a table, use `Cell::painted`).
pub fn paint(word: &str, color: bool) -> String {
    match tone(word) {
        Some((_, code)) if color => format!("\x1b[{code}m{word}\x1b[0m"),
        _ => word.to_string(),
    }
}

/// `$202.00`, or `-` for nothing.
pub fn dollars(value: Option<Money>) -> String {
    value.map_or_else(|| "-".to_string(), Money::dollars)
}
