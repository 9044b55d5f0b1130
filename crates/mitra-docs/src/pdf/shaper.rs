//! Text shaping for every PDF: rustybuzz, with one shaping plan per font,
//! direction and script, and each distinct run of text shaped once, both
//! to measure it while laying out and to draw it. krilla's own
//! `draw_text` parses the font and builds a plan anew for every run it
//! draws, which was most of the time a day's agendas took.

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Face, Script, ShapePlan, UnicodeBuffer, script};
use std::collections::HashMap;

/// A shaped run: its glyphs (advances and offsets at size 1) and width.
pub(crate) struct Run {
    pub glyphs: Vec<KrillaGlyph>,
    pub em_width: f32,
}

/// What a shaping plan is made for: the face (bold or not), the direction
/// and the script.
type PlanKey = (bool, Direction, Option<Script>);

pub(crate) struct Shaper<'f> {
    /// Regular, then bold.
    faces: [Face<'f>; 2],
    plans: Vec<(PlanKey, ShapePlan)>,
    /// Per face (regular, then bold): each run shaped so far.
    runs: [HashMap<String, Run>; 2],
}

impl<'f> Shaper<'f> {
    pub fn new(regular: Face<'f>, bold: Face<'f>) -> Shaper<'f> {
        Shaper {
            faces: [regular, bold],
            plans: Vec::new(),
            runs: [HashMap::new(), HashMap::new()],
        }
    }

    /// `text` shaped in the regular or bold face, as krilla would shape it
    /// (direction and script guessed from the text, no language, no
    /// features).
    pub fn run(&mut self, text: &str, bold: bool) -> &Run {
        let at = usize::from(bold);
        if !self.runs[at].contains_key(text) {
            let run = self.shape(text, bold);
            self.runs[at].insert(text.to_string(), run);
        }
        &self.runs[at][text]
    }

    fn shape(&mut self, text: &str, bold: bool) -> Run {
        let face = &self.faces[usize::from(bold)];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let direction = buffer.direction();
        let guessed = Some(buffer.script()).filter(|&s| s != script::UNKNOWN);
        let key = (bold, direction, guessed);
        let at = match self.plans.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let plan = ShapePlan::new(face, direction, guessed, None, &[]);
                self.plans.push((key, plan));
                self.plans.len() - 1
            }
        };
        let shaped = rustybuzz::shape_with_plan(face, &self.plans[at].1, buffer);
        let per_em = face.units_per_em() as f32;
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // A glyph's text is its cluster: from its start to the next larger
        // cluster start (clusters are byte offsets, in either direction).
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let glyphs: Vec<KrillaGlyph> = infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = match starts.binary_search(&start) {
                    Ok(k) => starts.get(k + 1).copied().unwrap_or(text.len()),
                    Err(_) => text.len(),
                };
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / per_em,
                    pos.x_offset as f32 / per_em,
                    pos.y_offset as f32 / per_em,
                    pos.y_advance as f32 / per_em,
                    start..end,
                    None,
                )
            })
            .collect();
        let units: i64 = positions.iter().map(|p| i64::from(p.x_advance)).sum();
        Run {
            glyphs,
            em_width: units as f32 / per_em,
        }
    }
}

impl super::layout::Measure for Shaper<'_> {
    fn em_width(&mut self, text: &str, bold: bool) -> f32 {
        self.run(text, bold).em_width
    }
}
