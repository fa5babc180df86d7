use leptos::prelude::*;

use crate::state::Calc;

/// After an agent is removed: what was removed, and a way to put it back.
#[component]
pub fn UndoBar() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let removed = move || calc.undo.with(|u| u.as_ref().map(|r| r.name.clone()));
    view! {
        <Show when=move || removed().is_some()>
            <div class="notice undo-bar" data-testid="undo-bar" role="status">
                <p>"Removed " <strong>{removed}</strong> "."</p>
                <button type="button" data-action="undo-remove" on:click=move |_| calc.undo_remove()>"Undo"</button>
                <button type="button" class="quiet" on:click=move |_| calc.undo.set(None)>"Dismiss"</button>
            </div>
        </Show>
    }
}
