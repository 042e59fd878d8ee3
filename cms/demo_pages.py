"""Demo programme pages, the article list and the home page: Vietnamese text written for this
project. Body items use the same tuples as ``cms.demo_content``."""

INDEX = {
    "slug": "tin-tuc",
    "title": "Tin tức",
    "intro": "Tin tuyên truyền về chương trình “Công dân học tập”: tiêu chí, lịch đăng ký, mẹo "
    "kỹ năng số và những tấm gương học tập ở địa phương.",
}

PAGES = [
    {
        "slug": "gioi-thieu",
        "title": "Giới thiệu chương trình",
        "intro": "Chương trình giúp mỗi người dân học thêm suốt đời: học khóa ngắn trên điện "
        "thoại, tự đánh giá theo bộ tiêu chí và được xã công nhận danh hiệu “Công dân học tập”.",
        "image": "community",
        "body": [
            ("h2", "Chương trình ra đời từ đâu?"),
            (
                "p",
                "<p>Đề án “Xây dựng mô hình Công dân học tập giai đoạn 2021–2030” được Thủ tướng "
                "Chính phủ phê duyệt tại Quyết định 677/QĐ-TTg ngày 03/6/2022. Hội Khuyến học "
                "Việt Nam ban hành bộ tiêu chí đánh giá, công nhận.</p>",
            ),
            ("h2", "Ai làm gì?"),
            (
                "p",
                "<ul><li><b>Người dân:</b> học, tự đánh giá, gửi hồ sơ.</li>"
                "<li><b>Chi hội khuyến học ấp, khu phố:</b> hướng dẫn, đăng ký hộ, kiểm tra hồ "
                "sơ.</li><li><b>Hội Khuyến học xã:</b> đánh giá, lập danh sách đề nghị.</li>"
                "<li><b>Ủy ban nhân dân xã:</b> thẩm định, công nhận, cấp giấy chứng nhận.</li>"
                "<li><b>Trung tâm Văn hóa – Thể thao và Truyền thông:</b> đưa tin, mở khóa "
                "học.</li></ul>",
            ),
            ("h2", "Mục tiêu đến năm 2025"),
            (
                "p",
                "<p>Cả nước phấn đấu: 100% cán bộ, hội viên Hội Khuyến học được tập huấn bộ tiêu "
                "chí; 40% người lớn trong các gia đình, dòng họ, cộng đồng học tập và 60% cán bộ, "
                "người lao động trong các đơn vị học tập đạt danh hiệu; 70% người đạt danh hiệu "
                "có kỹ năng số. Mỗi địa phương đặt chỉ tiêu riêng theo từng năm.</p>",
            ),
            (
                "cta",
                "Xem bộ tiêu chí",
                "3 tiêu chí, 10 chỉ số, cách tính điểm.",
                "page:bo-tieu-chi",
                "Xem ngay",
            ),
        ],
    },
    {
        "slug": "bo-tieu-chi",
        "title": "Bộ tiêu chí “Công dân học tập”",
        "intro": "Ba tiêu chí, mười chỉ số, mỗi chỉ số 10 điểm. Đạt khi tổng điểm từ 80 trở lên "
        "và không có chỉ số nào dưới 5 điểm.",
        "image": "criteria",
        "body": [
            ("h2", "Tiêu chí 1. Năng lực tự học và học tập suốt đời"),
            (
                "p",
                "<ol><li>Thường xuyên cập nhật thông tin từ sách, báo, ti vi, máy tính, điện "
                "thoại.</li><li>Có kế hoạch học tập gắn với công việc, chương trình của địa "
                "phương.</li><li>Tham gia học tập ở cộng đồng (nhà văn hóa, thư viện, câu lạc "
                "bộ, chuyên đề).</li><li>Vận động gia đình, đồng nghiệp cùng học.</li></ol>",
            ),
            ("h2", "Tiêu chí 2. Sử dụng công cụ một cách tương tác"),
            (
                "p",
                '<ol start="5"><li>Sử dụng công nghệ thông tin theo yêu cầu công việc (kỹ năng '
                "số).</li><li>Sử dụng ngoại ngữ theo yêu cầu công việc.</li><li>Vận dụng kiến "
                "thức tính toán vào công việc.</li><li>Có tư duy phản biện trong công việc và "
                "cuộc sống.</li></ol>",
            ),
            ("h2", "Tiêu chí 3. Xây dựng và duy trì các mối quan hệ xã hội"),
            (
                "p",
                '<ol start="9"><li>Quan hệ thân thiện, biết hóa giải mâu thuẫn.</li><li>Hợp '
                "tác, chia sẻ với đồng nghiệp và cộng đồng.</li></ol>",
            ),
            ("h2", "Cách chấm điểm"),
            (
                "p",
                "<p>Mỗi chỉ số tối đa 10 điểm, cả bộ 100 điểm. <b>Đạt</b> khi tổng từ 80 điểm "
                "và không chỉ số nào dưới 5. Vùng khó khăn có thể áp dụng mức 70 điểm theo quyết "
                "định của địa phương. Mỗi nhóm đối tượng (nông dân, công nhân, cán bộ…) có cách "
                "diễn đạt chỉ số riêng cho sát công việc.</p>",
            ),
            (
                "cta",
                "Học khóa “Tìm hiểu bộ tiêu chí”",
                "Khoảng 30 phút, học trên điện thoại.",
                "course:first",
                "Bắt đầu học",
            ),
        ],
    },
    {
        "slug": "hoi-dap",
        "title": "Câu hỏi thường gặp",
        "intro": "Những câu bà con hay hỏi về đăng ký, tự đánh giá và giấy chứng nhận.",
        "image": None,
        "body": [
            (
                "faq",
                "Đăng ký và tài khoản",
                [
                    (
                        "Tôi không có thư điện tử, đăng ký được không?",
                        "<p>Được. Chỉ cần số điện thoại. Thư điện tử là không bắt buộc.</p>",
                    ),
                    (
                        "Tôi không quen dùng điện thoại thì làm sao?",
                        "<p>Cán bộ chi hội khuyến học ấp có thể <b>đăng ký hộ</b>. Bạn nhận "
                        "một mã kích hoạt 8 số để tự đặt mật khẩu; không ai biết mật khẩu của "
                        "bạn.</p>",
                    ),
                    (
                        "Quên mật khẩu thì sao?",
                        "<p>Bấm “Quên mật khẩu” ở trang đăng nhập, hoặc nhờ cán bộ chi hội "
                        "hỗ trợ.</p>",
                    ),
                ],
            ),
            (
                "faq",
                "Tự đánh giá và công nhận",
                [
                    (
                        "Bao nhiêu điểm thì đạt?",
                        "<p>Từ 80/100 điểm trở lên và không có chỉ số nào dưới 5 điểm.</p>",
                    ),
                    (
                        "Danh hiệu có thời hạn không?",
                        "<p>Có. Giấy chứng nhận ghi năm của đợt đánh giá; thời hạn do địa "
                        "phương quy định. Hết hạn, bạn đăng ký đánh giá lại.</p>",
                    ),
                    (
                        "Làm sao người khác biết giấy chứng nhận là thật?",
                        "<p>Giấy chứng nhận có mã QR. Quét mã sẽ mở trang “Xác minh giấy "
                        "chứng nhận” trên trang web này.</p>",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "lien-he",
        "title": "Liên hệ",
        "intro": "Cần hỏi thêm? Hãy liên hệ chi hội khuyến học ở ấp, khu phố của bạn hoặc các "
        "đơn vị dưới đây.",
        "image": None,
        "body": [
            ("h2", "Hội Khuyến học xã Củ Chi"),
            (
                "p",
                "<p>Địa chỉ: Trụ sở Ủy ban nhân dân xã Củ Chi, TP. Hồ Chí Minh.<br>"
                "Thư điện tử: hoikhuyenhoc@demo.invalid (địa chỉ mẫu)<br>"
                "Giờ làm việc: sáng thứ Hai đến thứ Sáu, 7 giờ 30 – 11 giờ 30.</p>",
            ),
            ("h2", "Trung tâm Văn hóa – Thể thao và Truyền thông"),
            (
                "p",
                "<p>Nhận góp ý về tin bài và khóa học trên trang này.<br>"
                "Thư điện tử: truyenthong@demo.invalid (địa chỉ mẫu)</p>",
            ),
            ("p", "<p><i>Thông tin liên hệ trên là dữ liệu mẫu của bản chạy thử.</i></p>"),
        ],
    },
]

HOME = {
    "hero_title": "Học tập suốt đời — trở thành “Công dân học tập”",
    "intro": "Học các khóa ngắn trên điện thoại, tự đánh giá theo bộ tiêu chí và được Hội "
    "Khuyến học xã xét công nhận danh hiệu “Công dân học tập”.",
    "image": "home",
    "hero_caption": "",
    "cta_label": "Bắt đầu học",
    "secondary_label": "Tìm hiểu bộ tiêu chí",
    "secondary_page": "bo-tieu-chi",
    "featured_heading": "Khóa học nổi bật",
    "featured_intro": "Miễn phí, học trên điện thoại, mỗi bài chỉ vài phút.",
    "latest_heading": "Tin mới",
    "facts_heading": "Chương trình trong vài con số",
    "facts": [
        ("3", "tiêu chí"),
        ("10", "chỉ số, mỗi chỉ số 10 điểm"),
        ("80", "điểm trở lên là đạt"),
        ("7", "xã thuộc huyện Củ Chi cũ tham gia"),
    ],
    "cta_heading": "Năm nay bạn đăng ký chưa?",
    "cta_text": "Đăng ký, tự chấm điểm 10 chỉ số và nộp minh chứng ngay trên điện thoại.",
    "cta_target": "article:dang-ky-cong-dan-hoc-tap-nam-{year}",
    "cta_button": "Xem lịch đăng ký",
}
