//! Estimates per second of the pure core in Wasm, in headless Chromium: the same full estimate as
//! `benches/core.rs` (rating of the default workload, then the billing report of its monthly
//! credits under the default billing settings), timed in rounds of about 300 ms; the median round
//! is the figure (one noisy round on a shared machine does not move it).
//!
//! Run only by `scripts/bench`, which parses the line it prints:
//!   cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --nocapture
//! `scripts/test` runs `--test web` alone for wasm32, and natively this file is empty. Nothing
//! here asserts a time: the budgets live in `scripts/bench`; the test checks only the figures.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use agent_credits::capacity::{report, Billing, Report};
use agent_credits::rating::{card, estimate, Estimate, Workload};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Milliseconds per round; `Date.now()` has millisecond resolution, so rounds are long.
const ROUND_MS: f64 = 300.0;
/// Rounds; the median is reported.
const ROUNDS: usize = 7;
/// Estimates between two reads of the clock.
const BATCH: u32 = 100;

/// One full estimate, as the page computes it after an edit.
fn full_estimate(workload: &Workload, billing: &Billing) -> (Estimate, Report) {
    let estimate = estimate(card::current(), workload).expect("the default workload rates");
    let report = report(estimate.credits_per_month, billing).expect("the default billing bills");
    (estimate, report)
}

#[wasm_bindgen_test]
fn estimates_per_second() {
    let workload = Workload::default();
    let billing = Billing::default();

    let (e, r) = full_estimate(&workload, &billing);
    assert_eq!(e.credits_per_month.to_string(), "6380");
    assert_eq!(r.bill.total_cost, Decimal::new(638, 1)); // 63.8

    // Warm-up, one untimed round: the first calls pay for lazy statics, and the engine compiles
    // hot functions again with its optimising tier only after a while.
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < ROUND_MS {
        for _ in 0..BATCH {
            black_box(full_estimate(black_box(&workload), black_box(&billing)));
        }
    }

    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = js_sys::Date::now();
            let mut count: u32 = 0;
            let mut elapsed = 0.0;
            while elapsed < ROUND_MS {
                for _ in 0..BATCH {
                    black_box(full_estimate(black_box(&workload), black_box(&billing)));
                }
                count += BATCH;
                elapsed = js_sys::Date::now() - start;
            }
            f64::from(count) * 1_000.0 / elapsed
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    let median = rounds[ROUNDS / 2];
    let all: Vec<String> = rounds.iter().map(|r| format!("{r:.0}")).collect();
    console_log!(
        "BENCH wasm_estimates_per_second={median:.0} rounds={} round_ms={ROUND_MS}",
        all.join(",")
    );
}
