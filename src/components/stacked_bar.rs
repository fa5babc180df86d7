use leptos::prelude::*;
use rust_decimal::Decimal;

/// One part of a [`StackedBar`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarPart {
    /// Its classes (its colour).
    pub class: String,
    /// Its `data-segment` hook, if it has one.
    pub hook: Option<&'static str>,
    /// Where it starts, in percent of the bar.
    pub start: Decimal,
    /// Its width, in percent of the bar.
    pub width: Decimal,
}

/// A horizontal stacked bar, drawn in SVG: the geometry is in attributes, never in inline
/// styles, so the same markup works prerendered under the page's Content Security Policy
/// (`style-src 'self'`). The figures it draws are always printed next to it.
#[component]
pub fn StackedBar(
    /// The parts, left to right.
    #[prop(into)]
    parts: Signal<Vec<BarPart>>,
    /// What the bar shows, for assistive technology.
    #[prop(into)]
    label: Signal<String>,
    /// Extra classes of the bar.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <svg
            class=format!("bar {class}")
            viewBox="0 0 100 10"
            preserveAspectRatio="none"
            role="img"
            aria-label=move || label.get()
        >
            {move || {
                parts
                    .get()
                    .into_iter()
                    .map(|p| {
                        view! {
                            <rect
                                class=p.class
                                data-segment=p.hook
                                x=p.start.to_string()
                                y="0"
                                width=p.width.to_string()
                                height="10"
                            ></rect>
                        }
                    })
                    .collect_view()
            }}
        </svg>
    }
}
