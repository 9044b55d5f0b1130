//! QR codes as module grids: level M, a quiet zone of 4 modules, dark
//! modules merged into horizontal runs so that they draw as few rectangles.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// The most bytes a QR code holds at error-correction level M (version 40,
/// byte mode); shorter payloads may still fail in other modes.
pub const QR_MAX_BYTES: usize = 2331;

/// The quiet zone around the code, in modules.
const QUIET: usize = 4;

/// A QR code's modules with its quiet zone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Qr {
    /// Modules per side, quiet zone included.
    pub size: usize,
    /// Dark runs: (x, y, length) in modules, quiet zone included.
    pub runs: Vec<(usize, usize, usize)>,
}

impl Qr {
    /// Encodes exactly `payload`'s bytes; `None` when it does not fit.
    pub fn encode(payload: &str) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        let dark: Vec<bool> = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let mut runs = Vec::new();
        for y in 0..width {
            let mut x = 0;
            while x < width {
                if dark[y * width + x] {
                    let from = x;
                    while x < width && dark[y * width + x] {
                        x += 1;
                    }
                    runs.push((from + QUIET, y + QUIET, x - from));
                } else {
                    x += 1;
                }
            }
        }
        Some(Qr {
            size: width + 2 * QUIET,
            runs,
        })
    }

    /// The code as inline SVG, `side` wide and high (a CSS length), on a
    /// white square so that the quiet zone survives any background.
    pub fn svg(&self, side: &str, title: &str) -> String {
        let n = self.size;
        let mut d = String::new();
        for &(x, y, len) in &self.runs {
            let _ = write!(d, "M{x} {y}h{len}v1h-{len}z");
        }
        format!(
            "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{side}\" height=\"{side}\" viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\"><title>{}</title><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"></rect><path fill=\"#000\" d=\"{d}\"></path></svg>",
            crate::html::escape(title)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_a_quiet_zone_and_finder_patterns() {
        let qr = Qr::encode("mitra:checkin:p-001:sig").unwrap();
        // Version 2 (25 modules) plus 4 on each side.
        assert_eq!(qr.size, 25 + 8);
        // The top-left finder pattern's first row: 7 dark modules.
        assert_eq!(qr.runs[0], (4, 4, 7));
        assert!(
            qr.runs
                .iter()
                .all(|&(x, y, l)| x >= 4 && y >= 4 && x + l <= qr.size - 4)
        );
    }

    #[test]
    fn an_overlong_payload_is_refused() {
        assert!(Qr::encode(&"x".repeat(QR_MAX_BYTES + 1)).is_none());
        assert!(Qr::encode(&"x".repeat(QR_MAX_BYTES)).is_some());
    }
}
