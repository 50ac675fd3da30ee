//! 効果測定's chart: each outcome's uplift (treated − control) with its 95 %
//! interval, as a horizontal bar around 0.

use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::{font, frame, light_grid, size, Chart};
use super::{chart_err, theme, Lang};
use crate::analytics::effect::{OutcomeEffect, Verdict};
use crate::error::Result;

/// The uplift intervals of a campaign's rate outcomes (in rate units).
pub struct UpliftIntervals<'a> {
    /// (label, outcome), top to bottom.
    pub rows: &'a [(String, OutcomeEffect)],
}

impl Chart for UpliftIntervals<'_> {
    fn size(&self) -> (u32, u32) {
        // Narrower than half a panel: the 効果 screen shows it beside the
        // table, which takes more than half the row in English.
        (420, 70 + 38 * self.rows.len().max(1) as u32)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
        scale: f64,
    ) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let area = frame(root, lang, "chart.effect_uplift", 16.0, scale)?;
        let reach = self
            .rows
            .iter()
            .flat_map(|(_, o)| [o.ci_low, o.ci_high])
            .flatten()
            .fold(0.05f64, |m, v| m.max(v.abs()))
            .min(1.0)
            * 1.1;
        let n = self.rows.len().max(1);
        let labels: Vec<String> = self.rows.iter().map(|(l, _)| l.clone()).collect();
        // Room for the longest outcome's name (English ones are long).
        let label_style = font(size::HALF, scale).color(&theme::INK);
        let widest = labels
            .iter()
            .map(|l| root.estimate_text_size(l, &label_style).map(|(w, _)| w))
            .collect::<std::result::Result<Vec<u32>, _>>()
            .map_err(chart_err)?
            .into_iter()
            .max()
            .unwrap_or(0);
        let (w_px, _) = root.dim_in_pixel();
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(30.0 * scale)
            .y_label_area_size((widest as f64 + 14.0 * scale).min(f64::from(w_px) * 0.45))
            .build_cartesian_2d(-reach..reach, -0.5..n as f64 - 0.5)
            .map_err(chart_err)?;
        let label_of = |y: &f64| {
            let i = y.round();
            if (y - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            // Top to bottom: row 0 is drawn highest.
            labels.get(n - 1 - i as usize).cloned().unwrap_or_default()
        };
        light_grid(
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(n)
                .y_label_formatter(&label_of)
                .x_labels(5)
                .x_label_formatter(&|x| {
                    if (x * 100.0).abs() < 0.5 {
                        "0".to_string()
                    } else {
                        format!("{:+.0}pt", x * 100.0)
                    }
                }),
            size::HALF,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, -0.5), (0.0, n as f64 - 0.5)],
                theme::MUTED.stroke_width((1.5 * scale) as u32),
            )))
            .map_err(chart_err)?;
        for (k, (_, o)) in self.rows.iter().enumerate() {
            let (Some(lo), Some(hi), Some(est)) = (o.ci_low, o.ci_high, o.uplift) else {
                continue;
            };
            let y = (n - 1 - k) as f64;
            let color = match o.verdict {
                Verdict::Effective if est > 0.0 => theme::OK,
                Verdict::Effective => theme::ACCENT,
                _ => theme::STAGES[0],
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(lo, y - 0.16), (hi, y + 0.16)],
                    color.mix(0.55).filled(),
                )))
                .map_err(chart_err)?;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (est, y),
                    (4.0 * scale) as i32,
                    color.filled(),
                )))
                .map_err(chart_err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    if (est * 100.0).abs() < 0.05 {
                        "±0.0pt".to_string()
                    } else {
                        format!("{:+.1}pt", est * 100.0)
                    },
                    (est, y + 0.2),
                    font(size::HALF, scale)
                        .color(&theme::INK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )))
                .map_err(chart_err)?;
        }
        Ok(())
    }
}
