//! `method add|list|show|verify|update|default|remove` (DESIGN §3, §4):
//! validation, verification, JSON fields, and ids that stay put.

use serde_json::{json, Value};

use crate::common::{assert_has_keys, bank_added, card_added, Env, Run};

const TODAY: &str = "2027-01-05";
const VISA: &str = "4242424242424242";
const MASTERCARD: &str = "5555555555554444";
const ROUTING: &str = "110000000";
const ACCOUNT: &str = "000123456789";

/// The fields DESIGN §3 promises for `method add`/`show` and `method list` rows.
const FIELDS: &[&str] = &["id", "kind", "nickname", "brand", "last4", "exp", "state", "default"];

fn env_with_account() -> Env {
    let env = Env::new();
    env.add_account("smith", TODAY);
    env
}

fn add_card(env: &Env, number: &str, exp: &str) -> Value {
    card_added(env, TODAY, number, exp)
}

fn add_bank(env: &Env, account: &str) -> Value {
    bank_added(env, TODAY, account)
}

/// `run` with these arguments added.
fn with<'e>(run: Run<'e>, args: &[&str]) -> Run<'e> {
    run.args(args)
}

fn list(env: &Env, as_of: &str) -> Value {
    env.json(as_of, &["method", "list"])
}

fn show(env: &Env, id: i64) -> Value {
    env.json(TODAY, &["method", "show", &id.to_string()])
}

fn id(method: &Value) -> i64 {
    method["id"].as_i64().unwrap_or_else(|| panic!("no id in {method}"))
}

/// The gateway token the ledger keeps for a method (never shown by hcpay).
fn token(env: &Env, id: i64) -> String {
    let conn = rusqlite::Connection::open(env.ledger()).expect("open the ledger");
    conn.query_row("SELECT token FROM methods WHERE id = ?1", [id], |r| r.get(0)).expect("the method's token")
}

/// An account with a card on file and a bill open (January, 202.00) on 2026-12-15.
fn household_with_bill() -> Env {
    let env = Env::new();
    env.enroll("smith", "2026-12-01", "2027-01", "612", "410");
    env
}

// ----- cards -----

#[test]
fn a_card_is_verified_at_once_and_the_first_method_is_the_default() {
    let env = env_with_account();
    let visa = add_card(&env, VISA, "12/30");
    assert_has_keys(&visa, FIELDS);
    assert_eq!(visa["kind"], "card");
    assert_eq!(visa["brand"], "Visa");
    assert_eq!(visa["last4"], "4242");
    assert_eq!(visa["exp"], "12/30");
    assert_eq!(visa["state"], "verified");
    assert_eq!(visa["default"], true);
    assert_eq!(visa["nickname"], Value::Null);

    let mastercard = env
        .run(&[
            "method",
            "add",
            "card",
            "--number",
            MASTERCARD,
            "--exp",
            "03/29",
            "--holder",
            "Jo Smith",
            "--zip",
            "02108",
            "--nickname",
            "travel",
        ])
        .arg("--json")
        .as_of(TODAY)
        .json();
    assert_eq!(mastercard["brand"], "Mastercard");
    assert_eq!(mastercard["last4"], "4444");
    assert_eq!(mastercard["nickname"], "travel");
    assert_eq!(mastercard["default"], false, "only the first method is the default");
    assert_ne!(id(&mastercard), id(&visa));

    // The sandbox's declining card still verifies: it declines only when charged.
    let declining = add_card(&env, "4000000000000002", "12/30");
    assert_eq!(declining["state"], "verified");
    assert_eq!(declining["last4"], "0002");

    let rows = list(&env, TODAY);
    let rows = rows.as_array().expect("method list is an array");
    assert_eq!(rows.len(), 3);
    for row in rows {
        assert_has_keys(row, FIELDS);
    }
    let summary: Vec<(i64, &str, &str, bool)> = rows
        .iter()
        .map(|r| (id(r), r["brand"].as_str().unwrap(), r["last4"].as_str().unwrap(), r["default"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            (id(&visa), "Visa", "4242", true),
            (id(&mastercard), "Mastercard", "4444", false),
            (id(&declining), "Visa", "0002", false),
        ]
    );

    let shown = show(&env, id(&mastercard));
    assert_has_keys(&shown, FIELDS);
    for key in FIELDS {
        assert_eq!(shown[key], mastercard[key], "`method show` and `method add` differ on {key}");
    }

    let table = env.run(&["method", "list"]).as_of(TODAY).ok();
    assert!(table.contains("4242") && table.contains("Mastercard"), "{table}");
}

#[test]
fn invalid_cards_exit_2_and_add_nothing() {
    let env = env_with_account();
    add_card(&env, VISA, "12/30");
    let before = list(&env, TODAY);
    let cases: &[(&[&str], &str)] = &[
        // Luhn failure
        (&["--number", "4242424242424241", "--exp", "12/30"], "checksum"),
        // Visa of 12 digits
        (&["--number", "424242424242", "--exp", "12/30"], "12 digits"),
        // Mastercard of 15 digits (Luhn-valid)
        (&["--number", "555555555555557", "--exp", "12/30"], "15 digits"),
        // No known brand (Luhn-valid)
        (&["--number", "9242424242424240", "--exp", "12/30"], "not a Visa"),
        (&["--number", "4242-4242-4242-424x", "--exp", "12/30"], "only digits"),
        // Expiry in the past, relative to --as-of (last month)
        (&["--number", VISA, "--exp", "12/26"], "past"),
        (&["--number", VISA, "--exp", "13/30"], "13/30"),
        (&["--number", VISA, "--exp", "1230"], "1230"),
        (&["--number", VISA, "--exp", "12/30", "--zip", "123"], "ZIP"),
        (&["--number", VISA, "--exp", "12/30", "--zip", "0210A"], "ZIP"),
    ];
    for (args, needle) in cases {
        with(env.run(&["method", "add", "card", "--holder", "Jo Smith"]), args).as_of(TODAY).rejected(&[needle]);
    }
    assert_eq!(list(&env, TODAY), before, "a refused card was added");
}

#[test]
fn a_card_expiring_this_month_is_taken() {
    let env = env_with_account();
    let card = add_card(&env, VISA, "01/27");
    assert_eq!(card["state"], "verified");
    assert_eq!(card["exp"], "01/27");
}

#[test]
fn a_card_past_its_expiry_month_is_expired_and_cannot_pay() {
    let env = household_with_bill();
    let card = env
        .run(&["method", "add", "card", "--number", VISA, "--exp", "02/27", "--holder", "Jo Smith"])
        .arg("--json")
        .as_of("2027-01-05")
        .json();
    assert_eq!(card["state"], "verified");

    let feb = list(&env, "2027-02-28");
    assert_eq!(feb[0]["state"], "verified", "valid through the end of its month: {feb:#}");
    let march = list(&env, "2027-03-01");
    assert_eq!(march[0]["state"], "expired", "{march:#}");
    let shown = env.json("2027-03-01", &["method", "show", &id(&card).to_string()]);
    assert_eq!(shown["state"], "expired");

    env.run(&["pay", "10", "--yes"]).as_of("2027-03-01").rejected(&["expired"]);
    let id = id(&card).to_string();
    env.run(&["pay", "10", "--yes", "--method", &id]).as_of("2027-03-01").rejected(&["expired"]);

    // The renewed card's new expiry makes it usable again, same id.
    let renewed = env.run(&["method", "update", &id, "--exp", "02/30"]).arg("--json").as_of("2027-03-01").json();
    assert_eq!(renewed["state"], "verified");
    assert_eq!(renewed["id"], card["id"]);
    assert_eq!(list(&env, "2027-03-01")[0]["state"], "verified");
}

#[test]
fn the_policy_can_refuse_cards() {
    let env = env_with_account();
    env.write_config("[policy]\naccepted_methods = [\"bank\"]\n");
    env.run(&["method", "add", "card", "--number", VISA, "--exp", "12/30", "--holder", "Jo Smith"])
        .as_of(TODAY)
        .rejected(&["card"]);
    assert_eq!(list(&env, TODAY), json!([]));
    let bank = add_bank(&env, ACCOUNT);
    assert_eq!(bank["kind"], "bank");

    env.write_config("[policy]\naccepted_methods = [\"card\"]\n");
    env.run(&[
        "method",
        "add",
        "bank",
        "--routing",
        ROUTING,
        "--account-number",
        ACCOUNT,
        "--kind",
        "checking",
        "--holder",
        "Jo Smith",
    ])
    .as_of(TODAY)
    .rejected(&["bank"]);
}

// ----- banks -----

#[test]
fn a_bank_account_awaits_its_micro_deposits() {
    let env = env_with_account();
    let bank = add_bank(&env, ACCOUNT);
    assert_has_keys(&bank, FIELDS);
    assert_eq!(bank["kind"], "bank");
    assert_eq!(bank["brand"], "checking");
    assert_eq!(bank["last4"], "6789");
    assert_eq!(bank["exp"], Value::Null);
    assert_eq!(bank["state"], "unverified");
    assert_eq!(bank["default"], true);

    // In either order.
    let bank_id = id(&bank).to_string();
    let verified = env.run(&["method", "verify", &bank_id, "--amounts", "0.45,0.32"]).arg("--json").as_of(TODAY).json();
    assert_eq!(verified["state"], "verified");
    assert_eq!(verified["id"], bank["id"]);
    assert_eq!(show(&env, id(&bank))["state"], "verified");

    let other = add_bank(&env, "000987654321");
    let other_id = id(&other).to_string();
    env.run(&["method", "verify", &other_id, "--amounts", "0.32,0.45"]).as_of(TODAY).ok();
    assert_eq!(show(&env, id(&other))["state"], "verified");
}

#[test]
fn invalid_bank_accounts_exit_2_and_add_nothing() {
    let env = env_with_account();
    let cases: &[(&str, &str, &str, &str)] = &[
        ("110000001", ACCOUNT, "checking", "checksum"),
        ("11000000", ACCOUNT, "checking", "9 digits"),
        (ROUTING, "123", "checking", "it has 3"),
        (ROUTING, "123456789012345678", "checking", "it has 18"),
        (ROUTING, "12345x789", "checking", "only digits"),
        (ROUTING, ACCOUNT, "brokerage", "brokerage"),
    ];
    for (routing, account, kind, needle) in cases {
        env.run(&[
            "method",
            "add",
            "bank",
            "--routing",
            routing,
            "--account-number",
            account,
            "--kind",
            kind,
            "--holder",
            "Jo Smith",
        ])
        .as_of(TODAY)
        .rejected(&[needle]);
    }
    assert_eq!(list(&env, TODAY), json!([]));
    // The shortest and longest account numbers are taken.
    assert_eq!(add_bank(&env, "1234")["last4"], "1234");
    assert_eq!(add_bank(&env, "12345678901234567")["last4"], "4567");
}

#[test]
fn three_wrong_tries_lock_a_bank_account() {
    let env = env_with_account();
    let bank = add_bank(&env, ACCOUNT);
    let bank_id = id(&bank).to_string();
    let verify = |amounts: &str| env.run(&["method", "verify", &bank_id, "--amounts", amounts]).as_of(TODAY);
    verify("0.11,0.12").fails(2, &["do not match"]);
    assert_eq!(show(&env, id(&bank))["state"], "unverified");
    verify("0.32,0.46").fails(2, &["do not match"]);
    assert_eq!(show(&env, id(&bank))["state"], "unverified");
    verify("0.45,0.33").fails(2, &["do not match"]);
    assert_eq!(show(&env, id(&bank))["state"], "verification_failed");
    // Locked: even the right amounts are refused, and nothing changes.
    verify("0.32,0.45").rejected(&["locked"]);
    assert_eq!(show(&env, id(&bank))["state"], "verification_failed");
    assert_eq!(list(&env, TODAY)[0]["state"], "verification_failed");
    env.run(&["pay", "10", "--yes", "--method", &bank_id]).as_of(TODAY).rejected(&["verification_failed"]);
}

#[test]
fn verify_refuses_cards_bad_amounts_and_unknown_ids() {
    let env = env_with_account();
    let card = add_card(&env, VISA, "12/30");
    let card_id = id(&card).to_string();
    env.run(&["method", "verify", &card_id, "--amounts", "0.32,0.45"]).as_of(TODAY).rejected(&["card"]);
    let bank = add_bank(&env, ACCOUNT);
    let bank_id = id(&bank).to_string();
    for amounts in ["0.32", "0.32,0.45,0.10", "1.32,0.45", "-0.32,0.45", "abc,0.45"] {
        env.run(&["method", "verify", &bank_id, "--amounts", amounts]).as_of(TODAY).rejected(&["--amounts"]);
    }
    // Malformed amounts are not wrong tries: the right ones still verify.
    env.run(&["method", "verify", &bank_id, "--amounts", "0.32,0.45"]).as_of(TODAY).ok();
    env.run(&["method", "verify", "99", "--amounts", "0.32,0.45"]).as_of(TODAY).rejected(&["no method 99"]);
}

#[test]
fn an_unverified_bank_cannot_pay() {
    let env = household_with_bill();
    env.run(&[
        "method",
        "add",
        "bank",
        "--routing",
        ROUTING,
        "--account-number",
        ACCOUNT,
        "--kind",
        "savings",
        "--holder",
        "Jo Smith",
    ])
    .as_of("2026-12-15")
    .ok();
    env.run(&["pay", "10", "--yes"]).as_of("2026-12-15").rejected(&["not verified", "method verify"]);
    env.run(&["method", "verify", "1", "--amounts", "0.32,0.45"]).as_of("2026-12-15").ok();
    let paid = env.run(&["pay", "10", "--yes"]).arg("--json").as_of("2026-12-15").json();
    assert_eq!(paid["status"], "succeeded", "{paid:#}");
}

// ----- numbers from stdin -----

#[test]
fn numbers_can_come_from_stdin() {
    let env = env_with_account();
    let card = env
        .run(&["method", "add", "card", "--number", "-", "--exp", "12/30", "--holder", "Jo Smith"])
        .arg("--json")
        .stdin(&format!("{MASTERCARD}\n"))
        .as_of(TODAY)
        .json();
    assert_eq!(card["brand"], "Mastercard");
    assert_eq!(card["last4"], "4444");

    let bank = env
        .run(&[
            "method",
            "add",
            "bank",
            "--routing",
            ROUTING,
            "--account-number",
            "-",
            "--kind",
            "savings",
            "--holder",
            "Jo Smith",
        ])
        .arg("--json")
        .stdin("000123456789\n")
        .as_of(TODAY)
        .json();
    assert_eq!(bank["brand"], "savings");
    assert_eq!(bank["last4"], "6789");
    assert_eq!(bank["state"], "unverified");
}

#[test]
fn a_number_from_stdin_is_validated_and_an_empty_stdin_is_refused() {
    let env = env_with_account();
    env.run(&["method", "add", "card", "--number", "-", "--exp", "12/30", "--holder", "Jo Smith"])
        .stdin("4242424242424241\n")
        .as_of(TODAY)
        .rejected(&["checksum"]);
    env.run(&["method", "add", "card", "--number", "-", "--exp", "12/30", "--holder", "Jo Smith"])
        .as_of(TODAY)
        .rejected(&["--number", "standard input"]);
    env.run(&[
        "method",
        "add",
        "bank",
        "--routing",
        ROUTING,
        "--account-number",
        "-",
        "--kind",
        "checking",
        "--holder",
        "Jo Smith",
    ])
    .stdin("\n")
    .as_of(TODAY)
    .rejected(&["--account-number", "standard input"]);
    assert_eq!(list(&env, TODAY), json!([]));
}

// ----- update -----

#[test]
fn update_keeps_the_id_and_a_new_card_number_gets_a_new_token() {
    let env = env_with_account();
    let card = add_card(&env, VISA, "12/30");
    let card_id = id(&card).to_string();
    let first_token = token(&env, id(&card));

    let updated = env.run(&["method", "update", &card_id, "--exp", "01/30"]).arg("--json").as_of(TODAY).json();
    assert_eq!(updated["id"], card["id"]);
    assert_eq!(updated["exp"], "01/30");
    assert_eq!(updated["last4"], "4242");
    assert_eq!(updated["default"], true);
    assert_eq!(token(&env, id(&card)), first_token, "a new expiry is not a new card");

    let renumbered = env.run(&["method", "update", &card_id, "--number", MASTERCARD]).arg("--json").as_of(TODAY).json();
    assert_eq!(renumbered["id"], card["id"]);
    assert_eq!(renumbered["last4"], "4444");
    assert_eq!(renumbered["brand"], "Mastercard");
    assert_eq!(renumbered["exp"], "01/30", "the expiry is kept");
    assert_eq!(renumbered["state"], "verified");
    assert_eq!(renumbered["default"], true);
    let second_token = token(&env, id(&card));
    assert_ne!(second_token, first_token, "a new number needs a new token");

    // From stdin too.
    let again = env
        .run(&["method", "update", &card_id, "--number", "-", "--exp", "06/31"])
        .arg("--json")
        .stdin("4000056655665556\n")
        .as_of(TODAY)
        .json();
    assert_eq!(again["id"], card["id"]);
    assert_eq!(again["last4"], "5556");
    assert_eq!(again["exp"], "06/31");
    assert_ne!(token(&env, id(&card)), second_token);

    let rows = list(&env, TODAY);
    assert_eq!(rows.as_array().unwrap().len(), 1, "update added a method: {rows:#}");
}

#[test]
fn a_bad_update_changes_nothing() {
    let env = env_with_account();
    let card = add_card(&env, VISA, "12/30");
    let card_id = id(&card).to_string();
    let bank = add_bank(&env, ACCOUNT);
    let bank_id = id(&bank).to_string();
    let cases: &[(&str, &[&str], &str)] = &[
        (&card_id, &["--number", "4242424242424241"], "checksum"),
        (&card_id, &["--exp", "12/26"], "past"),
        (&card_id, &["--zip", "1"], "ZIP"),
        // Bank-only flags on a card, card-only flags on a bank.
        (&card_id, &["--routing", ROUTING, "--account-number", ACCOUNT], "card"),
        (&card_id, &["--kind", "savings"], "card"),
        (&bank_id, &["--exp", "01/30"], "bank"),
        (&bank_id, &["--number", MASTERCARD], "bank"),
        (&bank_id, &["--zip", "02108"], "bank"),
        (&bank_id, &["--routing", "110000001", "--account-number", ACCOUNT], "checksum"),
        (&bank_id, &["--account-number", "123"], "it has 3"),
        // A routing number alone is not a new account: clap wants --account-number.
        (&bank_id, &["--routing", ROUTING], "--account-number"),
        ("99", &["--exp", "01/30"], "no method 99"),
    ];
    for (method, args, needle) in cases {
        with(env.run(&["method", "update", method]), args).as_of(TODAY).rejected(&[needle]);
    }
    assert_eq!(show(&env, id(&card))["last4"], "4242");
}

#[test]
fn a_bank_with_a_new_account_number_must_be_verified_again() {
    let env = env_with_account();
    let bank = add_bank(&env, ACCOUNT);
    let bank_id = id(&bank).to_string();
    env.run(&["method", "verify", &bank_id, "--amounts", "0.32,0.45"]).as_of(TODAY).ok();
    let first_token = token(&env, id(&bank));

    // A new nickname is not a new account: still verified.
    let renamed = env.run(&["method", "update", &bank_id, "--nickname", "household"]).arg("--json").as_of(TODAY).json();
    assert_eq!(renamed["state"], "verified");
    assert_eq!(renamed["nickname"], "household");

    let moved = env
        .run(&["method", "update", &bank_id, "--routing", ROUTING, "--account-number", "000987654321"])
        .arg("--json")
        .as_of(TODAY)
        .json();
    assert_eq!(moved["id"], bank["id"]);
    assert_eq!(moved["last4"], "4321");
    assert_eq!(moved["state"], "unverified");
    assert_eq!(moved["nickname"], "household");
    assert_ne!(token(&env, id(&bank)), first_token);

    env.run(&["method", "verify", &bank_id, "--amounts", "0.45,0.32"]).as_of(TODAY).ok();
    assert_eq!(show(&env, id(&bank))["state"], "verified");
}

#[test]
fn a_new_account_number_gives_a_locked_bank_three_fresh_tries() {
    let env = env_with_account();
    let bank = add_bank(&env, ACCOUNT);
    let bank_id = id(&bank).to_string();
    for _ in 0..3 {
        env.run(&["method", "verify", &bank_id, "--amounts", "0.10,0.20"]).as_of(TODAY).fails(2, &["do not match"]);
    }
    assert_eq!(show(&env, id(&bank))["state"], "verification_failed");
    env.run(&["method", "update", &bank_id, "--routing", ROUTING, "--account-number", "000987654321"])
        .as_of(TODAY)
        .ok();
    assert_eq!(show(&env, id(&bank))["state"], "unverified");
    env.run(&["method", "verify", &bank_id, "--amounts", "0.10,0.20"]).as_of(TODAY).fails(2, &["2 tries left"]);
    assert_eq!(show(&env, id(&bank))["state"], "unverified");
}

// ----- default and remove -----

#[test]
fn default_moves_and_remove_hides_a_method() {
    let env = env_with_account();
    let visa = add_card(&env, VISA, "12/30");
    let mastercard = add_card(&env, MASTERCARD, "12/30");
    let mc_id = id(&mastercard).to_string();

    let made = env.run(&["method", "default", &mc_id]).arg("--json").as_of(TODAY).json();
    assert_eq!(made["default"], true);
    let defaults: Vec<(i64, bool)> =
        list(&env, TODAY).as_array().unwrap().iter().map(|m| (id(m), m["default"].as_bool().unwrap())).collect();
    assert_eq!(defaults, [(id(&visa), false), (id(&mastercard), true)]);

    let visa_id = id(&visa).to_string();
    env.run(&["method", "remove", &visa_id]).as_of(TODAY).ok();
    let rows = list(&env, TODAY);
    let ids: Vec<i64> = rows.as_array().unwrap().iter().map(id).collect();
    assert_eq!(ids, [id(&mastercard)], "a removed method is still listed");
    env.run(&["method", "show", &visa_id]).arg("--json").as_of(TODAY).rejected(&[&format!("no method {visa_id}")]);
    env.run(&["method", "remove", &visa_id]).as_of(TODAY).rejected(&["no method"]);
    env.run(&["method", "default", &visa_id]).as_of(TODAY).rejected(&["no method"]);
    env.run(&["method", "update", &visa_id, "--exp", "01/30"]).as_of(TODAY).rejected(&["no method"]);
    env.run(&["pay", "10", "--yes", "--method", &visa_id]).as_of(TODAY).rejected(&["no method"]);
}

#[test]
fn unknown_method_ids_exit_2() {
    let env = env_with_account();
    add_card(&env, VISA, "12/30");
    for args in [
        &["method", "show", "99"][..],
        &["method", "default", "99"],
        &["method", "remove", "99"],
        &["method", "update", "99", "--nickname", "x"],
        &["method", "verify", "99", "--amounts", "0.32,0.45"],
    ] {
        env.run(args).as_of(TODAY).rejected(&["no method 99"]);
    }
    // Not a number at all: clap's usage error, still exit 2.
    env.run(&["method", "show", "abc"]).as_of(TODAY).rejected(&["abc"]);
}

#[test]
fn another_accounts_method_is_not_yours() {
    let env = env_with_account();
    let card = add_card(&env, VISA, "12/30");
    env.add_account("jones", TODAY);
    let card_id = id(&card).to_string();
    for args in [&["method", "show", &card_id][..], &["method", "default", &card_id], &["method", "remove", &card_id]] {
        env.run(args).account("jones").as_of(TODAY).rejected(&["no method", "jones"]);
    }
    let theirs = env.run(&["method", "list"]).arg("--json").account("jones").as_of(TODAY).json();
    assert_eq!(theirs, json!([]));
    let mine = env.run(&["method", "list"]).arg("--json").account("smith").as_of(TODAY).json();
    assert_eq!(mine[0]["default"], true);
}
