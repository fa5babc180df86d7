use leptos::prelude::*;

use crate::state::Calc;

/// Notices about storage and links: what happened, and what it means for the user's estimate.
#[component]
pub fn Notices() -> impl IntoView {
    let calc = expect_context::<Calc>();
    view! {
        <div class="notices" role="status">
            <For
                each=move || calc.notices.get()
                key=|n| (n.kind, n.text.clone())
                children=move |n| {
                    let kind = n.kind;
                    view! {
                        <div class="notice" data-notice=kind.hook()>
                            <p>{n.text}</p>
                            <button type="button" class="quiet" on:click=move |_| calc.dismiss(kind)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
