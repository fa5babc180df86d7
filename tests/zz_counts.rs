#[path = "/tmp/counts/old.rs"]
mod old;
#[path = "/tmp/counts/harness.rs"]
mod h;
use proptest::prelude::*;
#[test]
fn before() {
    h::text(&h::sample(".{0,200}"));
    h::beyond(&h::sample(1u64..1_000_000_000));
    h::volume(&h::sample((old::agent(), any::<prop::sample::Index>(), 1u64..1000)));
    h::plans(&h::sample(old::any_plan()));
    h::rough(&h::sample(old::rough_billing()));
    h::bills(&h::sample((old::credits(), old::any_settings())));
    h::years(&h::sample((old::credits(), old::growth(), old::any_settings())));
    h::splits(&h::sample((old::credits(), old::any_setup())));
    h::allocations(&h::sample((old::credits(), old::any_tenant(), 0i64..=5_000_000)));
}
