//! Hand-worked plans over the tiny shop of the analytics tests (analysis date
//! 2024-07-01; see `analytics::tests::shop` for the data), and the rules every
//! plan of the demo shop must keep.

use super::actions::{self, ActionKind, ActionStatus, ContactHistory, PlanContext, StepKind};
use super::campaign::{check, CampaignTarget};
use super::playbook::{CampaignType, Playbook};
use crate::analytics::kpi::Phase;
use crate::analytics::{analyze, tests::shop, Dataset};
use crate::day::{parse_iso, Day};
use crate::model::Stage;
use crate::settings::Settings;

fn d(s: &str) -> Day {
    parse_iso(s).expect("date")
}

const INITIAL: PlanContext = PlanContext {
    phase: Phase::Initial,
    window_days: 90,
    holdout: crate::plan::actions::Holdout::NONE,
};

/// The plan in the initial phase (the tiny shop's: none of its referrals in
/// the trailing year came from a member past their first 90 days).
fn plan(
    ds: &Dataset,
    a: &crate::analytics::Analysis,
    p: &Playbook,
    h: &ContactHistory,
) -> Vec<super::actions::PlannedAction> {
    actions::plan(ds, a, p, h, &INITIAL)
}

fn idx(ds: &Dataset, key: &str) -> u32 {
    ds.customers.iter().position(|c| c.key == key).unwrap() as u32
}

fn planned(
    ds: &Dataset,
    p: &Playbook,
    h: &ContactHistory,
) -> Vec<(String, super::actions::PlannedAction)> {
    let a = analyze(ds, &Settings::default(), d("2024-07-01"));
    plan(ds, &a, p, h)
        .into_iter()
        .zip(&a.customers)
        .map(|(x, c)| (ds.customers[c.idx as usize].key.clone(), x))
        .collect()
}

fn of<'a>(
    rows: &'a [(String, super::actions::PlannedAction)],
    key: &str,
) -> &'a super::actions::PlannedAction {
    &rows.iter().find(|(k, _)| k == key).unwrap().1
}

#[test]
fn each_customer_gets_the_step_their_signals_call_for() {
    let ds = shop();
    let rows = planned(&ds, &Playbook::default(), &ContactHistory::default());
    // 初期: the core members past their first 90 days are A (循環, first
    // purchase 2024-01-10) and D (関与, 2023-10-01). Heat (half-life 180 d):
    // D = 100 × 0.5^(11/180) = 95.9; A = 10 × 0.5^(151/180) + 50 × 0.5^(61/180)
    // + 30 × 0.5^(122/180) + 30 × 0.5^(30/180) = 5.6 + 39.5 + 18.7 + 26.7 = 90.5.
    // Both get the owner's personal ask, D first, a week out.
    let dd = of(&rows, "D");
    assert_eq!(
        (dd.kind, dd.step, dd.due_on.as_str()),
        (ActionKind::ReferralAsk, StepKind::ReferralAsk, "2024-07-08")
    );
    assert!(dd.is_ask);
    let text = dd.reason.text(crate::model::Lang::Ja);
    assert!(
        text.contains("熱量96のコアメンバー(今月1人目/上限10人)"),
        "{text}"
    );
    let a = of(&rows, "A");
    assert_eq!(a.kind, ActionKind::ReferralAsk);
    assert!(a
        .reason
        .text(crate::model::Lang::Ja)
        .contains("今月2人目/上限10人"));
    // B: two trial purchases only (観測): the brand story, no selling.
    let b = of(&rows, "B");
    assert_eq!(b.kind, ActionKind::BrandStory);
    assert_eq!(
        b.reason.text(crate::model::Lang::Ja),
        "お試し購入のみ(2回)。売り込まず、安心してもらう段階"
    );
    // C: registered, never bought (観測).
    assert_eq!(
        of(&rows, "C").reason.text(crate::model::Lang::Ja),
        "会員登録のみ。売り込まず、安心してもらう段階"
    );
    // E: NPS 6 yesterday: a personal recovery contact within 3 days comes first.
    let e = of(&rows, "E");
    assert_eq!(
        (e.kind, e.due_on.as_str()),
        (ActionKind::RecoveryContact, "2024-07-04")
    );
    for (_, x) in &rows {
        assert_eq!(x.status, ActionStatus::Todo);
        assert!(x.due_on.as_str() >= "2024-07-01");
        assert_ne!(x.kind, ActionKind::ReferralTestimonialAsk);
    }
}

#[test]
fn the_initial_phase_asks_at_most_the_monthly_cap_highest_heat_first() {
    let ds = shop();
    let p = Playbook {
        initial_asks_per_month: 1,
        ..Default::default()
    };
    let rows = planned(&ds, &p, &ContactHistory::default());
    // One ask: D (heat 95.9) before A (90.5). A, a promoter (NPS 10 on
    // 2024-06-15) without a testimonial, is invited to put the change into words.
    assert_eq!(of(&rows, "D").kind, ActionKind::ReferralAsk);
    let a = of(&rows, "A");
    assert_eq!(
        (a.kind, a.step),
        (ActionKind::TestimonialInvite, StepKind::TestimonialInvite)
    );
    assert_eq!(
        a.reason.text(crate::model::Lang::Ja),
        "2024-06-15のNPSで10点の推奨者。使ってみて何が変わったかを、お客様の声として言葉にしてもらう"
    );
    // A personal ask already logged this month uses the one slot: none left,
    // and D is back to the 関与 step.
    let mut h = ContactHistory::default();
    h.asks_by_month.insert((2024, 7), 1);
    let rows = planned(&ds, &p, &h);
    assert_eq!(of(&rows, "D").kind, ActionKind::CoCreationInvite);
    // A log from June does not count against July.
    let mut h = ContactHistory::default();
    h.asks_by_month.insert((2024, 6), 1);
    assert_eq!(of(&planned(&ds, &p, &h), "D").kind, ActionKind::ReferralAsk);
}

#[test]
fn the_mid_phase_asks_for_no_referral_but_for_voices_and_a_place_to_talk() {
    let mut ds = shop();
    let a = analyze(&ds, &Settings::default(), d("2024-07-01"));
    let mid = PlanContext {
        phase: Phase::Mid,
        window_days: 90,
        holdout: crate::plan::actions::Holdout::NONE,
    };
    let p = Playbook::default();
    let steps = actions::plan(&ds, &a, &p, &ContactHistory::default(), &mid);
    let of_key =
        |steps: &[super::actions::PlannedAction], a: &crate::analytics::Analysis, k: &str| {
            let i = a
                .customers
                .iter()
                .position(|c| ds.customers[c.idx as usize].key == k)
                .unwrap();
            steps[i].clone()
        };
    // A (promoter) and D (関与, past 90 days) are invited to put their change
    // into words; nobody is asked for a referral.
    assert_eq!(of_key(&steps, &a, "A").kind, ActionKind::TestimonialInvite);
    let dd = of_key(&steps, &a, "D");
    assert_eq!(dd.kind, ActionKind::TestimonialInvite);
    assert_eq!(
        dd.reason.text(crate::model::Lang::Ja),
        "初回購入から274日。紹介は頼まず(中期)、ここで得た変化をお客様の声として言葉にしてもらう"
    );
    assert!(steps.iter().all(|x| x.step != StepKind::ReferralAsk));
    // A testimonial from A on 2024-06-25 closes the ask: a 座談会 next.
    let t = ds
        .rules
        .iter()
        .position(|r| r.kind == crate::points::KIND_TESTIMONIAL)
        .unwrap() as u16;
    ds.events.push(crate::analytics::dataset::EventRec {
        customer: 0,
        day: d("2024-06-25"),
        rule: Some(t),
        brand_tag: false,
        has_image: false,
        points_override: None,
    });
    ds.events.sort_by_key(|e| (e.customer, e.day));
    ds.event_ranges = crate::analytics::tests::ranges_of(&ds);
    let a = analyze(&ds, &Settings::default(), d("2024-07-01"));
    let steps = actions::plan(&ds, &a, &p, &ContactHistory::default(), &mid);
    let x = of_key(&steps, &a, "A");
    assert_eq!(
        (x.kind, x.step),
        (ActionKind::RoundtableInvite, StepKind::RoundtableInvite)
    );
    assert_eq!(
        x.reason.text(crate::model::Lang::Ja),
        "2024-06-25にお客様の声をいただいた。次は語れる場(座談会)へ"
    );
}

#[test]
fn the_referrer_is_the_newcomers_guardian_both_ways_inside_the_cool_down() {
    // E (first purchase yesterday) was referred by A.
    let mut ds = shop();
    ds.referrer[4] = Some(0);
    let a_idx = idx(&ds, "A");
    let e_idx = idx(&ds, "E");
    let rows = planned(&ds, &Playbook::default(), &ContactHistory::default());
    let a = of(&rows, "A");
    assert_eq!(
        (a.kind, a.step, a.due_on.as_str(), a.related),
        (
            ActionKind::Guardian,
            StepKind::Guardian,
            "2024-07-08",
            Some(e_idx)
        )
    );
    assert_eq!(
        a.reason.text(crate::model::Lang::Ja),
        "ご紹介の方が1日前に初めてご購入(90日以内の新しいお客さま1人)。お礼と、その方のご様子をひとこと。お願いではなく"
    );
    // E's own steps name A: recovery first (NPS 6), and once that is skipped,
    // the next milestone. E reached 居場所 (a LINE action on day 0), so the
    // next is 役割, due on day 31 of the window (2024-07-31).
    assert_eq!(of(&rows, "E").related, None);
    let mut h = ContactHistory::default();
    h.statuses.insert(
        (e_idx, ActionKind::RecoveryContact, d("2024-07-04")),
        ActionStatus::Skipped,
    );
    let e = of(&planned(&ds, &Playbook::default(), &h), "E").clone();
    assert_eq!(
        (e.kind, e.step, e.due_on.as_str(), e.related),
        (
            ActionKind::OnboardingRole,
            StepKind::Onboarding,
            "2024-07-31",
            Some(a_idx)
        )
    );
    assert!(e
        .reason
        .text(crate::model::Lang::Ja)
        .starts_with("ご紹介で来られた新しいお客さま。初回購入から1日目、次は役割。"));
    // A was asked on 2024-06-01: the guardian step waits for the cool-down
    // (90 days: 2024-08-30) and says so, rather than vanishing.
    let mut h = ContactHistory::default();
    h.last_ask.insert(a_idx, d("2024-06-01"));
    let rows = planned(&ds, &Playbook::default(), &h);
    let a = of(&rows, "A");
    assert_eq!(
        (a.kind, a.due_on.as_str(), a.related),
        (ActionKind::Guardian, "2024-08-30", Some(e_idx))
    );
    assert!(a
        .reason
        .text(crate::model::Lang::Ja)
        .contains("2024-06-01にお願いをしたばかりなので、お願いの間隔が空いてから"));
    // Done after E joined: the step is closed; A moves on.
    h.last_done
        .insert((a_idx, ActionKind::Guardian), d("2024-06-30"));
    assert_ne!(
        of(&planned(&ds, &Playbook::default(), &h), "A").kind,
        ActionKind::Guardian
    );
}

#[test]
fn an_ask_is_never_repeated_within_the_cool_down() {
    let ds = shop();
    let mut h = ContactHistory::default();
    // A was asked on 2024-06-01, 30 days ago (< 90): no ask; A is 循環 and
    // referred B, who bought: gratitude in words, two weeks out.
    h.last_ask.insert(idx(&ds, "A"), d("2024-06-01"));
    let rows = planned(&ds, &Playbook::default(), &h);
    let a = of(&rows, "A");
    assert_eq!(
        (a.kind, a.due_on.as_str()),
        (ActionKind::Gratitude, "2024-07-15")
    );
    assert!(
        a.reason
            .text(crate::model::Lang::Ja)
            .starts_with("紹介した1人が購入"),
        "{}",
        a.reason.text(crate::model::Lang::Ja)
    );
    // 91 days ago, the ask is back.
    h.last_ask.insert(idx(&ds, "A"), d("2024-04-01"));
    assert_eq!(
        of(&planned(&ds, &Playbook::default(), &h), "A").kind,
        ActionKind::ReferralAsk
    );
}

#[test]
fn a_step_the_stage_forbids_is_never_proposed() {
    let ds = shop();
    // A playbook edited so that 循環 forbids referral asks (特別扱いのしすぎ):
    // A gets the promoter's testimonial invitation instead.
    let mut p = Playbook::default();
    let circ = p
        .stages
        .iter_mut()
        .find(|s| s.stage == Stage::Circulation)
        .unwrap();
    circ.never[0].campaigns.push(CampaignType::ReferralAsk);
    let rows = planned(&ds, &p, &ContactHistory::default());
    assert_eq!(of(&rows, "A").kind, ActionKind::TestimonialInvite);
}

#[test]
fn done_and_skipped_steps_give_way_to_the_next() {
    let ds = shop();
    let mut h = ContactHistory::default();
    h.statuses.insert(
        (idx(&ds, "E"), ActionKind::RecoveryContact, d("2024-07-04")),
        ActionStatus::Skipped,
    );
    let rows = planned(&ds, &Playbook::default(), &h);
    // E's first purchase was yesterday and a LINE action the same day reached
    // 居場所: the next milestone is 役割, from day 31 (2024-07-31).
    let e = of(&rows, "E");
    assert_eq!(
        (e.kind, e.due_on.as_str()),
        (ActionKind::OnboardingRole, "2024-07-31")
    );
    // A todo status is shown on the action it belongs to.
    h.statuses.insert(
        (idx(&ds, "E"), ActionKind::OnboardingRole, d("2024-07-31")),
        ActionStatus::Todo,
    );
    assert_eq!(
        of(&planned(&ds, &Playbook::default(), &h), "E").status,
        ActionStatus::Todo
    );
}

#[test]
fn the_campaign_check_counts_and_explains_the_forbidden_recipients() {
    let ds = shop();
    let a = analyze(&ds, &Settings::default(), d("2024-07-01"));
    let p = Playbook::default();
    // A discount to everyone: B and C (観測: 登録直後の割引), E (共感: 一律施策) and
    // A (循環: 特別扱いのしすぎ) are forbidden; D (関与) remains.
    let c = check(
        &ds,
        &a,
        &p,
        &ContactHistory::default(),
        CampaignType::Discount,
        &CampaignTarget::default(),
    );
    assert_eq!((c.recipients, c.forbidden), (5, 4));
    assert_eq!(c.allowed_keys, vec!["D".to_string()]);
    let b = c.excluded.iter().find(|x| x.customer_key == "B").unwrap();
    assert_eq!(b.reason_ja, "観測では禁止: 登録直後の割引");
    // A referral ask to a key list: A was asked 10 days ago, so it is left out
    // for the load (負荷の集中); an unknown key is reported.
    let mut h = ContactHistory::default();
    h.last_ask.insert(idx(&ds, "A"), d("2024-06-21"));
    let target = CampaignTarget {
        keys: vec!["A".into(), "D".into(), "Z".into()],
        ..Default::default()
    };
    let c = check(&ds, &a, &p, &h, CampaignType::ReferralAsk, &target);
    assert_eq!((c.recipients, c.forbidden, c.recently_asked), (2, 0, 1));
    assert_eq!(c.allowed_keys, vec!["D".to_string()]);
    assert_eq!(c.unknown_keys, vec!["Z".to_string()]);
    assert!(c.excluded[0].reason_ja.starts_with("負荷の集中"));
    // A thank-you note is allowed everywhere.
    let c = check(
        &ds,
        &a,
        &p,
        &h,
        CampaignType::ThankYouNote,
        &CampaignTarget::default(),
    );
    assert_eq!((c.forbidden, c.allowed_keys.len()), (0, 5));
}

#[test]
fn no_plan_of_the_demo_shop_breaks_the_playbook() {
    let ws = crate::workspace::test_demo(800);
    let ds = ws.with_conn(crate::store::dataset::load).unwrap();
    let as_of = d("2026-11-01");
    let a = analyze(&ds, &Settings::default(), as_of);
    let p = Playbook::default();
    // Every customer asked 40 days ago: no ask may be proposed.
    let mut h = ContactHistory::default();
    for c in &a.customers {
        h.last_ask.insert(c.idx, as_of - 40);
    }
    let free = plan(&ds, &a, &p, &ContactHistory::default());
    let held = plan(&ds, &a, &p, &h);
    assert_eq!(free.len(), a.customers.len());
    let mut kinds = std::collections::BTreeSet::new();
    for ((c, x), y) in a.customers.iter().zip(&free).zip(&held) {
        assert!(
            p.forbidding(c.stage, x.kind.campaign()).is_empty(),
            "{:?} at {:?}",
            x.kind,
            c.stage
        );
        assert!(
            !y.is_ask
                || (y.kind == ActionKind::Guardian && y.due_on == crate::day::format(as_of + 50)),
            "an ask 40 days after the last one: {:?}",
            y
        );
        assert!(x.due_on >= crate::day::format(as_of));
        kinds.insert(x.kind);
    }
    // The demo shop exercises most of the playbook.
    assert!(kinds.len() >= 8, "{kinds:?}");
}

#[test]
fn a_done_step_is_logged_moves_the_plan_on_and_can_be_taken_back() {
    let ws = crate::workspace::test_demo(300);
    let as_of = d("2026-11-01");
    let ds = ws.with_conn(crate::store::dataset::load).unwrap();
    let a = analyze(&ds, &Settings::default(), as_of);
    let p = Playbook::default();
    let first = plan(&ds, &a, &p, &history(&ws, &ds, as_of));
    // A customer whose step is an ask: after it is done, no ask for 90 days.
    let (i, step) = first
        .iter()
        .enumerate()
        .find(|(_, x)| x.is_ask)
        .expect("an ask in the demo plan");
    let c = &a.customers[i];
    let key = ds.customers[c.idx as usize].key.clone();
    let due = parse_iso(&step.due_on).unwrap();
    let set = |ws: &crate::Workspace, status| {
        ws.with_tx(|tx| {
            super::actions::set_status(
                tx,
                &key,
                step.kind,
                due,
                status,
                as_of,
                "2026-11-01T10:00:00",
            )
        })
        .unwrap();
    };
    // The plan's own log lines (the demo's campaigns log contacts too).
    let plan_log = |ws: &crate::Workspace| -> Vec<crate::store::contacts::Contact> {
        ws.with_conn(|c| crate::store::contacts::of_customer(c, &key))
            .unwrap()
            .into_iter()
            .filter(|k| k.action == step.kind.id())
            .collect()
    };
    assert!(plan_log(&ws).is_empty());
    set(&ws, ActionStatus::Done);
    let log = plan_log(&ws);
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].contacted_on.as_str(), log[0].is_ask),
        ("2026-11-01", true)
    );
    let h = history(&ws, &ds, as_of);
    let next = &plan(&ds, &a, &p, &h)[i];
    assert_ne!(next.kind, step.kind);
    assert!(!next.is_ask, "no second ask within the cool-down");
    // Marked done twice: still one contact. Taken back: none, and the step returns.
    set(&ws, ActionStatus::Done);
    assert_eq!(plan_log(&ws).len(), 1);
    set(&ws, ActionStatus::Todo);
    assert!(plan_log(&ws).is_empty());
    let h = history(&ws, &ds, as_of);
    assert_eq!(plan(&ds, &a, &p, &h)[i].kind, step.kind);
}

#[test]
fn many_steps_change_status_together_or_not_at_all_and_come_back_on_undo() {
    use crate::ops::{plan_rows, set_action_statuses, StatusChange};
    let ws = crate::workspace::test_demo(300);
    let today = d("2026-11-01");
    let rows = plan_rows(&ws, Some(today), today).unwrap();
    let picked: Vec<_> = rows
        .iter()
        .filter(|r| r.action.status != ActionStatus::Control)
        .take(5)
        .collect();
    let change = |status| -> Vec<StatusChange> {
        picked
            .iter()
            .map(|r| StatusChange {
                customer_key: r.customer_key.clone(),
                kind: r.action.kind,
                due_on: r.action.due_on.clone(),
                status,
            })
            .collect()
    };
    let contacts = |ws: &crate::Workspace| -> usize {
        picked
            .iter()
            .map(|r| {
                ws.with_conn(|c| crate::store::contacts::of_customer(c, &r.customer_key))
                    .unwrap()
                    .len()
            })
            .sum()
    };
    let before = contacts(&ws);
    let now = "2026-11-01T10:00:00";

    // One unknown customer among them: nothing is written.
    let mut bad = change(ActionStatus::Done);
    bad[3].customer_key = "nobody@example.invalid".into();
    assert!(set_action_statuses(&ws, &bad, Some(today), today, now).is_err());
    assert_eq!(contacts(&ws), before);
    let mut bad_day = change(ActionStatus::Done);
    bad_day[4].due_on = "2026-13-01".into();
    assert!(set_action_statuses(&ws, &bad_day, Some(today), today, now).is_err());
    assert_eq!(contacts(&ws), before);

    // All five done: five contacts logged, and each customer moves on to another step.
    assert_eq!(
        set_action_statuses(&ws, &change(ActionStatus::Done), Some(today), today, now).unwrap(),
        5
    );
    assert_eq!(contacts(&ws), before + 5);
    // Each picked customer's step (kind and due date) in the plan as it is now.
    let steps_now = |ws: &crate::Workspace| -> Vec<(ActionKind, String)> {
        let rows = plan_rows(ws, Some(today), today).unwrap();
        picked
            .iter()
            .map(|r| {
                let x = rows
                    .iter()
                    .find(|x| x.customer_key == r.customer_key)
                    .unwrap();
                (x.action.kind, x.action.due_on.clone())
            })
            .collect()
    };
    let steps_before: Vec<_> = picked
        .iter()
        .map(|r| (r.action.kind, r.action.due_on.clone()))
        .collect();
    for (now, was) in steps_now(&ws).iter().zip(&steps_before) {
        assert_ne!(now, was, "a customer still has the step that was done");
    }

    // Undo: back to todo, the contacts go and the same steps return.
    set_action_statuses(&ws, &change(ActionStatus::Todo), Some(today), today, now).unwrap();
    assert_eq!(contacts(&ws), before);
    assert_eq!(steps_now(&ws), steps_before);
}

#[test]
fn held_out_customers_are_shown_as_control_take_no_status_and_become_the_control_group() {
    use crate::ops::{effect, plan_rows, set_action_statuses, StatusChange};
    let ws = crate::workspace::test_demo(2000);
    let today = d("2026-11-01");
    let now = "2026-11-01T10:00:00";
    let rows = plan_rows(&ws, Some(today), today).unwrap();
    let exempt = |k: ActionKind| {
        matches!(
            k,
            ActionKind::RecoveryContact | ActionKind::PersonalReply | ActionKind::Watch
        )
    };
    let held = |rows: &[crate::ops::PlanRow]| -> Vec<(String, ActionKind)> {
        rows.iter()
            .filter(|r| r.action.status == ActionStatus::Control)
            .map(|r| (r.customer_key.clone(), r.action.kind))
            .collect()
    };
    let held_now = held(&rows);
    let eligible = rows.iter().filter(|r| !exempt(r.action.kind)).count();
    // About the default 10 % of the steps that can be held out; never a complaint's answer.
    let share = held_now.len() as f64 / eligible as f64;
    assert!(eligible > 1000, "{eligible}");
    assert!((0.07..0.13).contains(&share), "{share}");
    assert!(held_now.iter().all(|(_, k)| !exempt(*k)));
    // The draw is the workspace's: another workspace with the same record
    // and data holds out the very same customers.
    let again = crate::workspace::test_demo(2000);
    assert_eq!(
        held(&plan_rows(&again, Some(today), today).unwrap()),
        held_now
    );
    // …and a workspace with another seed holds out others.
    again
        .with_tx(|tx| crate::store::settings::put_holdout_seed(tx, 99))
        .unwrap();
    assert_ne!(
        held(&plan_rows(&again, Some(today), today).unwrap()),
        held_now
    );

    // A held-out step takes no status.
    let (key, kind) = held_now[0].clone();
    let row = rows
        .iter()
        .find(|r| r.customer_key == key && r.action.kind == kind)
        .unwrap();
    let refused = set_action_statuses(
        &ws,
        &[StatusChange {
            customer_key: key.clone(),
            kind,
            due_on: row.action.due_on.clone(),
            status: ActionStatus::Done,
        }],
        Some(today),
        today,
        now,
    );
    assert!(refused.is_err());

    // The shop carries out that kind of step for three customers: the kind's
    // held-out customers become its control group, once however often.
    let of_kind = held_now.iter().filter(|(_, k)| *k == kind).count();
    let done: Vec<StatusChange> = rows
        .iter()
        .filter(|r| r.action.kind == kind && r.action.status == ActionStatus::Todo)
        .take(3)
        .map(|r| StatusChange {
            customer_key: r.customer_key.clone(),
            kind,
            due_on: r.action.due_on.clone(),
            status: ActionStatus::Done,
        })
        .collect();
    assert_eq!(done.len(), 3);
    set_action_statuses(&ws, &done[..2], Some(today), today, now).unwrap();
    set_action_statuses(&ws, &done[2..], Some(today), today, now).unwrap();
    let report = effect::effect(&ws, Some(today), today, 60).unwrap();
    let name = format!("plan:{}", kind.id());
    let c = report
        .campaigns
        .iter()
        .find(|c| c.campaign == name)
        .expect("the plan step is measured");
    assert_eq!(c.method, crate::analytics::effect::Method::Randomised);
    assert_eq!(c.control, of_kind as u64);
    assert!(c.treated >= 3);
    // The held-out customers are still not contacted: the plan keeps them as 対照.
    let after = plan_rows(&ws, Some(today), today).unwrap();
    for (key, kind) in held_now.iter().filter(|(_, k)| *k == kind) {
        let r = after.iter().find(|r| &r.customer_key == key).unwrap();
        assert_eq!(
            (r.action.kind, r.action.status),
            (*kind, ActionStatus::Control)
        );
    }
}

/// The contact history of a workspace at a date, as the plan reads it.
fn history(ws: &crate::Workspace, ds: &Dataset, as_of: crate::day::Day) -> ContactHistory {
    ws.with_conn(|c| {
        Ok(ContactHistory::from_rows(
            ds,
            as_of,
            &crate::store::contacts::all(c)?,
            &crate::store::contacts::statuses(c)?,
        ))
    })
    .unwrap()
}
