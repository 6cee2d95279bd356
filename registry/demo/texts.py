"""Plausible full texts for the demo documents: header, Căn cứ lines naming the bases, articles, the effect
clause, the signature block, and an appendix where real documents have one. Pure module.

The texts follow the layout of the real documents in /work/shared/corpus (DOMAIN.md §2.5), so the citation
extractor and full-text search have realistic material. Wording is deterministic per document key.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from registry.demo import reference as ref
from registry.documents.models import DOC_TYPES
from registry.documents.validity import EventKind, RelationKind

if TYPE_CHECKING:
    from registry.demo.generate import DocSpec, Plan, RelSpec

DISTRICTS_BEFORE = "Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố"
COMMUNES_AFTER = "Chủ tịch Ủy ban nhân dân các xã, phường"
REFORM = date(2025, 7, 1)  # two-level local government: districts abolished

#: what articles of a field's regulations talk about (sentences reused to fill the texts)
FIELD_SENTENCES: dict[str, tuple[str, ...]] = {
    "dat-dai": (
        "Việc giao đất, cho thuê đất, công nhận quyền sử dụng đất phải bảo đảm đúng quy hoạch, kế hoạch sử dụng "
        "đất đã được cơ quan nhà nước có thẩm quyền phê duyệt.",
        "Giá đất được xác định theo mục đích sử dụng đất hợp pháp tại thời điểm định giá, theo vị trí, khu vực "
        "và loại đường phố.",
        "Ủy ban nhân dân cấp xã có trách nhiệm niêm yết công khai kết quả kiểm đếm, phương án bồi thường, hỗ "
        "trợ, tái định cư tại trụ sở và điểm sinh hoạt chung của khu dân cư.",
        "Thửa đất sau khi tách thửa phải có diện tích, kích thước cạnh tối thiểu và lối đi kết nối với đường "
        "giao thông công cộng theo quy định.",
    ),
    "y-te": (
        "Các cơ sở khám bệnh, chữa bệnh có trách nhiệm niêm yết công khai giá dịch vụ tại nơi tiếp đón người bệnh.",
        "Sở Y tế chủ trì, phối hợp với các sở, ngành kiểm tra việc chấp hành quy định về an toàn thực phẩm.",
        "Bác sĩ được tiếp nhận về công tác được hưởng khoản hỗ trợ một lần và được ưu tiên cử đi đào tạo chuyên "
        "khoa.",
        "Cơ sở y tế công lập thực hiện việc thu, nộp và quản lý nguồn thu theo quy định của pháp luật về ngân "
        "sách nhà nước.",
    ),
    "giao-duc": (
        "Học phí được thu định kỳ hằng tháng; nếu phụ huynh tự nguyện, nhà trường có thể thu một lần cho cả "
        "học kỳ.",
        "Nhà trường không được tổ chức dạy thêm đối với học sinh đã được nhà trường tổ chức dạy hai buổi trên "
        "ngày.",
        "Giáo viên mầm non làm việc tại cơ sở giáo dục ngoài công lập được hỗ trợ hằng tháng theo mức quy định "
        "tại Nghị quyết này.",
        "Trung tâm học tập cộng đồng chịu sự quản lý, chỉ đạo trực tiếp của Ủy ban nhân dân cấp xã.",
    ),
    "ho-tich": (
        "Lệ phí hộ tịch được nộp khi cá nhân yêu cầu đăng ký sự kiện hộ tịch, trừ các trường hợp được miễn lệ "
        "phí.",
        "Miễn lệ phí đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân Việt Nam cư trú ở trong "
        "nước.",
        "Công chức tư pháp - hộ tịch có trách nhiệm cập nhật đầy đủ, kịp thời thông tin hộ tịch vào Cơ sở dữ "
        "liệu hộ tịch điện tử.",
    ),
    "tu-phap": (
        "Sở Tư pháp là cơ quan đầu mối giúp Ủy ban nhân dân tỉnh kiểm tra, rà soát, hệ thống hóa văn bản quy "
        "phạm pháp luật.",
        "Cơ quan chủ trì soạn thảo có trách nhiệm gửi hồ sơ dự thảo văn bản đến Sở Tư pháp để thẩm định chậm "
        "nhất 20 ngày trước ngày Ủy ban nhân dân tỉnh họp.",
        "Kết quả rà soát được cập nhật vào Cơ sở dữ liệu quốc gia về pháp luật trong thời hạn 03 ngày làm việc.",
        "Kinh phí bảo đảm cho công tác phổ biến, giáo dục pháp luật được bố trí trong dự toán chi thường xuyên "
        "của cơ quan, đơn vị.",
    ),
    "xay-dung": (
        "Công trình xây dựng phải có giấy phép xây dựng trước khi khởi công, trừ các trường hợp được miễn giấy "
        "phép xây dựng.",
        "Ủy ban nhân dân cấp xã cấp giấy phép xây dựng đối với nhà ở riêng lẻ trên địa bàn do mình quản lý.",
        "Chủ đầu tư có trách nhiệm thông báo ngày khởi công cho cơ quan cấp giấy phép và Ủy ban nhân dân cấp xã "
        "nơi xây dựng công trình.",
        "Đơn giá xây dựng mới nhà ở được áp dụng để tính bồi thường khi Nhà nước thu hồi đất.",
    ),
    "giao-thong": (
        "Việc sử dụng tạm thời một phần lòng đường, hè phố phải bảo đảm phần hè phố còn lại dành cho người đi bộ "
        "có bề rộng tối thiểu 1,5 mét.",
        "Phương tiện chở khách ngang sông phải có giấy chứng nhận an toàn kỹ thuật và trang bị đủ áo phao cho "
        "hành khách.",
        "Doanh nghiệp kinh doanh vận tải bằng xe taxi phải niêm yết giá cước và số điện thoại tiếp nhận phản ánh.",
    ),
    "nong-nghiep": (
        "Hộ chăn nuôi được hỗ trợ một lần chi phí xây dựng công trình khí sinh học xử lý chất thải chăn nuôi.",
        "Mức hỗ trợ khôi phục sản xuất được tính theo diện tích cây trồng bị thiệt hại từ 30% trở lên.",
        "Doanh nghiệp có dự án đầu tư vào nông nghiệp được hỗ trợ tiền thuê đất, thuê mặt nước theo quy định.",
        "Giá sản phẩm, dịch vụ công ích thủy lợi được áp dụng cho các tổ chức, cá nhân sử dụng nước tưới.",
    ),
    "tai-chinh": (
        "Nguồn thu ngân sách cấp tỉnh hưởng 100% gồm các khoản thu từ doanh nghiệp nhà nước do tỉnh quản lý.",
        "Định mức phân bổ dự toán chi thường xuyên được tính theo tiêu chí dân số và đơn vị hành chính.",
        "Cơ quan, đơn vị được giao quản lý, sử dụng tài sản công có trách nhiệm hạch toán, báo cáo tài sản theo "
        "quy định.",
        "Giá bán lẻ nước sạch sinh hoạt đã bao gồm thuế giá trị gia tăng và phí bảo vệ môi trường đối với nước "
        "thải.",
    ),
    "lao-dong": (
        "Mức chuẩn trợ giúp xã hội áp dụng trên địa bàn tỉnh là căn cứ xác định mức trợ cấp xã hội hằng tháng.",
        "Người lao động thuộc hộ nghèo, hộ cận nghèo đi làm việc ở nước ngoài được hỗ trợ chi phí học ngoại ngữ.",
        "Hộ nghèo, hộ cận nghèo được xác định theo chuẩn nghèo đa chiều áp dụng cho từng giai đoạn.",
        "Người học các lớp đào tạo nghề dưới 3 tháng được hỗ trợ tiền ăn, tiền đi lại theo mức quy định.",
    ),
    "van-hoa": (
        "Biển quảng cáo ngoài trời phải bảo đảm mỹ quan đô thị và an toàn công trình theo quy hoạch đã được phê "
        "duyệt.",
        "Việc tổ chức lễ hội phải tiết kiệm, không phô trương, lãng phí, giữ gìn bản sắc văn hóa dân tộc.",
        "Danh hiệu Gia đình văn hóa được xét tặng hằng năm và công nhận hai năm một lần.",
        "Phí tham quan được thu tại cổng khu di tích và được sử dụng cho công tác bảo tồn, tôn tạo di tích.",
    ),
    "cong-thuong": (
        "Cụm công nghiệp phải có hệ thống xử lý nước thải tập trung trước khi đưa vào hoạt động.",
        "Chợ được phân hạng theo quy mô điểm kinh doanh và được quản lý bởi doanh nghiệp, hợp tác xã hoặc ban "
        "quản lý chợ.",
        "Chương trình xúc tiến thương mại được xây dựng hằng năm trên cơ sở đề xuất của các hiệp hội, doanh "
        "nghiệp.",
    ),
    "tai-nguyen-moi-truong": (
        "Chất thải rắn sinh hoạt phải được phân loại tại nguồn thành chất thải có khả năng tái chế, chất thải "
        "thực phẩm và chất thải khác.",
        "Tổ chức, cá nhân khai thác khoáng sản nộp phí bảo vệ môi trường theo khối lượng đất, đá khai thác.",
        "Việc khai thác, sử dụng nước mặt, nước dưới đất phải có giấy phép, trừ trường hợp không phải đăng ký.",
    ),
    "noi-vu": (
        "Bộ phận Một cửa tiếp nhận, hướng dẫn, số hóa hồ sơ và trả kết quả giải quyết thủ tục hành chính.",
        "Cơ quan, đơn vị phải lập hồ sơ công việc và nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan đúng hạn.",
        "Việc khen thưởng phải bảo đảm chính xác, công khai, công bằng, kịp thời.",
        "Ủy ban nhân dân tỉnh phân cấp cho Giám đốc sở quyết định việc tuyển dụng viên chức tại các đơn vị trực "
        "thuộc.",
    ),
}

TYPE_TITLE = {code: vi.upper() for code, (vi, _en) in DOC_TYPES.items()}
CENTRAL_HEADER = {
    "QH": "QUỐC HỘI",
    "CP": "CHÍNH PHỦ",
    "TTG": "THỦ TƯỚNG CHÍNH PHỦ",
    "VPCP": "VĂN PHÒNG CHÍNH PHỦ",
}


def _cite_day(day: date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


def _long(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


class Renderer:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.docs = plan.by_key()
        self.agencies = {a.code: a for a in ref.all_agencies()}
        self.out: dict[str, list[RelSpec]] = defaultdict(list)
        for rel in plan.relations:
            self.out[rel.source].append(rel)
        self.events_by_cause: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for ev in plan.events:
            if ev.cause and ev.kind == EventKind.PARTLY_EXPIRED:
                self.events_by_cause[ev.cause].append((ev.doc, ev.provisions))
        self.ended_in: dict[int, list[str]] = defaultdict(list)
        for rel in plan.relations:
            if rel.kind in (RelationKind.REPLACES, RelationKind.REPEALS) and rel.target:
                src = self.docs[rel.source]
                tgt = self.docs[rel.target]
                if src.effective_on and not tgt.central and tgt.normative:
                    self.ended_in[src.effective_on.year].append(rel.target)

    # ------------------------------------------------------------------------------------------ phrases

    def issuer_phrase(self, doc: DocSpec) -> str:
        if doc.agency == "HDND-TNH":
            return "Hội đồng nhân dân tỉnh"
        if doc.agency == "UBND-TNH":
            return "Ủy ban nhân dân tỉnh"
        if doc.agency == "CT-UBND-TNH":
            return "Chủ tịch Ủy ban nhân dân tỉnh"
        if doc.agency in ("CP",):
            return "Chính phủ"
        if doc.agency == "TTG":
            return "Thủ tướng Chính phủ"
        agency = self.agencies[doc.agency]
        if doc.doc_type == "TT":
            return f"Bộ trưởng {agency.name}" if agency.name.startswith("Bộ") else agency.name
        return agency.name

    def citation(self, doc: DocSpec) -> str:
        """How another document names ``doc`` ("Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về …")."""
        if doc.doc_type == "L":
            return f"{doc.cite or doc.summary} {_long(doc.issued_on)}"
        type_name = DOC_TYPES[doc.doc_type][0]
        about = _lower_first(doc.summary)
        if doc.summary.startswith(("Về ", "Quy định", "Hướng dẫn", "Ban hành", "Sửa đổi", "Bãi bỏ")):
            about = _lower_first(doc.summary)
        return f"{type_name} số {doc.number} ngày {_cite_day(doc.issued_on)} của {self.issuer_phrase(doc)} {about}"

    def short_citation(self, doc: DocSpec) -> str:
        type_name = DOC_TYPES[doc.doc_type][0]
        return f"{type_name} số {doc.number} ngày {_cite_day(doc.issued_on)} của {self.issuer_phrase(doc)}"

    def bases(self, doc: DocSpec) -> list[str]:
        lines: list[str] = []
        for rel in self.out[doc.key]:
            if rel.kind != RelationKind.BASIS:
                continue
            if rel.target:
                lines.append(f"Căn cứ {self.citation(self.docs[rel.target])};")
            elif rel.target_number:
                ministry = doc.extra.get("ministry")
                who = (
                    f"Bộ trưởng {self.agencies[ministry[2]].name}"
                    if ministry and ministry[0] == rel.target_number
                    else "cơ quan có thẩm quyền"
                )
                when = _cite_day(rel.target_issued_on) if rel.target_issued_on else ""
                lines.append(
                    f"Căn cứ Quyết định số {rel.target_number} ngày {when} của {who} về việc công bố thủ tục "
                    "hành chính mới ban hành, được sửa đổi, bổ sung, bị bãi bỏ thuộc phạm vi chức năng quản lý "
                    "của Bộ;"
                )
        return lines

    def proposal_line(self, doc: DocSpec) -> str:
        dept = self.agencies.get(ref.department_code(doc.department or "STP"))
        dept_name = dept.short if dept else "Sở Tư pháp"
        if doc.agency == "HDND-TNH":
            if doc.proposal:
                num, day = doc.proposal
                tt = f"Tờ trình số {num} ngày {_cite_day(day)} của Ủy ban nhân dân tỉnh"
            else:
                tt = "Tờ trình của Ủy ban nhân dân tỉnh"
            return (
                f"Xét {tt} về dự thảo Nghị quyết; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách Hội đồng nhân dân "
                "tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp."
            )
        if doc.proposal:
            num, day = doc.proposal
            return f"Theo đề nghị của Giám đốc {dept_name} tại Tờ trình số {num} ngày {_cite_day(day)}."
        return f"Theo đề nghị của Giám đốc {dept_name}."

    def header(self, doc: DocSpec) -> list[str]:
        agency = self.agencies[doc.agency]
        if doc.central:
            top = CENTRAL_HEADER.get(doc.agency, agency.name.upper())
        elif agency.level == "commune":
            body = "HỘI ĐỒNG NHÂN DÂN" if doc.agency.startswith("HDND") else "ỦY BAN NHÂN DÂN"
            top = f"{body}\n{agency.name.split(' ', 4)[-1].upper()}"
        elif doc.agency == "HDND-TNH":
            top = "HỘI ĐỒNG NHÂN DÂN\nTỈNH TÂY NINH"
        else:
            top = "ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH"
        lines = [
            top,
            "-------",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "---------------",
            "",
        ]
        if doc.doc_type == "L":
            lines.append(f"Luật số: {doc.number}")
        else:
            place = doc.place or "Hà Nội"
            lines.append(f"Số: {doc.number} | {place}, {_long(doc.issued_on)}")
        lines.append("")
        if doc.doc_type == "L":
            lines += ["LUẬT", doc.summary.removeprefix("Luật ").upper()]
        else:
            lines += [TYPE_TITLE.get(doc.doc_type, doc.doc_type), doc.summary.upper()]
        lines.append("")
        return lines

    def authority(self, doc: DocSpec) -> str:
        if doc.agency == "HDND-TNH":
            return f"HỘI ĐỒNG NHÂN DÂN TỈNH TÂY NINH\nKHÓA {ref.khoa_on(doc.issued_on)}, KỲ HỌP THỨ {self.session_no(doc)}"
        if doc.agency == "CT-UBND-TNH":
            return "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH"
        if doc.agency == "UBND-TNH":
            return "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"
        agency = self.agencies[doc.agency]
        if doc.agency == "TTG":
            return "THỦ TƯỚNG CHÍNH PHỦ"
        return agency.name.upper()

    @staticmethod
    def session_no(doc: DocSpec) -> int:
        start = date(ref.HDND_KHOA[0][0].year, 1, 1)
        for begin, _name in ref.HDND_KHOA:
            if begin <= doc.issued_on:
                start = begin
        months = (doc.issued_on.year - start.year) * 12 + doc.issued_on.month - start.month
        return max(1, months // 6 + 1 + (doc.issued_on.month == 12))

    def executors(self, doc: DocSpec) -> str:
        dept = self.agencies.get(ref.department_code(doc.department or "STP"))
        dept_name = dept.short if dept else "Sở Tư pháp"
        local = COMMUNES_AFTER if doc.issued_on >= REFORM else DISTRICTS_BEFORE
        return (
            f"Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc {dept_name}; Thủ trưởng các sở, ban, ngành tỉnh; "
            f"{local} và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành"
        )

    def effect_clause(self, doc: DocSpec, noun: str) -> str:
        if doc.effective_on is None:
            return f"{noun} này có hiệu lực theo quy định của pháp luật."
        if (
            doc.effective_note in ("kể từ ngày ký", "kể từ ngày thông qua")
            or doc.effective_on == doc.issued_on
        ):
            text = f"{noun} này có hiệu lực thi hành kể từ ngày ký."
        elif doc.effective_note.startswith("sau 10 ngày"):
            text = f"{noun} này có hiệu lực {doc.effective_note}."
        else:
            text = f"{noun} này có hiệu lực kể từ {_long(doc.effective_on)}."
        if doc.expires_on:
            text += (
                f" {noun} này được áp dụng đến hết {_long(date.fromordinal(doc.expires_on.toordinal() - 1))}."
            )
        return text

    def effects(self, doc: DocSpec, noun: str) -> list[str]:
        lines = []
        replaced = [
            self.docs[r.target] for r in self.out[doc.key] if r.kind == RelationKind.REPLACES and r.target
        ]
        if replaced:
            lines.append(f"{noun} này thay thế " + "; ".join(self.short_citation(t) for t in replaced) + ".")
        for rel in self.out[doc.key]:
            if rel.kind == RelationKind.PARTLY_REPEALS and rel.target:
                lines.append(f"Bãi bỏ {rel.provisions} của {self.short_citation(self.docs[rel.target])}.")
        return lines

    def signature(self, doc: DocSpec, receivers: list[str]) -> list[str]:
        lines = ["", "Nơi nhận:", *[f"- {r};" for r in receivers], "- Lưu: VT."]
        for part in doc.signer_capacity.split(" / "):
            if part:
                lines.append(part)
        if doc.signer_title:
            lines.append(doc.signer_title)
        lines += ["", doc.signer or "(đã ký)"]
        return lines

    def sentences(self, doc: DocSpec, n: int) -> list[str]:
        pool = list(
            FIELD_SENTENCES.get(doc.fields[0] if doc.fields else "tu-phap", FIELD_SENTENCES["tu-phap"])
        )
        rng = random.Random(doc.key)
        rng.shuffle(pool)
        return pool[:n]

    # ------------------------------------------------------------------------------------------ kinds

    def render(self, doc: DocSpec) -> str:
        if doc.central:
            return "\n".join(self.central(doc))
        lines = self.header(doc)
        lines += [self.authority(doc), ""]
        bases = self.bases(doc)
        if doc.kind not in ("plan",):
            lines += bases
            lines.append(
                self.proposal_line(doc)
                if doc.agency in ("UBND-TNH", "HDND-TNH", "CT-UBND-TNH")
                else "Xét đề nghị của cơ quan có thẩm quyền."
            )
            lines.append("")
        body = getattr(self, f"body_{doc.kind}", self.body_regulation)(doc)
        lines += body
        return "\n".join(lines)

    def central(self, doc: DocSpec) -> list[str]:
        lines = self.header(doc)
        lines.append("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;")
        lines += self.bases(doc)
        lines.append("")
        noun = DOC_TYPES[doc.doc_type][0]
        lines.append(f"{TYPE_TITLE[doc.doc_type]} này {_lower_first(doc.summary)}.")
        lines.append("Điều 1. Phạm vi điều chỉnh")
        lines.append(f"{noun} này {_lower_first(doc.summary)}.")
        lines.append("Điều 2. Đối tượng áp dụng")
        lines.append(
            f"{noun} này áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan đến {_lower_first(doc.summary)}."
        )
        lines += [*self.effects(doc, noun)]
        lines.append(
            f"Điều 3. {noun} này có hiệu lực thi hành từ {_long(doc.effective_on or doc.issued_on)}."
        )
        return lines

    def body_regulation(self, doc: DocSpec) -> list[str]:
        noun = DOC_TYPES[doc.doc_type][0]
        say = self.sentences(doc, 4)
        attached = doc.summary[len("Ban hành ") :] if doc.summary.startswith("Ban hành ") else ""
        if doc.doc_type == "NQ":
            lines = ["QUYẾT NGHỊ:", ""]
            lines += [
                "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
                f"1. Nghị quyết này {_lower_first(doc.summary)}.",
            ]
            lines += [
                "2. Đối tượng áp dụng: cơ quan, tổ chức, cá nhân có liên quan trên địa bàn tỉnh Tây Ninh.",
                "",
            ]
            lines += ["Điều 2. Nội dung", *say[:3], ""]
            lines += [
                "Điều 3. Tổ chức thực hiện",
                "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
            ]
            lines.append(
                "2. Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu và "
                "đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết này."
            )
            for i, line in enumerate(self.effects(doc, noun), start=3):
                lines.append(f"{i}. {line}")
            lines.append("")
            eff = (
                f"có hiệu lực từ {_long(doc.effective_on)}"
                if doc.effective_on and doc.effective_on != doc.issued_on
                else "có hiệu lực kể từ ngày thông qua"
            )
            if doc.effective_note.startswith("sau 10 ngày"):
                eff = f"có hiệu lực {doc.effective_note}"
            lines.append(
                f"Nghị quyết này đã được Hội đồng nhân dân tỉnh Tây Ninh Khóa {ref.khoa_on(doc.issued_on)}, Kỳ họp "
                f"thứ {self.session_no(doc)} thông qua {_long(doc.issued_on)} và {eff}"
                + (
                    f"; được áp dụng đến hết {_long(date.fromordinal(doc.expires_on.toordinal() - 1))}"
                    if doc.expires_on
                    else ""
                )
                + "./."
            )
            return lines + self.signature(
                doc,
                [
                    "Ủy ban Thường vụ Quốc hội",
                    "Chính phủ",
                    "Bộ Tư pháp (Cục Kiểm tra VBQPPL)",
                    "TT.TU, UBND tỉnh",
                ],
            )
        lines = ["QUYẾT ĐỊNH:", ""]
        if attached:
            lines.append(f"Điều 1. Ban hành kèm theo Quyết định này {attached}.")
        else:
            lines += [f"Điều 1. {doc.summary}", *say[:2]]
        lines.append("")
        lines.append("Điều 2. Hiệu lực thi hành")
        lines.append(self.effect_clause(doc, noun))
        lines += self.effects(doc, noun)
        lines += ["", "Điều 3. Tổ chức thực hiện", f"{self.executors(doc)} Quyết định này./."]
        lines += self.signature(
            doc,
            [
                "Như Điều 3",
                "Văn phòng Chính phủ",
                "Cục Kiểm tra VBQPPL - Bộ Tư pháp",
                "TT.TU, TT.HĐND tỉnh",
                "CT, các PCT UBND tỉnh",
            ],
        )
        if attached:
            head, rest = _split_noun(attached)
            lines += ["", head.upper(), rest.upper()]
            lines.append(
                f"(Ban hành kèm theo Quyết định số {doc.number} ngày {_cite_day(doc.issued_on)} của Ủy ban nhân dân tỉnh Tây Ninh)"
            )
            lines += [
                "",
                "Chương I",
                "QUY ĐỊNH CHUNG",
                "",
                "Điều 1. Phạm vi điều chỉnh",
                f"{head} này {_lower_first(rest)}.",
            ]
            lines += [
                "Điều 2. Đối tượng áp dụng",
                f"{head} này áp dụng đối với các cơ quan, tổ chức, cá nhân có liên quan.",
            ]
            lines += ["", "Chương II", "QUY ĐỊNH CỤ THỂ", ""]
            for i, sentence in enumerate(say, start=3):
                lines += [f"Điều {i}.", sentence]
            n = 3 + len(say)
            lines += ["", "Chương III", "TỔ CHỨC THỰC HIỆN", "", f"Điều {n}. Trách nhiệm thi hành"]
            lines.append(
                "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, tổ chức, cá nhân phản ánh về "
                f"{self.agencies[ref.department_code(doc.department or 'STP')].short} để tổng hợp, báo cáo Ủy ban nhân "
                "dân tỉnh xem xét, sửa đổi, bổ sung cho phù hợp./."
            )
        return lines

    def body_detail(self, doc: DocSpec) -> list[str]:
        return self.body_regulation(doc)

    body_coefficient = body_regulation
    body_commune = body_regulation

    def body_amendment(self, doc: DocSpec) -> list[str]:
        noun = DOC_TYPES[doc.doc_type][0]
        amended = [r for r in self.out[doc.key] if r.kind == RelationKind.AMENDS and r.target]
        lines = ["QUYẾT NGHỊ:" if doc.doc_type == "NQ" else "QUYẾT ĐỊNH:", ""]
        for rel in amended:
            target = self.docs[rel.target or ""]
            lines.append(f"Điều 1. Sửa đổi, bổ sung một số điều của {self.short_citation(target)}")
            for i, part in enumerate((rel.provisions or "Điều 3").split(", "), start=1):
                lines.append(f"{i}. Sửa đổi, bổ sung {part} như sau:")
                lines.append(f'"{self.sentences(doc, 3)[i % 3]}"')
        lines += ["", "Điều 2. Hiệu lực thi hành", self.effect_clause(doc, noun)]
        lines += ["", "Điều 3. Tổ chức thực hiện", f"{self.executors(doc)} {noun} này./."]
        return lines + self.signature(
            doc, ["Như Điều 3", "Bộ Tư pháp (Cục Kiểm tra VBQPPL)", "TT.TU, TT.HĐND tỉnh"]
        )

    def body_directive(self, doc: DocSpec) -> list[str]:
        say = self.sentences(doc, 3)
        lines = [
            f"Thời gian qua, công tác {_lower_first(doc.summary.removeprefix('Về ').removeprefix('việc '))} đã đạt "
            "được những kết quả nhất định; tuy nhiên vẫn còn những hạn chế, bất cập cần khắc phục.",
            "Để khắc phục những tồn tại nêu trên, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:",
        ]
        for i, sentence in enumerate(say, start=1):
            lines.append(f"{i}. {sentence}")
        lines.append(f"{len(say) + 1}. {self.executors(doc)} Chỉ thị này.")
        lines.append(self.effect_clause(doc, "Chỉ thị") + "/.")
        return lines + self.signature(
            doc, ["Văn phòng Chính phủ", "Bộ Tư pháp", "TT.TU, TT.HĐND tỉnh", "Các sở, ban, ngành tỉnh"]
        )

    def body_repeal(self, doc: DocSpec) -> list[str]:
        noun = DOC_TYPES[doc.doc_type][0]
        lines = ["QUYẾT NGHỊ:" if doc.doc_type == "NQ" else "QUYẾT ĐỊNH:", ""]
        lines.append("Điều 1. Bãi bỏ toàn bộ các văn bản quy phạm pháp luật sau đây:")
        for i, key in enumerate(doc.extra.get("repealed", []), start=1):
            target = self.docs[key]
            lines.append(f"{i}. {self.short_citation(target)} {_lower_first(target.summary)}.")
        lines += ["", "Điều 2. Hiệu lực thi hành", self.effect_clause(doc, noun)]
        lines += ["", "Điều 3. Tổ chức thực hiện", f"{self.executors(doc)} {noun} này./."]
        return lines + self.signature(
            doc, ["Như Điều 3", "Bộ Tư pháp (Cục Kiểm tra VBQPPL)", "Cơ sở dữ liệu quốc gia về pháp luật"]
        )

    def body_list(self, doc: DocSpec) -> list[str]:
        year = doc.extra.get("list_year", doc.issued_on.year - 1)
        lines = ["QUYẾT ĐỊNH:", ""]
        lines.append(
            "Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy "
            f"ban nhân dân tỉnh Tây Ninh hết hiệu lực toàn bộ hoặc một phần năm {year}."
        )
        lines += ["", "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký."]
        lines += ["", f"Điều 3. {self.executors(doc)} Quyết định này./."]
        lines += self.signature(
            doc, ["Như Điều 3", "Bộ Tư pháp (Cục Kiểm tra VBQPPL)", "Cơ sở dữ liệu quốc gia về pháp luật"]
        )
        lines += ["", "DANH MỤC", f"VĂN BẢN QUY PHẠM PHÁP LUẬT HẾT HIỆU LỰC TOÀN BỘ HOẶC MỘT PHẦN NĂM {year}"]
        lines.append(
            f"(Kèm theo Quyết định số {doc.number} ngày {_cite_day(doc.issued_on)} của Chủ tịch Ủy ban nhân dân tỉnh)"
        )
        lines += [
            "",
            "A. VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ",
            "STT | Tên loại văn bản | Số, ký hiệu; ngày, tháng, năm ban hành | Tên gọi của văn bản | Lý do hết hiệu lực | Ngày hết hiệu lực",
        ]
        for i, key in enumerate(sorted(set(self.ended_in.get(year, [])))[:40], start=1):
            t = self.docs[key]
            lines.append(
                f"{i} | {DOC_TYPES[t.doc_type][0]} | {t.number} ngày {_cite_day(t.issued_on)} | {t.summary} | Bị thay thế hoặc bãi bỏ |"
            )
        lines += [
            "",
            "B. VĂN BẢN HẾT HIỆU LỰC MỘT PHẦN",
            "STT | Tên loại văn bản | Số, ký hiệu; ngày, tháng, năm ban hành | Tên gọi của văn bản | Nội dung, quy định hết hiệu lực | Lý do hết hiệu lực | Ngày hết hiệu lực",
        ]
        for i, (key, provisions) in enumerate(self.events_by_cause.get(doc.key, []), start=1):
            t = self.docs[key]
            lines.append(
                f"{i} | {DOC_TYPES[t.doc_type][0]} | {t.number} ngày {_cite_day(t.issued_on)} | {t.summary} | {provisions} | "
                f"Được sửa đổi, thay thế bởi văn bản khác | {_cite_day(doc.issued_on)}"
            )
        return lines

    def body_budget(self, doc: DocSpec) -> list[str]:
        rng = random.Random(doc.key)
        revenue = rng.randint(8_000, 14_000) * (1 + (doc.issued_on.year - 2011) // 4)
        lines = ["QUYẾT NGHỊ:", ""]
        lines.append(f"Điều 1. {doc.summary.removeprefix('Về ')} như sau:")
        lines.append(
            f"1. Tổng thu ngân sách nhà nước trên địa bàn: {revenue:,} triệu đồng.".replace(",", ".")
        )
        lines.append(
            f"2. Tổng chi ngân sách địa phương: {int(revenue * 1.12):,} triệu đồng.".replace(",", ".")
        )
        lines += ["Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.", ""]
        lines.append(
            f"Nghị quyết này đã được Hội đồng nhân dân tỉnh Tây Ninh Khóa {ref.khoa_on(doc.issued_on)}, Kỳ họp thứ "
            f"{self.session_no(doc)} thông qua {_long(doc.issued_on)} và có hiệu lực kể từ ngày thông qua./."
        )
        return lines + self.signature(doc, ["Ủy ban Thường vụ Quốc hội", "Bộ Tài chính", "TT.TU, UBND tỉnh"])

    def body_plan(self, doc: DocSpec) -> list[str]:
        say = self.sentences(doc, 2)
        lines = self.bases(doc)
        lines += [
            "",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            *say,
            "2. Yêu cầu",
            "Bảo đảm tiến độ, chất lượng, hiệu quả.",
        ]
        lines += [
            "",
            "II. NỘI DUNG, THỜI GIAN THỰC HIỆN",
            f"Thực hiện trong năm {doc.issued_on.year}; báo cáo kết quả trước ngày 15 tháng 12.",
        ]
        lines += ["", "III. TỔ CHỨC THỰC HIỆN", f"{self.executors(doc)} Kế hoạch này./."]
        return lines + self.signature(
            doc,
            [
                "Các sở, ban, ngành tỉnh",
                "UBND các huyện, thị xã, thành phố" if doc.issued_on < REFORM else "UBND các xã, phường",
            ],
        )

    def body_system(self, doc: DocSpec) -> list[str]:
        lines = ["QUYẾT ĐỊNH:", ""]
        lines.append(
            "Điều 1. Công bố kết quả hệ thống hóa văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân "
            f"tỉnh Tây Ninh {doc.summary.split('Tây Ninh ')[-1]}, gồm: Danh mục văn bản còn hiệu lực; Danh mục văn bản "
            "hết hiệu lực toàn bộ hoặc một phần; Danh mục văn bản cần đình chỉ thi hành, sửa đổi, bổ sung, thay thế, "
            "bãi bỏ hoặc ban hành mới."
        )
        lines += [
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            f"Điều 3. {self.executors(doc)} Quyết định này./.",
        ]
        return lines + self.signature(doc, ["Bộ Tư pháp", "TT.TU, TT.HĐND tỉnh"])

    def body_suspension(self, doc: DocSpec) -> list[str]:
        lines = ["QUYẾT ĐỊNH:", ""]
        for rel in self.out[doc.key]:
            if rel.kind in (RelationKind.SUSPENDS, RelationKind.PARTLY_SUSPENDS) and rel.target:
                target = self.docs[rel.target]
                what = f"{rel.provisions} của " if rel.provisions else "toàn bộ "
                lines.append(
                    f"Điều 1. Đình chỉ thi hành {what}{self.short_citation(target)} {_lower_first(target.summary)} "
                    "do có nội dung trái pháp luật."
                )
        lines += [
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            "Điều 3. Các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này./.",
        ]
        return lines + self.signature(doc, ["Như Điều 3", "Bộ Tư pháp"])

    def body_resumption(self, doc: DocSpec) -> list[str]:
        lines = ["QUYẾT ĐỊNH:", "", f"Điều 1. {doc.summary.removeprefix('Về việc ')}."]
        lines += ["Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./."]
        return lines + self.signature(doc, ["UBND tỉnh Tây Ninh", "Bộ Tư pháp"])

    def body_correction(self, doc: DocSpec) -> list[str]:
        lines = ["QUYẾT ĐỊNH:", ""]
        for rel in self.out[doc.key]:
            if rel.kind == RelationKind.CORRECTS and rel.target:
                target = self.docs[rel.target]
                lines.append(
                    f"Điều 1. Đính chính sai sót tại {rel.provisions} của {self.short_citation(target)} như sau: "
                    'đã viết "ngày làm việc", nay sửa lại là "ngày".'
                )
        lines += [
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            f"Điều 3. {self.executors(doc)} Quyết định này./.",
        ]
        return lines + self.signature(doc, ["Như Điều 3", "Cục Kiểm tra VBQPPL - Bộ Tư pháp"])

    def body_internal(self, doc: DocSpec) -> list[str]:
        lines = ["QUYẾT ĐỊNH:", "", f"Điều 1. {doc.summary.removeprefix('Về việc ')} (danh sách kèm theo)."]
        lines += [
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            f"Điều 3. {self.executors(doc)} Quyết định này./.",
        ]
        return lines + self.signature(doc, ["Như Điều 3", "Lưu hành nội bộ"])

    def body_announcement(self, doc: DocSpec) -> list[str]:
        field_name = dict((c, n) for c, n, _e in ref.FIELDS)[doc.fields[0]]
        lines = ["QUYẾT ĐỊNH:", ""]
        lines.append(
            f"Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính trong lĩnh vực {field_name} thuộc "
            f"thẩm quyền giải quyết của {doc.extra.get('level', 'các cấp')} trên địa bàn tỉnh Tây Ninh."
        )
        n = 2
        for line in self.effects(doc, "Quyết định"):
            lines.append(
                f"Điều {n}. {line.replace('Quyết định này thay thế', 'Bãi bỏ Danh mục thủ tục hành chính ban hành kèm theo')}"
            )
            n += 1
        lines.append(
            f"Điều {n}. Giao Văn phòng Ủy ban nhân dân tỉnh cập nhật thủ tục hành chính được công bố lên Cơ sở dữ liệu "
            "quốc gia về thủ tục hành chính và Cổng Dịch vụ công quốc gia."
        )
        lines.append(f"Điều {n + 1}. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
        lines.append(f"Điều {n + 2}. {self.executors(doc)} Quyết định này./.")
        lines += self.signature(
            doc,
            [
                "Như Điều " + str(n + 2),
                "Cục Kiểm soát TTHC - Văn phòng Chính phủ",
                "CT, các PCT UBND tỉnh",
                "Trung tâm Phục vụ hành chính công tỉnh",
            ],
        )
        lines += ["", "PHỤ LỤC", f"DANH MỤC THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC {field_name.upper()}"]
        lines.append(
            f"(Kèm theo Quyết định số {doc.number} ngày {_cite_day(doc.issued_on)} của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh)"
        )
        for line in doc.extra.get("appendix", []):
            lines.append(line)
        return lines


_NOUNS = ("Quy định", "Quy chế", "Bảng giá", "Danh mục")


def _split_noun(attached: str) -> tuple[str, str]:
    """("Quy định", "về cấp giấy phép …") from "Quy định về cấp giấy phép …"."""
    for noun in _NOUNS:
        if attached.startswith(noun + " "):
            return noun, attached[len(noun) + 1 :]
    head, _, rest = attached.partition(" ")
    return head, rest


def render_all(plan: Plan) -> None:
    """Write ``body_text`` of every document of the plan (in place)."""
    renderer = Renderer(plan)
    for doc in plan.docs:
        doc.body_text = renderer.render(doc)
