//! The public contract (`src/contract.rs`) against what documents it: the README's tables list
//! exactly its hooks, and `tests/e2e/contract.json`, which the whole-page test reads, is its
//! current form. `UPDATE_CONTRACT=1 cargo test --test contract` rewrites the JSON.

use std::collections::BTreeSet;
use std::path::Path;

use agent_credits::contract::{self, Hook, NoticeKind};

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The keys in the first column of the table under the README heading that starts with
/// `heading` (inside "Public contract"): every `code` span of that column.
fn table_keys(readme: &str, heading: &str) -> BTreeSet<String> {
    let section = readme
        .split("\n### ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("README has no '### {heading}' section"));
    let mut keys = BTreeSet::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split(" | ").next().unwrap_or_default();
        for (i, part) in first.split('`').enumerate() {
            if i % 2 == 1 {
                keys.insert(part.to_string());
            }
        }
    }
    keys
}

fn keys(hooks: &[Hook]) -> BTreeSet<String> {
    hooks.iter().map(|h| h.key.clone()).collect()
}

#[test]
fn the_readme_lists_exactly_the_contract() {
    let text = readme();
    for (heading, hooks) in [
        ("Inputs", contract::inputs()),
        ("Figures", contract::metrics()),
        ("Actions", contract::actions()),
        ("Notices", contract::notices()),
    ] {
        let listed = table_keys(&text, heading);
        let want = keys(&hooks);
        let missing: Vec<_> = want.difference(&listed).collect();
        let extra: Vec<_> = listed.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "README's {heading} table: missing {missing:?}, not in src/contract.rs {extra:?}"
        );
    }
    assert!(
        text.contains(contract::STORAGE_KEY),
        "the README names the storage key"
    );
    assert!(
        text.contains(&format!("`{}=\"true\"`", contract::STALE_ATTRIBUTE)),
        "the README documents the stale attribute"
    );
}

#[test]
fn notice_kinds_are_the_contract_notices() {
    let hooks: Vec<&str> = NoticeKind::ALL.iter().map(|k| k.hook()).collect();
    let listed: Vec<String> = contract::notices().into_iter().map(|h| h.key).collect();
    assert_eq!(hooks, listed);
}

#[test]
fn the_whole_page_test_reads_the_current_contract() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/contract.json");
    let json = contract::to_json();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &json).expect("write tests/e2e/contract.json");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == json,
        "tests/e2e/contract.json is not the contract in src/contract.rs: run \
         `UPDATE_CONTRACT=1 cargo test --test contract`"
    );
}
