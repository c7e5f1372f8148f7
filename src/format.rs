//! Small text formatting helpers shared by pages.

/// `bytes` in lowercase hex, two digits each (digests in names and ETags).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `YYYY-MM-DD` (UTC) for milliseconds since the Unix epoch.
pub fn date_from_ms(ms: f64) -> String {
    let days = (ms / 86_400_000.0).floor() as i64;
    // Civil-from-days (Howard Hinnant's algorithm), valid for any date.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// "2 December 2026" for `2026-12-02`; the text itself when it is not such a date.
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match (m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{date_from_ms, hex, long_date};

    #[test]
    fn hex_is_two_lowercase_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn long_dates_name_the_month() {
        assert_eq!(long_date("2026-12-02"), "2 December 2026");
        assert_eq!(long_date("soon"), "soon");
    }

    #[test]
    fn formats_dates() {
        assert_eq!(date_from_ms(0.0), "1970-01-01");
        assert_eq!(date_from_ms(951_782_400_000.0), "2000-02-29");
        assert_eq!(date_from_ms(1_795_564_800_000.0), "2026-11-25");
        assert_eq!(date_from_ms(-86_400_000.0), "1969-12-31");
    }
}
