//! A synthetic SME portfolio for benchmarks and load tests (`goglobal gen`). Deterministic: the
//! same seed, reference data and existing tax codes give the same SMEs. Every SME is flagged
//! [`Origin::Synthetic`]; nothing here is presented as a real firm.
//!
//! Sectors are weighted by Viet Nam's exports of their HS chapters (CEPII BACI, latest year in
//! the reference data), square-rooted so that a few huge chapters do not crowd out the rest: a
//! programme portfolio is many small agri-food and craft firms, not the FDI exporters that
//! dominate chapter 85. Provinces, certifications and current markets follow where each sector
//! really is and sells (approximate weights, written below).

use std::collections::HashSet;

use crate::domain::{ExportExperience, Origin, Product, Reference, Sme};

/// SplitMix64: tiny, fast and good enough for synthetic data (not for anything secret).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Index drawn with probability proportional to `weights` (all ≥ 0, some > 0).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

struct Sector {
    code: &'static str,
    /// Word in a Vietnamese company name.
    word: &'static str,
    /// HS chapters and the share of Viet Nam's exports of each attributed to this sector.
    chapters: &'static [(&'static str, f64)],
    /// HS 2022 subheadings, relative weight, Vietnamese description.
    products: &'static [(&'static str, f64, &'static str)],
    provinces: &'static [(&'static str, f64)],
    /// Certification codes and the chance that an occasional exporter holds each.
    certs: &'static [(&'static str, f64)],
    /// Where the sector's exporters sell today.
    markets: &'static [(&'static str, f64)],
}

const SECTORS: &[Sector] = &[
    Sector {
        code: "seafood",
        word: "Thủy sản",
        chapters: &[("03", 1.0), ("16", 0.8)],
        products: &[
            ("030617", 4.0, "Tôm thẻ chân trắng đông lạnh"),
            ("030462", 3.0, "Cá tra phi lê đông lạnh"),
            ("160521", 1.5, "Tôm chế biến"),
            ("030743", 1.0, "Mực đông lạnh"),
            ("030752", 0.6, "Bạch tuộc đông lạnh"),
            ("160414", 0.8, "Cá ngừ đóng hộp"),
            ("030487", 0.8, "Cá ngừ phi lê đông lạnh"),
        ],
        provinces: &[
            ("Cà Mau", 3.0),
            ("An Giang", 2.0),
            ("Đồng Tháp", 2.0),
            ("Vĩnh Long", 1.5),
            ("Cần Thơ", 1.5),
            ("Khánh Hòa", 1.0),
            ("Hồ Chí Minh", 1.0),
            ("Quảng Ngãi", 0.5),
            ("Quảng Ninh", 0.5),
        ],
        certs: &[
            ("HACCP", 0.7),
            ("ISO22000", 0.3),
            ("BRCGS", 0.2),
            ("IUU_CC", 0.3),
            ("HALAL", 0.08),
            ("FDA_REG", 0.3),
            ("GACC_REG", 0.3),
            ("ASC", 0.1),
            ("BAP", 0.1),
        ],
        markets: &[
            ("USA", 3.0),
            ("JPN", 3.0),
            ("CHN", 3.0),
            ("KOR", 2.0),
            ("DEU", 1.0),
            ("NLD", 1.0),
            ("AUS", 1.0),
            ("CAN", 1.0),
            ("GBR", 1.0),
        ],
    },
    Sector {
        code: "coffee",
        word: "Cà phê",
        chapters: &[("09", 0.75), ("21", 0.15)],
        products: &[
            ("090111", 5.0, "Cà phê nhân Robusta"),
            ("090121", 2.0, "Cà phê rang"),
            ("210111", 1.5, "Cà phê hòa tan"),
        ],
        provinces: &[
            ("Đắk Lắk", 4.0),
            ("Lâm Đồng", 3.0),
            ("Gia Lai", 2.0),
            ("Hồ Chí Minh", 1.0),
            ("Sơn La", 0.5),
            ("Quảng Trị", 0.3),
        ],
        certs: &[
            ("HACCP", 0.3),
            ("ISO22000", 0.2),
            ("ORGANIC_EU", 0.1),
            ("EUDR_DDS", 0.15),
            ("FDA_REG", 0.15),
        ],
        markets: &[
            ("DEU", 3.0),
            ("ITA", 2.0),
            ("USA", 2.0),
            ("JPN", 2.0),
            ("ESP", 1.5),
            ("BEL", 1.0),
            ("RUS", 1.0),
            ("DZA", 0.5),
        ],
    },
    Sector {
        code: "cashew",
        word: "Điều",
        chapters: &[("08", 0.6)],
        products: &[("080132", 1.0, "Nhân hạt điều")],
        provinces: &[
            ("Đồng Nai", 3.0),
            ("Gia Lai", 1.0),
            ("Tây Ninh", 1.0),
            ("Hồ Chí Minh", 1.0),
            ("Lâm Đồng", 0.5),
            ("Đắk Lắk", 0.5),
        ],
        certs: &[
            ("HACCP", 0.5),
            ("ISO22000", 0.3),
            ("BRCGS", 0.2),
            ("HALAL", 0.1),
            ("FDA_REG", 0.2),
            ("ORGANIC_EU", 0.05),
        ],
        markets: &[
            ("USA", 3.0),
            ("CHN", 2.0),
            ("NLD", 2.0),
            ("DEU", 1.0),
            ("ARE", 1.0),
            ("AUS", 1.0),
            ("GBR", 1.0),
            ("CAN", 1.0),
        ],
    },
    Sector {
        code: "rice",
        word: "Lương thực",
        chapters: &[("10", 1.0)],
        products: &[("100630", 1.0, "Gạo trắng")],
        provinces: &[
            ("An Giang", 3.0),
            ("Đồng Tháp", 2.0),
            ("Cần Thơ", 2.0),
            ("Vĩnh Long", 1.0),
            ("Tây Ninh", 1.0),
            ("Hồ Chí Minh", 1.0),
        ],
        certs: &[
            ("HACCP", 0.4),
            ("ISO22000", 0.2),
            ("HALAL", 0.15),
            ("GACC_REG", 0.2),
            ("ORGANIC_EU", 0.05),
        ],
        markets: &[
            ("PHL", 4.0),
            ("CHN", 2.0),
            ("IDN", 1.5),
            ("MYS", 1.5),
            ("GHA", 1.0),
            ("CIV", 1.0),
            ("SGP", 0.5),
        ],
    },
    Sector {
        code: "pepper",
        word: "Gia vị",
        chapters: &[("09", 0.2)],
        products: &[
            ("090411", 3.0, "Hạt tiêu đen"),
            ("090412", 1.0, "Hạt tiêu xay"),
        ],
        provinces: &[
            ("Đồng Nai", 2.0),
            ("Gia Lai", 2.0),
            ("Đắk Lắk", 2.0),
            ("Hồ Chí Minh", 1.0),
            ("Lâm Đồng", 0.5),
            ("Quảng Trị", 0.5),
        ],
        certs: &[
            ("HACCP", 0.3),
            ("ISO22000", 0.2),
            ("ORGANIC_EU", 0.1),
            ("HALAL", 0.1),
            ("FDA_REG", 0.1),
        ],
        markets: &[
            ("USA", 3.0),
            ("IND", 1.5),
            ("ARE", 1.5),
            ("DEU", 1.0),
            ("NLD", 1.0),
            ("PAK", 1.0),
            ("EGY", 0.5),
        ],
    },
    Sector {
        code: "fruit",
        word: "Nông sản",
        chapters: &[("08", 0.4), ("20", 0.3)],
        products: &[
            ("081060", 3.0, "Sầu riêng tươi"),
            ("081090", 2.0, "Thanh long tươi"),
            ("080390", 1.5, "Chuối tươi"),
            ("080450", 1.0, "Xoài tươi"),
            ("200899", 1.0, "Trái cây sấy, chế biến"),
        ],
        provinces: &[
            ("Đồng Tháp", 2.0),
            ("Vĩnh Long", 2.0),
            ("Lâm Đồng", 1.5),
            ("Đắk Lắk", 1.5),
            ("Bắc Ninh", 1.0),
            ("Hưng Yên", 1.0),
            ("Sơn La", 1.0),
            ("Tây Ninh", 1.0),
            ("Cần Thơ", 1.0),
            ("Đồng Nai", 1.0),
        ],
        certs: &[
            ("GLOBALGAP", 0.4),
            ("VIETGAP", 0.3),
            ("HACCP", 0.3),
            ("GACC_REG", 0.35),
            ("CN_PROTOCOL_ORCHARD", 0.25),
            ("PHYTO", 0.4),
            ("ORGANIC_EU", 0.05),
            ("FDA_REG", 0.1),
        ],
        markets: &[
            ("CHN", 5.0),
            ("THA", 1.0),
            ("KOR", 1.0),
            ("JPN", 1.0),
            ("USA", 1.0),
            ("NLD", 0.5),
            ("AUS", 0.5),
        ],
    },
    Sector {
        code: "birds_nest",
        word: "Yến sào",
        chapters: &[("04", 0.1)],
        products: &[("041090", 1.0, "Tổ yến")],
        provinces: &[
            ("Khánh Hòa", 3.0),
            ("Hồ Chí Minh", 1.0),
            ("Đắk Lắk", 1.0),
            ("Gia Lai", 1.0),
            ("An Giang", 1.0),
            ("Quảng Ngãi", 0.5),
        ],
        certs: &[
            ("HACCP", 0.5),
            ("GACC_REG", 0.3),
            ("HALAL", 0.1),
            ("ISO22000", 0.2),
        ],
        markets: &[
            ("CHN", 4.0),
            ("HKG", 2.0),
            ("SGP", 1.0),
            ("USA", 1.0),
            ("TWN", 1.0),
        ],
    },
    Sector {
        code: "furniture_wood",
        word: "Gỗ",
        chapters: &[("94", 0.9), ("44", 0.8)],
        products: &[
            ("940360", 4.0, "Đồ nội thất bằng gỗ"),
            ("940161", 2.0, "Ghế khung gỗ có đệm"),
            ("440131", 1.0, "Viên nén gỗ"),
            ("441239", 1.0, "Ván ép"),
        ],
        provinces: &[
            ("Hồ Chí Minh", 3.0),
            ("Đồng Nai", 2.0),
            ("Gia Lai", 2.0),
            ("Hà Nội", 1.0),
            ("Bắc Ninh", 1.0),
            ("Thanh Hóa", 0.5),
            ("Nghệ An", 0.5),
        ],
        certs: &[
            ("FSC", 0.4),
            ("BSCI", 0.2),
            ("ISO9001", 0.2),
            ("EUDR_DDS", 0.1),
        ],
        markets: &[
            ("USA", 5.0),
            ("JPN", 2.0),
            ("CHN", 1.0),
            ("KOR", 1.0),
            ("GBR", 1.0),
            ("DEU", 1.0),
            ("AUS", 1.0),
            ("CAN", 1.0),
        ],
    },
    Sector {
        code: "textiles",
        word: "Dệt may",
        chapters: &[("61", 1.0), ("62", 1.0), ("63", 0.5)],
        products: &[
            ("610910", 3.0, "Áo thun cotton"),
            ("620342", 2.0, "Quần dài nam cotton"),
            ("611030", 1.5, "Áo len sợi tổng hợp"),
            ("620462", 1.5, "Quần dài nữ cotton"),
        ],
        provinces: &[
            ("Hồ Chí Minh", 4.0),
            ("Hà Nội", 2.0),
            ("Đồng Nai", 1.5),
            ("Hưng Yên", 1.5),
            ("Ninh Bình", 1.5),
            ("Hải Phòng", 1.0),
            ("Tây Ninh", 1.0),
            ("Đà Nẵng", 0.5),
            ("Thanh Hóa", 0.5),
        ],
        certs: &[
            ("BSCI", 0.35),
            ("ISO9001", 0.2),
            ("ISO14001", 0.1),
            ("OEKO_TEX", 0.2),
            ("WRAP", 0.1),
        ],
        markets: &[
            ("USA", 5.0),
            ("JPN", 2.0),
            ("KOR", 2.0),
            ("DEU", 1.0),
            ("GBR", 1.0),
            ("CAN", 1.0),
            ("CHN", 1.0),
        ],
    },
    Sector {
        code: "footwear",
        word: "Giày da",
        chapters: &[("64", 1.0)],
        products: &[
            ("640411", 3.0, "Giày thể thao mũ vải"),
            ("640399", 2.0, "Giày mũ da"),
            ("640299", 1.0, "Giày dép cao su, nhựa"),
        ],
        provinces: &[
            ("Hồ Chí Minh", 4.0),
            ("Đồng Nai", 3.0),
            ("Hải Phòng", 1.0),
            ("Tây Ninh", 1.0),
            ("Thanh Hóa", 0.5),
            ("Hà Nội", 0.5),
        ],
        certs: &[("BSCI", 0.3), ("ISO9001", 0.2)],
        markets: &[
            ("USA", 5.0),
            ("BEL", 1.5),
            ("DEU", 1.5),
            ("CHN", 1.5),
            ("JPN", 1.0),
            ("NLD", 1.0),
            ("GBR", 1.0),
        ],
    },
    Sector {
        code: "handicrafts",
        word: "Thủ công mỹ nghệ",
        chapters: &[("46", 1.0), ("69", 0.3), ("44", 0.1)],
        products: &[
            ("460219", 2.0, "Sản phẩm mây tre đan"),
            ("460212", 1.0, "Sản phẩm song mây"),
            ("691390", 1.0, "Gốm sứ trang trí"),
            ("442090", 1.0, "Đồ gỗ mỹ nghệ"),
        ],
        provinces: &[
            ("Hà Nội", 3.0),
            ("Ninh Bình", 2.0),
            ("Hưng Yên", 1.0),
            ("Vĩnh Long", 1.0),
            ("Huế", 1.0),
            ("Thanh Hóa", 1.0),
            ("Đà Nẵng", 0.5),
            ("Đồng Nai", 0.5),
        ],
        certs: &[("FSC", 0.1), ("BSCI", 0.1)],
        markets: &[
            ("USA", 3.0),
            ("JPN", 2.0),
            ("DEU", 1.0),
            ("FRA", 1.0),
            ("AUS", 1.0),
            ("KOR", 1.0),
            ("NLD", 1.0),
        ],
    },
    Sector {
        code: "processed_food",
        word: "Thực phẩm",
        chapters: &[("19", 1.0), ("21", 0.7), ("20", 0.4), ("16", 0.2)],
        products: &[
            ("190230", 2.0, "Mì ăn liền"),
            ("210390", 2.0, "Nước chấm, gia vị"),
            ("190590", 1.5, "Bánh tráng, bánh quy"),
            ("200819", 1.0, "Hạt, đậu rang"),
        ],
        provinces: &[
            ("Hồ Chí Minh", 4.0),
            ("Hà Nội", 2.0),
            ("Đồng Nai", 1.0),
            ("Cần Thơ", 1.0),
            ("Đồng Tháp", 1.0),
            ("Hải Phòng", 0.5),
            ("Bắc Ninh", 0.5),
        ],
        certs: &[
            ("HACCP", 0.6),
            ("ISO22000", 0.3),
            ("HALAL", 0.15),
            ("BRCGS", 0.15),
            ("FDA_REG", 0.25),
            ("GACC_REG", 0.1),
        ],
        markets: &[
            ("USA", 2.0),
            ("JPN", 1.5),
            ("KOR", 1.5),
            ("CHN", 1.5),
            ("AUS", 1.0),
            ("KHM", 1.0),
            ("TWN", 1.0),
            ("LAO", 0.5),
            ("DEU", 0.5),
        ],
    },
    Sector {
        code: "electronics_parts",
        word: "Linh kiện điện tử",
        // Most of chapter 85 is assembled by foreign-invested groups; SMEs supply parts.
        chapters: &[("85", 0.1)],
        products: &[
            ("854442", 3.0, "Dây cáp điện có đầu nối"),
            ("853400", 2.0, "Mạch in"),
            ("850440", 1.5, "Bộ nguồn, bộ chuyển đổi"),
        ],
        provinces: &[
            ("Bắc Ninh", 3.0),
            ("Thái Nguyên", 2.0),
            ("Hà Nội", 2.0),
            ("Hải Phòng", 2.0),
            ("Hồ Chí Minh", 2.0),
            ("Phú Thọ", 1.0),
            ("Đồng Nai", 1.0),
            ("Đà Nẵng", 0.5),
        ],
        certs: &[
            ("ISO9001", 0.6),
            ("ISO14001", 0.3),
            ("ROHS", 0.3),
            ("CE_MARK", 0.2),
        ],
        markets: &[
            ("KOR", 3.0),
            ("JPN", 3.0),
            ("CHN", 3.0),
            ("USA", 2.0),
            ("SGP", 1.0),
            ("THA", 1.0),
            ("MYS", 1.0),
        ],
    },
];

const NAME_WORDS: [&str; 32] = [
    "An",
    "Bình",
    "Phát",
    "Thịnh",
    "Hưng",
    "Minh",
    "Phú",
    "Long",
    "Tân",
    "Việt",
    "Hoàng",
    "Gia",
    "Đại",
    "Thành",
    "Nam",
    "Sao Mai",
    "Hòa",
    "Lộc",
    "Tiến",
    "Đức",
    "Trường",
    "Khang",
    "Quang",
    "Hải",
    "Ngọc",
    "Phúc",
    "Thuận",
    "Vạn",
    "Kim",
    "Hồng",
    "Sơn",
    "Mekong",
];
const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi",
];
const GIVEN: [&str; 12] = [
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Quốc Dũng",
    "Thị Hà",
    "Văn Hùng",
    "Thanh Lan",
    "Đức Long",
    "Thị Mai",
    "Hoàng Nam",
    "Thu Trang",
    "Văn Tuấn",
];

/// Sector weights: square root of Viet Nam's exports attributed to each sector, latest year.
fn sector_weights(r: &Reference) -> Vec<f64> {
    SECTORS
        .iter()
        .map(|s| {
            let exports: f64 = s
                .chapters
                .iter()
                .map(|(ch, share)| {
                    r.flows(ch)
                        .last()
                        .map(|f| f.vnm_exports_usd * share)
                        .unwrap_or(0.0)
                })
                .sum();
            exports.max(0.0).sqrt()
        })
        .collect()
}

/// Options of a sector that exist in the reference data, with their weights.
fn resolve(
    items: &[(&'static str, f64)],
    exists: impl Fn(&str) -> Option<String>,
) -> Vec<(String, f64)> {
    items
        .iter()
        .filter_map(|(k, w)| exists(k).map(|name| (name, *w)))
        .collect()
}

struct Prepared {
    weight: f64,
    products: Vec<(String, f64, &'static str)>,
    provinces: Vec<(String, f64)>,
    certs: Vec<(String, f64)>,
    markets: Vec<(String, f64)>,
}

/// Generate `n` synthetic SMEs. `taken` holds tax codes already in the database.
pub fn generate(
    r: &Reference,
    n: usize,
    seed: u64,
    taken: &HashSet<String>,
) -> anyhow::Result<Vec<Sme>> {
    if r.provinces.is_empty() || r.hs.is_empty() || r.markets.is_empty() {
        anyhow::bail!(
            "the reference data has no provinces, HS codes or markets: cannot generate SMEs"
        );
    }
    let all_provinces: Vec<(String, f64)> =
        r.provinces.iter().map(|p| (p.name.clone(), 1.0)).collect();
    let weights = sector_weights(r);
    let sectors: Vec<Prepared> = SECTORS
        .iter()
        .zip(&weights)
        .map(|(s, &weight)| {
            let provinces = resolve(s.provinces, |k| r.province(k).map(|p| p.name.clone()));
            Prepared {
                weight,
                products: s
                    .products
                    .iter()
                    .filter(|(hs, _, _)| r.hs_code(hs).is_some())
                    .map(|(hs, w, d)| (hs.to_string(), *w, *d))
                    .collect(),
                provinces: if provinces.is_empty() {
                    all_provinces.clone()
                } else {
                    provinces
                },
                certs: resolve(s.certs, |k| r.certification(k).map(|c| c.code.clone())),
                markets: resolve(s.markets, |k| r.market(k).map(|m| m.iso3.clone())),
            }
        })
        .collect();
    let usable: Vec<f64> = sectors
        .iter()
        .map(|s| {
            if s.products.is_empty() {
                0.0
            } else {
                s.weight.max(1e-9)
            }
        })
        .collect();
    if usable.iter().all(|w| *w == 0.0) {
        anyhow::bail!("none of the generator's HS codes is in the reference data");
    }
    let mut rng = SplitMix64::new(seed);
    let mut used: HashSet<String> = taken.clone();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let si = rng.weighted(&usable);
        let (spec, s) = (&SECTORS[si], &sectors[si]);
        let experience = ExportExperience::ALL[rng.weighted(&[0.3, 0.25, 0.25, 0.2])];
        let factor = match experience {
            ExportExperience::None => 0.3,
            ExportExperience::Indirect => 0.6,
            ExportExperience::Occasional => 1.0,
            ExportExperience::Regular => 1.5,
        };
        let n_products = 1 + rng.weighted(&[0.6, 0.3, 0.1]).min(s.products.len() - 1);
        let mut products: Vec<Product> = Vec::new();
        while products.len() < n_products {
            let w: Vec<f64> = s
                .products
                .iter()
                .map(|(hs, w, _)| {
                    if products.iter().any(|p| p.hs == *hs) {
                        0.0
                    } else {
                        *w
                    }
                })
                .collect();
            let (hs, _, desc) = &s.products[rng.weighted(&w)];
            products.push(Product {
                hs: hs.clone(),
                description: desc.to_string(),
            });
        }
        let mut certifications: Vec<String> = s
            .certs
            .iter()
            .filter(|(_, p)| rng.chance((p * factor).min(0.95)))
            .map(|(c, _)| c.clone())
            .collect();
        certifications.sort();
        let n_markets = match experience {
            ExportExperience::None | ExportExperience::Indirect => 0,
            ExportExperience::Occasional => rng.range(1, 2) as usize,
            ExportExperience::Regular => rng.range(2, 5) as usize,
        }
        .min(s.markets.len());
        let mut current_markets: Vec<String> = Vec::new();
        while current_markets.len() < n_markets {
            let w: Vec<f64> = s
                .markets
                .iter()
                .map(|(m, w)| if current_markets.contains(m) { 0.0 } else { *w })
                .collect();
            current_markets.push(s.markets[rng.weighted(&w)].0.clone());
        }
        let employees = match rng.weighted(&[0.35, 0.5, 0.15]) {
            0 => rng.range(3, 10),
            1 => rng.range(11, 100),
            _ => rng.range(101, 200),
        } as u32;
        let revenue = (employees as f64 * rng.range(15, 60) as f64 * 1000.0).round();
        let mut languages = vec!["vi".to_string()];
        let english = if experience == ExportExperience::Regular {
            0.85
        } else {
            0.55
        };
        for (code, market, base) in [
            ("en", "", english),
            ("zh", "CHN", 0.08),
            ("ja", "JPN", 0.03),
            ("ko", "KOR", 0.03),
        ] {
            let p = if current_markets.iter().any(|m| m == market) {
                0.5
            } else {
                base
            };
            if rng.chance(p) {
                languages.push(code.to_string());
            }
        }
        let form = ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân"]
            [rng.weighted(&[0.6, 0.3, 0.1])];
        let a = NAME_WORDS[rng.range(0, NAME_WORDS.len() as u64 - 1) as usize];
        let mut b = NAME_WORDS[rng.range(0, NAME_WORDS.len() as u64 - 1) as usize];
        if a == b {
            b = NAME_WORDS
                [(NAME_WORDS.iter().position(|w| *w == a).unwrap_or(0) + 1) % NAME_WORDS.len()];
        }
        let province = s.provinces
            [rng.weighted(&s.provinces.iter().map(|p| p.1).collect::<Vec<_>>())]
        .0
        .clone();
        let tax_code = loop {
            // Viet Nam's enterprise codes are 10 digits and start with 0 or a small digit.
            let code = format!("0{:09}", rng.range(100_000_000, 899_999_999));
            if used.insert(code.clone()) {
                break code;
            }
        };
        out.push(Sme {
            name: format!("{form} {} {a} {b}", spec.word),
            tax_code,
            province,
            sector: spec.code.to_string(),
            employees: Some(employees),
            revenue_usd: Some(revenue),
            founded: Some(rng.range(1995, 2024) as u16),
            export_experience: Some(experience),
            current_markets,
            certifications,
            languages,
            products,
            contact_name: format!(
                "{} {}",
                FAMILY[rng.range(0, FAMILY.len() as u64 - 1) as usize],
                GIVEN[rng.range(0, GIVEN.len() as u64 - 1) as usize]
            ),
            contact_email: format!("lienhe{}@synthetic.example", i + 1),
            contact_phone: format!("+84 {}", rng.range(300_000_000, 999_999_999)),
            notes: format!("synthetic SME (goglobal gen --seed {seed}); not a real firm"),
            origin: Origin::Synthetic,
            ..Default::default()
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::{Certification, HsCode, Market, Priority, Province, TradeFlow};

    fn reference() -> Reference {
        let market = |iso3: &str| Market {
            iso3: iso3.into(),
            iso2: iso3[..2].into(),
            name: iso3.into(),
            name_vi: String::new(),
            region: String::new(),
            subregion: String::new(),
            priority: Priority::Traditional,
            lat: None,
            lon: None,
            distance_km: None,
            gdp_usd: None,
            gdp_per_capita_usd: None,
            population: None,
            gdp_growth_pct: None,
            imports: vec![],
            lpi: None,
            governance: None,
            languages: vec![],
            currency: vec![],
            muslim_share_pct: None,
            halal_relevance: None,
        };
        let hs = |code: &str| HsCode {
            code: code.into(),
            parent: String::new(),
            section: String::new(),
            description: code.into(),
            description_vi: String::new(),
        };
        let mut flows = BTreeMap::new();
        flows.insert(
            "03".to_string(),
            vec![TradeFlow {
                year: 2020,
                world_exports_usd: 1e11,
                vnm_exports_usd: 9e9,
            }],
        );
        flows.insert(
            "09".to_string(),
            vec![TradeFlow {
                year: 2020,
                world_exports_usd: 5e10,
                vnm_exports_usd: 1e9,
            }],
        );
        Reference {
            markets: vec![market("USA"), market("JPN"), market("DEU")],
            hs: vec![hs("030617"), hs("030462"), hs("090111")],
            provinces: vec![
                Province {
                    name: "Cà Mau".into(),
                    kind: String::new(),
                    region: String::new(),
                    merged_from: vec![],
                },
                Province {
                    name: "Đắk Lắk".into(),
                    kind: String::new(),
                    region: String::new(),
                    merged_from: vec![],
                },
            ],
            certifications: vec![Certification {
                code: "HACCP".into(),
                kind: String::new(),
                name: "HACCP".into(),
                name_vi: String::new(),
            }],
            trade_flows: flows,
            ..Default::default()
        }
        .index()
    }

    #[test]
    fn same_seed_same_portfolio_other_seed_other_portfolio() {
        let r = reference();
        let a = generate(&r, 200, 7, &HashSet::new()).unwrap();
        let b = generate(&r, 200, 7, &HashSet::new()).unwrap();
        let c = generate(&r, 200, 8, &HashSet::new()).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn valid_and_synthetic_with_unique_tax_codes() {
        let r = reference();
        let taken: HashSet<String> = ["0100000001".to_string()].into();
        let smes = generate(&r, 500, 1, &taken).unwrap();
        let mut codes = HashSet::new();
        for s in &smes {
            assert_eq!(s.origin, Origin::Synthetic);
            assert_eq!(s.tax_code.len(), 10);
            assert!(s.tax_code.chars().all(|c| c.is_ascii_digit()));
            assert!(codes.insert(s.tax_code.clone()) && !taken.contains(&s.tax_code));
            assert!(!s.products.is_empty());
            assert!(s.products.iter().all(|p| r.hs_code(&p.hs).is_some()));
            assert!(r.province(&s.province).is_some());
            assert!(s.current_markets.iter().all(|m| r.market(m).is_some()));
            assert!(
                s.certifications
                    .iter()
                    .all(|c| r.certification(c).is_some())
            );
        }
        // Only seafood and coffee have HS codes here; seafood (9 bn) outweighs coffee (0.75 bn).
        let seafood = smes.iter().filter(|s| s.sector == "seafood").count();
        let coffee = smes.iter().filter(|s| s.sector == "coffee").count();
        assert_eq!(seafood + coffee, 500);
        assert!(seafood > 2 * coffee, "{seafood} vs {coffee}");
        // Seafood firms sit in Cà Mau here, coffee firms in Đắk Lắk.
        assert!(
            smes.iter()
                .filter(|s| s.sector == "coffee")
                .all(|s| s.province == "Đắk Lắk")
        );
    }
}
