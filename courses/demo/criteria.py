"""Demo course 1: Hiểu đúng về Công dân học tập (the title, its criteria, registering and
review), as data for the loader."""

from courses.demo.blocks import ACTIVITY_SLOT, _html, _option, multiple, single, true_false


def _criteria_course() -> dict:
    return {
        "slug": "hieu-dung-ve-cong-dan-hoc-tap",
        "title": "Hiểu đúng về Công dân học tập",
        "track": "criteria",
        "level": "basic",
        "estimated_minutes": 45,
        "summary": (
            "Danh hiệu “Công dân học tập” là gì, gồm những tiêu chí nào, đăng ký và tự đánh giá "
            "ra sao, ai xét công nhận và vào lúc nào. Bốn bài ngắn, học trên điện thoại."
        ),
        "outcomes": _html(
            """<ul>
            <li>Biết danh hiệu “Công dân học tập” là gì và vì sao nên tham gia.</li>
            <li>Nắm được 3 tiêu chí, 10 chỉ số và khi nào thì đạt.</li>
            <li>Tự đánh giá đúng sức mình và chuẩn bị minh chứng cho từng chỉ số.</li>
            <li>Biết hồ sơ đi qua những ai và các mốc thời gian trong năm.</li>
            </ul>"""
        ),
        "audience": (
            "Người dân muốn đăng ký danh hiệu “Công dân học tập”.\n"
            "Cán bộ, hội viên Hội Khuyến học cần hướng dẫn bà con.\n"
            "Cán bộ, công chức, người lao động trong các đơn vị học tập."
        ),
        "competences": [("2.3", 1)],
        "modules": [
            {
                "slug": "danh-hieu-va-bo-tieu-chi",
                "title": "Danh hiệu và bộ tiêu chí",
                "summary": "Danh hiệu “Công dân học tập” là gì; 3 tiêu chí, 10 chỉ số, 100 điểm.",
                "lessons": [
                    {
                        "key": "tieu-chi/cong-dan-hoc-tap-la-gi",
                        "slug": "cong-dan-hoc-tap-la-gi",
                        "title": "Công dân học tập là gì?",
                        "minutes": 8,
                        "content": [("text", LESSON_WHAT_IS)],
                    },
                    {
                        "key": "tieu-chi/3-tieu-chi-10-chi-so",
                        "slug": "3-tieu-chi-10-chi-so",
                        "title": "3 tiêu chí, 10 chỉ số",
                        "minutes": 12,
                        "content": [
                            ("text", LESSON_CRITERIA),
                            ACTIVITY_SLOT,
                            ("quiz", QUIZ_CRITERIA),
                        ],
                    },
                ],
            },
            {
                "slug": "dang-ky-va-xet-cong-nhan",
                "title": "Đăng ký, tự đánh giá và xét công nhận",
                "summary": "Các bước đăng ký, minh chứng, ai xét hồ sơ và lịch trong năm.",
                "lessons": [
                    {
                        "key": "tieu-chi/dang-ky-va-tu-danh-gia",
                        "slug": "dang-ky-va-tu-danh-gia",
                        "title": "Đăng ký và tự đánh giá có minh chứng",
                        "minutes": 12,
                        "content": [("text", LESSON_REGISTER)],
                    },
                    {
                        "key": "tieu-chi/ai-xet-va-khi-nao",
                        "slug": "ai-xet-va-khi-nao",
                        "title": "Ai xét công nhận và khi nào?",
                        "minutes": 10,
                        "content": [("text", LESSON_REVIEW), ACTIVITY_SLOT, ("quiz", QUIZ_REVIEW)],
                    },
                ],
            },
        ],
    }


LESSON_WHAT_IS = """
<p>“Công dân học tập” là danh hiệu dành cho người chịu khó học hỏi: học qua sách báo, qua
điện thoại, qua lớp học ở ấp, học từ người thân và đồng nghiệp. Học để làm việc tốt hơn, sống tốt
hơn và giúp được người xung quanh.</p>
<h2>Vì sao có danh hiệu này?</h2>
<p>Ngày 03/6/2022, Thủ tướng Chính phủ ban hành Quyết định số 677/QĐ-TTg, phê duyệt Đề án
“Xây dựng mô hình Công dân học tập giai đoạn 2021–2030”. Đề án khuyến khích mọi người học tập
suốt đời, góp phần xây dựng xã hội học tập.</p>
<p>Bộ tiêu chí để xét danh hiệu do <b>Hội Khuyến học Việt Nam</b> ban hành. Hội Khuyến học các cấp
hướng dẫn và đánh giá; <b>Ủy ban nhân dân xã</b> thẩm định và công nhận.</p>
<h2>Tham gia để làm gì?</h2>
<ul>
<li>Bạn nhìn lại việc học của mình và biết mình nên học thêm gì.</li>
<li>Việc học của bạn được ghi nhận bằng quyết định công nhận của xã.</li>
<li>Bạn góp phần xây dựng Gia đình học tập, Dòng họ học tập, Cộng đồng học tập và Đơn vị học
tập nơi mình sống, làm việc.</li>
</ul>
<h2>Ai tham gia được?</h2>
<p>Mọi người dân đều có thể tham gia: người làm nông, công nhân, thợ thủ công, cán bộ, công chức,
người kinh doanh… Mỗi nhóm đối tượng có phiếu tự đánh giá riêng, lời lẽ gần với công việc của
mình, nhưng đều gồm cùng 10 chỉ số.</p>
<p><b>Ghi nhớ:</b> danh hiệu không xét bằng cấp. Điều được xem xét là bạn có học thường xuyên và
đem điều đã học vào cuộc sống hay không.</p>
"""

LESSON_CRITERIA = """
<p>Bộ tiêu chí có <b>3 tiêu chí</b>, chia thành <b>10 chỉ số</b>. Mỗi chỉ số tối đa 10 điểm. Cả bộ
là 100 điểm.</p>
<h2>Tiêu chí 1. Năng lực tự học và học tập suốt đời</h2>
<ul>
<li><b>Chỉ số 1.</b> Thường xuyên cập nhật thông tin qua sách, báo, truyền hình, máy tính, điện
thoại.</li>
<li><b>Chỉ số 2.</b> Có kế hoạch học tập gắn với công việc, với các chương trình, phong trào mình
tham gia.</li>
<li><b>Chỉ số 3.</b> Tham gia học tập ở cộng đồng: nhà văn hóa, thư viện, câu lạc bộ, buổi sinh
hoạt chuyên đề.</li>
<li><b>Chỉ số 4.</b> Động viên người trong gia đình và đồng nghiệp cùng học.</li>
</ul>
<h2>Tiêu chí 2. Năng lực sử dụng công cụ tương tác</h2>
<ul>
<li><b>Chỉ số 5.</b> Sử dụng công nghệ thông tin theo yêu cầu công việc. Đây là chỉ số về
<b>kỹ năng số</b>.</li>
<li><b>Chỉ số 6.</b> Sử dụng ngoại ngữ theo yêu cầu công việc.</li>
<li><b>Chỉ số 7.</b> Biết tính toán, vận dụng vào công việc.</li>
<li><b>Chỉ số 8.</b> Biết suy xét, phân biệt đúng sai trong công việc và đời sống (tư duy phản
biện).</li>
</ul>
<h2>Tiêu chí 3. Năng lực xây dựng và duy trì các mối quan hệ xã hội</h2>
<ul>
<li><b>Chỉ số 9.</b> Giữ quan hệ thân thiện, biết hóa giải mâu thuẫn.</li>
<li><b>Chỉ số 10.</b> Hợp tác, chia sẻ với đồng nghiệp và cộng đồng.</li>
</ul>
<h2>Thế nào là đạt?</h2>
<p>Bạn đạt khi có <b>đủ cả hai điều</b>:</p>
<ol>
<li>Tổng điểm từ <b>80</b> trở lên (trên 100 điểm);</li>
<li>Không có chỉ số nào <b>dưới 5 điểm</b>.</li>
</ol>
<p>Ví dụ: chú Mười được 85 điểm, nhưng chỉ số 6 (ngoại ngữ) chỉ được 4 điểm. Chú <b>chưa đạt</b>,
vì có một chỉ số dưới 5. Anh Khôi được 80 điểm, chỉ số thấp nhất của anh là 6 điểm. Anh
<b>đạt</b>.</p>
<p>Ở một số vùng khó khăn, vùng đồng bào dân tộc thiểu số, mức tổng điểm có thể thấp hơn. Hãy hỏi
Hội Khuyến học xã để biết mức áp dụng ở nơi bạn ở.</p>
<p><b>Ghi nhớ:</b> các khóa học kỹ năng số trên trang này giúp bạn nâng chỉ số 5 và có thêm minh
chứng khi tự đánh giá.</p>
"""

QUIZ_CRITERIA = {
    "title": "Ôn tập: danh hiệu và bộ tiêu chí",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [],
    "questions": [
        single(
            "Bộ tiêu chí “Công dân học tập” có bao nhiêu tiêu chí và bao nhiêu chỉ số?",
            _option(
                "3 tiêu chí, 10 chỉ số",
                "3 tiêu chí chia thành 10 chỉ số, mỗi chỉ số tối đa 10 điểm.",
                correct=True,
            ),
            _option("5 tiêu chí, 20 chỉ số", "Bộ tiêu chí chỉ có 3 tiêu chí, 10 chỉ số."),
            _option(
                "10 tiêu chí, 3 chỉ số",
                "Bạn đang đảo ngược hai con số: 3 tiêu chí, 10 chỉ số.",
            ),
        ),
        single(
            "Cô Hạnh được tổng 86 điểm, nhưng chỉ số 7 (tính toán) chỉ được 4 điểm. Cô có đạt "
            "không?",
            _option(
                "Đạt, vì tổng điểm trên 80",
                "Tổng điểm đủ, nhưng còn điều kiện thứ hai: không chỉ số nào dưới 5.",
            ),
            _option(
                "Chưa đạt, vì có một chỉ số dưới 5 điểm",
                "Phải đủ cả hai điều: tổng từ 80 điểm và không chỉ số nào dưới 5.",
                correct=True,
            ),
            _option(
                "Đạt, nếu gia đình cô là Gia đình học tập",
                "Danh hiệu xét cho từng người, theo điểm của chính người đó.",
            ),
        ),
        multiple(
            "Những việc nào thuộc Tiêu chí 1 — năng lực tự học và học tập suốt đời?",
            _option(
                "Đọc báo, xem tin tức trên điện thoại mỗi ngày",
                "Đúng: đây là chỉ số 1, cập nhật thông tin.",
                correct=True,
            ),
            _option(
                "Sinh hoạt câu lạc bộ ở nhà văn hóa ấp",
                "Đúng: đây là chỉ số 3, học tập ở cộng đồng.",
                correct=True,
            ),
            _option(
                "Động viên con cháu cùng học",
                "Đúng: đây là chỉ số 4.",
                correct=True,
            ),
            _option(
                "Hợp tác với đồng nghiệp để làm xong việc chung",
                "Việc này rất tốt, nhưng thuộc Tiêu chí 3 (chỉ số 10), không thuộc Tiêu chí 1.",
            ),
            incorrect="Tiêu chí 1 gồm các chỉ số 1 đến 4: cập nhật thông tin, kế hoạch học tập, "
            "học ở cộng đồng, động viên người khác cùng học.",
        ),
        true_false(
            "Chỉ số 5 — sử dụng công nghệ thông tin theo yêu cầu công việc — là chỉ số về kỹ "
            "năng số.",
            True,
            correct="Chỉ số 5 thuộc Tiêu chí 2. Học các khóa kỹ năng số giúp bạn nâng điểm chỉ "
            "số này.",
            incorrect="Chỉ số 5 chính là chỉ số về kỹ năng số, thuộc Tiêu chí 2.",
        ),
        true_false(
            "Muốn đạt danh hiệu “Công dân học tập”, bạn phải có bằng đại học.",
            False,
            correct="Danh hiệu không xét bằng cấp. Điều được xem xét là bạn có chịu khó học và "
            "đem điều đã học vào cuộc sống hay không.",
            incorrect="Không cần bằng đại học. Danh hiệu xét việc học thường xuyên và cách bạn "
            "dùng điều đã học, theo 10 chỉ số.",
        ),
    ],
}

LESSON_REGISTER = """
<p>Mỗi năm có một đợt đánh giá. Bạn đăng ký, tự chấm điểm từng chỉ số và gửi kèm minh chứng. Bạn
có thể tự làm trên điện thoại, hoặc nhờ cán bộ chi hội khuyến học ở ấp đăng ký hộ.</p>
<h2>Các bước làm</h2>
<ol>
<li><b>Đăng ký tài khoản</b> trên trang này. Nếu không tự làm được, hãy nhờ cán bộ chi hội
đăng ký hộ. Bạn sẽ nhận một mã kích hoạt để tự đặt mật khẩu. Không dùng chung mật khẩu với ai.</li>
<li><b>Đăng ký</b> danh hiệu cho đợt đánh giá năm nay. Chọn nhóm đối tượng hợp với công việc
của bạn, ví dụ: nông dân và lao động nông thôn; công nhân, thợ thủ công; cán bộ, công chức.</li>
<li><b>Tự đánh giá</b>: đọc từng chỉ số, tự cho điểm trung thực, tối đa 10 điểm mỗi chỉ số.</li>
<li><b>Đính kèm minh chứng</b> cho từng chỉ số.</li>
<li><b>Gửi hồ sơ</b>. Sau đó bạn vẫn xem được hồ sơ đang ở bước nào.</li>
</ol>
<h2>Minh chứng là gì?</h2>
<p>Minh chứng là thứ cho thấy bạn đã thật sự làm điều mình kê khai. Có thể là:</p>
<ul>
<li>ảnh chụp giấy chứng nhận, giấy khen, thẻ thư viện, giấy mời dự lớp tập huấn;</li>
<li>đường link tới khóa học trực tuyến bạn đã học;</li>
<li>khóa học bạn đã hoàn thành trên trang này — hệ thống tự ghi nhận;</li>
<li>xác nhận của cán bộ chi hội khuyến học, khi bạn không có giấy tờ.</li>
</ul>
<h2>Mẹo tự đánh giá</h2>
<ul>
<li>Chấm đúng sức mình. Chấm cao mà không có minh chứng, hồ sơ có thể bị trả lại để bổ sung.</li>
<li>Xem kỹ các chỉ số dưới 5 điểm: chỉ một chỉ số dưới 5 là chưa đạt.</li>
<li>Ảnh chụp cần rõ chữ, đủ sáng. Che bớt thông tin riêng không cần thiết, như số tài khoản ngân
hàng.</li>
</ul>
"""

LESSON_REVIEW = """
<p>Sau khi bạn gửi, hồ sơ đi qua ba nơi:</p>
<ol>
<li><b>Chi hội khuyến học ấp (khu phố)</b> kiểm tra hồ sơ và minh chứng. Người làm việc ở cơ quan,
đơn vị thì do ban khuyến học của đơn vị kiểm tra. Nếu còn thiếu, hồ sơ được <b>trả lại để bổ
sung</b>: bạn sửa rồi gửi lại.</li>
<li><b>Hội Khuyến học xã</b> đánh giá đạt hay không đạt, rồi lập danh sách đề nghị công nhận.</li>
<li><b>Ủy ban nhân dân xã</b> thẩm định và ra <b>quyết định công nhận</b> danh hiệu “Công dân học
tập”.</li>
</ol>
<h2>Lịch trong năm</h2>
<p>Mỗi địa phương có kế hoạch riêng. Thường là:</p>
<ul>
<li><b>Tháng 6 – 7:</b> tập huấn cho cán bộ và người dân về bộ tiêu chí.</li>
<li><b>Tháng 8 – 9:</b> người dân đăng ký và tự đánh giá.</li>
<li><b>Tháng 10:</b> Hội Khuyến học xã kiểm tra, đánh giá, lập danh sách người đạt.</li>
<li><b>Sau đó:</b> UBND xã thẩm định và công nhận.</li>
<li><b>Tháng 11 – 12:</b> Hội Khuyến học tổng kết, báo cáo.</li>
</ul>
<p>Hãy theo dõi thông báo của Hội Khuyến học xã để biết ngày cụ thể ở nơi bạn ở.</p>
<h2>Nếu chưa đạt thì sao?</h2>
<p>Không sao cả. Bạn đã biết mình còn yếu ở chỉ số nào. Hãy học thêm, rồi đăng ký lại ở đợt đánh
giá năm sau.</p>
"""

QUIZ_REVIEW = {
    "title": "Ôn tập: đăng ký và xét công nhận",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [("2.3", 1)],
    "questions": [
        single(
            "Ai ra quyết định công nhận danh hiệu “Công dân học tập” cho người dân trong xã?",
            _option(
                "Chi hội khuyến học ấp",
                "Chi hội kiểm tra hồ sơ đầu tiên, nhưng không ra quyết định công nhận.",
            ),
            _option(
                "Hội Khuyến học xã",
                "Hội Khuyến học xã đánh giá và lập danh sách đề nghị; việc công nhận do UBND xã.",
            ),
            _option(
                "Ủy ban nhân dân xã",
                "UBND xã thẩm định và ra quyết định công nhận.",
                correct=True,
            ),
        ),
        multiple(
            "Những gì có thể dùng làm minh chứng?",
            _option(
                "Ảnh chụp giấy chứng nhận một lớp tập huấn",
                "Đúng. Ảnh cần rõ chữ, đủ sáng.",
                correct=True,
            ),
            _option(
                "Khóa học đã hoàn thành trên trang này",
                "Đúng. Hệ thống tự ghi nhận khóa học bạn đã hoàn thành.",
                correct=True,
            ),
            _option(
                "Xác nhận của cán bộ chi hội khuyến học",
                "Đúng. Khi không có giấy tờ, cán bộ chi hội có thể xác nhận cho bạn.",
                correct=True,
            ),
            _option(
                "Chỉ cần tự kể, không kèm gì cả",
                "Tự kể thôi thì chưa đủ. Hãy kèm ảnh, đường link, hoặc nhờ cán bộ chi hội xác "
                "nhận.",
            ),
            incorrect="Có 3 đáp án đúng: ảnh giấy tờ, khóa học đã hoàn thành và xác nhận của "
            "cán bộ chi hội. Chỉ tự kể thì chưa đủ.",
        ),
        single(
            "Theo lịch thường gặp, người dân đăng ký và tự đánh giá vào lúc nào?",
            _option(
                "Tháng 1 – 2",
                "Theo lịch thường gặp, đăng ký và tự đánh giá vào tháng 8 – 9.",
            ),
            _option(
                "Tháng 8 – 9",
                "Sau đó, tháng 10, Hội Khuyến học xã kiểm tra và đánh giá.",
                correct=True,
            ),
            _option(
                "Tháng 11 – 12",
                "Cuối năm là lúc Hội Khuyến học tổng kết, báo cáo.",
            ),
            correct="Ngày cụ thể tùy kế hoạch của từng xã: hãy theo dõi thông báo của Hội "
            "Khuyến học xã.",
        ),
        true_false(
            "Nếu hồ sơ còn thiếu minh chứng, chi hội có thể trả lại để bạn bổ sung rồi gửi lại.",
            True,
            correct="Trả lại để bổ sung là chuyện bình thường. Bạn sửa đúng chỗ còn thiếu rồi "
            "gửi lại.",
            incorrect="Hồ sơ thiếu minh chứng không bị loại ngay: chi hội trả lại để bạn bổ "
            "sung rồi gửi lại.",
        ),
        true_false(
            "Để được đánh giá cao, bạn nên tự chấm 10 điểm cho mọi chỉ số.",
            False,
            correct="Hãy chấm đúng sức mình và có minh chứng. Chấm quá cao mà không có minh "
            "chứng, hồ sơ dễ bị trả lại.",
            incorrect="Không nên. Điểm tự chấm cần đúng sức mình và có minh chứng đi kèm.",
        ),
    ],
}
