"""Award proposals from running text (authoring/award_finder.py). The corpus of bench/import_corpus/
holds the many shapes; these are the rules, one behaviour each."""

from __future__ import annotations

from bantin.authoring.award_finder import propose_awards, split_sentences


def one(text: str):
    (award,) = propose_awards(text)
    return award


def test_the_giver_is_the_mandate_not_whoever_hands_it_over():
    award = one("Thừa ủy quyền của Chủ tịch nước, Trung tướng Nguyễn Văn Long, Thứ trưởng Bộ Công an đã trao "
                "Huân chương Chiến công hạng Nhất cho Phòng Cảnh sát hình sự.")
    assert (award.types, award.givers, award.recipients) == (("Huân chương Chiến công hạng Nhất",), ("Chủ tịch nước",),
                                                             ("Phòng Cảnh sát hình sự",))


def test_the_type_keeps_its_authority_and_a_deputy_hands_over_the_chiefs_award():
    award = one("Đại tá Trần Văn Hùng, Phó Giám đốc Công an tỉnh trao Giấy khen của Giám đốc Công an tỉnh cho 3 tập thể.")
    assert (award.types[0], award.givers[0], award.collectives) == ("Giấy khen của Giám đốc Công an tỉnh",
                                                                     "Giám đốc Công an tỉnh", 3)
    assert one("Phó Giám đốc Công an tỉnh trao Giấy khen cho 2 tập thể.").givers == ("Giám đốc Công an tỉnh",)


def test_passive_lower_case_and_received_awards():
    award = one("Phòng Cảnh sát giao thông được Bộ trưởng Bộ Công an tặng bằng khen vì có thành tích xuất sắc.")
    assert (award.types, award.givers, award.recipients) == (("Bằng khen",), ("Bộ trưởng Bộ Công an",),
                                                             ("Phòng Cảnh sát giao thông",))
    assert award.reason == "Có thành tích xuất sắc"
    award = one("Tại buổi lễ, Công an thành phố Cao Lãnh vinh dự đón nhận Cờ thi đua của Chính phủ.")
    assert (award.givers, award.recipients) == (("Chính phủ",), ("Công an thành phố Cao Lãnh",))


def test_recipients_split_only_where_a_new_one_starts_and_stop_at_the_reason():
    award = one("Bộ trưởng Bộ Công an tặng Bằng khen cho Công an xã An Bình, Công an xã Bình Hòa và Đội Cảnh sát "
                "phòng cháy, chữa cháy khu vực 2 vì đã có thành tích xuất sắc trong phong trào.")
    assert award.recipients == ("Công an xã An Bình", "Công an xã Bình Hòa",
                                "Đội Cảnh sát phòng cháy, chữa cháy khu vực 2")
    award = one("Chủ tịch UBND tỉnh trao Bằng khen cho Công an các xã Tân Thành, Tân Phước và Tân Hòa.")
    assert award.recipients == ("Công an xã Tân Thành", "Công an xã Tân Phước", "Công an xã Tân Hòa")


def test_counts_with_separators_leading_zeros_and_words_and_ranks_apart_from_names():
    assert one("Chủ tịch UBND tỉnh tặng Bằng khen cho 1.250 cá nhân.").individuals == 1250
    assert one("Giám đốc Công an tỉnh tặng Giấy khen cho 09 đồng chí.").individuals == 9
    award = one("Chủ tịch UBND huyện tặng Giấy khen cho 45 cán bộ, chiến sĩ và hai tập thể.")
    assert (award.individuals, award.collectives) == (45, 2)
    award = one("Thủ tướng Chính phủ tặng Bằng khen cho Trung tá Nguyễn Văn Hải, Phó Trưởng phòng Cảnh sát hình sự "
                "và ông Lê Văn Bình.")
    assert award.recipients == ("Nguyễn Văn Hải", "Lê Văn Bình")


def test_requests_and_past_honours_are_not_proposed_and_one_award_twice_is_one_proposal():
    assert propose_awards("Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 3 tập thể.") == ()
    assert propose_awards("Đơn vị đã từng được tặng Huân chương Chiến công hạng Ba năm 2015.") == ()
    assert propose_awards("Trước đó, đơn vị được tặng Cờ thi đua của Bộ Công an (năm 2019).") == ()
    text = ("Công an huyện Lai Vung đón nhận Huân chương Bảo vệ Tổ quốc hạng Ba. Thừa ủy quyền của Chủ tịch nước, "
            "đồng chí Bí thư Tỉnh ủy đã trao Huân chương Bảo vệ Tổ quốc hạng Ba cho Công an huyện Lai Vung.")
    assert one(text).recipients == ("Công an huyện Lai Vung",)


def test_typeless_commendation_takes_the_type_the_giver_can_give():
    assert one("Giám đốc Công an tỉnh đã khen thưởng đột xuất 4 tập thể.").types == ("Giấy khen",)
    assert one("Chủ tịch UBND tỉnh đã khen thưởng 15 tập thể.").types == ("Bằng khen",)
    assert propose_awards("Các tập thể, cá nhân được khen thưởng đã chia sẻ kinh nghiệm.") == ()


def test_sentences_do_not_end_at_abbreviations_or_inside_numbers():
    assert split_sentences("Công an TP. Cao Lãnh bắt 1.250 đối tượng. P.V ghi nhận. Hết") == [
        "Công an TP. Cao Lãnh bắt 1.250 đối tượng.", "P.V ghi nhận.", "Hết"]
