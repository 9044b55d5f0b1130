//! Prints what the engine reads in texts given as arguments:
//! `cargo run -p mitra-match --example explain -- "Kopi robusta ose" need:"滴灌设备"`.
fn main() {
    for arg in std::env::args().skip(1) {
        let (is_need, text) = match arg.strip_prefix("need:") {
            Some(t) => (true, t.to_string()),
            None => (false, arg.clone()),
        };
        println!(
            "{arg}\n  {}",
            mitra_match::explain(&mitra_match::Item::new(text), is_need)
        );
    }
}
