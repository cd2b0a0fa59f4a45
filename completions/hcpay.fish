# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hcpay_global_optspecs
    string join \n ledger= config= as-of= account= format= json y/yes q/quiet v/verbose no-color h/help V/version
end

function __fish_hcpay_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hcpay_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hcpay_using_subcommand
    set -l cmd (__fish_hcpay_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hcpay -n "__fish_hcpay_needs_command" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_needs_command" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_needs_command" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_needs_command" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_needs_command" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_needs_command" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_needs_command" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_needs_command" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_needs_command" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hcpay -n "__fish_hcpay_needs_command" -s V -l version -d 'Print version'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "init" -d 'Create the config file and the ledger if absent, and say where they are'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "demo" -d 'A sample household in a fresh ledger: a year on autopay (a decline and its retry, a bank return, a one-time payment)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "account" -d 'Households: add, list, show'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "plan" -d 'Rate periods: enroll, renew, report a change, end coverage'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "method" -d 'Payment methods: bank accounts and cards (tokens and last four digits only)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "import" -d 'Bulk load from CSV (all-or-nothing; errors name the row)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "status" -d 'The quick look: amount due, past due, next due, coverage per line (--all: every account)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "balance" -d 'Print only the amount due now (e.g. 202.00), for scripts'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "bills" -d 'Bills: month, due date, amount, paid, left, state'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "pay" -d 'Pay now through the gateway (`due`, `ahead` or an amount), or record a payment made elsewhere'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "refund" -d 'Send credit that is no longer needed back to the method a payment came from'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "void" -d 'Void a recorded payment entered by mistake (its money leaves the bills it paid)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "receipt" -d 'One payment in full: amount, method, confirmation, what it paid, when it settled'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "history" -d 'Everything that happened, newest first (or --upcoming: what is ahead)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "autopay" -d 'Draft every bill on its draft day from a verified method: enable, disable, status'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "scheduler" -d 'The unattended run from cron (drafts, retries, returns, alerts): run, status, cron-line'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "alerts" -d 'What you should know: list (the default), acknowledge and test alerts'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "reconcile" -d 'Compare the exchange\'s payment history (CSV) with the ledger: payments missing on either side, amounts or dates that differ (exit 4 when they differ)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "export" -d 'Bills and payments for other tools: a journal for hledger and ledger (`export journal`)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "backup" -d 'A consistent copy of the ledger, made while other commands may be writing (SQLite\'s backup API)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "report" -d 'What the tax forms ask: the year month by month (`report year`)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "completions" -d 'Print a shell completion script (the files committed under completions/)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "man" -d 'Print the man page hcpay(1); with --dir, write every page (the files under man/)'
complete -c hcpay -n "__fish_hcpay_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand init" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand demo" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -f -a "add" -d 'Add a household with a short handle (e.g. smith)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -f -a "list" -d 'List the accounts'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -f -a "show" -d 'One account in full, with its coverage as of the clock'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and not __fish_seen_subcommand_from add list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l name -d 'The household\'s name as the exchange knows it' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l member-id -d 'The exchange\'s member ID' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l email -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l phone -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a household with a short handle (e.g. smith)'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the accounts'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "show" -d 'One account in full, with its coverage as of the clock'
complete -c hcpay -n "__fish_hcpay_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -f -a "set" -d 'Add a rate period: an enrollment, a renewal or a life event'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -f -a "end" -d 'End coverage of a line (or every line) after a month'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -f -a "show" -d 'The rate periods of an account, oldest first'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and not __fish_seen_subcommand_from set end show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l line -d 'The billed coverage this rate is for' -r -f -a "health\t''
dental\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l from -d 'First coverage month at this rate' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l reported-on -d 'The day a change was reported: by the cutoff day it applies from next month, later from the month after' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l premium -d 'Gross monthly premium' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l aptc -d 'Monthly subsidy (advance premium tax credit)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l slcsp -d 'Benchmark premium (second-lowest-cost silver plan), for the tax report' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l program -d 'The subsidy program [default: aptc with a subsidy, else unsubsidized]' -r -f -a "connectorcare\t''
aptc\t''
unsubsidized\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l plan -d 'The plan\'s name' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l carrier -d 'The insurance carrier' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l line -d 'The line to end [default: every line]' -r -f -a "health\t''
dental\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l after -d 'Last covered month' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from end" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "set" -d 'Add a rate period: an enrollment, a renewal or a life event'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "end" -d 'End coverage of a line (or every line) after a month'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "show" -d 'The rate periods of an account, oldest first'
complete -c hcpay -n "__fish_hcpay_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "add" -d 'Add a bank account or a card; numbers can come from a hidden prompt or `-` (stdin)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "list" -d 'The account\'s methods'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "show" -d 'One method in full'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "verify" -d 'Confirm a bank account\'s two micro-deposit amounts (three wrong tries lock it)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "update" -d 'Change a method, keeping its id (autopay follows it); new numbers mean a new token'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "default" -d 'Make a method the one payments use unless told otherwise'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "remove" -d 'Remove a method (its past payments keep naming it)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and not __fish_seen_subcommand_from add list show verify update default remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -f -a "bank" -d 'A checking or savings account, verified by two micro-deposits'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -f -a "card" -d 'A card, verified at once by the gateway\'s zero-amount check'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from add" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l amounts -d 'The two deposits as they appear on the statement, e.g. 0.32,0.45' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l nickname -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l holder -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l exp -d 'Cards: a new expiry, MM/YY' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l zip -d 'Cards: billing ZIP code' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l number -d 'Cards: a new number (`-` reads it from stdin): a new token' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l routing -d 'Banks: a new routing number (with --account-number): a new token and a new verification' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l account-number -d 'Banks: a new account number (`-` reads it from stdin)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l kind -d 'Banks: the kind of bank account' -r -f -a "checking\t''
savings\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a bank account or a card; numbers can come from a hidden prompt or `-` (stdin)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "list" -d 'The account\'s methods'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "show" -d 'One method in full'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Confirm a bank account\'s two micro-deposit amounts (three wrong tries lock it)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a method, keeping its id (autopay follows it); new numbers mean a new token'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make a method the one payments use unless told otherwise'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a method (its past payments keep naming it)'
complete -c hcpay -n "__fish_hcpay_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -f -a "enrollments" -d 'A roster, one row per rate period; creates accounts it does not know. Columns: account,name,member_id,email,line,from,premium,aptc,slcsp,program,plan,carrier'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -f -a "payments" -d 'Payments made elsewhere (a portal\'s history), allocated oldest bill first. Columns: account,paid_on,amount,confirmation,via'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and not __fish_seen_subcommand_from enrollments payments help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from enrollments" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from payments" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "enrollments" -d 'A roster, one row per rate period; creates accounts it does not know. Columns: account,name,member_id,email,line,from,premium,aptc,slcsp,program,plan,carrier'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "payments" -d 'Payments made elsewhere (a portal\'s history), allocated oldest bill first. Columns: account,paid_on,amount,confirmation,via'
complete -c hcpay -n "__fish_hcpay_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l check -d 'Exit 4 when anything is past due or a line is in grace, terminated or not effective (with --all: in any account)'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l all -d 'Every account, one row each, worst first: a navigator\'s morning view (--account is not used)'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand status" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand balance" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l open -d 'Only bills with something left to pay'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand bills" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l line -d 'Pay this line\'s bills first' -r -f -a "health\t''
dental\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l method -d 'The method to charge [default: the account\'s default method]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l idempotency-key -d 'A key of yours: the same key again returns the first result and charges nothing (keys starting `pay:`, `autopay:` or `refund:` are hcpay\'s own)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l memo -d 'A note kept with the payment' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l record -d 'Record a payment made elsewhere (check, portal, phone...) instead of charging' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l paid-on -d 'With --record: the day it was paid' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l confirmation -d 'With --record: the exchange\'s confirmation number' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l via -d 'With --record: how it was paid' -r -f -a "check\t''
portal\t''
phone\t''
in-person\t''
money-order\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l dry-run -d 'Show what would happen; change nothing'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l allow-overpay -d 'Allow a payment that leaves more credit than three months of premiums'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand pay" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand refund" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l reason -d 'Why (kept in the history)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand void" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand receipt" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l since -d 'From this date on' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l until -d 'Up to this date' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l kind -d 'Which events [default: payments, invoices and refunds; `all` adds the audit log]' -r -f -a "payment\t''
invoice\t''
refund\t''
audit\t''
all\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l status -d 'Only events in this state' -r -f -a "pending\t''
succeeded\t''
failed\t''
unknown\t''
returned\t''
refunded\t''
void\t''
open\t''
partial\t''
paid\t''
adjusted\t''
due\t''
scheduled\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l limit -d 'At most this many rows' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l upcoming -d 'What is ahead instead: due dates (and drafts) after the clock'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand history" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -f -a "enable" -d 'Draft every bill on its draft day from a verified method (taken by `scheduler run`)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -f -a "disable" -d 'Stop drafting (retries already scheduled are cancelled)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -f -a "status" -d 'Autopay\'s settings and the drafts ahead'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and not __fish_seen_subcommand_from enable disable status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l method -d 'The method to draft: verified, of a kind the exchange takes [default: the account\'s default method]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l fallback -d 'Charged at once, in the same run, when a draft from --method is declined' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l draft-on -d 'Draft on this day of the month before each coverage month (from the statement day, when the bill is out, to the due day) [default: policy autopay_draft_day, 22]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l amount -d '`due`: every bill still open, after credit; `premium`: the month\'s member share; or a fixed amount' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l start -d 'The first coverage month to draft [default: the oldest month with a bill open]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Draft every bill on its draft day from a verified method (taken by `scheduler run`)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Stop drafting (retries already scheduled are cancelled)'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from help" -f -a "status" -d 'Autopay\'s settings and the drafts ahead'
complete -c hcpay -n "__fish_hcpay_using_subcommand autopay; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -f -a "run" -d 'Bring the ledger up to today, day by day: settle, bank returns, drafts, retries, alerts'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -f -a "status" -d 'The last run (its days, outcome and counts), what is waiting, and whether a run holds the lock'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -f -a "cron-line" -d 'Print a crontab line that runs `scheduler run` daily for this ledger and config'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and not __fish_seen_subcommand_from run status cron-line help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l wait -d 'When another run holds the lock, wait for it up to this many seconds (then exit 75)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l dry-run -d 'Show the days, drafts and returns a run would do; change nothing, charge nothing'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l at -d 'The time of day to run, HH:MM in the machine\'s local time (drafts go by the local date)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from cron-line" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from help" -f -a "run" -d 'Bring the ledger up to today, day by day: settle, bank returns, drafts, retries, alerts'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from help" -f -a "status" -d 'The last run (its days, outcome and counts), what is waiting, and whether a run holds the lock'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from help" -f -a "cron-line" -d 'Print a crontab line that runs `scheduler run` daily for this ledger and config'
complete -c hcpay -n "__fish_hcpay_using_subcommand scheduler; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l all -d 'Acknowledged alerts too'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -f -a "list" -d 'Open alerts, newest first, of every account (or --account\'s) [the default]'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -f -a "ack" -d 'Acknowledge an alert, which hides it from the list (--all: every open one)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -f -a "test" -d 'Send a test alert through each configured channel (or --channel\'s): delivered, or why not'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and not __fish_seen_subcommand_from list ack test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l all -d 'Acknowledged alerts too'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l all -d 'Every open alert (of --account, when named)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from ack" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l channel -d 'Only this channel' -r -f -a "stdout\t''
email\t''
webhook\t''
command\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "list" -d 'Open alerts, newest first, of every account (or --account\'s) [the default]'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "ack" -d 'Acknowledge an alert, which hides it from the list (--all: every open one)'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a test alert through each configured channel (or --channel\'s): delivered, or why not'
complete -c hcpay -n "__fish_hcpay_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l days -d 'Dates this many days apart or less agree (a payment posted after a weekend)' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l since -d 'Compare from this date [default: the statement\'s first payment, less --days; needed when it lists none]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l until -d 'Compare up to this date [default: the clock]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l record-missing -d 'Record the statement\'s payments that the ledger lacks (all or nothing)'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand reconcile" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -f -a "journal" -d 'Bills and payments as a journal for hledger and ledger (every account, or --account), on stdout'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and not __fish_seen_subcommand_from journal help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l since -d 'Entries from this date on' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l until -d 'Entries up to this date [default: the clock]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from journal" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "journal" -d 'Bills and payments as a journal for hledger and ledger (every account, or --account), on stdout'
complete -c hcpay -n "__fish_hcpay_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l force -d 'Replace FILE if it exists'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand backup" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -f -a "year" -d 'Per coverage month and line: premium, APTC and SLCSP (Form 1095-A Part III, Form 8962), the member\'s share, what was paid, and whether the month was covered (MA Form 1099-HC); totals and a monthly chart under the table'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and not __fish_seen_subcommand_from year help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from year" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "year" -d 'Per coverage month and line: premium, APTC and SLCSP (Form 1095-A Part III, Form 8962), the member\'s share, what was paid, and whether the month was covered (MA Form 1099-HC); totals and a monthly chart under the table'
complete -c hcpay -n "__fish_hcpay_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand completions" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l dir -d 'Write hcpay.1 and hcpay-COMMAND.1 for every command into this directory' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l ledger -d 'The ledger file [default: $XDG_DATA_HOME/hcpay/ledger.db]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l config -d 'The config file [default: $XDG_CONFIG_HOME/hcpay/config.toml]' -r -F
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l as-of -d 'Act as if today were this date (simulations, catch-up, tests) [default: today]' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l account -d 'The account to act on; may be left out when the ledger holds just one' -r
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l format -d 'Output format (csv on list commands)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l json -d 'Short for --format json'
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -s y -l yes -d 'Never prompt; take the default answer to every question'
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -s q -l quiet -d 'Print only results and errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -s v -l verbose -d 'Print more detail, and the cause chain of errors'
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -l no-color -d 'No colors (also when NO_COLOR is set)'
complete -c hcpay -n "__fish_hcpay_using_subcommand man" -s h -l help -d 'Print help'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "init" -d 'Create the config file and the ledger if absent, and say where they are'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "demo" -d 'A sample household in a fresh ledger: a year on autopay (a decline and its retry, a bank return, a one-time payment)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "account" -d 'Households: add, list, show'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "plan" -d 'Rate periods: enroll, renew, report a change, end coverage'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "method" -d 'Payment methods: bank accounts and cards (tokens and last four digits only)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "import" -d 'Bulk load from CSV (all-or-nothing; errors name the row)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "status" -d 'The quick look: amount due, past due, next due, coverage per line (--all: every account)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "balance" -d 'Print only the amount due now (e.g. 202.00), for scripts'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "bills" -d 'Bills: month, due date, amount, paid, left, state'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "pay" -d 'Pay now through the gateway (`due`, `ahead` or an amount), or record a payment made elsewhere'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "refund" -d 'Send credit that is no longer needed back to the method a payment came from'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "void" -d 'Void a recorded payment entered by mistake (its money leaves the bills it paid)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "receipt" -d 'One payment in full: amount, method, confirmation, what it paid, when it settled'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "history" -d 'Everything that happened, newest first (or --upcoming: what is ahead)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "autopay" -d 'Draft every bill on its draft day from a verified method: enable, disable, status'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "scheduler" -d 'The unattended run from cron (drafts, retries, returns, alerts): run, status, cron-line'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "alerts" -d 'What you should know: list (the default), acknowledge and test alerts'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "reconcile" -d 'Compare the exchange\'s payment history (CSV) with the ledger: payments missing on either side, amounts or dates that differ (exit 4 when they differ)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "export" -d 'Bills and payments for other tools: a journal for hledger and ledger (`export journal`)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "backup" -d 'A consistent copy of the ledger, made while other commands may be writing (SQLite\'s backup API)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "report" -d 'What the tax forms ask: the year month by month (`report year`)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "completions" -d 'Print a shell completion script (the files committed under completions/)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "man" -d 'Print the man page hcpay(1); with --dir, write every page (the files under man/)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and not __fish_seen_subcommand_from init demo account plan method import status balance bills pay refund void receipt history autopay scheduler alerts reconcile export backup report completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "add" -d 'Add a household with a short handle (e.g. smith)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "list" -d 'List the accounts'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "show" -d 'One account in full, with its coverage as of the clock'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "set" -d 'Add a rate period: an enrollment, a renewal or a life event'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "end" -d 'End coverage of a line (or every line) after a month'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "show" -d 'The rate periods of an account, oldest first'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "add" -d 'Add a bank account or a card; numbers can come from a hidden prompt or `-` (stdin)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "list" -d 'The account\'s methods'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "show" -d 'One method in full'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "verify" -d 'Confirm a bank account\'s two micro-deposit amounts (three wrong tries lock it)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "update" -d 'Change a method, keeping its id (autopay follows it); new numbers mean a new token'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "default" -d 'Make a method the one payments use unless told otherwise'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "remove" -d 'Remove a method (its past payments keep naming it)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "enrollments" -d 'A roster, one row per rate period; creates accounts it does not know. Columns: account,name,member_id,email,line,from,premium,aptc,slcsp,program,plan,carrier'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "payments" -d 'Payments made elsewhere (a portal\'s history), allocated oldest bill first. Columns: account,paid_on,amount,confirmation,via'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from autopay" -f -a "enable" -d 'Draft every bill on its draft day from a verified method (taken by `scheduler run`)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from autopay" -f -a "disable" -d 'Stop drafting (retries already scheduled are cancelled)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from autopay" -f -a "status" -d 'Autopay\'s settings and the drafts ahead'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from scheduler" -f -a "run" -d 'Bring the ledger up to today, day by day: settle, bank returns, drafts, retries, alerts'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from scheduler" -f -a "status" -d 'The last run (its days, outcome and counts), what is waiting, and whether a run holds the lock'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from scheduler" -f -a "cron-line" -d 'Print a crontab line that runs `scheduler run` daily for this ledger and config'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "list" -d 'Open alerts, newest first, of every account (or --account\'s) [the default]'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "ack" -d 'Acknowledge an alert, which hides it from the list (--all: every open one)'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "test" -d 'Send a test alert through each configured channel (or --channel\'s): delivered, or why not'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "journal" -d 'Bills and payments as a journal for hledger and ledger (every account, or --account), on stdout'
complete -c hcpay -n "__fish_hcpay_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "year" -d 'Per coverage month and line: premium, APTC and SLCSP (Form 1095-A Part III, Form 8962), the member\'s share, what was paid, and whether the month was covered (MA Form 1099-HC); totals and a monthly chart under the table'
