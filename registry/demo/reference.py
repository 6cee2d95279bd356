"""Reference data of the demo province (Tây Ninh): agencies, fields, and the (fictional) signers by period.

Pure data. Agency codes of the province and of the Government match tests/factories.py, so the demo reuses
the rows a test or a fresh installation already has instead of duplicating them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PROVINCE = "Tây Ninh"
PLACE = "Tây Ninh"


@dataclass(frozen=True)
class AgencyRef:
    code: str
    name: str
    name_en: str
    abbrev: str  # the issuer part of numbers
    level: str  # central | province | commune
    parent: str | None = None
    short: str = ""  # how texts name it after the first mention ("UBND tỉnh", "Sở Tư pháp")


AGENCIES: tuple[AgencyRef, ...] = (
    # central bodies
    AgencyRef("QH", "Quốc hội", "National Assembly", "QH", "central", short="Quốc hội"),
    AgencyRef(
        "UBTVQH",
        "Ủy ban Thường vụ Quốc hội",
        "Standing Committee of the National Assembly",
        "UBTVQH",
        "central",
        short="Ủy ban Thường vụ Quốc hội",
    ),
    AgencyRef("CP", "Chính phủ", "Government", "CP", "central", short="Chính phủ"),
    AgencyRef("TTG", "Thủ tướng Chính phủ", "Prime Minister", "TTg", "central", short="Thủ tướng Chính phủ"),
    AgencyRef(
        "VPCP", "Văn phòng Chính phủ", "Government Office", "VPCP", "central", short="Văn phòng Chính phủ"
    ),
    AgencyRef("BTP", "Bộ Tư pháp", "Ministry of Justice", "BTP", "central", short="Bộ Tư pháp"),
    AgencyRef("BYT", "Bộ Y tế", "Ministry of Health", "BYT", "central", short="Bộ Y tế"),
    AgencyRef(
        "BGDDT",
        "Bộ Giáo dục và Đào tạo",
        "Ministry of Education and Training",
        "BGDĐT",
        "central",
        short="Bộ Giáo dục và Đào tạo",
    ),
    AgencyRef("BTC", "Bộ Tài chính", "Ministry of Finance", "BTC", "central", short="Bộ Tài chính"),
    AgencyRef("BXD", "Bộ Xây dựng", "Ministry of Construction", "BXD", "central", short="Bộ Xây dựng"),
    AgencyRef(
        "BGTVT",
        "Bộ Giao thông vận tải",
        "Ministry of Transport",
        "BGTVT",
        "central",
        short="Bộ Giao thông vận tải",
    ),
    AgencyRef(
        "BNNPTNT",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Ministry of Agriculture and Rural Development",
        "BNN",
        "central",
        short="Bộ Nông nghiệp và Phát triển nông thôn",
    ),
    AgencyRef(
        "BTNMT",
        "Bộ Tài nguyên và Môi trường",
        "Ministry of Natural Resources and Environment",
        "BTNMT",
        "central",
        short="Bộ Tài nguyên và Môi trường",
    ),
    AgencyRef(
        "BNNMT",
        "Bộ Nông nghiệp và Môi trường",
        "Ministry of Agriculture and Environment",
        "BNNMT",
        "central",
        short="Bộ Nông nghiệp và Môi trường",
    ),
    AgencyRef(
        "BLDTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
        "Ministry of Labour, Invalids and Social Affairs",
        "LĐTBXH",
        "central",
        short="Bộ Lao động - Thương binh và Xã hội",
    ),
    AgencyRef(
        "BVHTTDL",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Ministry of Culture, Sports and Tourism",
        "BVHTTDL",
        "central",
        short="Bộ Văn hóa, Thể thao và Du lịch",
    ),
    AgencyRef(
        "BCT", "Bộ Công Thương", "Ministry of Industry and Trade", "BCT", "central", short="Bộ Công Thương"
    ),
    AgencyRef("BNV", "Bộ Nội vụ", "Ministry of Home Affairs", "BNV", "central", short="Bộ Nội vụ"),
    # the province
    AgencyRef(
        "UBND-TNH",
        "Ủy ban nhân dân tỉnh Tây Ninh",
        "People's Committee of Tây Ninh province",
        "UBND",
        "province",
        short="UBND tỉnh",
    ),
    AgencyRef(
        "HDND-TNH",
        "Hội đồng nhân dân tỉnh Tây Ninh",
        "People's Council of Tây Ninh province",
        "HĐND",
        "province",
        short="HĐND tỉnh",
    ),
    AgencyRef(
        "CT-UBND-TNH",
        "Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh",
        "Chairman of the People's Committee of Tây Ninh province",
        "UBND",
        "province",
        parent="UBND-TNH",
        short="Chủ tịch UBND tỉnh",
    ),
)

#: departments (implementing agencies): code suffix, name, English, abbreviation in Tờ trình numbers
DEPARTMENTS: tuple[tuple[str, str, str, str], ...] = (
    ("STP", "Sở Tư pháp", "Department of Justice", "STP"),
    ("SYT", "Sở Y tế", "Department of Health", "SYT"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Department of Education and Training", "SGDĐT"),
    ("STNMT", "Sở Tài nguyên và Môi trường", "Department of Natural Resources and Environment", "STNMT"),
    ("SXD", "Sở Xây dựng", "Department of Construction", "SXD"),
    ("SGTVT", "Sở Giao thông vận tải", "Department of Transport", "SGTVT"),
    (
        "SNN",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Department of Agriculture and Rural Development",
        "SNN",
    ),
    ("STC", "Sở Tài chính", "Department of Finance", "STC"),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "Department of Labour, Invalids and Social Affairs",
        "SLĐTBXH",
    ),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism", "SVHTTDL"),
    ("SCT", "Sở Công Thương", "Department of Industry and Trade", "SCT"),
    ("SNV", "Sở Nội vụ", "Department of Home Affairs", "SNV"),
    ("STTTT", "Sở Thông tin và Truyền thông", "Department of Information and Communications", "STTTT"),
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "Office of the Provincial People's Committee", "VP"),
)

#: communes and wards of the province after the 2025 reorganisation (each has a People's Committee; the
#: first two also a People's Council issuing documents in the demo)
COMMUNES: tuple[tuple[str, str], ...] = (
    ("TANNINH", "phường Tân Ninh"),
    ("BINHMINH", "phường Bình Minh"),
    ("HOATHANH", "phường Hòa Thành"),
    ("TRANGBANG", "phường Trảng Bàng"),
    ("GODAU", "xã Gò Dầu"),
    ("DUONGMINHCHAU", "xã Dương Minh Châu"),
    ("TANBIEN", "xã Tân Biên"),
    ("CHAUTHANH", "xã Châu Thành"),
)
COMMUNE_COUNCILS = ("TANNINH", "GODAU")


def department_code(suffix: str) -> str:
    return f"{suffix}-TNH"


def all_agencies() -> list[AgencyRef]:
    """Every agency of the demo, parents before children."""
    out = list(AGENCIES)
    for suffix, name, name_en, abbrev in DEPARTMENTS:
        out.append(
            AgencyRef(
                department_code(suffix),
                f"{name} tỉnh Tây Ninh" if suffix != "VPUBND" else "Văn phòng Ủy ban nhân dân tỉnh Tây Ninh",
                f"{name_en}, Tây Ninh",
                abbrev,
                "province",
                parent="UBND-TNH",
                short=name,
            )
        )
    for suffix, name in COMMUNES:
        out.append(
            AgencyRef(
                f"UBND-{suffix}",
                f"Ủy ban nhân dân {name}",
                f"People's Committee of {name}",
                "UBND",
                "commune",
                parent="UBND-TNH",
                short=f"UBND {name}",
            )
        )
        if suffix in COMMUNE_COUNCILS:
            out.append(
                AgencyRef(
                    f"HDND-{suffix}",
                    f"Hội đồng nhân dân {name}",
                    f"People's Council of {name}",
                    "HĐND",
                    "commune",
                    short=f"HĐND {name}",
                )
            )
    return out


#: code, name, English name — about a dozen fields shared by documents and procedures
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("dat-dai", "Đất đai", "Land"),
    ("y-te", "Y tế", "Health"),
    ("giao-duc", "Giáo dục và Đào tạo", "Education and training"),
    ("ho-tich", "Hộ tịch", "Civil status"),
    ("tu-phap", "Tư pháp", "Justice"),
    ("xay-dung", "Xây dựng", "Construction"),
    ("giao-thong", "Giao thông vận tải", "Transport"),
    ("nong-nghiep", "Nông nghiệp", "Agriculture"),
    ("tai-chinh", "Tài chính", "Finance"),
    ("lao-dong", "Lao động, Thương binh và Xã hội", "Labour and social affairs"),
    ("van-hoa", "Văn hóa, Thể thao và Du lịch", "Culture, sports and tourism"),
    ("cong-thuong", "Công thương", "Industry and trade"),
    ("tai-nguyen-moi-truong", "Tài nguyên và Môi trường", "Natural resources and environment"),
    ("noi-vu", "Nội vụ", "Home affairs"),
)

#: the department that proposes documents of a field ("Theo đề nghị của Giám đốc Sở …")
FIELD_DEPARTMENT: dict[str, str] = {
    "dat-dai": "STNMT",
    "y-te": "SYT",
    "giao-duc": "SGDDT",
    "ho-tich": "STP",
    "tu-phap": "STP",
    "xay-dung": "SXD",
    "giao-thong": "SGTVT",
    "nong-nghiep": "SNN",
    "tai-chinh": "STC",
    "lao-dong": "SLDTBXH",
    "van-hoa": "SVHTTDL",
    "cong-thuong": "SCT",
    "tai-nguyen-moi-truong": "STNMT",
    "noi-vu": "SNV",
}


@dataclass(frozen=True)
class Term:
    """Who held an office from ``start`` (inclusive). The names are fictional."""

    start: date
    chair: str
    vice_chairs: tuple[str, ...]


#: People's Committee leadership by term (fictional names)
UBND_TERMS: tuple[Term, ...] = (
    Term(date(2004, 1, 1), "Võ Minh Hòa", ("Đặng Văn Bình", "Huỳnh Thị Lan", "Ngô Minh Tuấn")),
    Term(date(2011, 6, 1), "Trần Quốc Lâm", ("Trương Công Khanh", "Huỳnh Thị Lan", "Phan Quốc Việt")),
    Term(date(2016, 7, 1), "Phạm Thanh Sơn", ("Mai Văn Lộc", "Dương Thị Thanh", "Phan Quốc Việt")),
    Term(date(2021, 7, 1), "Nguyễn Hoàng Nam", ("Hồ Văn Kiệt", "Dương Thị Thanh", "Châu Minh Trí")),
    Term(date(2025, 7, 1), "Lê Văn Thành", ("Hồ Văn Kiệt", "Lưu Thị Diễm", "Tạ Quang Huy", "Châu Minh Trí")),
)
#: People's Council chairs by term (fictional names)
HDND_TERMS: tuple[Term, ...] = (
    Term(date(2004, 1, 1), "Đỗ Thị Mai", ()),
    Term(date(2016, 7, 1), "Huỳnh Văn Phúc", ()),
    Term(date(2021, 7, 1), "Lâm Thị Ngọc", ()),
)
#: HĐND terms (khóa) by start date: (start, roman numeral)
HDND_KHOA: tuple[tuple[date, str], ...] = (
    (date(2004, 5, 1), "VII"),
    (date(2011, 5, 22), "VIII"),
    (date(2016, 5, 22), "IX"),
    (date(2021, 5, 23), "X"),
)


def term_on(terms: tuple[Term, ...], day: date) -> Term:
    current = terms[0]
    for t in terms:
        if t.start <= day:
            current = t
    return current


def khoa_on(day: date) -> str:
    current = HDND_KHOA[0][1]
    for start, name in HDND_KHOA:
        if start <= day:
            current = name
    return current
