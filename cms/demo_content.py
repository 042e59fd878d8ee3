"""Demo articles: Vietnamese outreach text written for this project (no copied text).

The categories, and the articles about the programme itself (what it is, the criteria,
registering); the digital-skills tips, learning stories and news are in
``cms.demo_content_community``. ``cms.demo`` writes both lists, these first.

Body items are tuples read by ``cms.demo``: ("p", html), ("h2"/"h3", text), ("image", image key,
caption), ("quote", text, who), ("faq", heading, [(question, answer html)]), ("cta", heading,
text, target, button) where target is "page:<slug>" or "course:<slug>" (skipped until it
exists), ("document", document key, label). ``{year}`` is the current registration cycle.
"""

CATEGORIES = [
    ("tim-hieu-chuong-trinh", "Tìm hiểu chương trình",
     "Danh hiệu “Công dân học tập” là gì, bộ tiêu chí chấm thế nào."),
    ("huong-dan-dang-ky", "Hướng dẫn đăng ký", "Lịch, thủ tục và những việc cần chuẩn bị."),
    ("ky-nang-so", "Kỹ năng số", "Mẹo dùng điện thoại, mạng xã hội an toàn và hiệu quả."),
    ("guong-hoc-tap", "Gương học tập", "Những câu chuyện học tập ở ấp, ở xã."),
    ("tin-hoat-dong", "Tin hoạt động", "Lớp tập huấn, hội nghị, hoạt động của Hội Khuyến học."),
]  # fmt: skip

UNIT = "Trung tâm Văn hóa – Thể thao và Truyền thông"
ASSOCIATION = "Hội Khuyến học xã Củ Chi"

PROGRAMME_ARTICLES = [
    {
        "slug": "cong-dan-hoc-tap-la-gi",
        "title": "“Công dân học tập” là gì? Vì sao nên tham gia?",
        "summary": "Danh hiệu “Công dân học tập” ghi nhận người chịu khó học hỏi, biết dùng điều "
        "mình học vào công việc và đời sống. Ai cũng có thể tham gia, không phân biệt tuổi hay "
        "bằng cấp.",
        "category": "tim-hieu-chuong-trinh",
        "tags": ["công dân học tập", "học tập suốt đời"],
        "author": "Ban biên tập",
        "unit": UNIT,
        "date": (5, 20),
        "image": "community",
        "caption": "Tranh minh họa: nhà văn hóa ấp là nơi bà con cùng học, cùng đọc.",
        "body": [
            (
                "p",
                "<p>Ngày 03/6/2022, Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng mô hình Công "
                "dân học tập giai đoạn 2021–2030” (Quyết định 677/QĐ-TTg). Mục tiêu rất gần gũi: "
                "mỗi người dân đều có cơ hội học thêm, học suốt đời, để làm ăn tốt hơn và sống "
                "vui hơn.</p>",
            ),
            ("h2", "Ai được công nhận “Công dân học tập”?"),
            (
                "p",
                "<p>Danh hiệu dành cho người dân đáp ứng bộ tiêu chí do Hội Khuyến học Việt Nam "
                "ban hành. Bộ tiêu chí có <b>3 tiêu chí</b> với <b>10 chỉ số</b>, mỗi chỉ số 10 "
                "điểm. Không cần bằng cấp cao: bác nông dân biết tra cứu cách chăm cây trên điện "
                "thoại, cô công nhân chịu khó học thêm nghề, đều đang “học tập suốt đời”.</p>",
            ),
            ("h2", "Tham gia được gì?"),
            (
                "p",
                "<ul><li>Học các khóa ngắn, miễn phí, ngay trên điện thoại.</li>"
                "<li>Biết mình đang mạnh ở đâu, cần học thêm gì qua phần tự đánh giá.</li>"
                "<li>Được Ủy ban nhân dân xã công nhận và cấp giấy chứng nhận có mã QR, ai cũng "
                "kiểm tra được.</li>"
                "<li>Góp phần để gia đình, dòng họ, ấp của mình được công nhận là “Gia đình học "
                "tập”, “Dòng họ học tập”, “Cộng đồng học tập”.</li></ul>",
            ),
            (
                "quote",
                "Học không phải để lấy giấy khen. Học để con cháu thấy ông bà cũng học, "
                "để làm ăn bớt bị thiệt.",
                "Một hội viên Chi hội khuyến học ấp (nhân vật minh họa)",
            ),
            ("h2", "Bắt đầu từ đâu?"),
            (
                "p",
                "<p>Bạn chỉ cần một tài khoản trên trang này. Nếu không quen dùng điện thoại, hãy "
                "nhờ cán bộ chi hội khuyến học ở ấp <b>đăng ký hộ</b>: cán bộ sẽ đưa bạn một mã "
                "kích hoạt 8 số để tự đặt mật khẩu.</p>",
            ),
            (
                "cta",
                "Xem bộ tiêu chí chi tiết",
                "3 tiêu chí, 10 chỉ số được giải thích bằng lời dễ hiểu, kèm ví dụ.",
                "page:bo-tieu-chi",
                "Xem bộ tiêu chí",
            ),
        ],
    },
    {
        "slug": "bo-tieu-chi-3-tieu-chi-10-chi-so",
        "title": "Bộ tiêu chí “Công dân học tập”: 3 tiêu chí, 10 chỉ số, hiểu trong 5 phút",
        "summary": "Tự học, dùng công cụ để làm việc, và sống hòa thuận với mọi người: đó là ba "
        "tiêu chí. Mỗi chỉ số 10 điểm; đạt từ 80 điểm trở lên và không chỉ số nào dưới 5 điểm "
        "là đạt.",
        "category": "tim-hieu-chuong-trinh",
        "tags": ["bộ tiêu chí", "tự đánh giá"],
        "author": "Ban biên tập",
        "unit": UNIT,
        "date": (6, 3),
        "image": "criteria",
        "caption": "Ba tiêu chí, mười chỉ số: mỗi chỉ số tối đa 10 điểm.",
        "body": [
            (
                "p",
                "<p>Bộ tiêu chí không phải bài thi. Đó là danh sách những việc một người ham "
                "học thường làm. Bạn tự chấm điểm trước, rồi chi hội kiểm tra, Hội Khuyến học "
                "xã đánh giá và Ủy ban nhân dân xã công nhận.</p>",
            ),
            ("h2", "Tiêu chí 1: Tự học và học tập suốt đời"),
            (
                "p",
                "<ol><li>Thường xuyên cập nhật thông tin qua sách, báo, ti vi, máy tính, điện "
                "thoại.</li><li>Có kế hoạch học tập gắn với công việc hoặc các chương trình của "
                "địa phương.</li><li>Tham gia học ở cộng đồng: nhà văn hóa, thư viện, câu lạc "
                "bộ, buổi nói chuyện chuyên đề.</li><li>Động viên người trong gia đình, đồng "
                "nghiệp cùng học.</li></ol>",
            ),
            ("h2", "Tiêu chí 2: Dùng công cụ để làm việc"),
            (
                "p",
                '<ol start="5"><li>Sử dụng công nghệ thông tin theo yêu cầu công việc. Đây '
                "là chỉ số về <b>kỹ năng số</b>.</li><li>Sử dụng ngoại ngữ theo yêu cầu công "
                "việc.</li><li>Biết tính toán, áp dụng vào công việc.</li><li>Biết suy nghĩ, "
                "phân tích trước khi làm và trong cuộc sống.</li></ol>",
            ),
            ("h2", "Tiêu chí 3: Xây dựng và giữ gìn quan hệ xã hội"),
            (
                "p",
                '<ol start="9"><li>Sống hòa thuận, biết hóa giải mâu thuẫn.</li><li>Hợp tác, '
                "chia sẻ với đồng nghiệp và cộng đồng.</li></ol>",
            ),
            ("image", "community", "Học ở nhà văn hóa ấp cũng được tính vào chỉ số 3."),
            ("h2", "Thế nào là đạt?"),
            (
                "p",
                "<p>Tổng điểm từ <b>80/100</b> trở lên <b>và</b> không có chỉ số nào dưới 5 "
                "điểm. Ở vùng khó khăn, vùng đồng bào dân tộc thiểu số, mức đạt có thể thấp hơn "
                "theo quy định của địa phương.</p>",
            ),
            (
                "faq",
                "Hỏi nhanh, đáp gọn",
                [
                    (
                        "Tôi không biết ngoại ngữ thì có đạt được không?",
                        "<p>Được. Chỉ số 6 chấm theo yêu cầu công việc của bạn. Nhiều công "
                        "việc không cần ngoại ngữ; bạn vẫn có thể đạt đủ 80 điểm nhờ các chỉ "
                        "số khác.</p>",
                    ),
                    (
                        "Minh chứng là gì?",
                        "<p>Là thứ cho thấy bạn đã làm: giấy chứng nhận một khóa học, ảnh buổi "
                        "sinh hoạt câu lạc bộ, hoặc xác nhận của cán bộ chi hội. Khóa học hoàn "
                        "thành trên trang này được ghi nhận tự động.</p>",
                    ),
                    (
                        "Chấm sai thì sao?",
                        "<p>Không sao. Chi hội sẽ xem lại cùng bạn và có thể trả lại hồ sơ để bổ "
                        "sung.</p>",
                    ),
                ],
            ),
            (
                "cta",
                "Học khóa “Tìm hiểu bộ tiêu chí”",
                "Khóa học ngắn, có câu hỏi ôn tập sau mỗi bài.",
                "course:first",
                "Bắt đầu học",
            ),
        ],
    },
    {
        "slug": "dang-ky-cong-dan-hoc-tap-nam-{year}",
        "title": "Đăng ký “Công dân học tập” năm {year}: lịch từng tháng và việc cần làm",
        "summary": "Tháng 6–7 tập huấn, tháng 8–9 đăng ký và tự đánh giá, tháng 10 xã đánh giá, "
        "cuối năm công nhận. Xem lịch để không lỡ đợt đánh giá năm {year}.",
        "category": "huong-dan-dang-ky",
        "tags": ["đăng ký", "lịch", "tự đánh giá"],
        "author": "",
        "unit": ASSOCIATION,
        "date": (7, 15),
        "image": "calendar",
        "caption": "Mỗi năm có một đợt đánh giá; hãy đăng ký trong tháng 8 và tháng 9.",
        "body": [
            (
                "p",
                "<p>Mỗi năm có một <b>đợt đánh giá</b>. Dưới đây là lịch thường áp dụng tại "
                "các xã; ngày cụ thể do Hội Khuyến học xã thông báo ở nhà văn hóa ấp và trên "
                "trang này.</p>",
            ),
            ("h2", "Lịch đợt đánh giá năm {year}"),
            (
                "p",
                "<ul><li><b>Tháng 6 – tháng 7:</b> tập huấn cho cán bộ chi hội và người dân "
                "về bộ tiêu chí và cách dùng phần mềm.</li>"
                "<li><b>Tháng 8 – tháng 9:</b> người dân đăng ký, tự đánh giá và nộp minh "
                "chứng.</li>"
                "<li><b>Tháng 10:</b> chi hội kiểm tra, Hội Khuyến học xã đánh giá, lập danh "
                "sách đề nghị.</li>"
                "<li><b>Tháng 11 – tháng 12:</b> Ủy ban nhân dân xã thẩm định, công nhận và cấp "
                "giấy chứng nhận; Hội tổng kết, báo cáo trước ngày 15/12.</li></ul>",
            ),
            ("h2", "Ba bước đăng ký trên điện thoại"),
            ("h3", "Bước 1: Tạo tài khoản"),
            (
                "p",
                "<p>Bấm “Đăng ký tài khoản”, nhập họ tên, số điện thoại và mật khẩu. Nếu được "
                "cán bộ đăng ký hộ, hãy dùng mã kích hoạt 8 số cán bộ đưa.</p>",
            ),
            ("h3", "Bước 2: Tự đánh giá"),
            (
                "p",
                "<p>Chấm điểm 10 chỉ số. Chỗ nào chưa chắc, hãy học khóa ngắn tương ứng rồi "
                "chấm lại.</p>",
            ),
            ("h3", "Bước 3: Gửi hồ sơ"),
            (
                "p",
                "<p>Bấm “Gửi hồ sơ”. Chi hội sẽ kiểm tra; nếu cần thêm minh chứng, hồ sơ được "
                "trả lại để bổ sung, bạn sửa và gửi lại.</p>",
            ),
            ("document", "calendar", "Lịch đợt đánh giá năm {year} (bản in)"),
            (
                "cta",
                "Chưa rõ bộ tiêu chí?",
                "Học khóa ngắn trước khi tự đánh giá, mất khoảng nửa giờ.",
                "course:first",
                "Học ngay",
            ),
        ],
    },
]
