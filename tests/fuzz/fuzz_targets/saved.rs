//! Any text as a saved estimate or imported file: decoding never panics, and what decodes is
//! valid and survives another save.
#![no_main]

use agent_credits::saved;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match saved::decode(text) {
        Ok(plan) => {
            assert!(plan.validate().is_ok());
            assert_eq!(saved::decode(&saved::encode(&plan)).as_ref(), Ok(&plan));
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
