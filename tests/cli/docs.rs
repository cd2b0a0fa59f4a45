//! The committed completions/ and man/ are what the binary prints now.
//! When the CLI changes, `scripts/gen-docs.sh` regenerates them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const HINT: &str = "run scripts/gen-docs.sh and commit completions/ and man/";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with nothing from the caller's environment.
fn hcpay() -> Command {
    let mut cmd = Command::cargo_bin("hcpay").expect("the hcpay binary is built");
    cmd.env_clear();
    cmd
}

fn committed(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}; {HINT}", path.display()))
}

#[test]
fn committed_completions_match_the_binary() {
    let mut stale = Vec::new();
    for (shell, file) in [("bash", "hcpay.bash"), ("zsh", "_hcpay"), ("fish", "hcpay.fish")] {
        let fresh = hcpay().args(["completions", shell]).assert().success().get_output().stdout.clone();
        if committed(&repo().join("completions").join(file)) != fresh {
            stale.push(format!("completions/{file}"));
        }
    }
    assert!(stale.is_empty(), "{} differ from the binary's output: {HINT}", stale.join(", "));
}

#[test]
fn committed_man_pages_match_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    hcpay().arg("man").arg("--dir").arg(dir.path()).assert().success();
    let pages = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}; {HINT}", dir.display()))
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".1"))
            .collect()
    };
    let fresh = pages(dir.path());
    let committed_pages = pages(&repo().join("man"));
    let mut problems: Vec<String> = Vec::new();
    problems.extend(fresh.difference(&committed_pages).map(|p| format!("man/{p} is missing")));
    problems.extend(committed_pages.difference(&fresh).map(|p| format!("man/{p} is stale")));
    for page in fresh.intersection(&committed_pages) {
        if committed(&repo().join("man").join(page)) != committed(&dir.path().join(page)) {
            problems.push(format!("man/{page} differs"));
        }
    }
    assert!(problems.is_empty(), "{}: {HINT}", problems.join(", "));
}

#[test]
fn man_prints_the_committed_top_page() {
    let fresh = hcpay().arg("man").assert().success().get_output().stdout.clone();
    assert!(committed(&repo().join("man/hcpay.1")) == fresh, "man/hcpay.1 differs from `hcpay man`: {HINT}");
}

#[test]
fn the_readme_names_the_bundled_sqlite() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let version: String = conn.query_row("SELECT sqlite_version()", [], |r| r.get(0)).unwrap();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("bundled SQLite {version}")),
        "README.md should name the bundled SQLite {version}"
    );
}
