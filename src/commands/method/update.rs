//! `method update ID`: change a method in place, keeping its id.

use anyhow::Result;
use clap::Args;

use super::add::{bank_method, card_method, check_holder, check_nickname, check_zip, BankArgs, CardArgs};
use super::{find, label, method_view};
use crate::cli::choice;
use crate::commands::Outcome;
use crate::context::Context;
use crate::core::alert::MethodChange;
use crate::core::method::{parse_expiry, BankKind, Brand};
use crate::core::policy::MethodKind;
use crate::error::{bail_invalid, invalid};
use crate::ledger::audit;
use crate::ledger::methods::{self, Method};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The method's id
    pub id: i64,
    #[arg(long)]
    pub nickname: Option<String>,
    #[arg(long, value_name = "H")]
    pub holder: Option<String>,
    /// Cards: a new expiry, MM/YY
    #[arg(long, value_name = "MM/YY")]
    pub exp: Option<String>,
    /// Cards: billing ZIP code
    #[arg(long, value_name = "Z")]
    pub zip: Option<String>,
    /// Cards: a new number (`-` reads it from stdin): a new token
    #[arg(long, value_name = "N")]
    pub number: Option<String>,
    /// Banks: a new routing number (with --account-number): a new token and a new verification
    #[arg(long, value_name = "R", requires = "account_number")]
    pub routing: Option<String>,
    /// Banks: a new account number (`-` reads it from stdin)
    #[arg(long, value_name = "N")]
    pub account_number: Option<String>,
    /// Banks: the kind of bank account
    #[arg(long, value_name = "KIND", value_parser = choice::<BankKind>())]
    pub kind: Option<BankKind>,
}

pub fn run(ctx: &Context, args: UpdateArgs) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let (account, method) = find(ctx, ledger.conn(), args.id)?;
    let card_only = args.exp.is_some() || args.zip.is_some() || args.number.is_some();
    let bank_only = args.routing.is_some() || args.account_number.is_some() || args.kind.is_some();
    match method.kind() {
        MethodKind::Bank if card_only => {
            bail_invalid!("method {} is a bank account: --exp, --zip and --number are for cards", method.id)
        }
        MethodKind::Card if bank_only => {
            bail_invalid!("method {} is a card: --routing, --account-number and --kind are for banks", method.id)
        }
        _ => {}
    }
    let holder = args.holder.as_deref().map(check_holder).transpose()?.unwrap_or_else(|| method.holder.clone());
    let nickname =
        if args.nickname.is_some() { check_nickname(args.nickname.clone())? } else { method.nickname.clone() };
    // Unique per update: the token being replaced names this one.
    let key = format!("tokenize:{}:{}:replace:{}", account.handle, method.id, method.token);
    let updated = if args.number.is_some() || args.account_number.is_some() {
        // New numbers: a new token (and, for a bank, a new verification).
        let gateway = ctx.gateway(&ledger)?;
        let new = match method.brand {
            Brand::Card(_) => {
                let exp = args
                    .exp
                    .clone()
                    .or(method.exp.map(|e| e.to_string()))
                    .ok_or_else(|| invalid("--exp is required"))?;
                let card = CardArgs {
                    number: args.number,
                    exp,
                    holder: holder.clone(),
                    zip: args.zip.or(method.zip.clone()),
                    nickname: None,
                };
                card_method(ctx, method.account_id, card, gateway.as_ref(), &key)?
            }
            Brand::Bank(kind) => {
                let bank = BankArgs {
                    routing: args.routing.or(method.routing.clone()).unwrap_or_default(),
                    account_number: args.account_number,
                    kind: args.kind.unwrap_or(kind),
                    holder: holder.clone(),
                    nickname: None,
                };
                bank_method(method.account_id, bank, gateway.as_ref(), &key)?
            }
        };
        Method { id: method.id, nickname, ..new }
    } else {
        let exp = match &args.exp {
            Some(text) => Some(parse_expiry(text, ctx.as_of).map_err(|e| invalid(e.to_string()))?),
            None => method.exp,
        };
        let zip = if args.zip.is_some() { check_zip(args.zip)? } else { method.zip.clone() };
        Method { nickname, exp, holder, zip, ..method.clone() }
    };
    let detail = format!("method {}: updated, now {} ({})", method.id, label(&updated), updated.state);
    ledger.write(|tx| {
        methods::replace(tx, &updated, ctx.as_of)?;
        audit::append(tx, ctx.clock(), Some(account.rowid), "method update", &detail)?;
        super::notify(ctx, tx, &account, &updated, MethodChange::Updated)
    })?;
    let method = methods::get(ledger.conn(), method.id)?.expect("exists");
    let text = format!("updated method {} ({}, {})", method.id, label(&method), method.state);
    Ok(Output::done(text, &method_view(&method, ctx.as_of)).into())
}
