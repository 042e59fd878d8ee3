"""Demo content for the outreach site: the home page as the site root."""

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage


@transaction.atomic
def demo_load(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Trang chủ",
            slug="trang-chu",
            intro=(
                "Học các khóa ngắn trên điện thoại, tự đánh giá theo bộ tiêu chí và được "
                "Hội Khuyến học xã xét công nhận danh hiệu “Công dân học tập”."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Công dân học tập"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder
    stdout.write("CMS: home page ready.")
