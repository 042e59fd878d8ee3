from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("toi/", views.dashboard, name="dashboard"),
    path("toi/thong-tin/", views.profile_edit, name="profile_edit"),
    path("toi/du-lieu.json", views.my_data_export, name="my_data_export"),
    path("kich-hoat/", views.activate, name="activate"),
    path("kich-hoat/<str:token>/", views.activate_by_link, name="activate_by_link"),
    path("can-bo/nguoi-dan/", views.people_list, name="people_list"),
    path("can-bo/nguoi-dan/<int:pk>/", views.person_detail, name="person_detail"),
    path(
        "can-bo/nguoi-dan/<int:pk>/cap-lai-ma/",
        views.person_reissue_code,
        name="person_reissue_code",
    ),
    path("can-bo/dang-ky-ho/", views.assisted_register, name="assisted_register"),
    path("can-bo/dang-ky-ho/ma-kich-hoat/", views.assisted_done, name="assisted_done"),
]
