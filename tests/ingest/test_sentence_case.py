"""A trích yếu printed in capitals becomes sentence case, keeping the capitals the body itself uses."""

from registry.ingest.vietnamese import sentence_case

BODY = """Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 12/TTr-STP, hồ sơ kèm theo;
Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý nhà nước trên địa bàn tỉnh Tây Ninh.
Giao UBND các huyện, thành phố Hồ Chí Minh phối hợp; nộp hồ sơ tại Bộ phận Một cửa.
"""


def test_capitals_become_sentence_case_with_proper_nouns_kept():
    out = sentence_case("BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ HỒ SƠ TRÊN ĐỊA BÀN TỈNH TÂY NINH", BODY)
    assert out == "Ban hành Quy định về quản lý hồ sơ trên địa bàn tỉnh Tây Ninh"


def test_context_decides_between_hồ_sơ_and_Hồ_Chí_Minh_and_acronyms_stay():
    out = sentence_case("GIAO UBND THÀNH PHỐ HỒ CHÍ MINH NHẬN HỒ SƠ", BODY)
    assert out == "Giao UBND thành phố Hồ Chí Minh nhận hồ sơ"


def test_text_not_in_capitals_and_numbers_are_left_alone():
    assert sentence_case("Ban hành Quy chế phối hợp", BODY) == "Ban hành Quy chế phối hợp"
    assert sentence_case("SỬA ĐỔI QUYẾT ĐỊNH SỐ 30/2013/QĐ-UBND", "") == "Sửa đổi quyết định số 30/2013/QĐ-UBND"
