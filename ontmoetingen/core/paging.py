from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int | None = None) -> Page:
    """One page of a list; a page number out of range or not a number gives the nearest page."""
    paginator = Paginator(object_list, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
