//! Any text as a link: reading never panics, and whatever plan it yields is valid and writes a
//! link that reads back to the same plan.
#![no_main]

use agent_credits::share;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = share::read(text);
    for issue in &read.ignored {
        let _ = issue.to_string();
    }
    if let Some(plan) = read.plan() {
        assert!(plan.validate().is_ok(), "a link produced an invalid plan: {text:?}");
        let again = share::write(&plan);
        let back = share::read(&again);
        assert!(back.ignored.is_empty(), "{again:?}: {:?}", back.ignored);
        assert_eq!(back.plan().as_ref(), Some(&plan), "{again:?}");
    }
});
