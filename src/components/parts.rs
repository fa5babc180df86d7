use leptos::prelude::*;

use crate::components::{
    figure_range, AgentsOverview, BillingSection, Breakdown, EstimateAbout, FigureRange, Footer,
    GlanceCost, PrintProposal, RangeFields, ShareExport, StepsEditor, SweepTable, TotalAnnouncer,
};
use crate::rating::template::template;
use crate::rating::{estimate_with_cases, Estimate, RateCard, RatingError, Workload};
use crate::state::{BillSpread, Calc, FullReport, MonthBill, YearSpread};

/// The views that arrive after the page is ready, each filling a [`crate::components::Slot`].
/// One table of builders, so the split build moves all of them (and everything only they use,
/// such as the full billing report) out of the first download.
pub struct Parts {
    /// What it costs, sharing and export, and the rate card.
    pub rest: fn() -> AnyView,
    /// The estimate's title, parties, date and notes, at the top.
    pub about: fn() -> AnyView,
    /// The month's cost and the way to billing and sharing, in the glance beside the inputs.
    pub glance: fn() -> AnyView,
    /// A reference agent's feature table and lines table (the agent's template id).
    pub agent_details: fn(&str) -> AnyView,
    /// A custom agent's step editor (the agent's id).
    pub steps: fn(u32) -> AnyView,
    /// Every agent's figures and what drives the bill.
    pub overview: fn() -> AnyView,
    /// A figure's low and high case ([`crate::components::figure_range`]).
    pub figure_range: fn(FigureRange) -> AnyView,
    /// [`crate::rating::estimate_with_cases`], for the page's estimate once ranges can show.
    pub estimate_with_cases: EstimateWithCases,
}

/// An estimate with its low and high case ([`crate::rating::estimate_with_cases`]).
pub type EstimateWithCases = fn(&'static RateCard, &Workload) -> Result<Estimate, RatingError>;

/// The later parts' stylesheet (`style/parts.css`), adopted when they arrive.
pub const PARTS_CSS: &str = include_str!("../../style/parts.css");

/// The later parts of the page.
pub static PARTS: Parts = Parts {
    rest,
    about,
    glance,
    agent_details,
    steps,
    overview,
    figure_range,
    estimate_with_cases,
};

fn glance() -> AnyView {
    let calc = expect_context::<Calc>();
    // Its own bill (the billing section, in another slot, has one too): a few microseconds.
    provide_context(MonthBill::new(calc));
    provide_context(BillSpread::new(calc));
    view! { <GlanceCost/> }.into_any()
}

fn about() -> AnyView {
    view! { <EstimateAbout/> }.into_any()
}

fn rest() -> AnyView {
    let calc = expect_context::<Calc>();
    // The page is complete: now keep this build for offline use (never before the estimate).
    crate::browser::keep_offline_copy();
    provide_context(MonthBill::new(calc));
    provide_context(BillSpread::new(calc));
    provide_context(FullReport::new(calc));
    provide_context(YearSpread::new(calc));
    view! {
        <BillingSection/>
        <ShareExport/>
        <PrintProposal/>
        <TotalAnnouncer/>
        <Footer/>
    }
    .into_any()
}

fn agent_details(id: &str) -> AnyView {
    let calc = expect_context::<Calc>();
    let Some(t) = template(id) else {
        return ().into_any();
    };
    let agent = Memo::new(move |_| calc.estimate.with(|e| e.agent(t.id).cloned()));
    view! {
        <RangeFields template=t/>
        <Breakdown agent=agent.into()/>
        <SweepTable agent=t.id/>
    }
    .into_any()
}

fn steps(id: u32) -> AnyView {
    view! { <StepsEditor id=id/> }.into_any()
}

fn overview() -> AnyView {
    view! { <AgentsOverview/> }.into_any()
}
