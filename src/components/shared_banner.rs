use leptos::prelude::*;

use crate::state::{Calc, Mode};

/// Shown while viewing someone else's link: the saved estimate is untouched until the user
/// chooses to replace it.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let calc = expect_context::<Calc>();
    // A closure, not <Show>: the same result with less code in the page's first download.
    move || {
        (calc.mode.get() == Mode::Shared).then(|| view! {
            <div class="shared-banner" data-testid="shared-banner" role="region" aria-label="Shared estimate">
                <p>
                    <strong>"You are viewing a shared estimate."</strong>
                    " Changes here are not saved. Your own estimate is kept as it was."
                </p>
                <div class="actions">
                    <button type="button" data-action="save-shared" on:click=move |_| calc.keep_shared()>
                        "Save as my estimate"
                    </button>
                    <button type="button" class="secondary" data-action="back-to-mine" on:click=move |_| calc.back_to_mine()>
                        "Back to my estimate"
                    </button>
                </div>
            </div>
        })
    }
}
