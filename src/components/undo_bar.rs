use leptos::prelude::*;

use crate::state::Calc;

/// After an agent is removed: what was removed, and a way to put it back.
#[component]
pub fn UndoBar() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let removed = move || calc.undo.with(|u| u.as_ref().map(|r| r.name.clone()));
    // A closure, not <Show>: the same result with less code in the page's first download.
    move || {
        removed().map(|name| {
            view! {
                <div class="notice undo-bar" data-testid="undo-bar" role="status">
                    <p>"Removed " <strong>{name}</strong> "."</p>
                    <button type="button" data-action="undo-remove" on:click=move |_| calc.undo_remove()>"Undo"</button>
                    <button type="button" class="quiet" on:click=move |_| calc.undo.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
