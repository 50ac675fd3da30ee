//! The charts of the screens and the workbook. Each chart is a struct with its
//! data and one drawing function generic over the plotters backend, so the SVG
//! the app shows and the PNG the workbook embeds come from the same code, in
//! one visual style ([`super::theme`]) and the bundled font.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{chart_err, ensure_font, theme, Lang, FONT_FAMILY};
use crate::analytics::kpi::{Cohort, NpsPeriod, PeriodRate};
use crate::analytics::rfm::HeatCell;
use crate::analytics::snapshots::StageFlow;
use crate::analytics::{Quadrant, QuadrantThresholds};
use crate::error::Result;
use crate::format::{thousands, yen};
use crate::model::Stage;

/// A chart: its size and how to draw it on any backend.
pub trait Chart {
    /// Width and height in pixels at scale 1.
    fn size(&self) -> (u32, u32);
    /// Draws the chart.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
        scale: f64,
    ) -> Result<()>
    where
        DB::ErrorType: 'static;
}

/// The chart as SVG text.
pub fn svg(chart: &impl Chart, lang: Lang) -> Result<String> {
    ensure_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, chart.size()).into_drawing_area();
        root.fill(&theme::BACKGROUND).map_err(chart_err)?;
        chart.draw(&root, lang, 1.0)?;
        root.present().map_err(chart_err)?;
    }
    Ok(out)
}

/// The chart as PNG bytes at `scale` × its size.
pub fn png(chart: &impl Chart, lang: Lang, scale: u32) -> Result<Vec<u8>> {
    ensure_font()?;
    let scale = scale.max(1);
    let (w, h) = chart.size();
    let (w, h) = (w * scale, h * scale);
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        root.fill(&theme::BACKGROUND).map_err(chart_err)?;
        chart.draw(&root, lang, f64::from(scale))?;
        root.present().map_err(chart_err)?;
    }
    super::encode_png(&pixels, w, h)
}

/// Text sizes, in plotters' units (an SVG `font-size` is the size ÷ 1.24).
///
/// The app scales each SVG to its panel (`.chart svg`: the panel's width, at
/// most 380 px high). In a 1,280 × 800 window a full-width chart (720–840 ×
/// 300–320) shows at about 1.19 × (its height is the limit) and a half-width
/// one (420–500 wide) at about 1.0 ×: at these sizes every text is 12 px or
/// more on screen (`readability_tests::text_is_12px_or_more_where_the_app_shows_it`,
/// and the end-to-end test in tests/e2e/charts.rs, in the real window).
pub(super) mod size {
    /// The caption at the top left.
    pub const TITLE: f64 = 16.0;
    /// Axis labels, legends and marks of a full-width chart.
    pub const WIDE: f64 = 14.0;
    /// Axis labels, legends and values of a half-width chart.
    pub const HALF: f64 = 16.0;
}

pub(super) fn font(size: f64, scale: f64) -> FontDesc<'static> {
    (FONT_FAMILY, size * scale).into_font()
}

fn title<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str, scale: f64) -> Result<()>
where
    DB::ErrorType: 'static,
{
    root.draw(&Text::new(
        text.to_string(),
        ((12.0 * scale) as i32, (6.0 * scale) as i32),
        font(size::TITLE, scale).color(&theme::INK),
    ))
    .map_err(chart_err)
}

/// A caption from the label table (`chart.*`).
fn caption(lang: Lang, id: &str) -> String {
    crate::labels::text(lang, id).to_string()
}

/// The frame every chart shares: its caption at the top left, and the plot
/// area inside the margins (`right`: room for a legend, in pixels at scale 1).
pub(super) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lang: Lang,
    caption_id: &str,
    right: f64,
    scale: f64,
) -> Result<DrawingArea<DB, Shift>>
where
    DB::ErrorType: 'static,
{
    title(root, &caption(lang, caption_id), scale)?;
    let px = |v: f64| (v * scale) as u32;
    Ok(root.margin(px(30.0), px(10.0), px(10.0), px(right)))
}

/// The axes of every chart with a grid: muted labels (`text`: a [`size`])
/// and one light grid line between labels.
pub(super) fn light_grid<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    text: f64,
    scale: f64,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = XT>
        + plotters::coord::ranged1d::ValueFormatter<XT>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = YT>
        + plotters::coord::ranged1d::ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.label_style(font(text, scale).color(&theme::MUTED))
        .axis_desc_style(font(text, scale).color(&theme::INK))
        .light_line_style(theme::GRID)
        .max_light_lines(1)
        .axis_style(theme::MUTED)
}

/// Labels every k-th category so that at most `max` show.
fn sparse(labels: &[String], max: usize) -> impl Fn(&f64) -> String + '_ {
    let step = labels.len().div_ceil(max.max(1)).max(1);
    move |x: &f64| {
        let i = x.round() as usize;
        if (x - x.round()).abs() < 1e-9 && i < labels.len() && i.is_multiple_of(step) {
            labels[i].clone()
        } else {
            String::new()
        }
    }
}

/// NPS per period with its 95 % margin as a band.
pub struct NpsTrend<'a> {
    pub periods: &'a [NpsPeriod],
    /// 施策メモ: the days of the shop's notes, drawn as numbered markers.
    pub notes: &'a [crate::day::Day],
}

/// Where each note falls among the periods (`YYYY-MM` or `YYYY-Qn`
/// labels), numbered from 1 in note order.
fn note_positions(labels: &[String], notes: &[crate::day::Day]) -> Vec<(f64, usize)> {
    notes
        .iter()
        .enumerate()
        .filter_map(|(k, &d)| {
            let month = crate::day::ym_label(crate::day::year_month(d));
            let quarter = crate::day::yq_label(crate::day::year_quarter(d));
            labels
                .iter()
                .position(|l| *l == month || *l == quarter)
                .map(|i| (i as f64, k + 1))
        })
        .collect()
}

/// 施策メモ markers: a dashed line at each note's period and its number.
fn draw_notes<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    at: &[(f64, usize)],
    (low, high): (f64, f64),
    scale: f64,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    for &(x, number) in at {
        let steps = 16;
        let dash: Vec<(f64, f64)> = (0..=steps)
            .map(|k| (x, low + (high - low) * f64::from(k) / f64::from(steps)))
            .collect();
        chart
            .draw_series(dash.chunks(2).map(|seg| {
                PathElement::new(
                    seg.to_vec(),
                    theme::INK.mix(0.55).stroke_width((1.5 * scale) as u32),
                )
            }))
            .map_err(chart_err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{number}"),
                (x, high),
                font(size::WIDE, scale).color(&theme::INK),
            )))
            .map_err(chart_err)?;
    }
    Ok(())
}

impl Chart for NpsTrend<'_> {
    fn size(&self) -> (u32, u32) {
        (720, 320)
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
        // Room on the right for half of the last period's label.
        let area = frame(root, lang, "chart.nps_trend", 26.0, scale)?;
        let points: Vec<(f64, f64, f64)> = self
            .periods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i as f64, p.nps?, p.margin.unwrap_or(0.0))))
            .collect();
        let labels: Vec<String> = self.periods.iter().map(|p| p.period.clone()).collect();
        let n = labels.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(44.0 * scale)
            .build_cartesian_2d(-0.5..n - 0.5, -100.0..100.0)
            .map_err(chart_err)?;
        let fmt = sparse(&labels, 8);
        light_grid(
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(labels.len().max(2))
                .x_label_formatter(&fmt)
                .y_labels(9),
            size::WIDE,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        if points.len() >= 2 {
            let mut band: Vec<(f64, f64)> = points
                .iter()
                .map(|&(x, y, m)| (x, (y + m).min(100.0)))
                .collect();
            band.extend(
                points
                    .iter()
                    .rev()
                    .map(|&(x, y, m)| (x, (y - m).max(-100.0))),
            );
            chart
                .draw_series(std::iter::once(Polygon::new(
                    band,
                    theme::ACCENT.mix(0.15).filled(),
                )))
                .map_err(chart_err)?;
        }
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|&(x, y, _)| (x, y)),
                theme::ACCENT.stroke_width((2.0 * scale) as u32),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(points.iter().map(|&(x, y, _)| {
                Circle::new((x, y), (3.0 * scale) as i32, theme::ACCENT.filled())
            }))
            .map_err(chart_err)?;
        chart
            .draw_series(LineSeries::new(
                [(-0.5, 0.0), (n - 0.5, 0.0)],
                theme::MUTED.stroke_width(1),
            ))
            .map_err(chart_err)?;
        draw_notes(
            &mut chart,
            &note_positions(&labels, self.notes),
            (-100.0, 92.0),
            scale,
        )?;
        Ok(())
    }
}

/// 紹介率 per period against its target.
pub struct ReferralTrend<'a> {
    pub periods: &'a [PeriodRate],
    /// 施策メモ: the days of the shop's notes, drawn as numbered markers.
    pub notes: &'a [crate::day::Day],
    /// The dotted line (the target; for F2, the overall rate).
    pub target: f64,
    /// The caption's label id (`chart.referral_trend`, `chart.f2_cohorts`).
    pub caption: &'static str,
}

impl Chart for ReferralTrend<'_> {
    fn size(&self) -> (u32, u32) {
        (720, 300)
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
        // Room on the right for half of the last period's label.
        let area = frame(root, lang, self.caption, 26.0, scale)?;
        let labels: Vec<String> = self.periods.iter().map(|p| p.period.clone()).collect();
        let n = labels.len().max(1) as f64;
        let top = self
            .periods
            .iter()
            .filter_map(|p| p.rate)
            .fold(self.target * 1.5, f64::max)
            .min(1.0);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(44.0 * scale)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..top)
            .map_err(chart_err)?;
        let fmt = sparse(&labels, 8);
        light_grid(
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(labels.len().max(2))
                .x_label_formatter(&fmt)
                .y_label_formatter(&|y| format!("{:.0}%", y * 100.0)),
            size::WIDE,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        let w = 0.36;
        chart
            .draw_series(self.periods.iter().enumerate().filter_map(|(i, p)| {
                let y = p.rate?;
                let color = if y >= self.target {
                    theme::OK
                } else {
                    theme::STAGES[1]
                };
                Some(Rectangle::new(
                    [(i as f64 - w, 0.0), (i as f64 + w, y)],
                    color.filled(),
                ))
            }))
            .map_err(chart_err)?;
        let dash: Vec<(f64, f64)> = (0..(n as usize * 4))
            .map(|k| (k as f64 / 4.0 - 0.5, self.target))
            .collect();
        chart
            .draw_series(dash.chunks(2).map(|seg| {
                PathElement::new(
                    seg.to_vec(),
                    theme::ACCENT.stroke_width((2.0 * scale) as u32),
                )
            }))
            .map_err(chart_err)?;
        draw_notes(
            &mut chart,
            &note_positions(&labels, self.notes),
            (0.0, top * 0.94),
            scale,
        )?;
        Ok(())
    }
}

/// The R × F heatmap.
pub struct Heatmap<'a> {
    pub cells: &'a [HeatCell],
}

impl Chart for Heatmap<'_> {
    fn size(&self) -> (u32, u32) {
        (420, 380)
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
        let area = frame(root, lang, "chart.rfm_heatmap", 10.0, scale)?;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(50.0 * scale)
            .y_label_area_size(50.0 * scale)
            .build_cartesian_2d(0.5..5.5, 0.5..5.5)
            .map_err(chart_err)?;
        // The axes say what they are: R and F are scores, 5 the best.
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_desc(caption(lang, "chart.rfm_f_axis"))
            .y_desc(caption(lang, "chart.rfm_r_axis"))
            .x_label_formatter(&|x: &f64| format!("{}", x.round() as i64))
            .y_label_formatter(&|y: &f64| format!("{}", y.round() as i64))
            .label_style(font(size::HALF, scale).color(&theme::MUTED))
            .axis_desc_style(font(size::HALF, scale).color(&theme::INK))
            .axis_style(theme::MUTED)
            .draw()
            .map_err(chart_err)?;
        let max = self
            .cells
            .iter()
            .map(|c| c.customers)
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        for c in self.cells {
            let (x, y) = (f64::from(c.f), f64::from(c.r));
            let t = (c.customers as f64 / max).sqrt();
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.48, y - 0.48), (x + 0.48, y + 0.48)],
                    theme::ACCENT.mix(0.06 + 0.85 * t).filled(),
                )))
                .map_err(chart_err)?;
            // Dark text reads better on all but the darkest cells.
            let color = if t > 0.93 {
                theme::BACKGROUND
            } else {
                theme::INK
            };
            chart
                .draw_series(std::iter::once(Text::new(
                    thousands(c.customers),
                    (x, y),
                    font(size::HALF, scale)
                        .color(&color)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                )))
                .map_err(chart_err)?;
        }
        Ok(())
    }
}

/// Customers per stage at each month end (stacked bars).
pub struct StageTrend<'a> {
    pub flows: &'a [StageFlow],
}

impl Chart for StageTrend<'_> {
    fn size(&self) -> (u32, u32) {
        (720, 320)
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
        let area = frame(root, lang, "chart.stage_trend", 110.0, scale)?;
        let labels: Vec<String> = self.flows.iter().map(|f| f.month.clone()).collect();
        let n = labels.len().max(1) as f64;
        let top = self
            .flows
            .iter()
            .map(|f| f.counts.iter().sum::<u64>())
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(54.0 * scale)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..top * 1.05)
            .map_err(chart_err)?;
        let fmt = sparse(&labels, 7);
        light_grid(
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(labels.len().max(2))
                .x_label_formatter(&fmt)
                .y_label_formatter(&|y| thousands(y.max(0.0) as u64)),
            size::WIDE,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        let w = 0.38;
        for (i, f) in self.flows.iter().enumerate() {
            let mut base = 0.0;
            for (k, &c) in f.counts.iter().enumerate() {
                let top = base + c as f64;
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(i as f64 - w, base), (i as f64 + w, top)],
                        theme::STAGES[k].filled(),
                    )))
                    .map_err(chart_err)?;
                base = top;
            }
        }
        // Legend on the right.
        let (w_px, _) = root.dim_in_pixel();
        for (k, stage) in Stage::ALL.iter().enumerate() {
            let x = w_px as i32 - (100.0 * scale) as i32;
            let y = ((50.0 + 24.0 * (4 - k) as f64) * scale) as i32;
            root.draw(&Rectangle::new(
                [
                    (x, y),
                    (x + (14.0 * scale) as i32, y + (14.0 * scale) as i32),
                ],
                theme::STAGES[k].filled(),
            ))
            .map_err(chart_err)?;
            let name = crate::labels::stage(*stage, lang);
            root.draw(&Text::new(
                name,
                (x + (20.0 * scale) as i32, y + (7.0 * scale) as i32),
                font(size::WIDE, scale)
                    .color(&theme::INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(chart_err)?;
        }
        Ok(())
    }
}

/// Reach × depth: customers binned on 紹介ポイント × 応援ポイント, with the thresholds.
pub struct QuadrantMap<'a> {
    /// (referral points, support points) per customer.
    pub points: &'a [(i64, i64)],
    pub thresholds: QuadrantThresholds,
    /// Customers per quadrant: co-creator, spreader, deep supporter, quiet.
    pub counts: [u64; 4],
}

impl Chart for QuadrantMap<'_> {
    fn size(&self) -> (u32, u32) {
        (480, 360)
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
        let area = frame(root, lang, "chart.quadrant", 10.0, scale)?;
        // A square-root scale: most customers have few points, a few have many.
        let f = |v: i64| (v.max(0) as f64).sqrt();
        let max_x = self
            .points
            .iter()
            .map(|p| f(p.0))
            .fold(f(self.thresholds.referral) * 2.0, f64::max)
            .max(1.0);
        let max_y = self
            .points
            .iter()
            .map(|p| f(p.1))
            .fold(f(self.thresholds.support) * 2.0, f64::max)
            .max(1.0);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(50.0 * scale)
            .y_label_area_size(62.0 * scale)
            .build_cartesian_2d(0.0..max_x * 1.02, 0.0..max_y * 1.02)
            .map_err(chart_err)?;
        // The axes say that their steps are square roots.
        let sqrt_scale = caption(lang, "chart.sqrt_scale");
        light_grid(
            chart
                .configure_mesh()
                .x_desc(format!(
                    "{} {sqrt_scale}",
                    caption(lang, "chart.referral_points")
                ))
                .y_desc(format!(
                    "{} {sqrt_scale}",
                    caption(lang, "chart.support_points")
                ))
                .x_labels(6)
                .y_labels(6)
                .x_label_formatter(&|x| thousands((x * x).round() as u64))
                .y_label_formatter(&|y| thousands((y * y).round() as u64)),
            size::HALF,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        // 2-D bins: drawing every customer of a big shop would not help anyone.
        const BINS: usize = 40;
        let mut grid = vec![0u64; BINS * BINS];
        for &(r, s) in self.points {
            let i = ((f(r) / max_x) * (BINS as f64 - 1.0)).round() as usize;
            let j = ((f(s) / max_y) * (BINS as f64 - 1.0)).round() as usize;
            grid[j.min(BINS - 1) * BINS + i.min(BINS - 1)] += 1;
        }
        let top = grid.iter().copied().max().unwrap_or(1).max(1) as f64;
        let (bw, bh) = (max_x / (BINS as f64 - 1.0), max_y / (BINS as f64 - 1.0));
        // Shade in 12 steps of log density; neighbouring bins of one shade in a
        // row are one rectangle (a few hundred SVG elements instead of ~1,000
        // on a big shop, which the webview paints in software).
        const SHADES: f64 = 12.0;
        let shade = |c: u64| -> Option<u32> {
            (c > 0).then(|| {
                (((c as f64).ln_1p() / top.ln_1p()) * SHADES)
                    .ceil()
                    .max(1.0) as u32
            })
        };
        let mut runs = Vec::new();
        for j in 0..BINS {
            let mut i = 0;
            while i < BINS {
                let Some(level) = shade(grid[j * BINS + i]) else {
                    i += 1;
                    continue;
                };
                let start = i;
                while i < BINS && shade(grid[j * BINS + i]) == Some(level) {
                    i += 1;
                }
                runs.push((start, i - 1, j, level));
            }
        }
        chart
            .draw_series(runs.into_iter().map(|(i0, i1, j, level)| {
                let (x0, x1, y) = (i0 as f64, i1 as f64, j as f64);
                let t = level as f64 / SHADES;
                Rectangle::new(
                    [
                        (x0 * bw - bw / 2.0, y * bh - bh / 2.0),
                        (x1 * bw + bw / 2.0, y * bh + bh / 2.0),
                    ],
                    theme::STAGES[4].mix(0.15 + 0.8 * t).filled(),
                )
            }))
            .map_err(chart_err)?;
        let (tx, ty) = (f(self.thresholds.referral), f(self.thresholds.support));
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(tx, 0.0), (tx, max_y * 1.02)],
                theme::MUTED.stroke_width(1),
            )))
            .map_err(chart_err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, ty), (max_x * 1.02, ty)],
                theme::MUTED.stroke_width(1),
            )))
            .map_err(chart_err)?;
        // Each quadrant's name and count, in its outer corner (top) or just
        // under the support threshold (bottom), on a pale ground.
        let labels = Quadrant::ALL.map(|q| q.label(lang));
        let style = font(size::HALF, scale).color(&theme::INK);
        let ((left, top), (right, bottom)) = (
            chart.backend_coord(&(0.0, max_y * 1.02)),
            chart.backend_coord(&(max_x * 1.02, 0.0)),
        );
        let under = chart.backend_coord(&(0.0, ty)).1;
        let pad = (4.0 * scale) as i32;
        let (gx, gy) = ((3.0 * scale) as i32, (2.0 * scale) as i32);
        for (k, label) in labels.iter().enumerate() {
            let text = format!("{label} {}", thousands(self.counts[k]));
            let (w, h) = root.estimate_text_size(&text, &style).map_err(chart_err)?;
            let (w, h) = (w as i32, h as i32);
            // co-creator, spreader, deep supporter, quiet.
            let x = if k < 2 { right - pad - w } else { left + pad };
            let y = if k % 2 == 0 {
                top + pad
            } else {
                (under + pad).min(bottom - pad - h)
            };
            root.draw(&Rectangle::new(
                [(x - gx, y - gy), (x + w + gx, y + h + gy)],
                theme::BACKGROUND.mix(0.85).filled(),
            ))
            .map_err(chart_err)?;
            root.draw(&Text::new(text, (x, y), style.clone()))
                .map_err(chart_err)?;
        }
        Ok(())
    }
}

/// A colour on the theme's ramp, t in 0..=1: the stage colours from cool to
/// warm, short of the last (the accent, which marks targets and bars).
fn ramp(t: f64) -> RGBColor {
    const STOPS: [RGBColor; 4] = [
        theme::STAGES[0],
        theme::STAGES[1],
        theme::STAGES[2],
        theme::STAGES[3],
    ];
    let at = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let k = (at.floor() as usize).min(STOPS.len() - 2);
    let f = at - k as f64;
    let (a, b) = (STOPS[k], STOPS[k + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The width of the cohort chart's key, in pixels at scale 1.
const KEY_WIDTH: f64 = 130.0;

/// Mean cumulative LTV per first-purchase cohort, against the ¥18,000 bar.
pub struct Cohorts<'a> {
    pub cohorts: &'a [Cohort],
    pub bar: f64,
}

impl Chart for Cohorts<'_> {
    fn size(&self) -> (u32, u32) {
        (840, 320)
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
        // Room on the right for the key of the lines (one per cohort).
        let area = frame(root, lang, "chart.cohorts", KEY_WIDTH, scale)?;
        // The latest twelve cohorts with at least one step.
        let shown: Vec<&Cohort> = self
            .cohorts
            .iter()
            .filter(|c| !c.curve.is_empty())
            .rev()
            .take(12)
            .collect();
        let steps = shown
            .iter()
            .map(|c| c.curve.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let top = shown
            .iter()
            .flat_map(|c| c.curve.iter().copied())
            .fold(self.bar * 1.2, f64::max);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(48.0 * scale)
            .y_label_area_size(64.0 * scale)
            .build_cartesian_2d(1.0..steps as f64, 0.0..top)
            .map_err(chart_err)?;
        light_grid(
            chart
                .configure_mesh()
                .x_desc(caption(lang, "chart.days_since_first"))
                .x_label_formatter(&|x| format!("{:.0}", x * 30.0))
                .y_label_formatter(&|y| yen(*y)),
            size::WIDE,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        // Oldest cool, newest warm: along the theme's ramp (i = 0 the oldest).
        let colour = |i: usize| {
            let t = i as f64 / (shown.len().max(2) - 1) as f64;
            ramp(t).stroke_width((2.0 * scale) as u32)
        };
        for (i, c) in shown.iter().rev().enumerate() {
            chart
                .draw_series(LineSeries::new(
                    c.curve
                        .iter()
                        .enumerate()
                        .map(|(k, v)| ((k + 1) as f64, *v)),
                    colour(i),
                ))
                .map_err(chart_err)?;
        }
        // The key: each cohort's first-purchase month by its line, newest on top.
        let (w_px, _) = root.dim_in_pixel();
        let px = |v: f64| (v * scale) as i32;
        let x = w_px as i32 - px(KEY_WIDTH - 12.0);
        let row = px(17.0);
        root.draw(&Text::new(
            caption(lang, "chart.first_purchase_month"),
            (x, px(40.0)),
            font(size::WIDE, scale)
                .color(&theme::INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(chart_err)?;
        for (k, c) in shown.iter().enumerate() {
            let y = px(40.0) + row * (k as i32 + 1);
            root.draw(&PathElement::new(
                vec![(x, y), (x + px(22.0), y)],
                colour(shown.len() - 1 - k),
            ))
            .map_err(chart_err)?;
            root.draw(&Text::new(
                c.month.clone(),
                (x + px(28.0), y),
                font(size::WIDE, scale)
                    .color(&theme::INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(chart_err)?;
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(1.0, self.bar), (steps as f64, self.bar)],
                theme::ACCENT.stroke_width((2.0 * scale) as u32),
            )))
            .map_err(chart_err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                yen(self.bar),
                (1.1, self.bar * 1.03),
                font(size::WIDE, scale)
                    .color(&theme::ACCENT)
                    .pos(Pos::new(HPos::Left, VPos::Bottom)),
            )))
            .map_err(chart_err)?;
        Ok(())
    }
}

/// How many answered each score 0–10.
pub struct NpsDistribution<'a> {
    pub counts: &'a [u64],
}

impl Chart for NpsDistribution<'_> {
    fn size(&self) -> (u32, u32) {
        (480, 280)
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
        let area = frame(root, lang, "chart.nps_distribution", 10.0, scale)?;
        let top = self.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(50.0 * scale)
            .build_cartesian_2d(-0.5..10.5, 0.0..top * 1.1)
            .map_err(chart_err)?;
        light_grid(
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(11)
                .x_label_formatter(&|x: &f64| format!("{}", x.round() as i64))
                .y_label_formatter(&|y| thousands(y.max(0.0) as u64)),
            size::HALF,
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        chart
            .draw_series(self.counts.iter().enumerate().map(|(s, &c)| {
                let color = match s {
                    9..=10 => theme::OK,
                    7..=8 => theme::STAGES[0],
                    _ => theme::ACCENT,
                };
                Rectangle::new(
                    [(s as f64 - 0.38, 0.0), (s as f64 + 0.38, c as f64)],
                    color.filled(),
                )
            }))
            .map_err(chart_err)?;
        Ok(())
    }
}

/// The stage funnel (the dashboard's chart).
pub struct Funnel<'a> {
    pub counts: &'a crate::analytics::StageCounts,
}

impl Chart for Funnel<'_> {
    fn size(&self) -> (u32, u32) {
        super::FUNNEL_SIZE
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
        super::draw_funnel(root, self.counts, lang, scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(p: &str, nps: f64) -> NpsPeriod {
        NpsPeriod {
            period: p.into(),
            responses: 10,
            promoters: 5,
            passives: 3,
            detractors: 2,
            nps: Some(nps),
            margin: Some(12.0),
        }
    }

    #[test]
    fn every_chart_renders_as_svg_and_png_in_both_languages() {
        let periods = vec![
            period("2024-01", 10.0),
            period("2024-02", 25.0),
            period("2024-03", -5.0),
        ];
        let rates = vec![
            PeriodRate {
                period: "2024-Q1".into(),
                new_customers: 10,
                referred: 1,
                rate: Some(0.1),
            },
            PeriodRate {
                period: "2024-Q2".into(),
                new_customers: 10,
                referred: 3,
                rate: Some(0.3),
            },
        ];
        let cells: Vec<HeatCell> = (1..=5)
            .flat_map(|r| {
                (1..=5).map(move |f| HeatCell {
                    r,
                    f,
                    customers: u64::from(r * f),
                    revenue: 0.0,
                })
            })
            .collect();
        let flows = vec![StageFlow {
            month: "2024-01".into(),
            date: "2024-01-31".into(),
            moved_up: 1,
            stalled: 2,
            cooled: 0,
            entered: 3,
            matrix: vec![vec![0; 5]; 5],
            counts: vec![5, 4, 3, 2, 1],
        }];
        let pts = vec![(0, 0), (10, 30), (60, 200), (0, 100)];
        let cohorts = vec![Cohort {
            month: "2024-01".into(),
            customers: 3,
            curve: vec![3000.0, 6000.0, 9000.0],
        }];
        let dist = vec![1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let counts = crate::analytics::StageCounts {
            observer: 5,
            landing: 4,
            empathy: 3,
            involvement: 2,
            circulation: 1,
        };
        for lang in [Lang::Ja, Lang::En] {
            let svgs = [
                svg(
                    &NpsTrend {
                        periods: &periods,
                        notes: &[],
                    },
                    lang,
                )
                .unwrap(),
                svg(
                    &ReferralTrend {
                        periods: &rates,
                        target: 0.2,
                        caption: "chart.referral_trend",
                        notes: &[],
                    },
                    lang,
                )
                .unwrap(),
                svg(&Heatmap { cells: &cells }, lang).unwrap(),
                svg(&StageTrend { flows: &flows }, lang).unwrap(),
                svg(
                    &QuadrantMap {
                        points: &pts,
                        thresholds: QuadrantThresholds {
                            referral: 10,
                            support: 100,
                        },
                        counts: [1, 1, 1, 1],
                    },
                    lang,
                )
                .unwrap(),
                svg(
                    &Cohorts {
                        cohorts: &cohorts,
                        bar: 18_000.0,
                    },
                    lang,
                )
                .unwrap(),
                svg(&NpsDistribution { counts: &dist }, lang).unwrap(),
                svg(&Funnel { counts: &counts }, lang).unwrap(),
            ];
            for s in &svgs {
                assert!(
                    s.starts_with("<svg") && s.contains(FONT_FAMILY),
                    "{}",
                    &s[..s.len().min(200)]
                );
            }
            let png = png(&Heatmap { cells: &cells }, lang, 2).unwrap();
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        }
        let ja = svg(&Heatmap { cells: &cells }, Lang::Ja).unwrap();
        assert!(ja.contains("ヒートマップ"), "the title");
        // plotters writes each text on its own line: `<text …>\n25\n</text>`.
        let texts: Vec<&str> = ja
            .split("</text>")
            .filter_map(|t| t.rsplit('>').next().map(str::trim))
            .collect();
        assert!(texts.contains(&"25"), "cell counts are labelled: {texts:?}");
    }
}

#[cfg(test)]
mod readability_tests {
    use super::*;
    use crate::analytics::effect::{OutcomeEffect, Verdict};

    /// Where the app shows a chart in a 1,280 × 800 window: the width of the
    /// panel's content (CSS px; half a row or a whole row); `.chart svg` is
    /// at most 380 px high.
    const HALF: f64 = 490.0;
    const FULL: f64 = 1020.0;
    const MAX_HEIGHT: f64 = 380.0;
    /// The 効果 screen's chart, beside its table (measured in English).
    const EFFECT: f64 = 440.0;

    fn attr(tag: &str, name: &str) -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..].split('"').next()?.to_string())
    }

    /// The SVG's size and the font size of each text: (width, height, sizes).
    fn texts(svg: &str) -> (f64, f64, Vec<(f64, String)>) {
        let head = &svg[..svg.find('>').unwrap()];
        let view: Vec<f64> = attr(head, "viewBox")
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        let sizes = svg
            .split("<text")
            .skip(1)
            .map(|t| {
                let tag = &t[..t.find('>').unwrap()];
                let words = t[t.find('>').unwrap() + 1..]
                    .split("</text>")
                    .next()
                    .unwrap()
                    .trim()
                    .to_string();
                (attr(tag, "font-size").unwrap().parse().unwrap(), words)
            })
            .collect();
        (view[2], view[3], sizes)
    }

    /// The smallest text of the chart on screen, in CSS px.
    fn smallest_on_screen(svg: &str, panel: f64) -> f64 {
        let (w, h, sizes) = texts(svg);
        let k = (panel / w).min(MAX_HEIGHT / h);
        let small = sizes
            .iter()
            .map(|(px, _)| *px)
            .fold(f64::INFINITY, f64::min);
        small * k
    }

    fn outcome(est: f64) -> OutcomeEffect {
        OutcomeEffect {
            treated_rate: Some(0.3),
            control_rate: Some(0.3 - est),
            uplift: Some(est),
            ci_low: Some(est - 0.04),
            ci_high: Some(est + 0.04),
            verdict: Verdict::Inconclusive,
            detectable: None,
        }
    }

    #[test]
    fn text_is_12px_or_more_where_the_app_shows_it() {
        let counts = crate::analytics::StageCounts {
            observer: 1_200,
            landing: 300,
            empathy: 1_100,
            involvement: 150,
            circulation: 400,
        };
        let cells: Vec<HeatCell> = (1..=5)
            .flat_map(|r| {
                (1..=5).map(move |f| HeatCell {
                    r,
                    f,
                    customers: u64::from(r * f) * 97,
                    revenue: 0.0,
                })
            })
            .collect();
        let months: Vec<String> = (1..=12).map(|m| format!("2025-{m:02}")).collect();
        let periods: Vec<NpsPeriod> = months
            .iter()
            .map(|m| NpsPeriod {
                period: m.clone(),
                responses: 40,
                promoters: 20,
                passives: 10,
                detractors: 10,
                nps: Some(25.0),
                margin: Some(14.0),
            })
            .collect();
        let rates: Vec<PeriodRate> = months
            .iter()
            .map(|m| PeriodRate {
                period: m.clone(),
                new_customers: 40,
                referred: 8,
                rate: Some(0.2),
            })
            .collect();
        let flows: Vec<StageFlow> = months
            .iter()
            .map(|m| StageFlow {
                month: m.clone(),
                date: format!("{m}-28"),
                moved_up: 1,
                stalled: 2,
                cooled: 0,
                entered: 3,
                matrix: vec![vec![0; 5]; 5],
                counts: vec![500, 400, 300, 200, 100],
            })
            .collect();
        let cohorts: Vec<Cohort> = months
            .iter()
            .map(|m| Cohort {
                month: m.clone(),
                customers: 30,
                curve: (1..=12).map(|k| 4_000.0 * f64::from(k)).collect(),
            })
            .collect();
        let points: Vec<(i64, i64)> = (0..400).map(|k| (k % 40, (k * 7) % 900)).collect();
        let dist: Vec<u64> = (0..11).map(|s| 10 + s * 3).collect();
        for lang in [Lang::Ja, Lang::En] {
            let rows: Vec<(String, OutcomeEffect)> =
                ["purchase", "stage_up", "referral", "promoter"]
                    .iter()
                    .zip([0.04, 0.06, 0.01, -0.004])
                    .map(|(id, est)| {
                        (
                            crate::labels::label(lang, "outcome", id).to_string(),
                            outcome(est),
                        )
                    })
                    .collect();
            let shown: Vec<(&str, String, f64)> = vec![
                (
                    "funnel (ステージ)",
                    svg(&Funnel { counts: &counts }, lang).unwrap(),
                    HALF,
                ),
                (
                    "funnel (ホーム)",
                    svg(&Funnel { counts: &counts }, lang).unwrap(),
                    FULL,
                ),
                (
                    "heatmap",
                    svg(&Heatmap { cells: &cells }, lang).unwrap(),
                    HALF,
                ),
                (
                    "quadrant",
                    svg(
                        &QuadrantMap {
                            points: &points,
                            thresholds: QuadrantThresholds {
                                referral: 10,
                                support: 100,
                            },
                            counts: [12, 34, 56, 1_298],
                        },
                        lang,
                    )
                    .unwrap(),
                    HALF,
                ),
                (
                    "nps distribution",
                    svg(&NpsDistribution { counts: &dist }, lang).unwrap(),
                    HALF,
                ),
                (
                    // Beside a table that takes more than half the row in English.
                    "effect",
                    svg(&crate::chart::effect::UpliftIntervals { rows: &rows }, lang).unwrap(),
                    EFFECT,
                ),
                (
                    "nps trend",
                    svg(
                        &NpsTrend {
                            periods: &periods,
                            notes: &[],
                        },
                        lang,
                    )
                    .unwrap(),
                    FULL,
                ),
                (
                    "referral trend",
                    svg(
                        &ReferralTrend {
                            periods: &rates,
                            notes: &[],
                            target: 0.2,
                            caption: "chart.referral_trend",
                        },
                        lang,
                    )
                    .unwrap(),
                    FULL,
                ),
                (
                    "stage trend",
                    svg(&StageTrend { flows: &flows }, lang).unwrap(),
                    FULL,
                ),
                (
                    "cohorts",
                    svg(
                        &Cohorts {
                            cohorts: &cohorts,
                            bar: 18_000.0,
                        },
                        lang,
                    )
                    .unwrap(),
                    FULL,
                ),
            ];
            for (name, svg, panel) in &shown {
                let px = smallest_on_screen(svg, *panel);
                assert!(px >= 12.0, "{name} ({lang:?}): text {px:.1} px on screen");
            }
        }
    }

    #[test]
    fn the_axes_say_what_they_are_and_the_cohort_lines_have_a_key() {
        let cells: Vec<HeatCell> = (1..=5)
            .flat_map(|r| {
                (1..=5).map(move |f| HeatCell {
                    r,
                    f,
                    customers: 1,
                    revenue: 0.0,
                })
            })
            .collect();
        let words =
            |svg: &str| -> Vec<String> { texts(svg).2.into_iter().map(|(_, w)| w).collect() };
        let heat = words(&svg(&Heatmap { cells: &cells }, Lang::Ja).unwrap());
        assert!(
            heat.contains(&"R = 最近の購入 (5 が最近)".to_string()),
            "{heat:?}"
        );
        assert!(
            heat.contains(&"F = 購入回数 (5 が多い)".to_string()),
            "{heat:?}"
        );
        let heat = words(&svg(&Heatmap { cells: &cells }, Lang::En).unwrap());
        assert!(
            heat.contains(&"R = recency (5 = most recent)".to_string()),
            "{heat:?}"
        );
        assert!(
            heat.contains(&"F = frequency (5 = most orders)".to_string()),
            "{heat:?}"
        );

        let quadrant = |lang| {
            words(
                &svg(
                    &QuadrantMap {
                        points: &[(0, 0), (40, 400)],
                        thresholds: QuadrantThresholds {
                            referral: 10,
                            support: 100,
                        },
                        counts: [1, 0, 0, 1],
                    },
                    lang,
                )
                .unwrap(),
            )
        };
        let ja = quadrant(Lang::Ja);
        assert!(
            ja.contains(&"紹介ポイント (平方根目盛)".to_string()),
            "{ja:?}"
        );
        assert!(
            ja.contains(&"応援ポイント (平方根目盛)".to_string()),
            "{ja:?}"
        );
        let en = quadrant(Lang::En);
        assert!(
            en.contains(&"Referral points (square-root scale)".to_string()),
            "{en:?}"
        );

        // The cohort chart names each line's first-purchase month, newest
        // first, under the key's heading.
        let cohorts: Vec<Cohort> = ["2026-01", "2026-02", "2026-03"]
            .iter()
            .map(|m| Cohort {
                month: m.to_string(),
                customers: 3,
                curve: vec![3000.0, 6000.0],
            })
            .collect();
        let lines = words(
            &svg(
                &Cohorts {
                    cohorts: &cohorts,
                    bar: 18_000.0,
                },
                Lang::Ja,
            )
            .unwrap(),
        );
        let key = lines
            .iter()
            .position(|w| w == "初回購入月")
            .expect("the key");
        assert_eq!(lines[key + 1..key + 4], ["2026-03", "2026-02", "2026-01"]);
    }
}

#[cfg(test)]
mod note_tests {
    use super::*;

    /// 施策メモ: a note's day falls in its month (or quarter) and is drawn as
    /// its number on the chart.
    #[test]
    fn a_note_is_drawn_as_a_numbered_marker_at_its_period() {
        let d = |s: &str| crate::day::parse_iso(s).unwrap();
        let labels: Vec<String> = ["2026-06", "2026-07", "2026-08"].map(String::from).to_vec();
        assert_eq!(
            note_positions(
                &labels,
                &[d("2026-08-01"), d("2025-01-01"), d("2026-06-30")]
            ),
            vec![(2.0, 1), (0.0, 3)]
        );
        let quarters: Vec<String> = ["2026-Q2", "2026-Q3"].map(String::from).to_vec();
        assert_eq!(
            note_positions(&quarters, &[d("2026-08-01")]),
            vec![(1.0, 1)]
        );
        let rates: Vec<PeriodRate> = labels
            .iter()
            .map(|p| PeriodRate {
                period: p.clone(),
                new_customers: 10,
                referred: 2,
                rate: Some(0.2),
            })
            .collect();
        let chart = |notes: &[crate::day::Day]| {
            svg(
                &ReferralTrend {
                    periods: &rates,
                    target: 0.2,
                    caption: "chart.referral_trend",
                    notes,
                },
                Lang::Ja,
            )
            .unwrap()
        };
        let with = chart(&[d("2026-08-01")]);
        let without = chart(&[]);
        // plotters writes a text element's content on its own line.
        assert!(with.contains(">\n1\n</text>"), "{with}");
        assert!(!without.contains(">\n1\n</text>"));
    }
}
