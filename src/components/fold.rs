use leptos::prelude::*;

use crate::storage;

/// A long section that folds (a `<details>`), open or closed as this browser last left it
/// ([`storage::FOLDS_KEY`]), else as `open` says. Its content is always in the page: for
/// sections with input and figure hooks, which must be there whether or not it is open
/// ([`crate::components::LazyDetails`] builds its content only when opened).
#[component]
pub fn Fold(
    /// Stable name, remembered (`data-fold`).
    name: &'static str,
    /// The `<details>` element's class.
    class: &'static str,
    /// Open the first time, before this browser remembers anything.
    #[prop(optional)]
    open: bool,
    /// What the `<summary>` says.
    #[prop(into)]
    summary: ViewFn,
    /// The content.
    children: Children,
) -> impl IntoView {
    let open = storage::fold_open(name).unwrap_or(open);
    let on_toggle = move |ev: leptos::ev::Event| {
        storage::remember_fold(
            name,
            event_target::<web_sys::Element>(&ev).has_attribute("open"),
        );
    };
    view! {
        <details class=class data-fold=name open=open on:toggle=on_toggle>
            <summary>{summary.run()}</summary>
            {children()}
        </details>
    }
}
