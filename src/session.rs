//! Where an estimate starts: the one place that decides between a link, the saved estimate and
//! the defaults.

use crate::rating::Workload;
use crate::share::LinkRead;

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
    pub workload: Workload,
    /// Where it came from.
    pub origin: Origin,
}

/// Precedence: a link that names an agent, then the saved estimate, then the defaults.
///
/// ```
/// use agent_credits::{rating::Workload, session::{start, Origin}, share};
/// let s = start(&share::read("?v=1"), None);
/// assert_eq!((s.origin, s.workload), (Origin::Defaults, Workload::default()));
/// ```
pub fn start(link: &LinkRead, saved: Option<&Workload>) -> Start {
    if let Some(w) = &link.workload {
        return Start {
            workload: w.clone(),
            origin: Origin::Link,
        };
    }
    match saved {
        Some(w) => Start {
            workload: w.clone(),
            origin: Origin::Saved,
        },
        None => Start {
            workload: Workload::default(),
            origin: Origin::Defaults,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share;

    #[test]
    fn link_then_saved_then_defaults() {
        let mut mine = Workload::empty();
        mine.include("payables").unwrap();
        let link = share::read("?sales_order.requests=5");
        let none = share::read("");

        let s = start(&link, Some(&mine));
        assert_eq!(s.origin, Origin::Link);
        assert!(s.workload.includes("sales_order") && !s.workload.includes("payables"));

        let s = start(&none, Some(&mine));
        assert_eq!((s.origin, &s.workload), (Origin::Saved, &mine));

        let s = start(&none, None);
        assert_eq!(
            (s.origin, &s.workload),
            (Origin::Defaults, &Workload::default())
        );
    }
}
