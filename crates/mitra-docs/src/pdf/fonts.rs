//! Finding the font the PDF is set in: one sans-serif face that covers
//! Latin and Simplified Chinese (Noto Sans CJK SC from Debian's
//! `fonts-noto-cjk`), with its bold weight when present.

use super::PdfError;
use rustybuzz::ttf_parser;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File names of CJK fonts we know, regular weight first; the bold file is
/// found by replacing "Regular" with "Bold".
const KNOWN_FILES: &[&str] = &[
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKSC-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansSC-Regular.ttf",
];

/// Where distributions install them.
const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/share/fonts/noto",
    "/usr/local/share/fonts",
];

/// A character every usable face must have: 基 (of 基本情况).
const CJK_PROBE: char = '\u{57FA}';

/// One face of a font file: its bytes and its index in a collection.
#[derive(Clone)]
pub struct Face {
    pub(crate) data: Arc<Vec<u8>>,
    pub(crate) index: u32,
    pub(crate) path: PathBuf,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.path.display(), self.index)
    }
}

/// The fonts a PDF is set in: a regular face covering Latin and CJK, and a
/// bold face (the regular one again when no bold file is found).
#[derive(Clone, Debug)]
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    /// Finds the fonts on this machine: the file named by `MITRA_CJK_FONT`
    /// if set, else a known Noto Sans CJK file in `MITRA_FONT_DIR` if set,
    /// else in the usual system font folders. A `.ttc` collection is
    /// searched for its Simplified Chinese face ("… SC").
    pub fn system() -> Result<Fonts, PdfError> {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Fonts::find(var("MITRA_CJK_FONT"), var("MITRA_FONT_DIR"))
    }

    /// [`Fonts::system`] with the two settings given: a font file, which
    /// wins; else a folder to search instead of the system folders.
    pub fn find(cjk_font: Option<PathBuf>, font_dir: Option<PathBuf>) -> Result<Fonts, PdfError> {
        if let Some(file) = cjk_font {
            return Fonts::from_file(&file);
        }
        let dirs: Vec<PathBuf> = match font_dir {
            Some(dir) => vec![dir],
            None => SYSTEM_DIRS.iter().map(PathBuf::from).collect(),
        };
        for dir in &dirs {
            for name in KNOWN_FILES {
                let path = dir.join(name);
                if path.is_file() {
                    return Fonts::from_file(&path);
                }
            }
        }
        Err(PdfError::NoFont { searched: dirs })
    }

    /// Loads the regular face from `path` and the bold face from the file
    /// beside it whose name has "Bold" for "Regular", if there is one.
    pub fn from_file(path: &Path) -> Result<Fonts, PdfError> {
        let regular = load(path)?;
        let bold_path = path.file_name().and_then(|n| n.to_str()).and_then(|n| {
            n.contains("Regular")
                .then(|| path.with_file_name(n.replace("Regular", "Bold")))
        });
        let bold = match bold_path {
            Some(p) if p.is_file() => load(&p)?,
            _ => regular.clone(),
        };
        Ok(Fonts { regular, bold })
    }

    /// The path and face index of the regular face, for messages.
    pub fn describe(&self) -> String {
        format!("{:?}", self.regular)
    }
}

fn load(path: &Path) -> Result<Face, PdfError> {
    let data = std::fs::read(path).map_err(|source| PdfError::FontUnreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let index = pick_face(&data).ok_or_else(|| PdfError::FontUnusable {
        path: path.to_path_buf(),
    })?;
    Ok(Face {
        data: Arc::new(data),
        index,
        path: path.to_path_buf(),
    })
}

/// The face to use: in a collection, the one whose family name ends in
/// " SC" (Simplified Chinese), else the first face that has both Latin and
/// CJK glyphs; `None` when no face qualifies.
fn pick_face(data: &[u8]) -> Option<u32> {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let usable = |i: u32| {
        ttf_parser::Face::parse(data, i)
            .ok()
            .filter(|f| f.glyph_index('A').is_some() && f.glyph_index(CJK_PROBE).is_some())
    };
    let family = |face: &ttf_parser::Face| {
        face.names()
            .into_iter()
            .filter(|n| {
                n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                    || n.name_id == ttf_parser::name_id::FAMILY
            })
            .filter_map(|n| n.to_string())
            .collect::<Vec<_>>()
    };
    let faces: Vec<(u32, Vec<String>)> = (0..count)
        .filter_map(|i| usable(i).map(|f| (i, family(&f))))
        .collect();
    faces
        .iter()
        .find(|(_, names)| {
            names
                .iter()
                .any(|n| n.ends_with(" SC") && !n.contains("Mono"))
        })
        .or_else(|| faces.first())
        .map(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_font_is_refused_with_its_path() {
        let dir = std::env::temp_dir().join(format!("mitra-font-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("NotoSansCJK-Regular.ttc");
        std::fs::write(&path, b"not a font").unwrap();
        let err = Fonts::from_file(&path).unwrap_err();
        assert!(err.to_string().contains("NotoSansCJK-Regular.ttc"), "{err}");
        let err = Fonts::from_file(&dir.join("missing.otf")).unwrap_err();
        assert!(err.to_string().contains("missing.otf"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
