//! Vietnamese company names: the legal form at the start ("Công ty TNHH", "Hợp tác xã", …) and
//! its usual abbreviation, so tables can show and sort by the distinctive part of a name.

/// Legal forms, longest first, with the abbreviation Vietnamese readers expect.
const LEGAL_FORMS: [(&str, &str); 6] = [
    ("Công ty Trách nhiệm hữu hạn ", "TNHH"),
    ("Công ty Cổ phần ", "CTCP"),
    ("Công ty TNHH ", "TNHH"),
    ("Doanh nghiệp tư nhân ", "DNTN"),
    ("Hợp tác xã ", "HTX"),
    ("Công ty ", "Cty"),
];

/// Split `name` into the abbreviation of its legal form and the rest, if it starts with one.
pub fn legal_form(name: &str) -> Option<(&'static str, &str)> {
    LEGAL_FORMS
        .iter()
        .find_map(|(long, short)| name.strip_prefix(long).map(|rest| (*short, rest)))
}

/// The distinctive part of a company name: what follows its legal form.
pub fn distinctive(name: &str) -> &str {
    legal_form(name).map_or(name, |(_, rest)| rest)
}

/// The name with its legal form abbreviated: "Công ty Cổ phần Cà phê Pleiku" → "CTCP Cà phê
/// Pleiku".
pub fn short(name: &str) -> String {
    match legal_form(name) {
        Some((form, rest)) => format!("{form} {rest}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms() {
        assert_eq!(
            short("Công ty TNHH Thủy sản Ngọc Triều"),
            "TNHH Thủy sản Ngọc Triều"
        );
        assert_eq!(short("Công ty Cổ phần Cà phê Pleiku"), "CTCP Cà phê Pleiku");
        assert_eq!(short("Hợp tác xã Mây tre"), "HTX Mây tre");
        assert_eq!(
            short("Doanh nghiệp tư nhân Điều Gò Dầu"),
            "DNTN Điều Gò Dầu"
        );
        assert_eq!(short("Tổng công ty Sông Hồng"), "Tổng công ty Sông Hồng");
        assert_eq!(
            distinctive("Công ty TNHH Bánh kẹo Mỹ Xuyên"),
            "Bánh kẹo Mỹ Xuyên"
        );
        assert_eq!(distinctive("Vinamilk"), "Vinamilk");
    }
}
