//! The workshop report (帳票): an A4 PDF for the client, from the snapshot
//! at the analysis date (`horetsu report`, 「レポートを書き出す」).
//!
//! It names no customer: figures, charts, the plan's steps counted by stage
//! and the playbook's do/never lists. With `mask_pii` the shop's name is
//! masked too (a consultant's client is confidential on a projector) and
//! campaign names are scrubbed of personal data; the cover says which.

use std::path::Path;

use plotters::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use crate::analytics::effect::Method;
use crate::chart::charts::{self, Chart};
use crate::day::{self, Day};
use crate::error::Result;
use crate::files::{self, FileKind};
use crate::model::{Lang, Stage};
use crate::paper::report::{report_pdf, Block, Report, Section};
use crate::paper::Picture;
use crate::Workspace;

/// What was written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReportSummary {
    pub path: String,
    pub pages: u32,
    pub as_of: String,
    pub masked: bool,
}

fn w(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.1}%", v * 100.0))
}

fn count(n: u64) -> String {
    crate::format::thousands(n)
}

fn yen(x: f64) -> String {
    crate::format::yen(x)
}

/// 前月比 in points of a share, or as a count / yen / score.
fn change(now: Option<f64>, before: Option<f64>, unit: &str) -> String {
    match (now, before) {
        (Some(a), Some(b)) => {
            let d = a - b;
            let (text, zero) = match unit {
                "pt" => (
                    format!("{:.1}pt", (d * 100.0).abs()),
                    (d * 100.0).abs() < 0.05,
                ),
                "yen" => (yen(d.abs()), d.abs() < 0.5),
                "score" => (format!("{:.1}", d.abs()), d.abs() < 0.05),
                _ => (count(d.abs().round() as u64), d.abs() < 0.5),
            };
            if zero {
                "±0".into()
            } else {
                format!("{}{}", if d > 0.0 { "+" } else { "−" }, text)
            }
        }
        _ => "–".into(),
    }
}

/// A chart drawn to pixels at `scale` × its size.
fn picture(chart: &impl Chart, lang: Lang, scale: u32) -> Result<Picture> {
    crate::chart::ensure_font()?;
    let (w, h) = chart.size();
    let (w, h) = (w * scale, h * scale);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        root.fill(&crate::chart::theme::BACKGROUND)
            .map_err(crate::chart::chart_err)?;
        chart.draw(&root, lang, f64::from(scale))?;
        root.present().map_err(crate::chart::chart_err)?;
    }
    Ok(Picture {
        width: w,
        height: h,
        rgb,
    })
}

fn table(widths: &[f32], right: &[bool], header: Vec<String>, rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        widths: widths.to_vec(),
        right: right.to_vec(),
        header,
        rows,
    }
}

/// The report's content at the analysis date.
pub fn report_content(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    now: &str,
    mask_pii: bool,
    lang: Lang,
) -> Result<Report> {
    let snap = ws.snapshot(as_of, today)?;
    let r = &snap.report;
    let prev = super::analysis::previous_month(ws, as_of, today)?;
    let b = prev.as_ref().map(|p| &p.report);
    let base = snap.plan_base()?;
    let plan = snap.plan()?;
    let effect = super::effect::effect(ws, as_of, today, super::effect::DEFAULT_WINDOW_DAYS)?;
    let scrubber = if mask_pii {
        Some(snap.scrubber()?)
    } else {
        None
    };
    let l = |ja: &str, en: &str| w(lang, ja, en);
    let as_of_text = day::format(snap.as_of).replace('-', "/");
    let shop = if mask_pii {
        l("(マスク中)", "(masked)")
    } else {
        snap.info.name.clone()
    };
    let made = crate::format::japanese_datetime(now);

    // KPIs against targets, with 前月比.
    let standing = |v: Option<f64>, target: f64| match v {
        Some(x) if x >= target => l("達成", "met"),
        Some(_) => l("未達", "below"),
        None => "–".into(),
    };
    let ref_rate = r.referrals.rate_last_quarter.or(r.referrals.rate);
    let b_ref = b.and_then(|b| b.referrals.rate_last_quarter.or(b.referrals.rate));
    let nps = r.nps.latest_quarter.as_ref().unwrap_or(&r.nps.overall);
    let b_nps = b.map(|b| b.nps.latest_quarter.as_ref().unwrap_or(&b.nps.overall));
    let kpis = vec![
        vec![
            l("顧客数", "Customers"),
            count(r.customers),
            "–".into(),
            change(
                Some(r.customers as f64),
                b.map(|b| b.customers as f64),
                "count",
            ),
            "–".into(),
        ],
        vec![
            l("注文数", "Orders"),
            count(r.orders),
            "–".into(),
            change(Some(r.orders as f64), b.map(|b| b.orders as f64), "count"),
            "–".into(),
        ],
        vec![
            l("売上", "Revenue"),
            yen(r.revenue),
            "–".into(),
            change(Some(r.revenue), b.map(|b| b.revenue), "yen"),
            "–".into(),
        ],
        vec![
            l("紹介率(直近の四半期)", "Referral rate (last quarter)"),
            percent(ref_rate),
            percent(Some(r.referrals.rate_target)),
            change(ref_rate, b_ref, "pt"),
            standing(ref_rate, r.referrals.rate_target),
        ],
        vec![
            l("アクティブ率", "Active rate"),
            percent(r.referrals.active.rate),
            percent(Some(r.referrals.active.target)),
            change(
                r.referrals.active.rate,
                b.and_then(|b| b.referrals.active.rate),
                "pt",
            ),
            standing(r.referrals.active.rate, r.referrals.active.target),
        ],
        vec![
            l("F2転換率", "F2 conversion"),
            percent(r.f2.rate),
            "–".into(),
            change(r.f2.rate, b.and_then(|b| b.f2.rate), "pt"),
            "–".into(),
        ],
        vec![
            format!(
                "NPS ({})",
                if nps.period == "all" {
                    l("全期間", "all time")
                } else {
                    nps.period.clone()
                }
            ),
            match (nps.nps, nps.margin) {
                (Some(v), Some(m)) => format!("{v:.1} ± {m:.1}"),
                (Some(v), None) => format!("{v:.1}"),
                _ => "–".into(),
            },
            "–".into(),
            change(nps.nps, b_nps.and_then(|n| n.nps), "score"),
            "–".into(),
        ],
        vec![
            l(
                &format!(
                    "LTV {}×{}回 達成率",
                    yen(r.ltv.bar_amount),
                    r.ltv.bar_purchases
                ),
                &format!(
                    "LTV {} × {} purchases",
                    yen(r.ltv.bar_amount),
                    r.ltv.bar_purchases
                ),
            ),
            percent(r.ltv.share),
            "–".into(),
            change(r.ltv.share, b.and_then(|b| b.ltv.share), "pt"),
            "–".into(),
        ],
        vec![
            l("予測LTV(今後365日)", "Predicted CLV (next 365 days)"),
            r.clv.predicted_clv_365.map_or("–".into(), yen),
            "–".into(),
            change(
                r.clv.predicted_clv_365,
                b.and_then(|b| b.clv.predicted_clv_365),
                "yen",
            ),
            "–".into(),
        ],
    ];
    let mut sections = vec![Section {
        heading: l("主要指標", "Key figures"),
        blocks: vec![
            table(
                &[3.2, 2.0, 1.2, 1.6, 1.0],
                &[false, true, true, true, false],
                vec![l("指標", "KPI"), l("値", "Value"), l("目標", "Target"), l("前月比", "vs last month"), l("判定", "Standing")],
                kpis,
            ),
            Block::Note(match &prev {
                Some(p) => l(
                    &format!("前月比は{}時点との差。紹介率は直近の四半期、NPSは±95%の誤差幅つき。", p.as_of.replace('-', "/")),
                    &format!("Changes are against {}. Referral rate: last quarter; NPS with its 95 % margin.", p.as_of),
                ),
                None => l("前月のデータがないため、前月比はありません。", "No data a month before: no change shown."),
            }),
        ],
        new_page: false,
    }];

    // The stages: funnel, flows.
    let stage_rows: Vec<Vec<String>> = r
        .funnel
        .iter()
        .map(|f| {
            vec![
                crate::labels::stage(f.stage, lang).to_string(),
                count(f.customers),
                percent((r.customers > 0).then(|| f.customers as f64 / r.customers as f64)),
                yen(f.revenue),
                if f.stage == Stage::Circulation {
                    "–".into()
                } else {
                    percent(f.conversion)
                },
            ]
        })
        .collect();
    sections.push(Section {
        heading: l("惚れ通ステージ", "The 惚れ通 stages"),
        blocks: vec![
            Block::Text(l(
                "観測 → 着地 → 共感 → 関与 → 循環。お客さまがブランドとの関係のどこにいるか。",
                "Observer → Landing → Empathy → Involvement → Circulation: where each customer stands with the brand.",
            )),
            table(
                &[1.6, 1.2, 1.2, 1.8, 1.8],
                &[false, true, true, true, true],
                vec![l("ステージ", "Stage"), l("人数", "Customers"), l("構成比", "Share"), l("累計購入額", "LTV to date"), l("次へ進んだ割合", "On to the next")],
                stage_rows,
            ),
            Block::Picture {
                picture: picture(&charts::Funnel { counts: &r.stages }, lang, 2)?,
                width: 0.7,
            },
            Block::Subheading(l("ステージ別の顧客数の推移", "Customers per stage over time")),
            Block::Picture {
                picture: picture(&charts::StageTrend { flows: &r.stage_flows }, lang, 2)?,
                width: 0.85,
            },
        ],
        new_page: true,
    });

    // Referral and phase.
    let phase = &r.referrals.phase;
    let (phase_name, guidance) = match phase.phase {
        crate::analytics::kpi::Phase::Initial => (
            l("初期", "initial"),
            w(
                lang,
                &base.playbook.phases.initial_ja,
                &base.playbook.phases.initial_en,
            ),
        ),
        crate::analytics::kpi::Phase::Mid => (
            l("中期", "mid"),
            w(
                lang,
                &base.playbook.phases.mid_ja,
                &base.playbook.phases.mid_en,
            ),
        ),
    };
    sections.push(Section {
        heading: l("紹介とフェーズ", "Referrals and phase"),
        blocks: vec![
            Block::Text(l(
                &format!(
                    "紹介で来たお客さま {}人(紹介者 {}人、紹介の木 {}本、最長 {}世代)。紹介率 {}(目標 {})。",
                    count(r.referrals.referred_customers),
                    count(r.referrals.referrers),
                    count(r.referrals.trees),
                    r.referrals.max_generation,
                    percent(ref_rate),
                    percent(Some(r.referrals.rate_target)),
                ),
                &format!(
                    "{} customers came by referral ({} referrers, {} trees, up to {} generations). Referral rate {} (target {}).",
                    count(r.referrals.referred_customers),
                    count(r.referrals.referrers),
                    count(r.referrals.trees),
                    r.referrals.max_generation,
                    percent(ref_rate),
                    percent(Some(r.referrals.rate_target)),
                ),
            )),
            Block::Text(l(
                &format!(
                    "フェーズ: {}(直近1年の紹介 {}件のうち、初回購入から90日を過ぎた会員による紹介 {})。",
                    phase_name,
                    count(phase.referrals),
                    percent(phase.share)
                ),
                &format!(
                    "Phase: {} ({} referrals in the last year; by members past their first 90 days: {}).",
                    phase_name,
                    count(phase.referrals),
                    percent(phase.share)
                ),
            )),
            Block::Note(guidance),
            Block::Picture {
                picture: picture(
                    &charts::ReferralTrend {
                        periods: &r.referrals.quarterly,
                        target: r.referrals.rate_target,
                        caption: "chart.referral_trend",
                        notes: &[],
                    },
                    lang,
                    2,
                )?,
                width: 0.85,
            },
        ],
        new_page: false,
    });

    // NPS, F2 and LTV.
    let recent: Vec<Vec<String>> = r
        .nps
        .quarterly
        .iter()
        .rev()
        .take(4)
        .map(|p| {
            vec![
                p.period.clone(),
                count(p.responses),
                count(p.promoters),
                count(p.passives),
                count(p.detractors),
                p.nps.map_or("–".into(), |v| format!("{v:.1}")),
                p.margin.map_or("–".into(), |m| format!("± {m:.1}")),
            ]
        })
        .collect();
    sections.push(Section {
        heading: "NPS".into(),
        blocks: vec![
            table(
                &[1.3, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
                &[false, true, true, true, true, true, true],
                vec![
                    l("四半期", "Quarter"),
                    l("回答", "Answers"),
                    l("推奨者", "Promoters"),
                    l("中立者", "Passives"),
                    l("批判者", "Detractors"),
                    "NPS".into(),
                    l("誤差(95%)", "Margin (95%)"),
                ],
                recent,
            ),
            Block::Note(l(
                "誤差幅は回答数が少ないほど広がります。幅の中の上下は、偶然の範囲です。",
                "The margin widens as answers get fewer; moves inside it may be chance.",
            )),
            Block::Picture {
                picture: picture(
                    &charts::NpsTrend {
                        periods: &r.nps.monthly,
                        notes: &[],
                    },
                    lang,
                    2,
                )?,
                width: 0.85,
            },
        ],
        new_page: false,
    });
    let f2_row =
        |name: String, g: (u64, u64, Option<f64>)| vec![name, count(g.0), count(g.1), percent(g.2)];
    sections.push(Section {
        heading: l("F2転換とLTV", "F2 conversion and LTV"),
        blocks: vec![
            table(
                &[2.0, 1.2, 1.2, 1.2],
                &[false, true, true, true],
                vec![
                    l("F2転換", "F2"),
                    l("対象", "Eligible"),
                    l("2回目あり", "Second purchase"),
                    l("率", "Rate"),
                ],
                vec![
                    f2_row(l("全体", "All"), (r.f2.eligible, r.f2.converted, r.f2.rate)),
                    f2_row(
                        l("紹介", "Referred"),
                        (
                            r.f2.referred.eligible,
                            r.f2.referred.converted,
                            r.f2.referred.rate,
                        ),
                    ),
                    f2_row(
                        l("紹介以外", "Organic"),
                        (
                            r.f2.organic.eligible,
                            r.f2.organic.converted,
                            r.f2.organic.rate,
                        ),
                    ),
                ],
            ),
            Block::Note(l(
                &format!(
                    "初回購入から{}日以内に、別の日の2回目の購入があった割合。",
                    r.f2.window_days
                ),
                &format!(
                    "Share with a second purchase on another day within {} days of the first.",
                    r.f2.window_days
                ),
            )),
            Block::Text(l(
                &format!(
                    "LTV {}×{}回に届いたお客さま: {}人 / {}人({})。平均LTV {}。",
                    yen(r.ltv.bar_amount),
                    r.ltv.bar_purchases,
                    count(r.ltv.meeting_bar),
                    count(r.ltv.customers),
                    percent(r.ltv.share),
                    r.ltv.average.map_or("–".into(), yen)
                ),
                &format!(
                    "Customers at LTV {} × {} purchases: {} of {} ({}). Average LTV {}.",
                    yen(r.ltv.bar_amount),
                    r.ltv.bar_purchases,
                    count(r.ltv.meeting_bar),
                    count(r.ltv.customers),
                    percent(r.ltv.share),
                    r.ltv.average.map_or("–".into(), yen)
                ),
            )),
            Block::Picture {
                picture: picture(
                    &charts::Cohorts {
                        cohorts: &r.ltv.cohorts,
                        bar: r.ltv.bar_amount,
                    },
                    lang,
                    2,
                )?,
                width: 0.85,
            },
        ],
        new_page: false,
    });

    // The plan by stage: its steps counted, and the playbook's do / never.
    let week_end = snap.as_of + 7;
    let mut blocks = vec![Block::Text(l(
        "ステージごとに、次の一歩の件数と、やること・やってはいけないこと(プレイブック)。",
        "For each stage: the next steps planned, and what to do and never do (the playbook).",
    ))];
    for play in &base.playbook.stages {
        let mut kinds: Vec<(crate::plan::actions::ActionKind, u64)> = Vec::new();
        let mut steps = 0u64;
        let mut this_week = 0u64;
        for (c, a) in snap.analysis.customers.iter().zip(plan.iter()) {
            if c.stage != play.stage || a.status == crate::plan::actions::ActionStatus::Control {
                continue;
            }
            steps += 1;
            if day::parse_iso(&a.due_on).is_some_and(|d| d < week_end) {
                this_week += 1;
            }
            match kinds.iter_mut().find(|(k, _)| *k == a.kind) {
                Some(e) => e.1 += 1,
                None => kinds.push((a.kind, 1)),
            }
        }
        kinds.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        blocks.push(Block::Subheading(format!(
            "{} — {}",
            crate::labels::stage(play.stage, lang),
            w(lang, &play.meaning_ja, &play.meaning_en)
        )));
        blocks.push(Block::Text(l(
            &format!(
                "次の一歩 {}件(7日以内 {}件)。多い順: {}",
                count(steps),
                count(this_week),
                top_kinds(&kinds, lang)
            ),
            &format!(
                "{} next steps ({} due within 7 days). Most: {}",
                count(steps),
                count(this_week),
                top_kinds(&kinds, lang)
            ),
        )));
        let dos: Vec<String> = match lang {
            Lang::Ja => play.do_ja.clone(),
            Lang::En => play.do_en.clone(),
        };
        if !dos.is_empty() {
            blocks.push(Block::Bullets(
                dos.into_iter()
                    .map(|d| format!("{}: {d}", l("やること", "Do")))
                    .collect(),
            ));
        }
        let nevers: Vec<String> = play
            .never
            .iter()
            .map(|n| {
                format!(
                    "{}: {}",
                    l("禁止", "Never"),
                    w(lang, &n.text_ja, &n.text_en)
                )
            })
            .collect();
        if !nevers.is_empty() {
            blocks.push(Block::Bullets(nevers));
        }
    }
    sections.push(Section {
        heading: l("ステージ別のアクション", "Actions by stage"),
        blocks,
        new_page: true,
    });

    // Effect measurement, when there is any.
    if !effect.campaigns.is_empty() {
        let rows = effect
            .campaigns
            .iter()
            .map(|c| {
                let name = match &scrubber {
                    Some(s) => s.scrub(&c.campaign),
                    None => c.campaign.clone(),
                };
                let p = &c.outcomes.purchase;
                vec![
                    name,
                    match c.method {
                        Method::Randomised => l("対照群あり", "holdout"),
                        Method::Observational => l("観察", "observational"),
                    },
                    count(c.treated),
                    count(c.control),
                    percent(p.treated_rate),
                    percent(p.control_rate),
                    p.uplift.map_or("–".into(), |u| {
                        format!(
                            "{}{:.1}pt",
                            if u >= 0.0 { "+" } else { "−" },
                            (u * 100.0).abs()
                        )
                    }),
                    crate::labels::label(lang, "verdict", p.verdict.id()).to_string(),
                ]
            })
            .collect();
        sections.push(Section {
            heading: l("効果測定", "Effect measurement"),
            blocks: vec![
                Block::Text(l(
                    &format!("施策ごとに、接触から{}日間の購入率を対照群と比べた結果。", effect.window_days),
                    &format!("Each campaign's purchase rate over {} days after contact, against its control group.", effect.window_days),
                )),
                table(
                    &[2.4, 1.3, 0.9, 0.9, 1.0, 1.0, 1.0, 1.5],
                    &[false, false, true, true, true, true, true, false],
                    vec![
                        l("施策", "Campaign"),
                        l("比較", "Method"),
                        l("施策群", "Treated"),
                        l("対照群", "Control"),
                        l("購入率", "Bought"),
                        l("対照", "Control"),
                        l("差", "Uplift"),
                        l("判定", "Verdict"),
                    ],
                    rows,
                ),
            ],
            new_page: false,
        });
    }

    Ok(Report {
        title: l(
            "惚れ通 顧客関係レポート",
            "Horetsu customer relationship report",
        ),
        cover: vec![
            format!("{}: {}", l("ショップ", "Shop"), shop),
            format!("{}: {}", l("基準日", "Analysis date"), as_of_text),
            format!("{}: {}", l("作成日時", "Made on"), made),
            format!(
                "{}: {}",
                l("個人情報マスク", "Personal data masking"),
                if mask_pii {
                    l("オン", "on")
                } else {
                    l("オフ", "off")
                }
            ),
            l(
                "このレポートには個々のお客さまの氏名・連絡先は含まれません。",
                "This report names no customer and holds no contact details.",
            ),
        ],
        footer: format!("{shop} · {} {as_of_text}", l("基準日", "as of")),
        sections,
    })
}

fn top_kinds(kinds: &[(crate::plan::actions::ActionKind, u64)], lang: Lang) -> String {
    if kinds.is_empty() {
        return "–".into();
    }
    kinds
        .iter()
        .take(3)
        .map(|(k, n)| {
            format!(
                "{} {}",
                crate::labels::label(lang, "action", k.id()),
                count(*n)
            )
        })
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Ja => "、",
            Lang::En => "; ",
        })
}

/// Writes the report at `path` (a PDF is replaced only with `replace`, and
/// never a workspace, workbook or CSV).
#[allow(clippy::too_many_arguments)]
pub fn write_report(
    ws: &Workspace,
    path: &Path,
    as_of: Option<Day>,
    today: Day,
    now: &str,
    mask_pii: bool,
    replace: bool,
    lang: Lang,
) -> Result<ReportSummary> {
    files::check_target(path, FileKind::Pdf, replace)?;
    let content = report_content(ws, as_of, today, now, mask_pii, lang)?;
    let (bytes, pages) = report_pdf(&content)?;
    files::write_file(path, FileKind::Pdf, replace, |tmp| {
        std::fs::write(tmp, &bytes).map_err(|e| files::write_error(tmp, e))
    })?;
    let snap = ws.snapshot(as_of, today)?;
    Ok(ReportSummary {
        path: path.display().to_string(),
        pages,
        as_of: day::format(snap.as_of),
        masked: mask_pii,
    })
}
