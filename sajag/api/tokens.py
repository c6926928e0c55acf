"""Making a token: its service account, the postings that scope it, the secret shown once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from sajag.accounts.models import Posting

from .models import PREFIX_LENGTH, ApiToken, hash_token


@transaction.atomic
def create_token(*, name: str, role: str, department=None, districts=(), by=None) -> tuple[ApiToken, str]:
    """One posting per district (or one without a district); returns (token, secret)."""
    User = get_user_model()
    account = User.objects.create(username=f"api.{name.lower().replace(' ', '-')}"[:150], first_name=name)
    account.set_unusable_password()  # a service account never signs in to the web
    account.save()
    for district in districts or [None]:
        posting = Posting(user=account, role=role, department=department, district=district, title=f"API: {name}")
        posting.full_clean()
        posting.save()
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        name=name, account=account, prefix=secret[:PREFIX_LENGTH], key_hash=hash_token(secret), created_by=by
    )
    return token, secret


def check_name(name: str) -> None:
    if ApiToken.objects.filter(name=name).exists():
        raise ValidationError(f"a token named {name!r} exists already")
