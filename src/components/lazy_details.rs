use leptos::prelude::*;

/// A closed `<details>` whose content is built the first time it opens, then kept.
///
/// Derivation tables nobody has opened are neither built at startup nor re-rendered on every
/// edit (with memoised fields, edits got about a quarter faster: BENCHMARKS.md). Only for content
/// without `data-input` / `data-metric` hooks: those are public and must be in the page whether or
/// not a section is open.
#[component]
pub fn LazyDetails(
    /// The `<details>` element's class.
    class: &'static str,
    /// A name under which this browser remembers whether it is open ([`Fold`]); without one it
    /// starts closed every time.
    ///
    /// [`Fold`]: crate::components::Fold
    #[prop(optional)]
    name: Option<&'static str>,
    /// What the `<summary>` says.
    #[prop(into)]
    summary: ViewFn,
    /// The content, built on first opening.
    children: ChildrenFn,
) -> impl IntoView {
    let open_now = name.and_then(crate::storage::fold_open).unwrap_or(false);
    let opened = RwSignal::new(open_now);
    let on_toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        if let Some(name) = name {
            crate::storage::remember_fold(name, open);
        }
        if !opened.get_untracked() && open {
            opened.set(true);
        }
    };
    view! {
        <details class=class data-fold=name open=open_now on:toggle=on_toggle>
            <summary>{summary.run()}</summary>
            <Show when=move || opened.get()>{children()}</Show>
        </details>
    }
}
