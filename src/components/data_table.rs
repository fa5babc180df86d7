use leptos::prelude::*;

/// A scrollable table of figures: the first column labels the rows, the others are numbers.
#[component]
pub fn DataTable(
    /// Column headings, in order.
    columns: &'static [&'static str],
    /// The rows (`<tr>` elements).
    children: Children,
) -> impl IntoView {
    let headings = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let numeric = i > 0;
            view! { <th scope="col" class:num=numeric>{*c}</th> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
