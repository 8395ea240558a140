from django.utils.http import url_has_allowed_host_and_scheme


def next_page(request) -> str:
    """The page that sent the visitor to log in or sign up, to return to afterwards; "" unless it is on this site."""
    url = request.POST.get("next") or request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if safe else ""
