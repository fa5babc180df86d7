use leptos::prelude::*;

use crate::app::{Calc, Mode};
use crate::storage;

/// Shown while viewing someone else's link: the saved estimate is untouched until the user
/// chooses to replace it.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let on_save = move |_| {
        clean_url();
        calc.mode.set(Mode::Own);
    };
    let on_back = move |_| {
        clean_url();
        calc.replace(storage::peek().unwrap_or_default());
        calc.mode.set(Mode::Own);
    };
    view! {
        <Show when=move || calc.mode.get() == Mode::Shared>
            <div class="shared-banner" data-testid="shared-banner" role="region" aria-label="Shared estimate">
                <p>
                    <strong>"You are viewing a shared estimate."</strong>
                    " Changes here are not saved. Your own estimate is kept as it was."
                </p>
                <div class="actions">
                    <button type="button" data-action="save-shared" on:click=on_save>
                        "Save as my estimate"
                    </button>
                    <button type="button" class="secondary" data-action="back-to-mine" on:click=on_back>
                        "Back to my estimate"
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Drops the link's parameters from the address bar, so a reload shows the user's own estimate.
fn clean_url() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}
