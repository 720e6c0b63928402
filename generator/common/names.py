"""Vietnamese personal names: the usual family names, most common first, and the usual middle names.

Used to tell a person's name from ordinary words (content/privacy/) and to write demo authors (tools/demo.py).
"""

FAMILY_NAMES = tuple(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm "
    "Phùng Tô Tạ Quách Lưu Cao Đinh Lương Thái Kiều Chu Châu Tăng Lại Triệu Mạc Hứa".split()
)
MIDDLE_NAMES = tuple("Văn Thị Hữu Đức Công Đình Quang Xuân Thu Kim Bảo Như Ngọc Thanh Minh".split())
