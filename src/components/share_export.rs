use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::export::{self, Source};
use crate::share;
use crate::state::{BillSpread, Calc, FullReport, Notice, NoticeKind};

/// What the exports and the printed proposal are made from: the state and the report. Taken
/// from the context when a component is created, since the clicks that use it run outside it.
#[derive(Clone, Copy)]
pub struct Exports {
    calc: Calc,
    report: Option<FullReport>,
    spread: Option<BillSpread>,
}

impl Exports {
    /// From the context.
    pub fn from_context() -> Self {
        Self {
            calc: expect_context::<Calc>(),
            report: use_context::<FullReport>(),
            spread: use_context::<BillSpread>(),
        }
    }

    /// Calls `f` with the estimate as it is now (read without tracking: exports are made on a
    /// click or before printing); `None` while the settings have never been valid (no report).
    pub fn with_source<T>(self, f: impl FnOnce(&Source) -> T) -> Option<T> {
        let Self {
            calc,
            report,
            spread,
        } = self;
        let report = report?.0;
        let link = format!(
            "{}#{}",
            browser::base_url(),
            share::write(&calc.plan_untracked())
        );
        let today = browser::today();
        let fmt = calc.fmt.get_value();
        let cases = spread.and_then(|s| s.0.get_untracked());
        report.with_untracked(|r| {
            let r = r.as_ref()?;
            calc.estimate.with_untracked(|e| {
                calc.billing.with_untracked(|b| {
                    calc.about.with_untracked(|about| {
                        Some(f(&Source {
                            about,
                            today: &today,
                            link: &link,
                            estimate: e,
                            report: r,
                            cases: cases.as_ref(),
                            billing: b,
                            fmt: &fmt,
                        }))
                    })
                })
            })
        })
    }
}

/// The file name of an export: the estimate's title and date.
fn file_name(calc: Calc, ext: &str) -> String {
    let today = browser::today();
    calc.about
        .with_untracked(|a| export::file_name(&a.title, a.date_or(&today), ext))
}

/// Share and export: a link that reopens exactly this estimate, the snippet to embed it, the
/// estimate as a table for mail and documents, CSV, Markdown and JSON downloads, JSON import, and
/// the printed proposal.
#[component]
pub fn ShareExport() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let exports = Exports::from_context();
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
    let export_status = RwSignal::new(String::new());
    let on_copy_table = move |_| {
        let Some((html, text)) = exports.with_source(|src| {
            let doc = export::document(src);
            (export::html(&doc), export::text(&doc))
        }) else {
            return;
        };
        spawn_local(async move {
            export_status.set(match browser::copy_rich(&html, &text).await {
                Ok(()) => "Copied as a table: paste it into a mail or a document.".into(),
                Err(_) => {
                    "Your browser didn't allow copying. Download the Markdown or the CSV instead."
                        .into()
                }
            });
        });
    };
    let download = move |ext: &str, mime: &str, text: Option<String>| {
        if let Some(text) = text {
            notify_failure(calc, browser::download(&file_name(calc, ext), mime, &text));
        }
    };
    let on_csv = move |_| download("csv", "text/csv", exports.with_source(export::csv));
    let on_markdown = move |_| {
        let text = exports.with_source(|src| export::markdown(&export::document(src)));
        download("md", "text/markdown", text);
    };
    let on_json = move |_| download("json", "application/json", Some(export::json(&calc.plan())));
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
                <button type="button" class="secondary" data-action="copy-table" on:click=on_copy_table>"Copy as table"</button>
                <button type="button" class="secondary" data-action="download-csv" on:click=on_csv>"Download CSV"</button>
                <button type="button" class="secondary" data-action="download-markdown" on:click=on_markdown>"Download Markdown"</button>
                <button type="button" class="secondary" data-action="download-json" on:click=on_json>"Download JSON"</button>
                <label class="button secondary">
                    "Import JSON"
                    <input type="file" accept=".json,application/json" class="visually-hidden" data-action="import-json" on:change=on_import/>
                </label>
                <button type="button" class="quiet" data-action="print" on:click=move |_| browser::print()>"Print proposal"</button>
            </div>
            <p class="field-help" role="status" data-testid="export-status">{move || export_status.get()}</p>
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
