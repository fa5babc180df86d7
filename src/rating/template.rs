//! Agent templates: an agent's billable features, their event scenarios, and what drives how often
//! each happens, as data taken from the documents that define them.

use rust_decimal::Decimal;

use super::card::EventScenario;
use super::input::{Field, InputKind};

/// What an input means to the estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputRole {
    /// How many runs happen in a month: the monthly total is the per-run cost times this.
    RunsPerMonth,
    /// A quantity within one run (a share of runs, attachments per run, lines per document) that
    /// multiplies the count of the features driven by it.
    PerRun,
}

/// One input of an agent template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputDef {
    /// The key within the agent (`requests`); the public key is `agent.key`.
    pub key: &'static str,
    /// The field's label.
    pub label: &'static str,
    /// One line of help shown under the field.
    pub help: &'static str,
    /// The unit shown beside the field and in derivations ("requests", "%").
    pub unit: &'static str,
    /// The unit for exactly one ("request"), so a derivation never reads "1 attachments".
    pub one: &'static str,
    /// The kind of quantity, with its limits.
    pub kind: InputKind,
    /// The role in the estimate.
    pub role: InputRole,
    /// The value the reference document assumes.
    pub default: Decimal,
}

impl InputDef {
    /// The value as a multiplier: a percentage becomes a share (40 % is 0.4), a count stays.
    pub fn factor(&self, value: Decimal) -> Decimal {
        match self.kind {
            InputKind::Percent => value / Decimal::ONE_HUNDRED,
            InputKind::Count { .. } | InputKind::Amount { .. } => value,
        }
    }

    /// The unit to write after `value`: singular for exactly one, plural otherwise.
    pub fn unit_for(&self, value: Decimal) -> &'static str {
        if value == Decimal::ONE {
            self.one
        } else {
            self.unit
        }
    }
}

/// One billable feature of an agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name as the defining document gives it.
    pub name: &'static str,
    /// The event scenario it is billed as.
    pub scenario: EventScenario,
    /// The [`InputRole::PerRun`] inputs whose product is how often the feature happens in one
    /// run; empty means once per run.
    pub per: &'static [&'static str],
}

/// A table of per-run cost at several values of one input, like the reference document's
/// lines-per-document table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sweep {
    /// The input varied.
    pub input: &'static str,
    /// The values shown, besides the user's own.
    pub values: &'static [u32],
}

impl InputDef {
    /// The input as a field on the page.
    pub const fn field(&self) -> Field {
        Field {
            label: self.label,
            help: self.help,
            unit: self.unit,
            kind: self.kind,
            optional: false,
        }
    }
}

/// An agent whose features and count drivers are fixed by its maker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgentTemplate {
    /// Stable identifier, the prefix of the agent's public keys (`sales_order`).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The product the agent belongs to.
    pub product: &'static str,
    /// What one run is, in a few words.
    pub run: &'static str,
    /// Where the feature table and the worked example come from.
    pub source: &'static str,
    /// The inputs; exactly one has [`InputRole::RunsPerMonth`].
    pub inputs: &'static [InputDef],
    /// The billable features, in the order the derivation lists them.
    pub features: &'static [Feature],
    /// An optional sensitivity table.
    pub sweep: Option<Sweep>,
}

impl AgentTemplate {
    /// The input called `key`, if the template has one.
    pub fn input(&self, key: &str) -> Option<&'static InputDef> {
        self.inputs.iter().find(|i| i.key == key)
    }

    /// The input that counts runs per month.
    pub fn runs_input(&self) -> &'static InputDef {
        self.inputs
            .iter()
            .find(|i| i.role == InputRole::RunsPerMonth)
            .unwrap_or_else(|| unreachable!("template {} has a runs input", self.id))
    }
}

const fn whole(n: u32) -> Decimal {
    Decimal::from_parts(n, 0, 0, false, 0)
}

/// Largest monthly volume accepted: a hundred million runs, far beyond any single tenant's agent.
pub const MAX_RUNS_PER_MONTH: u64 = 100_000_000;
/// Largest per-run count accepted (attachments, lines).
pub const MAX_PER_RUN: u64 = 10_000;

const RUNS: InputKind = InputKind::Count {
    max: MAX_RUNS_PER_MONTH,
};
const PER_RUN: InputKind = InputKind::Count { max: MAX_PER_RUN };

const BC_BILLING: &str = "https://learn.microsoft.com/dynamics365/business-central/dev-itpro/administration/tenant-admin-center-manage-consumption-billing";

/// Business Central's Sales Order agent, as "Manage consumption-based billing" defines it.
pub static SALES_ORDER: AgentTemplate = AgentTemplate {
    id: "sales_order",
    name: "Sales Order agent",
    product: "Dynamics 365 Business Central",
    run: "one customer email asking for a quote or an order",
    source: BC_BILLING,
    inputs: &[
        InputDef {
            key: "requests",
            label: "Requests per month",
            help: "Customer emails the agent processes in a month.",
            unit: "requests",
            one: "request",
            kind: RUNS,
            role: InputRole::RunsPerMonth,
            default: whole(100),
        },
        InputDef {
            key: "attachment_rate",
            label: "Requests with a quotation attachment",
            help: "Share of requests that carry an attachment in a supported format.",
            unit: "%",
            one: "%",
            kind: InputKind::Percent,
            role: InputRole::PerRun,
            default: whole(40),
        },
        InputDef {
            key: "attachments",
            label: "Attachments per such request",
            help: "Supported attachments on a request that has any.",
            unit: "attachments",
            one: "attachment",
            kind: PER_RUN,
            role: InputRole::PerRun,
            default: whole(1),
        },
    ],
    features: &[
        Feature {
            name: "Analyze incoming email",
            scenario: EventScenario::GenerativeAnswer,
            per: &[],
        },
        Feature {
            name: "Create or update sales quote or order",
            scenario: EventScenario::AgentAction,
            per: &[],
        },
        Feature {
            name: "Generate response email",
            scenario: EventScenario::GenerativeAnswer,
            per: &[],
        },
        Feature {
            name: "Extract sales data from quotation attachment",
            scenario: EventScenario::AgentAction,
            per: &["attachment_rate", "attachments"],
        },
        Feature {
            name: "Analyze email attachment",
            scenario: EventScenario::GenerativeAnswer,
            per: &["attachment_rate", "attachments"],
        },
    ],
    sweep: None,
};

/// Business Central's Payables agent, as "Manage consumption-based billing" defines it.
pub static PAYABLES: AgentTemplate = AgentTemplate {
    id: "payables",
    name: "Payables agent",
    product: "Dynamics 365 Business Central",
    run: "one vendor invoice (e-document) received by email",
    source: BC_BILLING,
    inputs: &[
        InputDef {
            key: "documents",
            label: "E-documents per month",
            help: "Vendor invoices the agent processes in a month.",
            unit: "e-documents",
            one: "e-document",
            kind: RUNS,
            role: InputRole::RunsPerMonth,
            default: whole(100),
        },
        InputDef {
            key: "lines",
            label: "Invoice lines per e-document",
            help: "Average number of lines on an invoice.",
            unit: "lines",
            one: "line",
            kind: PER_RUN,
            role: InputRole::PerRun,
            default: whole(5),
        },
        InputDef {
            key: "attachments",
            label: "Attachments per e-document",
            help: "Each attachment creates one incoming e-document.",
            unit: "attachments",
            one: "attachment",
            kind: PER_RUN,
            role: InputRole::PerRun,
            default: whole(1),
        },
    ],
    features: &[
        Feature {
            name: "Create incoming e-document",
            scenario: EventScenario::AgentAction,
            per: &["attachments"],
        },
        Feature {
            name: "Analyze incoming e-document",
            scenario: EventScenario::GenerativeAnswer,
            per: &[],
        },
        Feature {
            name: "Extract invoice data from e-document",
            scenario: EventScenario::AgentAction,
            per: &[],
        },
        Feature {
            name: "Create purchase document draft",
            scenario: EventScenario::AgentAction,
            per: &[],
        },
        Feature {
            name: "Match or create vendor",
            scenario: EventScenario::AgentAction,
            per: &[],
        },
        Feature {
            name: "Process invoice line",
            scenario: EventScenario::AgentAction,
            per: &["lines"],
        },
        Feature {
            name: "Create purchase invoice",
            scenario: EventScenario::AgentAction,
            per: &[],
        },
    ],
    sweep: Some(Sweep {
        input: "lines",
        values: &[1, 5, 10, 25, 50],
    }),
};

/// Every template, in page order.
pub static TEMPLATES: &[&AgentTemplate] = &[&SALES_ORDER, &PAYABLES];

/// The agents of the default estimate, in page order: what a first visit sees. A template that
/// is not listed here can still be added from the page and named in links.
pub static DEFAULT_AGENTS: &[&str] = &["sales_order", "payables"];

/// The template called `id`.
pub fn template(id: &str) -> Option<&'static AgentTemplate> {
    TEMPLATES.iter().copied().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_agents_are_templates() {
        for id in DEFAULT_AGENTS {
            assert!(
                template(id).is_some(),
                "{id} is in DEFAULT_AGENTS but is no template"
            );
        }
    }

    #[test]
    fn templates_are_well_formed() {
        for t in TEMPLATES {
            let runs = t
                .inputs
                .iter()
                .filter(|i| i.role == InputRole::RunsPerMonth)
                .count();
            assert_eq!(runs, 1, "{} has {runs} runs inputs", t.id);
            for f in t.features {
                for key in f.per {
                    let input = t.input(key);
                    assert!(
                        input.is_some_and(|i| i.role == InputRole::PerRun),
                        "{}: feature {:?} is driven by {key:?}, not a per-run input",
                        t.id,
                        f.name
                    );
                }
            }
            for i in t.inputs {
                assert_eq!(i.kind.check(i.default), Ok(i.default), "{}.{}", t.id, i.key);
                assert!(!i.key.contains(['.', '&', '=', '#']), "{}.{}", t.id, i.key);
            }
            if let Some(sweep) = t.sweep {
                assert!(
                    t.input(sweep.input).is_some(),
                    "{} sweeps {}",
                    t.id,
                    sweep.input
                );
            }
        }
    }
}
