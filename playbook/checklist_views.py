from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .forms import ChecklistTickForm


@require_GET
def checklist(request):
    return render(request, "playbook/checklist.html", {"areas": selectors.checklist(user=request.user)})


@require_POST
def checklist_tick(request, key: str):
    """Tick or untick an item for the logged-in candidate only; htmx gets the item's area back with its progress."""
    if not request.user.is_authenticated:
        # Back to the checklist after logging in: this URL only takes POSTs.
        return redirect_to_login(reverse("playbook:checklist"))
    item = selectors.checklist_item_for(key=key)
    form = ChecklistTickForm(request.POST)
    error = ""
    if form.is_valid():
        services.checklist_tick_set(user=request.user, item=item, ticked=form.cleaned_data["ticked"])
    else:
        error = form.errors["ticked"][0]
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{reverse('playbook:checklist')}#item-{item.key}")
    progress = selectors.checklist(user=request.user, area=item.area)[0]
    return render(request, "playbook/checklist.html#area", {"progress": progress, "tick_error": error})
