//! Entry point: starts the app (which first sets up how panics are reported). Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    agent_credits::boot::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("agent-credits is a web app: run `scripts/serve` and open http://127.0.0.1:8080");
}
