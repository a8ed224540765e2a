//! Demo follow-up for the sample portfolio: 26 sample SMEs with one to three target markets at
//! every stage (some first shipments and established trade in new priority-region markets, a few
//! dropped with their reason), action plans with due dates around November–December 2026 and
//! the decision log these changes leave. Fictional, like the sample SMEs: written through the
//! real store functions (`save_shortlist`, `set_stage`, `add_plan_item`, `update_plan_item`),
//! then dated on the script's days so the demo reads the same whenever it is seeded.

use rusqlite::params;

use super::Store;
use super::pipeline::{NewPlanItem, NewShortlistEntry};
use crate::config::Config;
use crate::domain::matching::{self, Matcher};
use crate::domain::{PlanStatus, Sme, Stage};

/// Fictional advisors (the ones who assessed the sample SMEs).
const ADVISORS: [&str; 5] = [
    "Nguyễn Thu Hằng",
    "Trần Quốc Việt",
    "Lê Minh Châu",
    "Phạm Đức Anh",
    "Hoàng Thị Mai",
];

/// One market of an SME's pipeline: the product, and each change with its day and why.
/// The first change is `Shortlisted` (from the market match) or `Candidate`.
struct Market {
    hs: &'static str,
    iso3: &'static str,
    steps: &'static [(&'static str, Stage, &'static str)],
}

/// One action of the plan: added on `added`, then moved to `status` on `moved` (if not todo).
struct Action {
    iso3: &'static str,
    gap: &'static str,
    action: &'static str,
    provider: Option<&'static str>,
    due: &'static str,
    added: &'static str,
    status: PlanStatus,
    moved: &'static str,
}

struct Script {
    /// A part of the SME's name that only it has.
    sme: &'static str,
    markets: &'static [Market],
    plan: &'static [Action],
}

use PlanStatus::{Cancelled, Done, InProgress, Todo};
use Stage::{Candidate, Dropped, Engaged, Established, FirstShipment, Shortlisted};

/// One plan action per line of the script.
#[allow(clippy::too_many_arguments)]
const fn act(
    iso3: &'static str,
    gap: &'static str,
    action: &'static str,
    provider: Option<&'static str>,
    due: &'static str,
    added: &'static str,
    status: PlanStatus,
    moved: &'static str,
) -> Action {
    Action {
        iso3,
        gap,
        action,
        provider,
        due,
        added,
        status,
        moved,
    }
}

const MATCHED: &str = "shortlisted from the market match";

const SCRIPT: &[Script] = &[
    Script {
        sme: "Phú Hòa Đồng Tháp",
        markets: &[
            Market {
                hs: "030462",
                iso3: "SAU",
                steps: &[
                    ("2026-03-10", Shortlisted, MATCHED),
                    (
                        "2026-05-02",
                        Engaged,
                        "samples approved by a Jeddah distributor",
                    ),
                    (
                        "2026-08-18",
                        FirstShipment,
                        "first 40' reefer of fillets shipped",
                    ),
                    ("2026-11-05", Established, "third order within 90 days"),
                ],
            },
            Market {
                hs: "030462",
                iso3: "EGY",
                steps: &[
                    ("2026-04-01", Shortlisted, MATCHED),
                    (
                        "2026-07-15",
                        Engaged,
                        "price offer sent to two Cairo importers",
                    ),
                ],
            },
        ],
        plan: &[
            act(
                "SAU",
                "SAU-SFDA-SEAFOOD",
                "List the plant with the Saudi SFDA through NAFIQAD",
                Some("P015"),
                "2026-06-30",
                "2026-03-12",
                Done,
                "2026-06-20",
            ),
            act(
                "EGY",
                "HALAL",
                "Halal certificate recognised in Egypt for the fillet line",
                Some("P006"),
                "2026-12-15",
                "2026-07-16",
                InProgress,
                "2026-09-01",
            ),
        ],
    },
    Script {
        sme: "Đại Dương Xanh",
        markets: &[
            Market {
                hs: "030487",
                iso3: "ARE",
                steps: &[
                    ("2026-02-20", Shortlisted, MATCHED),
                    ("2026-04-10", Engaged, "met the buyer at Gulfood"),
                    (
                        "2026-07-01",
                        FirstShipment,
                        "first air shipment of tuna loins",
                    ),
                ],
            },
            Market {
                hs: "030487",
                iso3: "CHL",
                steps: &[(
                    "2026-09-01",
                    Candidate,
                    "suggested by the Trade Office in Santiago",
                )],
            },
        ],
        plan: &[
            act(
                "ARE",
                "COLD_CHAIN",
                "Book a cold-chain route to Jebel Ali",
                Some("P049"),
                "2026-06-15",
                "2026-04-12",
                Done,
                "2026-06-10",
            ),
            act(
                "ARE",
                "EXPORT_CREDIT_INSURANCE",
                "Credit insurance for the Dubai buyer",
                Some("P034"),
                "2026-12-04",
                "2026-07-03",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Vàm Nao",
        markets: &[Market {
            hs: "030462",
            iso3: "ARE",
            steps: &[("2026-07-12", Shortlisted, MATCHED)],
        }],
        plan: &[
            act(
                "ARE",
                "HALAL",
                "Halal certificate for the pangasius line",
                Some("P006"),
                "2026-12-10",
                "2026-07-14",
                Todo,
                "",
            ),
            act(
                "ARE",
                "TRAINING",
                "Export course for the sales manager",
                Some("P042"),
                "2026-11-16",
                "2026-07-14",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Hồng Nguyên",
        markets: &[
            Market {
                hs: "090111",
                iso3: "DZA",
                steps: &[
                    ("2026-03-05", Shortlisted, MATCHED),
                    (
                        "2026-05-20",
                        Engaged,
                        "contract terms agreed with an Algiers roaster",
                    ),
                    (
                        "2026-09-10",
                        FirstShipment,
                        "two containers of robusta shipped",
                    ),
                    ("2026-11-12", Established, "annual contract signed"),
                ],
            },
            Market {
                hs: "090111",
                iso3: "RUS",
                steps: &[
                    ("2026-04-15", Shortlisted, MATCHED),
                    ("2026-06-30", Engaged, "samples with a Moscow importer"),
                ],
            },
        ],
        plan: &[
            act(
                "DZA",
                "LC",
                "Letter of credit with the Algerian buyer's bank",
                Some("P028"),
                "2026-08-31",
                "2026-05-22",
                Done,
                "2026-08-25",
            ),
            act(
                "RUS",
                "EAEU-EAC",
                "EAC declaration and Russian-language labels",
                Some("P056"),
                "2026-12-05",
                "2026-07-02",
                InProgress,
                "2026-09-14",
            ),
        ],
    },
    Script {
        sme: "Pleiku Tây Nguyên",
        markets: &[
            Market {
                hs: "090111",
                iso3: "EGY",
                steps: &[
                    ("2026-02-10", Shortlisted, MATCHED),
                    ("2026-04-22", Engaged, "buyer visit to the Gia Lai plant"),
                    ("2026-07-30", FirstShipment, "first container to Alexandria"),
                ],
            },
            Market {
                hs: "210111",
                iso3: "SAU",
                steps: &[
                    ("2026-05-05", Shortlisted, MATCHED),
                    (
                        "2026-08-12",
                        Engaged,
                        "retail chain asked for a private label",
                    ),
                ],
            },
        ],
        plan: &[
            act(
                "SAU",
                "GCC-GSO-LABEL",
                "Arabic labels for the instant-coffee sachets (GSO 9)",
                Some("P069"),
                "2026-11-20",
                "2026-08-14",
                InProgress,
                "2026-10-01",
            ),
            act(
                "EGY",
                "EXPORT_CREDIT_INSURANCE",
                "Credit insurance for the Egyptian buyer",
                Some("P034"),
                "2026-12-18",
                "2026-08-01",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Cầu Đất Lạc Dương",
        markets: &[Market {
            hs: "090111",
            iso3: "KAZ",
            steps: &[
                ("2026-06-10", Shortlisted, MATCHED),
                (
                    "2026-09-02",
                    Engaged,
                    "specialty roaster in Almaty asked for samples",
                ),
            ],
        }],
        plan: &[
            act(
                "KAZ",
                "EAEU-EAC",
                "EAC declaration for green coffee",
                Some("P056"),
                "2026-12-20",
                "2026-09-03",
                Todo,
                "",
            ),
            act(
                "KAZ",
                "FREIGHT_FORWARDING",
                "Quote rail freight through China",
                Some("P052"),
                "2027-01-15",
                "2026-09-03",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Phước Thịnh",
        markets: &[
            Market {
                hs: "080132",
                iso3: "SAU",
                steps: &[
                    ("2026-03-01", Shortlisted, MATCHED),
                    ("2026-04-18", Engaged, "nut wholesaler in Riyadh"),
                    ("2026-06-25", FirstShipment, "W320 kernels shipped"),
                    ("2026-10-01", Established, "monthly orders since July"),
                ],
            },
            Market {
                hs: "080132",
                iso3: "TUR",
                steps: &[
                    ("2026-05-20", Shortlisted, MATCHED),
                    (
                        "2026-08-30",
                        Dropped,
                        "buyer chose a cheaper origin; revisit in 2027",
                    ),
                ],
            },
        ],
        plan: &[act(
            "SAU",
            "GCC-GSO-LABEL",
            "Arabic labels for retail packs",
            Some("P069"),
            "2026-05-30",
            "2026-04-20",
            Done,
            "2026-05-28",
        )],
    },
    Script {
        sme: "Bù Đăng Vàng",
        markets: &[Market {
            hs: "080132",
            iso3: "EGY",
            steps: &[
                ("2026-07-01", Shortlisted, MATCHED),
                (
                    "2026-09-15",
                    Engaged,
                    "importer in Cairo asked for a trial lot",
                ),
            ],
        }],
        plan: &[
            act(
                "EGY",
                "HALAL_CERT",
                "Halal certificate from HALCERT",
                Some("P006"),
                "2026-11-27",
                "2026-09-16",
                InProgress,
                "2026-10-05",
            ),
            act(
                "EGY",
                "FREIGHT_FORWARDING",
                "Send the trial lot by air",
                Some("P047"),
                "2026-12-04",
                "2026-09-16",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Hoài Nhơn",
        markets: &[Market {
            hs: "080132",
            iso3: "MEX",
            steps: &[
                ("2026-04-08", Shortlisted, MATCHED),
                (
                    "2026-06-14",
                    Engaged,
                    "CPTPP preference confirmed with the buyer",
                ),
                ("2026-10-20", FirstShipment, "first container to Manzanillo"),
            ],
        }],
        plan: &[act(
            "MEX",
            "CO_ORIGIN",
            "CPTPP certificate of origin on eCoSys",
            Some("P003"),
            "2026-09-30",
            "2026-06-15",
            Done,
            "2026-09-22",
        )],
    },
    Script {
        sme: "Núi Sập",
        markets: &[
            Market {
                hs: "100630",
                iso3: "SEN",
                steps: &[
                    ("2026-03-18", Shortlisted, MATCHED),
                    ("2026-05-25", Engaged, "Dakar importer bid on fragrant rice"),
                    ("2026-08-05", FirstShipment, "first 500 t shipped"),
                    ("2026-11-10", Established, "second contract for 2027"),
                ],
            },
            Market {
                hs: "100630",
                iso3: "IRQ",
                steps: &[
                    ("2026-06-20", Shortlisted, MATCHED),
                    (
                        "2026-09-28",
                        Engaged,
                        "registered for the grain board's tenders",
                    ),
                ],
            },
        ],
        plan: &[
            act(
                "SEN",
                "LC",
                "Confirmed letter of credit for the Dakar contract",
                Some("P029"),
                "2026-07-15",
                "2026-05-27",
                Done,
                "2026-07-10",
            ),
            act(
                "IRQ",
                "TRANSLATION",
                "Tender documents in Arabic",
                Some("P045"),
                "2026-12-01",
                "2026-09-29",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Tháp Mười Xanh",
        markets: &[Market {
            hs: "100630",
            iso3: "MYS",
            steps: &[
                ("2026-05-05", Shortlisted, MATCHED),
                ("2026-07-20", Engaged, "Penang distributor"),
                ("2026-10-28", FirstShipment, "first container to Port Klang"),
            ],
        }],
        plan: &[act(
            "MYS",
            "MYS-HALAL",
            "JAKIM-recognised Halal certificate",
            Some("P008"),
            "2026-09-15",
            "2026-07-21",
            Done,
            "2026-09-10",
        )],
    },
    Script {
        sme: "Ô Môn",
        markets: &[Market {
            hs: "100630",
            iso3: "ARE",
            steps: &[
                ("2026-04-12", Shortlisted, MATCHED),
                (
                    "2026-06-25",
                    Engaged,
                    "hypermarket chain asked for 5 kg bags",
                ),
            ],
        }],
        plan: &[act(
            "ARE",
            "GCC-GSO-LABEL",
            "Arabic labels for 5 kg bags",
            Some("P069"),
            "2026-12-10",
            "2026-06-26",
            InProgress,
            "2026-10-12",
        )],
    },
    Script {
        sme: "Cẩm Mỹ",
        markets: &[
            Market {
                hs: "090411",
                iso3: "EGY",
                steps: &[
                    ("2026-03-22", Shortlisted, MATCHED),
                    ("2026-05-30", Engaged, "spice trader in Alexandria"),
                    ("2026-09-04", FirstShipment, "black pepper shipped"),
                ],
            },
            Market {
                hs: "090411",
                iso3: "POL",
                steps: &[
                    ("2026-06-05", Shortlisted, MATCHED),
                    (
                        "2026-08-20",
                        Engaged,
                        "packer in Gdańsk wants a residue report",
                    ),
                ],
            },
        ],
        plan: &[act(
            "POL",
            "LAB_TESTING",
            "Pesticide-residue tests to EU limits",
            Some("P066"),
            "2026-11-25",
            "2026-08-21",
            InProgress,
            "2026-10-02",
        )],
    },
    Script {
        sme: "Châu Đức",
        markets: &[Market {
            hs: "090411",
            iso3: "MAR",
            steps: &[("2026-07-15", Shortlisted, MATCHED)],
        }],
        plan: &[act(
            "MAR",
            "CONTRACT_LAW",
            "Export contract template for direct sales",
            Some("P011"),
            "2026-12-12",
            "2026-07-16",
            Todo,
            "",
        )],
    },
    Script {
        sme: "Krông Pắc Xanh",
        markets: &[Market {
            hs: "081060",
            iso3: "ARE",
            steps: &[
                ("2026-05-10", Shortlisted, MATCHED),
                ("2026-07-02", Engaged, "Dubai fruit importer"),
                (
                    "2026-09-25",
                    FirstShipment,
                    "first air shipment of frozen durian",
                ),
            ],
        }],
        plan: &[act(
            "ARE",
            "COLD_CHAIN",
            "Cold chain to Dubai by air",
            Some("P046"),
            "2026-09-01",
            "2026-07-03",
            Done,
            "2026-08-28",
        )],
    },
    Script {
        sme: "Dừa Xanh Mỏ Cày",
        markets: &[
            Market {
                hs: "080119",
                iso3: "SAU",
                steps: &[
                    ("2026-04-02", Shortlisted, MATCHED),
                    ("2026-06-08", Engaged, "supermarket buyer in Riyadh"),
                    (
                        "2026-08-30",
                        FirstShipment,
                        "first reefer of young coconuts",
                    ),
                    ("2026-11-02", Established, "weekly shipments"),
                ],
            },
            Market {
                hs: "080119",
                iso3: "BRA",
                steps: &[("2026-10-05", Candidate, "enquiry from São Paulo")],
            },
        ],
        plan: &[act(
            "SAU",
            "PHYTOSANITARY",
            "Phytosanitary certificate for every shipment",
            Some("P013"),
            "2026-08-15",
            "2026-06-09",
            Done,
            "2026-08-12",
        )],
    },
    Script {
        sme: "Yến Việt Cam Ranh",
        markets: &[Market {
            hs: "041090",
            iso3: "ARE",
            steps: &[
                ("2026-06-15", Shortlisted, MATCHED),
                (
                    "2026-08-28",
                    Engaged,
                    "health-food distributor in Abu Dhabi",
                ),
            ],
        }],
        plan: &[act(
            "ARE",
            "GCC-HALAL-FOOD",
            "Halal certificate for bird's nest drinks",
            Some("P006"),
            "2026-11-30",
            "2026-08-29",
            InProgress,
            "2026-10-20",
        )],
    },
    Script {
        sme: "Yến Phương Nam",
        markets: &[Market {
            hs: "041090",
            iso3: "QAT",
            steps: &[
                ("2026-05-12", Shortlisted, MATCHED),
                ("2026-07-30", Engaged, "Doha retailer"),
                ("2026-10-15", FirstShipment, "first retail order shipped"),
            ],
        }],
        plan: &[act(
            "QAT",
            "GCC-GSO-LABEL",
            "Arabic labels for gift boxes",
            Some("P069"),
            "2026-09-20",
            "2026-07-31",
            Done,
            "2026-09-18",
        )],
    },
    Script {
        sme: "Phú An Sài Gòn",
        markets: &[
            Market {
                hs: "940360",
                iso3: "SAU",
                steps: &[
                    ("2026-03-25", Shortlisted, MATCHED),
                    ("2026-05-28", Engaged, "hotel project in Riyadh"),
                    (
                        "2026-08-22",
                        FirstShipment,
                        "dining sets for the hotel shipped",
                    ),
                ],
            },
            Market {
                hs: "940360",
                iso3: "CHL",
                steps: &[
                    ("2026-06-18", Shortlisted, MATCHED),
                    (
                        "2026-09-12",
                        Engaged,
                        "Santiago showroom asked for a catalogue",
                    ),
                ],
            },
        ],
        plan: &[
            act(
                "SAU",
                "FREIGHT_FORWARDING",
                "Consolidate containers to Dammam",
                Some("P049"),
                "2026-08-10",
                "2026-05-30",
                Done,
                "2026-08-05",
            ),
            act(
                "CHL",
                "TRANSLATION",
                "Catalogue and price list in Spanish",
                Some("P041"),
                "2026-11-18",
                "2026-09-14",
                Todo,
                "",
            ),
        ],
    },
    Script {
        sme: "Quy Nhơn Phát",
        markets: &[Market {
            hs: "940169",
            iso3: "CZE",
            steps: &[
                ("2026-05-20", Shortlisted, MATCHED),
                ("2026-08-02", Engaged, "garden-furniture chain in Prague"),
            ],
        }],
        plan: &[act(
            "CZE",
            "EU27-EUDR",
            "EUDR due-diligence statement for acacia chairs",
            Some("P064"),
            "2026-12-28",
            "2026-08-03",
            InProgress,
            "2026-10-15",
        )],
    },
    Script {
        sme: "May mặc Tân Phú",
        markets: &[Market {
            hs: "610910",
            iso3: "MEX",
            steps: &[
                ("2026-04-01", Shortlisted, MATCHED),
                ("2026-06-10", Engaged, "Guadalajara brand"),
                ("2026-09-18", FirstShipment, "first T-shirt order shipped"),
            ],
        }],
        plan: &[act(
            "MEX",
            "CO_ORIGIN",
            "Check CPTPP yarn-forward origin for the T-shirts",
            Some("P056"),
            "2026-07-31",
            "2026-06-11",
            Done,
            "2026-07-28",
        )],
    },
    Script {
        sme: "Dệt may Long Khánh",
        markets: &[Market {
            hs: "611020",
            iso3: "ZAF",
            steps: &[("2026-07-08", Shortlisted, MATCHED)],
        }],
        plan: &[act(
            "ZAF",
            "MARKET_RESEARCH",
            "Buyer search through the Trade Office in Pretoria",
            Some("P002"),
            "2026-12-15",
            "2026-07-09",
            Todo,
            "",
        )],
    },
    Script {
        sme: "Giày da Bình Tân",
        markets: &[
            Market {
                hs: "640399",
                iso3: "BRA",
                steps: &[
                    ("2026-03-12", Shortlisted, MATCHED),
                    ("2026-05-15", Engaged, "São Paulo retailer"),
                    (
                        "2026-09-05",
                        Dropped,
                        "landed cost 18% above the buyer's target",
                    ),
                ],
            },
            Market {
                hs: "640399",
                iso3: "ARE",
                steps: &[
                    ("2026-06-01", Shortlisted, MATCHED),
                    ("2026-08-15", Engaged, "Dubai department store"),
                    ("2026-11-03", FirstShipment, "first order of leather shoes"),
                ],
            },
        ],
        plan: &[
            act(
                "BRA",
                "MARKET_RESEARCH",
                "Landed-cost study for Brazil",
                Some("P001"),
                "2026-10-30",
                "2026-05-16",
                Cancelled,
                "2026-09-05",
            ),
            act(
                "ARE",
                "LC",
                "Letter of credit for the Dubai order",
                Some("P030"),
                "2026-10-15",
                "2026-08-16",
                Done,
                "2026-10-10",
            ),
        ],
    },
    Script {
        sme: "Mì Sài Gòn Xanh",
        markets: &[
            Market {
                hs: "190230",
                iso3: "EGY",
                steps: &[
                    ("2026-03-28", Shortlisted, MATCHED),
                    ("2026-06-02", Engaged, "Cairo distributor"),
                    ("2026-08-26", FirstShipment, "first container of noodles"),
                    ("2026-11-15", Established, "repeat orders every month"),
                ],
            },
            Market {
                hs: "190230",
                iso3: "NGA",
                steps: &[
                    ("2026-05-25", Shortlisted, MATCHED),
                    ("2026-09-10", Engaged, "Lagos wholesaler"),
                ],
            },
        ],
        plan: &[act(
            "NGA",
            "REGISTRATION",
            "Product registration with NAFDAC through the importer",
            Some("P002"),
            "2026-12-22",
            "2026-09-11",
            InProgress,
            "2026-10-30",
        )],
    },
    Script {
        sme: "Quế Võ",
        markets: &[
            Market {
                hs: "854442",
                iso3: "MEX",
                steps: &[
                    ("2026-04-20", Shortlisted, MATCHED),
                    ("2026-07-05", Engaged, "auto-parts plant in Monterrey"),
                    ("2026-10-08", FirstShipment, "first harnesses delivered"),
                ],
            },
            Market {
                hs: "854442",
                iso3: "HUN",
                steps: &[
                    ("2026-06-25", Shortlisted, MATCHED),
                    (
                        "2026-10-12",
                        Dropped,
                        "buyer moved the programme to Poland; keep in touch",
                    ),
                ],
            },
        ],
        plan: &[act(
            "MEX",
            "CO_ORIGIN",
            "Confirm what origin documents the Mexican buyer needs",
            Some("P056"),
            "2026-12-09",
            "2026-07-06",
            Todo,
            "",
        )],
    },
    Script {
        sme: "Trái cây Sấy Cái Răng",
        markets: &[Market {
            hs: "081340",
            iso3: "ARE",
            steps: &[(
                "2026-10-20",
                Candidate,
                "enquiry at the Ho Chi Minh City fair",
            )],
        }],
        plan: &[],
    },
];

/// `YYYY-MM-DD` as the time of a scripted change (mid-morning, Viet Nam).
fn at(day: &str) -> String {
    format!("{day}T02:30:00Z")
}

impl Store {
    fn last_decision(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM decision_log", [], |r| {
                r.get(0)
            })?)
    }

    /// Date the decisions written since `after` on `day`.
    fn date_decisions(&self, after: i64, day: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE decision_log SET at = ?1 WHERE id > ?2",
            params![at(day), after],
        )?;
        Ok(())
    }

    /// Give the sample SMEs their demo pipeline, plans and decisions. SMEs that already have a
    /// pipeline are left alone, so seeding twice adds nothing. Returns the entries written.
    pub fn seed_sample_pipeline(&mut self) -> anyhow::Result<usize> {
        let smes: Vec<Sme> = self.smes()?.into_iter().filter(Sme::is_sample).collect();
        let reference = super::load_reference(&self.conn)?;
        let config = Config::default();
        let matcher = Matcher::new(&reference, &config);
        let version = super::reference_version();
        let latest = self.latest_assessments()?;
        let mut written = 0;
        for (k, script) in SCRIPT.iter().enumerate() {
            let sme = smes
                .iter()
                .find(|s| s.name.contains(script.sme))
                .ok_or_else(|| {
                    anyhow::anyhow!("sample pipeline: no sample SME {:?}", script.sme)
                })?;
            if !self.shortlist_for(sme.id)?.is_empty() {
                continue;
            }
            let who = ADVISORS[k % ADVISORS.len()];
            let band = latest
                .get(&sme.id)
                .and_then(|a| a.result.band)
                .map(|b| b.code());
            let scheme = matching::choose_scheme(&config.matching, None, &[], band)
                .map_err(anyhow::Error::msg)?;
            for m in script.markets {
                let (first_day, first_stage, first_why) = m.steps[0];
                let before = self.last_decision()?;
                if first_stage == Shortlisted {
                    let result = matcher
                        .rank(sme, m.hs, &scheme)
                        .into_iter()
                        .find(|r| r.market == m.iso3);
                    let entry = match result {
                        Some(r) => NewShortlistEntry::from_match(&r, &version)?,
                        None => NewShortlistEntry {
                            hs: m.hs.into(),
                            iso3: m.iso3.into(),
                            score: None,
                            snapshot: "{}".into(),
                            reference_version: version.clone(),
                        },
                    };
                    self.save_shortlist(sme.id, &[entry], &[], who)?;
                } else {
                    self.set_stage(sme.id, m.iso3, Some(m.hs), first_stage, first_why, who)?;
                }
                self.date_decisions(before, first_day)?;
                self.conn.execute(
                    "UPDATE shortlist SET created_at = ?4, updated_at = ?4
                     WHERE sme_id = ?1 AND hs = ?2 AND iso3 = ?3",
                    params![sme.id, m.hs, m.iso3, at(first_day)],
                )?;
                for &(day, stage, why) in &m.steps[1..] {
                    let before = self.last_decision()?;
                    self.set_stage(sme.id, m.iso3, Some(m.hs), stage, why, who)?;
                    self.date_decisions(before, day)?;
                    self.conn.execute(
                        "UPDATE shortlist SET updated_at = ?4
                         WHERE sme_id = ?1 AND hs = ?2 AND iso3 = ?3",
                        params![sme.id, m.hs, m.iso3, at(day)],
                    )?;
                }
                written += 1;
            }
            for a in script.plan {
                let item = NewPlanItem {
                    iso3: a.iso3.into(),
                    gap: a.gap.into(),
                    action: a.action.into(),
                    provider_id: a.provider.map(String::from),
                    owner: who.into(),
                    due: Some(a.due.into()),
                    notes: String::new(),
                };
                let before = self.last_decision()?;
                let id = self.add_plan_item(sme.id, &item, who)?;
                self.date_decisions(before, a.added)?;
                self.conn.execute(
                    "UPDATE plan_item SET created_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, at(a.added)],
                )?;
                if a.status != Todo {
                    let before = self.last_decision()?;
                    self.update_plan_item(id, a.status, Some(a.due), 1, who)?;
                    self.date_decisions(before, a.moved)?;
                    self.conn.execute(
                        "UPDATE plan_item SET updated_at = ?2 WHERE id = ?1",
                        params![id, at(a.moved)],
                    )?;
                }
            }
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::pipeline::is_new_market;

    fn seeded() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        crate::store::seed_samples(&mut store).unwrap();
        store
    }

    #[test]
    fn the_script_names_real_samples_markets_products_and_providers() {
        let store = seeded();
        let smes = store.smes().unwrap();
        let r = crate::store::load_reference(&store.conn).unwrap();
        let mut seen = HashSet::new();
        for s in SCRIPT {
            let found: Vec<&Sme> = smes.iter().filter(|x| x.name.contains(s.sme)).collect();
            assert_eq!(found.len(), 1, "{} names one SME", s.sme);
            assert!(seen.insert(found[0].id));
            for m in s.markets {
                assert!(
                    found[0].products.iter().any(|p| p.hs == m.hs),
                    "{} {}",
                    s.sme,
                    m.hs
                );
                assert!(r.market(m.iso3).is_some(), "{}", m.iso3);
                assert!(
                    m.steps.windows(2).all(|w| w[0].0 < w[1].0),
                    "{} in order",
                    s.sme
                );
                for (day, stage, why) in m.steps {
                    assert!(crate::clock::parse_date(day).is_some());
                    assert!(*day < "2026-11-20", "{day}");
                    assert!(*stage != Dropped || !why.is_empty());
                }
            }
            for a in s.plan {
                assert!(
                    a.provider
                        .is_none_or(|p| r.providers.iter().any(|x| x.id == p))
                );
                assert!(crate::clock::parse_date(a.due).is_some());
                assert!(a.status == Todo || crate::clock::parse_date(a.moved).is_some());
            }
        }
        assert!(SCRIPT.len() >= 25, "about 25 SMEs in the demo pipeline");
    }

    #[test]
    fn every_stage_and_status_appears_and_new_markets_are_reached() {
        let store = seeded();
        let kpis = store.pipeline_kpis().unwrap();
        for stage in Stage::ALL {
            assert!(kpis.funnel[&stage] > 0, "no {stage:?}");
        }
        // Every market reached is a new one (none was a current market of its SME).
        let smes = store.smes().unwrap();
        let baselines = store.baselines().unwrap();
        let reached = SCRIPT
            .iter()
            .flat_map(|s| s.markets.iter().map(move |m| (s, m)))
            .filter(|(_, m)| m.steps.last().unwrap().1.is_reached())
            .count();
        assert!(reached >= 10, "{reached}");
        for s in SCRIPT {
            let sme = smes.iter().find(|x| x.name.contains(s.sme)).unwrap();
            for m in s.markets {
                assert!(
                    is_new_market(&baselines[&sme.id], m.iso3),
                    "{} {}",
                    s.sme,
                    m.iso3
                );
            }
        }
        assert_eq!(kpis.smes_with_new_market, 17);
        let plan: Vec<_> = smes
            .iter()
            .flat_map(|s| store.plan_for(s.id).unwrap())
            .collect();
        for status in PlanStatus::ALL {
            assert!(plan.iter().any(|p| p.status == status), "no {status:?}");
        }
        assert!(plan.iter().all(|p| p.version >= 1));
    }

    #[test]
    fn decisions_are_dated_by_the_script_and_seeding_twice_adds_nothing() {
        let mut store = seeded();
        let smes = store.smes().unwrap();
        let sme = smes.iter().find(|s| s.name.contains("Phú Hòa")).unwrap();
        let log = store.decisions_for(sme.id).unwrap();
        let days: Vec<&str> = log.iter().map(|d| &d.at[..10]).collect();
        assert_eq!(days.first(), Some(&"2026-03-10"));
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
        // Every sample decision carries a day of the script, whenever it was seeded.
        let undated: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM decision_log WHERE at NOT LIKE '%T02:30:00Z'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(undated, 0);
        assert!(
            log.iter().any(|d| d.what.contains("first_shipment")
                && d.why == "first 40' reefer of fillets shipped")
        );
        assert!(log.iter().all(|d| ADVISORS.contains(&d.who.as_str())));
        let dropped = store
            .shortlist_for(smes.iter().find(|s| s.name.contains("Quế Võ")).unwrap().id)
            .unwrap();
        assert!(
            dropped
                .iter()
                .any(|e| e.stage == Dropped && e.reason.contains("Poland"))
        );
        let before = store
            .conn
            .query_row("SELECT COUNT(*) FROM decision_log", [], |r| {
                r.get::<_, i64>(0)
            });
        assert_eq!(store.seed_sample_pipeline().unwrap(), 0);
        let after = store
            .conn
            .query_row("SELECT COUNT(*) FROM decision_log", [], |r| {
                r.get::<_, i64>(0)
            });
        assert_eq!(before.unwrap(), after.unwrap());
    }
}
