//! "What to set up": the prerequisites and steps, from the reference documents, for the way of
//! paying the user picked. The estimate ends in an action plan, not just a number.

use super::policies::Scope;
use super::Billing;

/// Where Business Central's billing set-up is documented.
const BC_SOURCE: &str =
    "https://learn.microsoft.com/dynamics365/business-central/dev-itpro/administration/tenant-admin-center-consumption-billing";
/// Where the Microsoft 365 Copilot pay-as-you-go set-up is documented.
const M365_SOURCE: &str = "https://learn.microsoft.com/copilot/microsoft-365/pay-as-you-go/setup";
/// Where capacity packs and enforcement are documented.
const RATES_SOURCE: &str =
    "https://learn.microsoft.com/microsoft-copilot-studio/requirements-messages-management";

/// One step of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Stable identifier (`buy-packs`), for tests and anchors.
    pub id: &'static str,
    /// What to do.
    pub title: String,
    /// Where to do it.
    pub place: &'static str,
    /// Who can do it.
    pub roles: &'static str,
    /// Details and caveats.
    pub detail: String,
    /// The document it comes from.
    pub source: &'static str,
}

/// The steps for `billing`, in the order to take them.
///
/// ```
/// use agent_credits::capacity::{setup_steps, Billing};
/// let steps = setup_steps(&Billing::default());
/// assert!(steps.iter().any(|s| s.id == "payg-power-platform"));
/// ```
pub fn setup_steps(billing: &Billing) -> Vec<Step> {
    let s = &billing.settings;
    let mut steps = Vec::new();
    if s.packs > 0 {
        steps.push(Step {
            id: "buy-packs",
            title: format!(
                "Buy {} Copilot Credit capacity pack{}",
                s.packs,
                if s.packs == 1 { "" } else { "s" }
            ),
            place: "Microsoft 365 admin center (customers) or Partner Center (resellers)",
            roles: "Global Administrator or Billing Administrator",
            detail: "Packs are pooled across the tenant, reset every month without rollover, and \
                     are consumed before pay-as-you-go. Business Central environments use them \
                     without further set-up; the use is reported against the default Power \
                     Platform environment."
                .into(),
            source: BC_SOURCE,
        });
        if billing
            .tenant
            .environments
            .iter()
            .any(|e| e.allocated.is_some())
        {
            steps.push(Step {
                id: "allocate-capacity",
                title: "Allocate capacity to your environments".into(),
                place: "Power Platform admin center → Licensing → Copilot Studio → capacity",
                roles: "Power Platform Administrator or Global Administrator",
                detail: "An allocation caps what the environment consumes; other Microsoft \
                         services in the same environment draw on it too."
                    .into(),
                source: BC_SOURCE,
            });
        }
    }
    if s.payg && billing.payg_setup.power_platform {
        steps.push(Step {
            id: "payg-power-platform",
            title: "Set up pay-as-you-go on the Power Platform environment".into(),
            place: "Power Platform admin center or Power Apps (billing policy with an Azure \
                    subscription)",
            roles: "Your reseller, or an admin with Owner or Contributor on the Azure \
                    subscription and resource group",
            detail:
                "As a customer, ask your reseller; as a reseller, set up an Azure subscription \
                     for the customer and link it to their Power Platform environment."
                    .into(),
            source: BC_SOURCE,
        });
    }
    let allocates = s.packs > 0
        && billing
            .tenant
            .environments
            .iter()
            .any(|e| e.allocated.is_some());
    if allocates || (s.payg && billing.payg_setup.power_platform) {
        steps.push(Step {
            id: "link-environment",
            title: "Link the Business Central environment to the Power Platform environment".into(),
            place: "Business Central admin center → Environments → Linked Power Platform \
                    environment",
            roles: "Internal administrator of the customer (not the reseller)",
            detail: "Needed for pay-as-you-go, and for prepaid capacity allocated to a specific \
                     environment."
                .into(),
            source: BC_SOURCE,
        });
    }
    if s.payg {
        for p in &billing.payg_setup.policies {
            let scope = match p.scope {
                Scope::AllUsers => "all users".to_string(),
                Scope::Group { users: 1 } => "a security group of 1 user".to_string(),
                Scope::Group { users } => format!("a security group of {users} users"),
            };
            steps.push(Step {
                id: "m365-billing-policy",
                title: format!("Add the billing policy “{}”", p.name),
                place: "Microsoft 365 admin center → Copilot → Billing & usage → Billing policies",
                roles:
                    "Global, Billing or AI Administrator, with Owner or Contributor on the Azure \
                        subscription and resource group",
                detail: format!(
                    "Subscription “{}”, resource group “{}”, region “{}”, scope: {scope}. Then, on \
                     the Pay-as-you-go services tab, connect it to Microsoft 365 Copilot Chat.",
                    p.subscription, p.resource_group, p.region
                ),
                source: M365_SOURCE,
            });
        }
        if billing.payg_setup.power_platform && !billing.payg_setup.policies.is_empty() {
            steps.push(Step {
                id: "billed-once",
                title: "Decide which pay-as-you-go set-up stays".into(),
                place: "Power Platform admin center and Microsoft 365 admin center",
                roles: "Global Administrator",
                detail: "The two set-ups can coexist and usage is billed once, but Microsoft \
                         recommends turning pay-as-you-go off in the Power Platform admin center \
                         before enabling it in the Microsoft 365 admin center."
                    .into(),
                source: M365_SOURCE,
            });
        }
        if let Some(budget) = s.budget {
            steps.push(Step {
                id: "azure-budget",
                title: format!(
                    "Set an Azure budget of {budget:.2} {} a month",
                    billing.prices.currency
                ),
                place: "Azure portal → Cost Management → Budgets",
                roles: "Owner or Contributor on the Azure subscription",
                detail: "The estimate treats the budget as a hard cap: past it, the agents stop \
                         until the month resets or the budget is raised. Adjust it in Microsoft \
                         Cost Management."
                    .into(),
                source: BC_SOURCE,
            });
        }
    } else {
        steps.push(Step {
            id: "watch-capacity",
            title: format!(
                "Watch consumption: without pay-as-you-go, agents stop at {} % of capacity",
                s.enforcement.normalize()
            ),
            place: "Power Platform admin center → Licensing → Copilot Studio",
            roles: "Power Platform Administrator",
            detail: "The consumption report lags about 24 hours. Business Central notifies users \
                     when the quota is low; when it is depleted, the AI capability is unavailable \
                     until more capacity is added."
                .into(),
            source: RATES_SOURCE,
        });
    }
    steps
}
