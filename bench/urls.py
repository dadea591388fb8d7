from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def baseline(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-baseline/", baseline), *portal_urlpatterns]
