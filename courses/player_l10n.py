"""The H5P core's own strings (``H5PIntegration.l10n.H5P``), in Vietnamese through gettext.

H5P integrations hand these to the player; the keys are those H5P core and h5p-standalone's
frame bundle ask for (confirmation and offline dialogs, licence names, the rights of use).
"""

from django.utils.translation import gettext as _


def h5p_l10n() -> dict:
    return {
        "H5P": {
            "fullscreen": _("Toàn màn hình"),
            "disableFullscreen": _("Thoát toàn màn hình"),
            "download": _("Tải xuống"),
            "copyrights": _("Quyền sử dụng"),
            "embed": _("Nhúng"),
            "size": _("Kích thước"),
            "width": _("Chiều rộng"),
            "height": _("Chiều cao"),
            "showAdvanced": _("Hiện nâng cao"),
            "hideAdvanced": _("Ẩn nâng cao"),
            "advancedHelp": _(
                "Thêm đoạn mã này vào trang web để nội dung tự điều chỉnh kích thước:"
            ),
            "copyrightInformation": _("Quyền sử dụng"),
            "close": _("Đóng"),
            "title": _("Tiêu đề"),
            "author": _("Tác giả"),
            "year": _("Năm"),
            "source": _("Nguồn"),
            "license": _("Giấy phép"),
            "thumbnail": _("Ảnh thu nhỏ"),
            "noCopyrights": _("Nội dung này không có thông tin bản quyền."),
            "reuse": _("Dùng lại"),
            "reuseContent": _("Dùng lại nội dung"),
            "reuseDescription": _("Dùng lại nội dung này."),
            "downloadDescription": _("Tải nội dung này về dưới dạng tệp H5P."),
            "copyrightsDescription": _("Xem thông tin bản quyền của nội dung này."),
            "embedDescription": _("Xem mã nhúng của nội dung này."),
            "h5pDescription": _("Xem thêm về H5P tại H5P.org."),
            "contentChanged": _("Nội dung này đã thay đổi kể từ lần bạn làm trước."),
            "startingOver": _("Bạn sẽ làm lại từ đầu."),
            "by": _("bởi"),
            "showMore": _("Xem thêm"),
            "showLess": _("Thu gọn"),
            "subLevel": _("Mục con"),
            "confirmDialogHeader": _("Xác nhận"),
            "confirmDialogBody": _(
                "Xin xác nhận bạn muốn tiếp tục. Thao tác này không hoàn tác được."
            ),
            "cancelLabel": _("Hủy"),
            "confirmLabel": _("Xác nhận"),
            "licenseU": _("Không công bố"),
            "licenseCCBY": _("Ghi công"),
            "licenseCCBYSA": _("Ghi công – Chia sẻ tương tự"),
            "licenseCCBYND": _("Ghi công – Không phái sinh"),
            "licenseCCBYNC": _("Ghi công – Phi thương mại"),
            "licenseCCBYNCSA": _("Ghi công – Phi thương mại – Chia sẻ tương tự"),
            "licenseCCBYNCND": _("Ghi công – Phi thương mại – Không phái sinh"),
            "licenseCC40": _("4.0 Quốc tế"),
            "licenseCC30": _("3.0 Chưa chuyển đổi"),
            "licenseCC25": _("2.5 Chung"),
            "licenseCC20": _("2.0 Chung"),
            "licenseCC10": _("1.0 Chung"),
            "licenseGPL": _("Giấy phép Công cộng GNU (GPL)"),
            "licenseV3": _("Phiên bản 3"),
            "licenseV2": _("Phiên bản 2"),
            "licenseV1": _("Phiên bản 1"),
            "licensePD": _("Phạm vi công cộng"),
            "licenseCC010": _("CC0 1.0 – Hiến tặng cho phạm vi công cộng"),
            "licensePDM": _("Dấu hiệu phạm vi công cộng"),
            "licenseC": _("Bản quyền"),
            "contentType": _("Loại nội dung"),
            "licenseExtras": _("Điều khoản thêm"),
            "changes": _("Nhật ký thay đổi"),
            "contentCopied": _("Đã chép nội dung vào bộ nhớ tạm"),
            "connectionLost": _("Mất kết nối. Kết quả sẽ được lưu lại và gửi khi có kết nối."),
            "connectionReestablished": _("Đã có kết nối trở lại."),
            "resubmitScores": _("Đang gửi lại các kết quả đã lưu."),
            "offlineDialogHeader": _("Mất kết nối tới máy chủ"),
            "offlineDialogBody": _(
                "Chưa gửi được kết quả làm bài của bạn. Xin kiểm tra kết nối Internet."
            ),
            "offlineDialogRetryMessage": _("Thử lại sau :num giây…"),
            "offlineDialogRetryButtonLabel": _("Thử lại ngay"),
            "offlineSuccessfulSubmit": _("Đã gửi kết quả."),
        }
    }
