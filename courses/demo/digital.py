"""Demo course 2: Kỹ năng số cơ bản (VNeID, scams, online public services), as data for the
loader. The two scam lessons and their quiz are in ``digital_scams``."""

from courses.demo.blocks import (
    ACTIVITY_SLOT,
    SCAM_LESSON,
    _html,
    _option,
    multiple,
    single,
    true_false,
)
from courses.demo.digital_scams import LESSON_SCAM_ACTIONS, LESSON_SCAMS, QUIZ_SCAMS


def _digital_course() -> dict:
    return {
        "slug": "ky-nang-so-co-ban",
        "title": "Kỹ năng số cơ bản",
        "track": "digital",
        "level": "basic",
        "estimated_minutes": 45,
        "summary": (
            "Dùng ứng dụng VNeID an toàn, nhận ra cuộc gọi và tin nhắn lừa đảo, nộp hồ sơ trên "
            "Cổng Dịch vụ công quốc gia. Bốn bài ngắn, học trên điện thoại."
        ),
        "outcomes": _html(
            """<ul>
            <li>Cài đúng ứng dụng VNeID, giữ kín mật khẩu, mã passcode và mã OTP.</li>
            <li>Nhận ra các chiêu lừa đảo hay gặp và biết phải làm gì.</li>
            <li>Tự tìm thủ tục, nộp và theo dõi hồ sơ trên Cổng Dịch vụ công quốc gia.</li>
            </ul>"""
        ),
        "audience": (
            "Người mới dùng điện thoại thông minh, người cao tuổi và người thân giúp đỡ họ.\n"
            "Cán bộ chi hội hướng dẫn bà con.\n"
            "Khóa học giúp nâng chỉ số 5 (kỹ năng số) của bộ tiêu chí “Công dân học tập”."
        ),
        "competences": [("1.2", 1), ("2.3", 1), ("4.1", 1), ("4.2", 2)],
        "modules": [
            {
                "slug": "an-toan-voi-vneid",
                "title": "An toàn với VNeID",
                "summary": "Cài đúng ứng dụng, giữ kín mã, xử lý khi nghi bị lộ tài khoản.",
                "lessons": [
                    {
                        "key": "ky-nang-so/dung-vneid-an-toan",
                        "slug": "dung-vneid-an-toan",
                        "title": "Dùng VNeID an toàn",
                        "minutes": 12,
                        "content": [("text", LESSON_VNEID), ACTIVITY_SLOT, ("quiz", QUIZ_VNEID)],
                    },
                ],
            },
            {
                "slug": "phong-tranh-lua-dao",
                "title": "Phòng tránh lừa đảo trên mạng",
                "summary": "Các chiêu lừa hay gặp và ba bước khi nghi ngờ.",
                "lessons": [
                    {
                        "key": SCAM_LESSON,
                        "slug": "nhan-biet-lua-dao",
                        "title": "Nhận biết lừa đảo trên mạng",
                        "minutes": 12,
                        "content": [("text", LESSON_SCAMS), ACTIVITY_SLOT],
                    },
                    {
                        "key": "ky-nang-so/gap-lua-dao-thi-lam-gi",
                        "slug": "gap-lua-dao-thi-lam-gi",
                        "title": "Gặp lừa đảo thì làm gì?",
                        "minutes": 8,
                        "content": [
                            ("text", LESSON_SCAM_ACTIONS),
                            ACTIVITY_SLOT,
                            ("quiz", QUIZ_SCAMS),
                        ],
                    },
                ],
            },
            {
                "slug": "dich-vu-cong-truc-tuyen",
                "title": "Dịch vụ công trực tuyến",
                "summary": "Tìm thủ tục, nộp hồ sơ và theo dõi kết quả mà không phải đi lại.",
                "lessons": [
                    {
                        "key": "ky-nang-so/nop-ho-so-dich-vu-cong",
                        "slug": "nop-ho-so-dich-vu-cong",
                        "title": "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
                        "minutes": 13,
                        "content": [
                            ("text", LESSON_PUBLIC_SERVICES),
                            ACTIVITY_SLOT,
                            ("quiz", QUIZ_SERVICES),
                        ],
                    },
                ],
            },
        ],
    }


LESSON_VNEID = """
<p><b>VNeID</b> là ứng dụng định danh điện tử quốc gia của Bộ Công an. Với VNeID, bạn có thể xuất
trình thông tin căn cước trên điện thoại, xem một số giấy tờ đã tích hợp (như thẻ bảo hiểm y tế,
giấy phép lái xe) và đăng nhập Cổng Dịch vụ công quốc gia.</p>
<p>Tài khoản VNeID gắn với danh tính của bạn. Ai chiếm được tài khoản có thể mạo danh bạn. Hãy giữ
nó cẩn thận như giữ chìa khóa nhà.</p>
<h2>Cài đúng ứng dụng</h2>
<ul>
<li>Chỉ cài từ <b>App Store</b> (iPhone) hoặc <b>Google Play</b> (điện thoại Android). Tìm đúng tên
“VNeID”.</li>
<li><b>Không</b> cài ứng dụng từ đường link gửi qua tin nhắn, Zalo, Facebook. Không cài tệp có đuôi
<b>.apk</b> do người khác gửi.</li>
<li>Người lạ gọi điện đề nghị “cài giúp”, “kích hoạt giúp” qua điện thoại là dấu hiệu lừa đảo.
Muốn được giúp, hãy đến công an xã, hoặc nhờ người thân tin cậy ngồi cạnh hướng dẫn.</li>
</ul>
<h2>Giữ kín mã của bạn</h2>
<ul>
<li><b>Mật khẩu, mã passcode và mã OTP</b> là của riêng bạn. Không đọc, không chụp gửi cho bất kỳ
ai — kể cả người xưng là công an, cán bộ hay nhân viên ngân hàng.</li>
<li>Mã OTP chỉ dùng khi <b>chính bạn</b> đang đăng nhập hoặc làm thủ tục. Bạn không làm gì mà vẫn
nhận OTP? Có thể ai đó đang thử vào tài khoản của bạn. Đừng đưa mã cho ai, và đổi mật khẩu
ngay.</li>
<li>Đặt mật khẩu khó đoán. Không dùng ngày sinh hay số điện thoại.</li>
<li>Khóa màn hình điện thoại bằng mã số, vân tay hoặc khuôn mặt.</li>
<li>Không cho người khác mượn tài khoản VNeID, kể cả người quen.</li>
</ul>
<h2>Khi nghi tài khoản bị lộ</h2>
<ol>
<li>Đổi mật khẩu VNeID ngay.</li>
<li>Đến công an xã nơi bạn ở để được hướng dẫn.</li>
<li>Nếu có liên quan đến tiền, gọi ngay tổng đài ngân hàng để khóa tài khoản, khóa thẻ.</li>
</ol>
"""

QUIZ_VNEID = {
    "title": "Ôn tập: dùng VNeID an toàn",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [("4.1", 1), ("4.2", 1)],
    "questions": [
        single(
            "Bạn nên tải ứng dụng VNeID từ đâu?",
            _option(
                "App Store hoặc Google Play, đúng tên VNeID",
                "Cài từ chợ ứng dụng chính thức giúp bạn tránh ứng dụng giả.",
                correct=True,
            ),
            _option(
                "Đường link một người xưng là công an gửi qua Zalo",
                "Không nên. Kẻ gian hay gửi link cài ứng dụng giả để chiếm điện thoại của bạn.",
            ),
            _option(
                "Tệp .apk một người bạn chia sẻ trong nhóm",
                "Không nên. Tệp .apk có thể chứa phần mềm độc hại, dù người gửi là người quen: "
                "tài khoản của họ có thể đã bị chiếm.",
            ),
        ),
        true_false(
            "Một người xưng là công an gọi điện, nói cần mã OTP để “kích hoạt định danh” cho "
            "bạn. Bạn nên đọc mã cho họ.",
            False,
            correct="Không bao giờ đọc mã OTP cho ai. Hãy cúp máy; nếu cần, tự đến công an xã "
            "để hỏi.",
            incorrect="Đừng đọc mã. Mã OTP là chìa khóa tài khoản của bạn. Ai xin mã OTP qua "
            "điện thoại đều đáng nghi.",
        ),
        multiple(
            "Việc nào giúp giữ an toàn tài khoản VNeID?",
            _option(
                "Đặt mật khẩu khó đoán, không dùng ngày sinh",
                "Đúng. Ngày sinh, số điện thoại rất dễ bị đoán ra.",
                correct=True,
            ),
            _option(
                "Khóa màn hình điện thoại",
                "Đúng. Lỡ mất điện thoại, người khác cũng khó mở được.",
                correct=True,
            ),
            _option(
                "Chụp màn hình mã passcode gửi con cháu giữ giúp",
                "Không nên. Ảnh gửi qua tin nhắn có thể bị lộ. Mã passcode chỉ mình bạn biết.",
            ),
            _option(
                "Đổi mật khẩu khi nhận mã OTP mà mình không yêu cầu",
                "Đúng. Có thể ai đó đang thử vào tài khoản của bạn.",
                correct=True,
            ),
            incorrect="Có 3 việc nên làm: mật khẩu khó đoán, khóa màn hình, đổi mật khẩu khi "
            "nhận OTP lạ. Mã passcode thì không gửi cho ai.",
        ),
        true_false(
            "Bạn không đăng nhập mà vẫn nhận được mã OTP của VNeID: có thể ai đó đang thử vào "
            "tài khoản của bạn.",
            True,
            correct="Đừng đưa mã cho ai và đổi mật khẩu ngay.",
            incorrect="Mã OTP chỉ được gửi khi có người đang đăng nhập hoặc làm thủ tục. Nếu "
            "không phải bạn, hãy cảnh giác và đổi mật khẩu.",
        ),
        single(
            "Một người quen nhờ “mượn” tài khoản VNeID của bạn để làm thủ tục. Bạn làm gì?",
            _option(
                "Cho mượn, vì là người quen",
                "Không nên. Tài khoản gắn với danh tính của bạn; người khác dùng là mạo danh bạn.",
            ),
            _option(
                "Từ chối, và chỉ họ đến công an xã để được hướng dẫn làm tài khoản riêng",
                "Mỗi người dùng tài khoản của chính mình.",
                correct=True,
            ),
            _option(
                "Cho mượn rồi đổi mật khẩu sau",
                "Vẫn không an toàn. Trong lúc họ dùng, mọi việc làm bằng tài khoản đều mang tên "
                "bạn.",
            ),
        ),
    ],
}

LESSON_PUBLIC_SERVICES = """
<p><b>Cổng Dịch vụ công quốc gia</b> (<a href="https://dichvucong.gov.vn">dichvucong.gov.vn</a>)
là nơi bạn nộp hồ sơ nhiều thủ tục hành chính mà không phải đến cơ quan nhà nước. Ví dụ: đăng ký
khai sinh, xin cấp bản sao trích lục hộ tịch.</p>
<h2>Chuẩn bị</h2>
<ul>
<li>Điện thoại hoặc máy tính có mạng.</li>
<li>Tài khoản VNeID để đăng nhập.</li>
<li>Giấy tờ cần nộp, chụp ảnh rõ nét, đủ các trang.</li>
</ul>
<h2>Bốn bước nộp hồ sơ</h2>
<ol>
<li><b>Vào đúng trang.</b> Gõ chính xác dichvucong.gov.vn. Cẩn thận với trang giả có tên na ná:
trang của cơ quan nhà nước có đuôi <b>.gov.vn</b>.</li>
<li><b>Đăng nhập</b> bằng tài khoản định danh điện tử (VNeID).</li>
<li><b>Tìm thủ tục.</b> Gõ tên thủ tục vào ô tìm kiếm, ví dụ “khai sinh”. Chọn đúng nơi giải
quyết: tỉnh, thành phố và xã, phường của bạn.</li>
<li><b>Điền tờ khai, đính kèm giấy tờ, rồi nộp.</b> Đọc lại thông tin trước khi bấm nộp. Nếu thủ
tục có lệ phí, bạn có thể thanh toán trực tuyến.</li>
</ol>
<h2>Theo dõi hồ sơ</h2>
<p>Nộp xong, bạn nhận được <b>mã hồ sơ</b>. Hãy ghi lại hoặc chụp màn hình. Dùng mã này để tra cứu
xem hồ sơ đang ở bước nào. Khi cần bổ sung hay khi có kết quả, cơ quan giải quyết sẽ báo cho
bạn.</p>
<ul>
<li>Hồ sơ bị yêu cầu bổ sung: đọc kỹ lời nhắn, bổ sung đúng giấy tờ còn thiếu, rồi nộp lại.</li>
<li>Nhận kết quả: tùy thủ tục, bạn nhận bản điện tử, nhận qua bưu điện, hoặc đến nhận trực
tiếp.</li>
</ul>
<p><b>Cần giúp?</b> Hãy đến nơi tiếp nhận hồ sơ của xã, phường: cán bộ sẽ hướng dẫn bạn nộp trực
tuyến. Đừng nhờ người lạ trên mạng “làm hộ” và đưa họ tài khoản của bạn.</p>
"""

QUIZ_SERVICES = {
    "title": "Ôn tập: dịch vụ công trực tuyến",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [("2.3", 1), ("1.2", 1)],
    "questions": [
        single(
            "Địa chỉ nào là Cổng Dịch vụ công quốc gia?",
            _option(
                "dichvucong.gov.vn",
                "Trang của cơ quan nhà nước có đuôi .gov.vn.",
                correct=True,
            ),
            _option(
                "dichvucong-gov.com",
                "Đây là kiểu địa chỉ giả: có dấu gạch và đuôi .com. Đừng nhập thông tin vào "
                "những trang như vậy.",
            ),
            _option(
                "dichvucong.gov.vn.xyz",
                "Trang giả: địa chỉ thật phải kết thúc bằng .gov.vn, không có phần đuôi lạ phía "
                "sau.",
            ),
        ),
        multiple(
            "Để nộp hồ sơ trực tuyến, bạn cần chuẩn bị gì?",
            _option(
                "Tài khoản VNeID để đăng nhập",
                "Đúng. Bạn đăng nhập Cổng bằng tài khoản định danh điện tử.",
                correct=True,
            ),
            _option(
                "Ảnh chụp rõ nét các giấy tờ cần nộp",
                "Đúng. Ảnh mờ, thiếu trang thì hồ sơ dễ bị yêu cầu bổ sung.",
                correct=True,
            ),
            _option(
                "Gửi mật khẩu cho một người trên mạng để họ nộp hộ",
                "Không nên. Đưa mật khẩu cho người lạ là mất quyền kiểm soát tài khoản. Cần giúp, "
                "hãy đến nơi tiếp nhận hồ sơ của xã.",
            ),
            incorrect="Cần chuẩn bị tài khoản VNeID và ảnh chụp giấy tờ. Không đưa mật khẩu "
            "cho ai.",
        ),
        true_false(
            "Nộp hồ sơ xong thì không cần ghi lại mã hồ sơ.",
            False,
            correct="Hãy ghi lại hoặc chụp màn hình mã hồ sơ. Mã này giúp bạn tra cứu hồ sơ đang "
            "ở bước nào.",
            incorrect="Nên ghi lại mã hồ sơ. Không có mã, bạn khó tra cứu hồ sơ của mình.",
        ),
        single(
            "Hồ sơ của bạn bị yêu cầu bổ sung. Bạn làm gì?",
            _option(
                "Đọc kỹ lời nhắn, bổ sung đúng giấy tờ còn thiếu rồi nộp lại",
                "Bổ sung sớm thì hồ sơ được giải quyết sớm.",
                correct=True,
            ),
            _option(
                "Bỏ qua, hồ sơ sẽ tự được giải quyết",
                "Hồ sơ sẽ dừng lại chờ bạn bổ sung.",
            ),
            _option(
                "Nộp một hồ sơ mới giống hệt hồ sơ cũ",
                "Hồ sơ mới vẫn thiếu giấy tờ như cũ. Hãy đọc kỹ phần cần bổ sung.",
            ),
        ),
        true_false(
            "Nếu lúng túng khi nộp trực tuyến, bạn có thể đến nơi tiếp nhận hồ sơ của xã, phường "
            "để được hướng dẫn.",
            True,
            correct="Cán bộ ở xã, phường sẽ hướng dẫn bạn. Đừng nhờ người lạ trên mạng làm hộ.",
            incorrect="Bạn không phải tự xoay xở một mình: cán bộ ở xã, phường sẽ hướng dẫn "
            "bạn nộp trực tuyến.",
        ),
    ],
}
