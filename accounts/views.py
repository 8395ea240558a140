import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from limits.windows import client_ip, window_check, window_count, window_hit
from playbook.spreadsheet import ExportJSONEncoder, csv_cell

from . import selectors, services
from .forms import AccountDeleteForm, EmailChangeForm, SignUpForm
from .next_page import next_page

HOUR = 60 * 60


class LogoutView(auth_views.LogoutView):
    """Django's log-out (POST only, a safe `next` honoured), saying on the next page that it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # Added after the session is flushed: the message travels in its cookie to the page the visitor lands on.
        messages.success(request, "You are logged out.")
        return response


@require_http_methods(["GET", "POST"])
def signup(request):
    destination = next_page(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(destination or reverse("practice:start"))
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        ip = client_ip(request) or "unknown"
        window_check(action="signup", key=ip, limit=settings.SIGNUPS_PER_IP_PER_HOUR, window_seconds=HOUR,
                     message="Too many accounts were created from your network in the last hour.")
        if form.is_valid():
            user = form.save()
            window_count(action="signup", key=ip, window_seconds=HOUR)
            # The project's backend, as for a log-in: it loads the user with their role on every later request.
            login(request, user, backend="banks.auth.RoleAwareBackend")
            return HttpResponseRedirect(destination or reverse("practice:start"))
    return render(request, "accounts/signup.html", {"form": form, "next": destination})


_login = auth_views.LoginView.as_view(template_name="accounts/login.html")


@require_http_methods(["GET", "POST"])
def login_view(request):
    """Django's log-in, behind a per-IP limit on attempts; django-axes locks one username from one IP after
    repeated wrong passwords."""
    if request.method == "POST":
        window_hit(action="login", key=client_ip(request) or "unknown", limit=settings.LOGINS_PER_IP_PER_MINUTE,
                   window_seconds=60, message="Too many log-in attempts from your network in the last minute.")
    response = _login(request)
    if getattr(request, "axes_locked_out", False):
        # AxesMiddleware replaces this response with accounts/locked_out.html, rendered from this request.
        request.login_lockout_time_left = selectors.login_lockout_time_left(request=request)
    return response


_password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)


@require_http_methods(["GET", "POST"])
def password_reset(request):
    """Django's reset by e-mail, behind a per-IP limit so it cannot be used to flood mailboxes."""
    if request.method == "POST":
        window_hit(action="password_reset", key=client_ip(request) or "unknown",
                   limit=settings.PASSWORD_RESETS_PER_IP_PER_HOUR, window_seconds=HOUR,
                   message="Too many password resets were asked for from your network in the last hour.")
    return _password_reset(request)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's, and the new password also ends any log-in lockout of the account: whoever set it holds its
    mailbox, and the page tells them they can log in with it now."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_lockout_clear(user=form.user)
        return response


def _data_page(request, form: AccountDeleteForm):
    context = {
        "summary": selectors.account_summary(user=request.user),
        "kinds": selectors.export_kinds(user=request.user),
        "form": form,
        "retention_days": settings.ANSWER_RETENTION_DAYS,
    }
    return render(request, "accounts/data.html", context)


@login_required
@require_GET
def data(request):
    return _data_page(request, AccountDeleteForm(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    form = EmailChangeForm(request.POST or None, user=request.user, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        services.user_email_set(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, f"Your e-mail address is now {request.user.email}. A password reset is sent there.")
        return redirect("accounts:data")
    return render(request, "accounts/email_change.html", {"form": form})


def _attachment(response: HttpResponse, request, extension: str, kind: str = "all") -> HttpResponse:
    stamp = timezone.localdate().strftime("%Y%m%d")  # the reader's date (their `tz` cookie), as every page shows
    filename = f"playbook-{request.user.get_username()}-{kind}-{stamp}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def data_export_json(request):
    export = selectors.account_export(user=request.user)
    return _attachment(JsonResponse(export, encoder=ExportJSONEncoder, json_dumps_params={"indent": 2}), request,
                       "json")


@login_required
@require_GET
def data_export_csv(request, kind: str):
    rows = selectors.export_rows(user=request.user, kind=kind)
    if rows is None:
        raise Http404("No such export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # The header is written even with no rows, so an empty export opens in a spreadsheet as a table, not 0 bytes.
    writer = csv.DictWriter(response, fieldnames=selectors.EXPORT_KINDS[kind].columns)
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    return _attachment(response, request, "csv", kind)


@login_required
@require_POST
def data_delete(request):
    form = AccountDeleteForm(request.POST, user=request.user)
    if not form.is_valid():
        return _data_page(request, form)
    services.account_delete(user=request.user)
    logout(request)
    messages.success(request, "Your account and everything stored with it are deleted.")
    return redirect("playbook:home")
