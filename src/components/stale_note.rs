use leptos::prelude::*;

use crate::browser;
use crate::state::{Calc, Depends};

/// Says, above a table or chart, that its figures wait for a field in error: they keep the last
/// valid estimate (each of them carries `data-stale`). Its button takes the user to that field,
/// wherever it is (in a closed section, a screen away).
#[component]
pub fn StaleNote(
    /// What the figures below are computed from.
    depends: Depends,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let field = Memo::new(move |_| calc.stale.with(|s| s.first(depends).map(str::to_string)));
    move || {
        field.get().map(|key| {
            let go = move |_| {
                browser::go_to(&format!("[data-input=\"{key}\"]"));
            };
            view! {
                <p class="stale-note" role="status">
                    "Not updated: these figures are for the last valid values until the field in \
                     error is corrected. "
                    <button type="button" class="secondary" data-action="go-to-error" on:click=go>
                        "Go to the field"
                    </button>
                </p>
            }
        })
    }
}
