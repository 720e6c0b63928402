"""Write the sample portal export shipped in the repository: content-samples/xuat-tu-cong-thong-tin.xlsx.

    python scripts/sample_export.py

A few dozen initiatives as a portal export really comes: a merged title row and a blank row above a two-level
header ("Tác giả" merged over "Họ và tên" and "Đồng ý công khai tên"), provinces written loosely (TP.HCM, Sài
Gòn, Thừa Thiên - Huế, HN, former provinces), a third from national units with no province (the union column
filled), money in words and with dots, dates as serial numbers, as date cells and as text, several authors in a
cell, blank rows, stray spaces, a repeated row, a formula that was never calculated, an unknown province, an
unknown kind of organisation. Organisations and people are invented; the unions and places are real. Try it:

    showcase import content-samples/xuat-tu-cong-thong-tin.xlsx --dry-run
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.tools.importer.headers import PORTAL  # noqa: E402

OUT = ROOT / "content-samples" / "xuat-tu-cong-thong-tin.xlsx"
# Without roles and long texts; "Tác giả" merged over its two sub-headers, as portals lay it out.
COLUMNS = [c for c in PORTAL if c not in ("Chức danh", "Vấn đề", "Giải pháp", "Kết quả")]
HEADER = [None if c == "Đồng ý công khai tên" else c for c in COLUMNS]
SUB = [{"Tác giả": "Họ và tên", "Đồng ý công khai tên": c}.get(c) for c in COLUMNS]
D = dt.datetime

# (id, title, summary, province, union, sector, organisation, kind, authors, consent, benefit, level, day, status,
#  keywords)
# fmt: off
ROWS: list[tuple] = [
    ("CTT-2023-0001", "Cải tiến giá đỡ cần khoan trên giàn khai thác", "Giá đỡ mới giúp thay cần khoan nhanh hơn, an toàn hơn cho thợ khoan ca đêm.", "", "Công đoàn Dầu khí Việt Nam", "Khai khoáng", "Công ty TNHH MTV Dịch vụ Khoan Biển Đông", "Doanh nghiệp", "Trần Văn Hải; Lê Quang Vinh", "có; có", "2,4 tỷ", "Cấp ngành", 45012, "Đã duyệt", "an toàn lao động; dầu khí"),
    ("CTT-2023-0002", "Thu hồi nhiệt khí thải lò hơi nhà máy đạm", "Bộ trao đổi nhiệt tận dụng khí thải làm nóng nước cấp, giảm lượng than tiêu thụ.", " ", "CĐ Công nghiệp Hóa chất VN", "C", "Công ty CP Phân bón Hà Bắc Mới", "enterprise", "Nguyễn Thị Thu Hà", "x", "1.850.000.000", "Cấp ngành", D(2023, 4, 12), "Đã duyệt", "tiết kiệm năng lượng"),
    ("CTT-2023-0003", "Hệ thống cảnh báo khí mê-tan cho lò chợ", "Cảm biến đặt theo chiều dài lò chợ báo sớm nồng độ khí, tự ngắt điện thiết bị.", None, "Công đoàn TKV", "B", "Công ty Than Hòn Gai Mới", "Doanh nghiệp", "Phạm Văn Long; Đỗ Minh Tuấn; Tổ cơ điện lò", "có; không; có", "hơn 3 tỷ", "Toàn quốc", "12/05/2023", "Đã duyệt", "an toàn lao động, khai thác than"),
    ("CTT-2023-0004", "Cây chống sét van lưới trung thế tự chế", "Giá lắp chống sét van bằng vật tư thu hồi, thay nhanh khi có sự cố.", "", "Công đoàn Tập đoàn Điện lực Việt Nam", "Điện, khí đốt", "Công ty Điện lực Miền Trung Mới", "Doanh nghiệp", "Võ Thanh Bình", "Đồng ý", "850 triệu", "Cấp ngành", 45050, "Đã duyệt", "điện lực"),
    ("CTT-2023-0005", "Máy cạo mủ cao su dùng pin", "Dao cạo mủ chạy pin giúp công nhân cạo đều, ít hao cây, nhanh hơn 30%.", "", "Công đoàn Cao su Việt Nam", "A", "Công ty TNHH MTV Cao su Phú Riềng Mới", "Doanh nghiệp", "Điểu Thị Lan; K'Brơi", "có", "1,2 tỷ đồng/năm", "Cấp ngành", D(2023, 6, 2), "Đã duyệt", "nông nghiệp, cao su"),
    ("CTT-2023-0006", "Phần mềm ghép tuyến bưu gửi theo bản đồ số", "Ghép tuyến phát bưu gửi tự động theo bản đồ số, rút ngắn quãng đường của bưu tá.", "", "Công đoàn Bưu điện Việt Nam", "H", "Bưu điện Trung tâm Sông Hàn", "Cơ quan", "Hoàng Minh Đức\nNguyễn Thị Mai", "có; không", "620.000.000", "Cấp ngành", "20-6-2023", "Đã duyệt", "chuyển đổi số"),
    ("CTT-2023-0007", "Quy trình một cửa số hóa hồ sơ viên chức", "Số hóa hồ sơ viên chức, tra cứu trong vài giây thay vì lục tủ hồ sơ.", "", "Công đoàn Viên chức Việt Nam", "O", "Văn phòng Ban Quản lý Dự án Trung ương Mới", "agency", "Lê Thị Hồng", "không", "", "Cấp ngành", D(2023, 7, 14), "Đã duyệt", "chuyển đổi số; dịch vụ công"),
    ("CTT-2023-0008", "Bộ gá hàn ống đường kính lớn", "Bộ gá giữ đồng tâm ống khi hàn, giảm mối hàn lỗi ở công trình đường ống.", "Vũng Tàu", "Công đoàn Dầu khí Việt Nam", "F", "Xí nghiệp Xây lắp Đường ống Mới", "Xí nghiệp", "Ngô Văn Toàn", "có", "5.000 USD", "Cấp cơ sở", "2023-07-30", "Đã duyệt", "cơ khí"),
    ("CTT-2023-0009", "Khuôn dập tấm lót giảm phế phẩm", "Khuôn dập mới giảm phế phẩm từ 3,2% xuống 1,1%.", "TP.HCM", "", "C", "Công ty CP Cơ khí Sài Gòn Mới", "Doanh nghiệp", "Bùi Văn Phúc; Trịnh Thị Yến", "có; có", "1.250.000.000", "Cấp tỉnh", 45120, "Đã duyệt", "cơ khí, năng suất"),
    ("CTT-2023-0010", "Xe đẩy vật tư cho điều dưỡng", "Xe đẩy chia ngăn theo buồng bệnh, điều dưỡng bớt đi lại trong ca trực.", "Thừa Thiên - Huế", "", "Y tế", "Bệnh viện Đa khoa Hương Giang", "Bệnh viện", "Phan Thị Ngọc", "có", "120 triệu", "Cấp cơ sở", D(2023, 8, 1), "Đã duyệt", "y tế"),
    ("CTT-2023-0011", "Tưới nhỏ giọt bằng bộ hẹn giờ tự làm", "Bộ hẹn giờ lắp từ linh kiện rẻ, tưới đúng lượng nước cho vườn thanh long.", "Bình Thuận", "", "Nông nghiệp", "Hợp tác xã Thanh Long Hàm Mới", "HTX", "Nguyễn Văn Sáu", "x", "350.000.000", "Cấp tỉnh", "05/08/2023", "Đã duyệt", "tiết kiệm nước"),
    ("CTT-2023-0012", "Bảng kiểm an toàn điện trên điện thoại", "Bảng kiểm trên điện thoại cho thợ điện, tự lưu ảnh trước khi thao tác.", "HN", "", "D", "Công ty CP Điện lực Thăng Long Mới", "doanh-nghiep", "Vũ Đức Thắng", "TRUE", "1 tỷ 200 triệu", "Cấp tỉnh", D(2023, 8, 9), "Đã duyệt", "an toàn điện"),
    ("CTT-2023-0013", "Băng tải nghiêng cho kho lúa", "Băng tải nghiêng chuyển bao lúa lên cao, bốc xếp bớt nặng nhọc.", "Sài Gòn", "", "H", "Công ty TNHH Kho vận Chợ Lớn Mới", "Doanh nghiệp", "Lâm Văn Hùng", "có", "480 triệu", "Cấp cơ sở", 45150, "Đã duyệt", "bốc xếp"),
    ("CTT-2023-0014", "Sơ đồ thoát hiểm phát sáng trong xưởng may", "Sơ đồ thoát hiểm phát sáng dán theo lối đi, công nhân tìm lối ra khi mất điện.", "Nam Định", "", "C", "Công ty CP May Sông Hồng Mới", "Doanh nghiệp", "Đặng Thị Huệ", "có", "90.000.000", "Cấp cơ sở", "2023-09-01", "Đã duyệt", "phòng cháy chữa cháy"),
    ("CTT-2023-0015", "Tái dùng nước rửa lọc nhà máy nước", "Thu nước rửa lọc về bể lắng, dùng lại cho khâu pha hóa chất.", "  Đà Nẵng ", "", "E", "Công ty CP Cấp nước Hải Vân Mới", "Doanh nghiệp", "Trương Công Minh", "có", "1,5 tỷ", "Cấp tỉnh", D(2023, 9, 15), "Đã duyệt", "tiết kiệm nước"),
    ("CTT-2023-0016", "Giáo án điện tử cho lớp ghép", "Bộ giáo án điện tử cho lớp ghép vùng cao, giáo viên dạy hai trình độ cùng lúc.", "Lào Cai", "", "P", "Trường Tiểu học Bản Mới", "Trường học", "Sùng Thị Mai", "có", "", "Cấp tỉnh", 45190, "Đã duyệt", "giáo dục"),
    ("CTT-2023-0017", "Máy bóc vỏ tôm bán tự động", "Máy bóc vỏ tôm bán tự động tăng gấp đôi năng suất tổ chế biến.", "Cà Mau", "", "C", "Công ty CP Thủy sản Năm Căn Mới", "Doanh nghiệp", "Lý Văn Tâm; Huỳnh Thị Nga", "không; có", "2 tỷ", "Toàn quốc", "ngày 2 tháng 10 năm 2023", "Đã duyệt", "thủy sản"),
    ("CTT-2023-0018", "Lò sấy cà phê dùng vỏ cà phê", "Lò sấy đốt vỏ cà phê thay củi, giảm chi phí và khói.", "Đắc Lắc", "", "A", "Hợp tác xã Cà phê Ea Mới", "Hợp tác xã", "Y Bih; H'Linh", "có; có", "300 triệu", "Cấp cơ sở", D(2023, 10, 6), "Đã duyệt", "kinh tế tuần hoàn"),
    ("CTT-2023-0019", "Bệ thử bơm nước cứu hỏa di động", "Bệ thử lưu lượng bơm cứu hỏa ngay tại cơ sở, không phải chở về xưởng.", "Quảng Ninh", "", "N", "Đội Phòng cháy Cảng Cái Lân Mới", "Cơ quan", "Nguyễn Hữu Dũng", "có", "75 triệu", "Cấp cơ sở", "10/10/2023", "Chờ duyệt", "phòng cháy chữa cháy"),
    ("CTT-2023-0020", "Hệ thống đặt lịch khám qua tin nhắn", "Người bệnh đặt lịch khám qua tin nhắn, giảm chờ đợi ở khoa khám bệnh.", "Cần Thơ", "", "Q", "Bệnh viện Đa khoa Tây Đô Mới", "Bệnh viện", "Trần Ngọc Hân", "có", "", "Cấp tỉnh", D(2023, 10, 20), "Từ chối", "y tế, chuyển đổi số"),
    ("CTT-2023-0021", "Dây chuyền đóng gói gạo tự động", "Dây chuyền đóng gói gạo 5 kg tự động cân, hàn miệng túi.", "An Giang", "", "C", "Công ty CP Lương thực Long Xuyên Mới", "Doanh nghiệp", "Võ Văn Kiệt Mới", "có", "=1200*1000000", "Cấp tỉnh", 45230, "Đã duyệt", "tự động hóa"),
    ("CTT-2023-0009", "Khuôn dập tấm lót giảm phế phẩm (gửi lại)", "Bản gửi trùng.", "TP.HCM", "", "C", "Công ty CP Cơ khí Sài Gòn Mới", "Doanh nghiệp", "Bùi Văn Phúc", "có", "1.250.000.000", "Cấp tỉnh", 45120, "Đã duyệt", ""),
    ("CTT-2023-0023", "Kệ để khuôn xoay", "Kệ xoay giúp lấy khuôn nặng không cần cẩu.", "TP HCMM", "", "C", "Công ty TNHH Khuôn Mẫu Bến Thành Mới", "Doanh nghiệp", "Mai Văn Lộc", "có", "200 triệu", "Cấp cơ sở", 45240, "Đã duyệt", "cơ khí"),
    ("CTT-2023-0024", "Câu lạc bộ sáng kiến trẻ", "Sinh hoạt định kỳ để công nhân trẻ đề xuất cải tiến.", "Hải Phòng", "", "S", "Câu lạc bộ Thợ trẻ Đất Cảng Mới", "Câu lạc bộ", "Nguyễn Văn Tùng", "có", "", "Cấp cơ sở", 45241, "Đã duyệt", ""),
    ("CTT-2023-0025", "Tận dụng khí đồng hành cho máy phát tại mỏ", "Thu gom khí đồng hành để chạy máy phát điện, giảm đốt bỏ ngoài đuốc.", "", "Công đoàn Dầu khí Việt Nam", "B", "Xí nghiệp Khai thác Dầu khí Mới", "Doanh nghiệp", "Hồ Sĩ Thành; Phạm Thị Lan", "có; có", "4,5 tỷ", "Toàn quốc", D(2023, 11, 3), "Đã duyệt", "giảm phát thải"),
    ("CTT-2023-0026", "Thiết bị tách mủ đông từ nước thải", "Thiết bị tách mủ đông còn sót trong nước thải sơ chế, thu lại nguyên liệu.", "", "Công đoàn Cao su Việt Nam", "C", "Nhà máy Chế biến Mủ Lộc Ninh Mới", "Doanh nghiệp", "Lê Văn Bảy", "có", "640 triệu", "Cấp ngành", 45250, "Đã duyệt", "môi trường"),
    ("CTT-2023-0027", "Robot vệ sinh tấm pin mặt trời", "Robot chạy trên ray tự lau tấm pin, tăng sản lượng điện mùa khô.", "", "Công đoàn Tập đoàn Điện lực Việt Nam", "D", "Công ty Năng lượng Tái tạo Nam Trung Bộ Mới", "Doanh nghiệp", "Đinh Công Tráng", "có", "1.100.000.000", "Cấp ngành", "22/11/2023", "Đã duyệt", "năng lượng tái tạo"),
    ("CTT-2023-0028", "Bộ đếm bưu gửi bằng mã vạch tại cửa chia", "Đếm bưu gửi bằng mã vạch ở cửa chia, hết nhầm túi thư.", "", "Công đoàn Bưu điện Việt Nam", "H", "Trung tâm Khai thác Vận chuyển Miền Nam Mới", "Cơ quan", "Nguyễn Thị Kim Oanh", "có", "260 triệu", "Cấp cơ sở", D(2023, 12, 1), "Đã duyệt", "năng suất"),
    ("CTT-2023-0029", "Thùng thu gom dầu thải bánh răng", "Thùng thu gom dầu thải kín, không rò ra nền xưởng sửa chữa.", "Quảng Nam", "", "C", "Công ty CP Ô tô Chu Lai Mới", "Doanh nghiệp", "Phan Văn Hòa", "không", "180.000.000", "Cấp cơ sở", 45270, "Đã duyệt", "môi trường"),
    ("CTT-2023-0030", "Giá phơi khuôn gạch không nung", "Giá phơi nhiều tầng cho gạch không nung, gấp ba diện tích phơi.", "Hoà Bình", "", "F", "Hợp tác xã Vật liệu Xây dựng Đà Giang Mới", "Hợp tác xã", "Bùi Văn Khánh", "có", "150 triệu", "Cấp cơ sở", D(2023, 12, 12), "Đã duyệt", "xây dựng"),
]
# fmt: on


def write(path: Path = OUT) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sáng kiến"
    sheet.append(["DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM 2023 (xuất từ cổng thông tin)"])
    sheet.merge_cells("A1:P1")
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(SUB)
    sheet.merge_cells("J3:K3")
    for n, values in enumerate(ROWS, start=1):
        if n in (8, 20):
            sheet.append([])  # blank rows, as exports have
        sheet.append([n, *values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
    fixed = dt.datetime(2024, 1, 2, 8, 0, 0)
    book.properties.created = book.properties.modified = fixed
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    book.save(buffer)
    # The same bytes every time the sample is written: the archive's entries dated once.
    with zipfile.ZipFile(buffer) as made, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in made.infolist():
            data = made.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-02T08:00:00Z", data)
            out.writestr(zipfile.ZipInfo(entry.filename, fixed.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
    return path


if __name__ == "__main__":
    print(write())
