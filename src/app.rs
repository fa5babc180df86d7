//! `<App/>`: owns the estimate's state, derives every figure with memos, and keeps the saved
//! estimate in step.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::capacity::{report, Billing, Report};
use crate::components::{
    AgentCard, BillingSection, CustomAgentCard, Footer, Notices, ShareExport, SharedBanner,
    Summary, UndoBar, Widget,
};
use crate::format::NumberFormat;
use crate::plan::Plan;
use crate::rating::{card, estimate, Estimate, RatingError, Workload};
use crate::saved::SavedError;
use crate::session::{embedded, start, Origin, Start};
use crate::storage::{self, StorageError};
use crate::{locale, share};

/// A message shown above the calculator. `kind` is its stable `data-notice` hook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Stable identifier for tests and styling (`storage-unavailable`, `link-ignored`, …).
    pub kind: &'static str,
    /// What happened and what it means for the user.
    pub text: String,
}

/// Whether edits are saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The user's own estimate: every valid edit is saved.
    Own,
    /// A shared link: shown and editable, never saved without "Save as my estimate".
    Shared,
}

/// Everything components read or change, shared through context.
#[derive(Clone, Copy)]
pub struct Calc {
    /// The last valid inputs.
    pub workload: RwSignal<Workload>,
    /// What the user typed per public input key, kept while it differs from a valid value's text.
    pub drafts: RwSignal<BTreeMap<String, String>>,
    /// The estimate of `workload`; it always holds the last valid estimate.
    pub estimate: Memo<Estimate>,
    /// How the tenant pays (the last valid settings).
    pub billing: RwSignal<Billing>,
    /// The billing report for the estimate's monthly total; the last valid one, `None` only if
    /// no valid report was ever possible.
    pub report: Memo<Option<Report>>,
    /// The reader's number conventions.
    pub fmt: StoredValue<NumberFormat>,
    /// Own or shared.
    pub mode: RwSignal<Mode>,
    /// Notices on screen.
    pub notices: RwSignal<Vec<Notice>>,
    /// The last removed agent, with the agents as they were, for "Undo".
    pub undo: RwSignal<Option<Removed>>,
}

/// An agent just removed, and the agents before its removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The removed agent's name.
    pub name: String,
    /// The agents before the removal.
    pub workload: Workload,
}

impl Calc {
    /// Replaces the whole estimate (a link, "Back to my estimate") and forgets typed drafts.
    pub fn replace(&self, plan: Plan) {
        self.drafts.set(BTreeMap::new());
        // An undo would bring back agents of the estimate just replaced.
        self.undo.set(None);
        self.workload.set(plan.workload);
        self.billing.set(plan.billing);
    }

    /// Removes an agent (a reference agent by template id, or a custom one), keeping what is
    /// needed to undo it.
    pub fn remove_agent(&self, template: Option<&'static str>, custom: Option<u32>) {
        let before = self.workload.get_untracked();
        let name = match (template, custom) {
            (Some(id), _) => crate::rating::template::template(id).map(|t| t.name.to_string()),
            (_, Some(id)) => before.custom(id).map(|c| c.name.clone()),
            _ => None,
        };
        let Some(name) = name else { return };
        self.workload.update(|w| {
            if let Some(id) = template {
                w.remove(id);
            }
            if let Some(id) = custom {
                w.custom.retain(|c| c.id != id);
            }
        });
        self.undo.set(Some(Removed {
            name,
            workload: before,
        }));
    }

    /// Puts back the agents as they were before the last removal.
    pub fn undo_remove(&self) {
        if let Some(r) = self.undo.get_untracked() {
            self.workload.set(r.workload);
            self.undo.set(None);
        }
    }

    /// The plan on screen, without subscribing to it.
    pub fn plan_untracked(&self) -> Plan {
        Plan {
            workload: self.workload.get_untracked(),
            billing: self.billing.get_untracked(),
        }
    }

    /// The plan on screen, as saved and shared.
    pub fn plan(&self) -> Plan {
        Plan {
            workload: self.workload.get(),
            billing: self.billing.get(),
        }
    }
}

fn estimate_or_previous(w: &Workload, previous: Option<&Estimate>) -> Estimate {
    match estimate(card::current(), w) {
        Ok(e) => e,
        // Inputs are validated before they reach the workload, so this is a guard, not a path:
        // keep the last good figures rather than show nothing.
        Err(_) => previous.cloned().unwrap_or_else(|| Estimate {
            card: card::current(),
            agents: Vec::new(),
            custom: Vec::new(),
            credits_per_month: crate::rating::Credits::ZERO,
        }),
    }
}

fn storage_notice(e: &StorageError) -> Notice {
    match e {
        StorageError::Unavailable => Notice {
            kind: "storage-unavailable",
            text: "This browser isn't letting the page save (private mode or an embedded frame). \
                   Your estimate works normally but is kept in this tab only."
                .into(),
        },
        StorageError::SetAside {
            error: SavedError::Newer { .. },
            ..
        } => Notice {
            kind: "storage-newer",
            text: "Your estimate was saved by a newer version of this page. It is kept as it is, \
                   and this tab won't save over it: it starts from the reference values. Reload \
                   to get the newer version."
                .into(),
        },
        StorageError::SetAside { error, key } => Notice {
            kind: "storage-unreadable",
            text: match key {
                Some(key) => format!(
                    "Your saved estimate couldn't be read, so the calculator starts from the \
                     reference values. Nothing was deleted: {error}; the original is kept in \
                     local storage under “{key}”."
                ),
                None => format!(
                    "Your saved estimate couldn't be read ({error}). It was left untouched and \
                     this tab won't save over it."
                ),
            },
        },
        StorageError::WriteFailed(why) => Notice {
            kind: "storage-save-failed",
            text: format!(
                "Your latest change couldn't be saved ({why}); storage may be full. The \
                 estimate on screen is still complete: copy it somewhere before closing the tab."
            ),
        },
    }
}

/// The notice for what a link could not use, if anything.
fn link_notice(link: &share::LinkRead) -> Option<Notice> {
    if link.ignored.is_empty() {
        return None;
    }
    let what: Vec<String> = link.ignored.iter().map(ToString::to_string).collect();
    Some(Notice {
        kind: "link-ignored",
        text: format!("Part of the link was ignored: {}.", what.join("; ")),
    })
}

/// The calculator page.
#[component]
pub fn App() -> impl IntoView {
    // -- signals --
    let fmt = StoredValue::new(locale::number_format());
    let link = share::read(&crate::browser::link_text());
    let embed = link.embed;
    let mut can_save = !embed;
    let mut notices = Vec::new();
    let begin = if embed {
        // A widget on someone else's page: never touches the visitor's saved estimate.
        Start {
            plan: embedded(&link),
            origin: Origin::Link,
        }
    } else {
        let loaded = storage::load();
        if let Err(e) = &loaded {
            notices.push(storage_notice(e));
            // A newer version's save is kept where that version looks for it: never overwritten.
            can_save = !matches!(
                e,
                StorageError::Unavailable
                    | StorageError::SetAside { key: None, .. }
                    | StorageError::SetAside {
                        error: SavedError::Newer { .. },
                        ..
                    }
            );
        }
        start(&link, loaded.as_ref().ok().and_then(Option::as_ref))
    };
    notices.extend(link_notice(&link));
    let mode = RwSignal::new(if begin.origin == Origin::Link {
        Mode::Shared
    } else {
        Mode::Own
    });
    let workload = RwSignal::new(begin.plan.workload);
    let billing = RwSignal::new(begin.plan.billing);
    let drafts = RwSignal::new(BTreeMap::new());
    let notices = RwSignal::new(notices);
    let estimate =
        Memo::new(move |prev: Option<&Estimate>| workload.with(|w| estimate_or_previous(w, prev)));
    let report = Memo::new(move |prev: Option<&Option<Report>>| {
        let demand = estimate.with(|e| e.credits_per_month);
        // Settings are validated field by field, so an error is a guard: keep the last report.
        billing
            .with(|b| report(demand, b).ok())
            .or_else(|| prev.cloned().flatten())
    });
    let calc = Calc {
        workload,
        drafts,
        estimate,
        billing,
        report,
        fmt,
        mode,
        notices,
        undo: RwSignal::new(None),
    };
    provide_context(calc);

    // -- effects --
    if !embed {
        // A link pasted into this tab that differs only in its fragment doesn't reload the page.
        let _ = window_event_listener_untyped("hashchange", move |_| {
            let link = share::read(&crate::browser::link_text());
            let Some(plan) = link.plan() else { return };
            calc.replace(plan);
            mode.set(Mode::Shared);
            notices.update(|list| {
                list.retain(|n| n.kind != "link-ignored");
                list.extend(link_notice(&link));
            });
        });
    }
    let can_save = StoredValue::new(can_save);
    if !embed {
        // Another tab saved: adopt its estimate, so two tabs stay in step and the next edit here
        // builds on the other's last one instead of silently overwriting it.
        let _ = window_event_listener_untyped("storage", move |event| {
            let Some(change) = storage::changed_elsewhere(&event) else {
                return;
            };
            notices.update(|list| list.retain(|n| n.kind != "storage-other-tab"));
            match change {
                Ok(plan) => {
                    if mode.get_untracked() == Mode::Own && plan != calc.plan_untracked() {
                        calc.replace(plan);
                        notices.update(|list| {
                            list.push(Notice {
                                kind: "storage-other-tab",
                                text: "Your estimate was changed in another tab; this tab now \
                                       shows that change."
                                    .into(),
                            })
                        });
                    }
                }
                Err(SavedError::Newer { .. }) => {
                    can_save.set_value(false);
                    notices.update(|list| {
                        list.push(Notice {
                            kind: "storage-other-tab",
                            text: "A newer version of this page saved your estimate in another \
                                   tab. This tab won't save over it; reload to use it."
                                .into(),
                        })
                    });
                }
                // Unreadable text from elsewhere: the next save here replaces it, as on load.
                Err(_) => {}
            }
        });
    }
    Effect::new(move |_| {
        let current = calc.plan();
        if !can_save.get_value() || mode.get() != Mode::Own {
            return;
        }
        let result = storage::save(&current);
        notices.update(|list| {
            list.retain(|n| n.kind != "storage-save-failed");
            if let Err(e) = &result {
                list.push(storage_notice(e));
            }
        });
    });

    // -- view --
    let agent_ids = move || {
        workload.with(|w| {
            w.agents
                .iter()
                .map(|a| a.template.clone())
                .collect::<Vec<_>>()
        })
    };
    let custom_ids = move || workload.with(|w| w.custom.iter().map(|c| c.id).collect::<Vec<_>>());
    let rest = RwSignal::new(false);
    request_animation_frame(move || rest.set(true));
    if embed {
        return view! {
            <div class="page embed">
                <Notices/>
                <Widget/>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Copilot Credits estimator"</h1>
                <p class="lede">
                    "What your Business Central agents will use in Microsoft Copilot Credits, \
                     per run and per month, and what that costs with prepaid packs, \
                     pay-as-you-go or both. Enter your volumes; every figure shows how it is derived."
                </p>
            </header>
            <SharedBanner/>
            <Notices/>
            <main class="agents">
                <For each=agent_ids key=|id| id.clone() children=move |id| view! { <AgentCard id=id/> }/>
                <For each=custom_ids key=|id| *id children=move |id| view! { <CustomAgentCard id=id/> }/>
                <UndoBar/>
                <Summary/>
            </main>
            // The estimate shows first; what it costs, sharing and the rate card are built in the
            // next frame, so the first figures reach the screen without waiting for them.
            <Show when=move || rest.get()>
                <BillingSection/>
                <ShareExport/>
                <Footer/>
            </Show>
        </div>
    }
    .into_any()
}

/// Keeps the unused-result lint quiet where a validated value is written back.
pub(crate) fn ignore_validated(result: Result<(), RatingError>) {
    debug_assert!(result.is_ok(), "validated value refused: {result:?}");
}
