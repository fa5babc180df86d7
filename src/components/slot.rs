use leptos::either::Either;
use leptos::prelude::*;

/// A place in the page whose view arrives with a module loaded after the page is ready
/// (`crate::split`): until then it is an empty element, into which start-up moves the
/// prerendered markup of the same slot when that still shows the estimate on screen
/// (`takeover`); then the live view replaces it.
///
/// `name` must be unique in the page and the same in every build of the same page, as it is what
/// ties the prerendered markup to its place.
#[component]
pub fn Slot(
    /// The slot's name (`data-slot`).
    #[prop(into)]
    name: String,
    /// The live view, once its module is here (`None` until then). Reads the signal that says
    /// so, so the slot fills itself when it changes.
    view: impl Fn() -> Option<AnyView> + Send + Sync + 'static,
) -> impl IntoView {
    move || match view() {
        Some(live) => Either::Left(view! {
            <div class="slot" data-slot=name.clone()>{live}</div>
        }),
        None => Either::Right(view! {
            <div class="slot" data-slot=name.clone() aria-busy="true"></div>
        }),
    }
}
