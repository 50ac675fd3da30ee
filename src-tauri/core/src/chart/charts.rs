//! The charts of the screens and the workbook. Each chart is a struct with its
//! data and one drawing function generic over the plotters backend, so the SVG
//! the app shows and the PNG the workbook embeds come from the same code, in
//! one visual style ([`super::theme`]) and the bundled font.

use plotters::coord::Shift;
use plotters::prelude::*;

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
        font(16.0, scale).color(&theme::INK),
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

/// The axes of every chart with a grid: muted labels and one light grid
/// line between labels.
pub(super) fn light_grid<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    scale: f64,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = XT>
        + plotters::coord::ranged1d::ValueFormatter<XT>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = YT>
        + plotters::coord::ranged1d::ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.label_style(font(11.0, scale).color(&theme::MUTED))
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
                font(12.0, scale).color(&theme::INK),
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
        let area = frame(root, lang, "chart.nps_trend", 10.0, scale)?;
        let points: Vec<(f64, f64, f64)> = self
            .periods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i as f64, p.nps?, p.margin.unwrap_or(0.0))))
            .collect();
        let labels: Vec<String> = self.periods.iter().map(|p| p.period.clone()).collect();
        let n = labels.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(28.0 * scale)
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
        let area = frame(root, lang, self.caption, 10.0, scale)?;
        let labels: Vec<String> = self.periods.iter().map(|p| p.period.clone()).collect();
        let n = labels.len().max(1) as f64;
        let top = self
            .periods
            .iter()
            .filter_map(|p| p.rate)
            .fold(self.target * 1.5, f64::max)
            .min(1.0);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(28.0 * scale)
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
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(30.0 * scale)
            .build_cartesian_2d(0.5..5.5, 0.5..5.5)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_desc("F")
            .y_desc("R")
            .x_label_formatter(&|x: &f64| format!("{}", x.round() as i64))
            .y_label_formatter(&|y: &f64| format!("{}", y.round() as i64))
            .label_style(font(12.0, scale).color(&theme::MUTED))
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
            let color = if t > 0.55 {
                theme::BACKGROUND
            } else {
                theme::INK
            };
            chart
                .draw_series(std::iter::once(Text::new(
                    thousands(c.customers),
                    (x - 0.2, y + 0.12),
                    font(13.0, scale).color(&color),
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
            .x_label_area_size(28.0 * scale)
            .y_label_area_size(54.0 * scale)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..top * 1.05)
            .map_err(chart_err)?;
        let fmt = sparse(&labels, 12);
        light_grid(
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(labels.len().max(2))
                .x_label_formatter(&fmt)
                .y_label_formatter(&|y| thousands(y.max(0.0) as u64)),
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
            let y = ((60.0 + 22.0 * (4 - k) as f64) * scale) as i32;
            root.draw(&Rectangle::new(
                [
                    (x, y),
                    (x + (12.0 * scale) as i32, y + (12.0 * scale) as i32),
                ],
                theme::STAGES[k].filled(),
            ))
            .map_err(chart_err)?;
            let name = crate::labels::stage(*stage, lang);
            root.draw(&Text::new(
                name,
                (x + (18.0 * scale) as i32, y - (1.0 * scale) as i32),
                font(12.0, scale).color(&theme::INK),
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
        (560, 420)
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
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(44.0 * scale)
            .build_cartesian_2d(0.0..max_x * 1.02, 0.0..max_y * 1.02)
            .map_err(chart_err)?;
        light_grid(
            chart
                .configure_mesh()
                .x_desc(caption(lang, "chart.referral_points"))
                .y_desc(caption(lang, "chart.support_points"))
                .x_label_formatter(&|x| format!("{:.0}", x * x))
                .y_label_formatter(&|y| format!("{:.0}", y * y)),
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
        let labels = Quadrant::ALL.map(|q| q.label(lang));
        let spots = [
            (tx + (max_x - tx) * 0.5, max_y * 0.95),
            (tx + (max_x - tx) * 0.5, ty * 0.5),
            (tx * 0.5, max_y * 0.95),
            (tx * 0.5, ty * 0.5),
        ];
        for (k, (x, y)) in spots.iter().enumerate() {
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("{} {}", labels[k], thousands(self.counts[k])),
                    (*x * 0.8, *y),
                    font(12.0, scale).color(&theme::INK),
                )))
                .map_err(chart_err)?;
        }
        Ok(())
    }
}

/// Mean cumulative LTV per first-purchase cohort, against the ¥18,000 bar.
pub struct Cohorts<'a> {
    pub cohorts: &'a [Cohort],
    pub bar: f64,
}

impl Chart for Cohorts<'_> {
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
        let area = frame(root, lang, "chart.cohorts", 10.0, scale)?;
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
            .x_label_area_size(30.0 * scale)
            .y_label_area_size(64.0 * scale)
            .build_cartesian_2d(1.0..steps as f64, 0.0..top)
            .map_err(chart_err)?;
        light_grid(
            chart
                .configure_mesh()
                .x_desc(caption(lang, "chart.days_since_first"))
                .x_label_formatter(&|x| format!("{:.0}", x * 30.0))
                .y_label_formatter(&|y| yen(*y)),
            scale,
        )
        .draw()
        .map_err(chart_err)?;
        for (i, c) in shown.iter().rev().enumerate() {
            let t = (i + 1) as f64 / shown.len().max(1) as f64;
            chart
                .draw_series(LineSeries::new(
                    c.curve
                        .iter()
                        .enumerate()
                        .map(|(k, v)| ((k + 1) as f64, *v)),
                    theme::STAGES[2]
                        .mix(0.25 + 0.75 * t)
                        .stroke_width((2.0 * scale) as u32),
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
                font(12.0, scale).color(&theme::ACCENT),
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
        (560, 280)
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
            .x_label_area_size(26.0 * scale)
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
