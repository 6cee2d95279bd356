"""The record extractor on texts written on the model of real ones."""

from __future__ import annotations

import json
from datetime import date

from registry.ingest.extract import extract_record
from tests.ingest.conftest import fixture_text


def test_decision_header_fields() -> None:
    rec = extract_record(fixture_text())
    assert rec.value("number") == "30/2013/QĐ-UBND"
    assert rec.value("doc_type") == "Quyết định"
    assert rec.value("type_code") == "QĐ"
    assert rec.value("issuer") == "Ủy ban nhân dân tỉnh Tây Ninh"
    assert rec.value("issuer_code") == "UBND"
    assert rec.value("place") == "Tây Ninh"
    assert rec.value("issued_on") == date(2013, 7, 9)
    assert rec.value("summary") == (
        "BAN HÀNH QUY CHẾ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BỘ PHẬN MỘT CỬA TẠI CÁC SỞ, BAN, NGÀNH TỈNH TÂY NINH"
    )
    assert rec.value("authority") == "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"
    assert rec.value("normative") is True
    assert rec.issued_on is not None and rec.issued_on.line == "Tây Ninh, ngày 09 tháng 7 năm 2013"


def test_effective_ten_days_after_signing_is_derived() -> None:
    rec = extract_record(fixture_text())
    assert rec.value("effective") == {"days_after_signing": 10}
    assert rec.value("effective_on") == date(2013, 7, 19)
    assert rec.effective is not None and "sau 10 ngày" in rec.effective.line


def test_signature_block_with_split_name() -> None:
    rec = extract_record(fixture_text())
    assert rec.value("signer") == "Nguyễn Thị Thu Thủy"
    assert rec.value("signer_capacity") == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    assert rec.value("signer_title") == "PHÓ CHỦ TỊCH"


def test_bases_one_per_document_of_each_can_cu_line() -> None:
    rec = extract_record(fixture_text())
    got = [(b.number, b.title, b.date) for b in rec.bases]
    assert got == [
        (None, "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", date(2003, 11, 26)),
        ("63/2010/NĐ-CP", None, date(2010, 6, 8)),
        ("93/2007/QĐ-TTg", None, date(2007, 6, 22)),
        ("36-HD/VPTW", None, date(2012, 4, 3)),
    ]
    assert rec.bases[1].sentence.startswith("Căn cứ Nghị định số 63/2010/NĐ-CP")


def test_effects_with_shared_date_and_provisions() -> None:
    rec = extract_record(fixture_text())
    got = [(e.relation, e.number, e.provisions, e.date) for e in rec.effects]
    assert got == [
        ("replaces", "12/QĐ-UBND", None, date(2012, 1, 5)),
        ("replaces", "13/QĐ-UBND", None, date(2012, 1, 5)),
        ("partly_repeals", "05/2012/CT-UBND", "Điều 8, khoản 2 Điều 9", date(2012, 3, 12)),
    ]


def test_citations_are_one_per_document_and_exclude_the_text_itself() -> None:
    rec = extract_record(fixture_text())
    numbers = [c.number for c in rec.citations]
    assert "30/2013/QĐ-UBND" not in numbers
    assert numbers.count("93/2007/QĐ-TTg") == 1  # "Quyết định 93 nêu trên" is the same document
    assert "512/TTr-SNV" in numbers and "92/2017/NĐ-CP" in numbers


def test_official_letter() -> None:
    text = (
        "BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ------\n"
        "Số: 1234/BXD-QLN V/v: hướng dẫn hỗ trợ nhà ở | Hà Nội, ngày 5 tháng 3 năm 2014\n\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh\n\nThực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013, Bộ Xây dựng đề nghị ...\n\n"
        "Nơi nhận: - Như trên; - Lưu: VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Trần Văn Bình"
    )
    rec = extract_record(text)
    assert rec.value("doc_type") == "Công văn"
    assert rec.value("issuer") == "Bộ Xây dựng" and rec.value("issuer_code") == "BXD"
    assert rec.value("summary") == "V/v: hướng dẫn hỗ trợ nhà ở"
    assert rec.value("normative") is False
    assert (rec.value("signer"), rec.value("signer_capacity"), rec.value("signer_title")) == (
        "Trần Văn Bình",
        "KT. BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
    )
    assert rec.value("effective") is None


def test_resolution_passed_on_and_effective_from_passage() -> None:
    text = (
        "HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN\nSố: 12/2023/NQ-HĐND\nPhú Yên, ngày 20 tháng 7 năm 2023\nNGHỊ QUYẾT\n"
        "QUY ĐỊNH MỨC CHI HỖ TRỢ\nHỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN KHÓA VIII, KỲ HỌP THỨ 12\n"
        "Căn cứ Luật Ngân sách nhà nước năm 2015;\nQUYẾT NGHỊ:\nĐiều 1. Quy định mức chi.\n"
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 18/7/2023 và có hiệu lực từ ngày 01 tháng 8 năm 2023./.\n"
        "CHỦ TỊCH\nTrần Hữu Thế"
    )
    rec = extract_record(text)
    assert rec.value("issuer") == "Hội đồng nhân dân tỉnh Phú Yên"
    assert rec.value("passed_on") == date(2023, 7, 18)
    assert rec.value("effective_on") == date(2023, 8, 1)
    assert rec.value("authority") == "HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN KHÓA VIII, KỲ HỌP THỨ 12"
    assert (rec.value("signer"), rec.value("signer_title"), rec.value("signer_capacity")) == (
        "Trần Hữu Thế",
        "CHỦ TỊCH",
        None,
    )
    assert [(b.title, b.year) for b in rec.bases] == [("Luật Ngân sách nhà nước năm 2015", 2015)]


def test_split_letters_in_header_and_signature() -> None:
    text = (
        "ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 3210/QĐ - U B ND | T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC X\n\n"
        "Điều 1. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận: - Lưu. | KT. CHỦ TỊ CH P HÓ CHỦ T Ị CH Ngu y ễn Hữu Tín"
    )
    rec = extract_record(text)
    assert rec.value("number") == "3210/QĐ-UBND"
    assert rec.value("issuer") == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert rec.value("place") == "Thành phố Hồ Chí Minh"
    assert rec.value("effective") == "on_signing" and rec.value("effective_on") == date(2014, 6, 28)
    assert (rec.value("signer"), rec.value("signer_title")) == ("Nguyễn Hữu Tín", "PHÓ CHỦ TỊCH")


def test_announcement_procedures_from_the_appendix_table() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH\nSố: 3218/QĐ-UBND | Quảng Bình, ngày 18 tháng 11 năm 2024\n\nQUYẾT ĐỊNH\n\n"
        "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH BAN HÀNH MỚI\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH\n\n"
        "QUYẾT ĐỊNH:\n\nĐiều 1. Công bố.\n\nĐiều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./.\n\n"
        "Nơi nhận:\n- Lưu: VT. | KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐoàn Ngọc Lâm\n\nPHỤ LỤC\n\n"
        "Số TT | Tên TTHC | Thời hạn giải quyết | Căn cứ pháp lý\n"
        "1 | Hỗ trợ chi phí phối giống | 90 ngày | Điều 8, Nghị định số 106/2024/NĐ-CP\n"
    )
    rec = extract_record(text)
    assert rec.value("tthc_announcement") is True
    assert rec.procedures == [
        {
            "action": "new",
            "name": "Hỗ trợ chi phí phối giống",
            "time_limit": "90 ngày",
            "legal_basis": "Điều 8, Nghị định số 106/2024/NĐ-CP",
        }
    ]


def test_to_json_is_serialisable() -> None:
    data = extract_record(fixture_text()).to_json()
    text = json.dumps(data, ensure_ascii=False)
    assert data["issued_on"]["value"] == "2013-07-09"
    assert data["effects"][0]["relation"] == "replaces"
    assert "Tây Ninh" in text


def test_empty_text_gives_an_empty_record_with_a_warning() -> None:
    rec = extract_record("   ")
    assert rec.value("number") is None and rec.warnings == ["empty text"]
