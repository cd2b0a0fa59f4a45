//! The only place that prints results: tables for people, JSON and CSV for
//! scripts. Commands return an `Output`; `emit` writes it in the chosen format.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::OnceLock;

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
                // Escaped cell by cell: the table's own colour codes stay as they are.
                let cell = comfy_table::Cell::new(crate::core::text::escape(&c.human(), false));
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
}

/// Writes `output` on stdout in `format`. Text from users and files in it
/// never reaches the terminal with its control characters (DESIGN §8).
pub fn emit(output: &Output, format: Format, quiet: bool, color: bool) -> anyhow::Result<()> {
    let text = match (output, format) {
        (Output::Done { json, .. } | Output::Doc { json, .. }, Format::Json) => pretty(json),
        (Output::List(list), Format::Json) => pretty(&list.to_json()),
        (Output::List(list), Format::Csv) => terminal_safe(&list.to_csv()?, false).into_owned(),
        (Output::Done { .. } | Output::Doc { .. }, Format::Csv) => {
            return Err(invalid("csv is for list commands; use --format json here").into());
        }
        (Output::Done { .. }, Format::Table) if quiet => return Ok(()),
        (Output::Done { text, .. } | Output::Doc { text, .. }, Format::Table) => {
            terminal_safe(text, color).into_owned()
        }
        (Output::List(list), Format::Table) if list.rows.is_empty() => terminal_safe(&list.empty, color).into_owned(),
        (Output::List(list), Format::Table) => list.table(),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// `text` (lines of a document or a table) with every control character
/// escaped, but for the colour codes `paint` wrote when colours are on.
/// (A ledger's text that spells one of those tokens exactly shows as that
/// word in its colour: nothing else gets through.)
pub fn terminal_safe(text: &str, color: bool) -> Cow<'_, str> {
    if !color || !text.contains('\x1b') {
        return crate::core::text::escape(text, true);
    }
    let tokens = own_color_codes();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&crate::core::text::escape(&rest[..at], true));
        rest = &rest[at..];
        let len = tokens.iter().find(|t| rest.starts_with(t.as_str())).map_or(0, String::len);
        if len > 0 {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        } else {
            out.push_str("\\x1b");
            rest = &rest[1..];
        }
    }
    out.push_str(&crate::core::text::escape(rest, true));
    Cow::Owned(out)
}

/// Bytes as they are (a completion script, a man page).
pub fn raw(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Pretty JSON. serde escapes the C0 controls in strings; DEL, the C1
/// controls and the bidirectional characters it leaves as they are, so they
/// are escaped here too (`\u202e` means the same character to a JSON reader).
fn pretty(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    if !text.chars().any(|c| c > '\x1f' && crate::core::text::is_control(c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c > '\x1f' && crate::core::text::is_control(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The words shown in colour, with their colour in a table cell and as an
/// ANSI code in text: green good, yellow watch, red act.
const COLORS: &[(&str, Color, &str)] = &[
    ("active", Color::DarkGreen, "32"),
    ("paid", Color::DarkGreen, "32"),
    ("pending", Color::DarkYellow, "33"),
    ("grace", Color::DarkYellow, "33"),
    ("partial", Color::DarkYellow, "33"),
    ("terminated", Color::DarkRed, "31"),
    ("not_effective", Color::DarkRed, "31"),
    ("open", Color::DarkRed, "31"),
];

fn tone(word: &str) -> Option<(Color, &'static str)> {
    COLORS.iter().find(|(w, _, _)| *w == word).map(|(_, fg, code)| (*fg, *code))
}

/// The colour codes hcpay itself writes, which `terminal_safe` lets through:
/// `paint`'s words in colour, and the table's own codes that start and end
/// a coloured cell (it pads the cell inside them, so they stand alone).
fn own_color_codes() -> &'static [String] {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes: Vec<String> = COLORS.iter().map(|(word, _, code)| painted(word, code)).collect();
        for (word, fg, _) in COLORS {
            let mut table = Table::new();
            table.load_style(presets::NOTHING).force_no_tty().enforce_styling();
            table.add_row([comfy_table::Cell::new(word).fg(*fg)]);
            let cell = table.to_string();
            if let (Some(start), Some(end)) = (cell.find(word), cell.rfind(word)) {
                codes.push(cell[..start].trim_end().to_string());
                codes.push(cell[end + word.len()..].trim().to_string());
            }
        }
        codes.retain(|c| c.starts_with('\x1b'));
        codes.sort_unstable();
        codes.dedup();
        // Longest first, so a whole painted word wins over a bare code.
        codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
        codes
    })
}

fn painted(word: &str, code: &str) -> String {
    format!("\x1b[{code}m{word}\x1b[0m")
}

/// A word in color when colors are on, for text outside a table
/// (in a table, use `Cell::painted`).
pub fn paint(word: &str, color: bool) -> String {
    match tone(word) {
        Some((_, code)) if color => painted(word, code),
        _ => word.to_string(),
    }
}

/// `$202.00`, or `-` for nothing.
pub fn dollars(value: Option<Money>) -> String {
    value.map_or_else(|| "-".to_string(), Money::dollars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colours_every_control_character_is_escaped() {
        let text = format!("Pat\x1b[2J\u{202E} is {}\n", paint("active", false));
        assert_eq!(terminal_safe(&text, false), "Pat\\x1b[2J\\u{202e} is active\n");
    }

    #[test]
    fn with_colours_only_what_paint_wrote_gets_through() {
        let ours = paint("active", true);
        let text = format!("Pat\x1b[2J is {ours}, \x1b[31m and \x1b[31mwrong\x1b[0m\n");
        assert_eq!(
            terminal_safe(&text, true),
            format!("Pat\\x1b[2J is {ours}, \\x1b[31m and \\x1b[31mwrong\\x1b[0m\n")
        );
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw() {
        let text = pretty(&serde_json::json!({"name": "a\u{1b}b\u{202E}c\u{9b}d\u{7f}é"}));
        assert_eq!(text, "{\n  \"name\": \"a\\u001bb\\u202ec\\u009bd\\u007fé\"\n}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "a\u{1b}b\u{202E}c\u{9b}d\u{7f}é");
    }
}
