from django.urls import path

from people import privacy, views
from people.notifications import views as notices
from people.recovery import views as recovery

app_name = "people"

urlpatterns = [
    path("toi/", views.dashboard, name="dashboard"),
    path("toi/thong-tin/", views.profile_edit, name="profile_edit"),
    path("toi/du-lieu.json", views.my_data_export, name="my_data_export"),
    path("quyen-rieng-tu/", privacy.privacy_notice, name="privacy"),
    path("thong-bao/", notices.inbox, name="notifications"),
    path("thong-bao/da-doc/", notices.mark_read, name="notifications_read_all"),
    path("thong-bao/<int:pk>/da-doc/", notices.mark_read, name="notification_read"),
    path("kich-hoat/", views.activate, name="activate"),
    path("kich-hoat/<str:token>/", views.activate_by_link, name="activate_by_link"),
    path("can-bo/nguoi-dan/", views.people_list, name="people_list"),
    path("can-bo/nguoi-dan/<int:pk>/", views.person_detail, name="person_detail"),
    path(
        "can-bo/nguoi-dan/<int:pk>/cap-lai-ma/",
        views.person_reissue_code,
        name="person_reissue_code",
    ),
    path(
        "can-bo/nguoi-dan/<int:pk>/cap-ma-dat-lai-mat-khau/",
        recovery.officer_issue,
        name="reset_code_issue",
    ),
    path("can-bo/ma-dat-lai-mat-khau/", recovery.officer_done, name="reset_code_done"),
    path("quen-mat-khau/", recovery.forgot, name="password_forgot"),
    path("dat-lai-mat-khau/", recovery.reset_with_code, name="password_reset_code"),
    path("can-bo/dang-ky-ho/", views.assisted_register, name="assisted_register"),
    path("can-bo/dang-ky-ho/ma-kich-hoat/", views.assisted_done, name="assisted_done"),
]
