"""What the demo province legislates about: series of provincial documents, one-off documents, directives.

Pure data. A *series* is one subject regulated again and again: each generation replaces the previous one
(or, when it details a law that was itself replaced, the previous one expires with that law), and some
generations are amended in between. Titles are modelled on real provincial documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Series:
    """One subject regulated by successive documents of the province."""

    key: str
    field: str
    issuer: str  # "UBND" (Quyết định) or "HĐND" (Nghị quyết)
    summary: str  # trích yếu; may use {y} (issue year), {ny} (next year)
    years: tuple[int, ...]
    topics: tuple[str, ...] = ()  # topics of central documents cited as bases
    titles: dict[int, str] = field(default_factory=dict)  # trích yếu of one generation, by issue year
    jan1: bool = False  # issued in December, in force from 1 January of the next year
    details_law: bool = False  # each generation details the law of its topic in force when issued
    detailed_by_ubnd: bool = False  # an HĐND policy that a UBND decision details (quy định chi tiết)
    amend: float = 0.35  # chance that a generation is amended before the next one
    terms: dict[int, str] = field(default_factory=dict)  # stated end date (ISO) of a generation


SERIES: tuple[Series, ...] = (
    # ---------------------------------------------------------------- Đất đai
    Series(
        "land-price",
        "dat-dai",
        "UBND",
        "Ban hành Bảng giá các loại đất trên địa bàn tỉnh Tây Ninh năm {ny}",
        (2008, 2009, 2010, 2011, 2012, 2014, 2019, 2025),
        ("land", "land-price"),
        titles={
            2014: "Ban hành Bảng giá đất trên địa bàn tỉnh Tây Ninh áp dụng cho giai đoạn 2015 - 2019",
            2019: "Ban hành Bảng giá đất trên địa bàn tỉnh Tây Ninh áp dụng cho giai đoạn 2020 - 2024",
            2025: "Ban hành Bảng giá đất lần đầu trên địa bàn tỉnh Tây Ninh áp dụng từ ngày 01 tháng 01 năm 2026",
        },
        jan1=True,
        amend=0.3,
    ),
    Series(
        "land-limit",
        "dat-dai",
        "UBND",
        "Ban hành Quy định hạn mức giao đất ở, hạn mức công nhận đất ở và hạn mức giao đất chưa sử dụng "
        "cho hộ gia đình, cá nhân trên địa bàn tỉnh Tây Ninh",
        (2014, 2024),
        ("land",),
        details_law=True,
        amend=0.0,
    ),
    Series(
        "land-split",
        "dat-dai",
        "UBND",
        "Ban hành Quy định diện tích tối thiểu được tách thửa đối với từng loại đất trên địa bàn tỉnh Tây Ninh",
        (2014, 2017, 2024),
        ("land",),
        details_law=True,
        amend=0.3,
    ),
    Series(
        "land-comp",
        "dat-dai",
        "UBND",
        "Ban hành Quy định chi tiết về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất trên địa bàn "
        "tỉnh Tây Ninh",
        (2010, 2014, 2020, 2024),
        ("land-comp", "land"),
        amend=0.5,
    ),
    # ---------------------------------------------------------------- Y tế
    Series(
        "health-price",
        "y-te",
        "HĐND",
        "Quy định giá dịch vụ khám bệnh, chữa bệnh không thuộc phạm vi thanh toán của Quỹ bảo hiểm y tế trong "
        "các cơ sở khám bệnh, chữa bệnh của Nhà nước trên địa bàn tỉnh Tây Ninh",
        (2013, 2017, 2020, 2024),
        ("health", "fees"),
    ),
    Series(
        "health-org",
        "y-te",
        "UBND",
        "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Y tế tỉnh Tây Ninh",
        (2016, 2021, 2025),
        ("org", "health"),
        amend=0.2,
    ),
    Series(
        "doctors",
        "y-te",
        "HĐND",
        "Quy định chính sách thu hút, hỗ trợ bác sĩ về công tác tại các cơ sở y tế công lập trên địa bàn tỉnh "
        "Tây Ninh",
        (2012, 2018, 2025),
        ("health", "budget"),
        detailed_by_ubnd=True,
    ),
    Series(
        "food-safety",
        "y-te",
        "UBND",
        "Ban hành Quy định phân công, phân cấp quản lý nhà nước về an toàn thực phẩm trên địa bàn tỉnh Tây Ninh",
        (2014, 2019, 2024),
        ("health",),
    ),
    # ---------------------------------------------------------------- Giáo dục và Đào tạo
    Series(
        "tuition",
        "giao-duc",
        "HĐND",
        "Quy định mức thu học phí đối với cơ sở giáo dục mầm non, giáo dục phổ thông công lập trên địa bàn "
        "tỉnh Tây Ninh năm học {y} - {ny}",
        (2010, 2016, 2021, 2022, 2023, 2024, 2025, 2026),
        ("edu-fee", "edu", "fees"),
        titles={
            2010: "Quy định mức thu học phí đối với cơ sở giáo dục mầm non, giáo dục phổ thông công lập trên địa "
            "bàn tỉnh Tây Ninh từ năm học 2010 - 2011 đến năm học 2014 - 2015",
            2016: "Quy định mức thu học phí đối với cơ sở giáo dục mầm non, giáo dục phổ thông công lập trên địa "
            "bàn tỉnh Tây Ninh từ năm học 2016 - 2017 đến năm học 2020 - 2021",
        },
        terms={
            2016: "2021-06-01",
            2021: "2022-06-01",
            2022: "2023-06-01",
            2023: "2024-06-01",
            2024: "2025-06-01",
            2025: "2026-06-01",
            2026: "2027-06-01",
        },
        amend=0.0,
    ),
    Series(
        "extra-classes",
        "giao-duc",
        "UBND",
        "Ban hành Quy định về dạy thêm, học thêm trên địa bàn tỉnh Tây Ninh",
        (2013, 2019, 2025),
        ("edu",),
    ),
    Series(
        "preschool",
        "giao-duc",
        "HĐND",
        "Quy định chính sách hỗ trợ đối với giáo viên mầm non và trẻ em mầm non ở các cơ sở giáo dục mầm non "
        "ngoài công lập trên địa bàn tỉnh Tây Ninh",
        (2014, 2020, 2025),
        ("edu", "budget"),
        detailed_by_ubnd=True,
    ),
    Series(
        "community-learning",
        "giao-duc",
        "UBND",
        "Ban hành Quy chế tổ chức và hoạt động của trung tâm học tập cộng đồng trên địa bàn tỉnh Tây Ninh",
        (2011, 2019),
        ("edu",),
    ),
    # ---------------------------------------------------------------- Hộ tịch
    Series(
        "civil-fee",
        "ho-tich",
        "HĐND",
        "Quy định mức thu, miễn, giảm, chế độ thu, nộp, quản lý và sử dụng lệ phí hộ tịch trên địa bàn tỉnh "
        "Tây Ninh",
        (2008, 2012, 2016, 2020, 2025),
        ("fees", "civil"),
    ),
    Series(
        "civil-delegation",
        "ho-tich",
        "UBND",
        "Ban hành Quy định phân cấp, ủy quyền trong công tác đăng ký, quản lý hộ tịch trên địa bàn tỉnh Tây Ninh",
        (2016, 2025),
        ("civil",),
    ),
    # ---------------------------------------------------------------- Tư pháp
    Series(
        "review",
        "tu-phap",
        "UBND",
        "Ban hành Quy chế phối hợp trong công tác kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật "
        "trên địa bàn tỉnh Tây Ninh",
        (2011, 2017, 2025),
        ("review",),
    ),
    Series(
        "lawmaking-budget",
        "tu-phap",
        "HĐND",
        "Quy định mức chi bảo đảm cho công tác xây dựng văn bản quy phạm pháp luật và hoàn thiện hệ thống pháp "
        "luật trên địa bàn tỉnh Tây Ninh",
        (2012, 2017, 2023),
        ("budget",),
    ),
    Series(
        "justice-org",
        "tu-phap",
        "UBND",
        "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp tỉnh Tây Ninh",
        (2016, 2021, 2025),
        ("org", "justice"),
        amend=0.2,
    ),
    Series(
        "legal-education",
        "tu-phap",
        "UBND",
        "Ban hành Quy chế phối hợp trong công tác phổ biến, giáo dục pháp luật trên địa bàn tỉnh Tây Ninh",
        (2013, 2018),
        ("justice",),
    ),
    # ---------------------------------------------------------------- Xây dựng
    Series(
        "building-permit",
        "xay-dung",
        "UBND",
        "Ban hành Quy định về cấp giấy phép xây dựng trên địa bàn tỉnh Tây Ninh",
        (2010, 2015, 2021, 2025),
        ("construction",),
        amend=0.5,
    ),
    Series(
        "construction-quality",
        "xay-dung",
        "UBND",
        "Ban hành Quy định phân cấp quản lý chất lượng công trình xây dựng trên địa bàn tỉnh Tây Ninh",
        (2013, 2016, 2021),
        ("construction",),
    ),
    Series(
        "building-price",
        "xay-dung",
        "UBND",
        "Ban hành Bảng giá xây dựng mới nhà ở, công trình, vật kiến trúc trên địa bàn tỉnh Tây Ninh",
        (2012, 2016, 2020, 2023),
        ("construction",),
    ),
    # ---------------------------------------------------------------- Giao thông vận tải
    Series(
        "sidewalks",
        "giao-thong",
        "UBND",
        "Ban hành Quy định về quản lý và sử dụng tạm thời một phần lòng đường, hè phố trên địa bàn tỉnh Tây Ninh",
        (2012, 2018, 2025),
        ("traffic",),
    ),
    Series(
        "taxi",
        "giao-thong",
        "UBND",
        "Ban hành Quy định về quản lý hoạt động vận tải hành khách bằng xe taxi trên địa bàn tỉnh Tây Ninh",
        (2011, 2016),
        ("traffic",),
    ),
    Series(
        "ferries",
        "giao-thong",
        "UBND",
        "Ban hành Quy định về quản lý bến khách ngang sông trên địa bàn tỉnh Tây Ninh",
        (2010, 2017, 2022),
        ("traffic",),
    ),
    # ---------------------------------------------------------------- Nông nghiệp
    Series(
        "livestock",
        "nong-nghiep",
        "HĐND",
        "Quy định chính sách hỗ trợ phát triển chăn nuôi nông hộ trên địa bàn tỉnh Tây Ninh",
        (2016, 2021, 2025),
        ("agri", "budget"),
        detailed_by_ubnd=True,
    ),
    Series(
        "agri-investment",
        "nong-nghiep",
        "HĐND",
        "Quy định chính sách khuyến khích doanh nghiệp đầu tư vào nông nghiệp, nông thôn trên địa bàn tỉnh Tây "
        "Ninh",
        (2015, 2019, 2024),
        ("agri", "budget"),
    ),
    Series(
        "disaster-aid",
        "nong-nghiep",
        "UBND",
        "Ban hành Quy định mức hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do thiên "
        "tai, dịch bệnh trên địa bàn tỉnh Tây Ninh",
        (2014, 2018, 2022),
        ("agri",),
    ),
    Series(
        "irrigation-price",
        "nong-nghiep",
        "UBND",
        "Quy định giá sản phẩm, dịch vụ công ích thủy lợi trên địa bàn tỉnh Tây Ninh",
        (2018, 2023),
        ("agri", "fees"),
    ),
    # ---------------------------------------------------------------- Tài chính
    Series(
        "budget-split",
        "tai-chinh",
        "HĐND",
        "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách địa phương tỉnh Tây Ninh",
        (2010, 2016, 2021, 2025),
        ("budget",),
        titles={
            2010: "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách địa phương tỉnh Tây Ninh "
            "giai đoạn 2011 - 2015",
            2016: "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách địa phương tỉnh Tây Ninh "
            "giai đoạn 2017 - 2020",
            2021: "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách địa phương tỉnh Tây Ninh "
            "giai đoạn 2022 - 2025",
            2025: "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách địa phương tỉnh Tây Ninh "
            "giai đoạn 2026 - 2030",
        },
        jan1=True,
        amend=0.2,
    ),
    Series(
        "budget-norms",
        "tai-chinh",
        "HĐND",
        "Quy định định mức phân bổ dự toán chi thường xuyên ngân sách địa phương tỉnh Tây Ninh",
        (2010, 2016, 2021, 2025),
        ("budget",),
        jan1=True,
    ),
    Series(
        "vehicles",
        "tai-chinh",
        "UBND",
        "Ban hành Quy định tiêu chuẩn, định mức sử dụng xe ô tô chuyên dùng trang bị cho các cơ quan, tổ chức, "
        "đơn vị thuộc phạm vi quản lý của tỉnh Tây Ninh",
        (2018, 2023),
        ("assets",),
    ),
    Series(
        "water-price",
        "tai-chinh",
        "UBND",
        "Quy định giá bán lẻ nước sạch sinh hoạt trên địa bàn tỉnh Tây Ninh",
        (2012, 2016, 2021, 2025),
        ("fees",),
    ),
    # ---------------------------------------------------------------- Lao động, Thương binh và Xã hội
    Series(
        "poverty",
        "lao-dong",
        "UBND",
        "Ban hành chuẩn nghèo, chuẩn cận nghèo áp dụng trên địa bàn tỉnh Tây Ninh",
        (2011, 2016, 2022),
        ("poverty",),
        titles={
            2011: "Ban hành chuẩn nghèo, chuẩn cận nghèo áp dụng trên địa bàn tỉnh Tây Ninh giai đoạn 2011 - 2015",
            2016: "Ban hành chuẩn nghèo, chuẩn cận nghèo áp dụng trên địa bàn tỉnh Tây Ninh giai đoạn 2016 - 2020",
            2022: "Ban hành chuẩn nghèo, chuẩn cận nghèo áp dụng trên địa bàn tỉnh Tây Ninh giai đoạn 2022 - 2025",
        },
        terms={2011: "2016-01-01", 2016: "2022-01-01", 2022: "2026-01-01"},
        amend=0.0,
    ),
    Series(
        "social-aid",
        "lao-dong",
        "HĐND",
        "Quy định mức chuẩn trợ giúp xã hội và mức trợ giúp xã hội đối với đối tượng bảo trợ xã hội trên địa "
        "bàn tỉnh Tây Ninh",
        (2014, 2021, 2025),
        ("social", "budget"),
        detailed_by_ubnd=True,
    ),
    Series(
        "overseas-workers",
        "lao-dong",
        "HĐND",
        "Quy định chính sách hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng trên địa bàn tỉnh Tây "
        "Ninh",
        (2016, 2022),
        ("labour",),
    ),
    Series(
        "vocational",
        "lao-dong",
        "UBND",
        "Ban hành Quy định mức hỗ trợ đào tạo nghề trình độ sơ cấp và đào tạo dưới 3 tháng trên địa bàn tỉnh "
        "Tây Ninh",
        (2015, 2020, 2024),
        ("labour",),
    ),
    # ---------------------------------------------------------------- Văn hóa, Thể thao và Du lịch
    Series(
        "advertising",
        "van-hoa",
        "UBND",
        "Ban hành Quy chế quản lý hoạt động quảng cáo ngoài trời trên địa bàn tỉnh Tây Ninh",
        (2013, 2018, 2024),
        ("culture",),
    ),
    Series(
        "civilised-lifestyle",
        "van-hoa",
        "UBND",
        "Ban hành Quy định về thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội trên địa bàn tỉnh "
        "Tây Ninh",
        (2009, 2019),
        ("culture",),
    ),
    Series(
        "ba-den-fee",
        "van-hoa",
        "HĐND",
        "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan Khu di tích lịch sử văn hóa và danh "
        "lam thắng cảnh núi Bà Đen",
        (2012, 2017, 2023),
        ("fees", "culture"),
    ),
    Series(
        "cultural-family",
        "van-hoa",
        "UBND",
        "Ban hành Quy định xét tặng danh hiệu Gia đình văn hóa, Ấp, Khu phố văn hóa trên địa bàn tỉnh Tây Ninh",
        (2011, 2020),
        ("culture",),
    ),
    # ---------------------------------------------------------------- Công thương
    Series(
        "industrial-clusters",
        "cong-thuong",
        "UBND",
        "Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh Tây Ninh",
        (2011, 2018, 2024),
        ("industry",),
    ),
    Series(
        "markets",
        "cong-thuong",
        "UBND",
        "Ban hành Quy định về phát triển và quản lý chợ trên địa bàn tỉnh Tây Ninh",
        (2010, 2016, 2024),
        ("market",),
    ),
    Series(
        "trade-promotion",
        "cong-thuong",
        "UBND",
        "Ban hành Quy chế xây dựng, quản lý và thực hiện Chương trình xúc tiến thương mại tỉnh Tây Ninh",
        (2015, 2021),
        ("industry",),
    ),
    # ---------------------------------------------------------------- Tài nguyên và Môi trường
    Series(
        "solid-waste",
        "tai-nguyen-moi-truong",
        "UBND",
        "Ban hành Quy định về quản lý chất thải rắn sinh hoạt trên địa bàn tỉnh Tây Ninh",
        (2014, 2019, 2024),
        ("env",),
    ),
    Series(
        "mineral-fee",
        "tai-nguyen-moi-truong",
        "HĐND",
        "Quy định mức thu phí bảo vệ môi trường đối với khai thác khoáng sản trên địa bàn tỉnh Tây Ninh",
        (2012, 2017, 2022),
        ("fees", "env"),
    ),
    Series(
        "environment",
        "tai-nguyen-moi-truong",
        "UBND",
        "Ban hành Quy định về bảo vệ môi trường trên địa bàn tỉnh Tây Ninh",
        (2012, 2016, 2023),
        ("env",),
    ),
    Series(
        "water-resources",
        "tai-nguyen-moi-truong",
        "UBND",
        "Ban hành Quy định về quản lý tài nguyên nước trên địa bàn tỉnh Tây Ninh",
        (2013, 2020),
        ("env",),
    ),
    # ---------------------------------------------------------------- Nội vụ
    Series(
        "one-stop",
        "noi-vu",
        "UBND",
        "Ban hành Quy chế tổ chức và hoạt động của Bộ phận Một cửa các cấp trên địa bàn tỉnh Tây Ninh",
        (2015, 2019, 2025),
        ("onestop", "onestop-e"),
    ),
    Series(
        "staff",
        "noi-vu",
        "UBND",
        "Ban hành Quy định phân cấp quản lý tổ chức bộ máy, biên chế, cán bộ, công chức, viên chức trên địa bàn "
        "tỉnh Tây Ninh",
        (2012, 2017, 2022, 2025),
        ("org",),
    ),
    Series(
        "records",
        "noi-vu",
        "UBND",
        "Ban hành Quy chế công tác văn thư, lưu trữ của các cơ quan, tổ chức trên địa bàn tỉnh Tây Ninh",
        (2011, 2016, 2021),
        ("records",),
    ),
    Series(
        "emulation",
        "noi-vu",
        "UBND",
        "Ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh Tây Ninh",
        (2010, 2015, 2019, 2024),
        ("org",),
    ),
)

#: one-off decisions of 2008–2015 (field, trích yếu): most were repealed in one act in 2023
ORPHANS: tuple[tuple[str, str], ...] = (
    (
        "dat-dai",
        "Ban hành Quy định về trình tự, thủ tục thu hồi đất, giao đất, cho thuê đất trên địa bàn tỉnh Tây Ninh",
    ),
    (
        "dat-dai",
        "Ban hành Quy định về cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân đang sử dụng đất tại xã, thị trấn",
    ),
    ("dat-dai", "Quy định về đơn giá cho thuê đất, thuê mặt nước trên địa bàn tỉnh Tây Ninh"),
    ("y-te", "Ban hành Quy định về quản lý hoạt động hành nghề y, dược tư nhân trên địa bàn tỉnh Tây Ninh"),
    (
        "y-te",
        "Về việc thành lập Ban Chỉ đạo phòng, chống dịch cúm gia cầm và cúm A (H1N1) ở người tỉnh Tây Ninh",
    ),
    ("giao-duc", "Ban hành Quy định về phân cấp quản lý nhà nước về giáo dục trên địa bàn tỉnh Tây Ninh"),
    (
        "giao-duc",
        "Ban hành Quy chế quản lý, sử dụng ký túc xá học sinh, sinh viên trên địa bàn tỉnh Tây Ninh",
    ),
    (
        "ho-tich",
        "Ban hành Quy định về phân cấp thẩm quyền đăng ký hộ tịch có yếu tố nước ngoài trên địa bàn tỉnh Tây Ninh",
    ),
    (
        "tu-phap",
        "Ban hành Quy chế phối hợp trong công tác xây dựng, ban hành văn bản quy phạm pháp luật của Ủy ban nhân dân tỉnh Tây Ninh",
    ),
    (
        "tu-phap",
        "Ban hành Quy định về công tác kiểm tra, xử lý văn bản quy phạm pháp luật trên địa bàn tỉnh Tây Ninh",
    ),
    ("tu-phap", "Ban hành Quy chế phối hợp cung cấp thông tin lý lịch tư pháp trên địa bàn tỉnh Tây Ninh"),
    ("xay-dung", "Ban hành Quy định về quản lý quy hoạch xây dựng nông thôn mới trên địa bàn tỉnh Tây Ninh"),
    ("xay-dung", "Ban hành Quy định về quản lý nghĩa trang nhân dân trên địa bàn tỉnh Tây Ninh"),
    (
        "giao-thong",
        "Ban hành Quy định về tổ chức, quản lý hoạt động xe thô sơ, xe gắn máy, xe mô tô hai bánh, ba bánh vận chuyển hành khách, hàng hóa",
    ),
    (
        "giao-thong",
        "Ban hành Quy định về quản lý, bảo trì hệ thống đường giao thông nông thôn trên địa bàn tỉnh Tây Ninh",
    ),
    ("nong-nghiep", "Ban hành Quy định về quản lý giống cây trồng, vật nuôi trên địa bàn tỉnh Tây Ninh"),
    ("nong-nghiep", "Ban hành Quy định về phòng cháy, chữa cháy rừng trên địa bàn tỉnh Tây Ninh"),
    ("nong-nghiep", "Quy định mức hỗ trợ phát triển kinh tế trang trại trên địa bàn tỉnh Tây Ninh"),
    (
        "tai-chinh",
        "Ban hành Quy định về quản lý, sử dụng kinh phí sự nghiệp môi trường trên địa bàn tỉnh Tây Ninh",
    ),
    (
        "tai-chinh",
        "Quy định mức thu lệ phí trước bạ đối với xe ô tô chở người dưới 10 chỗ ngồi trên địa bàn tỉnh Tây Ninh",
    ),
    (
        "tai-chinh",
        "Ban hành Quy định về quản lý, sử dụng tài sản nhà nước tại cơ quan, đơn vị sự nghiệp cấp xã",
    ),
    (
        "lao-dong",
        "Ban hành Quy định về thực hiện chính sách hỗ trợ hộ nghèo về nhà ở trên địa bàn tỉnh Tây Ninh",
    ),
    ("lao-dong", "Ban hành Quy chế quản lý, sử dụng Quỹ Bảo trợ trẻ em tỉnh Tây Ninh"),
    ("van-hoa", "Ban hành Quy định về quản lý hoạt động karaoke, vũ trường trên địa bàn tỉnh Tây Ninh"),
    (
        "van-hoa",
        "Ban hành Quy chế quản lý di tích lịch sử - văn hóa và danh lam thắng cảnh trên địa bàn tỉnh Tây Ninh",
    ),
    ("cong-thuong", "Ban hành Quy định về quản lý hoạt động kinh doanh xăng dầu trên địa bàn tỉnh Tây Ninh"),
    ("cong-thuong", "Ban hành Quy chế quản lý hoạt động khuyến công trên địa bàn tỉnh Tây Ninh"),
    (
        "tai-nguyen-moi-truong",
        "Ban hành Quy định về cấp phép thăm dò, khai thác khoáng sản làm vật liệu xây dựng thông thường",
    ),
    (
        "tai-nguyen-moi-truong",
        "Ban hành Quy định về thu gom, vận chuyển và xử lý chất thải y tế trên địa bàn tỉnh Tây Ninh",
    ),
    ("noi-vu", "Ban hành Quy định về tuyển dụng công chức cấp xã trên địa bàn tỉnh Tây Ninh"),
    ("noi-vu", "Ban hành Quy chế tổ chức và hoạt động của Ban Thi đua - Khen thưởng tỉnh Tây Ninh"),
    (
        "noi-vu",
        "Ban hành Quy định về số lượng, chức danh và mức phụ cấp đối với người hoạt động không chuyên trách ở xã, phường, thị trấn",
    ),
)

#: directives (Chỉ thị) of the UBND, a VBQPPL form until 2016 (field, trích yếu)
DIRECTIVES: tuple[tuple[str, str], ...] = (
    (
        "tai-nguyen-moi-truong",
        "Về tăng cường công tác quản lý nhà nước đối với hoạt động khai thác cát trên địa bàn tỉnh",
    ),
    ("nong-nghiep", "Về tăng cường công tác phòng, chống dịch bệnh gia súc, gia cầm trên địa bàn tỉnh"),
    ("giao-duc", "Về việc thực hiện nhiệm vụ năm học trên địa bàn tỉnh"),
    ("y-te", "Về tăng cường công tác bảo đảm vệ sinh an toàn thực phẩm trên địa bàn tỉnh"),
    ("giao-thong", "Về tăng cường công tác bảo đảm trật tự an toàn giao thông trên địa bàn tỉnh"),
    ("tu-phap", "Về tăng cường công tác kiểm tra, rà soát văn bản quy phạm pháp luật trên địa bàn tỉnh"),
    ("ho-tich", "Về tăng cường công tác đăng ký và quản lý hộ tịch trên địa bàn tỉnh"),
    ("dat-dai", "Về tăng cường công tác quản lý đất đai, đo đạc, cấp giấy chứng nhận quyền sử dụng đất"),
    ("xay-dung", "Về tăng cường quản lý trật tự xây dựng trên địa bàn tỉnh"),
    ("tai-chinh", "Về tăng cường công tác quản lý thu ngân sách nhà nước trên địa bàn tỉnh"),
    ("lao-dong", "Về tăng cường công tác giảm nghèo bền vững trên địa bàn tỉnh"),
    ("van-hoa", "Về tăng cường quản lý, tổ chức lễ hội trên địa bàn tỉnh"),
    (
        "cong-thuong",
        "Về tăng cường công tác quản lý thị trường, chống buôn lậu, gian lận thương mại và hàng giả",
    ),
    ("noi-vu", "Về tăng cường kỷ luật, kỷ cương hành chính trong cơ quan hành chính nhà nước"),
    ("nong-nghiep", "Về tăng cường công tác phòng cháy, chữa cháy rừng mùa khô"),
    ("tai-nguyen-moi-truong", "Về tăng cường công tác bảo vệ môi trường tại các khu, cụm công nghiệp"),
    ("noi-vu", "Về đẩy mạnh cải cách hành chính trên địa bàn tỉnh"),
    ("y-te", "Về tăng cường công tác phòng, chống dịch sốt xuất huyết trên địa bàn tỉnh"),
)

#: HĐND resolutions of 2008–2012 repealed by a resolution of 2020 (field, trích yếu)
OLD_RESOLUTIONS: tuple[tuple[str, str], ...] = (
    ("tai-chinh", "Về mức thu phí chợ trên địa bàn tỉnh Tây Ninh"),
    ("tai-chinh", "Về mức thu phí trông giữ xe đạp, xe máy, ô tô trên địa bàn tỉnh Tây Ninh"),
    (
        "giao-duc",
        "Về chính sách khuyến khích xã hội hóa đối với các hoạt động trong lĩnh vực giáo dục - đào tạo",
    ),
    ("van-hoa", "Về mức chi chế độ dinh dưỡng đối với huấn luyện viên, vận động viên thể thao"),
    ("noi-vu", "Về chế độ phụ cấp đối với cán bộ không chuyên trách ở ấp, khu phố"),
)

#: commune-level documents since 1 July 2025 (agency code suffix, type, trích yếu)
COMMUNE_DOCS: tuple[tuple[str, str, str, str], ...] = (
    (
        "GODAU",
        "NQ",
        "tai-chinh",
        "Quy định mức chi hỗ trợ hoạt động của các tổ chức chính trị - xã hội trên địa bàn xã Gò Dầu",
    ),
    (
        "GODAU",
        "NQ",
        "van-hoa",
        "Quy định mức hỗ trợ xây dựng thiết chế văn hóa, thể thao ấp trên địa bàn xã Gò Dầu",
    ),
    ("TANNINH", "QĐ", "cong-thuong", "Ban hành Quy chế quản lý chợ Tân Ninh"),
    (
        "TANNINH",
        "NQ",
        "giao-thong",
        "Quy định mức thu tiền sử dụng tạm thời một phần hè phố trên địa bàn phường Tân Ninh",
    ),
)
