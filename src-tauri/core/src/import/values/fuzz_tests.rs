use super::*;

// ----- no panics -----

/// A small deterministic generator, so the test needs no extra crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn fuzz_does_not_panic() {
    let seeds: &[&str] = &[
        "2024-01-05T13:04:05.123+09:00",
        "令和6年1月5日(金) 午後1時04分",
        "1/5/2024 1:04 PM",
        "（¥-1,200円）",
        "△１２，８００",
        "+81 (0)90-1234-5678",
        "Taro@Example.COM",
        "45296.5",
        "R1.4.30",
        "10点",
        "キャンセル済み",
        "1.23457E+11",
        "\r\n\u{feff}\u{0}髙橋",
    ];
    // Characters the parsers treat specially, to mutate seeds with.
    let specials: Vec<char> =
        "0123456789９-/.:年月日時分秒()（）T Z+−△▲¥円,令和平成元午前後AMP@ー①²\u{3000}\u{feff}\r\n"
            .chars()
            .collect();
    let mut rng = Lcg(42);
    for seed in seeds {
        fuzz_all(seed.as_bytes());
        for _ in 0..300 {
            let mut chars: Vec<char> = seed.chars().collect();
            for _ in 0..=(rng.next() % 4) {
                let pos = usize::try_from(rng.next()).unwrap_or(0) % (chars.len() + 1);
                let pick = usize::try_from(rng.next()).unwrap_or(0) % specials.len();
                match rng.next() % 3 {
                    0 => chars.insert(pos, specials[pick]),
                    1 if pos < chars.len() => {
                        chars.remove(pos);
                    }
                    _ if pos < chars.len() => chars[pos] = specials[pick],
                    _ => chars.push(specials[pick]),
                }
            }
            let mutated: String = chars.into_iter().collect();
            fuzz_all(mutated.as_bytes());
        }
    }
    for _ in 0..3_000 {
        let len = usize::try_from(rng.next() % 64).unwrap_or(0);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        fuzz_all(&bytes);
    }
    // Edge-case floats as raw bytes.
    for v in [
        f64::NAN,
        f64::INFINITY,
        f64::MIN,
        f64::MAX,
        f64::MIN_POSITIVE,
        -0.0,
        60.0,
        2_958_465.999_999,
        9_007_199_254_740_992.0,
    ] {
        fuzz_all(&v.to_le_bytes());
    }
    fuzz_all(&[]);
    fuzz_all(&[0xff; 1000]);
    fuzz_all("9".repeat(100_000).as_bytes());
    fuzz_all("髙".repeat(40_000).as_bytes());
}
