"""The demo's H5P activities (see ``courses.demo_h5p``): our own Vietnamese content, one per
lesson, each a different content type. ``lesson`` is the lesson key in ``courses.demo``."""

from courses.demo_h5p_content import (
    blanks,
    drag_text,
    multi_choice,
    question_set,
    single_choice_set,
    true_false,
)

ACTIVITIES = [
    {
        "key": "dung-sai-ai-cong-nhan",
        "lesson": "tieu-chi/cong-dan-hoc-tap-la-gi",
        "title": "Đúng hay sai: ai công nhận danh hiệu?",
        "library": "H5P.TrueFalse",
        "pass_mark": 100,
        "params": lambda version: true_false(
            "Danh hiệu “Công dân học tập” do Ủy ban nhân dân xã thẩm định và công nhận.",
            True,
            right="Đúng vậy. Hội Khuyến học các cấp hướng dẫn và đánh giá; UBND xã thẩm định và "
            "ra quyết định công nhận.",
            wrong="Câu này đúng: Hội Khuyến học hướng dẫn, đánh giá; còn quyết định công nhận là "
            "của Ủy ban nhân dân xã.",
        ),
    },
    {
        "key": "dien-vao-cho-trong-bo-tieu-chi",
        "lesson": "tieu-chi/3-tieu-chi-10-chi-so",
        "title": "Điền vào chỗ trống: bộ tiêu chí",
        "library": "H5P.Blanks",
        "pass_mark": 80,
        "params": lambda version: blanks(
            "Gõ con số còn thiếu vào mỗi ô trống (viết bằng chữ số).",
            [
                "Bộ tiêu chí có *3* tiêu chí, chia thành *10* chỉ số.",
                "Mỗi chỉ số được tối đa *10* điểm.",
                "Bạn đạt khi tổng điểm từ *80* trở lên và không có chỉ số nào dưới *5* điểm.",
                "Kỹ năng số là chỉ số số *5*, thuộc Tiêu chí 2.",
            ],
        ),
    },
    {
        "key": "chon-viec-nen-lam-khi-tu-danh-gia",
        "lesson": "tieu-chi/dang-ky-va-tu-danh-gia",
        "title": "Chọn đáp án: tự đánh giá thế nào cho đúng?",
        "library": "H5P.MultiChoice",
        "pass_mark": 100,
        "params": lambda version: multi_choice(
            "Khi tự đánh giá, những việc nào nên làm? (chọn tất cả ý đúng)",
            [
                (
                    "Chấm điểm đúng sức mình, trung thực",
                    True,
                    "Đúng. Chấm cao mà không có minh chứng, hồ sơ có thể bị trả lại.",
                ),
                (
                    "Chụp ảnh minh chứng rõ chữ, đủ sáng",
                    True,
                    "Đúng. Người kiểm tra cần đọc được giấy tờ của bạn.",
                ),
                (
                    "Che số tài khoản ngân hàng trên ảnh minh chứng",
                    True,
                    "Đúng. Chỉ gửi thông tin cần cho việc xét danh hiệu.",
                ),
                (
                    "Chấm 10 điểm tất cả các chỉ số cho chắc đạt",
                    False,
                    "Không nên. Điểm phải đúng với việc bạn đã làm và có minh chứng.",
                ),
            ],
        ),
    },
    {
        "key": "keo-tha-ho-so-di-qua-dau",
        "lesson": "tieu-chi/ai-xet-va-khi-nao",
        "title": "Kéo thả: hồ sơ đi qua những ai?",
        "library": "H5P.DragText",
        "pass_mark": 100,
        "params": lambda version: drag_text(
            "Kéo từng nơi vào đúng chỗ trống, theo thứ tự hồ sơ được xét.",
            "Đầu tiên, *chi hội khuyến học* ấp (khu phố) kiểm tra hồ sơ và minh chứng.\n"
            "Tiếp theo, *Hội Khuyến học xã* đánh giá đạt hay không đạt và lập danh sách đề nghị.\n"
            "Cuối cùng, *Ủy ban nhân dân xã* thẩm định và ra quyết định công nhận.",
        ),
    },
    {
        "key": "hoi-nhanh-vneid",
        "lesson": "ky-nang-so/dung-vneid-an-toan",
        "title": "Hỏi nhanh: giữ an toàn tài khoản VNeID",
        "library": "H5P.SingleChoiceSet",
        "pass_mark": 80,
        "params": lambda version: single_choice_set(
            "hoi-nhanh-vneid",
            [
                (
                    "Tải ứng dụng VNeID ở đâu?",
                    ["App Store hoặc Google Play", "Đường link gửi qua Zalo"],
                ),
                (
                    "Có người xưng là công an gọi điện xin mã OTP. Bạn làm gì?",
                    ["Không đọc mã, cúp máy", "Đọc mã cho nhanh"],
                ),
                (
                    "Mật khẩu VNeID nên thế nào?",
                    ["Khó đoán, chỉ mình bạn biết", "Là ngày sinh cho dễ nhớ"],
                ),
                (
                    "Nghi tài khoản bị lộ, việc đầu tiên là gì?",
                    ["Đổi mật khẩu ngay", "Chờ xem có chuyện gì không"],
                ),
            ],
        ),
    },
    {
        "key": "nhan-ra-tin-nhan-lua-dao",
        "lesson": "ky-nang-so/nhan-biet-lua-dao",
        "title": "Nhận ra tin nhắn lừa đảo",
        "library": "H5P.MultiChoice",
        "pass_mark": 100,
        "params": lambda version: multi_choice(
            "Tin nhắn nào có dấu hiệu lừa đảo? (chọn tất cả ý đúng)",
            [
                (
                    "“Chúc mừng bạn trúng xe máy. Nộp 500.000 đồng phí nhận thưởng trong 30 phút.”",
                    True,
                    "Đúng: phải nộp tiền trước, lại hối thúc — đó là lừa đảo.",
                ),
                (
                    "“Tài khoản ngân hàng của bạn sẽ bị khóa. Bấm vào link và nhập mã OTP.”",
                    True,
                    "Đúng: ngân hàng không gửi link đề nghị bạn nhập mã OTP.",
                ),
                (
                    "“Công an: bạn liên quan vụ án, chuyển tiền để xác minh, "
                    "không được nói với ai.”",
                    True,
                    "Đúng: công an không yêu cầu chuyển tiền qua điện thoại.",
                ),
                (
                    "“Mẹ ơi, tối nay con về ăn cơm nhé.” — từ số điện thoại quen của con",
                    False,
                    "Tin này không đòi tiền, mã hay bấm link: không có dấu hiệu lừa đảo.",
                ),
            ],
        ),
    },
    {
        "key": "keo-tha-ba-buoc",
        "lesson": "ky-nang-so/gap-lua-dao-thi-lam-gi",
        "title": "Kéo thả: ba bước khi nghi ngờ lừa đảo",
        "library": "H5P.DragText",
        "pass_mark": 100,
        "params": lambda version: drag_text(
            "Kéo từng việc vào đúng bước.",
            "Bước 1: *dừng lại* và cúp máy; không bấm link, không đọc mã.\n"
            "Bước 2: *tự kiểm tra* qua số tổng đài chính thức.\n"
            "Bước 3: *báo công an xã* và kể cho người thân cùng biết.",
        ),
    },
    {
        "key": "bo-cau-hoi-dich-vu-cong",
        "lesson": "ky-nang-so/nop-ho-so-dich-vu-cong",
        "title": "Bộ câu hỏi: nộp hồ sơ trực tuyến",
        "library": "H5P.QuestionSet",
        "children": ("H5P.TrueFalse", "H5P.MultiChoice", "H5P.Blanks"),
        "pass_mark": 80,
        "params": lambda version: question_set(
            "bo-cau-hoi-dich-vu-cong",
            [
                (
                    "H5P.TrueFalse",
                    true_false(
                        "Trang của cơ quan nhà nước có đuôi .gov.vn.",
                        True,
                        right="Đúng. Cổng Dịch vụ công quốc gia là dichvucong.gov.vn.",
                        wrong="Câu này đúng: hãy nhìn đuôi .gov.vn để tránh trang giả.",
                    ),
                ),
                (
                    "H5P.MultiChoice",
                    multi_choice(
                        "Bạn cần chuẩn bị gì trước khi nộp hồ sơ trực tuyến?",
                        [
                            ("Tài khoản VNeID để đăng nhập", True, "Đúng."),
                            ("Ảnh chụp giấy tờ rõ nét, đủ các trang", True, "Đúng."),
                            (
                                "Đưa mật khẩu cho người lạ trên mạng làm hộ",
                                False,
                                "Không bao giờ. Cần giúp, hãy đến nơi tiếp nhận hồ sơ của xã.",
                            ),
                        ],
                    ),
                ),
                (
                    "H5P.Blanks",
                    blanks(
                        "Điền từ còn thiếu.",
                        ["Nộp xong, bạn nhận được *mã hồ sơ* để tra cứu hồ sơ đang ở bước nào."],
                    ),
                ),
            ],
            version,
        ),
    },
]
