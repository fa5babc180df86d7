//! Entry point: installs the panic hook and starts the app. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    agent_credits::boot::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("agent-credits is a web app: run `scripts/serve` and open http://127.0.0.1:8080");
}
