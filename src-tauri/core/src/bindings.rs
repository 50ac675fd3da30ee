//! The TypeScript types of everything that crosses the Rust ↔ UI boundary,
//! generated from the Rust types with ts-rs into `ui/src/ipc/bindings.ts`.
//!
//! The file is committed; the test below fails when it is stale. Regenerate
//! with `UPDATE_BINDINGS=1 cargo test -p horetsu-core bindings`.

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = declarations![&cfg;
        crate::analytics::StageCounts,
        crate::analytics::report::Report,
        crate::analytics::report::FunnelStep,
        crate::analytics::report::SegmentCount,
        crate::analytics::report::TemperatureCounts,
        crate::analytics::report::RankEntry,
        crate::analytics::report::PointsReport,
        crate::analytics::report::ReferralReport,
        crate::analytics::report::NpsReport,
        crate::analytics::report::ChurnRisk,
        crate::analytics::report::ClvReport,
        crate::analytics::report::BgNbdSummary,
        crate::analytics::report::GammaGammaSummary,
        crate::analytics::kpi::PeriodRate,
        crate::analytics::kpi::ActiveRate,
        crate::analytics::kpi::Retention,
        crate::analytics::kpi::RetentionSplit,
        crate::analytics::kpi::Phase,
        crate::analytics::kpi::PhaseReport,
        crate::analytics::kpi::NpsPeriod,
        crate::analytics::kpi::NpsLtv,
        crate::analytics::kpi::LtvReport,
        crate::analytics::kpi::Cohort,
        crate::analytics::kpi::Community,
        crate::analytics::rfm::HeatCell,
        crate::analytics::rfm::Migration,
        crate::analytics::snapshots::StageFlow,
        crate::analytics::fans::Quadrant,
        crate::analytics::fans::QuadrantThresholds,
        crate::analytics::fans::Badge,
        crate::analytics::predict::PeriodUnit,
        crate::analytics::comments::CommentCategory,
        crate::analytics::comments::NpsGroup,
        crate::analytics::comments::NpsComment,
        crate::ops::CustomerRow,
        crate::ops::ClvFit,
        crate::analytics::StageReason,
        crate::analytics::StageHold,
        crate::model::Stage,
        crate::model::Segment,
        crate::model::Temperature,
        crate::model::Axis,
        crate::points::PointRule,
        crate::settings::Settings,
        crate::settings::Targets,
        crate::settings::StageRules,
        crate::settings::TemperatureRules,
        crate::settings::RfmScoring,
        crate::store::WorkspaceInfo,
        crate::profile::Profile,
        crate::demo::DemoReport,
        crate::ops::Dashboard,
        crate::ops::IpcError,
        crate::import::ImportKind,
        crate::import::Field,
        crate::import::FieldChoice,
        crate::import::ColumnMap,
        crate::import::Preset,
        crate::import::SheetChoice,
        crate::import::DateOrderChoice,
        crate::import::Encoding,
        crate::import::ImportOptions,
        crate::import::Rejection,
        crate::import::ImportReport,
        crate::import::ImportProgress,
        crate::import::Preview,
        crate::import::PreviewRow,
        crate::store::batches::Batch,
        crate::store::batches::UndoReport,
        crate::plan::playbook::CampaignType,
        crate::plan::playbook::Never,
        crate::plan::playbook::StagePlay,
        crate::plan::playbook::NpsOverlays,
        crate::plan::playbook::PhaseGuidance,
        crate::plan::playbook::Milestone,
        crate::plan::playbook::Playbook,
        crate::plan::actions::ActionKind,
        crate::plan::actions::ActionStatus,
        crate::plan::actions::PlannedAction,
        crate::store::contacts::Contact,
        crate::plan::campaign::CampaignTarget,
        crate::plan::campaign::Excluded,
        crate::plan::campaign::StageCheck,
        crate::plan::campaign::CampaignCheck,
        crate::ops::ExportSummary,
        crate::ops::PlanRow,
        crate::ops::PlanQuery,
        crate::ops::PlanPage,
        crate::ops::StatusChange,
        crate::ops::ListedCustomer,
        crate::ops::CustomerQuery,
        crate::ops::CustomerPage,
        crate::ops::TimelineItem,
        crate::ops::Relative,
        crate::ops::StageAt,
        crate::ops::CustomerDetail,
        crate::analytics::ledger::LedgerEntry,
        crate::ops::ChartSet,
        crate::ops::StageSegmentCell,
        crate::ops::AnalysisView,
        crate::ops::TreeNode,
        crate::ops::ReferralForest,
        crate::ops::NpsCommentPage,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by ts-rs (src-tauri/core/src/bindings.rs). Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p horetsu-core bindings\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_file_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/ipc/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/ipc/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p horetsu-core bindings"
        );
    }
}
