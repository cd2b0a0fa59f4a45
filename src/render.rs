//! The only place that prints results: tables for people, JSON and CSV for
//! scripts. Commands return an `Output`; `emit` writes it in the chosen format.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::OnceLock;

use comfy_table::{presets, CellAlignment, Color, ContentArrangement, Table};
use serde::Serialize;
use serde_json::Value;

use crate::cli::Format;
use crate::core::money::Money;
use crate::error::invalid;

/// How a field shows in a table; JSON and CSV take it as it serializes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Text,
    /// An amount (`"202.00"`), shown `$202.00`, right-aligned.
    Money,
    /// A state word, in its colour when colours are on.
    State,
}

/// One column of a listing: the row field it shows and its table header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    pub show: Show,
}

impl Column {
    pub const fn text(key: &'static str, header: &'static str) -> Column {
        Column { key, header, show: Show::Text }
    }

    pub const fn money(key: &'static str, header: &'static str) -> Column {
        Column { key, header, show: Show::Money }
    }

    pub const fn state(key: &'static str, header: &'static str) -> Column {
        Column { key, header, show: Show::State }
    }
}

/// A row of a listing: a struct whose fields serialize under exactly its
/// columns' keys. JSON, CSV and the table are all made from that one
/// serialization, so they cannot drift apart.
pub trait Row: Serialize {
    const COLUMNS: &'static [Column];

    /// This row's values, in column order.
    fn values(&self) -> Vec<Value> {
        let Value::Object(mut fields) = serde_json::to_value(self).expect("rows serialize") else {
            unreachable!("a row serializes as an object")
        };
        debug_assert_eq!(
            fields.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(),
            Self::COLUMNS.iter().map(|c| c.key).collect::<std::collections::BTreeSet<_>>(),
            "a row's fields and its columns differ"
        );
        Self::COLUMNS.iter().map(|c| fields.remove(c.key).unwrap_or(Value::Null)).collect()
    }
}

/// The rows of a listing. A big one (`status --all` over a navigator's
/// ledger) keeps its rows as the command made them and serializes each as
/// it is written, instead of holding them all as JSON values.
trait Rows {
    fn len(&self) -> usize;
    /// Row `i`'s values, in column order.
    fn values(&self, i: usize) -> Vec<Value>;
}

/// Rows serialized up front, for the usual small listing.
impl Rows for Vec<Vec<Value>> {
    fn len(&self) -> usize {
        self.len()
    }

    fn values(&self, i: usize) -> Vec<Value> {
        self[i].clone()
    }
}

/// Rows serialized one at a time.
struct Typed<R>(Vec<R>);

impl<R: Row> Rows for Typed<R> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn values(&self, i: usize) -> Vec<Value> {
        self.0[i].values()
    }
}

/// Rows under named columns: a table, a JSON array of objects, or CSV.
#[derive(Clone)]
pub struct Listing {
    columns: &'static [Column],
    rows: Rc<dyn Rows>,
    /// Rows under the others, in the table only (totals).
    footer: Vec<Vec<Value>>,
    /// Text under the table, in the table form only (a chart).
    note: Option<String>,
    /// What a person sees when there are no rows.
    empty: String,
}

impl std::fmt::Debug for Listing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listing").field("columns", &self.columns).field("rows", &self.rows.len()).finish()
    }
}

impl Listing {
    pub fn of<'r, R: Row + 'r>(rows: impl IntoIterator<Item = &'r R>, empty: impl Into<String>) -> Listing {
        let values: Vec<Vec<Value>> = rows.into_iter().map(Row::values).collect();
        Listing::new(R::COLUMNS, Rc::new(values), empty.into())
    }

    /// A listing that keeps `rows` and serializes each as it is written: for
    /// listings that may be long.
    pub fn owned<R: Row + 'static>(rows: Vec<R>, empty: impl Into<String>) -> Listing {
        Listing::new(R::COLUMNS, Rc::new(Typed(rows)), empty.into())
    }

    fn new(columns: &'static [Column], rows: Rc<dyn Rows>, empty: String) -> Listing {
        Listing { columns, rows, footer: Vec::new(), note: None, empty }
    }

    /// Rows shown under the others in the table (totals), never in JSON or CSV.
    pub fn footer<'r, R: Row + 'r>(mut self, rows: impl IntoIterator<Item = &'r R>) -> Listing {
        debug_assert!(R::COLUMNS == self.columns, "a footer has the listing's columns");
        self.footer.extend(rows.into_iter().map(Row::values));
        self
    }

    /// Text shown under the table (a chart), never in JSON or CSV.
    pub fn note(mut self, text: impl Into<String>) -> Listing {
        self.note = Some(text.into());
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rows.len() == 0
    }

    fn object(&self, values: Vec<Value>) -> Value {
        Value::Object(self.columns.iter().map(|c| c.key.to_string()).zip(values).collect())
    }

    pub fn to_json(&self) -> Value {
        Value::Array((0..self.rows.len()).map(|i| self.object(self.rows.values(i))).collect())
    }

    /// The table for people (and its note); state words in colour when `color`.
    pub fn table(&self, color: bool) -> String {
        let headers: Vec<&str> = self.columns.iter().map(|c| c.header).collect();
        let mut table = new_table(&headers);
        let rows = (0..self.rows.len()).map(|i| self.rows.values(i)).chain(self.footer.iter().cloned());
        for row in rows {
            table.add_row(self.columns.iter().zip(&row).map(|(column, value)| {
                // Escaped cell by cell: the table's own colour codes stay as they are.
                let cell = comfy_table::Cell::new(crate::core::text::escape(&human(value, column.show), false));
                match (column.show, value) {
                    (Show::Money, _) => cell.set_alignment(CellAlignment::Right),
                    (Show::State, Value::String(word)) if color => match tone(word) {
                        Some((fg, _)) => cell.fg(fg),
                        None => cell,
                    },
                    _ => cell,
                }
            }));
        }
        let mut text = table.to_string();
        if let Some(note) = &self.note {
            text.push_str("\n\n");
            text.push_str(&terminal_safe(note, color));
        }
        text
    }

    /// The JSON array, written row by row.
    fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        if self.is_empty() {
            return out.write_all(b"[]\n");
        }
        out.write_all(b"[\n")?;
        for i in 0..self.rows.len() {
            let row = pretty(&self.object(self.rows.values(i)));
            for (n, line) in row.lines().enumerate() {
                if n > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(b"  ")?;
                out.write_all(line.as_bytes())?;
            }
            out.write_all(if i + 1 < self.rows.len() { b",\n" } else { b"\n" })?;
        }
        out.write_all(b"]\n")
    }

    /// CSV, written row by row.
    fn write_csv(&self, out: &mut impl Write) -> io::Result<()> {
        let header = self.columns.iter().map(|c| Value::String(c.key.to_string())).collect();
        for record in std::iter::once(header).chain((0..self.rows.len()).map(|i| self.rows.values(i))) {
            let mut writer = csv::WriterBuilder::new().buffer_capacity(256).from_writer(Vec::with_capacity(256));
            writer.write_record(record.iter().map(plain))?;
            let bytes = writer.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
            out.write_all(terminal_safe(&String::from_utf8_lossy(&bytes), false).as_bytes())?;
        }
        Ok(())
    }

    #[cfg(test)]
    fn to_csv(&self) -> String {
        let mut out = Vec::new();
        self.write_csv(&mut out).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }
}

/// A value as CSV holds it: as in JSON, without quotes; nothing for null.
fn plain(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value as a person reads it in a table.
fn human(value: &Value, show: Show) -> String {
    match (value, show) {
        (Value::Null, _) => "-".to_string(),
        (Value::Bool(b), _) => if *b { "yes" } else { "no" }.to_string(),
        (Value::String(s), Show::Money) => Money::parse_amount(s).map_or_else(|_| s.clone(), Money::dollars),
        (Value::Array(items), _) => items.iter().map(|item| human(item, Show::Text)).collect::<Vec<_>>().join(", "),
        // A nested record (an alert's delivery): its values, in order.
        (Value::Object(fields), _) => fields.values().filter(|v| !v.is_null()).map(plain).collect::<Vec<_>>().join(" "),
        (other, _) => plain(other),
    }
}

/// A table for people, in the house style.
pub fn new_table(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    // Whether to colour is the context's decision, not the table's.
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
    /// Already written on stdout as it was made (`stream`): a journal.
    Written,
}

impl Output {
    /// A result whose JSON document is `view`.
    pub fn doc(text: impl Into<String>, view: &impl Serialize) -> Output {
        Output::Doc { text: text.into(), json: serde_json::to_value(view).expect("views serialize") }
    }

    /// What this shows a person, and its JSON, for a command that shows
    /// several results in one (the demo).
    pub fn parts(&self, color: bool) -> (String, Value) {
        match self {
            Output::Done { text, json } | Output::Doc { text, json } => (text.clone(), json.clone()),
            Output::List(list) if list.is_empty() => (list.empty.clone(), list.to_json()),
            Output::List(list) => (list.table(color), list.to_json()),
            Output::Written => (String::new(), Value::Null),
        }
    }

    /// A confirmation of a change whose JSON document is `view`.
    pub fn done(text: impl Into<String>, view: &impl Serialize) -> Output {
        Output::Done { text: text.into(), json: serde_json::to_value(view).expect("views serialize") }
    }
}

/// Writes `output` on stdout in `format`. Text from users and files in it
/// never reaches the terminal with its control characters (DESIGN §8).
pub fn emit(output: &Output, format: Format, quiet: bool, color: bool) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let text = match (output, format) {
        (Output::Written, _) => return Ok(()),
        (Output::Done { json, .. } | Output::Doc { json, .. }, Format::Json) => pretty(json),
        (Output::List(list), Format::Json) => {
            list.write_json(&mut out)?;
            out.flush()?;
            return Ok(());
        }
        (Output::List(list), Format::Csv) => {
            list.write_csv(&mut out)?;
            out.flush()?;
            return Ok(());
        }
        (Output::Done { .. } | Output::Doc { .. }, Format::Csv) => {
            return Err(invalid("csv is for list commands; use --format json here").into());
        }
        (Output::Done { .. }, Format::Table) if quiet => return Ok(()),
        // Nothing to say (a scheduler run that did nothing): not even a newline, so cron mails nothing.
        (Output::Done { text, .. } | Output::Doc { text, .. }, Format::Table) if text.is_empty() => return Ok(()),
        (Output::Done { text, .. } | Output::Doc { text, .. }, Format::Table) => {
            terminal_safe(text, color).into_owned()
        }
        (Output::List(list), Format::Table) if list.is_empty() => terminal_safe(&list.empty, color).into_owned(),
        (Output::List(list), Format::Table) => list.table(color),
    };
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Text on stdout as a command makes it (a journal too long to hold whole,
/// the tens of thousands of lines of `scheduler run`): stdout locked once and
/// buffered, so a write costs no system call, its control characters
/// escaped; what `flush` wrote stays printed if the command dies later.
pub struct Stream {
    out: io::BufWriter<io::StdoutLock<'static>>,
}

impl Stream {
    pub fn stdout() -> Stream {
        Stream { out: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()) }
    }

    pub fn write(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(crate::core::text::escape(text, true).as_bytes())
    }

    /// One line, escaped, into the buffer.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.write(text)?;
        self.out.write_all(b"\n")
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.flush()
    }
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
/// (a table colours its `Show::State` columns itself).
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

    #[derive(Serialize)]
    struct Paid {
        month: &'static str,
        amount: Money,
        state: &'static str,
        note: Option<&'static str>,
    }

    impl Row for Paid {
        const COLUMNS: &'static [Column] = &[
            Column::text("month", "Month"),
            Column::money("amount", "Amount"),
            Column::state("state", "State"),
            Column::text("note", "Note"),
        ];
    }

    #[test]
    fn a_listing_is_one_serialization_shown_three_ways() {
        let rows = [Paid { month: "2027-01", amount: Money::from_cents(120_250), state: "paid", note: None }];
        let listing = Listing::of(&rows, "none");
        assert_eq!(
            listing.to_json(),
            serde_json::json!([{"month": "2027-01", "amount": "1202.50", "state": "paid", "note": null}])
        );
        assert_eq!(listing.to_csv(), "month,amount,state,note\n2027-01,1202.50,paid,\n");
        let table = listing.table(false);
        assert!(table.contains("$1,202.50") && table.contains(" - "), "{table}");
        assert!(!table.contains('\x1b'), "no colour unless asked: {table}");
        assert!(listing.table(true).contains('\x1b'), "a state in colour when asked");
    }

    #[test]
    fn a_listing_written_row_by_row_is_the_same_document() {
        let row =
            |month, cents| Paid { month, amount: Money::from_cents(cents), state: "open", note: Some("a\u{1b}b") };
        for rows in [vec![], vec![row("2027-01", 1)], vec![row("2027-01", 1), row("2027-02", 2)]] {
            let whole = Listing::of(&rows, "none");
            let owned = Listing::owned(rows, "none");
            let mut written = Vec::new();
            owned.write_json(&mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), pretty(&whole.to_json()) + "\n");
            assert_eq!(owned.to_csv(), whole.to_csv());
        }
    }

    #[test]
    fn a_footer_and_a_note_show_in_the_table_only() {
        let rows = [Paid { month: "2027-01", amount: Money::from_cents(100), state: "paid", note: None }];
        let total = [Paid { month: "total", amount: Money::from_cents(100), state: "", note: None }];
        let listing = Listing::of(&rows, "none").footer(&total).note("chart\u{1b}");
        let table = listing.table(false);
        assert!(table.contains("total") && table.ends_with("chart\\x1b"), "{table}");
        assert_eq!(listing.to_json().as_array().unwrap().len(), 1);
        assert!(!listing.to_csv().contains("total"));
    }

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
