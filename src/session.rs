//! Where an estimate starts: the one place that decides between a link, the saved estimate and
//! the defaults.

use crate::plan::Plan;
use crate::share::{LinkRead, WidgetAgent};

/// Where the estimate on screen came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A link: shown, but never saved without the user's say-so.
    Link,
    /// The estimate saved on this device.
    Saved,
    /// Nothing usable was found.
    Defaults,
}

/// The estimate to show first, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    /// What to show.
    pub plan: Plan,
    /// Where it came from.
    pub origin: Origin,
}

/// Precedence: a link that names an agent or a billing setting, then the saved estimate, then
/// the defaults.
///
/// ```
/// use agent_credits::{plan::Plan, session::{start, Origin}, share};
/// let s = start(&share::read("?v=1"), None);
/// assert_eq!((s.origin, s.plan), (Origin::Defaults, Plan::default()));
/// ```
pub fn start(link: &LinkRead, saved: Option<&Plan>) -> Start {
    if let Some(plan) = link.plan() {
        return Start {
            plan,
            origin: Origin::Link,
        };
    }
    match saved {
        Some(p) => Start {
            plan: p.clone(),
            origin: Origin::Saved,
        },
        None => Start {
            plan: Plan::default(),
            origin: Origin::Defaults,
        },
    }
}

/// What an embedded widget (`embed=1`) shows: the link's plan or the defaults, narrowed to the
/// agent it names. A widget never reads or writes the visitor's saved estimate.
///
/// ```
/// use agent_credits::{session::embedded, share};
/// let p = embedded(&share::read("?embed=1&agent=payables"));
/// assert_eq!(p.workload.agents.len(), 1);
/// assert_eq!(p.workload.agents[0].template, "payables");
///
/// let link = "?embed=1&agent=custom.2&custom.1.starter=qa&custom.2.starter=autonomous";
/// let p = embedded(&share::read(link));
/// assert!(p.workload.agents.is_empty());
/// assert_eq!((p.workload.custom.len(), p.workload.custom[0].id), (1, 2));
/// ```
pub fn embedded(link: &LinkRead) -> Plan {
    let mut plan = link.plan().unwrap_or_default();
    match link.agent {
        Some(WidgetAgent::Template(agent)) => {
            plan.workload.agents.retain(|a| a.template == agent);
            plan.workload.custom.clear();
            // `agent` is a known template id (checked when the link was read).
            let _ = plan.workload.include(agent);
        }
        Some(WidgetAgent::Custom(id)) => {
            plan.workload.agents.clear();
            plan.workload.custom.retain(|c| c.id == id);
        }
        None => {}
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::Workload;
    use crate::share;

    #[test]
    fn link_then_saved_then_defaults() {
        let mut w = Workload::empty();
        w.include("payables").unwrap();
        let mine = Plan::of(w);
        let link = share::read("?sales_order.requests=5");
        let none = share::read("");

        let s = start(&link, Some(&mine));
        assert_eq!(s.origin, Origin::Link);
        assert!(s.plan.workload.includes("sales_order") && !s.plan.workload.includes("payables"));

        let s = start(&share::read("#billing.packs=4"), Some(&mine));
        assert_eq!(s.origin, Origin::Link);
        assert_eq!(s.plan.workload, Workload::default());
        assert_eq!(s.plan.billing.settings.packs, 4);

        let s = start(&none, Some(&mine));
        assert_eq!((s.origin, &s.plan), (Origin::Saved, &mine));

        let s = start(&none, None);
        assert_eq!((s.origin, &s.plan), (Origin::Defaults, &Plan::default()));
    }
}
