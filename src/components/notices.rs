use leptos::prelude::*;

use crate::state::Calc;

/// Notices about storage and links: what happened, and what it means for the user's estimate.
#[component]
pub fn Notices() -> impl IntoView {
    let calc = expect_context::<Calc>();
    // The list is rebuilt when it changes (rarely, and only a few items): cheaper in code than a
    // keyed <For>, and the page's first download carries it.
    view! {
        <div class="notices" role="status">
            {move || {
                calc.notices
                    .get()
                    .into_iter()
                    .map(|n| {
                        let kind = n.kind;
                        view! {
                            <div class="notice" data-notice=kind.hook()>
                                <p>{n.text}</p>
                                <button type="button" class="quiet" on:click=move |_| calc.dismiss(kind)>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
