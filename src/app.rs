//! Wiring between the state and the browser: the saved estimate follows every valid edit, another
//! tab's save and a link pasted into this tab reach the state, and what storage and links report
//! becomes a notice. Views live in `components`, state in `state`, start-up in `boot`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::plan::Plan;
use crate::saved::{Drafts, SavedError};
use crate::split;
use crate::state::{Calc, Mode, Notice, NoticeKind};
use crate::storage::{self, StorageError};
use crate::{browser, share};

/// Keeps the full page in step with the world outside it: a link pasted into the address bar,
/// other tabs, and the saved estimate. `saved` is what storage holds now, if anything readable.
/// Call once, in the page's reactive owner.
pub fn keep_in_step(calc: Calc, can_save: bool, saved: Option<(Plan, Drafts)>) {
    let can_save = StoredValue::new(can_save);
    let saved = StoredValue::new(saved);
    on_link_pasted(calc);
    on_other_tab(calc, can_save, saved);
    save_every_edit(calc, can_save, saved);
    follow_place(calc);
}

/// Brings the user to where their last action left them (`Calc::place`), once it is drawn.
fn follow_place(calc: Calc) {
    Effect::new(move |_| {
        if let Some(selector) = calc.place.get() {
            browser::go_to_soon(&selector);
        }
    });
}

/// A link pasted into this tab that differs only in its fragment doesn't reload the page.
fn on_link_pasted(calc: Calc) {
    let _ = window_event_listener_untyped("hashchange", move |_| {
        spawn_local(async move {
            let text = browser::link_text();
            let link = if share::has_compact(&text) || share::has_custom(&text) {
                match split::json().await {
                    Ok(json) => (json.read_link)(&text),
                    Err(_) => share::read_readable(&text),
                }
            } else {
                share::read_readable(&text)
            };
            let Some(plan) = link.plan() else { return };
            calc.show_shared(plan);
            calc.dismiss(NoticeKind::LinkIgnored);
            if let Some(n) = link_notice(&link) {
                calc.notify(n);
            }
        });
    });
}

/// Another tab saved: adopt its estimate, so two tabs stay in step and the next edit here builds
/// on the other's last one instead of silently overwriting it.
fn on_other_tab(calc: Calc, can_save: StoredValue<bool>, saved: StoredValue<Saved>) {
    let _ = window_event_listener_untyped("storage", move |event| {
        let Some(text) = storage::changed_elsewhere(&event) else {
            return;
        };
        spawn_local(async move {
            // A save here needs the JSON code too, so it is loaded by now or soon.
            let Ok(json) = split::json().await else {
                return;
            };
            adopt_other_tab(calc, can_save, saved, (json.decode_saved)(&text));
        });
    });
}

fn adopt_other_tab(
    calc: Calc,
    can_save: StoredValue<bool>,
    saved: StoredValue<Saved>,
    change: Result<(Plan, Drafts), SavedError>,
) {
    calc.dismiss(NoticeKind::StorageOtherTab);
    match change {
        Ok((plan, unfinished)) => {
            saved.set_value(Some((plan.clone(), unfinished.clone())));
            if calc.mode.get_untracked() != Mode::Own {
                return;
            }
            let here = untrack(|| calc.unfinished());
            if plan != calc.plan_untracked() || unfinished != here {
                calc.replace(plan);
                calc.restore_unfinished(&unfinished);
                calc.notify(Notice {
                    kind: NoticeKind::StorageOtherTab,
                    text: "Your estimate was changed in another tab; this tab now shows that \
                           change."
                        .into(),
                });
            }
        }
        Err(SavedError::Newer { .. }) => {
            can_save.set_value(false);
            calc.notify(Notice {
                kind: NoticeKind::StorageOtherTab,
                text: "A newer version of this page saved your estimate in another tab. This \
                       tab won't save over it; reload to use it."
                    .into(),
            });
        }
        // Unreadable text from elsewhere: the next save here replaces it, as on load.
        Err(_) => {}
    }
}

/// What storage holds, as this tab last read or wrote it.
type Saved = Option<(Plan, Drafts)>;

/// Every edit of the user's own estimate is saved, unfinished text included (a reload shows the
/// field as it was, message and all); a failed save says so until one works.
///
/// Saving needs the JSON code, downloaded on the first edit: edits made meanwhile are not queued
/// one by one, the latest plan wins, and nothing is written that storage already holds.
fn save_every_edit(calc: Calc, can_save: StoredValue<bool>, saved: StoredValue<Saved>) {
    let pending = StoredValue::new(None::<(Plan, Drafts)>);
    let writing = StoredValue::new(false);
    let unfinished = Memo::new(move |_| calc.unfinished());
    Effect::new(move |_| {
        let current = (calc.plan(), unfinished.get());
        if !can_save.get_value() || calc.mode.get() != Mode::Own {
            return;
        }
        if saved.with_value(|s| s.as_ref() == Some(&current)) {
            pending.set_value(None);
            return;
        }
        pending.set_value(Some(current));
        if writing.get_value() {
            return;
        }
        writing.set_value(true);
        spawn_local(async move {
            match split::json().await {
                Ok(json) => {
                    while let Some(next) = pending.try_update_value(Option::take).flatten() {
                        match storage::write(&(json.encode_saved)(&next.0, &next.1)) {
                            Ok(()) => {
                                saved.set_value(Some(next));
                                calc.dismiss(NoticeKind::StorageSaveFailed);
                            }
                            Err(e) => calc.notify(storage_notice(&e)),
                        }
                    }
                }
                Err(_) => calc.notify(Notice {
                    kind: NoticeKind::StorageSaveFailed,
                    text: "Your latest change couldn't be saved: part of this page's code \
                           couldn't be downloaded. The estimate on screen is complete; reload to \
                           try again."
                        .into(),
                }),
            }
            writing.set_value(false);
        });
    });
}

/// What a storage problem means for the user.
pub fn storage_notice(e: &StorageError) -> Notice {
    match e {
        StorageError::Unavailable => Notice {
            kind: NoticeKind::StorageUnavailable,
            text: "This browser isn't letting the page save (private mode or an embedded frame). \
                   Your estimate works normally but is kept in this tab only."
                .into(),
        },
        StorageError::SetAside {
            error: SavedError::Newer { .. },
            ..
        } => Notice {
            kind: NoticeKind::StorageNewer,
            text: "Your estimate was saved by a newer version of this page. It is kept as it is, \
                   and this tab won't save over it: it starts from the reference values. Reload \
                   to get the newer version."
                .into(),
        },
        StorageError::SetAside { error, key } => Notice {
            kind: NoticeKind::StorageUnreadable,
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
            kind: NoticeKind::StorageSaveFailed,
            text: format!(
                "Your latest change couldn't be saved ({why}); storage may be full. The \
                 estimate on screen is still complete: copy it somewhere before closing the tab."
            ),
        },
    }
}

/// The notice for what a link could not use, if anything.
pub fn link_notice(link: &share::LinkRead) -> Option<Notice> {
    if link.ignored.is_empty() {
        return None;
    }
    let what: Vec<String> = link.ignored.iter().map(ToString::to_string).collect();
    Some(Notice {
        kind: NoticeKind::LinkIgnored,
        text: format!("Part of the link was ignored: {}.", what.join("; ")),
    })
}
