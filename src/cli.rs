//! The clap tree: global flags and the top-level commands.

use std::ffi::OsStr;
use std::io::Write as _;
use std::marker::PhantomData;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};
use strum::VariantNames;

use crate::commands::{account, import, plan};
use crate::core::dates::parse_date;
use crate::core::method::{echo_safe, mask_digit_runs};
use crate::core::text::{self, escape, excerpt};

#[derive(Debug, Parser)]
#[command(
    name = "hcpay",
    version,
    about = "Keep health-insurance premium payments in order, from a shell",
    long_about = "Keep health-insurance premium payments in order, from a shell.\n\n\
        hcpay keeps one ledger (a SQLite file) of accounts, their billed lines (health, \
        dental), rate periods, bills and payments, and applies the exchange's rules \
        (by default the Massachusetts Health Connector's): due dates, grace periods, \
        termination for non-payment.\n\n\
        Start with `hcpay demo` for a tour on a sandbox ledger.",
    after_help = "Exit codes: 0 done, 1 failed, 2 invalid input (nothing changed), \
        3 a payment or a scheduler draft declined (or returned), 4 needs attention (`status --check` found \
        something past due, `reconcile` found differences), 75 try again later (another scheduler run holds the \
        lock, or a gateway did not answer)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]
    #[arg(long, global = true, env = "HCPAY_LEDGER", value_name = "PATH")]
    pub ledger: Option<PathBuf>,

    /// The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]
    #[arg(long, global = true, env = "HCPAY_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Act as if today were this date (simulations, catch-up, tests) [default: today]
    #[arg(long, global = true, env = "HCPAY_TODAY", value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub as_of: Option<NaiveDate>,

    /// The account to act on; may be left out when the ledger holds just one
    #[arg(long, global = true, env = "HCPAY_ACCOUNT", value_name = "ID")]
    pub account: Option<String>,

    /// Output format (csv on list commands)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Short for --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Never prompt; take the default answer to every question
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,

    /// Print only results and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail, and the cause chain of errors
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// No colors (also when NO_COLOR is set)
    #[arg(long, global = true)]
    pub no_color: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the config file and the ledger if absent, and say where they are
    Init,
    /// A sample household in a fresh ledger: a year on autopay (a decline and its retry, a bank return, a one-time payment)
    Demo,
    /// Households: add, list, show
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// Rate periods: enroll, renew, report a change, end coverage
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Payment methods: bank accounts and cards (tokens and last four digits only)
    #[command(subcommand)]
    Method(crate::commands::method::MethodCommand),
    /// Bulk load from CSV (all-or-nothing; errors name the row)
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The quick look: amount due, past due, next due, coverage per line (--all: every account)
    Status(crate::commands::status::StatusArgs),
    /// Print only the amount due now (e.g. 202.00), for scripts
    Balance,
    /// Bills: month, due date, amount, paid, left, state
    Bills(crate::commands::bills::BillsArgs),
    /// Pay now through the gateway (`due`, `ahead` or an amount), or record a payment made elsewhere
    Pay(crate::commands::pay::PayArgs),
    /// Send credit that is no longer needed back to the method a payment came from
    Refund(crate::commands::refund::RefundArgs),
    /// Void a recorded payment entered by mistake (its money leaves the bills it paid)
    Void(crate::commands::refund::VoidArgs),
    /// One payment in full: amount, method, confirmation, what it paid, when it settled
    Receipt(crate::commands::receipt::ReceiptArgs),
    /// Everything that happened, newest first (or --upcoming: what is ahead)
    History(crate::commands::history::HistoryArgs),
    /// Draft every bill on its draft day from a verified method: enable, disable, status
    #[command(subcommand)]
    Autopay(crate::commands::autopay::AutopayCommand),
    /// The unattended run from cron (drafts, retries, returns, alerts): run, status, cron-line
    #[command(subcommand)]
    Scheduler(crate::commands::scheduler::SchedulerCommand),
    /// What you should know: list (the default), acknowledge and test alerts
    Alerts(crate::commands::alerts::AlertsArgs),
    /// Compare the exchange's payment history (CSV) with the ledger: payments missing on
    /// either side, amounts or dates that differ (exit 4 when they differ)
    Reconcile(crate::commands::reconcile::ReconcileArgs),
    /// Bills and payments for other tools: a journal for hledger and ledger (`export journal`)
    #[command(subcommand)]
    Export(crate::commands::export::ExportCommand),
    /// A consistent copy of the ledger, made while other commands may be writing (SQLite's backup API)
    Backup(crate::commands::backup::BackupArgs),
    /// What the tax forms ask: the year month by month (`report year`)
    #[command(subcommand)]
    Report(crate::commands::report::ReportCommand),
    /// Print a shell completion script (the files committed under completions/)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page hcpay(1); with --dir, write every page (the files under man/)
    Man {
        /// Write hcpay.1 and hcpay-COMMAND.1 for every command into this directory
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

impl Cli {
    /// Parses the command line. A usage error shows at most an excerpt of
    /// the argument it refuses, with its control characters escaped: clap
    /// would echo a 50 MB argument, or an ESC sequence, as it is.
    pub fn parse_args() -> Cli {
        let mut err = match Cli::try_parse() {
            Ok(cli) => return cli,
            Err(err) => err,
        };
        if !err.use_stderr() {
            err.exit(); // --help, --version
        }
        for kind in [ContextKind::InvalidArg, ContextKind::InvalidValue, ContextKind::InvalidSubcommand] {
            if let Some(ContextValue::String(value)) = err.get(kind) {
                // A card number typed in the wrong place is not echoed, not even masked.
                let masked = mask_digit_runs(value, 8);
                let shown = if masked == *value { excerpt(value) } else { "…".to_string() };
                if shown != *value {
                    err.insert(kind, ContextValue::String(shown));
                    // Its tips repeat the argument whole.
                    err.remove(ContextKind::Suggested);
                }
            }
        }
        let text = escape(&err.render().to_string(), true).into_owned();
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        std::process::exit(err.exit_code());
    }
}

pub fn date_arg(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.to_string())
}

pub fn month_arg(text: &str) -> Result<crate::core::dates::Month, String> {
    crate::core::dates::Month::parse(text).map_err(|e| e.to_string())
}

pub fn amount_arg(text: &str) -> Result<crate::core::money::Money, String> {
    crate::core::money::Money::parse_amount(text).map_err(|e| e.to_string())
}

pub fn payment_arg(text: &str) -> Result<crate::core::money::Money, String> {
    crate::core::money::Money::parse_payment(text).map_err(|e| e.to_string())
}

/// A value parser for one of an enum's names: `--help` and the completions
/// list the choices, and anything else is a usage error that names them.
pub fn choice<T>() -> Choice<T> {
    Choice(PhantomData)
}

/// See `choice`. Unlike clap's own parser, its error masks a long run of
/// digits: an account number typed into `--kind` is not printed back.
pub struct Choice<T>(PhantomData<fn() -> T>);

impl<T> Clone for Choice<T> {
    fn clone(&self) -> Self {
        Choice(PhantomData)
    }
}

impl<T> TypedValueParser for Choice<T>
where
    T: FromStr + VariantNames + Clone + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        text.trim().parse().map_err(|_| {
            let mut err = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            let arg = arg.map_or_else(|| "...".to_string(), ToString::to_string);
            err.insert(ContextKind::InvalidArg, ContextValue::String(arg));
            err.insert(ContextKind::InvalidValue, ContextValue::String(excerpt(&echo_safe(&text))));
            let names = T::VARIANTS.iter().map(ToString::to_string).collect();
            err.insert(ContextKind::ValidValue, ContextValue::Strings(names));
            err
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::VARIANTS.iter().map(|name| PossibleValue::new(*name))))
    }
}

/// A plan's or a carrier's name: printable, at most `NAME_MAX` characters.
pub fn name_arg(value: &str) -> Result<String, String> {
    text::check(value, text::NAME_MAX)
}

/// A memo or a reason: printable, at most `MEMO_MAX` characters.
pub fn memo_arg(value: &str) -> Result<String, String> {
    text::check(value, text::MEMO_MAX)
}

/// An idempotency key: printable, at most `KEY_MAX` characters.
pub fn key_arg(value: &str) -> Result<String, String> {
    text::check(value, text::KEY_MAX)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_clap_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
