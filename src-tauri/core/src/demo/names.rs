//! Word lists for the demo shop: Japanese names (with a romanisation for the
//! invented e-mail addresses), products and survey comments.

/// Family names (kanji, romaji). 髙橋 uses a character outside JIS X 0208
/// (in CP932), which the Shift_JIS sample file must carry intact.
pub const FAMILY: &[(&str, &str)] = &[
    ("佐藤", "sato"),
    ("鈴木", "suzuki"),
    ("高橋", "takahashi"),
    ("田中", "tanaka"),
    ("伊藤", "ito"),
    ("渡辺", "watanabe"),
    ("山本", "yamamoto"),
    ("中村", "nakamura"),
    ("小林", "kobayashi"),
    ("加藤", "kato"),
    ("吉田", "yoshida"),
    ("山田", "yamada"),
    ("佐々木", "sasaki"),
    ("山口", "yamaguchi"),
    ("松本", "matsumoto"),
    ("井上", "inoue"),
    ("木村", "kimura"),
    ("林", "hayashi"),
    ("斎藤", "saito"),
    ("清水", "shimizu"),
    ("山崎", "yamazaki"),
    ("森", "mori"),
    ("池田", "ikeda"),
    ("橋本", "hashimoto"),
    ("阿部", "abe"),
    ("石川", "ishikawa"),
    ("山下", "yamashita"),
    ("中島", "nakajima"),
    ("石井", "ishii"),
    ("小川", "ogawa"),
    ("前田", "maeda"),
    ("岡田", "okada"),
    ("長谷川", "hasegawa"),
    ("藤田", "fujita"),
    ("後藤", "goto"),
    ("近藤", "kondo"),
    ("村上", "murakami"),
    ("遠藤", "endo"),
    ("青木", "aoki"),
    ("坂本", "sakamoto"),
    ("斉藤", "saito"),
    ("福田", "fukuda"),
    ("太田", "ota"),
    ("西村", "nishimura"),
    ("藤井", "fujii"),
    ("岡本", "okamoto"),
    ("松田", "matsuda"),
    ("中川", "nakagawa"),
    ("中野", "nakano"),
    ("原田", "harada"),
    ("小野", "ono"),
    ("田村", "tamura"),
    ("竹内", "takeuchi"),
    ("金子", "kaneko"),
    ("和田", "wada"),
    ("中山", "nakayama"),
    ("藤原", "fujiwara"),
    ("石田", "ishida"),
    ("上田", "ueda"),
    ("森田", "morita"),
    ("原", "hara"),
    ("柴田", "shibata"),
    ("酒井", "sakai"),
    ("工藤", "kudo"),
    ("横山", "yokoyama"),
    ("宮崎", "miyazaki"),
    ("宮本", "miyamoto"),
    ("内田", "uchida"),
    ("髙橋", "takahashi"),
    ("安藤", "ando"),
    ("谷口", "taniguchi"),
    ("大野", "ono"),
    ("丸山", "maruyama"),
    ("今井", "imai"),
    ("高田", "takada"),
    ("藤本", "fujimoto"),
    ("武田", "takeda"),
    ("村田", "murata"),
    ("上野", "ueno"),
    ("杉山", "sugiyama"),
    ("増田", "masuda"),
    ("平野", "hirano"),
    ("大塚", "otsuka"),
    ("千葉", "chiba"),
    ("久保", "kubo"),
    ("松井", "matsui"),
    ("小島", "kojima"),
    ("岩崎", "iwasaki"),
];

/// Given names (kanji or kana, romaji).
pub const GIVEN: &[(&str, &str)] = &[
    ("陽菜", "hina"),
    ("結衣", "yui"),
    ("葵", "aoi"),
    ("凛", "rin"),
    ("さくら", "sakura"),
    ("美咲", "misaki"),
    ("彩", "aya"),
    ("真由美", "mayumi"),
    ("恵子", "keiko"),
    ("由美子", "yumiko"),
    ("裕子", "yuko"),
    ("明美", "akemi"),
    ("智子", "tomoko"),
    ("久美子", "kumiko"),
    ("直美", "naomi"),
    ("陽子", "yoko"),
    ("千尋", "chihiro"),
    ("沙織", "saori"),
    ("麻衣", "mai"),
    ("愛", "ai"),
    ("花子", "hanako"),
    ("香織", "kaori"),
    ("舞", "mai"),
    ("瞳", "hitomi"),
    ("薫", "kaoru"),
    ("奈々", "nana"),
    ("優子", "yuko"),
    ("紀子", "noriko"),
    ("文子", "fumiko"),
    ("和子", "kazuko"),
    ("めぐみ", "megumi"),
    ("あかり", "akari"),
    ("ひとみ", "hitomi"),
    ("まゆ", "mayu"),
    ("ゆかり", "yukari"),
    ("大翔", "hiroto"),
    ("蓮", "ren"),
    ("悠真", "yuma"),
    ("湊", "minato"),
    ("健太", "kenta"),
    ("翔太", "shota"),
    ("拓也", "takuya"),
    ("大輔", "daisuke"),
    ("誠", "makoto"),
    ("浩", "hiroshi"),
    ("隆", "takashi"),
    ("健一", "kenichi"),
    ("修", "osamu"),
    ("勝", "masaru"),
    ("茂", "shigeru"),
    ("聡", "satoshi"),
    ("亮", "ryo"),
    ("直樹", "naoki"),
    ("和也", "kazuya"),
    ("剛", "tsuyoshi"),
    ("達也", "tatsuya"),
    ("優", "yu"),
    ("陸", "riku"),
    ("悠人", "yuto"),
    ("樹", "itsuki"),
];

/// A product of the demo shop (a tea house, ひだまり茶舗).
#[derive(Debug, Clone, Copy)]
pub struct Product {
    /// Stock code.
    pub sku: &'static str,
    /// Product name.
    pub name: &'static str,
    /// Unit price in yen (tax included).
    pub price: i64,
}

/// Trial products (at or below the ¥2,000 trial threshold).
pub const TRIAL: &[Product] = &[
    Product {
        sku: "T-001",
        name: "【お試し】煎茶ティーバッグ5包",
        price: 980,
    },
    Product {
        sku: "T-002",
        name: "【お試し】ほうじ茶ミニ缶",
        price: 1_500,
    },
];

/// Regular products.
pub const REGULAR: &[Product] = &[
    Product {
        sku: "G-101",
        name: "深蒸し煎茶「朝霧」100g",
        price: 1_620,
    },
    Product {
        sku: "G-102",
        name: "八女玉露「月華」50g",
        price: 3_240,
    },
    Product {
        sku: "G-103",
        name: "有機ほうじ茶「ひだまり」150g",
        price: 1_944,
    },
    Product {
        sku: "G-104",
        name: "宇治抹茶「白露」30g",
        price: 2_700,
    },
    Product {
        sku: "G-105",
        name: "和紅茶「べにふうき」80g",
        price: 1_836,
    },
    Product {
        sku: "G-106",
        name: "玄米茶「こうばし」200g",
        price: 1_296,
    },
    Product {
        sku: "G-107",
        name: "季節の茶箱～秋～",
        price: 5_400,
    },
    Product {
        sku: "G-108",
        name: "水出し煎茶パック①",
        price: 1_080,
    },
    Product {
        sku: "W-201",
        name: "常滑焼 急須と湯呑みのセット",
        price: 8_800,
    },
    Product {
        sku: "W-202",
        name: "贈答用 茶器ギフトセット",
        price: 12_000,
    },
];

/// The subscription product (定期便).
pub const SUBSCRIPTION: Product = Product {
    sku: "S-301",
    name: "【定期便】季節の煎茶 月1回",
    price: 3_000,
};

/// Comments of promoters (9–10).
pub const PROMOTER_COMMENTS: &[&str] = &[
    "香りが素晴らしく、毎朝の楽しみになっています。",
    "母にも贈ったらとても喜ばれました。友人にも勧めています。",
    "手書きのメッセージカードが嬉しかったです。",
    "茶葉の説明が丁寧で、淹れ方が上手になりました。",
    "座談会で作り手の方のお話を聞けて、ますますファンになりました。",
    "季節の茶箱が毎回楽しみです。",
];

/// Comments of passives (7–8).
pub const PASSIVE_COMMENTS: &[&str] = &[
    "美味しいですが、価格がもう少し手頃だと嬉しいです。",
    "配送がもう少し早いと助かります。",
    "量が多すぎるので、小さいサイズがあると良いです。",
    "満足していますが、新しい味も試してみたいです。",
];

/// Comments of detractors (0–6).
pub const DETRACTOR_COMMENTS: &[&str] = &[
    "届いた缶がへこんでいました。",
    "問い合わせの返信が遅く、不安になりました。",
    "前回と味が違う気がします。",
    "定期便の解約方法が分かりにくいです。",
    "メールが多すぎます。",
];

/// Event notes for reviews.
pub const REVIEW_NOTES: &[&str] = &[
    "★5 香りが豊かで大満足",
    "★4 丁寧な梱包でした",
    "★5 リピートしています",
    "★3 少し渋め",
    "★5 贈り物に喜ばれました",
];

/// Event notes for SNS posts.
pub const SNS_NOTES: &[&str] = &[
    "Instagram: 朝の一杯",
    "X: 新茶が届いた",
    "Instagram: 茶器セットでおもてなし",
    "LINE VOOM: 季節の茶箱",
];

/// Event notes for events and roundtables.
pub const EVENT_NOTES: &[&str] = &[
    "新茶を味わう会",
    "オンライン淹れ方教室",
    "茶畑見学ツアー",
    "冬のほうじ茶焙煎体験",
];
