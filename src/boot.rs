//! Start-up, in two halves.
//!
//! The first half ([`start`]) is all the first Wasm module holds: it reads the address, shows a
//! shared link's own total at once (computed by the rating core, before any view exists), and
//! hands over to the module of the view to show, whose download starts then (all its files at
//! once). The first module has no Leptos, no views and no JSON code, so it arrives and compiles
//! fast.
//!
//! The second half runs in the view's module: the page's ([`run_page`]) reads the saved estimate
//! (with the JSON code, fetched only when something is saved), builds the state from the plan
//! that wins, takes over the prerendered markup, and fetches the parts of the page that can come
//! a moment later; the widget's ([`crate::widget::dom::run`]) draws the link's estimate without
//! Leptos.

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;

use crate::app::{self, link_notice, storage_notice};
use crate::format::NumberFormat;
use crate::plan::Plan;
use crate::rating::{card, estimate};
use crate::saved::{Drafts, SavedError};
use crate::session::{start as precedence, Origin};
use crate::share::{self, LinkRead};
use crate::split::{self, Deferred};
use crate::state::{Calc, Mode, Notice, NoticeKind};
use crate::storage::{self, StorageError};
use crate::{browser, locale, takeover};

/// What the first module hands to the view's module.
pub struct Start {
    /// The link in the address bar, read.
    pub link: LinkRead,
    /// What went wrong so far.
    pub notices: Vec<Notice>,
    /// The reader's number conventions.
    pub fmt: NumberFormat,
}

/// A view module's entry point.
pub type Run = fn(Start);

/// Starts the app: called once by `main`.
pub fn start() {
    browser::report_panics();
    wasm_bindgen_futures::spawn_local(async {
        let mut notices = Vec::new();
        let link = read_link(&browser::link_text(), &mut notices).await;
        let fmt = locale::number_format();
        let embed = link.embed;
        if !embed {
            early_total(&link, &fmt);
        }
        let run = if embed {
            split::widget().await
        } else {
            split::page().await
        };
        match run {
            Ok(run) => run(Start { link, notices, fmt }),
            Err(_) => takeover::load_failed(),
        }
    });
}

/// The link in the address bar; with a compact parameter, read by the JSON code.
async fn read_link(text: &str, notices: &mut Vec<Notice>) -> LinkRead {
    if !share::has_compact(text) && !share::has_custom(text) {
        return share::read_readable(text);
    }
    match split::json().await {
        Ok(json) => (json.read_link)(text),
        Err(_) => {
            notices.push(unloaded(
                "the link's prices, environments and custom agents",
            ));
            share::read_readable(text)
        }
    }
}

/// A link names an estimate: its total, from the rating core alone, goes on screen while the
/// views are on their way (the rest of the page shows its loading state until then).
fn early_total(link: &LinkRead, fmt: &NumberFormat) {
    let Some(plan) = link.plan() else { return };
    if let Ok(e) = estimate(card::current(), &plan.workload) {
        let total = e.credits_per_month.amount();
        takeover::show_early_total(total, &fmt.credits(total));
    }
}

/// The notice for code that could not be downloaded.
fn unloaded(what: &str) -> Notice {
    Notice {
        kind: NoticeKind::LoadFailed,
        text: format!(
            "Part of this page's code couldn't be downloaded, so {what} couldn't be read. The \
             page starts without it; reload to try again."
        ),
    }
}

/// Everything the full page knows at start-up, before any view exists.
#[derive(Clone, Debug)]
pub struct Boot {
    /// The estimate to show first.
    pub plan: Plan,
    /// Whether edits are saved.
    pub mode: Mode,
    /// What went wrong reading the link or the saved estimate.
    pub notices: Vec<Notice>,
    /// Whether this tab may write the saved estimate (not when storage is missing or holds
    /// something it must not overwrite).
    pub can_save: bool,
    /// The estimate storage holds now, if it holds a readable one, with what was still being
    /// typed when it was saved.
    pub stored: Option<(Plan, Drafts)>,
    /// What was still being typed, shown again in its fields (the saved estimate's, when it is
    /// the one on screen).
    pub unfinished: Drafts,
    /// The reader's number conventions.
    pub fmt: NumberFormat,
}

impl Boot {
    /// The full page's start: the link, then the saved estimate (the one place start-up reads
    /// it), then the defaults.
    pub async fn page(start: Start) -> Self {
        let Start {
            link,
            mut notices,
            fmt,
        } = start;
        let (stored, can_save) = read_saved(&mut notices).await;
        notices.extend(link_notice(&link));
        let first = precedence(&link, stored.as_ref().map(|(plan, _)| plan));
        let unfinished = match (&stored, first.origin) {
            (Some((_, drafts)), Origin::Saved) => drafts.clone(),
            _ => Drafts::new(),
        };
        Self {
            plan: first.plan,
            unfinished,
            mode: if first.origin == Origin::Link {
                Mode::Shared
            } else {
                Mode::Own
            },
            notices,
            can_save,
            stored,
            fmt,
        }
    }

    /// Whether the prerendered page (the default plan, English number format) is this page: then
    /// its markup may stay on screen until the code for each part arrives.
    pub fn matches_prerender(&self) -> bool {
        self.plan == Plan::default() && self.fmt == NumberFormat::en()
    }
}

/// The saved estimate, and whether this tab may save over it.
async fn read_saved(notices: &mut Vec<Notice>) -> (Option<(Plan, Drafts)>, bool) {
    let text = match storage::read() {
        Ok(Some(text)) => text,
        Ok(None) => return (None, true),
        Err(e) => {
            notices.push(storage_notice(&e));
            return (None, false);
        }
    };
    let decoded = match split::json().await {
        Ok(json) => (json.decode_saved)(&text),
        Err(_) => {
            // Not unreadable, only not readable now: leave it where it is, and don't save over it.
            notices.push(unloaded("your saved estimate"));
            return (None, false);
        }
    };
    match decoded {
        Ok(saved) => (Some(saved), true),
        Err(error) => {
            let newer = matches!(error, SavedError::Newer { .. });
            let e = storage::set_aside(&text, error);
            notices.push(storage_notice(&e));
            // A newer version's save is kept where that version looks for it: never overwritten.
            let kept_aside = matches!(e, StorageError::SetAside { key: Some(_), .. });
            (None, kept_aside && !newer)
        }
    }
}

/// The reactive root and the state for `boot`, provided as context to everything under it.
fn state(boot: &Boot) -> (Owner, Calc, Deferred) {
    let owner = Owner::new();
    let (calc, deferred) = owner.with(|| {
        let deferred = Deferred::new();
        let calc = Calc::new(
            boot.plan.clone(),
            boot.mode,
            boot.notices.clone(),
            boot.fmt.clone(),
            &boot.unfinished,
            deferred,
        );
        provide_context(calc);
        provide_context(deferred);
        (calc, deferred)
    });
    (owner, calc, deferred)
}

/// Leptos' tasks (effects, loading the parts, saving) run on the browser's microtask queue.
fn init_executor() {
    // An error only says it was already started.
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

/// The page module's entry point.
pub fn run_page(start: Start) {
    init_executor();
    leptos::task::spawn_local(async move {
        let boot = Boot::page(start).await;
        let (owner, calc, deferred) = state(&boot);
        let prerendered = boot.matches_prerender();
        takeover::mark_plan(prerendered);
        owner
            .with(|| ScopedFuture::new(takeover::mount_over(crate::components::page, prerendered)))
            .await;
        owner.with(|| {
            app::keep_in_step(calc, boot.can_save, boot.stored.clone());
            // While the rest of the page is on its way, the prerendered markup of its parts shows
            // the default estimate: fine as long as that is still the estimate on screen.
            Effect::new(move |_| {
                if deferred.parts().is_none() {
                    takeover::mark_plan(prerendered && calc.plan() == Plan::default());
                }
            });
        });
        // The root of the reactive tree lives as long as the page.
        std::mem::forget(owner);
        // An estimate's own custom agents come first; otherwise the cards come last, before
        // anyone can have added one.
        let has_custom = !boot.plan.workload.custom.is_empty();
        if has_custom {
            load_custom(calc, deferred).await;
        }
        let parts = split::parts().await;
        if !has_custom {
            load_custom(calc, deferred).await;
        }
        match parts {
            Ok(parts) => {
                let typed = takeover::capture_adopted();
                deferred.set_parts(parts);
                leptos::task::tick().await;
                takeover::replay(&typed);
                takeover::mark_complete();
            }
            Err(_) => calc.notify(Notice {
                kind: NoticeKind::LoadFailed,
                text: "Part of the page (what the estimate costs, sharing and export) couldn't be \
                       downloaded. The estimate above works; reload the page to try again."
                    .into(),
            }),
        }
    });
}

/// Fetches the custom agents' cards.
async fn load_custom(calc: Calc, deferred: Deferred) {
    match split::custom().await {
        Ok(card) => deferred.set_custom(card),
        Err(_) => calc.notify(Notice {
            kind: NoticeKind::LoadFailed,
            text: "Custom agents' cards couldn't be downloaded. Their figures are in the total; \
                   reload the page to see them."
                .into(),
        }),
    }
}

/// A page mounted by [`mount_page_in`]; dropping it unmounts the page and disposes its state.
pub struct Mounted {
    view: Option<Box<dyn std::any::Any>>,
    owner: Owner,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.view.take();
        self.owner.cleanup();
    }
}

/// The full page as start-up builds it (the address and the saved estimate read, every edit
/// saved), inside `host` instead of in place of the page's root, with its later parts loaded.
/// For the browser tests (`tests/web.rs`), which mount many pages in one document.
pub async fn mount_page_in(host: web_sys::HtmlElement) -> Mounted {
    init_executor();
    let mut notices = Vec::new();
    let link = read_link(&browser::link_text(), &mut notices).await;
    let fmt = locale::number_format();
    let boot = Boot::page(Start { link, notices, fmt }).await;
    let (owner, calc, deferred) = state(&boot);
    let view = owner.with(|| leptos::mount::mount_to(host, crate::components::page));
    owner.with(|| app::keep_in_step(calc, boot.can_save, boot.stored.clone()));
    if let Ok(card) = split::custom().await {
        deferred.set_custom(card);
    }
    if let Ok(parts) = split::parts().await {
        deferred.set_parts(parts);
        leptos::task::tick().await;
    }
    Mounted {
        view: Some(Box::new(view)),
        owner,
    }
}
