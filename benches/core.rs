//! Estimates per second of the pure core, natively: one full estimate is the rating of the
//! default workload against the current rate card, then the billing report of its monthly credits
//! under the default billing settings (the bill, the pack recommendation, the 12-month view, the
//! allocation across environments, the pay-as-you-go split by billing policy and the set-up steps),
//! which is what the page recomputes after every edit.
//!
//! Run by `scripts/bench` (`cargo bench --bench core`); the same work in Wasm is timed by
//! `tests/bench_wasm.rs`. Criterion runs natively only: the wasm32 build of this target is empty.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use agent_credits::capacity::{report, Billing, Report};
    use agent_credits::rating::{card, estimate, Estimate, Workload};
    use criterion::{Criterion, Throughput};
    use rust_decimal::Decimal;

    /// One full estimate, as the page computes it after an edit.
    fn full_estimate(workload: &Workload, billing: &Billing) -> (Estimate, Report) {
        let estimate = estimate(card::current(), workload).expect("the default workload rates");
        let report =
            report(estimate.credits_per_month, billing).expect("the default billing bills");
        (estimate, report)
    }

    pub fn core(c: &mut Criterion) {
        let workload = Workload::default();
        let billing = Billing::default();
        let (e, r) = full_estimate(&workload, &billing);
        assert_eq!(e.credits_per_month.to_string(), "6380");
        assert_eq!(r.bill.total_cost, Decimal::new(638, 1)); // 63.8

        let mut group = c.benchmark_group("core");
        group.throughput(Throughput::Elements(1));
        group.bench_function("full_estimate", |b| {
            b.iter(|| full_estimate(black_box(&workload), black_box(&billing)))
        });
        group.bench_function("rating", |b| {
            b.iter(|| estimate(card::current(), black_box(&workload)))
        });
        group.bench_function("capacity_report", |b| {
            b.iter(|| report(black_box(e.credits_per_month), black_box(&billing)))
        });
        group.finish();
    }

    /// Short enough for `scripts/bench` to stay within its time budget, long enough for a stable
    /// median (the core takes microseconds).
    pub fn config() -> Criterion {
        Criterion::default()
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(50)
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group! {
    name = benches;
    config = native::config();
    targets = native::core
}
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
