//! What the benchmarks measure of their own process, from /proc.

#![allow(dead_code)]

/// CPU seconds this process has used (user + system): the figure that a
/// loaded machine disturbs least.
pub fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// Runs `f`; returns what it returned, with the wall and the CPU seconds
/// it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let wall = std::time::Instant::now();
    let cpu = cpu_seconds();
    let out = f();
    (out, wall.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

/// The number in environment variable `name`, if it is set and parses
/// (the benches' knobs: `MITRA_SEED`, `MITRA_MOVES`, ...).
pub fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// This process's peak resident memory in KiB (`VmHWM`).
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|x| x.parse().ok()))
        })
        .unwrap_or(0)
}
