//! Golden rows with named columns, compared column by column: a failing case says which case and
//! which column differ, with both values, instead of printing two arrays of anonymous figures.

use std::fmt::Debug;

/// One column where a row differs from the expected one.
#[allow(dead_code, reason = "only some test crates have golden rows")]
#[derive(Debug)]
pub struct Difference {
    /// The column's name, as in the row's struct.
    pub column: &'static str,
    /// What the code gave, as `Debug` shows it.
    pub got: String,
    /// What the case expects.
    pub want: String,
}

/// A row of a golden table: a struct of named columns, declared with [`golden_row!`].
#[allow(dead_code, reason = "only some test crates have golden rows")]
pub trait Row: Debug {
    /// Every column where `self` differs from `want`, in declaration order.
    fn differences(&self, want: &Self) -> Vec<Difference>;
}

/// Declares a golden row: a struct with the named columns (each compared with `PartialEq`, so
/// decimals compare by value, `63.8` = `63.80`) and its [`Row`] implementation.
///
/// ```ignore
/// golden_row! {
///     /// One pre-purchase tier over the year.
///     struct TierRow { drawn: Decimal, unused: Decimal }
/// }
/// ```
#[allow(unused_macros, reason = "only some test crates have golden rows")]
macro_rules! golden_row {
    (
        $(#[$attr:meta])*
        struct $name:ident { $($(#[$column_attr:meta])* $column:ident: $ty:ty),+ $(,)? }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq)]
        struct $name {
            $($(#[$column_attr])* $column: $ty,)+
        }

        impl $crate::support::rows::Row for $name {
            fn differences(&self, want: &Self) -> Vec<$crate::support::rows::Difference> {
                let mut out = Vec::new();
                $(
                    if self.$column != want.$column {
                        out.push($crate::support::rows::Difference {
                            column: stringify!($column),
                            got: format!("{:?}", self.$column),
                            want: format!("{:?}", want.$column),
                        });
                    }
                )+
                out
            }
        }
    };
}
#[allow(unused_imports, reason = "only some test crates have golden rows")]
pub(crate) use golden_row;

/// Asserts that `got` equals `want`.
///
/// # Panics
/// Naming `case` and every column that differs, with both values.
#[allow(dead_code, reason = "only some test crates have golden rows")]
#[track_caller]
pub fn assert_row<R: Row>(case: &str, got: &R, want: &R) {
    let differences = got.differences(want);
    assert!(
        differences.is_empty(),
        "{case}: {}\n  got:  {got:?}\n  want: {want:?}",
        describe(&differences)
    );
}

/// Asserts that `got` has exactly the rows `want`, in order.
///
/// # Panics
/// Naming `case`, and each differing row by its index and its columns, or the row counts.
#[allow(dead_code, reason = "only some test crates have golden rows")]
#[track_caller]
pub fn assert_rows<R: Row>(case: &str, got: &[R], want: &[R]) {
    let mut problems: Vec<String> = got
        .iter()
        .zip(want)
        .enumerate()
        .filter_map(|(i, (g, w))| {
            let differences = g.differences(w);
            (!differences.is_empty()).then(|| {
                format!(
                    "row {i}: {}\n  got:  {g:?}\n  want: {w:?}",
                    describe(&differences)
                )
            })
        })
        .collect();
    if got.len() != want.len() {
        problems.push(format!(
            "{} rows, expected {}\n  got:  {got:?}\n  want: {want:?}",
            got.len(),
            want.len()
        ));
    }
    assert!(problems.is_empty(), "{case}: {}", problems.join("\n"));
}

/// `column: got X, want Y; …`
fn describe(differences: &[Difference]) -> String {
    differences
        .iter()
        .map(|d| format!("`{}`: got {}, want {}", d.column, d.got, d.want))
        .collect::<Vec<_>>()
        .join("; ")
}
