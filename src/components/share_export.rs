use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::state::{BillSpread, Calc, FullReport, Notice, NoticeKind};
use crate::{export, share};

/// Share and export: a link that reopens exactly this estimate, the snippet to embed it, CSV and
/// JSON downloads, JSON import, and a printable summary.
#[component]
pub fn ShareExport() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let report = expect_context::<FullReport>().0;
    let base = StoredValue::new(browser::base_url());
    let params = Memo::new(move |_| share::write(&calc.plan()));
    let link = move || format!("{}#{}", base.get_value(), params.get());
    let show_link = RwSignal::new(false);
    let show_embed = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let on_copy = move |_| {
        show_link.set(true);
        let text = link();
        spawn_local(async move {
            status.set(match browser::copy(&text).await {
                Ok(()) => "Copied. Anyone with the link sees these figures; nothing is stored on a server.".into(),
                Err(_) => "Your browser didn't allow copying: select the link above and copy it.".into(),
            });
        });
    };
    let snippet = move || {
        // One agent: the widget shows that one (a custom agent by its place in the link).
        let agent = calc
            .workload
            .with(|w| match (w.agents.as_slice(), w.custom.as_slice()) {
                ([one], []) => format!("&agent={}", one.template),
                ([], [_]) => "&agent=custom.1".into(),
                _ => String::new(),
            });
        let base = base.get_value();
        format!(
            "<iframe src=\"{base}?embed=1{agent}&{}\" title=\"Copilot Credits estimate\" \
             style=\"width:100%;border:0\" loading=\"lazy\"></iframe>\n\
             <script src=\"{base}examples/embed.js\" async></script>",
            params.get()
        )
    };
    // The month's bill in the low and high case, for the CSV's range columns.
    let spread = use_context::<BillSpread>();
    let on_csv = move |_| {
        let text = report.with(|r| {
            r.as_ref().map(|r| {
                calc.estimate.with(|e| {
                    let cases = spread.and_then(|s| s.0.get_untracked());
                    calc.billing.with(|b| export::csv(e, r, cases.as_ref(), b))
                })
            })
        });
        if let Some(text) = text {
            notify_failure(
                calc,
                browser::download("copilot-credits-estimate.csv", "text/csv", &text),
            );
        }
    };
    let on_json = move |_| {
        let text = export::json(&calc.plan());
        notify_failure(
            calc,
            browser::download("copilot-credits-estimate.json", "application/json", &text),
        );
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        spawn_local(async move {
            let text = browser::read_chosen_file(&input).await;
            input.set_value("");
            let outcome = match text {
                Ok(text) => export::import(&text).map_err(|e| e.to_string()),
                Err(_) => Err("the file couldn't be read".to_string()),
            };
            calc.dismiss(NoticeKind::ImportFailed);
            match outcome {
                Ok(plan) => calc.show_shared(plan),
                Err(why) => calc.notify(Notice {
                    kind: NoticeKind::ImportFailed,
                    text: format!(
                        "That file couldn't be imported: {why}. The estimate on screen is unchanged."
                    ),
                }),
            }
        });
    };
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share and export"</h2>
            <div class="actions">
                <button type="button" data-action="copy-link" on:click=on_copy>"Copy link"</button>
                <button type="button" class="secondary" data-action="embed-this" on:click=move |_| show_embed.update(|s| *s = !*s)>
                    "Embed this"
                </button>
                <button type="button" class="secondary" data-action="download-csv" on:click=on_csv>"Download CSV"</button>
                <button type="button" class="secondary" data-action="download-json" on:click=on_json>"Download JSON"</button>
                <label class="button secondary">
                    "Import JSON"
                    <input type="file" accept=".json,application/json" class="visually-hidden" data-action="import-json" on:change=on_import/>
                </label>
                <button type="button" class="quiet" data-action="print" on:click=move |_| browser::print()>"Print summary"</button>
            </div>
            <Show when=move || show_link.get()>
                <div class="field text">
                    <label for="share-link">
                        "Link to this estimate (" {move || link().chars().count()} " characters)"
                    </label>
                    <input id="share-link" type="text" readonly data-testid="share-link" prop:value=link/>
                    <p class="field-help" role="status">{move || status.get()}</p>
                </div>
            </Show>
            <Show when=move || show_embed.get()>
                <div class="field text">
                    <label for="embed-snippet">"Paste into your page: the widget sizes itself"</label>
                    <textarea id="embed-snippet" readonly rows="4" data-testid="embed-snippet" prop:value=snippet></textarea>
                </div>
            </Show>
        </section>
    }
}

fn notify_failure(calc: Calc, result: Result<(), wasm_bindgen::JsValue>) {
    if result.is_err() {
        calc.notify(Notice {
            kind: NoticeKind::DownloadFailed,
            text: "Your browser didn't allow the download.".into(),
        });
    }
}
