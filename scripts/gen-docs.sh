#!/usr/bin/env bash
# Regenerates the committed shell completions and man pages from the clap tree,
# through the debug binary:
#   completions/hcpay.bash  completions/_hcpay  completions/hcpay.fish
#   man/hcpay.1 and man/hcpay-COMMAND.1 for every command
# Run it after any change to the CLI (a command, a flag, a help text) and commit
# the result: the test in tests/cli/docs.rs fails until the files match.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --bin hcpay
bin="${CARGO_TARGET_DIR:-target}/debug/hcpay"

# No HCPAY_* or other variable from the caller reaches the generator.
hcpay() { env -i PATH="$PATH" "$bin" "$@"; }

mkdir -p completions
hcpay completions bash >completions/hcpay.bash
hcpay completions zsh >completions/_hcpay
hcpay completions fish >completions/hcpay.fish

# Pages of commands that no longer exist must go too: rebuild man/ whole.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
hcpay man --dir "$tmp"
rm -rf man
mkdir man
cp "$tmp"/*.1 man/

echo "regenerated completions/ ($(ls completions | wc -l) files) and man/ ($(ls man | wc -l) pages)"
