//! Charts, drawn once in Rust with plotters: SVG for the app, PNG for the
//! workbook, from the same drawing code and the same bundled Japanese font
//! (IPAexGothic), so a chart looks the same on every machine.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

pub mod charts;
pub mod effect;

use crate::analytics::StageCounts;
use crate::error::{Error, Result};
use crate::format::thousands;
use crate::model::Stage;

/// The bundled font (IPAexGothic, IPA Font License v1.0; see assets/fonts).
pub static FONT_BYTES: &[u8] = include_bytes!("../../../../assets/fonts/ipaexg.ttf");

/// The font family name used in charts; the UI registers the same file under
/// this name with @font-face, so SVG text renders with it in the webview.
pub const FONT_FAMILY: &str = "IPAexGothic";

pub use crate::model::Lang;

/// One visual style for every chart.
pub mod theme {
    use plotters::style::RGBColor;
    /// Background.
    pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
    /// Main text.
    pub const INK: RGBColor = RGBColor(38, 44, 52);
    /// Secondary text and rules.
    pub const MUTED: RGBColor = RGBColor(110, 118, 129);
    /// Light grid lines.
    pub const GRID: RGBColor = RGBColor(227, 230, 234);
    /// The accent (targets, highlights).
    pub const ACCENT: RGBColor = RGBColor(196, 72, 90);
    /// A met target.
    pub const OK: RGBColor = RGBColor(63, 143, 122);
    /// Stage colours, 観測 → 循環 (cool to warm).
    pub const STAGES: [RGBColor; 5] = [
        RGBColor(168, 182, 196),
        RGBColor(122, 176, 160),
        RGBColor(236, 188, 102),
        RGBColor(232, 134, 96),
        RGBColor(196, 72, 90),
    ];
}

pub(crate) fn ensure_font() -> Result<()> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_BYTES)
                .map_err(|_| "the bundled font could not be loaded".to_string())?;
            plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, FONT_BYTES)
                .map_err(|_| "the bundled font could not be loaded".to_string())
        })
        .clone()
        .map_err(Error::Chart)
}

pub(crate) fn chart_err<E: std::fmt::Display>(e: E) -> Error {
    Error::Chart(e.to_string())
}

/// Width and height of the funnel chart in pixels. It shows in a half-width
/// panel (ステージ) as well as across the dashboard: at 500 wide its text
/// stays 12 px or more on screen in a 1,280 × 800 window.
pub const FUNNEL_SIZE: (u32, u32) = (500, 300);

pub(crate) fn draw_funnel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    counts: &StageCounts,
    lang: Lang,
    scale: f64,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    ensure_font()?;
    root.fill(&theme::BACKGROUND).map_err(chart_err)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let total = counts.total().max(1);
    let max = Stage::ALL
        .iter()
        .map(|&s| counts.get(s))
        .max()
        .unwrap_or(0)
        .max(1);
    let px = |v: f64| (v * scale).round() as i32;
    let label_w = px(128.0);
    let bar_area = w - label_w - px(142.0);
    let row_h = (h - px(16.0)) / 5;
    let bar_h = (row_h as f64 * 0.6) as i32;
    let conversions = crate::analytics::report::funnel_conversions(counts);
    let font = |size: f64, colour: &RGBColor, (h, v): (HPos, VPos)| {
        (FONT_FAMILY, size * scale)
            .into_font()
            .color(colour)
            .pos(Pos::new(h, v))
    };
    for (k, &stage) in Stage::ALL.iter().enumerate() {
        let count = counts.get(stage);
        let y = px(6.0) + k as i32 * row_h;
        let middle = y + bar_h / 2;
        let bw = ((count as f64 / max as f64) * bar_area as f64).round() as i32;
        let bw = bw.max(if count > 0 { px(3.0) } else { 0 });
        let x0 = label_w + (bar_area - bw) / 2;
        root.draw(&Rectangle::new(
            [(x0, y), (x0 + bw, y + bar_h)],
            theme::STAGES[k].filled(),
        ))
        .map_err(chart_err)?;
        let name = format!("{} {}", k, crate::labels::stage(stage, lang));
        root.draw(&Text::new(
            name,
            (px(8.0), middle),
            font(19.0, &theme::INK, (HPos::Left, VPos::Center)),
        ))
        .map_err(chart_err)?;
        let share = 100.0 * count as f64 / total as f64;
        let figure = crate::labels::fill(
            lang,
            crate::labels::text(lang, "chart.people"),
            &serde_json::json!({ "count": thousands(count), "share": format!("{share:.1}") }),
        );
        root.draw(&Text::new(
            figure,
            (label_w + bar_area + px(10.0), middle),
            font(17.0, &theme::INK, (HPos::Left, VPos::Center)),
        ))
        .map_err(chart_err)?;
        if k < 4 {
            // An empty stage moves no one on: no rate is drawn under it
            // (the customers above it skipped it; 100 % would say nothing).
            let text = match conversions[k] {
                Some(c) if count > 0 => format!("↓ {:.1}%", 100.0 * c),
                _ => "↓ –".to_string(),
            };
            root.draw(&Text::new(
                text,
                (label_w + bar_area / 2, y + bar_h + px(1.0)),
                font(17.0, &theme::MUTED, (HPos::Center, VPos::Top)),
            ))
            .map_err(chart_err)?;
        }
    }
    Ok(())
}

/// The stage funnel as SVG text.
pub fn funnel_svg(counts: &StageCounts, lang: Lang) -> Result<String> {
    charts::svg(&charts::Funnel { counts }, lang)
}

/// Encodes 8-bit RGB pixels as PNG.
pub fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgb, w, h, image::ColorType::Rgb8)
        .map_err(chart_err)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> StageCounts {
        StageCounts {
            observer: 100,
            landing: 60,
            empathy: 30,
            involvement: 8,
            circulation: 2,
        }
    }

    #[test]
    fn the_svg_funnel_names_every_stage_with_its_count() {
        let svg = funnel_svg(&counts(), Lang::Ja).unwrap();
        for label in [
            "観測",
            "着地",
            "共感",
            "関与",
            "循環",
            "100人",
            "2人 (1.0%)",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(svg.contains(FONT_FAMILY));
        let en = funnel_svg(&counts(), Lang::En).unwrap();
        assert!(en.contains("Circulation") && !en.contains("循環"));
    }

    #[test]
    fn an_empty_stage_shows_no_rate_computed_from_nothing() {
        // 着地 is empty: of those at 着地 or above (the 30 at 共感), all 30
        // "reached" 共感, 100 % that says nothing. No rate is drawn there.
        let c = StageCounts {
            observer: 100,
            landing: 0,
            empathy: 30,
            involvement: 0,
            circulation: 0,
        };
        let svg = funnel_svg(&c, Lang::Ja).unwrap();
        assert!(!svg.contains("100.0%"), "no 100 % from an empty stage");
        // 観測 → above: 30 of 130; 共感 → above: 0 of 30 (a real 0 %).
        assert!(svg.contains("↓ 23.1%") && svg.contains("↓ 0.0%"));
        assert_eq!(svg.matches("↓ –").count(), 2, "着地 and 関与");
    }

    #[test]
    fn the_png_funnel_is_a_png() {
        let png = charts::png(&charts::Funnel { counts: &counts() }, Lang::Ja, 1).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}
