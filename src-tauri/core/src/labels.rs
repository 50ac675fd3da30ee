//! The words of the domain, one table per language: the labels of every id
//! (stages, segments, temperatures, quadrants, badges, campaign types,
//! statuses, plan actions and channels, comment categories, import fields),
//! the sentences that explain a figure (stage reasons, plan reasons), the
//! error messages the app shows, and the charts' captions.
//!
//! The core returns ids and numbers; words are chosen at the edge. The
//! workbook, the charts and the CLI read this table; the UI reads the same
//! table, generated into `ui/src/i18n/domain.ts` (a test fails when that file
//! is stale), so a label is written once and both sides say the same thing.
//!
//! A sentence is a template: `{name}` takes a field of the value it explains
//! (a number, a text, or a `{ja, en}` text from data the shop edits),
//! `{name|yen}` formats an amount as ¥12,800, `{name|int}` rounds a number,
//! and `{name|stage_reason}` puts in the sentence of a nested stage reason.
//! `ui/src/i18n/words.ts` implements the same rules.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use crate::format::yen;
use crate::model::{Lang, Segment, Stage, Temperature};

/// `(id, 日本語, English)`, grouped by the first part of the id.
pub const TABLE: &[(&str, &str, &str)] = &[
    // 惚れ通 stages (domain.md §4).
    ("stage.observer", "観測", "Observer"),
    ("stage.landing", "着地", "Landing"),
    ("stage.empathy", "共感", "Empathy"),
    ("stage.involvement", "関与", "Involvement"),
    ("stage.circulation", "循環", "Circulation"),
    // RFM segments (domain.md §2).
    ("segment.champions", "優良顧客", "Champions"),
    ("segment.loyal", "ロイヤル", "Loyal"),
    ("segment.potential_loyalist", "育成候補", "Potential loyalists"),
    ("segment.new", "新規", "New"),
    ("segment.promising", "有望", "Promising"),
    ("segment.need_attention", "要注意", "Need attention"),
    ("segment.about_to_sleep", "休眠予備", "About to sleep"),
    ("segment.at_risk", "離反危険", "At risk"),
    ("segment.cant_lose_them", "失いたくない", "Can't lose them"),
    ("segment.hibernating", "休眠", "Hibernating"),
    ("segment.lost", "離脱", "Lost"),
    // 温度感.
    ("temperature.warm", "温かい", "Warm"),
    ("temperature.steady", "安定", "Steady"),
    ("temperature.cooling", "冷めかけ", "Cooling"),
    ("temperature.cold", "冷えた", "Cold"),
    ("temperature.unknown", "不明", "Unknown"),
    ("milestone.place", "居場所", "Place"),
    ("outcome.purchase", "購入", "Purchase"),
    ("outcome.revenue", "売上(1人あたり)", "Revenue per customer"),
    ("outcome.stage_up", "ステージが上がった", "Stage moved up"),
    ("outcome.referral", "紹介した", "Referred someone"),
    ("outcome.promoter", "推奨者の回答(9〜10)", "Promoter answer (9–10)"),
    ("verdict.effective", "効果あり", "Effective"),
    ("verdict.inconclusive", "差は誤差の範囲", "Within the noise"),
    ("verdict.too_early", "判定にはまだ早い", "Too early to tell"),
    ("method.randomised", "ランダムな対照群と比較", "Against a random holdout"),
    ("method.observational", "観察(似たお客さまと比較)", "Observational (matched customers)"),
    ("milestone.role", "役割", "Role"),
    ("milestone.change", "変化", "Change"),
    // Points axes and the reach × depth quadrants (domain.md §3).
    ("axis.referral", "紹介", "Referral"),
    ("axis.support", "応援", "Support"),
    ("quadrant.co_creator", "共創型ファン", "Co-creators"),
    ("quadrant.spreader", "広める人", "Spreaders"),
    ("quadrant.deep_supporter", "深く関わる人", "Deep supporters"),
    ("quadrant.quiet", "静かなお客さま", "Quiet customers"),
    // Badges.
    ("badge.first_referral", "初紹介", "First referral"),
    ("badge.evangelist", "伝道師", "Evangelist"),
    ("badge.reviewer", "レビュアー", "Reviewer"),
    ("badge.regular", "常連参加", "Regular"),
    ("badge.settled_90", "90日完走", "Settled 90 days"),
    ("badge.co_creator", "共創型ファン", "Co-creator"),
    // Campaign types (the campaign check).
    ("campaign.discount", "割引・クーポン", "Discount or coupon"),
    ("campaign.upsell", "アップセル", "Upsell"),
    ("campaign.subscription_vip_invite", "定期便・VIPのご案内", "Subscription or VIP invite"),
    ("campaign.mass_newsletter", "一斉メルマガ", "Mass newsletter"),
    ("campaign.long_mail_series", "長文ステップメール", "Long mail series"),
    ("campaign.review_request", "レビューのお願い", "Review request"),
    ("campaign.referral_ask", "紹介のお願い", "Referral ask"),
    ("campaign.event_invite", "イベントへの招待", "Event invite"),
    ("campaign.thank_you_note", "お礼状", "Thank-you note"),
    ("campaign.personal_message", "個別のメッセージ", "Personal message"),
    ("campaign.feature_push", "機能・実績・権威の訴求", "Features, track record or authority"),
    ("campaign.score_ranking", "会員ランク・点数での評価", "Member ranks or scores"),
    ("campaign.stacked_asks", "お願いを重ねる(レビュー・紹介・アンケートを続けて)", "Stacked asks (review, referral and survey in a row)"),
    // Statuses of planned actions.
    ("status.todo", "未対応", "To do"),
    ("status.done", "済", "Done"),
    ("status.skipped", "見送り", "Skipped"),
    ("status.control", "対照(送らない)", "Control (not sent)"),
    // Plan actions and their channels.
    ("action.recovery_contact", "個別のリカバリー連絡", "Personal recovery contact"),
    ("action.onboarding_place", "居場所をつくる(ようこそのメッセージ)", "Make a place (welcome message)"),
    ("action.onboarding_role", "小さな役割をお願いする", "Offer a small role"),
    ("action.onboarding_change", "変化を言葉にしてもらう", "Help them put the change into words"),
    ("action.referral_testimonial_ask", "ご紹介とお客様の声のお願い", "Ask for a referral and a testimonial"),
    ("action.missing_ask", "何が足りないかを伺う", "Ask what is missing"),
    ("action.reconnect", "近況を伺う個別のメッセージ", "A personal note asking how they are"),
    ("action.brand_story", "ブランドストーリーとよくある質問を届ける", "Send the brand story and FAQ"),
    ("action.delivery_follow_up", "お届け後のフォロー(使い方ガイド)", "Delivery follow-up (how-to-use guide)"),
    ("action.thank_you_note", "お礼状", "Thank-you note"),
    ("action.personal_reply", "個別のお返事", "A personal reply"),
    ("action.co_creation_invite", "共創への招待(座談会・モニター)", "Invite to co-create (roundtable, product trial)"),
    ("action.gratitude", "感謝を言葉で伝える", "Put gratitude into words"),
    ("action.watch", "見守る(今は連絡しない)", "Watch and wait (no contact now)"),
    ("action.referral_ask", "「大切な一人」を選んでもらう(運営から直接)", "Ask in person: \"choose the one person who matters\""),
    ("action.testimonial_invite", "変化をお客様の声として言葉にしてもらう", "Invite them to put their change into words (testimonial)"),
    ("action.roundtable_invite", "語れる場(座談会)へのご招待", "Invite them to a place to talk (roundtable)"),
    ("action.guardian", "後見人として: ご紹介のお礼と、新しいお客さまのご様子", "As guardian: thanks for the referral, and how the newcomer is doing"),
    // The kinds of step (`horetsu plan`'s kind).
    ("step.recovery", "リカバリー", "Recovery"),
    ("step.onboarding", "オンボーディング", "Onboarding"),
    ("step.referral_ask", "紹介のお願い", "Referral ask"),
    ("step.testimonial_invite", "お客様の声", "Testimonial"),
    ("step.roundtable_invite", "座談会", "Roundtable"),
    ("step.guardian", "後見人", "Guardian"),
    ("step.thanks", "感謝", "Thanks"),
    ("step.question", "伺う", "Question"),
    ("step.reconnect", "近況伺い", "Reconnect"),
    ("step.welcome", "安心づくり", "Welcome"),
    ("step.follow_up", "お届け後フォロー", "Follow-up"),
    ("step.personal_reply", "個別のお返事", "Personal reply"),
    ("step.co_creation", "共創", "Co-creation"),
    ("step.watch", "見守り", "Watch"),
    ("channel.phone_or_mail", "電話または個別メール", "Phone or personal e-mail"),
    ("channel.insert_or_mail", "同梱物・個別メール", "Package insert, personal e-mail"),
    ("channel.letter", "手書きの手紙", "Handwritten letter"),
    ("channel.mail_or_line", "個別メール・LINE", "Personal e-mail or LINE"),
    ("channel.none", "—", "—"),
    // Why a customer is in their stage.
    ("stage_reason.referred_buyers", "紹介した{referred_buyers}人が購入し、{days_since_activity}日前にも活動しています", "Referred {referred_buyers} customer(s) who bought; last active {days_since_activity} days ago"),
    ("stage_reason.promoter_who_posts", "最新のNPSが{latest_nps}点で、レビュー・SNS投稿が{posts}件あり、{days_since_activity}日前にも活動しています", "Latest NPS {latest_nps} with {posts} review/SNS post(s); last active {days_since_activity} days ago"),
    ("stage_reason.participation", "直近{window_days}日にイベント・座談会・アンケートへ{participations}回参加しています", "Took part {participations} times (events, roundtables, surveys) in the last {window_days} days"),
    ("stage_reason.support_points", "直近{window_days}日の応援ポイントが{support_points|int}ptです", "{support_points|int} support points in the last {window_days} days"),
    ("stage_reason.two_way", "レビュー・アンケート・LINE・NPS回答など双方向のやりとりが{interactions}件あります", "{interactions} two-way interaction(s): reviews, surveys, LINE, NPS answers"),
    ("stage_reason.repeat_purchases", "{purchases}回購入しています", "{purchases} purchases"),
    ("stage_reason.above_trial", "お試し価格({threshold|yen})を超える購入が{purchases_above_trial}回あります", "{purchases_above_trial} purchase(s) above the trial price ({threshold|yen})"),
    ("stage_reason.trial_only", "購入はお試し価格({threshold|yen})以下の{purchases}回のみです", "Only {purchases} trial purchase(s) at or below {threshold|yen}"),
    ("stage_reason.registered_only", "会員登録のみで、まだ購入がありません", "Registered, no purchase yet"),
    ("stage_hold.inactive_circulation", "循環の条件を満たしますが、最後の活動が{days_since_activity}日前です({limit_days}日以内が条件)", "Meets the circulation signals but was last active {days_since_activity} days ago (limit {limit_days})"),
    // Why the plan proposes a step.
    ("action_reason.detractor", "{on}のNPSで{score}点。理由を個別に伺う", "NPS {score} on {on}: ask personally what went wrong"),
    ("action_reason.onboarding", "初回購入から{age_days}日目、次は{milestone}。{action}", "Day {age_days} after the first purchase; next: {milestone}. {action}"),
    ("action_reason.promoter", "{on}のNPSで{score}点の推奨者。{ask}", "Promoter (NPS {score} on {on}): {ask}"),
    ("action_reason.passive", "{on}のNPSで{score}点の中立者。{ask}", "Passive (NPS {score} on {on}): {ask}"),
    ("action_reason.cold", "前回の購入から{days}日。割引ではなく、近況を伺う", "{days} days since the last purchase: ask how they are, no discount"),
    ("action_reason.registered_only", "会員登録のみ。売り込まず、安心してもらう段階", "Registered only: reassure, don't sell"),
    ("action_reason.trial_only", "お試し購入のみ({purchases}回)。売り込まず、安心してもらう段階", "Trial purchases only ({purchases}): reassure, don't sell"),
    ("action_reason.delivery_follow_up", "{on}のご注文から{days}日。届いた商品の様子を伺い、使い方をお届けする", "Ordered on {on} ({days} days ago): ask how it arrived, share how to use it"),
    ("action_reason.thanks", "{purchases}回のご購入(累計{amount|yen})へのお礼", "Thanks for {purchases} purchase(s) ({amount|yen} in all)"),
    ("action_reason.review_reply", "{on}のレビューに、自分の言葉でお返事する", "Reply in your own words to the review of {on}"),
    ("action_reason.connection", "{stage_reason|stage_reason}", "{stage_reason|stage_reason}"),
    ("action_reason.involvement", "{stage_reason|stage_reason}。信頼して役割をお願いする", "{stage_reason|stage_reason}: trust them with a role"),
    ("action_reason.guardian", "紹介した{referred_buyers}人が購入。感謝を言葉にし、新しいお客さまの後見人になってもらう", "{referred_buyers} referred customer(s) bought: say thank you, and make them guardians of the newcomers"),
    ("action_reason.circulation", "{stage_reason|stage_reason}。感謝を言葉にし、余白を残す", "{stage_reason|stage_reason}: put gratitude into words, leave room"),
    ("action_reason.referred_onboarding", "ご紹介で来られた新しいお客さま。初回購入から{age_days}日目、次は{milestone}。紹介者の名前を添えて: {action}", "A referred newcomer, day {age_days} after the first purchase; next: {milestone}. {action} (mention who referred them)"),
    ("action_reason.newcomer_joined", "ご紹介の方が{age_days}日前に初めてご購入(90日以内の新しいお客さま{newcomers}人)。お礼と、その方のご様子をひとこと。お願いではなく", "Someone they referred made a first purchase {age_days} days ago ({newcomers} newcomer(s) in their first 90 days): thanks, and a word on how the newcomer is doing. Never a duty"),
    ("action_reason.newcomer_joined_later", "ご紹介の方が{age_days}日前に初めてご購入(新しいお客さま{newcomers}人)。{asked_on}にお願いをしたばかりなので、お願いの間隔が空いてから", "Someone they referred made a first purchase {age_days} days ago ({newcomers} newcomer(s)). Asked on {asked_on}: held until the ask cool-down has passed"),
    ("action_reason.core_member", "初期: 熱量{heat|int}のコアメンバー(今月{rank}人目/上限{cap}人)。運営から直接、この未来を左右する大切な一人を選んでほしいと語りかける", "Initial phase: a core member with heat {heat|int} (ask {rank} of at most {cap} this month). The owner asks in person: choose the one person who matters for our future"),
    ("action_reason.promoter_voice", "{on}のNPSで{score}点の推奨者。使ってみて何が変わったかを、お客様の声として言葉にしてもらう", "Promoter (NPS {score} on {on}): invite them to put what changed into words as a testimonial"),
    ("action_reason.member_voice", "初回購入から{days}日。紹介は頼まず(中期)、ここで得た変化をお客様の声として言葉にしてもらう", "{days} days since the first purchase. No referral ask (mid phase): invite them to put their change into words"),
    ("action_reason.voice_given", "{on}にお客様の声をいただいた。次は語れる場(座談会)へ", "Gave a testimonial on {on}: next, a place to talk (roundtable)"),
    ("action_reason.contacted", "{on}に連絡済み。負荷をかけずに見守る", "Contacted on {on}: give them room"),
    ("action_reason.no_contact", "今は連絡せず見守る", "No contact now"),
    // A customer's timeline.
    ("timeline.order", "注文", "Order"),
    ("timeline.return", "返品", "Return"),
    ("timeline.event", "アクション", "Action"),
    ("timeline.nps", "NPS回答", "NPS answer"),
    ("timeline.contact", "連絡", "Contact"),
    // What NPS comments speak of.
    ("comment_category.quality", "品質・味", "Quality and taste"),
    ("comment_category.delivery", "配送", "Delivery"),
    ("comment_category.packaging", "梱包", "Packaging"),
    ("comment_category.price", "価格", "Price"),
    ("comment_category.service", "接客・対応", "Service"),
    ("comment_category.subscription", "定期便・手続き", "Subscription and procedures"),
    ("comment_category.communication", "メール・お知らせ", "Mail and news"),
    ("comment_category.recommendation", "紹介・贈り物", "Recommendation and gifts"),
    ("comment_category.experience", "イベント・体験", "Events and experiences"),
    ("comment_category.other", "その他", "Other"),
    // Import fields.
    ("field.order_no", "注文番号", "Order number"),
    ("field.order_date", "注文日", "Order date"),
    ("field.order_time", "注文時間", "Order time"),
    ("field.customer_key", "顧客ID", "Customer key"),
    ("field.name", "氏名", "Name"),
    ("field.family_name", "姓", "Family name"),
    ("field.given_name", "名", "Given name"),
    ("field.email", "メールアドレス", "E-mail"),
    ("field.phone", "電話番号", "Phone"),
    ("field.amount", "金額(明細)", "Line amount"),
    ("field.total", "合計金額(注文)", "Order total"),
    ("field.quantity", "数量", "Quantity"),
    ("field.unit_price", "単価", "Unit price"),
    ("field.shipping", "送料", "Shipping"),
    ("field.refunded", "返金額", "Refunded amount"),
    ("field.product", "商品名", "Product"),
    ("field.sku", "商品コード", "SKU"),
    ("field.status", "ステータス", "Status"),
    ("field.cancelled_at", "キャンセル日", "Cancelled at"),
    ("field.channel", "販売経路", "Channel"),
    ("field.coupon", "クーポン", "Coupon"),
    ("field.referral_code", "紹介コード", "Referral code"),
    ("field.registered_on", "登録日", "Registered on"),
    ("field.referred_by", "紹介者", "Referred by"),
    ("field.date", "日付", "Date"),
    ("field.kind", "種別", "Kind"),
    // The same field as the UI receives it (serialised `event_kind`; `--map` takes `kind`).
    ("field.event_kind", "種別", "Kind"),
    ("field.note", "メモ", "Note"),
    ("field.brand_tag", "ブランドタグ", "Brand tag"),
    ("field.has_image", "画像", "Image"),
    ("field.points", "ポイント", "Points"),
    ("field.score", "スコア", "Score"),
    ("field.comment", "コメント", "Comment"),
    ("field.response_id", "回答ID", "Response id"),
    ("field.campaign", "施策", "Campaign"),
    ("field.group", "区分(送付/対照)", "Group (treated/control)"),
    ("field.consent", "メルマガ希望(配信可否)", "Marketing consent"),
    ("field.postal_code", "郵便番号", "Postal code"),
    ("field.postal_code2", "郵便番号(下4桁)", "Postal code (last 4 digits)"),
    ("field.prefecture", "都道府県", "Prefecture"),
    ("field.city", "市区町村", "City"),
    ("field.street", "番地", "Street (address line 1)"),
    ("field.building", "建物", "Building (address line 2)"),
    // Errors, by `ErrorCode`: what happened and what to do next.
    ("error.workspace_open", "ワークスペース「{file}」を開けませんでした。ファイルの場所と名前を確かめてください。", "The workspace {file} could not be opened. Check where it is and its name."),
    ("error.workspace_exists", "「{file}」はすでにあります。別の名前を選んでください。", "{file} already exists. Choose another name."),
    ("error.not_a_workspace", "「{file}」は惚れ通のワークスペースではありません。.horetsu のファイルを選んでください。", "{file} is not a Horetsu workspace. Choose a .horetsu file."),
    ("error.workspace_too_new", "「{file}」は新しい版の惚れ通で作られています。惚れ通を更新してから開いてください。", "{file} was made by a newer Horetsu. Update Horetsu to open it."),
    ("error.workspace_damaged", "ワークスペース「{file}」は壊れています。バックアップを開くか、送ってくれた人に新しいコピーを頼んでください。", "The workspace {file} is damaged. Open a backup, or ask whoever sent it for a new copy."),
    ("error.workspace_untrusted", "ワークスペース「{file}」には、惚れ通が作らない仕掛け(トリガーやビュー)が入っているため、開きませんでした。誰かが手を加えたファイルかもしれません。送ってくれた人に新しいコピーを頼んでください。", "The workspace {file} contains code Horetsu never creates (triggers or views), so it was not opened. Someone may have changed the file. Ask whoever sent it for a new copy."),
    ("error.workspace_locked", "このワークスペースには、別のウィンドウか取り込みが書き込み中です。終わってから、もう一度お試しください。", "Another window or import is writing to this workspace. Try again when it is done."),
    ("error.file_read", "「{file}」を読めませんでした。ファイルがあるか、ほかのアプリで開いたままでないかを確かめてください。", "{file} could not be read. Check that it exists and is not open in another app."),
    ("error.file_write", "「{file}」に書き込めませんでした。保存先のフォルダと空き容量を確かめてください。", "{file} could not be written. Check the folder and the free space."),
    ("error.file_exists", "「{file}」はすでにあります。置き換えてよいときは保存の画面で「置き換える」を選んでください。", "{file} already exists. To replace it, confirm it in the save dialog."),
    ("error.would_replace_workspace", "「{file}」はワークスペースです。書き出しやコピーでワークスペースを上書きすることはできません。別の名前を選んでください。", "{file} is a workspace. An export or a copy never replaces a workspace. Choose another name."),
    ("error.would_replace_other", "「{file}」は書き出す内容とは別の種類のファイル(またはフォルダ)です。上書きせずに残しました。別の名前を選んでください。", "{file} is a different kind of file (or a folder) from what is being written. It was left as it is. Choose another name."),
    ("error.read_only", "「{file}」には書き込めません(読み取り専用か、フォルダへの書き込みが許可されていません)。別の保存先を選んでください。", "{file} cannot be written (it or its folder is read-only). Choose another place."),
    ("error.disk_full", "ディスクがいっぱいで「{file}」を書き込めませんでした。空き容量を作ってから、もう一度お試しください。", "The disk is full, so {file} could not be written. Free some space and try again."),
    ("error.invalid_input", "入力の内容を確かめてください。", "Please check what was entered."),
    ("error.import_failed", "「{file}」から取り込めませんでした。", "Nothing could be imported from {file}."),
    ("error.import_encrypted", "「{file}」はパスワードで保護されています。Excelでパスワードを外して保存し直してから、取り込んでください。", "{file} is password-protected. Remove the password in Excel, save it again, then import it."),
    ("error.import_unknown_type", "「{file}」は取り込めない種類のファイルです。Excel(.xlsx .xls)・.ods・CSV・TSV で保存し直してください。", "{file} is not a kind of file Horetsu can import. Save it as Excel (.xlsx, .xls), .ods, CSV or TSV."),
    ("error.import_no_extension", "「{file}」には拡張子がありません。.xlsx や .csv など、ファイルの種類がわかる名前にしてください。", "{file} has no extension. Name it .xlsx, .csv or the like."),
    ("error.import_not_a_workbook", "「{file}」はブックとして読めません。壊れているか、別の種類のファイルの名前を変えたものかもしれません。", "{file} cannot be read as a workbook. It may be damaged, or another kind of file renamed."),
    ("error.import_damaged", "「{file}」は壊れているか、途中までしかありません。もう一度ダウンロードしてから取り込んでください。", "{file} is damaged or incomplete. Download it again, then import it."),
    ("error.import_empty", "「{file}」のシートは空です。", "The sheet of {file} is empty."),
    ("error.import_no_header", "「{file}」に見出しの行が見つかりません。注文番号・注文日・金額などの見出しがある表を選んでください。", "No header row was found in {file}. Choose a table with headers such as order number, order date and amount."),
    ("error.import_missing_columns", "「{file}」に必要な列が見つかりません。取り込み画面で、どの列かを選んでください。", "{file} lacks a column the import needs. Choose the column on the Import screen."),
    ("error.import_no_sheet", "「{file}」に取り込めるシートがありません。", "{file} has no sheet to import."),
    ("error.import_no_rows", "「{file}」には見出しだけで、データの行がありません。", "{file} has a header row but no data rows."),
    ("error.import_too_large", "「{file}」は展開すると大きすぎるため(ZIP爆弾の疑い)、読み込みませんでした。元のアプリで保存し直したファイルか、CSVで書き出したものを取り込んでください。", "{file} would be too large once unpacked (it looks like a zip bomb), so it was not read. Import a copy saved again by the app it came from, or a CSV export."),
    ("error.cancelled", "取り消しました。ワークスペースは元のままです。", "Cancelled; the workspace was left unchanged."),
    ("error.no_data", "表示するデータがありません。", "There is nothing to show."),
    ("error.database", "ワークスペースの読み書きに失敗しました。もう一度お試しください。", "The workspace could not be read or written. Please try again."),
    ("error.xlsx", "Excelファイルを書き出せませんでした。", "The Excel file could not be written."),
    ("error.chart", "グラフを描けませんでした。", "The chart could not be drawn."),
    ("error.internal", "予期しないエラーが起きました。", "Something unexpected went wrong."),
    // Chart captions.
    ("chart.nps_trend", "NPSの推移(帯は95%の誤差幅)", "NPS over time (band: 95 % margin)"),
    ("chart.referral_trend", "紹介率の推移(点線は目標)", "Referral rate (dotted: target)"),
    ("chart.active_trend", "アクティブ率の推移(月末時点、点線は目標)", "Active rate at each month end (dotted: target)"),
    ("chart.effect_uplift", "差(送付 − 対照)と95%区間", "Uplift (treated − control) and its 95% interval"),
    ("chart.f2_cohorts", "F2転換率(初回購入月ごと、点線は全体)", "F2 conversion by first-purchase month (dotted: overall)"),
    ("chart.rfm_heatmap", "R × F ヒートマップ(人数)", "R × F heatmap (customers)"),
    ("chart.stage_trend", "ステージ別の顧客数(月末)", "Customers per stage (month ends)"),
    ("chart.quadrant", "紹介(広がり)× 応援(深さ)", "Reach (referral) × depth (support)"),
    ("chart.referral_points", "紹介ポイント", "Referral points"),
    ("chart.support_points", "応援ポイント", "Support points"),
    ("chart.cohorts", "コホート別LTV(初回購入月ごと、30日刻み)", "Cohort LTV (by first-purchase month, 30-day steps)"),
    ("chart.days_since_first", "初回購入からの日数", "Days since the first purchase"),
    ("chart.nps_distribution", "スコアの分布(0〜10)", "Distribution of scores (0–10)"),
    ("chart.rfm_r_axis", "R = 最近の購入 (5 が最近)", "R = recency (5 = most recent)"),
    ("chart.rfm_f_axis", "F = 購入回数 (5 が多い)", "F = frequency (5 = most orders)"),
    ("chart.sqrt_scale", "(平方根目盛)", "(square-root scale)"),
    ("chart.first_purchase_month", "初回購入月", "First purchase"),
    ("chart.people", "{count}人 ({share}%)", "{count} ({share}%)"),
];

fn index() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static INDEX: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    INDEX.get_or_init(|| TABLE.iter().map(|(id, ja, en)| (*id, (*ja, *en))).collect())
}

/// The words of an id in a language; the id itself when the table lacks it.
pub fn text(lang: Lang, id: &str) -> &str {
    match index().get(id) {
        Some((ja, en)) => match lang {
            Lang::Ja => ja,
            Lang::En => en,
        },
        None => id,
    }
}

/// A stage's name.
pub fn stage(s: Stage, lang: Lang) -> &'static str {
    label(lang, "stage", s.id())
}

/// A segment's name.
pub fn segment(s: Segment, lang: Lang) -> &'static str {
    label(lang, "segment", s.id())
}

/// A temperature's name.
pub fn temperature(t: Temperature, lang: Lang) -> &'static str {
    label(lang, "temperature", t.id())
}

/// The label of `group.id` from the table (empty when it lacks it).
pub fn label(lang: Lang, group: &str, id: &str) -> &'static str {
    let key = format!("{group}.{id}");
    match index().get(key.as_str()) {
        Some((ja, en)) => match lang {
            Lang::Ja => ja,
            Lang::En => en,
        },
        None => "",
    }
}

/// The sentence for a value serialised with a tag: the template
/// `{group}.{tag}` filled from the value's fields.
pub fn sentence(lang: Lang, group: &str, tag_field: &str, value: &impl Serialize) -> String {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    sentence_of(lang, group, tag_field, &value)
}

fn sentence_of(lang: Lang, group: &str, tag_field: &str, value: &Value) -> String {
    let tag = value.get(tag_field).and_then(Value::as_str).unwrap_or("");
    fill(lang, text(lang, &format!("{group}.{tag}")), value)
}

/// Fills a template's `{name}`, `{name|yen}`, `{name|int}` and
/// `{name|stage_reason}` from the fields of `params`.
pub fn fill(lang: Lang, template: &str, params: &Value) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &rest[open + 1..open + close];
        let (name, filter) = inner.split_once('|').unwrap_or((inner, ""));
        let v = params.get(name).unwrap_or(&Value::Null);
        out.push_str(&format_param(lang, v, filter));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn format_param(lang: Lang, v: &Value, filter: &str) -> String {
    match filter {
        "yen" => yen(v.as_f64().unwrap_or(0.0)),
        "int" => format!("{:.0}", v.as_f64().unwrap_or(0.0)),
        "stage_reason" => sentence_of(lang, "stage_reason", "rule", v),
        _ => match v {
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => i.to_string(),
                (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
                (None, Some(f)) => f.to_string(),
                _ => n.to_string(),
            },
            Value::String(s) => s.clone(),
            Value::Object(o) => o
                .get(lang.code())
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            Value::Null => String::new(),
            other => other.to_string(),
        },
    }
}

/// The table as TypeScript (`ui/src/i18n/domain.ts`).
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from src-tauri/core/src/labels.rs (the one label table). Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p horetsu-core bindings\n\n\
         export const DOMAIN_LABELS: Readonly<Record<string, readonly [string, string]>> = {\n",
    );
    for (id, ja, en) in TABLE {
        out.push_str(&format!(
            "  {}: [{}, {}],\n",
            serde_json::to_string(id).unwrap_or_default(),
            serde_json::to_string(ja).unwrap_or_default(),
            serde_json::to_string(en).unwrap_or_default()
        ));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
#[path = "labels_tests.rs"]
mod tests;
