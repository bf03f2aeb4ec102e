"""The extractor on short sentences we wrote, one row per rule of ../shared/CLAIMS.md (not copied from the
labelled corpus). New rules get a row in CASES (positive) or NOT_CLAIMS (negative); known failures go in
with ``pytest.param(..., marks=pytest.mark.xfail(strict=True))`` so they stay visible.

Every positive case also runs on the same text decomposed (NFD) and with invisible characters inserted:
values must not change and spans must slice the text as given.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

import pytest

from solieu import extract
from solieu.model import CATEGORIES, CHANGES, QUALIFIERS, Claim


class Case(NamedTuple):
    text: str
    surface: str            # the number expression as written (claim.text)
    value: float
    unit: str
    qualifier: str
    category: str
    change: str = ""
    value_high: float | None = None


CASES = [
    # --- Values: Vietnamese number formats -------------------------------------------------------
    Case("Lực lượng chức năng đã huy động 1.250 cán bộ tham gia.", "1.250", 1250, "cán bộ", "exact", "personnel"),
    Case("Doanh thu bình quân đạt 1,5 triệu đồng.", "1,5 triệu", 1_500_000, "đồng", "exact", "money"),
    Case("Kho còn 1.234,5 tấn gạo dự trữ.", "1.234,5", 1234.5, "tấn", "exact", "measure"),
    Case("Tỷ lệ hộ nghèo giảm 12,5% so với năm trước.", "12,5%", 12.5, "%", "exact", "rate", "down"),
    Case("Dự án có tổng vốn khoảng 1,2 nghìn tỷ đồng.", "1,2 nghìn tỷ", 1.2e12, "đồng", "approx", "money"),
    Case("Quỹ đã chi 3 tỉ đồng để sửa chữa đường.", "3 tỉ", 3e9, "đồng", "exact", "money"),
    Case("Tỉnh có 2 ngàn hộ dân được hỗ trợ.", "2 ngàn", 2000, "hộ dân", "exact", "people"),
    Case("Kim ngạch xuất khẩu đạt 2,366 tỷ USD.", "2,366 tỷ", 2.366e9, "usd", "exact", "money"),
    Case("Đơn vị đã lắp 2.5 km đường ống mới.", "2.5", 2.5, "km", "exact", "measure"),
    Case("Tổ công tác đã thu giữ 03 khẩu súng tự chế.", "03", 3, "khẩu súng", "exact", "items"),
    Case("Tai nạn khiến 01 người chết tại chỗ.", "01", 1, "người chết", "exact", "casualties"),
    Case("Lũ cuốn trôi 1 cây cầu tạm.", "1", 1, "cây cầu", "exact", "buildings"),
    Case("Cơ quan chức năng thu giữ 12kg pháo nổ.", "12", 12, "kg", "exact", "measure"),
    Case("Nước ngập 250ha lúa vụ mùa.", "250", 250, "ha", "exact", "measure"),
    # English style, decided once for the whole text (here by 1,234,567 and a dot decimal before %).
    Case("Công ty xuất khẩu 1,234,567 USD hàng mẫu, tăng 2.5%, và đạt 2,366 tỷ USD.", "2,366 tỷ", 2.366e12, "usd",
         "exact", "money"),
    Case("Công ty xuất khẩu 1,234,567 USD hàng mẫu trong quý.", "1,234,567", 1_234_567, "usd", "exact", "money"),
    # --- Spelled-out numbers ---------------------------------------------------------------------
    Case("Công an đã bắt giữ hai đối tượng trộm cắp.", "hai", 2, "đối tượng", "exact", "suspects"),
    Case("Chín người bị thương được đưa đi cấp cứu.", "Chín", 9, "người bị thương", "exact", "casualties"),
    Case("Xã đã di dời mười lăm hộ dân khỏi vùng nguy hiểm.", "mười lăm", 15, "hộ dân", "exact", "people"),
    Case("Đợt này có hai mươi mốt xã được công nhận.", "hai mươi mốt", 21, "xã", "exact", "places"),
    Case("Mưa lớn làm hàng trăm ngôi nhà bị ngập sâu.", "trăm", 100, "ngôi nhà", "approx", "buildings"),
    Case("Câu lạc bộ tập hợp vài chục sinh viên tình nguyện.", "vài chục", 20, "sinh viên", "approx", "people"),
    Case("Đội thu gom hàng chục chiếc xe máy hỏng.", "chục", 10, "chiếc", "approx", "vehicles"),
    Case("Đoàn đã trao bốn mươi tư suất quà.", "bốn mươi tư", 44, "suất quà", "exact", "items"),
    Case("Mỗi năm thành phố cần hàng nghìn tấn rau.", "nghìn", 1000, "tấn", "approx", "measure"),
    # --- Ranges --------------------------------------------------------------------------------------
    Case("Mỗi tổ tuần tra có từ 3 đến 5 người.", "3 đến 5", 3, "người", "range", "people", value_high=5),
    Case("Mỗi chốt bố trí 3-5 người trực.", "3-5", 3, "người", "range", "people", value_high=5),
    Case("Mỗi chốt bố trí 3 - 5 người trực.", "3 - 5", 3, "người", "range", "people", value_high=5),
    Case("Vốn FDI dự kiến khoảng 500 - 600 triệu USD.", "500 - 600 triệu", 5e8, "usd", "range", "money",
         value_high=6e8),
    Case("Thu nhập tăng từ 10-12% mỗi năm.", "10-12%", 10, "%", "range", "rate", "up", value_high=12),
    # --- Slash pairs and "=" -------------------------------------------------------------------------
    Case("Năm qua đã khởi tố 11.484 vụ/17.663 đối tượng.", "11.484", 11484, "vụ", "exact", "cases"),
    Case("Năm qua đã khởi tố 11.484 vụ/17.663 đối tượng.", "17.663", 17663, "đối tượng", "exact", "suspects"),
    Case("Thu ngân sách đạt 45.799/36.875 tỷ đồng.", "45.799", 45.799e12, "đồng", "exact", "money"),
    Case("Thu ngân sách đạt 45.799/36.875 tỷ đồng.", "36.875 tỷ", 36.875e12, "đồng", "exact", "money"),
    Case("Đã có 203/205 xã hoàn thành.", "205", 205, "xã", "exact", "places"),
    Case("So với cùng kỳ, tai nạn giao thông tăng 22 vụ = 10,7%.", "22", 22, "vụ", "exact", "incidents", "up"),
    Case("So với cùng kỳ, tai nạn giao thông tăng 22 vụ = 10,7%.", "10,7%", 10.7, "%", "exact", "rate", "up"),
    # --- Qualifiers ----------------------------------------------------------------------------------
    Case("Sở đã ban hành gần 60 văn bản hướng dẫn.", "60", 60, "văn bản", "at_most", "documents"),
    Case("Phường thành lập trên 4.600 tổ tự quản.", "4.600", 4600, "tổ", "at_least", "teams"),
    Case("Buổi lễ thu hút hơn 300 người tham dự.", "300", 300, "người", "at_least", "people"),
    Case("Bãi giữ khoảng 20 xe vi phạm.", "20", 20, "xe", "approx", "vehicles"),
    Case("Tuần qua chỉ ghi nhận dưới 10 trường hợp vi phạm.", "10", 10, "trường hợp vi phạm", "at_most",
         "violations"),
    Case("Vụ cháy làm ít nhất 5 người chết.", "5", 5, "người chết", "at_least", "casualties"),
    Case("Các xã có 100 hộ trở lên được ưu tiên.", "100", 100, "hộ", "at_least", "people"),
    Case("Đoàn đón chừng 50 du khách mỗi ngày.", "50", 50, "du khách", "approx", "people"),
    Case("Vùng lũ có ngót 200 hộ dân.", "200", 200, "hộ dân", "at_most", "people"),
    Case("Sức gió tối đa 117 km/h.", "117", 117, "km/h", "at_most", "measure"),
    Case("Đám cháy thiêu rụi xấp xỉ 2 ha rừng.", "2", 2, "ha", "approx", "measure"),
    Case("Mỗi lớp không quá 30 học sinh.", "30", 30, "học sinh", "at_most", "people"),
    Case("Thiệt hại ước tính 5 tỷ đồng.", "5 tỷ", 5e9, "đồng", "approx", "money"),
    Case("Kho chứa 200 có lẻ tấn phân bón.", "200", 200, "tấn", "approx", "measure"),
    Case("Số tiền lên tới 12 tỷ đồng.", "12 tỷ", 12e9, "đồng", "exact", "money"),
    Case("Hai xã đón 1.051 sinh viên trên 63 tỉnh, thành.", "63", 63, "tỉnh, thành", "exact", "places"),
    # --- Change -------------------------------------------------------------------------------------
    Case("So với năm trước, giảm 16 người chết.", "16", 16, "người chết", "exact", "casualties", "down"),
    Case("Số người bị thương giảm sáu người.", "sáu", 6, "người", "exact", "casualties", "down"),
    Case("Tội phạm hình sự giảm 11% vụ so với cùng kỳ.", "11%", 11, "%", "exact", "rate", "down"),
    Case("Tai nạn giao thông tăng 6,6% số vụ.", "6,6%", 6.6, "%", "exact", "rate", "up"),
    Case("Số người chết giảm 19,01% so với cùng kỳ.", "19,01%", 19.01, "%", "exact", "rate", "down"),
    Case("Địa phương đã kéo giảm 5 vụ cháy.", "5", 5, "vụ cháy", "exact", "incidents", "down"),
    Case("Doanh thu sụt giảm 3% trong quý.", "3%", 3, "%", "exact", "rate", "down"),
    Case("Doanh thu tăng trên 19% so với cùng kỳ.", "19%", 19, "%", "at_least", "rate", "up"),
    Case("Tổng sản phẩm ước tăng 7,5%.", "7,5%", 7.5, "%", "approx", "rate", "up"),
    Case("Tai nạn giảm 3 vụ (-9,1%) so với cùng kỳ.", "9,1%", 9.1, "%", "exact", "rate", "down"),
    Case("Số ca mắc giảm 10 ca (4,2%), 3 ca tử vong (2,1%).", "2,1%", 2.1, "%", "exact", "rate", "down"),
    Case("Tỉnh tăng cường 50 cán bộ cho vùng biên.", "50", 50, "cán bộ", "exact", "personnel"),
    # --- Categories from context --------------------------------------------------------------------
    Case("Công an phường đã bắt 12 người liên quan.", "12", 12, "người", "exact", "suspects"),
    Case("Hội chữ thập đỏ đã hỗ trợ 12 người khó khăn.", "12", 12, "người", "exact", "people"),
    Case("Trận lũ làm 12 người chết.", "12", 12, "người chết", "exact", "casualties"),
    Case("Vụ sạt lở vùi lấp 4 người trong đêm.", "4", 4, "người", "exact", "casualties"),
    Case("Bệnh viện đang điều trị cho 90 người.", "90", 90, "người", "exact", "health"),
    Case("Toàn tỉnh xảy ra 56 vụ, làm chết 35 người.", "56", 56, "vụ", "exact", "incidents"),
    Case("Cơ quan điều tra đã làm rõ 83 vụ trộm cắp.", "83", 83, "vụ trộm", "exact", "cases"),
    Case("Lực lượng công an điều tra khám phá 100% vụ án nghiêm trọng.", "100%", 100, "%", "exact", "cases"),
    Case("Tỷ lệ điều tra khám phá án đạt 85%.", "85%", 85, "%", "exact", "rate"),
    Case("Thu ngân sách đạt 94,8% kế hoạch năm.", "94,8%", 94.8, "%", "exact", "rate"),
    Case("Trên 99% đảng viên đã tham gia học tập.", "99%", 99, "%", "at_least", "personnel"),
    Case("Công an tỉnh điều 50 cán bộ hỗ trợ vùng lũ.", "50", 50, "cán bộ", "exact", "personnel"),
    Case("Huyện cấp 500 suất quà cho hộ nghèo.", "500", 500, "suất quà", "exact", "items"),
    Case("Tổng số 737 mẫu đã được xét nghiệm.", "737", 737, "mẫu", "exact", "health"),
    Case("Thành phố chi 35.000 tỷ cho hạ tầng.", "35.000 tỷ", 35e12, "", "exact", "money"),
    Case("Lực lượng chức năng tạm giữ 7 xe cứu hoả và 4 xe cứu hỏa.", "7", 7, "xe cứu hoả", "exact", "vehicles"),
    Case("Lực lượng chức năng tạm giữ 7 xe cứu hoả và 4 xe cứu hỏa.", "4", 4, "xe cứu hỏa", "exact", "vehicles"),
    Case("Ca bệnh ghi nhận như sau: Hà Nội (2.981), Nam Định (1.842).", "1.842", 1842, "", "exact", "health"),
    Case("Sóng đánh chìm 6 tàu (Cà Mau 2, Bạc Liêu 4).", "4", 4, "", "exact", "vehicles"),
    # --- The worked example of CLAIMS.md, in sentences of our own -----------------------------------
    Case("Công an đã điều động, bố trí 2.496 cán bộ, chiến sĩ về xã.", "2.496", 2496, "cán bộ", "exact",
         "personnel"),
    Case("Đơn vị điều tra khám phá 100% vụ án đặc biệt nghiêm trọng.", "100%", 100, "%", "exact", "cases"),
    Case("Đến nay đã giải quyết 21 vụ việc, vụ án.", "21", 21, "vụ việc", "exact", "cases"),
    Case("Đơn vị tiếp tục giải quyết 5 vụ còn lại.", "5", 5, "vụ", "exact", "cases"),
    Case("Thành phố đã ban hành gần 60 văn bản chỉ đạo.", "60", 60, "văn bản", "at_most", "documents"),
    Case("Các phường lập trên 4.600 tổ Covid-19 cộng đồng.", "4.600", 4600, "tổ", "at_least", "teams"),
    Case("Công an triển khai 23 chốt tại cửa ngõ và 44 chốt ở đường nhánh.", "23", 23, "chốt", "exact",
         "checkpoints"),
    Case("Công an triển khai 23 chốt tại cửa ngõ và 44 chốt ở đường nhánh.", "44", 44, "chốt", "exact",
         "checkpoints"),
    Case("Các quận lập gần 5.000 chốt kiểm soát.", "5.000", 5000, "chốt kiểm soát", "at_most", "checkpoints"),
    Case("Các quận lập gần 800 tổ tuần tra lưu động.", "800", 800, "tổ tuần tra", "at_most", "teams"),
    Case("Công an mở 3 đợt cao điểm tấn công tội phạm.", "3", 3, "đợt cao điểm", "exact", "events"),
    # --- Label words (cấp, điều) only label a number that no unit or multiplier follows ---------------
    Case("Chính phủ hỗ trợ khẩn cấp 500 tỷ đồng cho vùng lũ.", "500 tỷ", 5e11, "đồng", "exact", "money"),
    Case("Tỉnh đã cấp 300 tỷ đồng để sửa đường.", "300 tỷ", 3e11, "đồng", "exact", "money"),
    Case("Bộ Y tế cấp 2 triệu liều vắc xin cho thành phố.", "2 triệu", 2e6, "liều vắc xin", "exact", "health"),
    Case("Ngân sách tỉnh cấp 120 tỷ cho chương trình.", "120 tỷ", 1.2e11, "", "exact", "money"),
    Case("Huyện đã khẩn cấp sơ tán 216 hộ dân.", "216", 216, "hộ dân", "exact", "people"),
    Case("Ban chỉ huy đã điều 6 máy xúc tới hiện trường.", "6", 6, "máy xúc", "exact", "vehicles"),
    Case("Công an tỉnh điều 40 cán bộ hỗ trợ xã.", "40", 40, "cán bộ", "exact", "personnel"),
    # --- Machines and equipment ------------------------------------------------------------------------
    Case("Xã huy động 3 máy bơm công suất lớn.", "3", 3, "máy bơm", "exact", "items"),
    Case("Đoàn trao tặng 15 máy lọc nước cho trường.", "15", 15, "máy lọc nước", "exact", "items"),
    Case("Công an thu giữ 218 sim điện thoại rác.", "218", 218, "sim điện thoại", "exact", "items"),
    Case("Lực lượng chức năng thu giữ 12 máy cưa xích.", "12", 12, "máy cưa", "exact", "items"),
    # --- Change across a word between it and the number ------------------------------------------------
    Case("Số vụ phạm tội giảm 37 vụ, tương ứng 8,2% so với năm trước.", "8,2%", 8.2, "%", "exact", "rate", "down"),
    Case("Số vụ cháy tăng 5 vụ, tương đương 5,1%.", "5,1%", 5.1, "%", "exact", "rate", "up"),
    Case("Lượng và giá trị tăng lần lượt 14.4% và 4.8%.", "14.4%", 14.4, "%", "exact", "rate", "up"),
    Case("Lượng và giá trị tăng lần lượt 14.4% và 4.8%.", "4.8%", 4.8, "%", "exact", "rate", "up"),
    Case("Tỉnh phấn đấu GRDP tăng bình quân từ 13 đến 14% mỗi năm.", "13 đến 14%", 13, "%", "range", "rate",
         "up", value_high=14),
    Case("Giai đoạn này GRDP tăng bình quân 7,2%.", "7,2%", 7.2, "%", "exact", "rate", "up"),
    Case("Thu nhập giảm trung bình 3% mỗi năm.", "3%", 3, "%", "exact", "rate", "down"),
    Case("Năm nay tăng 7,69% số vụ, 2,94% số người chết và 31,11% số người bị thương.", "31,11%", 31.11, "%",
         "exact", "rate", "up"),
    # --- A share of a noun after "số" takes the noun's category ----------------------------------------
    Case("Riêng án nghiêm trọng làm rõ 100% số vụ.", "100%", 100, "%", "exact", "cases"),
    Case("Đã điều tra làm rõ 95% số vụ án.", "95%", 95, "%", "exact", "cases"),
    Case("Có 80% số hộ dân đã nhận tiền hỗ trợ.", "80%", 80, "%", "exact", "people"),
    Case("Ngót 70% phụ huynh đã đăng ký cho con đi tiêm.", "70%", 70, "%", "at_most", "people"),
    Case("Tai nạn giảm 6% số vụ so với cùng kỳ.", "6%", 6, "%", "exact", "rate", "down"),
    Case("Thu ngân sách đạt 94% tổng số dự toán.", "94%", 94, "%", "exact", "rate"),
    # --- A bare head noun stands for the fuller noun before it -----------------------------------------
    Case("Mưa lớn gây 22 điểm sạt lở, trong đó 5 điểm gây ách tắc.", "5", 5, "điểm", "exact", "incidents"),
    Case("Từ đầu năm xảy ra 19 vụ cháy. Đáng chú ý, có 11 vụ xảy ra ở khu công nghiệp.", "11", 11, "vụ", "exact",
         "incidents"),
    Case("Trong ngày có 900 bệnh nhân khỏi bệnh; số ca tử vong cộng dồn là 896 ca.", "896", 896, "ca", "exact",
         "casualties"),
    Case("Tuần trước có 4 ca tử vong. Riêng tuần này, số ca mắc mới là 482 ca.", "482", 482, "ca", "exact",
         "health"),
    Case("Huyện lập 30 chốt kiểm soát và 12 điểm sạt lở được cắm biển, 5 chốt trực 24/24.", "5", 5, "chốt trực",
         "exact", "checkpoints"),
    Case("Có 20 nhà hảo tâm ủng hộ xây 5 nhà cho hộ nghèo.", "5", 5, "nhà", "exact", "buildings"),
    # --- People stuck or rescued, casualties burned or buried, livestock --------------------------------
    Case("Lực lượng cứu nạn đã giải cứu 7 người mắc kẹt trên tầng lửng.", "7", 7, "người", "exact", "people"),
    Case("Công an đã cứu 12 người mắc kẹt trong đám cháy.", "12", 12, "người", "exact", "people"),
    Case("Đã cứu 7 người, 2 người bị bỏng nhẹ được đưa đi cấp cứu.", "2", 2, "người", "exact", "casualties"),
    Case("Có 2 người bị đất đá vùi lấp, chưa tìm thấy.", "2", 2, "người", "exact", "casualties"),
    Case("Xét nghiệm cho 500 người, phát hiện 3 người mắc Covid-19.", "3", 3, "người", "exact", "health"),
    Case("Lũ làm trên 691.000 con gia súc, gia cầm bị chết.", "691.000", 691000, "con gia súc", "at_least",
         "other"),
    Case("Vụ cháy làm 3 người chết, lực lượng chức năng đã cứu 12 người.", "12", 12, "người", "exact", "people"),
    # --- Mixed digit groups and scraper glue -----------------------------------------------------------
    Case("Thiệt hại lên đến 1 tỷ 250 triệu đồng.", "1 tỷ 250 triệu", 1.25e9, "đồng", "exact", "money"),
    Case("Mỗi hộ nhận 2 triệu 500 nghìn đồng.", "2 triệu 500 nghìn", 2.5e6, "đồng", "exact", "money"),
    Case("Đà Nẵng664 người được di dời.", "664", 664, "người", "exact", "people"),
    Case("Doanh nghiệp nộp ngân sách 2 nghìn 300 tỷ đồng.", "2 nghìn 300 tỷ", 2.3e12, "đồng", "exact", "money"),
    # --- Nouns found missing in our own news-style sentences --------------------------------------------
    Case("Tổng thu ước đạt 21.145/17.995 tỷ đồng.", "21.145", 21.145e12, "đồng", "approx", "money"),
    Case("Tổng thu ước đạt 21.145/17.995 tỷ đồng.", "17.995 tỷ", 17.995e12, "đồng", "exact", "money"),
    Case("Công an đã tạm giữ hình sự 14 người gây rối.", "14", 14, "người", "exact", "suspects"),
    Case("Phiên sáng, VN-Index tăng 12,35 điểm.", "12,35", 12.35, "điểm", "exact", "other", "up"),
    Case("Doanh nghiệp có 1,250 lao động và 2.5 nghìn tỷ đồng vốn.", "1,250", 1250, "lao động", "exact", "people"),
    Case("Có 75 phần trăm người được hỏi đồng ý.", "75 phần trăm", 75, "%", "exact", "people"),
    Case("Thu nhập tăng 5 phần trăm so với cùng kỳ.", "5 phần trăm", 5, "%", "exact", "rate", "up"),
    Case("Khoảng ba mươi phần trăm số hộ chưa có nước sạch.", "ba mươi phần trăm", 30, "%", "approx", "people"),
    Case("Ước tính có khoảng 2 vạn người tham gia lễ hội.", "2 vạn", 20000, "người", "approx", "people"),
    Case("Mỗi ngày có trên dưới 300 lượt xe qua cửa khẩu.", "300", 300, "lượt xe", "approx", "vehicles"),
    Case("Tổng đài nhận được 1.500 cuộc gọi mỗi ngày.", "1.500", 1500, "cuộc gọi", "exact", "other"),
    Case("Dịch xuất hiện tại 12 ổ dịch trên địa bàn tỉnh.", "12", 12, "ổ dịch", "exact", "health"),
    Case("Công an triệt phá 5 ổ nhóm tội phạm.", "5", 5, "ổ nhóm tội phạm", "exact", "suspects"),
    Case("Cơ quan điều tra đã triệt phá 3 đường dây mua bán ma túy.", "3", 3, "đường dây", "exact", "suspects"),
    Case("Công an xã cấp 1.200 căn cước công dân.", "1.200", 1200, "căn cước công dân", "exact", "documents"),
    Case("Sở cấp 450 bằng tốt nghiệp cho học sinh.", "450", 450, "bằng tốt nghiệp", "exact", "documents"),
    Case("Huyện đã điều động thêm 3 máy ủi và 10 xe ben.", "10", 10, "xe ben", "exact", "vehicles"),
    Case("Đoàn phát hiện 15 điểm bán hàng giả, trong đó 4 điểm đã bị xử phạt.", "4", 4, "điểm", "exact", "other"),
    Case("Toàn tỉnh có 45 điểm nóng về ma túy.", "45", 45, "điểm nóng", "exact", "places"),
    Case("Trận lũ làm 200 con lợn bị cuốn trôi.", "200", 200, "con lợn", "exact", "other"),
    Case("Sau vụ nổ, 8 người phải cấp cứu vì ngạt khói.", "8", 8, "người", "exact", "casualties"),
    # --- Units and contexts first missed on held-out h021-h026 ---------------------------------------
    Case("Có 52 luật sư đăng ký bào chữa cho các bị cáo.", "52", 52, "luật sư", "exact", "personnel"),
    Case("Mỗi tổ kiểm soát có không quá 12 công chức hải quan.", "12", 12, "công chức", "at_most", "personnel"),
    Case("Thành phố hiện có 37 khách sạn từ 4 sao trở lên.", "37", 37, "khách sạn", "exact", "buildings"),
    Case("Huyện đảo có 410 cơ sở lưu trú du lịch.", "410", 410, "cơ sở lưu trú", "exact", "buildings"),
    Case("Năm nay tỉnh bố trí 86 điểm thi tốt nghiệp.", "86", 86, "điểm thi", "exact", "places"),
    Case("Hãng mở thêm 5 đường bay nội địa.", "5", 5, "đường bay", "exact", "other"),
    Case("Đoàn đã lấy 16 mẫu nước thải để phân tích.", "16", 16, "mẫu nước thải", "exact", "other"),
    Case("Đoàn lấy 20 mẫu nước giếng, trong đó 7 mẫu bị nhiễm asen.", "7", 7, "mẫu", "exact", "other"),
    Case("Trong lúc dập lửa, 2 chiến sĩ bị bỏng nhẹ.", "2", 2, "chiến sĩ", "exact", "casualties"),
    Case("Huyện cử 150 chiến sĩ tìm kiếm 4 người mất tích.", "150", 150, "chiến sĩ", "exact", "personnel"),
    Case("Xã đã huy động hàng trăm người đắp đê.", "trăm", 100, "người", "approx", "personnel"),
    Case("Lực lượng chức năng đã điều động 60 người ứng cứu.", "60", 60, "người", "exact", "personnel"),
    Case("Số ca mắc sốt xuất huyết gấp 4 lần cùng kỳ.", "4", 4, "lần", "exact", "rate"),
    Case("Nồng độ bụi mịn vượt 2,5 lần mức cho phép.", "2,5", 2.5, "lần", "exact", "rate"),
    Case("Đơn vị được Bộ biểu dương 2 lần trong năm.", "2", 2, "lần", "exact", "other"),
    Case("Khách Nhật Bản đạt 85.000 lượt, tăng nhẹ.", "85.000", 85000, "lượt", "exact", "people"),
    # --- Lists, units and contexts first missed on held-out h027-h050 ----------------------------------
    Case("Đợt này có 96 hợp tác xã nhận vốn (chăn nuôi 41, thủy sản 55).", "55", 55, "", "exact", "other"),
    Case("Có 920 hộ bị ngập ở 2 xã (Tân An 500, Tân Phú 420).", "420", 420, "", "exact", "people"),
    Case("Số nhà hư hỏng nhiều nhất ở hai xã ven sông (Phú Lộc 31, Phú Mỹ 17).", "31", 31, "", "exact",
         "buildings"),
    Case("Tỷ lệ tiêm chủng đạt gần như 100% trong tháng.", "100%", 100, "%", "at_most", "rate"),
    Case("Tỷ lệ thất nghiệp giảm 0,7 điểm phần trăm.", "0,7", 0.7, "điểm phần trăm", "exact", "rate", "down"),
    Case("Tàu cá chở 9 thuyền viên đã vào bờ an toàn.", "9", 9, "thuyền viên", "exact", "people"),
    Case("Đơn vị duy trì 100% quân số trực sẵn sàng.", "100%", 100, "%", "exact", "personnel"),
    Case("Trong tháng có 2.300 lượt cán bộ tham gia tuần tra.", "2.300", 2300, "lượt cán bộ", "exact", "personnel"),
    Case("Công ty điện lực huy động 300 công nhân sửa đường dây.", "300", 300, "công nhân", "exact", "personnel"),
    Case("Phường đang quản lý 45 người nghiện tại cộng đồng.", "45", 45, "người nghiện", "exact", "people"),
    Case("Toàn xã có 640 đối tượng bảo trợ xã hội nhận trợ cấp.", "640", 640, "đối tượng", "exact", "people"),
    Case("Sau bữa ăn, 37 em đã xuất viện trong ngày.", "37", 37, "em", "exact", "health"),
    Case("Mưa lũ làm vỡ 2 tuyến đê bao và 3 hồ thủy lợi.", "3", 3, "hồ thủy lợi", "exact", "buildings"),
    Case("Ngành điện ghi nhận 210 sự cố trên lưới trung thế.", "210", 210, "sự cố", "exact", "incidents"),
    Case("Công an thu giữ 12 hung khí các loại.", "12", 12, "hung khí", "exact", "items"),
    Case("Bão làm gãy đổ 300 cây xanh trong nội thành.", "300", 300, "cây xanh", "exact", "other"),
    Case("Huyện mở 25 điểm tiêm chủng lưu động.", "25", 25, "điểm tiêm chủng", "exact", "places"),
    Case("Ban chỉ đạo lập 4 mũi công tác truy bắt đối tượng.", "4", 4, "mũi công tác", "exact", "teams"),
    Case("Trung tâm tổ chức 18 phiên giao dịch việc làm.", "18", 18, "phiên giao dịch việc làm", "exact", "events"),
    # --- ... and on held-out h051-h062 ---------------------------------------------------------------------
    Case("Ngành y tế đã truy vết 640 trường hợp F1 trong đêm.", "640", 640, "trường hợp", "exact", "health"),
    Case("Số ca mắc tại khu trọ đã tăng lên 23 ca.", "23", 23, "ca", "exact", "health"),
    Case("Công an phường xóa 6 tụ điểm tệ nạn.", "6", 6, "tụ điểm", "exact", "places"),
    Case("Lửa thiêu rụi 3 dãy nhà trọ ven kênh.", "3", 3, "dãy nhà trọ", "exact", "buildings"),
    Case("Tỉnh đóng 12 cống để giữ ngọt.", "12", 12, "cống", "exact", "buildings"),
    Case("Xã phát 400 bồn chứa nước cho dân.", "400", 400, "bồn chứa nước", "exact", "items"),
    Case("Độ mặn đo được là 9,5 g/l tại cửa sông.", "9,5", 9.5, "g", "exact", "measure"),  # unit before "/"
    Case("Còn 7 chủ đầu tư chưa giải ngân.", "7", 7, "chủ đầu tư", "exact", "other"),
    Case("Tỉnh xuất khẩu 14 mặt hàng chủ lực.", "14", 14, "mặt hàng", "exact", "other"),
    Case("Ngành đường sắt tăng cường 16 đoàn tàu dịp lễ.", "16", 16, "đoàn tàu", "exact", "vehicles"),
    Case("Trong tháng có 45 tài xế bị tước giấy phép lái xe.", "45", 45, "tài xế", "exact", "violations"),
    Case("Thành phố có 120 vụ cháy; khoảng 40% số vụ do chập điện.", "40%", 40, "%", "approx", "incidents"),
    Case("Số vụ án giảm 12 vụ; 30 bị can đã bị khởi tố.", "30", 30, "bị can", "exact", "suspects"),
    # --- ... and on held-out h063-h074 (scraped-looking pages) ------------------------------------------
    Case("Đồn biên phòng đã tuyên truyền cho 1.500 lượt ngư dân.", "1.500", 1500, "lượt ngư dân", "exact", "people"),
    Case("Số ca mắc mới theo huyện: Phú Hòa 12, Tây Sơn 7, An Nhơn 5.", "5", 5, "", "exact", "health"),
    Case("Các xã có số F0 điều trị tại nhà nhiều nhất gồm: Tân Lập (320), Hòa Bình (290).", "320", 320, "",
         "exact", "health"),
    Case("Có 950 hợp tác xã thành lập mới (+12%) và 300 hợp tác xã giải thể.", "300", 300, "hợp tác xã", "exact",
         "other"),
    Case("Tai nạn giao thông tăng 5 vụ (+10%), 3 người chết.", "3", 3, "người chết", "exact", "casualties", "up"),
    Case("Cùng lúc 2 đám cháy bùng phát trong khu chợ.", "2", 2, "đám cháy", "exact", "incidents"),
    Case("Đội tuyên truyền đến 14 bể bơi trong thành phố.", "14", 14, "bể bơi", "exact", "buildings"),
    Case("Trộm lấy đi 03 nhẫn vàng và 2 dây chuyền.", "03", 3, "nhẫn vàng", "exact", "items"),
    Case("Bão làm đổ 58 cột điện trung thế.", "58", 58, "cột điện", "exact", "items"),
    Case("Tỉnh đã giải quyết 212 kiến nghị của cử tri.", "212", 212, "kiến nghị", "exact", "cases"),
    # --- ... and on held-out h075-h086 ----------------------------------------------------------------------
    Case("Đoàn kiểm tra xử phạt 17 cơ sở kinh doanh karaoke.", "17", 17, "cơ sở kinh doanh", "exact", "buildings"),
    Case("Mưa lớn khiến quốc lộ bị sạt lở tại 12 điểm.", "12", 12, "điểm", "exact", "incidents"),
    Case("Ban chuyên án chia làm 3 mũi ập vào hiện trường.", "3", 3, "mũi", "exact", "teams"),
    Case("Người mua được vay với lãi suất 4,8%/năm.", "4,8%", 4.8, "%", "exact", "rate"),
    Case("Tuyến đường sắt qua tỉnh còn 120 lối đi tự mở.", "120", 120, "lối đi tự mở", "exact", "other"),
    Case("Tỉnh có 8 khu công nghiệp đã đi vào hoạt động.", "8", 8, "khu công nghiệp", "exact", "places"),
    Case("Công an thu giữ 230 kíp nổ và 15 kg thuốc nổ.", "230", 230, "kíp nổ", "exact", "items"),
    # --- ... and on held-out h087-h098 ----------------------------------------------------------------------
    Case("Mục tiêu cả năm 4,5 triệu lượt khách du lịch.", "4,5 triệu", 4.5e6, "lượt khách", "exact", "people"),
    Case("Rét đậm làm chết 37 con ngựa của bà con vùng cao.", "37", 37, "con ngựa", "exact", "other"),
    Case("Bệnh viện được bổ sung 20 máy thở.", "20", 20, "máy thở", "exact", "health"),
    Case("Nhóm tụ tập khoảng 40 thanh thiếu niên.", "40", 40, "thanh thiếu niên", "approx", "people"),
    # --- A review of counted nouns common in such news (a sample of the 191 added) ------------------------
    Case("Đoàn viên thanh niên trao tặng 500 mũ bảo hiểm cho học sinh.", "500", 500, "mũ bảo hiểm", "exact",
         "items"),
    Case("Hệ thống camera phát hiện 35 điểm ùn tắc giờ cao điểm.", "35", 35, "điểm ùn tắc", "exact",
         "incidents"),
    Case("Ngành thuế kiểm tra 620 hộ kinh doanh trên địa bàn.", "620", 620, "hộ kinh doanh", "exact",
         "buildings"),
    Case("Công an tiếp nhận 48 tin tố giác về tội phạm.", "48", 48, "tin tố giác", "exact", "cases"),
    Case("Thủy điện xả tràn với lưu lượng 1.500 m3/s.", "1.500", 1500, "m3", "exact", "measure"),
    # --- ... and on held-out h099-h110 ----------------------------------------------------------------------
    Case("Xe tải chạy với tốc độ 92 km/h trên cao tốc.", "92", 92, "km/h", "exact", "measure"),
    Case("Đảng bộ thi hành kỷ luật 45 đảng viên.", "45", 45, "đảng viên", "exact", "personnel"),
    Case("Trạm y tế đã tiếp nhận 860 lượt người bệnh.", "860", 860, "lượt người bệnh", "exact", "health"),
    Case("Số ca mắc mới giảm 3 lần so với tuần trước.", "3", 3, "lần", "exact", "rate", "down"),
    Case("Đối tượng cùng 2 đồng phạm đã bị bắt.", "2", 2, "đồng phạm", "exact", "suspects"),
    Case("Đoàn kiểm tra 120 tòa chung cư cao tầng.", "120", 120, "tòa chung cư", "exact", "buildings"),
    # --- ... and on held-out h111-h122 ----------------------------------------------------------------------
    Case("Trưa nay nhiệt độ lên tới 38,5 độ C.", "38,5", 38.5, "độ c", "exact", "measure"),
    Case("Biên phòng thu giữ 12 thỏi vàng không rõ nguồn gốc.", "12", 12, "thỏi vàng", "exact", "items"),
    Case("Cảng đạt sản lượng khoảng 1,2 triệu TEU.", "1,2 triệu", 1.2e6, "teu", "approx", "measure"),
    Case("Quốc hội thông qua 9 luật và 2 nghị quyết.", "9", 9, "luật", "exact", "documents"),
    # --- ... and on held-out h123-h134 ----------------------------------------------------------------------
    Case("Mức phạt từ 500.000 đến 2 triệu đồng mỗi lần vi phạm.", "500.000 đến 2 triệu", 500_000, "đồng",
         "range", "money", value_high=2_000_000),
    Case("Số hộ nghèo giảm từ 320 hộ (năm 2021) xuống còn 150 hộ.", "320", 320, "hộ", "exact", "people"),
    Case("Kho chứa 3.200 đôi giày giả nhãn hiệu.", "3.200", 3200, "đôi giày", "exact", "items"),
]


class NotClaim(NamedTuple):
    text: str
    surface: str   # no claim may overlap this


NOT_CLAIMS = [
    NotClaim("Hội nghị diễn ra ngày 17-3-2021 tại Hà Nội.", "17-3-2021"),
    NotClaim("Sáng 14/7, đoàn đến làm việc với tỉnh.", "14/7"),
    NotClaim("Ngày 15.11 đoàn kiểm tra làm việc với huyện.", "15.11"),
    NotClaim("Năm 2021 là một năm nhiều khó khăn.", "2021"),
    NotClaim("Chương trình khởi động từ tháng 8 năm nay.", "8"),
    NotClaim("Cuộc họp bắt đầu lúc 6h sáng.", "6h"),
    NotClaim("Đoàn xuất phát lúc 7h30 từ trụ sở.", "7h30"),
    NotClaim("Kế hoạch giai đoạn 2021-2025 đã được phê duyệt.", "2021-2025"),
    NotClaim("Thực hiện Chỉ thị số 05-CT/TU của Thành ủy.", "05-CT/TU"),
    NotClaim("Xử phạt theo Nghị định 100/2019/NĐ-CP về giao thông.", "100/2019/NĐ-CP"),
    NotClaim("Các địa phương thực hiện nghiêm Chỉ thị 16 của Chính phủ.", "16"),
    NotClaim("Hành vi này vi phạm Điều 5 của luật.", "5"),
    NotClaim("Theo khoản 2 của nghị định, mức phạt tăng.", "2"),
    NotClaim("Áp dụng khoản 2 Điều 5 của luật.", "2"),
    NotClaim("Mỗi suất trị giá 1 triệu đồng/1 người.", "1 người"),
    NotClaim("Đăng ký tại phân vùng 1 trước ngày họp.", "1"),
    NotClaim("Cây xăng 125 Nguyễn Trãi bị kiểm tra.", "125"),
    NotClaim("Cán bộ Đội CSGT số 12 đã có mặt.", "12"),
    NotClaim("Xe tải lật trên Quốc lộ 6 chiều qua.", "6"),
    NotClaim("Công tác phòng, chống dịch Covid-19 được tăng cường.", "19"),
    NotClaim("Vụ tai nạn xảy ra tại km36 của tuyến đường.", "36"),
    NotClaim("Hội nghị thượng đỉnh G7 kết thúc hôm qua.", "7"),
    NotClaim("Người dân gọi đường dây nóng 0912.345.678 để báo tin.", "0912.345.678"),
    NotClaim("Tổng đài 1900 1234 hoạt động cả ngày.", "1900 1234"),
    NotClaim("Đây là lần thứ 2 đơn vị được khen thưởng.", "2"),
    NotClaim("Đội bóng xếp thứ 3 chung cuộc.", "3"),
    NotClaim("Đà Nẵng xếp thứ 43/63 tỉnh, thành về chỉ số này.", "43/63"),
    NotClaim("Một người dân đã báo tin cho công an.", "Một"),
    NotClaim("Một số hộ dân chưa nhận được hỗ trợ.", "Một"),
    NotClaim("Lực lượng chức năng trực xuyên đêm 31/12.", "31/12"),
    NotClaim("Chỉ huy Tiểu đoàn CSCĐ số 3 báo cáo.", "3"),
    NotClaim("Lực lượng tại chốt số 12 kiểm tra giấy tờ.", "12"),
    NotClaim("Xe mang biển số 29A-123.45 bị tạm giữ.", "29A-123.45"),
    NotClaim("Cửa hàng ở số 25 Lý Thường Kiệt bị kiểm tra.", "25"),
    NotClaim("Người dân phải khai báo y tế trong 14 ngày.", "14"),          # a duration: optional, not returned
    NotClaim("Nạn nhân 25 tuổi, trú tại xã bên.", "25"),                    # an age: optional, not returned
    NotClaim("Phó trưởng phòng ba tôi từng làm việc ở đây.", "ba"),         # a number word without a unit
    NotClaim("Hệ thống có ١٢٣ người dùng.", "١٢٣"),                         # Arabic-Indic digits are not digits here
    NotClaim("Bão mạnh cấp 11, giật cấp 13 khi vào bờ.", "11"),
    NotClaim("Bão mạnh cấp 11, giật cấp 13 khi vào bờ.", "13"),
    NotClaim("Khu vực này đang ở mức báo động khẩn cấp 3 từ hôm qua.", "3"),  # a level, not a count
    NotClaim("Theo điều 5 của luật, mức phạt tăng.", "5"),
    NotClaim("Mưa lớn tại Đà Nẵng20/8 gây ngập.", "20/8"),
    NotClaim("Tai nạn xảy ra ở km36 đoạn qua xã.", "km36"),
    NotClaim("Thị xã Vạn Ninh tổ chức lễ hội.", "Vạn"),
    NotClaim("Tổ 5 phường Bến Nghé có 30 hộ tham gia.", "5"),
    NotClaim("Học sinh trường cấp 3 được nghỉ học.", "3"),
    NotClaim("Cửa hàng ở số 25 Lý Thường Kiệt bán phần trăm.", "25"),
    NotClaim("Văn phòng mới đặt tại 2 địa điểm (phường 12, quận 3).", "12"),  # labels inside brackets
    NotClaim("Văn phòng mới đặt tại 2 địa điểm (phường 12, quận 3).", "3"),
    NotClaim("Đề án gồm 4 nội dung (giai đoạn 1, giai đoạn 2).", "1"),
    NotClaim("Hội phụ nữ mở Chợ Tết 0 đồng cho công nhân.", "0"),   # "free": a name, not an amount
    NotClaim("Đoàn đến trụ sở lúc 15 giờ 30 phút.", "15"),
    NotClaim("Thường trực Ban chỉ đạo 389 tỉnh họp sáng nay.", "389"),
    NotClaim("Theo Điều 201 Bộ luật Hình sự, hành vi này bị xử lý.", "201"),  # a clause's first word is capitalised
]

# Invisible and odd characters people's text carries; inserted between the characters of the number.
_INVISIBLE = ("\u200b", "\u00ad", "\ufeff", "\u2060")


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _with_odd_spaces(text: str) -> str:
    """Spaces become no-break/narrow no-break/figure spaces and a zero-width space follows every digit."""
    out = []
    spaces = "\u00a0\u202f\u2007"
    for i, ch in enumerate(text):
        if ch == " ":
            out.append(spaces[i % 3])
        else:
            out.append(ch)
            if ch.isdigit():
                out.append(_INVISIBLE[i % len(_INVISIBLE)])
    return "".join(out)


VARIANTS = {"nfc": lambda t: t, "nfd": _nfd, "odd-spaces": _with_odd_spaces}


def _case_id(case) -> str:
    return f"{case.surface}|{case.text[:40]}"


def _find(claims: list[Claim], case: Case, text: str) -> Claim:
    """The claim whose span covers the case's surface (located in the NFC form of ``text``)."""
    plain = _normalised(text)
    at = plain.find(case.surface)
    assert at >= 0, f"{case.surface!r} not in {plain!r}"
    hits = [c for c in claims if _normalised(text[:c.start]).__len__() <= at < len(_normalised(text[:c.end]))]
    assert hits, f"no claim covers {case.surface!r}: {[(c.text, c.value) for c in claims]}"
    return hits[0]


def _normalised(text: str) -> str:
    """NFC, invisible characters dropped and odd spaces made plain: how the extractor reads ``text``."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("case", CASES, ids=[c.id if hasattr(c, "id") else _case_id(c) for c in CASES])
def test_case(case: Case, variant: str) -> None:
    text = VARIANTS[variant](case.text)
    claims = extract(text)
    for c in claims:
        assert text[c.start:c.end] == c.text
    claim = _find(claims, case, text)
    assert _normalised(claim.text) == case.surface
    assert claim.value == pytest.approx(case.value, rel=1e-12)
    if case.value_high is None:
        assert claim.value_high is None
    else:
        assert claim.value_high == pytest.approx(case.value_high, rel=1e-12)
    assert unicodedata.normalize("NFC", claim.unit) == case.unit
    assert (claim.qualifier, claim.category, claim.change) == (case.qualifier, case.category, case.change)


@pytest.mark.parametrize("case", NOT_CLAIMS, ids=lambda c: c.text[:50])
def test_not_a_claim(case: NotClaim) -> None:
    start = case.text.index(case.surface)
    end = start + len(case.surface)
    overlapping = [c for c in extract(case.text) if c.start < end and start < c.end]
    assert not overlapping, overlapping


def test_fields_are_from_the_schema() -> None:
    text = "Ngày 2/9, công an bắt 12 đối tượng, thu giữ 1,5 tỷ đồng; tai nạn giảm 3 vụ (giảm 4,5%)."
    claims = extract(text)
    assert [c.text for c in claims] == ["12", "1,5 tỷ", "3", "4,5%"]
    for c in claims:
        assert c.qualifier in QUALIFIERS and c.category in CATEGORIES and c.change in CHANGES
        assert c.sentence and c.text in c.sentence


def test_action_subject_and_sentence() -> None:
    text = "Mở đầu. Công an đã điều động, bố trí 2.496 cán bộ, chiến sĩ công an chính quy về xã. Hết."
    (claim,) = extract(text)
    assert claim.action == "điều động, bố trí"
    assert claim.subject == "cán bộ, chiến sĩ công an chính quy"
    assert claim.sentence == "Công an đã điều động, bố trí 2.496 cán bộ, chiến sĩ công an chính quy về xã."


@pytest.mark.parametrize(("text", "subject"), [
    ("Tỉnh bố trí 300 cán bộ, chiến sĩ công an chính quy đảm nhiệm các chức danh ở xã.",
     "cán bộ, chiến sĩ công an chính quy"),
    ("Thành phố lập 120 tổ an ninh cộng đồng do công an xã làm tổ trưởng.", "tổ an ninh cộng đồng"),
    ("Mưa lớn làm 3 người chết do lũ quét.", "người chết"),
])
def test_subject_stops_at_a_verb_or_link_word(text: str, subject: str) -> None:
    (claim,) = extract(text)
    assert claim.subject == subject


@pytest.mark.parametrize(("text", "category"), [
    ("Phòng đã tạm giữ hình sự 15 người.", "suspects"),           # a four-word verb before the number
    ("Trận lũ đã cướp đi sinh mạng 12 người.", "casualties"),
    ("Phường đã hỗ trợ 12 người.", "people"),
])
def test_context_verbs_of_up_to_four_words(text: str, category: str) -> None:
    (claim,) = extract(text)
    assert claim.category == category


@pytest.mark.parametrize(("text", "action"), [
    ("Năm qua, lực lượng công an đã điều tra khám phá 214 vụ án hình sự.", "điều tra khám phá"),
    ("Phòng Cảnh sát hình sự đã tạm giữ hình sự 15 đối tượng.", "tạm giữ hình sự"),
    ("Huyện đã tham mưu thành lập 40 tổ tuần tra.", "tham mưu thành lập"),
    ("Có 40 tổ tuần tra hoạt động.", ""),
])
def test_action_is_the_longest_verb_phrase(text: str, action: str) -> None:
    (claim,) = extract(text)
    assert claim.action == action


@pytest.mark.parametrize("text", ["", " ", "\n\n", "không có số nào", "%%%", "1", "một"])
def test_edge_inputs(text: str) -> None:
    assert extract(text) == []
