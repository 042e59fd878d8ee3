"""Demo articles about everyday learning: digital-skills tips, a learning story from a hamlet
and activity news (Vietnamese text written for this project). Same body tuples as
``cms.demo_content``, which has the categories and the programme articles.
"""

from cms.demo_content import ASSOCIATION, UNIT

COMMUNITY_ARTICLES = [
    {
        "slug": "5-dieu-dung-dien-thoai-an-toan",
        "title": "5 điều cần nhớ để dùng điện thoại an toàn, tránh bị lừa đảo",
        "summary": "Không đọc mã OTP cho ai, không bấm đường dẫn lạ, gọi lại số chính thức để "
        "kiểm tra. Năm thói quen nhỏ giúp giữ tiền và thông tin của cả nhà.",
        "category": "ky-nang-so",
        "tags": ["kỹ năng số", "an toàn trên mạng"],
        "author": "Ban biên tập",
        "unit": UNIT,
        "date": (8, 6),
        "image": "digital",
        "caption": "Một vài thói quen nhỏ giúp điện thoại và tài khoản của bạn an toàn hơn.",
        "body": [
            (
                "p",
                "<p>Kẻ gian thường giả làm người quen, nhân viên ngân hàng hay cán bộ để xin mã "
                "hoặc dụ bấm vào đường dẫn. Hãy nhớ năm điều sau và nói lại cho ông bà, cha "
                "mẹ.</p>",
            ),
            ("h2", "1. Mã OTP là của riêng bạn"),
            (
                "p",
                "<p>Không ngân hàng, công an hay cán bộ xã nào hỏi mã OTP qua điện thoại. Ai "
                "hỏi, đó là kẻ gian.</p>",
            ),
            ("h2", "2. Không bấm đường dẫn lạ"),
            (
                "p",
                "<p>Tin nhắn báo trúng thưởng, báo “khóa tài khoản” kèm đường dẫn: đừng bấm. "
                "Hãy tự mở ứng dụng ngân hàng để kiểm tra.</p>",
            ),
            ("h2", "3. Gọi lại số chính thức"),
            (
                "p",
                "<p>Người “quen” nhắn mượn tiền? Gọi thẳng cho người đó bằng số bạn đã lưu từ "
                "trước, đừng gọi số trong tin nhắn.</p>",
            ),
            ("h2", "4. Khóa màn hình, cập nhật điện thoại"),
            (
                "p",
                "<p>Đặt mật khẩu màn hình và bật cập nhật tự động. Chỉ cài ứng dụng từ kho "
                "chính thức (CH Play, App Store).</p>",
            ),
            ("h2", "5. Bình tĩnh, hỏi người thân"),
            (
                "p",
                "<p>Kẻ gian luôn hối thúc. Khi thấy lạ, hãy dừng lại, hỏi con cháu hoặc cán bộ "
                "ấp trước khi làm.</p>",
            ),
            (
                "quote",
                "Cứ ai hỏi mã là tôi tắt máy. Con tôi dặn vậy, giờ tôi dặn lại cả xóm.",
                "Một học viên lớp kỹ năng số (nhân vật minh họa)",
            ),
            (
                "cta",
                "Học khóa “Kỹ năng số cơ bản”",
                "Bài học ngắn có câu hỏi tình huống về tin nhắn lừa đảo.",
                "course:digital",
                "Vào học",
            ),
        ],
    },
    {
        "slug": "tim-thong-tin-tren-mang-tin-nao-dang-tin",
        "title": "Tìm thông tin trên mạng: làm sao biết tin nào đáng tin?",
        "summary": "Xem ai đăng, đăng khi nào, có trang chính thức nào nói giống vậy không. Ba câu "
        "hỏi đơn giản giúp bạn tránh tin giả và tin cũ.",
        "category": "ky-nang-so",
        "tags": ["kỹ năng số", "tin giả"],
        "author": "Ban biên tập",
        "unit": UNIT,
        "date": (9, 10),
        "image": "news",
        "caption": "Đọc kỹ trước khi tin, kiểm tra trước khi chia sẻ.",
        "body": [
            (
                "p",
                "<p>Tìm trên mạng rất nhanh, nhưng không phải tin nào cũng đúng. Trước khi tin "
                "hay chia sẻ, hãy tự hỏi ba câu.</p>",
            ),
            ("h2", "Ai đăng tin này?"),
            (
                "p",
                "<p>Trang của cơ quan nhà nước, báo chí chính thống thường có tên rõ ràng, địa "
                "chỉ liên hệ. Trang lạ, mới lập, không rõ ai quản lý thì nên cẩn thận.</p>",
            ),
            ("h2", "Đăng khi nào?"),
            (
                "p",
                "<p>Nhiều tin cũ được đăng lại như tin mới. Xem ngày đăng; chính sách, lịch "
                "đăng ký năm trước có thể đã thay đổi.</p>",
            ),
            ("h2", "Nơi khác có nói giống vậy không?"),
            (
                "p",
                "<p>Tìm thêm ở trang của Ủy ban nhân dân xã, của Hội Khuyến học hoặc hỏi cán bộ "
                "ấp. Tin thật thường được nhiều nơi đáng tin cùng đưa.</p>",
            ),
            (
                "p",
                "<p>Biết tìm, lọc và đánh giá thông tin là năng lực đầu tiên trong Khung năng "
                "lực số, cũng là một phần của chỉ số 5 trong bộ tiêu chí.</p>",
            ),
        ],
    },
    {
        "slug": "ap-mau-1-xa-cu-chi-bac-tam-hoc-dung-dien-thoai",
        "title": "Ấp Mẫu 1, xã Củ Chi: ở tuổi 62, bác Tám học dùng điện thoại để bán rau",
        "summary": "Từ chỗ chỉ biết nghe gọi, bác Tám đã tự chụp ảnh rau, nhận đơn qua Zalo và "
        "xem giá trước khi ra chợ. Câu chuyện minh họa, nhân vật là hư cấu.",
        "category": "guong-hoc-tap",
        "tags": ["Củ Chi", "gương học tập", "kỹ năng số"],
        "author": "Thu Hà",
        "unit": ASSOCIATION,
        "date": (10, 2),
        "image": "farm",
        "caption": "Tranh minh họa. Câu chuyện và nhân vật là hư cấu, dùng cho bản chạy thử.",
        "body": [
            (
                "p",
                "<p><i>Câu chuyện minh họa cho bản chạy thử: nhân vật và tình tiết là hư cấu; "
                "“Ấp Mẫu 1” là ấp mẫu, không có thật.</i></p>",
            ),
            (
                "p",
                "<p>Sáng nào bác Tám (62 tuổi) cũng ra ruộng rau từ năm giờ. Trước đây, chiếc "
                "điện thoại của bác chỉ để nghe gọi. Năm nay, bác đăng ký lớp kỹ năng số do Chi "
                "hội khuyến học ấp mở tại nhà văn hóa.</p>",
            ),
            ("h2", "Từ nghe gọi đến nhận đơn qua Zalo"),
            (
                "p",
                "<p>Sau bốn buổi tối, bác biết chụp ảnh bó rau cho rõ, gửi vào nhóm Zalo của ấp "
                "và trả lời tin nhắn đặt hàng. Cháu nội bác chỉ thêm cách xem giá rau ở chợ đầu "
                "mối trước khi chở đi bán.</p>",
            ),
            (
                "quote",
                "Lúc đầu tôi sợ bấm nhầm làm hư máy. Cô cán bộ nói cứ bấm, sai thì làm lại. "
                "Giờ tôi bán được cả cho khách ở ấp bên.",
                "Bác Tám (nhân vật hư cấu)",
            ),
            ("h2", "Học xong, chấm lại chỉ số 5"),
            (
                "p",
                "<p>Khi tự đánh giá theo bộ tiêu chí, bác chấm chỉ số 5 (dùng công nghệ thông "
                "tin) từ 3 lên 7 điểm. Minh chứng là giấy chứng nhận hoàn thành khóa học trên "
                "trang này, được ghi nhận tự động.</p>",
            ),
            ("image", "training", "Lớp kỹ năng số buổi tối tại nhà văn hóa ấp (tranh minh họa)."),
            (
                "p",
                "<p>Chi hội khuyến học ấp đang mở thêm lớp cho bà con lớn tuổi. Ai muốn học, "
                "liên hệ cán bộ chi hội hoặc đăng ký trên trang này.</p>",
            ),
        ],
    },
    {
        "slug": "xa-cu-chi-tap-huan-bo-tieu-chi",
        "title": "Xã Củ Chi tập huấn bộ tiêu chí cho cán bộ chi hội khuyến học",
        "summary": "Cán bộ các chi hội khuyến học ấp được hướng dẫn cách giải thích bộ tiêu chí, "
        "cách đăng ký hộ và kiểm tra hồ sơ trên phần mềm, chuẩn bị cho đợt đánh giá năm {year}.",
        "category": "tin-hoat-dong",
        "tags": ["Củ Chi", "tập huấn"],
        "author": "",
        "unit": ASSOCIATION,
        "date": (6, 24),
        "image": "training",
        "caption": "Buổi tập huấn tại hội trường xã (tranh minh họa).",
        "body": [
            (
                "p",
                "<p>Hội Khuyến học xã Củ Chi phối hợp với Trung tâm Văn hóa – Thể thao và Truyền "
                "thông tổ chức buổi tập huấn cho cán bộ các chi hội khuyến học ấp. <i>(Tin minh "
                "họa cho bản chạy thử.)</i></p>",
            ),
            ("h2", "Nội dung tập huấn"),
            (
                "p",
                "<ul><li>Giải thích 3 tiêu chí, 10 chỉ số bằng ví dụ ở địa phương.</li>"
                "<li>Đăng ký hộ cho người dân chưa quen điện thoại; không dùng mật khẩu "
                "chung.</li><li>Kiểm tra hồ sơ, trả lại để bổ sung khi thiếu minh chứng.</li>"
                "</ul>",
            ),
            (
                "p",
                "<p>Sau buổi tập huấn, mỗi chi hội sẽ tổ chức ít nhất một buổi hướng dẫn cho "
                "bà con tại nhà văn hóa ấp trong tháng 7.</p>",
            ),
            (
                "cta",
                "Câu hỏi thường gặp",
                "Những câu bà con hay hỏi khi đăng ký.",
                "page:hoi-dap",
                "Xem hỏi đáp",
            ),
        ],
    },
]
