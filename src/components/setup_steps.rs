use leptos::prelude::*;

use crate::state::FullReport;

/// "What to set up": the estimate ends in an action plan for the chosen way of paying.
#[component]
pub fn SetupSteps() -> impl IntoView {
    let report = expect_context::<FullReport>().0;
    let steps = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.steps.clone()).unwrap_or_default())
    });
    view! {
        <section class="setup" aria-labelledby="setup-heading">
            <h3 id="setup-heading">"What to set up"</h3>
            <ol class="steps">
                {move || {
                    steps
                        .get()
                        .into_iter()
                        .map(|s| {
                            view! {
                                <li data-step=s.id>
                                    <strong>{s.title}</strong>
                                    <dl>
                                        <dt>"Where"</dt>
                                        <dd>{s.place}</dd>
                                        <dt>"Who"</dt>
                                        <dd>{s.roles}</dd>
                                    </dl>
                                    <p>{s.detail} " "<a href=s.source target="_blank" rel="noopener">"Source"</a></p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
