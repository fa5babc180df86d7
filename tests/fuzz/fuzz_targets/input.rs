//! Any text typed into any field, in any supported locale: parsing never panics, and an accepted
//! value is within the field's limits and estimates without overflow.
#![no_main]

use agent_credits::capacity::inputs;
use agent_credits::format::NumberFormat;
use agent_credits::rating::InputKind;
use libfuzzer_sys::fuzz_target;

const KINDS: [InputKind; 8] = [
    InputKind::Count { max: 100_000_000 },
    InputKind::Count { max: 10_000 },
    InputKind::Percent,
    inputs::PACKS,
    inputs::BUDGET,
    inputs::ENFORCEMENT,
    inputs::PRICE,
    inputs::QUANTITY,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for fmt in [
        NumberFormat::en(),
        NumberFormat::from_sample("1.234,5"),
        NumberFormat::from_sample("1\u{202f}234,5"),
    ] {
        for kind in KINDS {
            match kind.parse(text, &fmt) {
                Ok(v) => assert_eq!(kind.check(v), Ok(v), "{text:?} accepted but out of range"),
                Err(e) => {
                    let _ = e.message(&fmt);
                }
            }
        }
    }
});
