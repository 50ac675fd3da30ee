use super::*;
use crate::analytics::StageReason;

#[test]
fn every_id_is_in_the_table_once_with_both_languages() {
    let mut seen = std::collections::HashSet::new();
    for (id, ja, en) in TABLE {
        assert!(seen.insert(*id), "{id} twice");
        assert!(!ja.is_empty() && !en.is_empty(), "{id}");
    }
    for s in Stage::ALL {
        assert!(!stage(s, Lang::Ja).is_empty() && !stage(s, Lang::En).is_empty());
    }
    for s in Segment::ALL {
        assert!(!segment(s, Lang::En).is_empty());
    }
    for t in Temperature::ALL {
        assert!(!temperature(t, Lang::Ja).is_empty());
    }
}

#[test]
fn templates_take_numbers_amounts_data_texts_and_nested_reasons() {
    let reason = StageReason::AboveTrial {
        purchases_above_trial: 2,
        threshold: 2000.0,
    };
    assert_eq!(
        sentence(Lang::Ja, "stage_reason", "rule", &reason),
        "お試し価格(¥2,000)を超える購入が2回あります"
    );
    assert_eq!(
        sentence(Lang::En, "stage_reason", "rule", &reason),
        "2 purchase(s) above the trial price (¥2,000)"
    );
    let params = serde_json::json!({
        "age_days": 12,
        "milestone": {"ja": "居場所", "en": "Place"},
        "action": {"ja": "ようこそ", "en": "Welcome"},
        "stage_reason": {"rule": "repeat_purchases", "purchases": 3},
        "points": 100.4,
    });
    assert_eq!(
        fill(Lang::Ja, "{age_days}日目({milestone})。{action}", &params),
        "12日目(居場所)。ようこそ"
    );
    assert_eq!(
        fill(
            Lang::En,
            "{stage_reason|stage_reason}: {points|int}",
            &params
        ),
        "3 purchases: 100"
    );
    assert_eq!(fill(Lang::Ja, "{missing}と{", &params), "と{");
}

#[test]
fn the_ui_words_the_same_sentences() {
    // ui/src/i18n/words.test.ts expects these very strings.
    use crate::plan::actions::ActionReason;
    let thanks = ActionReason::Thanks {
        purchases: 2,
        amount: 5400.0,
    };
    assert_eq!(thanks.text(Lang::Ja), "2回のご購入(累計¥5,400)へのお礼");
    let involvement = ActionReason::Involvement {
        stage_reason: StageReason::RepeatPurchases { purchases: 3 },
    };
    assert_eq!(
        involvement.text(Lang::En),
        "3 purchases: trust them with a role"
    );
    let e = crate::Error::ImportFailed {
        file: "orders.pdf".into(),
        problem: crate::error::ImportProblem::UnknownType,
        reason: String::new(),
    };
    assert_eq!(
        fill(
            Lang::Ja,
            text(Lang::Ja, &format!("error.{}", e.code())),
            &serde_json::json!({"file": e.file()})
        ),
        "「orders.pdf」は取り込めない種類のファイルです。Excel(.xlsx .xls)・.ods・CSV・TSV で保存し直してください。"
    );
}

#[test]
fn every_import_field_has_a_label_under_the_id_the_ui_receives() {
    use crate::import::ImportKind;
    for kind in [
        ImportKind::Orders,
        ImportKind::Customers,
        ImportKind::Events,
        ImportKind::Nps,
        ImportKind::Contacts,
    ] {
        for f in kind.fields() {
            // The UI looks the label up by the serialised name; --map takes id().
            let serialised = serde_json::to_value(f).unwrap();
            let serialised = serialised.as_str().unwrap();
            for lang in [Lang::Ja, Lang::En] {
                for id in [serialised, f.id()] {
                    assert!(
                        !label(lang, "field", id).is_empty(),
                        "{f:?} has no label as {id}"
                    );
                }
            }
        }
    }
}
