//! The public contract: every hook that documentation pages, partners' links and the tests rely
//! on, in one list. Hooks are added, never renamed or dropped.
//!
//! Keys with a number in them are written as patterns: an upper-case segment stands for a number
//! (`N`, a place in a list or a row's index; `ID`, a custom agent's id), so `billing.env.N.share`
//! stands for `billing.env.0.share`, `billing.env.1.share`, … ([`matches`]).
//!
//! Three checks keep the list true: `tests/contract.rs` compares it with the README's tables and
//! with `tests/e2e/contract.json` (which it writes with `UPDATE_CONTRACT=1`), and the whole-page
//! test `tests/e2e/contract.test.mjs` finds exactly these hooks on the page.

use crate::rating::TEMPLATES;

/// One hook: its key (or key pattern) and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hook {
    /// The key, as it appears in the attribute (`payables.lines`, `billing.env.N.share`).
    pub key: String,
    /// What it is, for people.
    pub meaning: &'static str,
}

impl Hook {
    fn new(key: impl Into<String>, meaning: &'static str) -> Self {
        Self {
            key: key.into(),
            meaning,
        }
    }
}

/// The key the estimate is saved under in local storage.
pub const STORAGE_KEY: &str = "agent-credits.v1";

/// The values of `<html data-app>`: `loading` in the served HTML, `ready` once the app owns the
/// page, `failed` when its code could not be downloaded.
pub const APP_STATES: [&str; 3] = ["loading", "ready", "failed"];

/// The attribute a `[data-metric]` element carries, set to `"true"`, while a field it depends on
/// is in error: it shows the last valid value, not one for what is typed.
pub const STALE_ATTRIBUTE: &str = "data-stale";

/// Inputs outside the reference agents (`[data-input]`).
const SETTINGS: &[(&str, &str)] = &[
    ("billing.packs", "capacity packs a month"),
    ("billing.payg", "pay-as-you-go, `on` or `off` (a select)"),
    (
        "billing.budget",
        "pay-as-you-go budget, in the prices' currency; empty for none",
    ),
    (
        "billing.enforcement",
        "stop threshold without pay-as-you-go, % of prepaid capacity",
    ),
    ("billing.growth", "monthly growth for the 12-month view, %"),
    (
        "billing.range.weight.low",
        "with ranges: the low case's weight in the expected cost, %",
    ),
    (
        "billing.range.weight.high",
        "with ranges: the high case's weight in the expected cost, %",
    ),
    (
        "billing.other_use",
        "credits a month other services use from unallocated capacity",
    ),
    ("billing.env.N.name", "environment N's name (N from 0)"),
    (
        "billing.env.N.share",
        "environment N's share of the agents' credits, %",
    ),
    (
        "billing.env.N.allocated",
        "capacity allocated to environment N; empty for none",
    ),
    (
        "billing.power_platform",
        "pay-as-you-go set up in the Power Platform admin center (a checkbox)",
    ),
    ("billing.users", "people using the agents"),
    (
        "billing.policy.N.name",
        "billing policy N's name (N from 0)",
    ),
    (
        "billing.policy.N.subscription",
        "billing policy N's Azure subscription",
    ),
    (
        "billing.policy.N.resource_group",
        "billing policy N's resource group",
    ),
    ("billing.policy.N.region", "billing policy N's Azure region"),
    (
        "billing.policy.N.scope",
        "billing policy N's scope, `all` or `group` (a select)",
    ),
    (
        "billing.policy.N.users",
        "users in billing policy N's group",
    ),
    ("billing.price.currency", "the prices' currency (ISO code)"),
    (
        "billing.price.exchange_rate",
        "exchange rate converting the USD list prices into the currency",
    ),
    (
        "billing.price.exchange_date",
        "the exchange rate's date (a date field)",
    ),
    ("billing.price.pack_credits", "credits per capacity pack"),
    ("billing.price.pack_price", "price of a capacity pack"),
    (
        "billing.price.payg_per_credit",
        "pay-as-you-go price per credit",
    ),
    (
        "billing.price.tier.N.units",
        "pre-purchase tier N's commit units (N from 0)",
    ),
    (
        "billing.price.tier.N.price",
        "pre-purchase tier N's price for the year",
    ),
    ("estimate.title", "the estimate's title"),
    ("estimate.for", "who the estimate is prepared for"),
    ("estimate.by", "who prepared it"),
    (
        "estimate.date",
        "its date, YYYY-MM-DD (a date field); empty for today",
    ),
    ("estimate.notes", "notes (a text area)"),
    ("custom.ID.name", "a custom agent's name"),
    ("custom.ID.runs", "a custom agent's runs per month"),
    (
        "custom.ID.runs.low",
        "its low runs per month (empty: the same as expected)",
    ),
    (
        "custom.ID.runs.high",
        "its high runs per month (empty: the same as expected)",
    ),
    (
        "custom.ID.autonomous",
        "who runs it, `interactive` or `autonomous` (a select)",
    ),
    (
        "custom.ID.licensed_share",
        "% of its runs by Microsoft 365 Copilot licensed users",
    ),
    (
        "custom.ID.harness",
        "where it runs, `standard` or `github_copilot` (a select)",
    ),
    (
        "custom.ID.credits_per_task",
        "on the GitHub Copilot harness: credits an average task uses",
    ),
    (
        "custom.ID.credits_per_task.low",
        "its low credits per task (empty: the same as expected)",
    ),
    (
        "custom.ID.credits_per_task.high",
        "its high credits per task (empty: the same as expected)",
    ),
    (
        "custom.ID.build_credits",
        "on the GitHub Copilot harness: credits a month building and testing it",
    ),
    (
        "custom.ID.mix",
        "credits per task from a mix of light, medium and heavy tasks (a checkbox)",
    ),
    ("custom.ID.mix.light", "the mix's % of light tasks"),
    ("custom.ID.mix.medium", "the mix's % of medium tasks"),
    ("custom.ID.mix.light.credits", "credits a light task uses"),
    ("custom.ID.mix.medium.credits", "credits a medium task uses"),
    ("custom.ID.mix.heavy.credits", "credits a heavy task uses"),
    ("custom.ID.steps.N.name", "step N's name (N from 0)"),
    (
        "custom.ID.steps.N.scenario",
        "step N's event scenario (a select of the card's scenarios)",
    ),
    (
        "custom.ID.steps.N.events",
        "step N's events each time it happens",
    ),
    (
        "custom.ID.steps.N.items",
        "step N's items per run; empty for once per run",
    ),
    (
        "custom.ID.steps.N.share",
        "the % of runs in which step N happens",
    ),
    (
        "custom.ID.steps.N.events.low",
        "step N's low events each time (empty: the same as expected)",
    ),
    (
        "custom.ID.steps.N.events.high",
        "step N's high events each time",
    ),
    (
        "custom.ID.steps.N.items.low",
        "step N's low items per run (for a step that repeats per item)",
    ),
    (
        "custom.ID.steps.N.items.high",
        "step N's high items per run",
    ),
    ("custom.ID.steps.N.share.low", "step N's low % of runs"),
    ("custom.ID.steps.N.share.high", "step N's high % of runs"),
];

/// Every `[data-input]` key: the reference agents' inputs, then the settings.
pub fn inputs() -> Vec<Hook> {
    let mut out: Vec<Hook> = TEMPLATES
        .iter()
        .flat_map(|t| {
            t.inputs
                .iter()
                .map(move |i| Hook::new(format!("{}.{}", t.id, i.key), i.label))
        })
        .collect();
    // Every input of a reference agent has a low and a high value (ranges).
    for t in TEMPLATES {
        for i in t.inputs {
            for (bound, meaning) in BOUNDS {
                out.push(Hook::new(format!("{}.{}.{bound}", t.id, i.key), meaning));
            }
        }
    }
    out.extend(SETTINGS.iter().map(|(k, m)| Hook::new(*k, m)));
    out
}

/// The low and high value of an input or figure (ranges), as key suffixes.
const BOUNDS: [(&str, &str); 2] = [
    (
        "low",
        "the input's low value (empty: the same as expected); the figure in the low case",
    ),
    (
        "high",
        "the input's high value (empty: the same as expected); the figure in the high case",
    ),
];

/// The figures shown with their low and high case (`KEY.low`, `KEY.high`) besides the
/// reference agents' own.
const RANGED_FIGURES: &[&str] = &[
    "total.credits_per_month",
    "custom.ID.credits_per_run",
    "custom.ID.credits_per_month",
    "billing.prepaid_used_credits",
    "billing.payg_credits",
    "billing.overage_credits",
    "billing.unserved_credits",
    "billing.stop_day",
    "billing.prepaid_cost",
    "billing.payg_cost",
    "billing.total_cost",
    "billing.year.yours_cost",
];

/// Figures outside the reference agents' own (`[data-metric]`).
const FIGURES: &[(&str, &str)] = &[
    ("total.credits_per_month", "credits a month, all agents"),
    (
        "agents.N.credits_per_run",
        "agent N's credits per run (N from 1 in page order)",
    ),
    ("agents.N.credits_per_month", "agent N's credits a month"),
    (
        "custom.ID.credits_per_run",
        "a custom agent's credits per run",
    ),
    (
        "custom.ID.credits_per_month",
        "a custom agent's credits a month",
    ),
    (
        "custom.ID.mix.heavy",
        "the mix's % of heavy tasks: what light and medium leave",
    ),
    (
        "custom.ID.upgrade.credits_per_run",
        "a standard custom agent's credits per task on the GitHub Copilot harness (its upgrade)",
    ),
    (
        "custom.ID.upgrade.credits_per_month",
        "a standard custom agent's credits a month on the GitHub Copilot harness (its upgrade)",
    ),
    (
        "billing.prepaid_credits",
        "prepaid capacity bought (credits)",
    ),
    ("billing.prepaid_used_credits", "prepaid capacity used"),
    ("billing.payg_credits", "credits billed pay-as-you-go"),
    (
        "billing.overage_credits",
        "grace overage past prepaid capacity (unbilled)",
    ),
    (
        "billing.unserved_credits",
        "credits not served: the agents stopped",
    ),
    (
        "billing.stop_day",
        "the day of the month the agents stop; empty when they never do",
    ),
    ("billing.prepaid_cost", "the month's cost of packs"),
    ("billing.payg_cost", "the month's pay-as-you-go cost"),
    ("billing.total_cost", "the month's total cost"),
    (
        "billing.recommended_packs",
        "the cheapest pack count with pay-as-you-go",
    ),
    (
        "billing.range.cheapest_packs",
        "with ranges: the cheapest pack count for the expected cost, pay-as-you-go for the rest",
    ),
    (
        "billing.range.expected_cost",
        "with ranges: the month's expected cost under your settings, the cases mixed by their weights",
    ),
    (
        "billing.range.weight.expected",
        "with ranges: the expected case's weight in the expected cost, % (what low and high leave)",
    ),
    (
        "billing.range.never_stop_packs",
        "with ranges: the fewest packs that cover the high case without pay-as-you-go",
    ),
    ("billing.year.prepaid_only_cost", "12 months on packs only"),
    (
        "billing.year.payg_only_cost",
        "12 months on pay-as-you-go only",
    ),
    ("billing.year.mix_cost", "12 months at the recommended mix"),
    ("billing.year.yours_cost", "12 months at your settings"),
    (
        "billing.prepurchase.N.year_cost",
        "pre-purchase tier N over the year (N from 1)",
    ),
    (
        "billing.power_platform.payg_cost",
        "the month's pay-as-you-go billed through Power Platform",
    ),
    (
        "billing.policy.N.payg_cost",
        "the month's pay-as-you-go billed through policy N (N from 1)",
    ),
];

/// Every `[data-metric]` key: each reference agent's figures (and its sweep table), then the rest.
pub fn metrics() -> Vec<Hook> {
    let mut out = Vec::new();
    for t in TEMPLATES {
        out.push(Hook::new(
            format!("{}.credits_per_run", t.id),
            "average credits per run",
        ));
        out.push(Hook::new(
            format!("{}.credits_per_month", t.id),
            "credits per month",
        ));
        if let Some(s) = t.sweep {
            out.push(Hook::new(
                format!("{}.{}.N.credits_per_run", t.id, s.input),
                "the sweep table: credits per run at N (the reference points and your own value)",
            ));
        }
    }
    out.extend(FIGURES.iter().map(|(k, m)| Hook::new(*k, m)));
    let ranged = TEMPLATES
        .iter()
        .flat_map(|t| ["credits_per_run", "credits_per_month"].map(|f| format!("{}.{f}", t.id)))
        .chain(RANGED_FIGURES.iter().map(|k| (*k).to_string()));
    for key in ranged {
        for (bound, meaning) in BOUNDS {
            out.push(Hook::new(format!("{key}.{bound}"), meaning));
        }
    }
    out
}

/// Every `[data-action]` value.
pub const ACTIONS: &[(&str, &str)] = &[
    ("add-agent", "add a reference agent (with `data-agent`)"),
    (
        "add-custom",
        "add a custom agent from a starter (with `data-starter`)",
    ),
    ("duplicate-agent", "copy an agent as a custom agent"),
    ("remove-agent", "remove an agent"),
    ("undo-remove", "put back the agent just removed"),
    ("add-step", "add a step to a custom agent"),
    (
        "upgrade-harness",
        "move a standard custom agent to the GitHub Copilot harness",
    ),
    ("remove-step", "remove a custom agent's step"),
    ("save-shared", "keep a shared estimate as my own"),
    ("back-to-mine", "leave a shared estimate for my own"),
    ("use-recommended", "adopt the recommended pack count"),
    (
        "use-budget",
        "set the pay-as-you-go budget that covers the month",
    ),
    (
        "go-to-error",
        "take me to the field that holds figures back (`data-stale`)",
    ),
    ("add-environment", "add an environment"),
    ("remove-environment", "remove an environment"),
    ("add-policy", "add a Microsoft 365 billing policy"),
    ("remove-policy", "remove a billing policy"),
    ("add-tier", "add a pre-purchase tier"),
    ("remove-tier", "remove a pre-purchase tier"),
    ("reset-prices", "go back to the list prices"),
    ("copy-link", "copy a link to the estimate"),
    ("embed-this", "show the snippet that embeds the widget"),
    ("copy-table", "copy the estimate as a table (HTML and text)"),
    ("download-csv", "download the estimate as CSV"),
    ("download-markdown", "download the estimate as Markdown"),
    ("download-json", "download the estimate as JSON"),
    ("import-json", "import an estimate from JSON (a file input)"),
    ("print", "print the estimate as a proposal"),
    ("open-full", "the widget's link to the full estimate"),
];

/// What a notice is about: its stable `data-notice` hook, and the one place notice kinds are
/// listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// The browser gives no local storage: the estimate lives in this tab only.
    StorageUnavailable,
    /// The saved estimate could not be read; it was set aside.
    StorageUnreadable,
    /// The saved estimate was written by a newer version; it is kept and not overwritten.
    StorageNewer,
    /// The last save failed (a full quota).
    StorageSaveFailed,
    /// Another tab changed the saved estimate.
    StorageOtherTab,
    /// Part of a link could not be used.
    LinkIgnored,
    /// A JSON file could not be imported.
    ImportFailed,
    /// The browser refused a download.
    DownloadFailed,
    /// Part of the page's code could not be downloaded.
    LoadFailed,
}

impl NoticeKind {
    /// Every kind, in the order of the public contract.
    pub const ALL: [NoticeKind; 9] = [
        Self::StorageUnavailable,
        Self::StorageUnreadable,
        Self::StorageNewer,
        Self::StorageSaveFailed,
        Self::StorageOtherTab,
        Self::LinkIgnored,
        Self::ImportFailed,
        Self::DownloadFailed,
        Self::LoadFailed,
    ];

    /// The `data-notice` value.
    pub const fn hook(self) -> &'static str {
        match self {
            Self::StorageUnavailable => "storage-unavailable",
            Self::StorageUnreadable => "storage-unreadable",
            Self::StorageNewer => "storage-newer",
            Self::StorageSaveFailed => "storage-save-failed",
            Self::StorageOtherTab => "storage-other-tab",
            Self::LinkIgnored => "link-ignored",
            Self::ImportFailed => "import-failed",
            Self::DownloadFailed => "download-failed",
            Self::LoadFailed => "load-failed",
        }
    }

    /// What it means, for the contract's documentation.
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::StorageUnavailable => "no local storage here: the estimate lives in this tab",
            Self::StorageUnreadable => "the saved estimate could not be read; it was kept aside",
            Self::StorageNewer => "saved by a newer version; kept, and not overwritten",
            Self::StorageSaveFailed => "the last change could not be saved",
            Self::StorageOtherTab => "another tab changed the saved estimate",
            Self::LinkIgnored => "part of the link was ignored",
            Self::ImportFailed => "a file could not be imported",
            Self::DownloadFailed => "the browser refused a download",
            Self::LoadFailed => "part of the page's code could not be downloaded",
        }
    }
}

/// Every `[data-notice]` value.
pub fn notices() -> Vec<Hook> {
    NoticeKind::ALL
        .iter()
        .map(|k| Hook::new(k.hook(), k.meaning()))
        .collect()
}

/// Every `[data-action]` value, as hooks.
pub fn actions() -> Vec<Hook> {
    ACTIONS.iter().map(|(k, m)| Hook::new(*k, m)).collect()
}

/// Whether `key` is an instance of `pattern` (an upper-case segment of the pattern stands for
/// a number).
///
/// ```
/// use agent_credits::contract::matches;
/// assert!(matches("billing.env.N.share", "billing.env.12.share"));
/// assert!(matches("custom.ID.steps.N.name", "custom.3.steps.0.name"));
/// assert!(!matches("billing.env.N.share", "billing.env.x.share"));
/// assert!(matches("billing.packs", "billing.packs"));
/// ```
pub fn matches(pattern: &str, key: &str) -> bool {
    let (p, k): (Vec<&str>, Vec<&str>) = (pattern.split('.').collect(), key.split('.').collect());
    p.len() == k.len()
        && p.iter().zip(&k).all(|(p, k)| {
            let placeholder = !p.is_empty() && p.chars().all(|c| c.is_ascii_uppercase());
            if placeholder {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_digit())
            } else {
                p == k
            }
        })
}

/// The whole contract as JSON, for the whole-page test (`tests/e2e/contract.json`).
pub fn to_json() -> String {
    fn list(hooks: &[Hook]) -> String {
        let keys: Vec<String> = hooks.iter().map(|h| format!("    {:?}", h.key)).collect();
        format!("[\n{}\n  ]", keys.join(",\n"))
    }
    format!(
        "{{\n  \"storage_key\": {:?},\n  \"stale_attribute\": {:?},\n  \"app_states\": [{}],\n  \"inputs\": {},\n  \"metrics\": {},\n  \"actions\": {},\n  \"notices\": {}\n}}\n",
        STORAGE_KEY,
        STALE_ATTRIBUTE,
        APP_STATES
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", "),
        list(&inputs()),
        list(&metrics()),
        list(&actions()),
        list(&notices()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_listed_twice() {
        for (what, hooks) in [
            ("inputs", inputs()),
            ("metrics", metrics()),
            ("actions", actions()),
            ("notices", notices()),
        ] {
            let mut keys: Vec<&str> = hooks.iter().map(|h| h.key.as_str()).collect();
            keys.sort_unstable();
            let before = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), before, "{what} lists a key twice");
        }
    }

    #[test]
    fn patterns_match_their_instances_only() {
        assert!(matches(
            "agents.N.credits_per_run",
            "agents.1.credits_per_run"
        ));
        assert!(!matches(
            "agents.N.credits_per_run",
            "agents.credits_per_run"
        ));
        assert!(!matches("billing.packs", "billing.packs.1"));
        assert!(!matches("custom.ID.name", "custom..name"));
    }
}
