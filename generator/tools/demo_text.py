"""Varied Vietnamese text for demo initiatives: sentences assembled from many frames and a large vocabulary,
so that two unrelated demo records share few phrases, as two real ones do. Search and duplicate-screening
figures measured on a handful of repeated texts would measure nothing.

The text also carries what real submissions carry and a scan must leave alone: money in every usual
spelling, dates, percentages, counts, standards, shift hours, and everyday words that are also given names.
"""

from __future__ import annotations

import random
import re

from generator.common import formatting

# Per sector: (things worked on, parts of them, materials, who works there, where).
SECTORS: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {
    "A": (
        [
            "hệ thống tưới nhỏ giọt",
            "máy gieo hạt",
            "máy sấy lúa",
            "ao nuôi tôm",
            "nhà màng trồng dưa lưới",
            "máy vò chè",
            "chuồng nuôi heo",
            "máy cắt cỏ",
            "vườn ươm cây giống",
            "lò sấy cà phê",
            "máy tách hạt điều",
        ],
        ["béc phun", "trục vò", "quạt sục khí", "buồng sấy", "van định lượng", "máng ăn tự động"],
        ["ống nhựa HDPE", "lưới che nắng", "phân hữu cơ vi sinh", "trấu", "vỏ cà phê"],
        ["xã viên", "công nhân nông trường", "kỹ thuật viên trồng trọt", "người nuôi tôm"],
        ["đội sản xuất số 3", "trại giống", "nông trường chè", "vùng nguyên liệu"],
    ),
    "B": (
        [
            "giá đỡ thủy lực",
            "băng tải than",
            "quạt gió cục bộ",
            "hệ thống thoát nước mỏ",
            "máng cào",
            "tời trục",
            "máy khoan khí nén",
        ],
        ["xi lanh thủy lực", "con lăn đỡ", "tang tời", "cánh quạt", "bộ lọc bụi", "phớt chắn dầu"],
        ["thép chịu mài mòn", "dầu thủy lực", "cao su chịu nhiệt", "gỗ chống lò"],
        ["thợ lò", "công nhân cơ điện lò", "thợ vận hành tời", "đội cứu hộ mỏ"],
        ["phân xưởng khai thác số 5", "lò chợ mức -150", "phân xưởng vận tải", "công trường lộ thiên"],
    ),
    "C": (
        [
            "khuôn dập",
            "dây chuyền may áo sơ mi",
            "máy ép nhựa",
            "lò hơi",
            "máy cắt vải",
            "đồ gá hàn",
            "máy bóc vỏ tôm",
            "lò nung gạch tuynel",
            "dây chuyền đóng gói",
            "máy dán cạnh",
            "máy chiết rót",
            "máy se sợi",
            "máy in lụa",
            "dây chuyền sơn tĩnh điện",
            "máy tiện CNC",
            "bể mạ kẽm",
        ],
        [
            "đầu kim",
            "dao cắt",
            "vòi phun",
            "ổ bi",
            "trục vít",
            "bo mạch điều khiển",
            "cụm gá kẹp",
            "bộ gia nhiệt",
            "khớp nối mềm",
            "cảm biến quang",
            "xi lanh khí nén",
            "bàn trượt",
        ],
        [
            "thép không gỉ",
            "nhựa PP tái chế",
            "tôn mạ kẽm",
            "vải kaki",
            "phôi nhôm",
            "gỗ keo",
            "chỉ polyester",
            "sơn bột",
            "mực in gốc nước",
            "đất sét",
        ],
        ["công nhân may", "thợ cơ khí", "thợ hàn", "công nhân vận hành", "tổ bảo trì", "kỹ thuật viên QC"],
        ["xưởng dập", "chuyền may số 12", "phân xưởng ép", "kho thành phẩm", "xưởng cơ điện", "tổ hoàn thiện"],
    ),
    "D": (
        ["trạm biến áp", "công tơ điện tử", "đường dây trung thế", "tủ bù công suất", "tổ máy phát", "lưới hạ thế"],
        ["sứ cách điện", "dao cách ly", "rơ le bảo vệ", "cầu chì tự rơi", "bộ đếm sét"],
        ["dây nhôm lõi thép", "dầu máy biến áp", "xà sắt mạ kẽm"],
        ["công nhân quản lý vận hành", "thợ đường dây", "kỹ sư điều độ"],
        ["đội quản lý điện khu vực", "trạm 110 kV", "phòng điều độ", "tổ sửa chữa nóng"],
    ),
    "E": (
        ["bể lắng", "trạm bơm", "hệ thống xử lý nước thải", "điểm thu gom rác", "xe ép rác", "nhà máy nước"],
        ["song chắn rác", "máy thổi khí", "van xả cặn", "đồng hồ đo lưu lượng", "bồn hóa chất"],
        ["phèn nhôm", "clo", "màng lọc", "bùn thải"],
        ["công nhân vệ sinh môi trường", "thợ vận hành trạm bơm", "kỹ thuật viên xét nghiệm nước"],
        ["xí nghiệp thoát nước", "trạm xử lý phía Nam", "đội thu gom số 2"],
    ),
    "F": (
        ["khuôn đúc bê tông", "giàn giáo", "máy trộn vữa", "cốp pha", "cần trục tháp", "máy cắt uốn thép"],
        ["bu lông neo", "móc cẩu", "bàn rung", "chốt khóa", "lưới an toàn"],
        ["thép hình", "ván ép phủ phim", "vữa xi măng", "cát nhân tạo"],
        ["công nhân xây dựng", "thợ cốp pha", "thợ lái cẩu", "cán bộ an toàn công trường"],
        ["công trường cầu vượt", "ban chỉ huy công trình", "đội thi công số 7"],
    ),
    "H": (
        ["cẩu bờ", "xe nâng", "lịch điều độ", "bãi container", "ghe chở hàng", "đoàn tàu hàng", "xe buýt"],
        ["khung chụp container", "má phanh", "lốp xe", "hệ thống đèn báo", "bộ định vị"],
        ["dầu diesel", "pallet gỗ", "dây chằng hàng"],
        ["lái xe nâng", "công nhân bốc xếp", "điều độ viên", "tài xế", "nhân viên khai thác cảng"],
        ["cảng container", "ga hàng hóa", "xí nghiệp xếp dỡ", "trạm trung chuyển"],
    ),
    "I": (
        ["bếp ăn công nghiệp", "quy trình buồng phòng", "máy rửa khay", "nhà hàng buffet"],
        ["chảo nấu", "tủ hấp", "xe đẩy đồ vải"],
        ["khí gas", "dầu ăn", "khăn trải bàn"],
        ["đầu bếp", "nhân viên buồng phòng", "nhân viên phục vụ"],
        ["bếp trung tâm", "bộ phận buồng", "nhà ăn ca"],
    ),
    "J": (
        ["tuyến cáp quang", "tổng đài", "hệ thống giám sát mạng", "trạm phát sóng"],
        ["măng xông", "bộ chia quang", "ắc quy dự phòng", "anten"],
        ["cáp quang treo", "tủ outdoor"],
        ["kỹ thuật viên viễn thông", "nhân viên trực mạng"],
        ["trung tâm điều hành mạng", "tổ ứng cứu thông tin"],
    ),
    "K": (
        ["quy trình giao dịch", "hồ sơ tín dụng", "quầy giao dịch", "kho quỹ"],
        ["máy đếm tiền", "phiếu yêu cầu", "biểu mẫu điện tử"],
        ["giấy in nhiệt"],
        ["giao dịch viên", "cán bộ tín dụng", "thủ quỹ"],
        ["phòng giao dịch", "phòng khách hàng cá nhân"],
    ),
    "P": (
        ["ngân hàng câu hỏi", "bếp ăn bán trú", "phòng thí nghiệm", "thời khóa biểu", "thư viện số"],
        ["bộ thí nghiệm", "phiếu học tập", "mô hình trực quan"],
        ["vật liệu tái chế", "bìa cứng", "ống nghiệm"],
        ["giáo viên", "nhân viên thư viện", "cô nuôi dạy trẻ"],
        ["tổ chuyên môn toán", "khối lớp 5", "phòng bộ môn"],
    ),
    "Q": (
        ["quy trình khám bệnh", "kho dược", "hồ sơ bệnh án", "xe đẩy cấp phát thuốc", "máy thở", "phòng mổ"],
        ["bình làm ẩm", "khay dụng cụ", "giường bệnh", "bơm tiêm điện"],
        ["bông băng", "dung dịch sát khuẩn", "oxy y tế"],
        ["điều dưỡng", "kỹ thuật viên xét nghiệm", "dược sĩ", "hộ lý"],
        ["khoa hồi sức", "khoa khám bệnh", "khoa dược", "phòng mổ số 2"],
    ),
}
SECTORS["O"] = (
    [
        "quy trình tiếp nhận hồ sơ",
        "hệ thống một cửa điện tử",
        "sổ hộ tịch",
        "kho lưu trữ hồ sơ",
        "lịch tiếp công dân",
        "phần mềm quản lý văn bản",
        "bảng theo dõi đoàn viên",
        "quy trình cấp phép xây dựng",
        "hộp thư góp ý",
        "cổng dịch vụ công",
    ],
    ["biểu mẫu điện tử", "máy quét tài liệu", "tủ hồ sơ di động", "màn hình xếp hàng", "máy lấy số thứ tự"],
    ["giấy tái chế", "bìa hồ sơ", "kệ sắt", "nhãn mã vạch"],
    ["chuyên viên một cửa", "cán bộ tư pháp", "cán bộ công đoàn", "văn thư"],
    ["bộ phận một cửa", "phòng tư pháp", "văn phòng công đoàn", "kho lưu trữ tầng 2", "phòng tiếp công dân"],
)
SECTORS["G"] = (
    [
        "kho hàng",
        "quầy thu ngân",
        "xe giao hàng",
        "kệ trưng bày",
        "hệ thống đặt hàng",
        "phần mềm tồn kho",
        "dây chuyền đóng gói đơn hàng",
        "tủ mát",
    ],
    ["máy quét mã vạch", "máy in hóa đơn", "xe đẩy hàng", "thùng giữ lạnh", "nhãn giá điện tử"],
    ["thùng carton tái chế", "màng co", "túi giấy", "đá khô"],
    ["nhân viên thu ngân", "thủ kho", "nhân viên giao hàng", "nhân viên bán hàng"],
    ["siêu thị", "kho trung chuyển", "cửa hàng số 3", "quầy hàng tươi sống"],
)
# Every other sector: offices, buildings and vehicles, which every kind of unit has.
GENERIC = (
    [
        "quy trình làm việc",
        "hồ sơ hành chính",
        "thiết bị văn phòng",
        "kho lưu trữ",
        "lịch trực",
        "phần mềm quản lý",
        "hệ thống chiếu sáng",
        "điều hòa trung tâm",
        "máy phát điện dự phòng",
        "hệ thống camera",
        "thang máy",
        "xe công vụ",
    ],
    ["biểu mẫu", "máy in", "tủ hồ sơ", "công tắc hẹn giờ", "bộ lọc gió", "ắc quy", "đèn báo", "bản lề cửa"],
    ["giấy in", "mực in", "tấm cách nhiệt", "ống đồng", "dây điện"],
    ["chuyên viên", "nhân viên văn phòng", "nhân viên kỹ thuật", "nhân viên bảo vệ", "lái xe"],
    ["bộ phận một cửa", "phòng hành chính", "tòa nhà điều hành", "phòng kỹ thuật", "nhà xe"],
)
TOOLS = [
    "cảm biến hồng ngoại",
    "bộ lập trình PLC",
    "biến tần",
    "động cơ servo",
    "mã QR",
    "ứng dụng trên điện thoại",
    "bảng tính dùng chung",
    "camera giám sát",
    "tấm pin mặt trời",
    "van điện từ",
    "rơ le thời gian",
    "bộ vi điều khiển Arduino",
    "cảm biến siêu âm",
    "đèn LED",
    "phần mềm nguồn mở",
    "nam châm điện",
    "bộ hẹn giờ",
    "xi lanh khí nén",
    "băng tải con lăn",
    "máy in 3D",
]
DEFECTS = [
    "rò rỉ dầu",
    "kẹt phôi",
    "quá nhiệt",
    "rung lắc mạnh",
    "mòn nhanh",
    "sai kích thước",
    "đứt chỉ",
    "bụi mịn",
    "tiếng ồn lớn",
    "tắc nghẽn",
    "hao hụt",
    "chập điện",
    "ẩm mốc",
    "nứt vỡ",
    "lệch tâm",
    "chờ đợi lâu",
]
ACTIONS = [
    "Cải tiến",
    "Tự động hóa",
    "Thiết kế lại",
    "Số hóa",
    "Chế tạo",
    "Tối ưu",
    "Cơ giới hóa",
    "Chuẩn hóa",
    "Nâng cấp",
    "Hoán cải",
    "Ứng dụng công nghệ cho",
    "Sửa đổi",
    "Lắp thêm bộ phận cho",
]
GOALS = [
    "giảm {p}% phế phẩm",
    "tiết kiệm {p}% điện năng",
    "rút ngắn {p}% thời gian",
    "giảm tai nạn lao động",
    "tiết kiệm {p}% nguyên liệu",
    "tăng {p}% năng suất",
    "tiết kiệm {p}% nước",
    "giảm {p}% chi phí bảo dưỡng",
    "giảm tiếng ồn",
    "hạn chế bụi",
    "bảo đảm an toàn cho người vận hành",
    "giảm sức lao động nặng nhọc",
]
# Frames: `{slot}` is filled from the sector's words, `[a|b|c]` is one of its choices, drawn for each sentence.
# With a score of frames a field and a few choices in each, two unrelated records rarely share a sentence word
# for word, as two real ones rarely do: duplicate screening measured on these texts measures something.
TITLES = [
    "{Action} {thing} [giúp|để|nhằm] {goal}",
    "{Action} {part} [của|trên|cho] {thing}",
    "Giải pháp {goal} [tại|ở|cho] {place}",
    "[Dùng|Sử dụng|Ứng dụng] {tool} [để điều khiển|để giám sát|trong vận hành] {thing}",
    "Chế tạo {part} thay thế bằng {material}",
    "[Khắc phục|Xử lý|Hạn chế] tình trạng {defect} [ở|của|trên] {thing}",
    "{Action} {thing} bằng {tool}",
    "Sáng kiến {goal} [cho|ở|trong vận hành] {thing}",
    "Tận dụng {material} để [làm|chế tạo|gia công] {part}",
    "[Quy trình|Cách làm|Phương pháp] mới {goal} ở {place}",
    "[Thiết bị|Dụng cụ|Đồ gá] hỗ trợ {people} [vận hành|kiểm tra|bảo dưỡng] {thing}",
    "Cải tạo {part} chống {defect}",
    "[Giảm|Chấm dứt|Phòng ngừa] {defect} cho {part} của {thing}",
    "[Mô hình|Hệ thống] {tool} [giám sát|quản lý] {thing} tại {place}",
]
PROBLEMS = [
    "[Trước đây|Lâu nay|Trước khi có sáng kiến], {people} phải [thao tác|vận hành|điều chỉnh] {thing} "
    "[bằng tay|thủ công], mỗi ca mất [khoảng|gần|chừng] {n} phút.",
    "{Thing} [thường xuyên|hay|liên tục] bị {defect}, [trung bình|bình quân] {n} lần mỗi tháng, "
    "mỗi lần [dừng máy|ngừng việc|phải dừng] [gần|khoảng|hơn] {h} giờ.",
    "Chi phí [thay|mua mới|sửa chữa] {part} của {place} [lên tới|khoảng|không dưới] {money} mỗi năm.",
    "{Part} [nhập khẩu|mua ngoài|của nhà cung cấp] có giá cao và phải chờ hàng từ {n} đến {m} tuần.",
    "[Môi trường làm việc|Khu vực làm việc|Chỗ làm] [nóng|chật chội|nóng bức], {defect}, nhiều {people} "
    "[xin nghỉ ca đêm|xin chuyển bộ phận|than mệt mỏi].",
    "Năm {year}, {place} [ghi nhận|để xảy ra|thống kê được] {n} sự cố [liên quan đến|do|ở] {thing}.",
    "Tỷ lệ [sản phẩm lỗi|hàng hỏng|sản phẩm phải làm lại] do {defect} có lúc [lên tới|chạm mức|vượt] {p}%.",
    "Khi {thing} bị {defect}, [cả dây chuyền phía sau|các công đoạn sau|cả tổ] phải [chờ|dừng theo|ngồi chờ].",
    "Việc [ghi chép trên giấy|ghi sổ bằng tay|tổng hợp thủ công] khiến số liệu của {place} thường "
    "[sai lệch và chậm|chậm và thiếu|không khớp nhau].",
    "Thiết kế cũ của {part} không [phù hợp|tương thích] với {material} đang dùng[| nên nhanh hỏng| và khó thay thế].",
    "Mỗi tháng {place} [tiêu tốn|dùng hết] khoảng {kwh} kWh điện [cho|để chạy] {thing}.",
    "Ca 3 (từ 22 giờ đến 6 giờ) chỉ có {n} người trực nên [xử lý sự cố|khắc phục hỏng hóc|kiểm tra thiết bị] "
    "rất vất vả.",
    "Theo tiêu chuẩn ISO 9001:2015, {place} phải kiểm soát chặt {thing}, nhưng việc kiểm tra "
    "[còn thủ công|vẫn làm bằng mắt|tốn nhiều công].",
    "Người lao động phải [cúi, nâng|bê|khuân] vật nặng khoảng {kg} kg nhiều lần trong ca.",
    "Hao hụt {material} ước tính {money} [mỗi quý|mỗi tháng|mỗi năm].",
    "Từ ngày {date}, sản lượng tăng nhưng {thing} không [đáp ứng kịp|theo kịp|đủ công suất].",
    "{Part} [mòn|hỏng|xuống cấp] chỉ sau {n} ngày sử dụng, "
    "[phải thay liên tục|tốn nhiều vật tư|làm gián đoạn sản xuất].",
    "[Vào mùa cao điểm|Mỗi dịp cuối năm|Những tháng nắng nóng], {thing} [quá tải|chạy không kịp|hay dừng đột ngột] "
    "và {people} phải làm thêm giờ.",
    "[Mỗi lần|Mỗi đợt] [bảo dưỡng|vệ sinh|kiểm tra] {thing} mất tới {h} giờ vì phải tháo rời {part} ra.",
    "Số liệu về {defect} ở {place} [chưa được theo dõi|không được ghi lại|chỉ được báo miệng], "
    "nên khó tìm ra nguyên nhân.",
]
SOLUTIONS = [
    "{Team} [thiết kế lại|cải tạo|làm mới] {part}, [thêm|gắn|lắp thêm] {tool} để tự ngắt khi có {defect}.",
    "Nhóm tác giả tận dụng {material} [thanh lý|còn thừa|tồn kho] để chế tạo {part} mới, "
    "[chi phí chỉ|tổng chi phí|hết] {money}.",
    "Quy trình được viết lại thành {n} bước, có [phiếu hướng dẫn bằng hình ảnh|bảng hướng dẫn|sơ đồ minh họa] "
    "và {tool} tại chỗ làm việc.",
    "Số liệu vận hành của {thing} được [ghi|thu thập|cập nhật] bằng {tool} và tổng hợp [hằng ngày|mỗi ca|mỗi tuần] "
    "để phát hiện sớm bất thường.",
    "{Team} lắp {tool} điều khiển {part}, người vận hành chỉ cần [bấm một nút|quét mã|chạm màn hình].",
    "Thay {part} cũ bằng loại làm từ {material}, gia công [ngay tại|tại|ở] {place}.",
    "Bố trí lại mặt bằng {place}, rút quãng đường vận chuyển từ {n} m còn {m} m.",
    "[Thêm|Lắp] một tấm chắn bằng {material} và quạt hút cục bộ cho {thing}.",
    "Viết chương trình nhỏ trên {tool} để [lập lịch bảo dưỡng|nhắc lịch kiểm tra|cảnh báo hỏng hóc của] {thing}.",
    "Chạy thử {n} tuần trên {thing} của {place} trước khi áp dụng [toàn bộ|cho cả đơn vị|rộng rãi].",
    "Đặt {tool} ở [đầu vào|cửa ra|vị trí dễ quan sát], {part} tự dừng khi phát hiện {defect}.",
    "Kết hợp {tool} với {part} sẵn có, [không phải mua thiết bị mới|không tốn thêm vật tư|tiết kiệm chi phí đầu tư].",
    "Hướng dẫn {people} kiểm tra {part} [mỗi đầu ca|trước mỗi ca|hằng tuần] theo bảng {n} mục.",
    "Gia công đồ gá bằng {material} giúp định vị {part} [chính xác hơn|nhanh hơn|chắc chắn hơn].",
    "{Team} [đo đạc|khảo sát|theo dõi] {thing} trong {n} ngày rồi [vẽ lại|tính toán lại] kích thước {part}.",
    "[Một bộ|Bộ] {tool} [được gắn|được lắp] lên {thing}, [báo động|phát tín hiệu|gửi tin nhắn] khi có {defect}.",
    "Thay vì mua {part} mới, nhóm tác giả [phục hồi|hàn đắp|gia cố] {part} cũ bằng {material}.",
    "Các bước [vận hành|kiểm tra|vệ sinh] {thing} được [dán tại máy|in thành thẻ|đưa lên {tool}] để {people} làm theo.",
]
RESULTS = [
    "Năng suất của {place} tăng {p}%, {people} [bớt vất vả|yên tâm hơn|có thêm thời gian nghỉ].",
    "Không còn sự cố {defect} trong {n} tháng áp dụng.",
    "Giải pháp đã được nhân rộng ra {n} [đơn vị|tổ|phân xưởng] khác.",
    "Làm lợi {money} trong năm đầu, thời gian hoàn vốn [khoảng|chưa đến|chừng] {n} tháng.",
    "Tỷ lệ lỗi giảm từ {p}% xuống [còn|chỉ còn] {q}%.",
    "[Tiết kiệm|Giảm] khoảng {kwh} kWh điện mỗi tháng.",
    "Thời gian xử lý mỗi lượt giảm từ {n} phút còn {m} phút.",
    "Từ {date} đến nay, {place} [sản xuất thêm|làm ra thêm] {count} sản phẩm mà không tăng người.",
    "{People} không còn phải [nâng vật nặng bằng tay|làm thêm giờ|đứng cả ca].",
    "Chi phí [bảo dưỡng|sửa chữa|vận hành] {thing} giảm {p}% so với năm {year}.",
    "Đơn vị được [cấp trên khen thưởng|Liên đoàn Lao động tặng giấy khen] và đề nghị công nhận ở cấp cao hơn.",
    "Giá trị làm lợi được [hội đồng thẩm định|hội đồng sáng kiến|phòng kỹ thuật] xác nhận là {money} mỗi năm.",
    "{Thing} chạy ổn định [suốt|trong] {n} tuần, [không phải dừng đột xuất|không phát sinh hỏng hóc].",
    "{Part} [bền gấp đôi|bền gấp ba|dùng lâu hơn hẳn] loại cũ, [giảm hẳn|bớt] việc thay thế.",
]
TEAMS = [
    "Tổ bảo trì",
    "Nhóm tác giả",
    "Tổ sản xuất",
    "Ban kỹ thuật",
    "Các công nhân trong tổ",
    "Nhóm kỹ sư trẻ",
    "Tổ cơ điện",
    "Người lao động trong ca",
]
# Words that are also given names: the text must read normally for them ("giảm mạnh", "hòa bình", "an toàn").
EVERYDAY = [
    "Mọi người đều an tâm hơn khi làm việc.",
    "Số sự cố giảm mạnh so với trước.",
    "Không khí làm việc hòa thuận, ai cũng tâm huyết.",
    "Sản lượng tăng đều và ổn định.",
    "Công việc trở nên nhẹ nhàng, bình thường như mọi ngày.",
    "Đơn vị luôn coi an toàn là trên hết.",
    "Tinh thần đoàn kết, chung sức của tập thể được phát huy.",
]


def _money(rng: random.Random) -> str:
    value = int(10 ** rng.uniform(6.5, 10)) // 100_000 * 100_000
    style = rng.randrange(4)
    if style == 0:
        return f"{formatting.number(value)} đồng"
    if style == 1:
        return formatting.money_short(value)
    if style == 2:
        return f"{formatting.number(value)} đ"
    return f"khoảng {value // 1_000_000} triệu đồng"


_CHOICE = re.compile(r"\[([^][]*)\]")


def _fill(frame: str, rng: random.Random, sector: str, place: str | None = None) -> str:
    frame = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), frame)
    things, parts, materials, people, places = SECTORS.get(sector, GENERIC)
    n, m = sorted(rng.sample(range(2, 90), 2), reverse="còn" in frame)  # "từ {n} … còn {m}" goes down
    p = rng.randint(5, 60)
    values = {
        "thing": rng.choice(things),
        "part": rng.choice(parts),
        "material": rng.choice(materials),
        "people": rng.choice(people),
        "place": place or rng.choice(places),
        "tool": rng.choice(TOOLS),
        "defect": rng.choice(DEFECTS),
        "goal": rng.choice(GOALS).format(p=p),
        "action": rng.choice(ACTIONS).lower(),
        "team": rng.choice(TEAMS),
        "n": n,
        "m": m,
        "h": rng.randint(1, 8),
        "p": p,
        "q": max(1, p // rng.randint(2, 6)),
        "kwh": formatting.number(rng.randint(3, 400) * 100),
        "kg": rng.randint(15, 50),
        "year": rng.randint(2018, 2023),
        "count": formatting.number(rng.randint(2, 900) * 100),
        "money": _money(rng),
        "date": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2019, 2024)}",
    }
    capitalised = {k[0].upper() + k[1:]: _cap(str(v)) for k, v in values.items()}
    return frame.format(**values, **capitalised)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentences(rng: random.Random, frames: list[str], sector: str, low: int, high: int, place: str) -> list[str]:
    return [
        _fill(f, rng, sector, place if rng.random() < 0.5 else None) for f in rng.sample(frames, rng.randint(low, high))
    ]


def initiative_text(rng: random.Random, sector: str) -> dict[str, str]:
    """Title, problem, solution and results of one demo initiative."""
    place = rng.choice(SECTORS.get(sector, GENERIC)[4])
    title = _fill(rng.choice(TITLES), rng, sector, place)
    problem = " ".join(_sentences(rng, PROBLEMS, sector, 1, 3, place))
    solution = _sentences(rng, SOLUTIONS, sector, 1, 4, place)
    if len(solution) > 2 and rng.random() < 0.5:  # some authors list their steps
        solution_text = solution[0] + "\n\n" + "\n".join(f"- {s}" for s in solution[1:])
    else:
        solution_text = " ".join(solution)
    results = _sentences(rng, RESULTS, sector, 1, 3, place)
    if rng.random() < 0.3:
        results.append(rng.choice(EVERYDAY))
    return {"title": _cap(title), "problem": problem, "solution": solution_text, "results": " ".join(results)}


STORY_OPENINGS = [
    "Ở {place}, sáng kiến bắt đầu từ một câu hỏi đơn giản của {people}: làm sao cho công việc bớt vất vả?",
    "Không ai nghĩ {thing} cũ kỹ lại có thể chạy tốt như bây giờ.",
    "Mùa cao điểm năm {year}, {place} đứng trước một bài toán khó: {thing} liên tục {defect}.",
    "Chiếc {part} tự làm từ {material} nay đã thành niềm tự hào của {place}.",
]


def story_body(rng: random.Random, sector: str) -> str:
    place = rng.choice(SECTORS.get(sector, GENERIC)[4])
    opening = _fill(rng.choice(STORY_OPENINGS), rng, sector, place)
    middle = " ".join(_sentences(rng, PROBLEMS + SOLUTIONS, sector, 2, 4, place))
    end = " ".join(_sentences(rng, RESULTS, sector, 1, 3, place))
    return f"{opening}\n\n## Từ ý tưởng đến việc làm\n\n{middle}\n\n## Kết quả\n\n{end}\n"
