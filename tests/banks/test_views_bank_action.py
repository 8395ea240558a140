from django.urls import reverse

from banks.models import Bank
from tests.banks.factories import BankFactory


def url_of(bank: Bank) -> str:
    return reverse("banks:action", args=[bank.pk])


def test_it_rejects_get(client, instructor, bank):
    client.force_login(instructor)
    assert client.get(url_of(bank)).status_code == 405


def test_an_anonymous_post_changes_nothing(client, bank, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(url_of(bank), {"action": "archive"})
    assert response.url.startswith(reverse("accounts:login"))
    assert Bank.objects.get(pk=bank.pk).status == Bank.Status.ACTIVE


def test_another_instructor_cannot_archive_it(client, other_instructor, bank):
    client.force_login(other_instructor)
    assert client.post(url_of(bank), {"action": "archive"}).status_code == 404
    assert Bank.objects.get(pk=bank.pk).status == Bank.Status.ACTIVE


def test_archiving_closes_the_link_and_restoring_reopens_it(client, instructor, candidate, bank):
    client.force_login(instructor)
    client.post(url_of(bank), {"action": "archive"})
    client.force_login(candidate)
    assert client.get(reverse("banks:shared", args=[bank.share_token])).status_code == 404

    client.force_login(instructor)
    client.post(url_of(bank), {"action": "restore"})
    client.force_login(candidate)
    assert client.get(reverse("banks:shared", args=[bank.share_token])).status_code == 200


def test_a_new_secret_link_retires_the_old_one(client, instructor, candidate, bank):
    old = bank.share_token
    client.force_login(instructor)
    client.post(url_of(bank), {"action": "new_link"})
    bank.refresh_from_db()
    assert bank.share_token != old
    client.force_login(candidate)
    assert client.get(reverse("banks:shared", args=[old])).status_code == 404


def test_moving_a_bank_down_swaps_it_with_the_next(client, instructor):
    first, second, third = (BankFactory(owner=instructor, position=p) for p in range(3))
    client.force_login(instructor)

    response = client.post(url_of(first), {"action": "down"})

    assert response.status_code == 302 and response.url == reverse("banks:list")
    assert list(Bank.objects.owned_by(instructor).order_by("position").values_list("pk", flat=True)) == [
        second.pk, first.pk, third.pk]


def test_htmx_moves_and_gets_the_new_list(client, instructor, django_assert_num_queries):
    BankFactory(owner=instructor, position=0, title="Alpha")
    second = BankFactory(owner=instructor, position=1, title="Beta")
    client.force_login(instructor)

    response = client.post(url_of(second), {"action": "up"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert body.lstrip().startswith('<section id="bank-list">')
    assert body.index("Beta") < body.index("Alpha")


def test_an_unknown_action_says_so_and_changes_nothing(client, instructor, bank):
    client.force_login(instructor)
    response = client.post(url_of(bank), {"action": "explode"}, follow=True)
    assert "Unknown action." in response.content.decode()
    assert Bank.objects.get(pk=bank.pk).status == Bank.Status.ACTIVE
